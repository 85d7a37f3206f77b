//! Finding processes by the label every deployed process carries in its environment
//! (`AGORA_DEPLOYMENT_ID=<id>`), so a deployment never ends up running twice —
//! not even after the server was killed in the middle of starting it.

use uuid::Uuid;

use super::sys;

/// The environment entry that labels a deployment's processes.
pub fn marker(deployment_id: Uuid) -> String {
    format!("AGORA_DEPLOYMENT_ID={deployment_id}")
}

/// Process ids whose environment carries the label (this process excluded).
pub fn find(label: &str) -> Vec<i32> {
    let me = i32::try_from(std::process::id()).unwrap_or(0);
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().to_str().and_then(|n| n.parse::<i32>().ok()))
        .filter(|pid| *pid != me)
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/environ"))
                .map(|env| {
                    env.split(|b| *b == 0)
                        .any(|entry| entry == label.as_bytes())
                })
                .unwrap_or(false)
        })
        .collect()
}

/// Signals every labelled process; answers how many were signalled.
pub fn signal_all(label: &str, sig: i32) -> usize {
    find(label)
        .into_iter()
        .filter(|pid| sys::signal(*pid, sig))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_labelled_child_and_kills_it() {
        let id = Uuid::new_v4();
        let label = marker(id);
        let mut child = std::process::Command::new("/bin/sleep")
            .arg("30")
            .env("AGORA_DEPLOYMENT_ID", id.to_string())
            .spawn()
            .unwrap();
        let pid = i32::try_from(child.id()).unwrap();
        let mut found = Vec::new();
        for _ in 0..50 {
            found = find(&label);
            if !found.is_empty() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        assert_eq!(found, vec![pid]);
        assert_eq!(signal_all(&label, sys::KILL), 1);
        let status = child.wait().unwrap();
        assert!(!status.success());
        assert!(find(&marker(Uuid::new_v4())).is_empty());
    }
}
