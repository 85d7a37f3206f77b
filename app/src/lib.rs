//! Agora's isomorphic half: the API contract (value types and server functions)
//! and the UI, compiled twice — with `ssr` into the server, with `hydrate` into
//! the browser's WASM.
//!
//! One folder per bounded context, each with `types.rs` (DTOs and validators
//! shared by form and server), `api.rs` (server functions: authorise, call the
//! service, map the result) and `pages/` (components).

#![recursion_limit = "256"]

pub mod admin;
pub mod auth;
pub mod billing;
pub mod catalog;
pub mod error;
pub mod forms;
pub mod http_glue;
pub mod identity;
pub mod layout;
#[cfg(feature = "ssr")]
pub mod ports;
pub mod provisioning;
pub mod routes;
pub mod tenancy;
pub mod theme;
pub mod ui;
pub mod validate;

use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{Lazy, SsrMode, path};

use crate::layout::Frame;

/// The HTML document around the app, rendered on the server only.
#[cfg(feature = "ssr")]
pub fn shell(options: LeptosOptions) -> impl IntoView {
    use leptos_meta::MetaTags;
    let theme = theme::ThemeCss::current();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <style id="agora-theme">{theme.0}</style>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The application: routes inside the page frame.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Link rel="stylesheet" href="/pkg/agora.css"/>
        <Link rel="icon" href="/favicon.svg"/>
        <Meta name="description" content="Agora: find, buy and run apps for your organisation."/>
        <Title formatter=|t: String| if t.is_empty() { "Agora".to_owned() } else { format!("{t} · Agora") }/>
        <Router>
            <Frame>
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=catalog::pages::StoreHomePage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/category/:slug")
                        view=catalog::pages::CategoryPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/search") view=catalog::pages::SearchPage ssr=SsrMode::Async/>
                    <Route path=path!("/apps/:slug") view=catalog::pages::AppPage ssr=SsrMode::Async/>
                    <Route path=path!("/signup") view=identity::pages::SignUpPage ssr=SsrMode::Async/>
                    <Route path=path!("/login") view=identity::pages::LogInPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/dashboard")
                        view={Lazy::<routes::DashboardRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/deployments/:id")
                        view={Lazy::<routes::DeploymentRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/billing") view={Lazy::<routes::BillingRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/team") view={Lazy::<routes::TeamRoute>::new()} ssr=SsrMode::Async/>
                    <Route
                        path=path!("/invite/:token")
                        view={Lazy::<routes::InviteRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/vendor") view={Lazy::<routes::VendorHomeRoute>::new()} ssr=SsrMode::Async/>
                    <Route
                        path=path!("/vendor/apps/new")
                        view={Lazy::<routes::NewAppRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/vendor/apps/:slug")
                        view={Lazy::<routes::VendorAppRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/admin") view={Lazy::<routes::AdminRoute>::new()} ssr=SsrMode::Async/>
                </Routes>
            </Frame>
        </Router>
    }
}

#[component]
fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
        options.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="Not found"/>
        <section class="card">
            <h1>"Page not found"</h1>
            <p>"There is nothing at this address. " <a href="/">"Back to the store"</a></p>
        </section>
    }
}
