//! Typed settings: defaults, then an optional TOML file, then `AGORA_*` environment variables.
//!
//! Everything is validated once at start; a bad value stops the server with a
//! message naming the setting. Secrets are wrapped in [`Secret`] so they never
//! reach a log line by accident.

use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// A value that must not be printed (database URLs with passwords, keys).
#[derive(Clone, Deserialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Secret<T>(T);

impl<T> Secret<T> {
    /// Wraps a secret.
    pub fn new(value: T) -> Self {
        Self(value)
    }

    /// The secret itself; call only where it is used, never to log.
    pub fn expose(&self) -> &T {
        &self.0
    }
}

impl<T> fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// Log line format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Coloured, one line per event, for terminals.
    Human,
    /// One JSON object per line, for log collectors.
    Json,
}

/// How deployed processes are isolated on the local runtime.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SandboxMode {
    /// Use bubblewrap when it is installed and works, else plain processes.
    Auto,
    /// Require bubblewrap; refuse to start apps without it.
    Bwrap,
    /// Plain child processes (development only).
    None,
}

/// The HTTP listener.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServerSettings {
    /// Address to listen on.
    pub bind: SocketAddr,
    /// The address people use to reach Agora (links in invitations, cookie security).
    pub public_url: String,
    /// Trust `X-Forwarded-For` from a reverse proxy for client addresses.
    pub trust_proxy_headers: bool,
    /// Directory holding the built site (`pkg/` with WASM, JS and CSS).
    pub site_root: PathBuf,
}

impl Default for ServerSettings {
    fn default() -> Self {
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 3000)),
            public_url: "http://127.0.0.1:3000".into(),
            trust_proxy_headers: false,
            site_root: PathBuf::from("target/site"),
        }
    }
}

/// The database connection.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DatabaseSettings {
    /// `sqlite://path?mode=rwc` or `postgres://…`; empty means a SQLite file in the data directory.
    pub url: Secret<String>,
    /// Connection pool size.
    pub max_connections: u32,
}

impl Default for DatabaseSettings {
    fn default() -> Self {
        Self {
            url: Secret::new(String::new()),
            max_connections: 10,
        }
    }
}

/// Sessions and login protection.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AuthSettings {
    /// How long a session lasts without use, in hours.
    pub session_ttl_hours: u64,
    /// Force the cookie's `Secure` flag on or off; unset follows `public_url`'s scheme.
    pub cookie_secure: Option<bool>,
    /// Failed logins allowed per account and per address within the window.
    pub max_failures: u32,
    /// Lockout and counting window, in minutes.
    pub lockout_minutes: u64,
    /// Argon2 memory cost in KiB (lower only for tests).
    pub argon2_memory_kib: u32,
    /// Sign-up attempts accepted per client address per hour. Each costs a password hash and
    /// tells whether an e-mail has an account, so a burst from one address is refused.
    pub signups_per_hour: u32,
}

impl Default for AuthSettings {
    fn default() -> Self {
        Self {
            session_ttl_hours: 24 * 14,
            cookie_secure: None,
            max_failures: 5,
            lockout_minutes: 15,
            argon2_memory_kib: 19 * 1024,
            signups_per_hour: 20,
        }
    }
}

/// The background job workers.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct JobSettings {
    /// Concurrent workers in this process.
    pub workers: usize,
    /// How long a claimed job is reserved before another worker may take it over, in seconds.
    pub lease_secs: u64,
    /// How often idle workers look for new jobs, in milliseconds.
    pub poll_ms: u64,
}

impl Default for JobSettings {
    fn default() -> Self {
        Self {
            workers: 2,
            lease_secs: 30,
            poll_ms: 500,
        }
    }
}

/// The built-in local runtime.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LocalRuntimeSettings {
    /// Process isolation.
    pub sandbox: SandboxMode,
    /// Commands a manifest may start (absolute paths).
    pub allowed_commands: Vec<String>,
    /// How long a new process has to pass its health check, in seconds.
    pub health_timeout_secs: u64,
    /// Crashes tolerated before a deployment is marked failed.
    pub max_restarts: u32,
    /// Host name in deployments' addresses. It must differ from the console's host: browsers
    /// send a host's cookies to all of its ports, so an app on the console's host would
    /// receive members' sessions. Empty means `localhost` when the console is on
    /// `127.0.0.1`, and `127.0.0.1` otherwise.
    pub app_host: String,
}

