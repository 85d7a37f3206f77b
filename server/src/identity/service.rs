//! The identity service: sign-up, log-in (throttled), log-out, viewer, switching organisations.

use std::sync::Arc;

use app::auth::{Principal, Role};
use app::error::AppError;
use app::identity::types::{
    Email, LogInForm, MembershipView, Password, SignUpForm, Viewer, parse_display_name,
};
use app::ports::{ClientInfo, IdentityService, NewSession};
use app::tenancy::types::parse_org_name;
use app::validate::Checker;
use async_trait::async_trait;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};
use uuid::Uuid;

use crate::audit;
use crate::clock::{Millis, SharedClock};
use crate::config::AuthSettings;
use crate::db::Db;
use crate::db::entities::{memberships, tenants, users};
use crate::error::{OrInternal, is_unique_violation};
use crate::identity::cookie::CookieSettings;
use crate::identity::password::Hasher;
use crate::identity::{sessions, throttle};
use crate::tenancy::repo::unique_tenant_slug;

/// Implements [`IdentityService`] on the database.
pub struct Identity {
    db: Db,
    clock: SharedClock,
    hasher: Hasher,
    cookies: CookieSettings,
    settings: AuthSettings,
}

impl Identity {
    /// Builds the service.
    pub fn new(
        db: Db,
        clock: SharedClock,
        hasher: Hasher,
        cookies: CookieSettings,
        settings: AuthSettings,
    ) -> Arc<Self> {
        Arc::new(Self {
            db,
            clock,
            hasher,
            cookies,
            settings,
        })
    }

    fn ttl_ms(&self) -> Millis {
        i64::try_from(self.settings.session_ttl_hours)
            .unwrap_or(24)
            .saturating_mul(3_600_000)
    }

    fn limits(&self, per_address: bool) -> throttle::Limits {
        let max = if per_address {
            self.settings.max_failures.saturating_mul(4)
        } else {
            self.settings.max_failures
        };
        throttle::Limits {
            max_failures: max.max(1),
            window_ms: i64::try_from(self.settings.lockout_minutes)
                .unwrap_or(15)
                .saturating_mul(60_000),
        }
    }

    /// Counts a sign-up attempt from `ip`, refusing it past `auth.signups_per_hour`.
    async fn count_sign_up(&self, ip: Option<&str>) -> Result<(), AppError> {
        let key = format!("signup:{}", ip.unwrap_or_default());
        let now = self.clock.now_ms();
        let counter = throttle::load(&self.db, &key)
            .await
            .or_internal("throttle")?;
        if let Some(wait) = throttle::locked_for(counter.as_ref(), now) {
            return Err(throttle::refusal(
                "Too many new accounts from your network.",
                wait,
            ));
        }
        let limits = throttle::Limits {
            max_failures: self.settings.signups_per_hour.max(1),
            window_ms: 3_600_000,
        };
        let next = throttle::after_failure(counter, now, limits);
        throttle::save(&self.db, &key, next, counter.is_some())
            .await
            .or_internal("throttle")
    }

    /// Resolves a session cookie value (used by the HTTP middleware).
    pub async fn principal_from_cookie(&self, cookie_header: &str) -> Option<Principal> {
        let token = self.cookies.read(cookie_header)?;
        match sessions::resolve(&self.db, token, self.clock.now_ms(), self.ttl_ms()).await {
            Ok(p) => p,
            Err(e) => {
                tracing::error!(error = %e, "session lookup failed");
                None
            }
        }
    }

    /// Creates a user with an organisation; used by sign-up and the admin CLI.
    pub async fn create_account(
        &self,
        display_name: &str,
        email: &Email,
        password: &str,
        org_name: &str,
        is_operator: bool,
    ) -> Result<(Uuid, Uuid), AppError> {
        let hash = self
            .hasher
            .hash(password.to_owned())
            .await
            .or_internal("hash password")?;
        let now = self.clock.now_ms();
        let txn = crate::db::write_txn(&self.db)
            .await
            .or_internal("begin sign-up")?;
        let result =
            insert_account(&txn, now, display_name, email, &hash, org_name, is_operator).await;
        match result {
            Ok(ids) => {
                txn.commit().await.or_internal("commit sign-up")?;
                Ok(ids)
            }
            Err(e) if is_unique_violation(&e) => Err(email_taken()),
            Err(e) => Err(crate::error::internal("create account", e)),
        }
    }
}

