//! The tenancy service: members, invitation links, becoming a vendor.

use std::sync::Arc;

use app::auth::{Principal, Role, TenantScope};
use app::error::AppError;
use app::identity::types::Email;
use app::ports::TenancyService;
use app::tenancy::types::{InviteCreated, InvitePreview, InviteRow, MemberRow, TeamPage};
use app::validate::{Checker, bounded_text};
use async_trait::async_trait;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use uuid::Uuid;

use crate::audit;
use crate::clock::{Millis, SharedClock, format_date, format_ms};
use crate::db::Db;
use crate::db::entities::{invites, memberships, tenants, users};
use crate::error::OrInternal;
use crate::identity::sessions;
use crate::identity::tokens::{hash_token, new_token};
use crate::tenancy::repo;

/// Invitations are valid for a week.
const INVITE_TTL_MS: Millis = 7 * 24 * 3_600_000;

/// Implements [`TenancyService`] on the database.
pub struct Tenancy {
    db: Db,
    clock: SharedClock,
    public_url: String,
}

impl Tenancy {
    /// Builds the service; `public_url` prefixes invitation links.
    pub fn new(db: Db, clock: SharedClock, public_url: String) -> Arc<Self> {
        Arc::new(Self {
            db,
            clock,
            public_url,
        })
    }

    async fn valid_invite(&self, token: &str) -> Result<invites::Model, AppError> {
        let now = self.clock.now_ms();
        let invite = invites::Entity::find()
            .filter(invites::Column::TokenHash.eq(hash_token(token.trim())))
            .one(&self.db)
            .await
            .or_internal("find invite")?
            .filter(|i| i.accepted_at.is_none() && i.revoked_at.is_none() && i.expires_at > now);
        invite.ok_or_else(|| AppError::not_found("Invitation (it may have expired or been used)"))
    }
}

#[async_trait]
impl TenancyService for Tenancy {
    async fn team(&self, scope: &TenantScope, can_manage: bool) -> Result<TeamPage, AppError> {
        let tenant = repo::tenant(&self.db, scope.tenant_id)
            .await
            .or_internal("load tenant")?
            .ok_or_else(|| AppError::not_found("Organisation"))?;
        let rows = memberships::Entity::find()
            .filter(memberships::Column::TenantId.eq(scope.tenant_id.0))
            .order_by_asc(memberships::Column::CreatedAt)
            .all(&self.db)
            .await
            .or_internal("load members")?;
        let user_ids: Vec<Uuid> = rows.iter().map(|m| m.user_id).collect();
        let people = users::Entity::find()
            .filter(users::Column::Id.is_in(user_ids))
            .all(&self.db)
            .await
            .or_internal("load users")?;
        let members = rows
            .iter()
            .filter_map(|m| {
                let u = people.iter().find(|u| u.id == m.user_id)?;
                Some(MemberRow {
                    user_id: u.id,
                    display_name: u.display_name.clone(),
                    email: u.email.clone(),
                    role: Role::parse(&m.role).ok()?,
                    joined: format_date(m.created_at),
                })
            })
            .collect();
        let invites = if can_manage {
            let now = self.clock.now_ms();
            invites::Entity::find()
                .filter(invites::Column::TenantId.eq(scope.tenant_id.0))
                .filter(invites::Column::AcceptedAt.is_null())
                .filter(invites::Column::RevokedAt.is_null())
                .filter(invites::Column::ExpiresAt.gt(now))
                .order_by_desc(invites::Column::CreatedAt)
                .all(&self.db)
                .await
                .or_internal("load invites")?
                .into_iter()
                .filter_map(|i| {
                    Some(InviteRow {
                        id: i.id,
                        email: i.email,
                        role: Role::parse(&i.role).ok()?,
                        expires: format_ms(i.expires_at),
                    })
                })
                .collect()
        } else {
            Vec::new()
        };
        Ok(TeamPage {
            tenant_name: tenant.name,
            is_vendor: tenant.is_vendor,
            members,
            invites,
            can_manage,
        })
    }

