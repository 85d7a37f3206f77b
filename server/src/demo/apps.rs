//! The demo catalog: apps that really run on the local runtime of a fresh machine,
//! built from what every such machine has (Python 3's standard library).

/// A small web app written in Python's standard library: a page branded for the
/// tenant, `/health` for the platform, and an in-memory note board at `/api/notes`.
const WEB_APP: &str = r#"import html, http.server, json, os, sys, threading

PORT = int(os.environ["PORT"])
NAME = os.environ.get("APP_NAME", "App")
TENANT = os.environ.get("TENANT_NAME", "")
NOTES = []
LOCK = threading.Lock()

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%(name)s</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1f2937}
h1{color:#4338ca}code{background:#eef;padding:.1rem .3rem;border-radius:.2rem}</style></head>
<body><h1>%(name)s</h1><p>Running for <strong>%(tenant)s</strong> on Agora.</p>
<p>%(notes)d note(s) stored. Try <code>POST /api/notes</code>.</p></body></html>"""


class Handler(http.server.BaseHTTPRequestHandler):
    def send(self, status, body, ctype):
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/health":
            self.send(200, "ok", "text/plain")
        elif self.path == "/api/notes":
            with LOCK:
                self.send(200, json.dumps(NOTES), "application/json")
        else:
            with LOCK:
                count = len(NOTES)
            page = PAGE % dict(name=html.escape(NAME), tenant=html.escape(TENANT), notes=count)
            self.send(200, page, "text/html; charset=utf-8")

    def do_POST(self):
        if self.path != "/api/notes":
            self.send(404, "not found", "text/plain")
            return
        length = min(int(self.headers.get("Content-Length", "0")), 10000)
        text = self.rfile.read(length).decode("utf-8", "replace")
        with LOCK:
            NOTES.append(text)
        self.send(201, json.dumps(dict(stored=len(NOTES))), "application/json")

    def log_message(self, fmt, *args):
        sys.stderr.write("%s %s\n" % (self.address_string(), fmt % args))
        sys.stderr.flush()


print("%s listening on 127.0.0.1:%d" % (NAME, PORT), flush=True)
http.server.ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
"#;

/// The manifest of a demo app served by [`WEB_APP`].
pub fn web_app_manifest(app_name: &str) -> String {
    format!(
        r#"[run]
command = "/usr/bin/python3"
args = ["-u", "{{{{data_dir}}}}/app.py"]

[run.env]
APP_NAME = "{app_name}"
TENANT_NAME = "{{{{tenant.name}}}}"

[health]
path = "/health"

[[files]]
path = "app.py"
content = '''
{WEB_APP}'''
"#
    )
}

/// The manifest of a static website served by Python's built-in file server.
pub fn static_site_manifest(title: &str) -> String {
    format!(
        r#"[run]
command = "/usr/bin/python3"
args = ["-m", "http.server", "{{{{port}}}}", "--bind", "127.0.0.1", "--directory", "{{{{data_dir}}}}/site"]

[health]
path = "/"

[[files]]
path = "site/index.html"
content = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto">
<h1>{title}</h1><p>Welcome, {{{{tenant.name}}}}. This site is served by your own deployment ({{{{deployment.id}}}}).</p>
</body></html>"""
"#
    )
}

/// One app of the demo catalog.
pub struct DemoApp {
    /// URL name.
    pub slug: &'static str,
    /// Name.
    pub name: &'static str,
    /// Category slug.
    pub category: &'static str,
    /// One line.
    pub summary: &'static str,
    /// Markdown.
    pub description: &'static str,
    /// Featured on the home page.
    pub featured: bool,
    /// Plans: name, price, currency.
    pub plans: &'static [(&'static str, &'static str, &'static str)],
    /// Serves a static site rather than the web app.
    pub static_site: bool,
}

