//! The billing service: checkout, the billing page, offline payment, cancellation.

use std::sync::Arc;

use app::auth::TenantScope;
use app::billing::types::{
    BillingOverview, CheckoutResult, InvoiceRow, InvoiceStatus, Money, SubscriptionRow,
    SubscriptionStatus,
};
use app::catalog::types::VersionStatus;
use app::error::AppError;
use app::ports::BillingService;
use app::provisioning::types::DesiredState;
use async_trait::async_trait;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use tokio::sync::Notify;
use uuid::Uuid;

use crate::audit;
use crate::billing::provider::{CheckoutOutcome, CheckoutRequest, PaymentProvider};
use crate::billing::rules;
use crate::clock::{Millis, SharedClock, format_date, format_ms};
use crate::db::Db;
use crate::db::entities::{app_versions, apps, invoices, plans, subscriptions};
use crate::error::OrInternal;
use crate::provisioning::repo as deployments;

/// Implements [`BillingService`] with a [`PaymentProvider`].
pub struct Billing {
    db: Db,
    clock: SharedClock,
    provider: Arc<dyn PaymentProvider>,
    wake: Arc<Notify>,
}

impl Billing {
    /// Builds the service.
    pub fn new(
        db: Db,
        clock: SharedClock,
        provider: Arc<dyn PaymentProvider>,
        wake: Arc<Notify>,
    ) -> Arc<Self> {
        Arc::new(Self {
            db,
            clock,
            provider,
            wake,
        })
    }
}

/// The newest approved version of an app: what a new deployment runs.
async fn deployable_version(
    db: &impl ConnectionTrait,
    app_id: Uuid,
) -> Result<Option<app_versions::Model>, AppError> {
    let approved = app_versions::Entity::find()
        .filter(app_versions::Column::AppId.eq(app_id))
        .filter(app_versions::Column::Status.eq(VersionStatus::Approved.as_str()))
        .all(db)
        .await
        .or_internal("load versions")?;
    Ok(approved
        .into_iter()
        .max_by_key(|v| semver::Version::parse(&v.version).ok()))
}

/// Creates the deployment of a subscription that just became active.
async fn deploy(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    sub: &subscriptions::Model,
    now: Millis,
) -> Result<Uuid, AppError> {
    let version = deployable_version(db, sub.app_id)
        .await?
        .ok_or_else(|| AppError::conflict("This app has no published version to deploy."))?;
    deployments::create(db, scope.tenant_id, sub.id, sub.app_id, version.id, now)
        .await
        .or_internal("create deployment")
}

#[async_trait]
impl BillingService for Billing {
    async fn subscribe(
        &self,
        scope: &TenantScope,
        plan_id: Uuid,
    ) -> Result<CheckoutResult, AppError> {
        let plan = plans::Entity::find_by_id(plan_id)
            .filter(plans::Column::Active.eq(true))
            .one(&self.db)
            .await
            .or_internal("load plan")?
            .ok_or_else(|| AppError::not_found("Plan"))?;
        let app = apps::Entity::find_by_id(plan.app_id)
            .filter(apps::Column::Published.eq(true))
            .one(&self.db)
            .await
            .or_internal("load app")?
            .ok_or_else(|| AppError::not_found("Plan"))?;
        let price = Money::from_minor(plan.price_minor, &plan.currency)
            .map_err(|e| crate::error::internal("plan currency", e))?;
        let now = self.clock.now_ms();
        let sub_id = Uuid::now_v7();
        let txn = crate::db::write_txn(&self.db)
            .await
            .or_internal("begin checkout")?;
        let mut sub = subscriptions::ActiveModel {
            id: Set(sub_id),
            tenant_id: Set(scope.tenant_id.0),
            app_id: Set(app.id),
            plan_id: Set(plan.id),
            status: Set(SubscriptionStatus::PendingPayment.as_str().into()),
            created_at: Set(now),
            activated_at: Set(None),
            canceled_at: Set(None),
        }
        .insert(&txn)
        .await
        .or_internal("insert subscription")?;
        let outcome = self
            .provider
            .checkout(
                &txn,
                CheckoutRequest {
                    tenant_id: scope.tenant_id.0,
                    subscription_id: sub_id,
                    price,
                    description: format!("{} — {} plan, monthly", app.name, plan.name),
                    now,
                },
            )
            .await?;
        let mut result = CheckoutResult {
            subscription_id: sub_id,
            invoice_id: None,
            deployment_id: None,
        };
        match outcome {
            CheckoutOutcome::Active => {
                let mut model: subscriptions::ActiveModel = sub.clone().into();
                model.status = Set(SubscriptionStatus::Active.as_str().into());
                model.activated_at = Set(Some(now));
                sub = model
                    .update(&txn)
                    .await
                    .or_internal("activate subscription")?;
                result.deployment_id = Some(deploy(&txn, scope, &sub, now).await?);
            }
            CheckoutOutcome::Invoice { invoice_id } => result.invoice_id = Some(invoice_id),
        }
        audit::record(
            &txn,
            now,
            audit::Event {
                tenant_id: Some(scope.tenant_id.0),
                actor: Some(scope.user_id.0),
                action: "subscription.create",
                target: format!("subscription:{sub_id}"),
                detail: serde_json::json!({ "app": app.slug, "plan": plan.name, "provider": self.provider.name() }),
            },
        )
        .await
        .or_internal("audit")?;
        txn.commit().await.or_internal("commit checkout")?;
        self.wake.notify_one();
        Ok(result)
    }