impl Default for LocalRuntimeSettings {
    fn default() -> Self {
        Self {
            sandbox: SandboxMode::Auto,
            allowed_commands: vec!["/usr/bin/python3".into(), "/bin/sh".into()],
            health_timeout_secs: 30,
            max_restarts: 5,
            app_host: String::new(),
        }
    }
}

/// Logging.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LogSettings {
    /// Line format.
    pub format: LogFormat,
    /// `tracing` filter, e.g. `info` or `agora_server=debug,info`.
    pub level: String,
}

impl Default for LogSettings {
    fn default() -> Self {
        Self {
            format: LogFormat::Human,
            level: "info".into(),
        }
    }
}

/// Every setting.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Where Agora keeps its files (SQLite database, deployment work directories).
    pub data_dir: PathBuf,
    /// HTTP.
    pub server: ServerSettings,
    /// Database.
    pub database: DatabaseSettings,
    /// Sessions and logins.
    pub auth: AuthSettings,
    /// Background jobs.
    pub jobs: JobSettings,
    /// Local runtime.
    pub runtime: LocalRuntimeSettings,
    /// Logging.
    pub log: LogSettings,
}

/// A setting that could not be accepted.
#[derive(Debug, thiserror::Error)]
#[error("configuration: {0}")]
pub struct ConfigError(String);

type EnvSetter = fn(&mut Config, &str) -> Result<(), String>;

/// The environment variables Agora reads, with what each sets.
pub const ENV_VARS: &[(&str, &str)] = &[
    ("AGORA_CONFIG", "path of a TOML settings file"),
    ("AGORA_DATA_DIR", "data_dir"),
    ("AGORA_BIND", "server.bind"),
    ("AGORA_PUBLIC_URL", "server.public_url"),
    ("AGORA_TRUST_PROXY_HEADERS", "server.trust_proxy_headers"),
    ("AGORA_SITE_ROOT", "server.site_root"),
    ("AGORA_DATABASE_URL", "database.url"),
    ("AGORA_DATABASE_MAX_CONNECTIONS", "database.max_connections"),
    ("AGORA_SESSION_TTL_HOURS", "auth.session_ttl_hours"),
    ("AGORA_COOKIE_SECURE", "auth.cookie_secure"),
    ("AGORA_LOGIN_MAX_FAILURES", "auth.max_failures"),
    ("AGORA_LOGIN_LOCKOUT_MINUTES", "auth.lockout_minutes"),
    ("AGORA_ARGON2_MEMORY_KIB", "auth.argon2_memory_kib"),
    ("AGORA_SIGNUPS_PER_HOUR", "auth.signups_per_hour"),
    ("AGORA_JOBS_WORKERS", "jobs.workers"),
    ("AGORA_JOBS_LEASE_SECS", "jobs.lease_secs"),
    ("AGORA_JOBS_POLL_MS", "jobs.poll_ms"),
    (
        "AGORA_RUNTIME_SANDBOX",
        "runtime.sandbox (auto, bwrap, none)",
    ),
    (
        "AGORA_RUNTIME_ALLOWED_COMMANDS",
        "runtime.allowed_commands (comma-separated)",
    ),
    (
        "AGORA_RUNTIME_HEALTH_TIMEOUT_SECS",
        "runtime.health_timeout_secs",
    ),
    ("AGORA_RUNTIME_MAX_RESTARTS", "runtime.max_restarts"),
    ("AGORA_RUNTIME_APP_HOST", "runtime.app_host"),
    ("AGORA_LOG_FORMAT", "log.format (human, json)"),
    ("AGORA_LOG_LEVEL", "log.level"),
];

fn parse<T: std::str::FromStr>(v: &str, what: &str) -> Result<T, String> {
    v.trim()
        .parse()
        .map_err(|_| format!("{what} must be {}", std::any::type_name::<T>()))
}

fn parse_bool(v: &str) -> Result<bool, String> {
    match v.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        _ => Err("must be true or false".into()),
    }
}

