//! Starting one process of a deployment, waiting for its health check, and stopping it.

use std::path::PathBuf;
use std::process::Stdio;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::process::{Child, Command};

use super::logs::LogBook;
use super::sandbox::Sandbox;
use super::{strays, sys};
use crate::provisioning::runtime::RuntimeError;

/// Everything needed to (re)start a deployment's process.
#[derive(Debug, Clone)]
pub struct Launch {
    /// Program to run (inside the sandbox).
    pub command: String,
    /// Its arguments.
    pub args: Vec<String>,
    /// Its complete environment.
    pub env: Vec<(String, String)>,
    /// Its writable directory.
    pub workdir: PathBuf,
    /// Loopback port it must listen on.
    pub port: u16,
    /// Health check URL.
    pub health_url: String,
    /// Where people open it (on the apps' host, never the console's: see `runtime.app_host`).
    pub public_url: String,
    /// How long it has to become healthy.
    pub health_timeout: Duration,
    /// Where its output goes.
    pub logs: Arc<LogBook>,
    /// Isolation.
    pub sandbox: Sandbox,
    /// Its environment label (see [`strays`]).
    pub label: String,
}

/// Spawns the process (without waiting for health).
pub fn spawn(l: &Launch) -> Result<Child, RuntimeError> {
    let (program, args) = l.sandbox.wrap(&l.command, &l.args, &l.workdir);
    let mut cmd = Command::new(&program);
    cmd.args(&args)
        .env_clear()
        .envs(l.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .current_dir(&l.workdir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .process_group(0);
    sys::die_with_parent(&mut cmd);
    let mut child = cmd
        .spawn()
        .map_err(|e| RuntimeError::fatal(format!("could not start {}: {e}", l.command)))?;
    if let Some(out) = child.stdout.take() {
        let logs = l.logs.clone();
        tokio::spawn(async move { logs.pump(out).await });
    }
    if let Some(err) = child.stderr.take() {
        let logs = l.logs.clone();
        tokio::spawn(async move { logs.pump(err).await });
    }
    Ok(child)
}

/// Spawns the process and waits until its health check answers 2xx or 3xx.
pub async fn start(l: &Launch, http: &reqwest::Client) -> Result<Child, RuntimeError> {
    l.logs.note(&format!("starting on port {}", l.port)).await;
    let mut child = spawn(l)?;
    let started = Instant::now();
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            let tail = l.logs.tail(5).join(" | ");
            l.logs
                .note(&format!("exited during start-up: {status}"))
                .await;
            return Err(RuntimeError::retry(format!(
                "The app exited before it became healthy ({status}). Last output: {tail}"
            )));
        }
        let healthy = http
            .get(&l.health_url)
            .send()
            .await
            .map(|r| r.status().is_success() || r.status().is_redirection())
            .unwrap_or(false);
        if healthy {
            l.logs
                .note(&format!(
                    "healthy after {} ms",
                    started.elapsed().as_millis()
                ))
                .await;
            return Ok(child);
        }
        if started.elapsed() > l.health_timeout {
            terminate(&mut child, &l.label).await;
            l.logs.note("health check timed out; stopped").await;
            return Err(RuntimeError::retry(format!(
                "The app did not answer its health check ({}) within {} s.",
                l.health_url,
                l.health_timeout.as_secs()
            )));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Stops the process: SIGTERM to everything carrying the deployment's label, up to
/// five seconds' grace, then SIGKILL.
pub async fn terminate(child: &mut Child, label: &str) {
    strays::signal_all(label, sys::TERM);
    if let Some(pid) = child.id().and_then(|p| i32::try_from(p).ok()) {
        sys::signal(pid, sys::TERM);
    }
    if tokio::time::timeout(Duration::from_secs(5), child.wait())
        .await
        .is_err()
    {
        let _ = child.start_kill();
        let _ = child.wait().await;
    }
    strays::signal_all(label, sys::KILL);
}

/// A free loopback port (the kernel's choice).
pub fn free_port() -> Result<u16, RuntimeError> {
    std::net::TcpListener::bind(("127.0.0.1", 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| RuntimeError::retry(format!("no free port: {e}")))
}
