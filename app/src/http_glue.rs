//! Server-side helpers that touch the HTTP response of the current server function.

/// Appends a `Set-Cookie` header to the response.
#[cfg(feature = "ssr")]
pub fn set_cookie(value: &str) {
    use http::header::{HeaderValue, SET_COOKIE};
    if let (Some(options), Ok(value)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        HeaderValue::from_str(value),
    ) {
        options.append_header(SET_COOKIE, value);
    }
}

/// Redirects the browser after the server function (a real redirect for plain forms,
/// a client-side navigation for hydrated ones).
#[cfg(feature = "ssr")]
pub fn redirect(path: &str) {
    // Only local, header-safe paths reach leptos_axum (it panics on invalid header text).
    let safe = safe_next(path, "/");
    leptos_axum::redirect(&safe);
}

/// Accepts a post-login destination only if it is a path on this site.
pub fn safe_next(next: &str, fallback: &str) -> String {
    let n = next.trim();
    let local = n.starts_with('/')
        && !n.starts_with("//")
        && !n.starts_with("/\\")
        && n.chars().all(|c| c.is_ascii_graphic());
    if local {
        n.to_owned()
    } else {
        fallback.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_next("/apps/x?y=1", "/d"), "/apps/x?y=1");
        for bad in [
            "https://evil.test",
            "//evil.test",
            "/\\evil.test",
            "",
            "/a b",
            "javascript:x",
        ] {
            assert_eq!(safe_next(bad, "/d"), "/d", "{bad}");
        }
    }
}