fn setter(name: &str) -> Option<EnvSetter> {
    let f: EnvSetter = match name {
        "AGORA_DATA_DIR" => |c, v| {
            c.data_dir = PathBuf::from(v);
            Ok(())
        },
        "AGORA_BIND" => |c, v| {
            c.server.bind = parse(v, "an address like 127.0.0.1:3000")?;
            Ok(())
        },
        "AGORA_PUBLIC_URL" => |c, v| {
            c.server.public_url = v.trim().to_owned();
            Ok(())
        },
        "AGORA_TRUST_PROXY_HEADERS" => |c, v| {
            c.server.trust_proxy_headers = parse_bool(v)?;
            Ok(())
        },
        "AGORA_SITE_ROOT" => |c, v| {
            c.server.site_root = PathBuf::from(v);
            Ok(())
        },
        "AGORA_DATABASE_URL" => |c, v| {
            c.database.url = Secret::new(v.trim().to_owned());
            Ok(())
        },
        "AGORA_DATABASE_MAX_CONNECTIONS" => |c, v| {
            c.database.max_connections = parse(v, "a number")?;
            Ok(())
        },
        "AGORA_SESSION_TTL_HOURS" => |c, v| {
            c.auth.session_ttl_hours = parse(v, "a number of hours")?;
            Ok(())
        },
        "AGORA_COOKIE_SECURE" => |c, v| {
            c.auth.cookie_secure = Some(parse_bool(v)?);
            Ok(())
        },
        "AGORA_LOGIN_MAX_FAILURES" => |c, v| {
            c.auth.max_failures = parse(v, "a number")?;
            Ok(())
        },
        "AGORA_LOGIN_LOCKOUT_MINUTES" => |c, v| {
            c.auth.lockout_minutes = parse(v, "a number of minutes")?;
            Ok(())
        },
        "AGORA_SIGNUPS_PER_HOUR" => |c, v| {
            c.auth.signups_per_hour = parse(v, "a number")?;
            Ok(())
        },
        "AGORA_ARGON2_MEMORY_KIB" => |c, v| {
            c.auth.argon2_memory_kib = parse(v, "a number of KiB")?;
            Ok(())
        },
        "AGORA_JOBS_WORKERS" => |c, v| {
            c.jobs.workers = parse(v, "a number")?;
            Ok(())
        },
        "AGORA_JOBS_LEASE_SECS" => |c, v| {
            c.jobs.lease_secs = parse(v, "a number of seconds")?;
            Ok(())
        },
        "AGORA_JOBS_POLL_MS" => |c, v| {
            c.jobs.poll_ms = parse(v, "a number of milliseconds")?;
            Ok(())
        },
        "AGORA_RUNTIME_SANDBOX" => |c, v| {
            c.runtime.sandbox = match v.trim() {
                "auto" => SandboxMode::Auto,
                "bwrap" => SandboxMode::Bwrap,
                "none" => SandboxMode::None,
                _ => return Err("must be auto, bwrap or none".into()),
            };
            Ok(())
        },
        "AGORA_RUNTIME_ALLOWED_COMMANDS" => |c, v| {
            c.runtime.allowed_commands = v
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect();
            Ok(())
        },
        "AGORA_RUNTIME_HEALTH_TIMEOUT_SECS" => |c, v| {
            c.runtime.health_timeout_secs = parse(v, "a number of seconds")?;
            Ok(())
        },
        "AGORA_RUNTIME_MAX_RESTARTS" => |c, v| {
            c.runtime.max_restarts = parse(v, "a number")?;
            Ok(())
        },
        "AGORA_RUNTIME_APP_HOST" => |c, v| {
            c.runtime.app_host = v.trim().to_owned();
            Ok(())
        },
        "AGORA_LOG_FORMAT" => |c, v| {
            c.log.format = match v.trim() {
                "human" => LogFormat::Human,
                "json" => LogFormat::Json,
                _ => return Err("must be human or json".into()),
            };
            Ok(())
        },
        "AGORA_LOG_LEVEL" => |c, v| {
            c.log.level = v.trim().to_owned();
            Ok(())
        },
        _ => return None,
    };
    Some(f)
}

impl Config {
    /// Loads settings from the file named by `file` (or `AGORA_CONFIG`), then the environment.
    pub fn load(file: Option<&Path>) -> Result<Self, ConfigError> {
        let vars: Vec<(String, String)> = std::env::vars().collect();
        Self::load_from(file, &vars)
    }