    async fn overview(
        &self,
        scope: &TenantScope,
        can_manage: bool,
    ) -> Result<BillingOverview, AppError> {
        let subs = subscriptions::Entity::find()
            .filter(subscriptions::Column::TenantId.eq(scope.tenant_id.0))
            .order_by_desc(subscriptions::Column::CreatedAt)
            .all(&self.db)
            .await
            .or_internal("load subscriptions")?;
        let plan_ids: Vec<Uuid> = subs.iter().map(|s| s.plan_id).collect();
        let app_ids: Vec<Uuid> = subs.iter().map(|s| s.app_id).collect();
        let plan_rows = plans::Entity::find()
            .filter(plans::Column::Id.is_in(plan_ids))
            .all(&self.db)
            .await
            .or_internal("load plans")?;
        let app_rows = apps::Entity::find()
            .filter(apps::Column::Id.is_in(app_ids))
            .all(&self.db)
            .await
            .or_internal("load apps")?;
        let invoice_rows = invoices::Entity::find()
            .filter(invoices::Column::TenantId.eq(scope.tenant_id.0))
            .order_by_desc(invoices::Column::IssuedAt)
            .all(&self.db)
            .await
            .or_internal("load invoices")?;
        Ok(BillingOverview {
            subscriptions: subs
                .into_iter()
                .map(|s| {
                    let plan = plan_rows.iter().find(|p| p.id == s.plan_id);
                    let app = app_rows.iter().find(|a| a.id == s.app_id);
                    SubscriptionRow {
                        id: s.id,
                        app_name: app.map(|a| a.name.clone()).unwrap_or_default(),
                        app_slug: app.map(|a| a.slug.clone()).unwrap_or_default(),
                        plan_name: plan.map(|p| p.name.clone()).unwrap_or_default(),
                        price: plan
                            .and_then(|p| Money::from_minor(p.price_minor, &p.currency).ok())
                            .map(|m| m.display())
                            .unwrap_or_default(),
                        status: SubscriptionStatus::parse(&s.status)
                            .unwrap_or(SubscriptionStatus::Canceled),
                        created: format_date(s.created_at),
                    }
                })
                .collect(),
            invoices: invoice_rows
                .into_iter()
                .map(|i| InvoiceRow {
                    id: i.id,
                    payment_reference: i.number.clone(),
                    number: i.number,
                    description: i.description,
                    amount: Money::from_minor(i.amount_minor, &i.currency)
                        .map(|m| m.display())
                        .unwrap_or_default(),
                    status: InvoiceStatus::parse(&i.status).unwrap_or(InvoiceStatus::Void),
                    issued: format_ms(i.issued_at),
                })
                .collect(),
            can_manage,
        })
    }

