//! Roles, permissions and the principal a request acts as.
//!
//! Every server function starts by asking for the principal and checking one
//! [`Permission`]; the answer is a [`TenantScope`] that every tenant query takes,
//! so a query cannot run without having been authorised for one organisation.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::AppError;

/// A member's role in one organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Created the organisation; everything, including billing.
    Owner,
    /// Runs the organisation day to day: members, subscriptions, deployments, apps.
    Admin,
    /// Uses what the organisation has: sees deployments and the store.
    Member,
}

impl Role {
    /// Parses the stored or submitted form (`owner`, `admin`, `member`).
    pub fn parse(raw: &str) -> Result<Self, String> {
        match raw.trim() {
            "owner" => Ok(Self::Owner),
            "admin" => Ok(Self::Admin),
            "member" => Ok(Self::Member),
            _ => Err("Choose a role: admin or member.".into()),
        }
    }

    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Owner => "owner",
            Self::Admin => "admin",
            Self::Member => "member",
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Owner => "Owner",
            Self::Admin => "Admin",
            Self::Member => "Member",
        }
    }

    /// Whether this role grants a tenant permission.
    pub fn allows(self, permission: Permission) -> bool {
        use Permission::*;
        match permission {
            ViewTenant | ViewDeployments | ViewVendorApps => true,
            ManageMembers | ManageBilling | Subscribe | OperateDeployments | ManageVendorApps => {
                matches!(self, Self::Owner | Self::Admin)
            }
            ManageVendorProfile => matches!(self, Self::Owner),
        }
    }
}

/// Something a member may do inside their organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    /// See the organisation, its members and its dashboard.
    ViewTenant,
    /// Invite and revoke members.
    ManageMembers,
    /// See and pay invoices, cancel subscriptions.
    ManageBilling,
    /// Check out a plan.
    Subscribe,
    /// See deployments and their logs.
    ViewDeployments,
    /// Start, stop, restart and delete deployments.
    OperateDeployments,
    /// See the organisation's published apps (vendor side).
    ViewVendorApps,
    /// Create and edit apps, versions and plans; submit versions for review.
    ManageVendorApps,
    /// Turn the organisation into a vendor.
    ManageVendorProfile,
}

impl Permission {
    /// Whether the permission only makes sense for vendor organisations.
    pub fn needs_vendor(self) -> bool {
        matches!(self, Self::ViewVendorApps | Self::ManageVendorApps)
    }
}

/// The id of an organisation. Repository functions take this, never a bare UUID.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TenantId(pub Uuid);

/// The id of a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct UserId(pub Uuid);

/// Proof that the current request was authorised for one permission in one organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TenantScope {
    /// The organisation acted for.
    pub tenant_id: TenantId,
    /// The person acting.
    pub user_id: UserId,
    /// Their role there.
    pub role: Role,
}

/// Proof that the current request comes from a platform operator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperatorScope {
    /// The operator acting.
    pub user_id: UserId,
}

/// The organisation a session currently acts for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActiveMembership {
    /// Organisation id.
    pub tenant_id: TenantId,
    /// Role there.
    pub role: Role,
    /// Whether it is a vendor.
    pub is_vendor: bool,
}

/// Who a request acts as: resolved once per request from the session cookie.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Principal {
    /// The session behind the request.
    pub session_id: Uuid,
    /// The person.
    pub user_id: UserId,
    /// Platform operator.
    pub is_operator: bool,
    /// The organisation currently acted for, if any.
    pub active: Option<ActiveMembership>,
}

impl Principal {
    /// Authorises one tenant permission in the active organisation.
    pub fn scope(&self, permission: Permission) -> Result<TenantScope, AppError> {
        let Some(active) = &self.active else {
            return Err(AppError::forbidden(
                "Choose or create an organisation first.",
            ));
        };
        if permission.needs_vendor() && !active.is_vendor {
            return Err(AppError::forbidden(
                "This organisation is not a vendor. An owner can turn on publishing under Team.",
            ));
        }
        if !active.role.allows(permission) {
            return Err(AppError::forbidden(format!(
                "Your role ({}) does not allow this. Ask an owner or admin of your organisation.",
                active.role.label()
            )));
        }
        Ok(TenantScope {
            tenant_id: active.tenant_id,
            user_id: self.user_id,
            role: active.role,
        })
    }

    /// Authorises an operator-only action.
    pub fn operator(&self) -> Result<OperatorScope, AppError> {
        if self.is_operator {
            Ok(OperatorScope {
                user_id: self.user_id,
            })
        } else {
            Err(AppError::forbidden("Only platform operators can do this."))
        }
    }
}

/// Server-side access to the principal the session middleware attached to the request.
#[cfg(feature = "ssr")]
pub mod server {
    use leptos::prelude::use_context;

    use super::Principal;
    use crate::error::AppError;

    /// The principal of the current request, if someone is logged in.
    pub fn current_principal() -> Option<Principal> {
        use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<Principal>().cloned())
    }

    /// The principal, or `NotAuthenticated`.
    pub fn require_principal() -> Result<Principal, AppError> {
        current_principal().ok_or(AppError::NotAuthenticated)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn principal(role: Role, is_vendor: bool) -> Principal {
        Principal {
            session_id: Uuid::nil(),
            user_id: UserId(Uuid::nil()),
            is_operator: false,
            active: Some(ActiveMembership {
                tenant_id: TenantId(Uuid::from_u128(7)),
                role,
                is_vendor,
            }),
        }
    }

    #[test]
    fn members_can_look_but_not_operate() {
        let p = principal(Role::Member, false);
        assert!(p.scope(Permission::ViewDeployments).is_ok());
        for denied in [
            Permission::OperateDeployments,
            Permission::Subscribe,
            Permission::ManageMembers,
            Permission::ManageBilling,
        ] {
            assert_eq!(
                p.scope(denied).map_err(|e| e.status_code()),
                Err(403),
                "{denied:?}"
            );
        }
    }

    #[test]
    fn admins_operate_and_only_owners_manage_vendor_profile() {
        let admin = principal(Role::Admin, false);
        assert!(admin.scope(Permission::OperateDeployments).is_ok());
        assert!(admin.scope(Permission::ManageVendorProfile).is_err());
        assert!(
            principal(Role::Owner, false)
                .scope(Permission::ManageVendorProfile)
                .is_ok()
        );
    }

    #[test]
    fn vendor_permissions_need_a_vendor_organisation() {
        assert!(
            principal(Role::Owner, false)
                .scope(Permission::ManageVendorApps)
                .is_err()
        );
        let scope = principal(Role::Admin, true).scope(Permission::ManageVendorApps);
        assert_eq!(scope.map(|s| s.tenant_id), Ok(TenantId(Uuid::from_u128(7))));
    }

    #[test]
    fn no_active_organisation_means_no_tenant_scope() {
        let mut p = principal(Role::Owner, true);
        p.active = None;
        assert!(p.scope(Permission::ViewTenant).is_err());
    }

    #[test]
    fn only_operators_get_operator_scope() {
        let mut p = principal(Role::Owner, true);
        assert!(p.operator().is_err());
        p.is_operator = true;
        assert!(p.operator().is_ok());
    }

    #[test]
    fn roles_round_trip_and_unknown_roles_are_refused() {
        for r in [Role::Owner, Role::Admin, Role::Member] {
            assert_eq!(Role::parse(r.as_str()), Ok(r));
        }
        assert!(Role::parse("superuser").is_err());
    }
}
