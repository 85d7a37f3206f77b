//! Deployment lifecycle rules: which actions are allowed in which state, and what they ask for.

use app::error::AppError;
use app::provisioning::types::{DeploymentAction, DeploymentStatus, DesiredState};

/// What an action asks the reconciler to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Request {
    /// The new desired state.
    pub desired: DesiredState,
    /// Stop the process first even if it is healthy.
    pub restart: bool,
}

/// Checks an action against the current state.
pub fn apply(
    action: DeploymentAction,
    status: DeploymentStatus,
    desired: DesiredState,
) -> Result<Request, AppError> {
    use DeploymentStatus as S;
    if desired == DesiredState::Deleted || matches!(status, S::Deleting | S::Deleted) {
        return Err(AppError::conflict("This deployment is being deleted."));
    }
    let allowed = allowed_actions(status, desired).contains(&action);
    if !allowed {
        return Err(AppError::conflict(format!(
            "Cannot {} a deployment that is {}.",
            action.as_str(),
            status.label().to_lowercase()
        )));
    }
    Ok(match action {
        DeploymentAction::Start => Request {
            desired: DesiredState::Running,
            restart: false,
        },
        DeploymentAction::Stop => Request {
            desired: DesiredState::Stopped,
            restart: false,
        },
        DeploymentAction::Restart => Request {
            desired: DesiredState::Running,
            restart: true,
        },
        DeploymentAction::Delete => Request {
            desired: DesiredState::Deleted,
            restart: false,
        },
    })
}

/// The actions offered for a state.
pub fn allowed_actions(status: DeploymentStatus, desired: DesiredState) -> Vec<DeploymentAction> {
    use DeploymentAction::*;
    use DeploymentStatus as S;
    if desired == DesiredState::Deleted {
        return Vec::new();
    }
    match status {
        S::Running => vec![Stop, Restart, Delete],
        S::Pending | S::Provisioning => vec![Stop, Delete],
        S::Stopped => vec![Start, Delete],
        S::Failed => vec![Start, Restart, Delete],
        S::Deleting | S::Deleted => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DeploymentAction as A;
    use DeploymentStatus as S;
    use DesiredState as D;

    #[test]
    fn running_deployments_stop_restart_and_delete() {
        assert_eq!(
            apply(A::Stop, S::Running, D::Running).ok(),
            Some(Request {
                desired: D::Stopped,
                restart: false
            })
        );
        assert_eq!(
            apply(A::Restart, S::Running, D::Running).ok(),
            Some(Request {
                desired: D::Running,
                restart: true
            })
        );
        assert_eq!(
            apply(A::Delete, S::Running, D::Running).ok(),
            Some(Request {
                desired: D::Deleted,
                restart: false
            })
        );
        assert!(apply(A::Start, S::Running, D::Running).is_err());
    }

    #[test]
    fn stopped_and_failed_deployments_can_start() {
        assert!(apply(A::Start, S::Stopped, D::Stopped).is_ok());
        assert!(apply(A::Start, S::Failed, D::Running).is_ok());
        assert!(apply(A::Stop, S::Stopped, D::Stopped).is_err());
    }

    #[test]
    fn nothing_happens_to_deleted_deployments() {
        for a in [A::Start, A::Stop, A::Restart, A::Delete] {
            assert!(apply(a, S::Deleted, D::Deleted).is_err());
            assert!(apply(a, S::Running, D::Deleted).is_err());
        }
        assert!(allowed_actions(S::Deleting, D::Deleted).is_empty());
    }
}