    /// Loads settings from a file and an explicit list of environment variables (testable).
    pub fn load_from(file: Option<&Path>, vars: &[(String, String)]) -> Result<Self, ConfigError> {
        let env_file = vars
            .iter()
            .find(|(k, _)| k == "AGORA_CONFIG")
            .map(|(_, v)| PathBuf::from(v));
        let path = file.map(Path::to_path_buf).or(env_file);
        let mut config = match &path {
            Some(p) => {
                let text = std::fs::read_to_string(p).map_err(|e| {
                    ConfigError(format!("cannot read settings file {}: {e}", p.display()))
                })?;
                toml::from_str::<Config>(&text)
                    .map_err(|e| ConfigError(format!("{}: {e}", p.display())))?
            }
            None => Config::default(),
        };
        for (key, value) in vars {
            if !key.starts_with("AGORA_") || key == "AGORA_CONFIG" {
                continue;
            }
            match setter(key) {
                Some(set) => {
                    set(&mut config, value).map_err(|e| ConfigError(format!("{key} {e}")))?
                }
                None if key.starts_with("AGORA_TEST_") => {}
                None => {
                    return Err(ConfigError(format!(
                        "unknown setting {key}; known settings are listed in the README"
                    )));
                }
            }
        }
        if config.data_dir.as_os_str().is_empty() {
            config.data_dir = PathBuf::from("data");
        }
        if config.runtime.app_host.is_empty() {
            config.runtime.app_host = match url_host(&config.server.public_url) {
                "127.0.0.1" => "localhost".into(),
                _ => "127.0.0.1".into(),
            };
        }
        config.validate()?;
        Ok(config)
    }

    fn validate(&self) -> Result<(), ConfigError> {
        let url = &self.server.public_url;
        if !(url.starts_with("http://") || url.starts_with("https://")) || url.ends_with('/') {
            return Err(ConfigError(format!(
                "server.public_url must start with http:// or https:// and not end with / (got {url:?})"
            )));
        }
        let db = self.database.url.expose();
        if !(db.is_empty()
            || db.starts_with("sqlite:")
            || db.starts_with("postgres://")
            || db.starts_with("postgresql://"))
        {
            return Err(ConfigError(
                "database.url must be a sqlite: or postgres:// URL".into(),
            ));
        }
        if self.database.max_connections == 0 {
            return Err(ConfigError(
                "database.max_connections must be at least 1".into(),
            ));
        }
        if self.jobs.workers == 0 {
            return Err(ConfigError("jobs.workers must be at least 1".into()));
        }
        if self.jobs.lease_secs < 2 {
            return Err(ConfigError("jobs.lease_secs must be at least 2".into()));
        }
        if self.auth.session_ttl_hours == 0 {
            return Err(ConfigError(
                "auth.session_ttl_hours must be at least 1".into(),
            ));
        }
        if self.auth.signups_per_hour == 0 {
            return Err(ConfigError(
                "auth.signups_per_hour must be at least 1".into(),
            ));
        }
        if self.auth.argon2_memory_kib < 1024 {
            return Err(ConfigError(
                "auth.argon2_memory_kib must be at least 1024".into(),
            ));
        }
        let app_host = &self.runtime.app_host;
        if app_host.is_empty()
            || !app_host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        {
            return Err(ConfigError(format!(
                "runtime.app_host must be a host name or IPv4 address, without scheme or port (got {app_host:?})"
            )));
        }
        if app_host.eq_ignore_ascii_case(url_host(url)) {
            return Err(ConfigError(format!(
                "runtime.app_host ({app_host}) must differ from the host of server.public_url: \
                 browsers send a host's cookies to every port, so deployed apps would receive \
                 members' sessions"
            )));
        }
        for cmd in &self.runtime.allowed_commands {
            if !cmd.starts_with('/') {
                return Err(ConfigError(format!(
                    "runtime.allowed_commands must be absolute paths (got {cmd:?})"
                )));
            }
        }
        Ok(())
    }

    /// The database URL to connect to: the configured one, or a SQLite file in the data directory.
    pub fn database_url(&self) -> String {
        let configured = self.database.url.expose();
        if configured.is_empty() {
            format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("agora.db").display()
            )
        } else {
            configured.clone()
        }
    }

    /// The database kind and host, safe to log.
    pub fn database_label(&self) -> String {
        let url = self.database_url();
        if let Some(rest) = url.strip_prefix("sqlite://") {
            return format!("sqlite ({})", rest.split('?').next().unwrap_or(rest));
        }
        let host = url
            .split('@')
            .nth(1)
            .unwrap_or_else(|| url.split("//").nth(1).unwrap_or(""));
        format!("postgres ({})", host.split('?').next().unwrap_or(host))
    }

    /// Whether session cookies carry the `Secure` flag.
    pub fn cookie_secure(&self) -> bool {
        self.auth
            .cookie_secure
            .unwrap_or_else(|| self.server.public_url.starts_with("https://"))
    }
}

