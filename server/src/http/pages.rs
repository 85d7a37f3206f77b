//! Server-side rendering of the UI's pages, and static files (WASM, JS, CSS, images).

use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};

use crate::state::AppState;

/// Renders one of the UI's routes.
pub async fn render(State(state): State<AppState>, req: Request) -> Response {
    let options = state.leptos.clone();
    let handler = leptos_axum::render_route_with_context(
        state.routes.as_ref().clone(),
        state.context(),
        move || app::shell(options.clone()),
    );
    handler(State(state), req).await.into_response()
}

/// Serves a file from the site directory, or renders the not-found page.
pub async fn files_or_not_found(
    uri: axum::http::Uri,
    State(state): State<AppState>,
    req: Request,
) -> Response {
    let handler = leptos_axum::file_and_error_handler_with_context::<AppState, _>(
        state.context(),
        app::shell,
    );
    handler(uri, State(state), req).await.into_response()
}
