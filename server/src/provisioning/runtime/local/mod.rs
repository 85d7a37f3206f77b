//! The built-in local runtime: each deployment is a supervised process on this machine,
//! listening on a free loopback port, sandboxed with bubblewrap where available,
//! with its output captured to a log.
//!
//! Layout on disk, under `<data_dir>/deployments/<deployment id>/`: `work/` (the
//! process's writable directory, with the manifest's files) and `app.log`.

mod logs;
mod process;
mod sandbox;
mod strays;
mod supervisor;
mod sys;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use async_trait::async_trait;
use tokio::sync::{Mutex, mpsc, watch};
use tokio::task::JoinHandle;
use uuid::Uuid;

pub use sandbox::Sandbox;
pub use strays::{find as find_labelled, marker as label_for};

use self::logs::LogBook;
use self::process::Launch;
use self::supervisor::Policy;
use super::{Instance, LaunchSpec, Runtime, RuntimeError, RuntimeEvent};
use crate::catalog::manifest;
use crate::config::LocalRuntimeSettings;

struct Supervised {
    port: u16,
    pid: Arc<AtomicU32>,
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
    logs: Arc<LogBook>,
}

/// Runs deployments as local processes.
pub struct LocalRuntime {
    root: PathBuf,
    settings: LocalRuntimeSettings,
    sandbox: Sandbox,
    http: reqwest::Client,
    events: mpsc::UnboundedSender<RuntimeEvent>,
    running: Mutex<HashMap<Uuid, Supervised>>,
    locks: std::sync::Mutex<HashMap<Uuid, Arc<Mutex<()>>>>,
    books: std::sync::Mutex<HashMap<Uuid, Arc<LogBook>>>,
    restart_backoff: Duration,
}

impl LocalRuntime {
    /// A runtime keeping its files under `data_dir/deployments`; events go to `events`.
    pub fn new(
        data_dir: &Path,
        settings: LocalRuntimeSettings,
        events: mpsc::UnboundedSender<RuntimeEvent>,
    ) -> Result<Arc<Self>, String> {
        let sandbox = Sandbox::detect(settings.sandbox)?;
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(2))
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .build()
            .map_err(|e| format!("health-check client: {e}"))?;
        let root = data_dir.join("deployments");
        std::fs::create_dir_all(&root)
            .map_err(|e| format!("cannot create {}: {e}", root.display()))?;
        let root = root
            .canonicalize()
            .map_err(|e| format!("cannot resolve {}: {e}", root.display()))?;
        tracing::info!(sandbox = sandbox.label(), dir = %root.display(), "local runtime ready");
        Ok(Arc::new(Self {
            root,
            settings,
            sandbox,
            http,
            events,
            running: Mutex::new(HashMap::new()),
            locks: std::sync::Mutex::new(HashMap::new()),
            books: std::sync::Mutex::new(HashMap::new()),
            restart_backoff: Duration::from_millis(500),
        }))
    }

    /// The isolation in use.
    pub fn sandbox(&self) -> &Sandbox {
        &self.sandbox
    }

    /// The address people open a deployment at. Its host is `runtime.app_host`, which the
    /// configuration keeps apart from the console's host so that browsers never send a
    /// member's session cookie to a deployed app.
    fn url_for(&self, port: u16) -> String {
        format!("http://{}:{port}/", self.settings.app_host)
    }

    fn lock_for(&self, id: Uuid) -> Arc<Mutex<()>> {
        match self.locks.lock() {
            Ok(mut locks) => locks.entry(id).or_default().clone(),
            Err(_) => Arc::new(Mutex::new(())),
        }
    }

    fn book(&self, id: Uuid) -> Arc<LogBook> {
        let path = self.root.join(id.to_string()).join("app.log");
        match self.books.lock() {
            Ok(mut books) => books
                .entry(id)
                .or_insert_with(|| Arc::new(LogBook::new(path)))
                .clone(),
            Err(_) => Arc::new(LogBook::new(path)),
        }
    }

    async fn stop_supervised(&self, id: Uuid) {
        let entry = self.running.lock().await.remove(&id);
        if let Some(s) = entry {
            let _ = s.stop.send(true);
            let _ = tokio::time::timeout(Duration::from_secs(10), s.task).await;
        }
        // Anything left with the label (a process of a previous server, say) goes too.
        strays::signal_all(&strays::marker(id), sys::KILL);
    }

    fn prepare(&self, spec: &LaunchSpec, port: u16) -> Result<Launch, RuntimeError> {
        let id = spec.deployment_id;
        let m = &spec.manifest;
        if !self
            .settings
            .allowed_commands
            .iter()
            .any(|c| c == &m.run.command)
        {
            return Err(RuntimeError::fatal(format!(
                "{} is not allowed on this runtime (allowed: {}).",
                m.run.command,
                self.settings.allowed_commands.join(", ")
            )));
        }
        if !Path::new(&m.run.command).exists() {
            return Err(RuntimeError::fatal(format!(
                "{} is not installed on this runtime.",
                m.run.command
            )));
        }
        let workdir = self.root.join(id.to_string()).join("work");
        std::fs::create_dir_all(&workdir).map_err(|e| {
            RuntimeError::retry(format!("cannot create the deployment directory: {e}"))
        })?;
        let mut vars = spec.vars.clone();
        vars.insert("port", port.to_string());
        vars.insert("data_dir", workdir.display().to_string());
        let render = |t: &str| manifest::render(t, &vars).map_err(RuntimeError::fatal);
        for f in &m.files {
            let path = workdir.join(&f.path);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| RuntimeError::retry(format!("cannot create {}: {e}", f.path)))?;
            }
            std::fs::write(&path, render(&f.content)?)
                .map_err(|e| RuntimeError::retry(format!("cannot write {}: {e}", f.path)))?;
        }
        let args = m
            .run
            .args
            .iter()
            .map(|a| render(a))
            .collect::<Result<Vec<_>, _>>()?;
        let mut env = vec![
            ("PATH".to_owned(), "/usr/local/bin:/usr/bin:/bin".to_owned()),
            ("HOME".to_owned(), workdir.display().to_string()),
            ("LANG".to_owned(), "C.UTF-8".to_owned()),
            ("PORT".to_owned(), port.to_string()),
            ("AGORA_DEPLOYMENT_ID".to_owned(), id.to_string()),
        ];
        for (k, v) in &m.run.env {
            env.push((k.clone(), render(v)?));
        }
        Ok(Launch {
            command: m.run.command.clone(),
            args,
            env,
            workdir,
            port,
            health_url: format!("http://127.0.0.1:{port}{}", m.health.path),
            public_url: self.url_for(port),
            health_timeout: Duration::from_secs(self.settings.health_timeout_secs.max(1)),
            logs: self.book(id),
            sandbox: self.sandbox.clone(),
            label: strays::marker(id),
        })
    }
}

