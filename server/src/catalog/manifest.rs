//! Deployment manifests: what a version runs, written by the vendor in TOML.
//!
//! ```toml
//! [run]
//! command = "/usr/bin/python3"
//! args = ["-m", "http.server", "{{port}}", "--bind", "127.0.0.1"]
//! env = { GREETING = "Hello, {{tenant.name}}" }
//!
//! [health]
//! path = "/"
//!
//! [[files]]
//! path = "site/index.html"
//! content = "<h1>{{tenant.name}}</h1>"
//! ```
//!
//! Values may use the placeholders in [`PLACEHOLDERS`]; anything else is refused at
//! submission, so a version that passed review always renders.

use std::collections::BTreeMap;

use serde::Deserialize;

/// Placeholders a manifest may use, filled in per deployment.
pub const PLACEHOLDERS: &[&str] = &[
    "port",
    "data_dir",
    "tenant.id",
    "tenant.slug",
    "tenant.name",
    "deployment.id",
    "app.slug",
    "app.version",
];

/// Environment variables the runtime sets itself; manifests may not override them.
const RESERVED_ENV: &[&str] = &["PORT", "HOME", "PATH"];

/// A parsed, checked manifest.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The process to start.
    pub run: Run,
    /// How to tell it is ready.
    #[serde(default)]
    pub health: Health,
    /// Files written into the deployment's directory before start.
    #[serde(default)]
    pub files: Vec<FileSpec>,
}

/// The process to start.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Run {
    /// Absolute path of the program.
    pub command: String,
    /// Arguments (templated).
    #[serde(default)]
    pub args: Vec<String>,
    /// Environment (values templated).
    #[serde(default)]
    pub env: BTreeMap<String, String>,
}

/// The health check.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Health {
    /// HTTP path answered with 2xx or 3xx when ready.
    #[serde(default = "default_health_path")]
    pub path: String,
}

impl Default for Health {
    fn default() -> Self {
        Self {
            path: default_health_path(),
        }
    }
}

fn default_health_path() -> String {
    "/".into()
}

/// A file to write before start.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileSpec {
    /// Path relative to the deployment's directory.
    pub path: String,
    /// Contents (templated).
    pub content: String,
}

/// Values for the placeholders of one deployment.
pub type Vars = BTreeMap<&'static str, String>;

/// Parses and checks a manifest as submitted by a vendor.
pub fn parse(text: &str) -> Result<Manifest, String> {
    if text.trim().is_empty() {
        return Err("The deployment manifest is required.".into());
    }
    if text.len() > 256 * 1024 {
        return Err("The manifest must be at most 256 KB.".into());
    }
    let m: Manifest = toml::from_str(text).map_err(|e| {
        let msg = e.message().to_owned();
        match e.span() {
            Some(span) => {
                let line = text[..span.start.min(text.len())].lines().count().max(1);
                format!("The manifest is not valid TOML (line {line}): {msg}")
            }
            None => format!("The manifest is not valid TOML: {msg}"),
        }
    })?;
    check(&m)?;
    Ok(m)
}

fn check(m: &Manifest) -> Result<(), String> {
    if !m.run.command.starts_with('/') {
        return Err("run.command must be an absolute path, like /usr/bin/python3.".into());
    }
    if m.run.args.len() > 64 {
        return Err("run.args may have at most 64 entries.".into());
    }
    for (key, value) in &m.run.env {
        let valid = !key.is_empty()
            && key
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_uppercase() || c == '_')
            && key
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
        if !valid {
            return Err(format!(
                "run.env name {key:?} must be upper-case letters, digits and _."
            ));
        }
        if RESERVED_ENV.contains(&key.as_str()) || key.starts_with("AGORA_") {
            return Err(format!("run.env may not set {key}; the runtime sets it."));
        }
        check_template(value, &format!("run.env.{key}"))?;
    }
    for (i, arg) in m.run.args.iter().enumerate() {
        check_template(arg, &format!("run.args[{i}]"))?;
    }
    if !m.health.path.starts_with('/') || m.health.path.contains(char::is_whitespace) {
        return Err("health.path must start with / and contain no spaces.".into());
    }
    if m.files.len() > 20 {
        return Err("At most 20 [[files]] entries.".into());
    }
    for f in &m.files {
        let p = f.path.trim();
        let bad = p.is_empty()
            || p.starts_with('/')
            || p.split('/')
                .any(|part| part == ".." || part == "." || part.is_empty());
        if bad {
            return Err(format!(
                "files path {p:?} must be relative, like site/index.html, without .. or //."
            ));
        }
        check_template(&f.content, &format!("files[{p}].content"))?;
    }
    Ok(())
}

