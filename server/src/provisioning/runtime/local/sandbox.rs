//! Process isolation with bubblewrap: the deployed process sees a read-only system,
//! its own writable directory, a private /tmp, no other processes, and the loopback
//! network (so the platform can reach its port).

use std::path::{Path, PathBuf};

use crate::config::SandboxMode;

/// How processes are started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sandbox {
    /// Inside bubblewrap, found at this path.
    Bwrap(PathBuf),
    /// As plain child processes.
    None,
}

impl Sandbox {
    /// Chooses the sandbox for a mode, checking that bubblewrap actually works here.
    pub fn detect(mode: SandboxMode) -> Result<Self, String> {
        let found = ["/usr/bin/bwrap", "/bin/bwrap"]
            .iter()
            .map(PathBuf::from)
            .find(|p| p.exists());
        match (mode, found) {
            (SandboxMode::None, _) => Ok(Self::None),
            (SandboxMode::Auto, None) => Ok(Self::None),
            (SandboxMode::Bwrap, None) => {
                Err("runtime.sandbox is bwrap but bubblewrap is not installed".into())
            }
            (mode, Some(path)) => {
                let probe = std::process::Command::new(&path)
                    .args(base_args())
                    .args(["--", "/bin/true"])
                    .env_clear()
                    .output();
                match probe {
                    Ok(out) if out.status.success() => Ok(Self::Bwrap(path)),
                    Ok(out) if mode == SandboxMode::Auto => {
                        tracing::warn!(stderr = %String::from_utf8_lossy(&out.stderr), "bubblewrap does not work here; running deployments unsandboxed");
                        Ok(Self::None)
                    }
                    Ok(out) => Err(format!(
                        "bubblewrap fails here: {}",
                        String::from_utf8_lossy(&out.stderr).trim()
                    )),
                    Err(e) if mode == SandboxMode::Auto => {
                        tracing::warn!(error = %e, "bubblewrap cannot start; running deployments unsandboxed");
                        Ok(Self::None)
                    }
                    Err(e) => Err(format!("bubblewrap cannot start: {e}")),
                }
            }
        }
    }

    /// A label for logs.
    pub fn label(&self) -> &'static str {
        match self {
            Self::Bwrap(_) => "bubblewrap",
            Self::None => "none",
        }
    }

    /// The program and arguments that run `command args…` inside the sandbox with `workdir` writable.
    pub fn wrap(&self, command: &str, args: &[String], workdir: &Path) -> (PathBuf, Vec<String>) {
        match self {
            Self::None => (PathBuf::from(command), args.to_vec()),
            Self::Bwrap(bwrap) => {
                let dir = workdir.display().to_string();
                let mut a: Vec<String> = base_args().iter().map(|s| (*s).to_owned()).collect();
                a.extend([
                    "--bind".into(),
                    dir.clone(),
                    dir.clone(),
                    "--chdir".into(),
                    dir,
                ]);
                a.push("--".into());
                a.push(command.to_owned());
                a.extend(args.iter().cloned());
                (bwrap.clone(), a)
            }
        }
    }
}

/// The sandbox without the deployment's own directory.
fn base_args() -> Vec<&'static str> {
    let mut a = vec![
        "--die-with-parent",
        "--new-session",
        "--unshare-all",
        "--share-net",
        "--ro-bind",
        "/usr",
        "/usr",
    ];
    // Debian merges /bin, /lib… into /usr; recreate the links inside.
    for (link, target) in [
        ("/bin", "usr/bin"),
        ("/sbin", "usr/sbin"),
        ("/lib", "usr/lib"),
        ("/lib64", "usr/lib64"),
    ] {
        let is_link = std::fs::symlink_metadata(link)
            .map(|m| m.file_type().is_symlink())
            .unwrap_or(false);
        if is_link {
            a.extend(["--symlink", target, link]);
        } else if Path::new(link).exists() {
            a.extend(["--ro-bind", link, link]);
        }
    }
    for etc in [
        "/etc/ssl",
        "/etc/ca-certificates",
        "/etc/resolv.conf",
        "/etc/hosts",
        "/etc/nsswitch.conf",
        "/etc/mime.types",
        "/etc/localtime",
        "/etc/passwd",
        "/etc/group",
    ] {
        a.extend(["--ro-bind-try", etc, etc]);
    }
    a.extend(["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]);
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_mode_runs_the_command_itself() {
        let (prog, args) = Sandbox::None.wrap("/usr/bin/python3", &["-V".into()], Path::new("/w"));
        assert_eq!(prog, PathBuf::from("/usr/bin/python3"));
        assert_eq!(args, vec!["-V"]);
    }

    #[test]
    fn bwrap_mode_binds_only_the_workdir_writable() {
        let sb = Sandbox::Bwrap(PathBuf::from("/usr/bin/bwrap"));
        let (prog, args) = sb.wrap("/usr/bin/python3", &["-V".into()], Path::new("/data/d1"));
        assert_eq!(prog, PathBuf::from("/usr/bin/bwrap"));
        let joined = args.join(" ");
        assert!(
            joined.contains("--bind /data/d1 /data/d1 --chdir /data/d1 -- /usr/bin/python3 -V"),
            "{joined}"
        );
        assert!(joined.contains("--ro-bind /usr /usr"), "{joined}");
        assert!(joined.contains("--unshare-all --share-net"), "{joined}");
        assert!(joined.contains("--die-with-parent"), "{joined}");
    }
}