#[async_trait]
impl Runtime for LocalRuntime {
    fn name(&self) -> &'static str {
        "local"
    }

    async fn ensure_running(
        &self,
        spec: LaunchSpec,
        restart: bool,
    ) -> Result<Instance, RuntimeError> {
        let id = spec.deployment_id;
        let lock = self.lock_for(id);
        let _guard = lock.lock().await;
        if !restart && let Some(instance) = self.instance(id).await {
            return Ok(instance);
        }
        self.stop_supervised(id).await;
        let port = process::free_port()?;
        let launch = self.prepare(&spec, port)?;
        let child = process::start(&launch, &self.http).await?;
        let pid = Arc::new(AtomicU32::new(child.id().unwrap_or(0)));
        let (stop_tx, stop_rx) = watch::channel(false);
        let logs = launch.logs.clone();
        let task = tokio::spawn(supervisor::supervise(
            id,
            launch,
            child,
            Policy {
                max_restarts: self.settings.max_restarts,
                first_backoff: self.restart_backoff,
            },
            self.http.clone(),
            self.events.clone(),
            pid.clone(),
            stop_rx,
        ));
        let instance = Instance {
            port,
            pid: Some(pid.load(Ordering::SeqCst)).filter(|p| *p != 0),
            url: self.url_for(port),
        };
        self.running.lock().await.insert(
            id,
            Supervised {
                port,
                pid,
                stop: stop_tx,
                task,
                logs,
            },
        );
        Ok(instance)
    }

    async fn stop(&self, deployment_id: Uuid) -> Result<(), RuntimeError> {
        let lock = self.lock_for(deployment_id);
        let _guard = lock.lock().await;
        self.stop_supervised(deployment_id).await;
        Ok(())
    }

    async fn remove(&self, deployment_id: Uuid) -> Result<(), RuntimeError> {
        let lock = self.lock_for(deployment_id);
        let _guard = lock.lock().await;
        self.stop_supervised(deployment_id).await;
        if let Ok(mut books) = self.books.lock() {
            books.remove(&deployment_id);
        }
        let dir = self.root.join(deployment_id.to_string());
        match tokio::fs::remove_dir_all(&dir).await {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(RuntimeError::retry(format!(
                "cannot remove {}: {e}",
                dir.display()
            ))),
        }
    }

    async fn instance(&self, deployment_id: Uuid) -> Option<Instance> {
        let running = self.running.lock().await;
        let s = running.get(&deployment_id)?;
        if s.task.is_finished() {
            return None;
        }
        Some(Instance {
            port: s.port,
            pid: Some(s.pid.load(Ordering::SeqCst)).filter(|p| *p != 0),
            url: self.url_for(s.port),
        })
    }

    async fn log_tail(&self, deployment_id: Uuid, lines: usize) -> Vec<String> {
        if let Some(s) = self.running.lock().await.get(&deployment_id) {
            return s.logs.tail(lines);
        }
        logs::tail_file(
            &self.root.join(deployment_id.to_string()).join("app.log"),
            lines,
        )
    }

    async fn shutdown(&self) {
        let ids: Vec<Uuid> = self.running.lock().await.keys().copied().collect();
        for id in ids {
            self.stop_supervised(id).await;
        }
    }
}
