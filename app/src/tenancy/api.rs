//! Tenancy server functions: members, invitations, becoming a vendor.
// The #[server] macro turns each function's parameters into the fields of a generated
// argument struct; the parameters are described on the functions themselves.
#![allow(missing_docs)]

use leptos::prelude::*;
use uuid::Uuid;

use crate::error::AppError;
use crate::tenancy::types::{InviteCreated, InvitePreview, TeamPage};

/// Members and pending invitations of the active organisation.
#[server(endpoint = "tenancy/team")]
pub async fn team() -> Result<TeamPage, AppError> {
    use crate::auth::{Permission, server::require_principal};
    use crate::ports::services;
    let principal = require_principal()?;
    let scope = principal.scope(Permission::ViewTenant)?;
    let can_manage = principal.scope(Permission::ManageMembers).is_ok();
    services()?.tenancy.team(&scope, can_manage).await
}

/// Invites a person by e-mail; answers the link to send them.
#[server(endpoint = "tenancy/create_invite")]
pub async fn create_invite(email: String, role: String) -> Result<InviteCreated, AppError> {
    use crate::auth::{Permission, server::require_principal};
    use crate::ports::services;
    let scope = require_principal()?.scope(Permission::ManageMembers)?;
    services()?
        .tenancy
        .create_invite(&scope, &email, &role)
        .await
}

/// Withdraws a pending invitation.
#[server(endpoint = "tenancy/revoke_invite")]
pub async fn revoke_invite(invite_id: Uuid) -> Result<(), AppError> {
    use crate::auth::{Permission, server::require_principal};
    use crate::ports::services;
    let scope = require_principal()?.scope(Permission::ManageMembers)?;
    services()?.tenancy.revoke_invite(&scope, invite_id).await
}

/// What an invitation link offers (public: the token is the credential).
#[server(endpoint = "tenancy/invite_preview")]
pub async fn load_invite(token: String) -> Result<InvitePreview, AppError> {
    use crate::ports::services;
    services()?.tenancy.invite_preview(&token).await
}

/// Joins the inviting organisation.
#[server(endpoint = "tenancy/accept_invite")]
pub async fn accept_invite(token: String) -> Result<(), AppError> {
    use crate::auth::server::require_principal;
    use crate::ports::services;
    let principal = require_principal()?;
    services()?
        .tenancy
        .accept_invite(&principal, &token)
        .await?;
    crate::http_glue::redirect("/dashboard");
    Ok(())
}

/// Turns the active organisation into a vendor that can publish apps.
#[server(endpoint = "tenancy/become_vendor")]
pub async fn become_vendor(vendor_name: String) -> Result<(), AppError> {
    use crate::auth::{Permission, server::require_principal};
    use crate::ports::services;
    let scope = require_principal()?.scope(Permission::ManageVendorProfile)?;
    services()?
        .tenancy
        .become_vendor(&scope, &vendor_name)
        .await?;
    crate::http_glue::redirect("/vendor");
    Ok(())
}
