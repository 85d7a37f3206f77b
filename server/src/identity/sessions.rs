//! Server-side sessions: create, resolve a cookie into a [`Principal`], end.

use app::auth::{ActiveMembership, Principal, Role, TenantId, UserId};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};
use uuid::Uuid;

use crate::clock::Millis;
use crate::db::entities::{memberships, sessions, tenants, users};
use crate::identity::tokens::{hash_token, new_token};

/// Sliding expiry is written at most this often per session, not on every request.
const TOUCH_EVERY_MS: Millis = 60 * 60 * 1000;

/// Opens a session for a user; answers the bearer token for the cookie.
pub async fn create(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    active_tenant: Option<Uuid>,
    now: Millis,
    ttl_ms: Millis,
    ip: Option<String>,
    user_agent: Option<String>,
) -> Result<String, DbErr> {
    let token = new_token().map_err(|e| DbErr::Custom(format!("random source failed: {e}")))?;
    sessions::ActiveModel {
        id: Set(Uuid::now_v7()),
        token_hash: Set(hash_token(&token)),
        user_id: Set(user_id),
        active_tenant_id: Set(active_tenant),
        created_at: Set(now),
        expires_at: Set(now + ttl_ms),
        last_seen_at: Set(now),
        ip: Set(ip),
        user_agent: Set(user_agent.map(|ua| ua.chars().take(300).collect())),
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// Resolves a cookie token into the principal, or `None` for unknown or expired sessions.
pub async fn resolve(
    db: &impl ConnectionTrait,
    token: &str,
    now: Millis,
    ttl_ms: Millis,
) -> Result<Option<Principal>, DbErr> {
    let Some(session) = sessions::Entity::find()
        .filter(sessions::Column::TokenHash.eq(hash_token(token)))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if session.expires_at <= now {
        sessions::Entity::delete_by_id(session.id).exec(db).await?;
        return Ok(None);
    }
    let Some(user) = users::Entity::find_by_id(session.user_id).one(db).await? else {
        return Ok(None);
    };

    let active = active_membership(db, &session).await?;
    if now - session.last_seen_at > TOUCH_EVERY_MS
        || active.as_ref().map(|a| a.tenant_id.0) != session.active_tenant_id
    {
        let mut model: sessions::ActiveModel = session.clone().into();
        model.last_seen_at = Set(now);
        model.expires_at = Set(now + ttl_ms);
        model.active_tenant_id = Set(active.as_ref().map(|a| a.tenant_id.0));
        model.update(db).await?;
    }
    Ok(Some(Principal {
        session_id: session.id,
        user_id: UserId(user.id),
        is_operator: user.is_operator,
        active,
    }))
}

/// The session's organisation if the person still belongs to it, else their oldest membership.
async fn active_membership(
    db: &impl ConnectionTrait,
    session: &sessions::Model,
) -> Result<Option<ActiveMembership>, DbErr> {
    let mut membership = None;
    if let Some(tenant_id) = session.active_tenant_id {
        membership = memberships::Entity::find()
            .filter(memberships::Column::UserId.eq(session.user_id))
            .filter(memberships::Column::TenantId.eq(tenant_id))
            .one(db)
            .await?;
    }
    if membership.is_none() {
        membership = memberships::Entity::find()
            .filter(memberships::Column::UserId.eq(session.user_id))
            .order_by_asc(memberships::Column::CreatedAt)
            .one(db)
            .await?;
    }
    let Some(m) = membership else {
        return Ok(None);
    };
    let Some(tenant) = tenants::Entity::find_by_id(m.tenant_id).one(db).await? else {
        return Ok(None);
    };
    let Ok(role) = Role::parse(&m.role) else {
        return Ok(None);
    };
    Ok(Some(ActiveMembership {
        tenant_id: TenantId(tenant.id),
        role,
        is_vendor: tenant.is_vendor,
    }))
}

/// Ends one session.
pub async fn end(db: &impl ConnectionTrait, session_id: Uuid) -> Result<(), DbErr> {
    sessions::Entity::delete_by_id(session_id).exec(db).await?;
    Ok(())
}

/// Makes a tenant the session's active one.
pub async fn set_active_tenant(
    db: &impl ConnectionTrait,
    session_id: Uuid,
    tenant_id: Uuid,
) -> Result<(), DbErr> {
    sessions::Entity::update_many()
        .col_expr(
            sessions::Column::ActiveTenantId,
            sea_orm::sea_query::Expr::value(Some(tenant_id)),
        )
        .filter(sessions::Column::Id.eq(session_id))
        .exec(db)
        .await?;
    Ok(())
}