/// The host of an `http(s)://host[:port][/...]` URL, without the port.
fn url_host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split('/').next().unwrap_or(rest);
    if let Some(v6) = authority.strip_prefix('[') {
        return v6.split(']').next().unwrap_or(v6);
    }
    authority.split(':').next().unwrap_or(authority)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn defaults_are_valid_and_local() {
        let c = Config::load_from(None, &[]).unwrap();
        assert_eq!(c.server.bind.to_string(), "127.0.0.1:3000");
        assert!(c.database_url().starts_with("sqlite://data/agora.db"));
        assert!(!c.cookie_secure());
        assert_eq!(c.runtime.app_host, "localhost");
    }

    #[test]
    fn deployed_apps_never_share_the_console_host() {
        let on = |url: &str, app: &str| {
            let mut v = vec![("AGORA_PUBLIC_URL", url)];
            if !app.is_empty() {
                v.push(("AGORA_RUNTIME_APP_HOST", app));
            }
            Config::load_from(None, &vars(&v))
        };
        assert_eq!(
            on("http://localhost:3000", "").unwrap().runtime.app_host,
            "127.0.0.1"
        );
        assert_eq!(
            on("https://agora.example.com", "")
                .unwrap()
                .runtime
                .app_host,
            "127.0.0.1"
        );
        assert_eq!(
            on("https://agora.example.com", "apps.example.net")
                .unwrap()
                .runtime
                .app_host,
            "apps.example.net"
        );
        let err = on("https://agora.example.com", "Agora.Example.com").unwrap_err();
        assert!(err.to_string().contains("must differ"), "{err}");
        let err = on("http://127.0.0.1:3000", "127.0.0.1").unwrap_err();
        assert!(err.to_string().contains("cookies"), "{err}");
        let err = on("http://127.0.0.1:3000", "http://apps:80").unwrap_err();
        assert!(err.to_string().contains("without scheme or port"), "{err}");
    }

    #[test]
    fn hosts_come_out_of_urls() {
        assert_eq!(url_host("http://127.0.0.1:3000"), "127.0.0.1");
        assert_eq!(url_host("https://agora.example.com/x"), "agora.example.com");
        assert_eq!(url_host("http://[::1]:3000"), "::1");
    }

    #[test]
    fn environment_overrides_and_is_checked() {
        let c = Config::load_from(
            None,
            &vars(&[
                (
                    "AGORA_DATABASE_URL",
                    "postgres://u:pw@db.internal:5432/agora",
                ),
                ("AGORA_PUBLIC_URL", "https://market.example.com"),
                ("AGORA_JOBS_WORKERS", "4"),
                ("PATH", "/usr/bin"),
            ]),
        )
        .unwrap();
        assert_eq!(c.jobs.workers, 4);
        assert!(c.cookie_secure());
        assert_eq!(c.database_label(), "postgres (db.internal:5432/agora)");
        assert!(
            !format!("{c:?}").contains("pw@"),
            "secrets must not be printed"
        );

        let err = Config::load_from(None, &vars(&[("AGORA_JOBS_WORKERS", "many")])).unwrap_err();
        assert!(err.to_string().contains("AGORA_JOBS_WORKERS"), "{err}");
        let err = Config::load_from(None, &vars(&[("AGORA_DATABSE_URL", "x")])).unwrap_err();
        assert!(
            err.to_string()
                .contains("unknown setting AGORA_DATABSE_URL"),
            "{err}"
        );
        let err =
            Config::load_from(None, &vars(&[("AGORA_PUBLIC_URL", "example.com")])).unwrap_err();
        assert!(err.to_string().contains("public_url"), "{err}");
    }

    #[test]
    fn toml_files_are_strict() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good.toml");
        std::fs::write(&good, "data_dir = \"/srv/agora\"\n[jobs]\nworkers = 3\n").unwrap();
        let c = Config::load_from(Some(&good), &[]).unwrap();
        assert_eq!(c.jobs.workers, 3);
        assert_eq!(c.data_dir, PathBuf::from("/srv/agora"));

        let bad = dir.path().join("bad.toml");
        std::fs::write(&bad, "[jobs]\nworkerz = 3\n").unwrap();
        let err = Config::load_from(Some(&bad), &[]).unwrap_err();
        assert!(err.to_string().contains("workerz"), "{err}");
    }
}
