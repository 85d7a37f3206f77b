//! The session cookie: its name, attributes, and reading it back from a request.

/// How session cookies are written.
#[derive(Debug, Clone)]
pub struct CookieSettings {
    /// Send only over HTTPS (and use the `__Host-` prefix, which pins it to this host and path `/`).
    pub secure: bool,
    /// Lifetime in seconds.
    pub max_age_secs: u64,
}

impl CookieSettings {
    /// The cookie's name.
    pub fn name(&self) -> &'static str {
        if self.secure {
            "__Host-agora_session"
        } else {
            "agora_session"
        }
    }

    /// `Set-Cookie` value that stores a session token. HttpOnly: scripts cannot read it;
    /// SameSite=Lax: other sites cannot make the browser send it with their POSTs.
    pub fn set(&self, token: &str) -> String {
        format!(
            "{}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
            self.name(),
            self.max_age_secs,
            if self.secure { "; Secure" } else { "" }
        )
    }

    /// `Set-Cookie` value that deletes the session cookie.
    pub fn clear(&self) -> String {
        format!(
            "{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}",
            self.name(),
            if self.secure { "; Secure" } else { "" }
        )
    }

    /// Finds this cookie's value in a `Cookie` request header.
    pub fn read<'a>(&self, header: &'a str) -> Option<&'a str> {
        header.split(';').find_map(|pair| {
            let (k, v) = pair.trim().split_once('=')?;
            (k == self.name() && !v.is_empty()).then_some(v)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secure_cookies_use_the_host_prefix() {
        let c = CookieSettings {
            secure: true,
            max_age_secs: 60,
        };
        let v = c.set("tok");
        assert!(v.starts_with("__Host-agora_session=tok;"), "{v}");
        for attr in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/", "Max-Age=60"] {
            assert!(v.contains(attr), "{attr} missing in {v}");
        }
        assert!(c.clear().contains("Max-Age=0"));
    }

    #[test]
    fn reads_its_own_cookie_only() {
        let c = CookieSettings {
            secure: false,
            max_age_secs: 60,
        };
        assert_eq!(c.read("a=1; agora_session=xyz; b=2"), Some("xyz"));
        assert_eq!(c.read("agora_session_x=1"), None);
        assert_eq!(c.read("agora_session="), None);
        assert!(!c.set("t").contains("Secure"));
    }
}