    async fn mark_invoice_paid(
        &self,
        scope: &TenantScope,
        invoice_id: Uuid,
    ) -> Result<(), AppError> {
        if !self.provider.accepts_manual_payment() {
            return Err(AppError::forbidden(
                "Invoices are paid through the payment provider.",
            ));
        }
        let invoice = invoices::Entity::find_by_id(invoice_id)
            .filter(invoices::Column::TenantId.eq(scope.tenant_id.0))
            .one(&self.db)
            .await
            .or_internal("load invoice")?
            .ok_or_else(|| AppError::not_found("Invoice"))?;
        let next =
            rules::pay(InvoiceStatus::parse(&invoice.status).unwrap_or(InvoiceStatus::Void))?;
        let sub = subscriptions::Entity::find_by_id(invoice.subscription_id)
            .filter(subscriptions::Column::TenantId.eq(scope.tenant_id.0))
            .one(&self.db)
            .await
            .or_internal("load subscription")?
            .ok_or_else(|| AppError::not_found("Invoice"))?;
        let sub_status =
            SubscriptionStatus::parse(&sub.status).unwrap_or(SubscriptionStatus::Canceled);
        let now = self.clock.now_ms();
        let txn = crate::db::write_txn(&self.db)
            .await
            .or_internal("begin payment")?;
        let mut inv: invoices::ActiveModel = invoice.into();
        inv.status = Set(next.as_str().into());
        inv.paid_at = Set(Some(now));
        inv.update(&txn).await.or_internal("pay invoice")?;
        if sub_status == SubscriptionStatus::PendingPayment {
            let active = rules::activate(sub_status)?;
            let mut model: subscriptions::ActiveModel = sub.into();
            model.status = Set(active.as_str().into());
            model.activated_at = Set(Some(now));
            let sub = model
                .update(&txn)
                .await
                .or_internal("activate subscription")?;
            if deployments::by_subscription_system(&txn, sub.id)
                .await
                .or_internal("find deployment")?
                .is_none()
            {
                deploy(&txn, scope, &sub, now).await?;
            }
        }
        audit::record(
            &txn,
            now,
            audit::Event {
                tenant_id: Some(scope.tenant_id.0),
                actor: Some(scope.user_id.0),
                action: "invoice.mark_paid",
                target: format!("invoice:{invoice_id}"),
                detail: serde_json::json!({}),
            },
        )
        .await
        .or_internal("audit")?;
        txn.commit().await.or_internal("commit payment")?;
        self.wake.notify_one();
        Ok(())
    }

    async fn cancel_subscription(
        &self,
        scope: &TenantScope,
        subscription_id: Uuid,
    ) -> Result<(), AppError> {
        let sub = subscriptions::Entity::find_by_id(subscription_id)
            .filter(subscriptions::Column::TenantId.eq(scope.tenant_id.0))
            .one(&self.db)
            .await
            .or_internal("load subscription")?
            .ok_or_else(|| AppError::not_found("Subscription"))?;
        let next = rules::cancel(
            SubscriptionStatus::parse(&sub.status).unwrap_or(SubscriptionStatus::Canceled),
        )?;
        let now = self.clock.now_ms();
        let txn = crate::db::write_txn(&self.db)
            .await
            .or_internal("begin cancel")?;
        let mut model: subscriptions::ActiveModel = sub.into();
        model.status = Set(next.as_str().into());
        model.canceled_at = Set(Some(now));
        model
            .update(&txn)
            .await
            .or_internal("cancel subscription")?;
        invoices::Entity::update_many()
            .col_expr(
                invoices::Column::Status,
                sea_orm::sea_query::Expr::value(InvoiceStatus::Void.as_str()),
            )
            .filter(invoices::Column::SubscriptionId.eq(subscription_id))
            .filter(invoices::Column::Status.eq(InvoiceStatus::Open.as_str()))
            .exec(&txn)
            .await
            .or_internal("void invoices")?;
        if let Some(d) = deployments::by_subscription_system(&txn, subscription_id)
            .await
            .or_internal("find deployment")?
            && DesiredState::parse(&d.desired_state) != Some(DesiredState::Deleted)
        {
            deployments::request(&txn, d, DesiredState::Deleted, false, now)
                .await
                .or_internal("delete deployment")?;
        }
        audit::record(
            &txn,
            now,
            audit::Event {
                tenant_id: Some(scope.tenant_id.0),
                actor: Some(scope.user_id.0),
                action: "subscription.cancel",
                target: format!("subscription:{subscription_id}"),
                detail: serde_json::json!({}),
            },
        )
        .await
        .or_internal("audit")?;
        txn.commit().await.or_internal("commit cancel")?;
        self.wake.notify_one();
        Ok(())
    }
}
