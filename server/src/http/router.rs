//! The router: protocol endpoints, server functions, pages, static files, and the
//! middleware stack around them.

use axum::Router;
use axum::http::{HeaderName, Request};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{get, post};
use leptos_axum::LeptosRoutes;
use tower::ServiceBuilder;
use tower_http::CompressionLevel;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::http::{health, middleware, pages, server_fns};
use crate::state::AppState;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Builds the whole HTTP application.
pub fn build(state: AppState) -> Router {
    let routes = state.routes.as_ref().clone();
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/api/{*fn_name}", post(server_fns::handle).get(server_fns::handle))
        .leptos_routes_with_handler(routes, get(pages::render))
        .fallback(pages::files_or_not_found)
        .layer(from_fn(middleware::require_login_for_member_pages))
        .layer(from_fn_with_state(state.clone(), middleware::identify))
        .layer(from_fn_with_state(state.clone(), middleware::csrf_guard))
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
                .layer(
                    TraceLayer::new_for_http()
                        .make_span_with(|req: &Request<_>| {
                            let id = req
                                .headers()
                                .get(REQUEST_ID)
                                .and_then(|v| v.to_str().ok())
                                .unwrap_or("-");
                            let path = middleware::loggable_path(req.uri().path());
                            tracing::info_span!("request", request_id = %id, method = %req.method(), path = %path)
                        })
                        .on_response(DefaultOnResponse::new().level(Level::INFO).latency_unit(tower_http::LatencyUnit::Millis)),
                )
                .layer(PropagateRequestIdLayer::new(REQUEST_ID))
                .layer(from_fn(middleware::security_headers))
                .layer(RequestBodyLimitLayer::new(2 * 1024 * 1024))
                // Brotli's default level (11) costs about a second per megabyte; 4 is
                // within a few per cent of its size at a fraction of the time.
                .layer(CompressionLayer::new().quality(CompressionLevel::Precise(4))),
        )
        .with_state(state)
}
