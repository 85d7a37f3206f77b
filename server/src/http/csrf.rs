//! Cross-site request forgery protection by origin checking.
//!
//! A browser tells the server where a request comes from (`Sec-Fetch-Site`, and
//! `Origin` on every POST). State-changing requests from another site are refused;
//! requests without either header do not come from a browser and carry no ambient
//! cookie risk. Together with `SameSite=Lax` session cookies this is the whole of
//! CSRF protection (see docs/adr/0004-csrf-by-origin.md).

use http::{HeaderMap, Method};

/// Whether a request may change state.
pub fn allowed(method: &Method, headers: &HeaderMap, public_origin: &str) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return true;
    }
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return matches!(site, "same-origin" | "none");
    }
    match headers
        .get(http::header::ORIGIN)
        .and_then(|v| v.to_str().ok())
    {
        None => true,
        Some(origin) => {
            let host = headers
                .get(http::header::HOST)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            origin == public_origin
                || origin
                    .split_once("://")
                    .is_some_and(|(_, authority)| !host.is_empty() && authority == host)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(list: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in list {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    const ME: &str = "http://127.0.0.1:3000";

    #[test]
    fn safe_methods_pass() {
        assert!(allowed(
            &Method::GET,
            &headers(&[("sec-fetch-site", "cross-site")]),
            ME
        ));
    }

    #[test]
    fn same_origin_browsers_pass_and_cross_site_ones_do_not() {
        assert!(allowed(
            &Method::POST,
            &headers(&[("sec-fetch-site", "same-origin")]),
            ME
        ));
        assert!(!allowed(
            &Method::POST,
            &headers(&[("sec-fetch-site", "cross-site")]),
            ME
        ));
        assert!(!allowed(
            &Method::POST,
            &headers(&[("sec-fetch-site", "same-site")]),
            ME
        ));
    }

    #[test]
    fn origin_is_checked_when_fetch_metadata_is_missing() {
        assert!(allowed(
            &Method::POST,
            &headers(&[("origin", "http://127.0.0.1:3000")]),
            ME
        ));
        assert!(allowed(
            &Method::POST,
            &headers(&[
                ("origin", "http://localhost:4000"),
                ("host", "localhost:4000")
            ]),
            ME
        ));
        assert!(!allowed(
            &Method::POST,
            &headers(&[("origin", "https://evil.test"), ("host", "127.0.0.1:3000")]),
            ME
        ));
        assert!(!allowed(&Method::POST, &headers(&[("origin", "null")]), ME));
    }

    #[test]
    fn non_browser_clients_pass() {
        assert!(allowed(&Method::POST, &HeaderMap::new(), ME));
    }
}
