//! Everything a request handler needs, cloned cheaply into each request.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use app::ports::Services;
use app::theme::Theme;
use axum::extract::FromRef;
use leptos::prelude::{LeptosOptions, provide_context};
use leptos_axum::AxumRouteListing;

use crate::db::Db;
use crate::identity::service::Identity;

/// Shared state of the HTTP server.
#[derive(Clone)]
pub struct AppState {
    /// Where the built site lives and how it is named.
    pub leptos: LeptosOptions,
    /// The domain services, handed to server functions.
    pub services: Services,
    /// Session resolution for the middleware.
    pub identity: Arc<Identity>,
    /// The database (readiness checks).
    pub db: Db,
    /// The UI's routes, for server-side rendering.
    pub routes: Arc<Vec<AxumRouteListing>>,
    /// `scheme://host[:port]` people use; requests from other origins are refused.
    pub public_origin: String,
    /// Whether `X-Forwarded-For` is believed.
    pub trust_proxy: bool,
    /// False once shutdown began (readiness turns red first).
    pub ready: Arc<AtomicBool>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}

impl AppState {
    /// The context every server function and page render gets.
    pub fn context(&self) -> impl Fn() + Clone + Send + Sync + 'static {
        let services = self.services.clone();
        move || {
            provide_context(services.clone());
            provide_context(Theme::default());
        }
    }
}
