//! A deployment's log: every line its process writes, appended to a file (kept across
//! server restarts, rotated at 1 MB) and to a small in-memory ring for the dashboard.

use std::collections::VecDeque;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWriteExt, BufReader};

const RING: usize = 200;
const ROTATE_AT: u64 = 1024 * 1024;
const MAX_LINE: usize = 2000;

/// The log of one deployment.
#[derive(Debug)]
pub struct LogBook {
    path: PathBuf,
    ring: Mutex<VecDeque<String>>,
}

impl LogBook {
    /// A log stored at `path`.
    pub fn new(path: PathBuf) -> Self {
        if std::fs::metadata(&path)
            .map(|m| m.len() > ROTATE_AT)
            .unwrap_or(false)
        {
            let _ = std::fs::rename(&path, path.with_extension("log.1"));
        }
        Self {
            path,
            ring: Mutex::new(VecDeque::with_capacity(RING)),
        }
    }

    /// Writes a line from the platform itself (start, exit, restart).
    pub async fn note(&self, line: &str) {
        self.append(&format!("[agora] {line}")).await;
    }

    async fn append(&self, line: &str) {
        let line: String = line.chars().take(MAX_LINE).collect();
        if let Ok(mut ring) = self.ring.lock() {
            if ring.len() == RING {
                ring.pop_front();
            }
            ring.push_back(line.clone());
        }
        let file = tokio::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
            .await;
        if let Ok(mut f) = file {
            // tokio hands writes to a background thread; flushing waits for this one to
            // land, so lines reach the file in order and readers see them.
            let _ = f.write_all(format!("{line}\n").as_bytes()).await;
            let _ = f.flush().await;
        }
    }

    /// Copies a stream of the process into the log until it closes.
    pub async fn pump(&self, stream: impl AsyncRead + Unpin) {
        let mut lines = BufReader::new(stream).lines();
        while let Ok(Some(line)) = lines.next_line().await {
            self.append(&line).await;
        }
    }

    /// The last `n` lines: from memory, or from the file after a server restart.
    pub fn tail(&self, n: usize) -> Vec<String> {
        if let Ok(ring) = self.ring.lock()
            && !ring.is_empty()
        {
            let skip = ring.len().saturating_sub(n);
            return ring.iter().skip(skip).cloned().collect();
        }
        tail_file(&self.path, n)
    }
}

/// The last `n` lines of a file, reading at most its last 64 KB.
pub fn tail_file(path: &Path, n: usize) -> Vec<String> {
    let Ok(mut f) = std::fs::File::open(path) else {
        return Vec::new();
    };
    let len = f.metadata().map(|m| m.len()).unwrap_or(0);
    let start = len.saturating_sub(64 * 1024);
    if f.seek(SeekFrom::Start(start)).is_err() {
        return Vec::new();
    }
    let mut buf = Vec::new();
    if f.read_to_end(&mut buf).is_err() {
        return Vec::new();
    }
    let text = String::from_utf8_lossy(&buf);
    let lines: Vec<&str> = text.lines().collect();
    let skip = lines.len().saturating_sub(n);
    lines.into_iter().skip(skip).map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn keeps_the_tail_in_memory_and_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("app.log");
        let book = LogBook::new(path.clone());
        book.pump(&b"one\ntwo\nthree\n"[..]).await;
        book.note("started").await;
        assert_eq!(book.tail(2), vec!["three", "[agora] started"]);
        // A new server reads the file.
        let fresh = LogBook::new(path);
        assert_eq!(
            fresh.tail(10),
            vec!["one", "two", "three", "[agora] started"]
        );
    }
}
