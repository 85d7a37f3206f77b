//! Tenancy value types: organisations, their members and invitations.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::auth::Role;
use crate::validate::{bounded_text, slug};

/// Slugs that would collide with the platform's own paths or mislead users.
const RESERVED: &[&str] = &[
    "admin",
    "api",
    "app",
    "apps",
    "auth",
    "billing",
    "dashboard",
    "login",
    "logout",
    "new",
    "operator",
    "pkg",
    "platform",
    "root",
    "search",
    "settings",
    "signup",
    "static",
    "store",
    "support",
    "system",
    "vendor",
    "www",
];

/// An organisation's URL name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantSlug(String);

impl TenantSlug {
    /// Parses a slug, refusing reserved words.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let v = slug(raw, "Organisation URL name")?;
        if RESERVED.contains(&v.as_str()) {
            return Err(format!("“{v}” is reserved; choose another name."));
        }
        Ok(Self(v))
    }

    /// The slug as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An organisation's display name.
pub fn parse_org_name(raw: &str) -> Result<String, String> {
    bounded_text(raw, "Organisation name", 2, 80)
}

/// A member of the active organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRow {
    /// The member's user id.
    pub user_id: Uuid,
    /// Name.
    pub display_name: String,
    /// E-mail.
    pub email: String,
    /// Role in this organisation.
    pub role: Role,
    /// When they joined, formatted.
    pub joined: String,
}

/// An invitation waiting to be accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteRow {
    /// Invitation id.
    pub id: Uuid,
    /// Who was invited.
    pub email: String,
    /// The role they will get.
    pub role: Role,
    /// Expiry, formatted.
    pub expires: String,
}

/// A freshly created invitation; the link is shown once, then only its hash is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteCreated {
    /// Who was invited.
    pub email: String,
    /// The link to send them.
    pub url: String,
}

/// What an invitation link shows before it is accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitePreview {
    /// The inviting organisation.
    pub tenant_name: String,
    /// The role on offer.
    pub role: Role,
    /// The invited address.
    pub email: String,
}

/// The members page in one round trip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamPage {
    /// Organisation name.
    pub tenant_name: String,
    /// Whether the organisation is a vendor.
    pub is_vendor: bool,
    /// Members.
    pub members: Vec<MemberRow>,
    /// Pending invitations (empty unless the viewer may manage members).
    pub invites: Vec<InviteRow>,
    /// Whether the viewer may invite and revoke.
    pub can_manage: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_slugs_are_refused() {
        assert!(TenantSlug::parse("admin").is_err());
        assert!(TenantSlug::parse("api").is_err());
        assert!(TenantSlug::parse("acme").is_ok());
    }

    #[test]
    fn org_names_have_bounds() {
        assert!(parse_org_name("A").is_err());
        assert!(parse_org_name("Acme").is_ok());
        assert!(parse_org_name(&"x".repeat(81)).is_err());
    }
}