fn email_taken() -> AppError {
    AppError::invalid(
        "email",
        "An account with this email already exists. Log in instead.",
    )
}

async fn insert_account(
    db: &impl ConnectionTrait,
    now: Millis,
    display_name: &str,
    email: &Email,
    hash: &str,
    org_name: &str,
    is_operator: bool,
) -> Result<(Uuid, Uuid), DbErr> {
    let user_id = Uuid::now_v7();
    users::ActiveModel {
        id: Set(user_id),
        email: Set(email.as_str().to_owned()),
        display_name: Set(display_name.to_owned()),
        password_hash: Set(hash.to_owned()),
        is_operator: Set(is_operator),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await?;
    let tenant_id = Uuid::now_v7();
    let slug = unique_tenant_slug(db, org_name).await?;
    tenants::ActiveModel {
        id: Set(tenant_id),
        slug: Set(slug),
        name: Set(org_name.to_owned()),
        is_vendor: Set(false),
        vendor_name: Set(None),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    memberships::ActiveModel {
        id: Set(Uuid::now_v7()),
        tenant_id: Set(tenant_id),
        user_id: Set(user_id),
        role: Set(Role::Owner.as_str().to_owned()),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    audit::record(
        db,
        now,
        audit::Event {
            tenant_id: Some(tenant_id),
            actor: Some(user_id),
            action: "account.sign_up",
            target: format!("user:{user_id}"),
            detail: serde_json::json!({ "organisation": org_name }),
        },
    )
    .await?;
    Ok((user_id, tenant_id))
}

#[async_trait]
impl IdentityService for Identity {
    async fn sign_up(&self, form: SignUpForm, client: ClientInfo) -> Result<NewSession, AppError> {
        let mut c = Checker::default();
        let name = c.field("display_name", parse_display_name(&form.display_name));
        let email = c.maybe("email", Email::parse(&form.email));
        c.field("password", Password::check_new(&form.password));
        let org = c.field("org_name", parse_org_name(&form.org_name));
        c.finish()?;
        let email = email.ok_or_else(|| AppError::invalid("email", "Email is required."))?;
        self.count_sign_up(client.ip.as_deref()).await?;
        let exists = users::Entity::find()
            .filter(users::Column::Email.eq(email.as_str()))
            .one(&self.db)
            .await
            .or_internal("find user")?;
        if exists.is_some() {
            return Err(email_taken());
        }
        let (user_id, tenant_id) = self
            .create_account(&name, &email, &form.password, &org, false)
            .await?;
        let token = sessions::create(
            &self.db,
            user_id,
            Some(tenant_id),
            self.clock.now_ms(),
            self.ttl_ms(),
            client.ip,
            client.user_agent,
        )
        .await
        .or_internal("create session")?;
        Ok(NewSession {
            set_cookie: self.cookies.set(&token),
        })
    }

    async fn log_in(&self, form: LogInForm, client: ClientInfo) -> Result<NewSession, AppError> {
        let mut c = Checker::default();
        let email = c.maybe("email", Email::parse(&form.email));
        if form.password.is_empty() {
            c.field("password", Err::<(), _>("Password is required.".into()));
        }
        c.finish()?;
        let email = email.ok_or_else(|| AppError::invalid("email", "Email is required."))?;
        let now = self.clock.now_ms();
        let account_key = format!("account:{}", email.as_str());
        let address_key = format!("address:{}", client.ip.clone().unwrap_or_default());
        let account = throttle::load(&self.db, &account_key)
            .await
            .or_internal("throttle")?;
        let address = throttle::load(&self.db, &address_key)
            .await
            .or_internal("throttle")?;
        if let Some(wait) = throttle::locked_for(account.as_ref(), now)
            .or_else(|| throttle::locked_for(address.as_ref(), now))
        {
            return Err(throttle::refusal("Too many failed attempts.", wait));
        }

        let user = users::Entity::find()
            .filter(users::Column::Email.eq(email.as_str()))
            .one(&self.db)
            .await
            .or_internal("find user")?;
        let ok = self
            .hasher
            .verify(
                form.password,
                user.as_ref().map(|u| u.password_hash.clone()),
            )
            .await;
        let user = match (ok, user) {
            (true, Some(user)) => user,
            _ => {
                for (key, counter, per_address) in [
                    (&account_key, account, false),
                    (&address_key, address, true),
                ] {
                    let next = throttle::after_failure(counter, now, self.limits(per_address));
                    throttle::save(&self.db, key, next, counter.is_some())
                        .await
                        .or_internal("throttle")?;
                }
                tracing::info!(event = "login_failed", "failed login");
                return Err(AppError::invalid(
                    "password",
                    "That email and password do not match an account.",
                ));
            }
        };
        throttle::clear(&self.db, &account_key)
            .await
            .or_internal("throttle")?;
        let token = sessions::create(
            &self.db,
            user.id,
            None,
            now,
            self.ttl_ms(),
            client.ip,
            client.user_agent,
        )
        .await
        .or_internal("create session")?;
        Ok(NewSession {
            set_cookie: self.cookies.set(&token),
        })
    }

    async fn log_out(&self, principal: &Principal) -> Result<String, AppError> {
        sessions::end(&self.db, principal.session_id)
            .await
            .or_internal("end session")?;
        Ok(self.cookies.clear())
    }

    async fn viewer(&self, principal: &Principal) -> Result<Viewer, AppError> {
        let user = users::Entity::find_by_id(principal.user_id.0)
            .one(&self.db)
            .await
            .or_internal("load user")?
            .ok_or(AppError::NotAuthenticated)?;
        let rows = memberships::Entity::find()
            .filter(memberships::Column::UserId.eq(user.id))
            .order_by_asc(memberships::Column::CreatedAt)
            .all(&self.db)
            .await
            .or_internal("load memberships")?;
        let tenant_ids: Vec<Uuid> = rows.iter().map(|m| m.tenant_id).collect();
        let tenants = tenants::Entity::find()
            .filter(tenants::Column::Id.is_in(tenant_ids))
            .all(&self.db)
            .await
            .or_internal("load tenants")?;
        let memberships: Vec<MembershipView> = rows
            .iter()
            .filter_map(|m| {
                let t = tenants.iter().find(|t| t.id == m.tenant_id)?;
                Some(MembershipView {
                    tenant_id: t.id,
                    tenant_slug: t.slug.clone(),
                    tenant_name: t.name.clone(),
                    role: Role::parse(&m.role).ok()?,
                    is_vendor: t.is_vendor,
                })
            })
            .collect();
        let active_id = principal.active.as_ref().map(|a| a.tenant_id.0);
        let active = memberships
            .iter()
            .find(|m| Some(m.tenant_id) == active_id)
            .cloned();
        Ok(Viewer {
            user_id: user.id,
            email: user.email,
            display_name: user.display_name,
            is_operator: user.is_operator,
            active,
            memberships,
        })
    }

    async fn switch_tenant(&self, principal: &Principal, tenant_id: Uuid) -> Result<(), AppError> {
        let member = memberships::Entity::find()
            .filter(memberships::Column::UserId.eq(principal.user_id.0))
            .filter(memberships::Column::TenantId.eq(tenant_id))
            .one(&self.db)
            .await
            .or_internal("find membership")?;
        if member.is_none() {
            return Err(AppError::not_found("Organisation"));
        }
        sessions::set_active_tenant(&self.db, principal.session_id, tenant_id)
            .await
            .or_internal("switch tenant")
    }
}