    async fn create_invite(
        &self,
        scope: &TenantScope,
        email: &str,
        role: &str,
    ) -> Result<InviteCreated, AppError> {
        let mut c = Checker::default();
        let email = c.maybe("email", Email::parse(email));
        let role = c.maybe(
            "role",
            Role::parse(role).and_then(|r| match r {
                Role::Owner => Err(
                    "Invite as admin or member; ownership is not transferable by invitation."
                        .to_owned(),
                ),
                other => Ok(other),
            }),
        );
        c.finish()?;
        let (Some(email), Some(role)) = (email, role) else {
            return Err(AppError::invalid("email", "Email and role are required."));
        };
        // Already a member?
        if let Some(user) = users::Entity::find()
            .filter(users::Column::Email.eq(email.as_str()))
            .one(&self.db)
            .await
            .or_internal("find user")?
        {
            let member = memberships::Entity::find()
                .filter(memberships::Column::TenantId.eq(scope.tenant_id.0))
                .filter(memberships::Column::UserId.eq(user.id))
                .one(&self.db)
                .await
                .or_internal("find membership")?;
            if member.is_some() {
                return Err(AppError::invalid(
                    "email",
                    "This person is already a member of your organisation.",
                ));
            }
        }
        let now = self.clock.now_ms();
        let token = new_token().or_internal("invite token")?;
        let txn = crate::db::write_txn(&self.db)
            .await
            .or_internal("begin invite")?;
        // A new invitation replaces an older pending one for the same address.
        invites::Entity::update_many()
            .col_expr(
                invites::Column::RevokedAt,
                sea_orm::sea_query::Expr::value(Some(now)),
            )
            .filter(invites::Column::TenantId.eq(scope.tenant_id.0))
            .filter(invites::Column::Email.eq(email.as_str()))
            .filter(invites::Column::AcceptedAt.is_null())
            .filter(invites::Column::RevokedAt.is_null())
            .exec(&txn)
            .await
            .or_internal("replace invite")?;
        let id = Uuid::now_v7();
        invites::ActiveModel {
            id: Set(id),
            tenant_id: Set(scope.tenant_id.0),
            email: Set(email.as_str().to_owned()),
            role: Set(role.as_str().to_owned()),
            token_hash: Set(hash_token(&token)),
            invited_by: Set(scope.user_id.0),
            created_at: Set(now),
            expires_at: Set(now + INVITE_TTL_MS),
            accepted_at: Set(None),
            revoked_at: Set(None),
        }
        .insert(&txn)
        .await
        .or_internal("insert invite")?;
        audit::record(
            &txn,
            now,
            audit::Event {
                tenant_id: Some(scope.tenant_id.0),
                actor: Some(scope.user_id.0),
                action: "member.invite",
                target: format!("invite:{id}"),
                detail: serde_json::json!({ "email": email.as_str(), "role": role.as_str() }),
            },
        )
        .await
        .or_internal("audit")?;
        txn.commit().await.or_internal("commit invite")?;
        Ok(InviteCreated {
            email: email.as_str().to_owned(),
            url: format!("{}/invite/{token}", self.public_url),
        })
    }

    async fn revoke_invite(&self, scope: &TenantScope, invite_id: Uuid) -> Result<(), AppError> {
        let invite = invites::Entity::find_by_id(invite_id)
            .filter(invites::Column::TenantId.eq(scope.tenant_id.0))
            .one(&self.db)
            .await
            .or_internal("find invite")?
            .filter(|i| i.accepted_at.is_none() && i.revoked_at.is_none())
            .ok_or_else(|| AppError::not_found("Invitation"))?;
        let mut model: invites::ActiveModel = invite.into();
        model.revoked_at = Set(Some(self.clock.now_ms()));
        model.update(&self.db).await.or_internal("revoke invite")?;
        Ok(())
    }