/// The demo catalog.
pub const CATALOG: &[DemoApp] = &[
    DemoApp {
        slug: "team-wiki",
        name: "Team Wiki",
        category: "productivity",
        summary: "A simple wiki your whole team can edit and search.",
        description: "## Your team's memory\n\nWrite down how things work, link pages together and find them again.\n\n- Markdown pages\n- Full-text search\n- Works on phones",
        featured: true,
        plans: &[("Community", "0", "EUR"), ("Business", "19", "EUR")],
        static_site: false,
    },
    DemoApp {
        slug: "company-site",
        name: "Company Site",
        category: "content",
        summary: "A fast static website for your organisation, hosted for you.",
        description: "Publish a **static website** in seconds. Every deployment is branded with your organisation's name.",
        featured: true,
        plans: &[("Free", "0", "EUR")],
        static_site: true,
    },
    DemoApp {
        slug: "status-board",
        name: "Status Board",
        category: "operations",
        summary: "Tell your customers what works and what does not, at a glance.",
        description: "A public status page with components, incidents and scheduled maintenance.",
        featured: true,
        plans: &[("Starter", "0", "EUR"), ("Pro", "9.90", "EUR")],
        static_site: false,
    },
    DemoApp {
        slug: "pastebin",
        name: "Pastebin",
        category: "developer-tools",
        summary: "Share code snippets and logs with expiring links.",
        description: "Paste, share, expire. Syntax highlighting for 100+ languages.",
        featured: false,
        plans: &[("Team", "5", "USD")],
        static_site: false,
    },
    DemoApp {
        slug: "metrics-lite",
        name: "Metrics Lite",
        category: "analytics",
        summary: "Privacy-friendly web analytics without cookies.",
        description: "Count visits, referrers and pages without tracking people.\n\n| Plan | Sites |\n|---|---|\n| Free | 1 |\n| Growth | 20 |",
        featured: true,
        plans: &[("Free", "0", "EUR"), ("Growth", "29", "EUR")],
        static_site: false,
    },
    DemoApp {
        slug: "team-chat",
        name: "Team Chat",
        category: "communication",
        summary: "Channels and direct messages for teams that value focus.",
        description: "Threads, channels and calm notifications.",
        featured: false,
        plans: &[("Free", "0", "EUR"), ("Plus", "4", "EUR")],
        static_site: false,
    },
    DemoApp {
        slug: "secret-vault",
        name: "Secret Vault",
        category: "security",
        summary: "Store and share passwords and API keys, encrypted.",
        description: "End-to-end encrypted vaults with audit logs and sharing by group.",
        featured: false,
        plans: &[("Business", "49", "EUR")],
        static_site: false,
    },
    DemoApp {
        slug: "form-builder",
        name: "Form Builder",
        category: "productivity",
        summary: "Build forms and surveys, collect answers in one place.",
        description: "Drag-and-drop forms, conditional questions, exports to CSV.",
        featured: false,
        plans: &[("Free", "0", "EUR")],
        static_site: false,
    },
    DemoApp {
        slug: "docs-portal",
        name: "Docs Portal",
        category: "content",
        summary: "Beautiful documentation sites from Markdown files.",
        description: "Versioned docs with search and a table of contents.",
        featured: false,
        plans: &[("Open source", "0", "EUR"), ("Company", "15", "GBP")],
        static_site: true,
    },
    DemoApp {
        slug: "uptime-watch",
        name: "Uptime Watch",
        category: "operations",
        summary: "Checks your sites every minute and alerts the right person.",
        description: "HTTP, TCP and keyword checks; alerts by e-mail and webhooks.",
        featured: false,
        plans: &[("Free", "0", "EUR"), ("Team", "12", "EUR")],
        static_site: false,
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::manifest;

    #[test]
    fn demo_manifests_pass_review_rules() {
        let m = manifest::parse(&web_app_manifest("Team Wiki")).unwrap();
        assert_eq!(m.run.command, "/usr/bin/python3");
        assert_eq!(m.health.path, "/health");
        assert!(m.files[0].content.contains("ThreadingHTTPServer"));
        let s = manifest::parse(&static_site_manifest("Company Site")).unwrap();
        assert_eq!(s.files[0].path, "site/index.html");
    }

    #[test]
    fn the_catalog_is_varied_enough() {
        assert!(CATALOG.len() >= 8);
        let mut cats: Vec<_> = CATALOG.iter().map(|a| a.category).collect();
        cats.sort_unstable();
        cats.dedup();
        assert!(cats.len() >= 5);
    }
}
