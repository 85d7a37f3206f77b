//! The audit trail: one row per consequential action, written in the action's transaction.

use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};
use uuid::Uuid;

use crate::clock::Millis;
use crate::db::entities::audit_events;

/// One audit entry.
pub struct Event<'a> {
    /// The organisation concerned, if any.
    pub tenant_id: Option<Uuid>,
    /// Who acted (none for the system).
    pub actor: Option<Uuid>,
    /// What happened, e.g. `deployment.stop`.
    pub action: &'a str,
    /// What it happened to, e.g. `deployment:<id>`.
    pub target: String,
    /// Extra facts as JSON.
    pub detail: serde_json::Value,
}

/// Appends an entry.
pub async fn record(db: &impl ConnectionTrait, now: Millis, e: Event<'_>) -> Result<(), DbErr> {
    audit_events::ActiveModel {
        id: Set(Uuid::now_v7()),
        tenant_id: Set(e.tenant_id),
        actor_user_id: Set(e.actor),
        action: Set(e.action.to_owned()),
        target: Set(e.target),
        detail: Set(e.detail.to_string()),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(())
}
