//! The review rules: which version transitions are allowed, and version ordering.

use app::catalog::types::VersionStatus;
use app::error::AppError;
use app::validate::bounded_text;

/// A vendor submits a draft or a rejected version.
pub fn submit(from: VersionStatus) -> Result<VersionStatus, AppError> {
    match from {
        VersionStatus::Draft | VersionStatus::Rejected => Ok(VersionStatus::InReview),
        VersionStatus::InReview => Err(AppError::conflict(
            "This version is already waiting for review.",
        )),
        VersionStatus::Approved => Err(AppError::conflict("This version is already published.")),
    }
}

/// An operator approves a version in review.
pub fn approve(from: VersionStatus) -> Result<VersionStatus, AppError> {
    match from {
        VersionStatus::InReview => Ok(VersionStatus::Approved),
        _ => Err(AppError::conflict(
            "Only versions waiting for review can be approved.",
        )),
    }
}

/// An operator rejects a version in review, with a reason the vendor will read.
pub fn reject(from: VersionStatus, reason: &str) -> Result<(VersionStatus, String), AppError> {
    let reason =
        bounded_text(reason, "Reason", 3, 500).map_err(|m| AppError::invalid("reason", m))?;
    match from {
        VersionStatus::InReview => Ok((VersionStatus::Rejected, reason)),
        _ => Err(AppError::conflict(
            "Only versions waiting for review can be rejected.",
        )),
    }
}

/// A new version must be higher than every version the app already has.
pub fn check_new_version(
    existing: &[semver::Version],
    new: &semver::Version,
) -> Result<(), String> {
    match existing.iter().max() {
        Some(max) if new <= max => Err(format!(
            "Version must be higher than {max}, the highest version of this app."
        )),
        _ => Ok(()),
    }
}

/// An operator's suspension reason.
pub fn suspension_reason(reason: &str) -> Result<String, AppError> {
    bounded_text(reason, "Reason", 3, 500).map_err(|m| AppError::invalid("reason", m))
}

#[cfg(test)]
mod tests {
    use super::*;
    use VersionStatus::*;

    #[test]
    fn the_review_state_machine() {
        assert_eq!(submit(Draft).ok(), Some(InReview));
        assert_eq!(submit(Rejected).ok(), Some(InReview));
        assert!(submit(InReview).is_err());
        assert!(submit(Approved).is_err());
        assert_eq!(approve(InReview).ok(), Some(Approved));
        for s in [Draft, Approved, Rejected] {
            assert!(approve(s).is_err(), "{s:?}");
            assert!(reject(s, "reason").is_err(), "{s:?}");
        }
        assert_eq!(
            reject(InReview, " needs work ").ok(),
            Some((Rejected, "needs work".into()))
        );
    }

    #[test]
    fn a_rejection_needs_a_reason() {
        let err = reject(InReview, " ").unwrap_err();
        assert!(err.field_message("reason").is_some());
    }

    #[test]
    fn versions_only_go_up() {
        let v = |s: &str| semver::Version::parse(s).unwrap();
        assert!(check_new_version(&[], &v("0.1.0")).is_ok());
        assert!(check_new_version(&[v("1.0.0"), v("1.2.0")], &v("1.2.1")).is_ok());
        assert!(check_new_version(&[v("1.2.0")], &v("1.2.0")).is_err());
        assert!(check_new_version(&[v("1.2.0")], &v("1.1.9")).is_err());
        assert!(check_new_version(&[v("1.2.0")], &v("1.2.0-rc.1")).is_err());
    }
}
