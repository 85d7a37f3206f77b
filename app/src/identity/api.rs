//! Identity server functions: sign up, log in, log out, who am I, switch organisation.
// The #[server] macro turns each function's parameters into the fields of a generated
// argument struct; the parameters are described on the functions themselves.
#![allow(missing_docs)]

use leptos::prelude::*;
use uuid::Uuid;

use crate::error::AppError;
use crate::identity::types::Viewer;

/// Creates an account and its organisation, logs in, and goes to the dashboard.
#[server(endpoint = "identity/sign_up")]
pub async fn sign_up(
    display_name: String,
    email: String,
    password: String,
    org_name: String,
) -> Result<(), AppError> {
    use crate::identity::types::SignUpForm;
    use crate::ports::{client_info, services};
    let session = services()?
        .identity
        .sign_up(
            SignUpForm {
                display_name,
                email,
                password,
                org_name,
            },
            client_info(),
        )
        .await?;
    crate::http_glue::set_cookie(&session.set_cookie);
    crate::http_glue::redirect("/dashboard");
    Ok(())
}

/// Logs in and goes to `next` (a path on this site) or the dashboard.
#[server(endpoint = "identity/log_in")]
pub async fn log_in(email: String, password: String, next: String) -> Result<(), AppError> {
    use crate::identity::types::LogInForm;
    use crate::ports::{client_info, services};
    let session = services()?
        .identity
        .log_in(LogInForm { email, password }, client_info())
        .await?;
    crate::http_glue::set_cookie(&session.set_cookie);
    crate::http_glue::redirect(&crate::http_glue::safe_next(&next, "/dashboard"));
    Ok(())
}

/// Ends the session and goes to the store.
#[server(endpoint = "identity/log_out")]
pub async fn log_out() -> Result<(), AppError> {
    use crate::auth::server::current_principal;
    use crate::ports::services;
    if let Some(principal) = current_principal() {
        let clear = services()?.identity.log_out(&principal).await?;
        crate::http_glue::set_cookie(&clear);
    }
    crate::http_glue::redirect("/");
    Ok(())
}

/// The logged-in person, or nothing for visitors.
#[server(endpoint = "identity/viewer")]
pub async fn current_viewer() -> Result<Option<Viewer>, AppError> {
    use crate::auth::server::current_principal;
    use crate::ports::services;
    match current_principal() {
        Some(principal) => Ok(Some(services()?.identity.viewer(&principal).await?)),
        None => Ok(None),
    }
}

/// Acts for another of the person's organisations from now on.
#[server(endpoint = "identity/switch_tenant")]
pub async fn switch_tenant(tenant_id: Uuid) -> Result<(), AppError> {
    use crate::auth::server::require_principal;
    use crate::ports::services;
    let principal = require_principal()?;
    services()?
        .identity
        .switch_tenant(&principal, tenant_id)
        .await?;
    crate::http_glue::redirect("/dashboard");
    Ok(())
}
