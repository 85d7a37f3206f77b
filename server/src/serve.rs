//! The `serve` command: start the platform, listen, and shut down gracefully on
//! SIGINT or SIGTERM (readiness goes red, in-flight requests finish, workers stop,
//! deployed processes are stopped).

use std::net::SocketAddr;

use tokio::net::TcpListener;

use crate::config::Config;
use crate::platform::Platform;

/// Serves until a shutdown signal arrives.
pub async fn serve(config: Config, demo: bool) -> Result<(), String> {
    let bind = config.server.bind;
    let site_root = config.server.site_root.clone();
    tracing::info!(database = %config.database_label(), "starting");
    let platform = Platform::start(config).await.map_err(|e| e.to_string())?;
    if demo {
        let seeded = crate::cli::seed_with(&platform).await?;
        crate::cli::print_demo_accounts(&seeded);
    }
    if !site_root.join("pkg").exists() {
        tracing::warn!(site_root = %site_root.display(), "no built site found: pages render without styles or interactivity (build with cargo leptos build --split)");
    }
    let router = crate::http::router::build(platform.state.clone());
    let listener = TcpListener::bind(bind)
        .await
        .map_err(|e| format!("cannot listen on {bind}: {e}"))?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    tracing::info!(address = %local, "listening");
    println!("Agora is running at http://{local}");
    let ready = platform.state.ready.clone();
    let served = axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        shutdown_signal().await;
        ready.store(false, std::sync::atomic::Ordering::SeqCst);
        tracing::info!("shutting down");
    })
    .await;
    platform.stop().await;
    tracing::info!("stopped");
    served.map_err(|e| format!("server error: {e}"))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
}
