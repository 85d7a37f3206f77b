//! Test harness: a fresh database per test (SQLite file or PostgreSQL database), the
//! real `agora` binary started on a free loopback port, and HTTP clients that call
//! its server functions like a browser's script would.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, Database, DbBackend, Statement};
use serde_json::Value;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// Which database the suite runs on (`AGORA_TEST_DATABASE=sqlite|postgres`).
pub fn backend() -> &'static str {
    match std::env::var("AGORA_TEST_DATABASE").as_deref() {
        Ok("postgres") => "postgres",
        _ => "sqlite",
    }
}

fn pg_admin_url() -> String {
    std::env::var("AGORA_TEST_PG_ADMIN_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

fn random_suffix() -> String {
    uuid::Uuid::new_v4().simple().to_string()[..12].to_owned()
}

/// A database that exists for one test.
pub struct TestDb {
    /// The URL the server connects to.
    pub url: String,
    pg_name: Option<String>,
}

impl TestDb {
    /// Creates a fresh, empty database.
    pub async fn create(dir: &Path) -> Self {
        if backend() == "postgres" {
            let name = format!("agora_it_{}", random_suffix());
            let admin = Database::connect(pg_admin_url())
                .await
                .expect("connect to PostgreSQL");
            admin
                .execute_raw(Statement::from_string(
                    DbBackend::Postgres,
                    format!("CREATE DATABASE {name}"),
                ))
                .await
                .expect("create test database");
            admin.close().await.ok();
            let base = pg_admin_url();
            let url = match base.rsplit_once('/') {
                Some((prefix, _)) => format!("{prefix}/{name}"),
                None => panic!("bad admin URL {base}"),
            };
            Self {
                url,
                pg_name: Some(name),
            }
        } else {
            Self {
                url: format!("sqlite://{}?mode=rwc", dir.join("agora.db").display()),
                pg_name: None,
            }
        }
    }

    /// Drops a PostgreSQL test database.
    pub async fn drop_db(&self) {
        if let Some(name) = &self.pg_name
            && let Ok(admin) = Database::connect(pg_admin_url()).await
        {
            let _ = admin
                .execute_raw(Statement::from_string(
                    DbBackend::Postgres,
                    format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
                ))
                .await;
            admin.close().await.ok();
        }
    }
}

/// A running `agora serve` process with its own database and data directory.
pub struct Server {
    /// `http://127.0.0.1:<port>`.
    pub base: String,
    /// The data directory (deployments live under it).
    pub data_dir: PathBuf,
    child: Option<Child>,
    db: TestDb,
    extra_env: Vec<(String, String)>,
    _dir: tempfile::TempDir,
    log: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

impl Server {
    /// Starts a server with demo data.
    pub async fn start() -> Self {
        Self::start_with(&[]).await
    }

    /// Starts a server with demo data and extra `AGORA_*` settings.
    pub async fn start_with(env: &[(&str, &str)]) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = TestDb::create(dir.path()).await;
        let mut server = Self {
            base: String::new(),
            data_dir: dir.path().join("data"),
            child: None,
            db,
            extra_env: env
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            _dir: dir,
            log: Default::default(),
        };
        server.spawn(true).await;
        server
    }

    async fn spawn(&mut self, demo: bool) {
        let port = free_port();
        self.base = format!("http://127.0.0.1:{port}");
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_agora"));
        cmd.arg("serve");
        if demo {
            cmd.arg("--demo");
        }
        for (k, _) in std::env::vars() {
            if k.starts_with("AGORA_") {
                cmd.env_remove(k);
            }
        }
        cmd.env("AGORA_BIND", format!("127.0.0.1:{port}"))
            .env("AGORA_PUBLIC_URL", &self.base)
            .env("AGORA_DATA_DIR", &self.data_dir)
            .env("AGORA_DATABASE_URL", &self.db.url)
            .env("AGORA_DATABASE_MAX_CONNECTIONS", "5")
            .env("AGORA_ARGON2_MEMORY_KIB", "1024")
            .env("AGORA_SIGNUPS_PER_HOUR", "1000")
            .env("AGORA_LOG_LEVEL", "warn")
            .env("AGORA_LOG_FORMAT", "json")
            .env("AGORA_SITE_ROOT", self.data_dir.join("no-site"))
            .envs(self.extra_env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        let mut child = cmd.spawn().expect("start agora");
        for stream in [
            child
                .stdout
                .take()
                .map(|s| Box::new(s) as Box<dyn tokio::io::AsyncRead + Unpin + Send>),
            child
                .stderr
                .take()
                .map(|s| Box::new(s) as Box<dyn tokio::io::AsyncRead + Unpin + Send>),
        ]
        .into_iter()
        .flatten()
        {
            let log = self.log.clone();
            tokio::spawn(async move {
                let mut lines = BufReader::new(stream).lines();
                while let Ok(Some(line)) = lines.next_line().await {
                    if let Ok(mut l) = log.lock() {
                        l.push(line);
                    }
                }
            });
        }
        self.child = Some(child);
        let client = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(child) = self.child.as_mut()
                && let Ok(Some(status)) = child.try_wait()
            {
                panic!("agora exited during start-up ({status}):\n{}", self.logs());
            }
            if let Ok(r) = client.get(format!("{}/readyz", self.base)).send().await
                && r.status() == StatusCode::OK
            {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "agora did not become ready:\n{}",
                self.logs()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// What the server printed so far.
    pub fn logs(&self) -> String {
        self.log.lock().map(|l| l.join("\n")).unwrap_or_default()
    }

    /// Kills the server abruptly (SIGKILL), as a crash would.
    pub async fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.start_kill();
            let _ = child.wait().await;
        }
    }

    /// Starts the server again on the same database and data directory (new port).
    pub async fn restart(&mut self) {
        self.kill().await;
        self.spawn(false).await;
    }

    /// Stops the server gracefully (SIGTERM) and waits for it.
    pub async fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            if let Some(pid) = child.id() {
                let _ = std::process::Command::new("kill")
                    .arg("-TERM")
                    .arg(pid.to_string())
                    .status();
            }
            let _ = tokio::time::timeout(Duration::from_secs(20), child.wait()).await;
            let _ = child.start_kill();
        }
    }

    /// A browser-like client without a session.
    pub fn visitor(&self) -> Client {
        Client::new(&self.base)
    }

    /// A client logged in with e-mail and password.
    pub async fn login(&self, email: &str, password: &str) -> Client {
        let c = self.visitor();
        let (status, body) = c.log_in(email, password).await;
        assert_eq!(status, StatusCode::OK, "login as {email} failed: {body}");
        c
    }

    /// A new account (and organisation); returns its client.
    pub async fn sign_up(&self, email: &str, org: &str) -> Client {
        let c = self.visitor();
        let (status, body) = c.call("identity/sign_up", &sign_up_form(email, org)).await;
        assert_eq!(status, StatusCode::OK, "sign-up of {email} failed: {body}");
        c
    }

    /// Tears everything down (also done on drop, without dropping a PostgreSQL database).
    pub async fn finish(mut self) {
        self.stop().await;
        self.db.drop_db().await;
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(child) = self.child.as_mut() {
            let _ = child.start_kill();
        }
    }
}

/// The demo accounts' passwords (see `server/src/demo/mod.rs`).
pub const OPERATOR: (&str, &str) = ("operator@agora.test", "operator-demo-pass");
/// Demo vendor.
pub const VENDOR: (&str, &str) = ("vendor@agora.test", "vendor-demo-pass");
/// Demo tenant.
pub const TENANT: (&str, &str) = ("tenant@agora.test", "tenant-demo-pass");

/// A cookie-keeping HTTP client.
#[derive(Clone)]
pub struct Client {
    /// Server base URL.
    pub base: String,
    /// The underlying client.
    pub http: reqwest::Client,
}

impl Client {
    fn new(base: &str) -> Self {
        Self {
            base: base.to_owned(),
            http: reqwest::Client::builder()
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .timeout(Duration::from_secs(30))
                .build()
                .expect("client"),
        }
    }

    /// One log-in attempt with this client, whatever its outcome.
    pub async fn log_in(&self, email: &str, password: &str) -> (StatusCode, Value) {
        self.call(
            "identity/log_in",
            &[("email", email), ("password", password), ("next", "")],
        )
        .await
    }

    /// Calls a server function (as the hydrated UI does) and returns status and JSON body.
    pub async fn call(&self, endpoint: &str, form: &[(&str, &str)]) -> (StatusCode, Value) {
        let res = self
            .http
            .post(format!("{}/api/{endpoint}", self.base))
            .header("Accept", "application/json")
            .form(form)
            .send()
            .await
            .unwrap_or_else(|e| panic!("calling {endpoint}: {e}"));
        let status = res.status();
        let text = res.text().await.unwrap_or_default();
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        (status, body)
    }

    /// Calls a server function that must succeed.
    pub async fn ok(&self, endpoint: &str, form: &[(&str, &str)]) -> Value {
        let (status, body) = self.call(endpoint, form).await;
        assert!(status.is_success(), "{endpoint} answered {status}: {body}");
        body
    }

    /// GET of a page; returns status, headers and body.
    pub async fn get(&self, path: &str) -> (StatusCode, reqwest::header::HeaderMap, String) {
        let res = self
            .http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("GET");
        let status = res.status();
        let headers = res.headers().clone();
        (status, headers, res.text().await.unwrap_or_default())
    }
}

/// A valid sign-up form for `email` founding `org`.
pub fn sign_up_form<'a>(email: &'a str, org: &'a str) -> [(&'a str, &'a str); 4] {
    [
        ("display_name", "Test Person"),
        ("email", email),
        ("password", "correct horse battery"),
        ("org_name", org),
    ]
}

