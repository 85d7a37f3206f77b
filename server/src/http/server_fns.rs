//! The `/api/*` endpoint: every server function, with two things Leptos leaves to us.
//!
//! 1. Errors get their proper HTTP status (a validation error is a 422, not a 500).
//! 2. Forms posted by a browser without JavaScript get a redirect back to the page
//!    they came from, carrying the outcome in the query (see `app::forms`), so the
//!    page shows the error next to the field and keeps what was typed.

use app::error::AppError;
use app::forms::{ERROR_KEY, FORM_KEY, OK_KEY, VALUE_PREFIX};
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::state::AppState;

/// Largest request body a server function accepts.
const MAX_BODY: usize = 1024 * 1024;
/// Largest success value carried back in a no-JS redirect.
const MAX_OK: usize = 2048;
/// Largest typed value carried back per field.
const MAX_VALUE: usize = 4000;
const ERROR_HEADER: &str = "serverfnerror";

fn plain_form(req: &Request) -> bool {
    req.method() == http::Method::POST
        && req
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"))
}

/// Handles one server-function call.
pub async fn handle(State(state): State<AppState>, req: Request) -> Response {
    let path = req.uri().path().to_owned();
    if !plain_form(&req) {
        let res = leptos_axum::handle_server_fns_with_context(state.context(), req)
            .await
            .into_response();
        return with_error_status(res).await;
    }

    // A browser form without JavaScript: run the function as if called by script,
    // then send the browser back with the outcome.
    let back = referer_path(req.headers());
    let (mut parts, body) = req.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_BODY).await else {
        return redirect_back(&back, &path, Some(&too_large()), None, &[], Vec::new());
    };
    let fields: Vec<(String, String)> = form_urlencoded::parse(&bytes).into_owned().collect();
    parts
        .headers
        .insert(header::ACCEPT, HeaderValue::from_static("application/json"));
    parts.headers.remove(header::REFERER);
    let req = Request::from_parts(parts, Body::from(bytes));
    let res = leptos_axum::handle_server_fns_with_context(state.context(), req)
        .await
        .into_response();
    let cookies: Vec<HeaderValue> = res
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .cloned()
        .collect();
    if res.headers().contains_key(ERROR_HEADER) || !res.status().is_success() {
        let error = read_error(res).await;
        return redirect_back(&back, &path, Some(&error), None, &fields, cookies);
    }
    if let Some(location) = res
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
    {
        let location = location.to_owned();
        return see_other(&location, cookies);
    }
    let body = to_bytes(res.into_body(), MAX_OK + 1)
        .await
        .unwrap_or_default();
    let ok = (body.len() <= MAX_OK).then(|| String::from_utf8_lossy(&body).into_owned());
    redirect_back(&back, &path, None, ok.as_deref(), &[], cookies)
}

fn too_large() -> AppError {
    AppError::BadRequest {
        message: "The form is too large.".into(),
    }
}

async fn read_error(res: Response) -> AppError {
    let bytes = to_bytes(res.into_body(), MAX_BODY)
        .await
        .unwrap_or_default();
    serde_json::from_slice(&bytes).unwrap_or_else(|_| AppError::BadRequest {
        message: String::from_utf8_lossy(&bytes).chars().take(300).collect(),
    })
}

/// Gives a server-function error response the status its error kind deserves.
async fn with_error_status(res: Response) -> Response {
    if !res.headers().contains_key(ERROR_HEADER) {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = to_bytes(body, MAX_BODY).await.unwrap_or_default();
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status =
            StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        if let AppError::RateLimited {
            retry_after_secs, ..
        } = &error
            && let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string())
        {
            parts.headers.insert(header::RETRY_AFTER, v);
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// The path and query of a same-origin `Referer`, or `/`.
fn referer_path(headers: &HeaderMap) -> String {
    let Some(referer) = headers.get(header::REFERER).and_then(|v| v.to_str().ok()) else {
        return "/".into();
    };
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let rest = referer
        .strip_prefix("http://")
        .or_else(|| referer.strip_prefix("https://"))
        .unwrap_or("");
    match rest.split_once('/') {
        // `//elsewhere/` would be a redirect off the site.
        Some((authority, path)) if authority == host => {
            app::http_glue::safe_next(&format!("/{path}"), "/")
        }
        _ => "/".into(),
    }
}

fn is_secret(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.contains("password") || n.contains("secret") || n == "token"
}

/// Redirects to `back` with the outcome of the form in the query string.
fn redirect_back(
    back: &str,
    fn_path: &str,
    error: Option<&AppError>,
    ok: Option<&str>,
    fields: &[(String, String)],
    cookies: Vec<HeaderValue>,
) -> Response {
    let (path, query) = back.split_once('?').unwrap_or((back, ""));
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        if k != FORM_KEY && k != ERROR_KEY && k != OK_KEY && !k.starts_with(VALUE_PREFIX) {
            out.append_pair(&k, &v);
        }
    }
    out.append_pair(FORM_KEY, fn_path);
    if let Some(e) = error {
        out.append_pair(ERROR_KEY, &serde_json::to_string(e).unwrap_or_default());
        for (k, v) in fields.iter().filter(|(k, _)| !is_secret(k)).take(40) {
            let v: String = v.chars().take(MAX_VALUE).collect();
            out.append_pair(&format!("{VALUE_PREFIX}{k}"), &v);
        }
    }
    if let Some(ok) = ok {
        out.append_pair(OK_KEY, ok);
    }
    see_other(&format!("{path}?{}", out.finish()), cookies)
}

fn see_other(location: &str, cookies: Vec<HeaderValue>) -> Response {
    let mut res = Response::builder().status(StatusCode::SEE_OTHER);
    if let Ok(v) = HeaderValue::from_str(location) {
        res = res.header(header::LOCATION, v);
    }
    for c in cookies {
        res = res.header(header::SET_COOKIE, c);
    }
    res.body(Body::empty())
        .unwrap_or_else(|_| StatusCode::SEE_OTHER.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn referers_from_elsewhere_are_ignored() {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static("127.0.0.1:3000"));
        h.insert(
            header::REFERER,
            HeaderValue::from_static("http://127.0.0.1:3000/signup?x=1"),
        );
        assert_eq!(referer_path(&h), "/signup?x=1");
        h.insert(
            header::REFERER,
            HeaderValue::from_static("https://evil.test/signup"),
        );
        assert_eq!(referer_path(&h), "/");
        // A path that starts with two slashes names another host.
        h.insert(
            header::REFERER,
            HeaderValue::from_static("http://127.0.0.1:3000//evil.test/x"),
        );
        assert_eq!(referer_path(&h), "/");
    }

    #[test]
    fn redirects_carry_the_error_and_typed_values_but_not_passwords() {
        let fields = vec![
            ("email".to_owned(), "a@b".to_owned()),
            ("password".to_owned(), "hunter2hunter2".to_owned()),
        ];
        let res = redirect_back(
            "/signup?_form=old&_v.email=old&keep=1",
            "/api/identity/sign_up",
            Some(&AppError::invalid("email", "bad")),
            None,
            &fields,
            Vec::new(),
        );
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let loc = res
            .headers()
            .get(header::LOCATION)
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            loc.starts_with("/signup?keep=1&_form=%2Fapi%2Fidentity%2Fsign_up&_err="),
            "{loc}"
        );
        assert!(loc.contains("_v.email=a%40b"), "{loc}");
        assert!(!loc.contains("hunter2"), "{loc}");
        assert!(!loc.contains("=old"), "{loc}");
    }
}
