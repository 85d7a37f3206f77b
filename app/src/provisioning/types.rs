//! Provisioning value types: deployments, their status and the actions on them.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What the tenant asked a deployment to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DesiredState {
    /// Keep it running.
    Running,
    /// Keep it stopped (data kept).
    Stopped,
    /// Remove it.
    Deleted,
}

impl DesiredState {
    /// Stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Running => "running",
            Self::Stopped => "stopped",
            Self::Deleted => "deleted",
        }
    }

    /// Parses the stored form.
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "running" => Some(Self::Running),
            "stopped" => Some(Self::Stopped),
            "deleted" => Some(Self::Deleted),
            _ => None,
        }
    }
}

/// What a deployment actually is, as last observed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeploymentStatus {
    /// Created; waiting for a worker.
    Pending,
    /// A worker is starting it and waiting for its health check.
    Provisioning,
    /// Healthy and serving.
    Running,
    /// Stopped on request.
    Stopped,
    /// Could not be started, or keeps crashing; see the reason.
    Failed,
    /// Being removed.
    Deleting,
    /// Removed; kept as history.
    Deleted,
}

impl DeploymentStatus {
    /// Stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Provisioning => "provisioning",
            Self::Running => "running",
            Self::Stopped => "stopped",
            Self::Failed => "failed",
            Self::Deleting => "deleting",
            Self::Deleted => "deleted",
        }
    }

    /// Parses the stored form.
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "pending" => Some(Self::Pending),
            "provisioning" => Some(Self::Provisioning),
            "running" => Some(Self::Running),
            "stopped" => Some(Self::Stopped),
            "failed" => Some(Self::Failed),
            "deleting" => Some(Self::Deleting),
            "deleted" => Some(Self::Deleted),
            _ => None,
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Pending => "Pending",
            Self::Provisioning => "Provisioning",
            Self::Running => "Running",
            Self::Stopped => "Stopped",
            Self::Failed => "Failed",
            Self::Deleting => "Deleting",
            Self::Deleted => "Deleted",
        }
    }

    /// Whether the status will change without anyone acting (the UI keeps polling).
    pub fn is_transient(self) -> bool {
        matches!(self, Self::Pending | Self::Provisioning | Self::Deleting)
    }
}

/// Something a tenant can do to a deployment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeploymentAction {
    /// Start a stopped or failed deployment.
    Start,
    /// Stop a running deployment.
    Stop,
    /// Stop and start again.
    Restart,
    /// Stop and remove.
    Delete,
}

impl DeploymentAction {
    /// Parses the submitted form.
    pub fn parse(raw: &str) -> Result<Self, String> {
        match raw.trim() {
            "start" => Ok(Self::Start),
            "stop" => Ok(Self::Stop),
            "restart" => Ok(Self::Restart),
            "delete" => Ok(Self::Delete),
            _ => Err("Unknown action; use start, stop, restart or delete.".into()),
        }
    }

    /// The submitted form.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Start => "start",
            Self::Stop => "stop",
            Self::Restart => "restart",
            Self::Delete => "delete",
        }
    }

    /// A label for buttons.
    pub fn label(self) -> &'static str {
        match self {
            Self::Start => "Start",
            Self::Stop => "Stop",
            Self::Restart => "Restart",
            Self::Delete => "Delete",
        }
    }
}

/// A deployment in the dashboard list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeploymentRow {
    /// Id.
    pub id: Uuid,
    /// App name.
    pub app_name: String,
    /// App URL name.
    pub app_slug: String,
    /// Version deployed.
    pub version: String,
    /// Observed status.
    pub status: DeploymentStatus,
    /// Why it failed or what it is waiting for.
    pub status_reason: Option<String>,
    /// Where it answers, once running.
    pub url: Option<String>,
    /// Runtime name ("local").
    pub runtime: String,
    /// Actions allowed now.
    pub actions: Vec<DeploymentAction>,
    /// Last log lines.
    pub log_tail: Vec<String>,
    /// Creation date, formatted.
    pub created: String,
}

/// The dashboard in one round trip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    /// Organisation name.
    pub tenant_name: String,
    /// Deployments, newest first (deleted ones left out).
    pub deployments: Vec<DeploymentRow>,
    /// Whether the viewer may act on deployments.
    pub can_operate: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_and_actions_round_trip() {
        for s in [
            DeploymentStatus::Pending,
            DeploymentStatus::Provisioning,
            DeploymentStatus::Running,
            DeploymentStatus::Stopped,
            DeploymentStatus::Failed,
            DeploymentStatus::Deleting,
            DeploymentStatus::Deleted,
        ] {
            assert_eq!(DeploymentStatus::parse(s.as_str()), Some(s));
        }
        for a in [
            DeploymentAction::Start,
            DeploymentAction::Stop,
            DeploymentAction::Restart,
            DeploymentAction::Delete,
        ] {
            assert_eq!(DeploymentAction::parse(a.as_str()), Ok(a));
        }
        assert!(DeploymentAction::parse("explode").is_err());
        for d in [
            DesiredState::Running,
            DesiredState::Stopped,
            DesiredState::Deleted,
        ] {
            assert_eq!(DesiredState::parse(d.as_str()), Some(d));
        }
    }

    #[test]
    fn only_in_between_states_are_transient() {
        assert!(DeploymentStatus::Provisioning.is_transient());
        assert!(!DeploymentStatus::Running.is_transient());
        assert!(!DeploymentStatus::Failed.is_transient());
    }
}