/// Every `{{name}}` in a template must be a known placeholder.
fn check_template(template: &str, what: &str) -> Result<(), String> {
    let mut vars = Vars::new();
    for p in PLACEHOLDERS {
        vars.insert(p, String::new());
    }
    render(template, &vars)
        .map(|_| ())
        .map_err(|e| format!("{what}: {e}"))
}

/// Fills the placeholders of a template.
pub fn render(template: &str, vars: &Vars) -> Result<String, String> {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            return Err("a {{ is never closed with }}.".into());
        };
        let name = after[..end].trim();
        match vars.get(name) {
            Some(v) => out.push_str(v),
            None => {
                return Err(format!(
                    "unknown placeholder {{{{{name}}}}}; use one of: {}.",
                    PLACEHOLDERS.join(", ")
                ));
            }
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
[run]
command = "/usr/bin/python3"
args = ["-m", "http.server", "{{port}}"]
env = { GREETING = "Hi {{ tenant.name }}" }

[health]
path = "/healthz"

[[files]]
path = "site/index.html"
content = "<h1>{{tenant.name}}</h1>"
"#;

    #[test]
    fn a_good_manifest_parses() {
        let m = parse(GOOD).unwrap();
        assert_eq!(m.run.command, "/usr/bin/python3");
        assert_eq!(m.health.path, "/healthz");
        assert_eq!(m.files.len(), 1);
    }

    #[test]
    fn bad_manifests_explain_themselves() {
        let cases = [
            ("", "required"),
            ("[run]\ncommand = \"python3\"", "absolute"),
            (
                "[run]\ncommand = \"/bin/x\"\nargs = [\"{{secret}}\"]",
                "unknown placeholder",
            ),
            (
                "[run]\ncommand = \"/bin/x\"\nenv = { PORT = \"1\" }",
                "may not set PORT",
            ),
            (
                "[run]\ncommand = \"/bin/x\"\nenv = { lower = \"1\" }",
                "upper-case",
            ),
            (
                "[run]\ncommand = \"/bin/x\"\n[[files]]\npath = \"../etc/passwd\"\ncontent = \"\"",
                "relative",
            ),
            (
                "[run]\ncommand = \"/bin/x\"\n[[files]]\npath = \"/etc/passwd\"\ncontent = \"\"",
                "relative",
            ),
            (
                "[run]\ncommand = \"/bin/x\"\n[health]\npath = \"healthz\"",
                "health.path",
            ),
            ("[run]\ncommand = \"/bin/x\"\nextra = 1", "not valid TOML"),
            ("[run\ncommand = 1", "not valid TOML (line 1)"),
            (
                "[run]\ncommand = \"/bin/x\"\nargs = [\"{{port\"]",
                "never closed",
            ),
        ];
        for (text, expected) in cases {
            let err = parse(text).unwrap_err();
            assert!(err.contains(expected), "{text:?}: {err}");
        }
    }

    #[test]
    fn templates_render_known_values() {
        let mut vars = Vars::new();
        vars.insert("port", "4000".into());
        vars.insert("tenant.name", "Acme".into());
        assert_eq!(
            render("p={{port}} t={{ tenant.name }}", &vars).unwrap(),
            "p=4000 t=Acme"
        );
        assert_eq!(render("no placeholders", &vars).unwrap(), "no placeholders");
        assert!(render("{{nope}}", &vars).is_err());
    }
}
