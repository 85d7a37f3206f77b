//! Identity value types: who a person is and how they prove it.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::auth::Role;
use crate::validate::bounded_text;

/// A normalised (trimmed, lower-cased) e-mail address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    /// Parses an address typed into a form.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let v = raw.trim().to_lowercase();
        if v.is_empty() {
            return Err("Email is required.".into());
        }
        if v.len() > 254 {
            return Err("Email must be at most 254 characters.".into());
        }
        let Some((local, domain)) = v.split_once('@') else {
            return Err("Enter an email address like name@example.com.".into());
        };
        let ok = !local.is_empty()
            && local.len() <= 64
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@')
            && !v.chars().any(|c| c.is_whitespace() || c.is_control())
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
        if !ok {
            return Err("Enter an email address like name@example.com.".into());
        }
        Ok(Self(v))
    }

    /// The address as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Password rules: long enough to resist guessing, short enough to hash cheaply.
pub struct Password;

impl Password {
    /// Minimum length in characters.
    pub const MIN: usize = 10;
    /// Maximum length in characters.
    pub const MAX: usize = 128;

    /// Checks a new password (sign-up); login accepts anything and lets the hash decide.
    pub fn check_new(raw: &str) -> Result<(), String> {
        let n = raw.chars().count();
        if n < Self::MIN {
            return Err(format!(
                "Password must be at least {} characters.",
                Self::MIN
            ));
        }
        if n > Self::MAX {
            return Err(format!(
                "Password must be at most {} characters.",
                Self::MAX
            ));
        }
        if raw.trim().is_empty() {
            return Err("Password cannot be only spaces.".into());
        }
        Ok(())
    }
}

/// A person's name as shown to others.
pub fn parse_display_name(raw: &str) -> Result<String, String> {
    bounded_text(raw, "Your name", 1, 80)
}

/// The sign-up form, exactly as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SignUpForm {
    /// Full name.
    pub display_name: String,
    /// Login e-mail.
    pub email: String,
    /// New password.
    pub password: String,
    /// Name of the organisation created with the account.
    pub org_name: String,
}

/// The log-in form.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct LogInForm {
    /// Login e-mail.
    pub email: String,
    /// Password.
    pub password: String,
}

/// One organisation the viewer belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembershipView {
    /// The organisation.
    pub tenant_id: Uuid,
    /// Its URL name.
    pub tenant_slug: String,
    /// Its display name.
    pub tenant_name: String,
    /// The viewer's role there.
    pub role: Role,
    /// Whether the organisation publishes apps.
    pub is_vendor: bool,
}

/// The logged-in person, as the UI needs them (header, menus, guards).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    /// User id.
    pub user_id: Uuid,
    /// Login e-mail.
    pub email: String,
    /// Name.
    pub display_name: String,
    /// Platform operator (admin of the whole installation).
    pub is_operator: bool,
    /// The organisation currently acted for.
    pub active: Option<MembershipView>,
    /// Every organisation the person belongs to.
    pub memberships: Vec<MembershipView>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised() {
        assert_eq!(
            Email::parse("  Alice@Example.COM ").map(|e| e.as_str().to_owned()),
            Ok("alice@example.com".to_owned())
        );
    }

    #[test]
    fn malformed_emails_are_refused() {
        for bad in [
            "",
            "alice",
            "alice@",
            "@example.com",
            "alice@example",
            "a b@example.com",
            "alice@exa mple.com",
            "alice@@example.com",
            "alice@.example.com",
            "alice@example.com.",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn passwords_have_bounds() {
        assert!(Password::check_new("short").is_err());
        assert!(Password::check_new("          ").is_err());
        assert!(Password::check_new("correct horse").is_ok());
        assert!(Password::check_new(&"x".repeat(129)).is_err());
    }
}