/// A unique e-mail address.
pub fn email(prefix: &str) -> String {
    format!("{prefix}-{}@example.com", random_suffix())
}

/// The id of an app's plan by plan name, from the public app page data.
pub async fn plan_id(c: &Client, app_slug: &str, plan_name: &str) -> String {
    let app = c.ok("catalog/app", &[("slug", app_slug)]).await;
    app["plans"]
        .as_array()
        .and_then(|plans| plans.iter().find(|p| p["name"] == plan_name))
        .and_then(|p| p["id"].as_str())
        .unwrap_or_else(|| panic!("no plan {plan_name} on {app_slug}: {app}"))
        .to_owned()
}

/// Polls the dashboard until the deployment of `app_slug` reaches `status` (or panics after `secs`).
pub async fn wait_for_status(c: &Client, app_slug: &str, status: &str, secs: u64) -> Value {
    let deadline = Instant::now() + Duration::from_secs(secs);
    let mut last = Value::Null;
    while Instant::now() < deadline {
        let d = c.ok("provisioning/dashboard", &[]).await;
        if let Some(dep) = d["deployments"]
            .as_array()
            .and_then(|l| l.iter().find(|x| x["app_slug"] == app_slug))
        {
            if dep["status"] == status {
                return dep.clone();
            }
            last = dep.clone();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("deployment of {app_slug} did not become {status} in {secs}s; last seen: {last}");
}

/// Process ids of a deployment's app processes (the label in the environment, the
/// program's path as the first word of its command line).
pub fn app_processes(deployment_id: &str, program: &str) -> Vec<i32> {
    let label = format!("AGORA_DEPLOYMENT_ID={deployment_id}");
    let mut pids = Vec::new();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return pids;
    };
    for e in entries.flatten() {
        let Some(pid) = e.file_name().to_str().and_then(|s| s.parse::<i32>().ok()) else {
            continue;
        };
        let env = std::fs::read(format!("/proc/{pid}/environ")).unwrap_or_default();
        if !env.split(|b| *b == 0).any(|x| x == label.as_bytes()) {
            continue;
        }
        let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
        let first = cmdline.split(|b| *b == 0).next().unwrap_or_default();
        if first == program.as_bytes() {
            pids.push(pid);
        }
    }
    pids
}

/// Invites `email` into the client's organisation; returns the invitation token.
pub async fn invite(owner: &Client, email: &str, role: &str) -> String {
    let created = owner
        .ok("tenancy/create_invite", &[("email", email), ("role", role)])
        .await;
    token_of(&created)
}

/// The token at the end of an invitation link.
pub fn token_of(created: &Value) -> String {
    created["url"]
        .as_str()
        .and_then(|u| u.rsplit('/').next())
        .unwrap_or_else(|| panic!("no invitation link in {created}"))
        .to_owned()
}

/// Polls the dashboard until the organisation has no deployments left (or panics).
pub async fn wait_until_no_deployments(c: &Client, secs: u64) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        let d = c.ok("provisioning/dashboard", &[]).await;
        if d["deployments"].as_array().is_some_and(Vec::is_empty) {
            return;
        }
        assert!(Instant::now() < deadline, "deployments not removed: {d}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