    async fn invite_preview(&self, token: &str) -> Result<InvitePreview, AppError> {
        let invite = self.valid_invite(token).await?;
        let tenant = tenants::Entity::find_by_id(invite.tenant_id)
            .one(&self.db)
            .await
            .or_internal("load tenant")?
            .ok_or_else(|| AppError::not_found("Invitation"))?;
        Ok(InvitePreview {
            tenant_name: tenant.name,
            role: Role::parse(&invite.role).unwrap_or(Role::Member),
            email: invite.email,
        })
    }

    async fn accept_invite(&self, principal: &Principal, token: &str) -> Result<(), AppError> {
        let invite = self.valid_invite(token).await?;
        let user = users::Entity::find_by_id(principal.user_id.0)
            .one(&self.db)
            .await
            .or_internal("load user")?
            .ok_or(AppError::NotAuthenticated)?;
        if !user.email.eq_ignore_ascii_case(&invite.email) {
            return Err(AppError::forbidden(format!(
                "This invitation was sent to {}. Log in with that address to accept it.",
                invite.email
            )));
        }
        let now = self.clock.now_ms();
        let txn = crate::db::write_txn(&self.db)
            .await
            .or_internal("begin accept")?;
        let existing = memberships::Entity::find()
            .filter(memberships::Column::TenantId.eq(invite.tenant_id))
            .filter(memberships::Column::UserId.eq(user.id))
            .one(&txn)
            .await
            .or_internal("find membership")?;
        if existing.is_none() {
            memberships::ActiveModel {
                id: Set(Uuid::now_v7()),
                tenant_id: Set(invite.tenant_id),
                user_id: Set(user.id),
                role: Set(invite.role.clone()),
                created_at: Set(now),
            }
            .insert(&txn)
            .await
            .or_internal("insert membership")?;
        }
        let tenant_id = invite.tenant_id;
        let invite_id = invite.id;
        let mut model: invites::ActiveModel = invite.into();
        model.accepted_at = Set(Some(now));
        model.update(&txn).await.or_internal("accept invite")?;
        sessions::set_active_tenant(&txn, principal.session_id, tenant_id)
            .await
            .or_internal("switch tenant")?;
        audit::record(
            &txn,
            now,
            audit::Event {
                tenant_id: Some(tenant_id),
                actor: Some(user.id),
                action: "member.join",
                target: format!("invite:{invite_id}"),
                detail: serde_json::json!({}),
            },
        )
        .await
        .or_internal("audit")?;
        txn.commit().await.or_internal("commit accept")?;
        Ok(())
    }

    async fn become_vendor(&self, scope: &TenantScope, vendor_name: &str) -> Result<(), AppError> {
        let name = bounded_text(vendor_name, "Publisher name", 2, 60)
            .map_err(|m| AppError::invalid("vendor_name", m))?;
        let tenant = repo::tenant(&self.db, scope.tenant_id)
            .await
            .or_internal("load tenant")?
            .ok_or_else(|| AppError::not_found("Organisation"))?;
        if tenant.is_vendor {
            return Err(AppError::conflict("This organisation is already a vendor."));
        }
        let mut model: tenants::ActiveModel = tenant.into();
        model.is_vendor = Set(true);
        model.vendor_name = Set(Some(name.clone()));
        let now = self.clock.now_ms();
        let txn = crate::db::write_txn(&self.db)
            .await
            .or_internal("begin vendor")?;
        model.update(&txn).await.or_internal("become vendor")?;
        audit::record(
            &txn,
            now,
            audit::Event {
                tenant_id: Some(scope.tenant_id.0),
                actor: Some(scope.user_id.0),
                action: "tenant.become_vendor",
                target: format!("tenant:{}", scope.tenant_id.0),
                detail: serde_json::json!({ "vendor_name": name }),
            },
        )
        .await
        .or_internal("audit")?;
        txn.commit().await.or_internal("commit vendor")?;
        Ok(())
    }
}
