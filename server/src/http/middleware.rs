//! Request middleware: who is asking (session → principal, client address), CSRF,
//! security headers, and sending visitors of member pages to the login page.

use std::net::SocketAddr;

use app::auth::Principal;
use app::error::AppError;
use app::ports::ClientInfo;
use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::http::csrf;
use crate::state::AppState;

/// Resolves the session cookie into a [`Principal`] and records the [`ClientInfo`].
pub async fn identify(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string());
    let forwarded = state
        .trust_proxy
        .then(|| {
            req.headers()
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                .and_then(last_forwarded)
        })
        .flatten();
    let client = ClientInfo {
        ip: forwarded.or(peer),
        user_agent: req
            .headers()
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
    };
    let cookie = req
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join("; ");
    if !cookie.is_empty()
        && let Some(principal) = state.identity.principal_from_cookie(&cookie).await
    {
        req.extensions_mut().insert::<Principal>(principal);
    }
    req.extensions_mut().insert(client);
    next.run(req).await
}

/// The address our reverse proxy saw: the last entry of `X-Forwarded-For`. Proxies append,
/// so earlier entries are whatever the client chose to send.
fn last_forwarded(header: &str) -> Option<String> {
    header
        .rsplit(',')
        .map(str::trim)
        .find(|v| !v.is_empty())
        .map(str::to_owned)
}

/// A request path fit for the logs: an invitation's token is a credential, so it is hidden.
pub fn loggable_path(path: &str) -> std::borrow::Cow<'_, str> {
    match path.strip_prefix("/invite/") {
        Some(rest) if !rest.is_empty() => "/invite/…".into(),
        _ => path.into(),
    }
}

/// Refuses state-changing requests that come from another site.
pub async fn csrf_guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if csrf::allowed(req.method(), req.headers(), &state.public_origin) {
        return next.run(req).await;
    }
    tracing::warn!(path = %loggable_path(req.uri().path()), "cross-site request refused");
    let error = AppError::forbidden("This request came from another site and was refused.");
    let body = serde_json::to_string(&error).unwrap_or_default();
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response()
}

/// Pages that need a logged-in person.
const MEMBER_PAGES: &[&str] = &[
    "/dashboard",
    "/deployments",
    "/billing",
    "/team",
    "/vendor",
    "/admin",
];

/// Sends visitors who are not logged in from member pages to the login page.
pub async fn require_login_for_member_pages(req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let protected = MEMBER_PAGES
        .iter()
        .any(|p| path == *p || path.starts_with(&format!("{p}/")));
    if protected
        && req.method() == http::Method::GET
        && req.extensions().get::<Principal>().is_none()
    {
        let next_path = req
            .uri()
            .path_and_query()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_else(|| path.to_owned());
        let location = format!("/login?next={}", urlencoding::encode(&next_path));
        return Response::builder()
            .status(StatusCode::SEE_OTHER)
            .header(header::LOCATION, location)
            .body(Body::empty())
            .unwrap_or_else(|_| StatusCode::SEE_OTHER.into_response());
    }
    next.run(req).await
}

/// Headers every response carries.
pub async fn security_headers(req: Request, next: Next) -> Response {
    let is_asset = req.uri().path().starts_with("/pkg/");
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    if is_asset {
        // Asset names are not content-hashed: browsers must revalidate (cheap 304s).
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'",
        ),
    );
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_proxys_own_entry_is_believed() {
        assert_eq!(
            last_forwarded("6.6.6.6, 203.0.113.7").as_deref(),
            Some("203.0.113.7")
        );
        assert_eq!(
            last_forwarded("203.0.113.7 ,").as_deref(),
            Some("203.0.113.7")
        );
        assert_eq!(last_forwarded(" , "), None);
    }

    #[test]
    fn invitation_tokens_stay_out_of_the_logs() {
        assert_eq!(loggable_path("/invite/s3cr3t-token"), "/invite/…");
        assert_eq!(loggable_path("/invite/"), "/invite/");
        assert_eq!(loggable_path("/apps/team-wiki"), "/apps/team-wiki");
    }
}
