//! Assembling the platform: database, services, runtime, job workers, HTTP state —
//! and taking it apart again on shutdown.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use app::ports::Services;
use leptos::prelude::LeptosOptions;
use tokio::sync::{Notify, mpsc, watch};
use tokio::task::JoinHandle;

use crate::admin::service::Admin;
use crate::billing::builtin::BuiltinProvider;
use crate::billing::service::Billing;
use crate::catalog::service::Catalog;
use crate::clock::{Clock, SharedClock, SystemClock};
use crate::config::Config;
use crate::db::{self, Db};
use crate::identity::cookie::CookieSettings;
use crate::identity::password::Hasher;
use crate::identity::service::Identity;
use crate::jobs::queue;
use crate::jobs::worker::{Handler, Workers};
use crate::provisioning::events::apply_events;
use crate::provisioning::reconcile::Reconciler;
use crate::provisioning::repo as deployments;
use crate::provisioning::runtime::Runtime;
use crate::provisioning::runtime::local::LocalRuntime;
use crate::provisioning::service::Provisioning;
use crate::state::AppState;
use crate::tenancy::service::Tenancy;

/// A running platform (without its HTTP listener).
pub struct Platform {
    /// What HTTP handlers get.
    pub state: AppState,
    /// The settings it runs with.
    pub config: Config,
    /// The identity service (also used by the admin CLI).
    pub identity: Arc<Identity>,
    runtime: Arc<dyn Runtime>,
    shutdown: watch::Sender<bool>,
    workers: Vec<JoinHandle<()>>,
}

/// Why the platform could not start.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct StartError(pub String);

/// Connects to the database and applies migrations.
pub async fn open_database(config: &Config) -> Result<Db, StartError> {
    let db = db::connect(config).await.map_err(|e| {
        StartError(format!(
            "cannot open the database {}: {e}",
            config.database_label()
        ))
    })?;
    db::migrate(&db)
        .await
        .map_err(|e| StartError(format!("migrations failed: {e}")))?;
    crate::demo::ensure_categories(&db, SystemClock.now_ms())
        .await
        .map_err(|e| StartError(format!("cannot create store categories: {e}")))?;
    Ok(db)
}

/// Builds the identity service alone (the admin CLI needs nothing else).
pub fn identity_service(
    config: &Config,
    db: Db,
    clock: SharedClock,
) -> Result<Arc<Identity>, StartError> {
    let hasher =
        Hasher::new(config.auth.argon2_memory_kib).map_err(|e| StartError(e.to_string()))?;
    Ok(Identity::new(
        db,
        clock,
        hasher,
        CookieSettings {
            secure: config.cookie_secure(),
            max_age_secs: config.auth.session_ttl_hours.saturating_mul(3600),
        },
        config.auth.clone(),
    ))
}

impl Platform {
    /// Starts everything but the listener.
    pub async fn start(config: Config) -> Result<Self, StartError> {
        let db = open_database(&config).await?;
        let clock: SharedClock = Arc::new(SystemClock);
        if !db::is_postgres(&db) {
            // One process owns a SQLite file: jobs it was running when it stopped resume now.
            let released = queue::release_all_leases(&db)
                .await
                .map_err(|e| StartError(format!("cannot release job leases: {e}")))?;
            if released > 0 {
                tracing::info!(released, "resuming jobs interrupted by the last shutdown");
            }
        }

        let (events_tx, events_rx) = mpsc::unbounded_channel();
        let runtime: Arc<dyn Runtime> =
            LocalRuntime::new(&config.data_dir, config.runtime.clone(), events_tx)
                .map_err(StartError)?;
        tokio::spawn(apply_events(db.clone(), clock.clone(), events_rx));

        let wake = Arc::new(Notify::new());
        let identity = identity_service(&config, db.clone(), clock.clone())?;
        let services = Services {
            identity: identity.clone(),
            tenancy: Tenancy::new(db.clone(), clock.clone(), config.server.public_url.clone()),
            catalog: Catalog::new(db.clone(), clock.clone()),
            admin: Admin::new(db.clone(), clock.clone()),
            billing: Billing::new(
                db.clone(),
                clock.clone(),
                Arc::new(BuiltinProvider),
                wake.clone(),
            ),
            provisioning: Provisioning::new(
                db.clone(),
                clock.clone(),
                runtime.clone(),
                wake.clone(),
            ),
        };

        let mut handlers: HashMap<&'static str, Arc<dyn Handler>> = HashMap::new();
        handlers.insert(
            deployments::RECONCILE,
            Reconciler::new(db.clone(), clock.clone(), runtime.clone()),
        );
        let (shutdown, shutdown_rx) = watch::channel(false);
        let workers = Workers::new(
            db.clone(),
            clock.clone(),
            handlers,
            wake.clone(),
            config.jobs.lease_secs,
            config.jobs.poll_ms,
        )
        .spawn(config.jobs.workers, shutdown_rx);

        // Deployments that should run were stopped with the previous process: start them again.
        let unsettled = deployments::unsettled_system(&db)
            .await
            .map_err(|e| StartError(format!("cannot list deployments: {e}")))?;
        let now = clock.now_ms();
        for d in &unsettled {
            if d.desired_state == app::provisioning::types::DesiredState::Running.as_str() {
                deployments::set_status(
                    &db,
                    d.id,
                    app::provisioning::types::DeploymentStatus::Provisioning,
                    Some("Starting again after a server restart…".into()),
                    now,
                )
                .await
                .map_err(|e| StartError(format!("cannot resume deployment {}: {e}", d.id)))?;
            }
            queue::enqueue(&db, now, deployments::reconcile_job(d.id, false))
                .await
                .map_err(|e| StartError(format!("cannot resume deployment {}: {e}", d.id)))?;
        }
        if !unsettled.is_empty() {
            tracing::info!(count = unsettled.len(), "resuming deployments");
            wake.notify_one();
        }

        let public_origin = origin_of(&config.server.public_url);
        let leptos = LeptosOptions::builder()
            .output_name("agora")
            .site_root(config.server.site_root.display().to_string())
            .site_pkg_dir("pkg")
            .site_addr(config.server.bind)
            .build();
        let routes = leptos_axum::generate_route_list(app::App);
        let state = AppState {
            leptos,
            services,
            identity: identity.clone(),
            db,
            routes: Arc::new(routes),
            public_origin,
            trust_proxy: config.server.trust_proxy_headers,
            ready: Arc::new(AtomicBool::new(true)),
        };
        Ok(Self {
            state,
            config,
            identity,
            runtime,
            shutdown,
            workers,
        })
    }

    /// Stops workers (giving running jobs a moment) and every deployed process.
    pub async fn stop(self) {
        self.state.ready.store(false, Ordering::SeqCst);
        let _ = self.shutdown.send(true);
        for w in self.workers {
            if tokio::time::timeout(Duration::from_secs(5), w)
                .await
                .is_err()
            {
                tracing::warn!("a job worker did not stop in time; its job resumes on next start");
            }
        }
        self.runtime.shutdown().await;
        self.state.db.close_by_ref().await.ok();
    }
}

/// `scheme://host[:port]` of a URL.
pub fn origin_of(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => format!("{scheme}://{}", rest.split('/').next().unwrap_or(rest)),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::origin_of;

    #[test]
    fn origins() {
        assert_eq!(origin_of("https://a.test/x/y"), "https://a.test");
        assert_eq!(origin_of("http://127.0.0.1:3000"), "http://127.0.0.1:3000");
    }
}
