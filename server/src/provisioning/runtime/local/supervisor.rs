//! Keeps a deployment's process alive: when it exits without being asked to, start it
//! again with backoff; after too many crashes in a row, give up and say why.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use tokio::process::Child;
use tokio::sync::{mpsc, watch};
use uuid::Uuid;

use super::process::{self, Launch};
use crate::provisioning::runtime::{Instance, RuntimeEvent};

/// A process that ran this long counts as healthy again: its crash count resets.
const STABLE_AFTER: Duration = Duration::from_secs(60);

/// Supervision settings.
#[derive(Debug, Clone)]
pub struct Policy {
    /// Restarts allowed in a row before giving up.
    pub max_restarts: u32,
    /// First delay before a restart; doubles each time.
    pub first_backoff: Duration,
}

/// Delay before restart number `n` (from 1).
pub fn backoff(policy: &Policy, n: u32) -> Duration {
    let factor = 1_u32 << n.saturating_sub(1).min(6);
    (policy.first_backoff * factor).min(Duration::from_secs(30))
}

/// Watches `child` until asked to stop (through `stop`) or until it gives up.
pub async fn supervise(
    deployment_id: Uuid,
    launch: Launch,
    mut child: Child,
    policy: Policy,
    http: reqwest::Client,
    events: mpsc::UnboundedSender<RuntimeEvent>,
    pid: Arc<AtomicU32>,
    mut stop: watch::Receiver<bool>,
) {
    let mut restarts: u32 = 0;
    let mut healthy_since = Instant::now();
    loop {
        let status = tokio::select! {
            status = child.wait() => status,
            _ = stop.changed() => {
                process::terminate(&mut child, &launch.label).await;
                launch.logs.note("stopped").await;
                return;
            }
        };
        if *stop.borrow() {
            return;
        }
        let mut reason = match status {
            Ok(s) => format!("The app exited unexpectedly ({s})."),
            Err(e) => format!("The app could not be watched: {e}."),
        };
        launch.logs.note(&reason).await;
        if healthy_since.elapsed() > STABLE_AFTER {
            restarts = 0;
        }
        // Start it again, as many times as the policy allows.
        loop {
            restarts += 1;
            if restarts > policy.max_restarts {
                launch.logs.note("too many crashes; giving up").await;
                let _ = events.send(RuntimeEvent::GaveUp {
                    deployment_id,
                    restarts: restarts - 1,
                    reason,
                });
                pid.store(0, Ordering::SeqCst);
                return;
            }
            let wait = backoff(&policy, restarts);
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = stop.changed() => { return; }
            }
            match process::start(&launch, &http).await {
                Ok(new_child) => {
                    child = new_child;
                    pid.store(child.id().unwrap_or(0), Ordering::SeqCst);
                    healthy_since = Instant::now();
                    let _ = events.send(RuntimeEvent::Restarted {
                        deployment_id,
                        restarts,
                        reason: reason.clone(),
                        instance: Instance {
                            port: launch.port,
                            pid: child.id(),
                            url: launch.public_url.clone(),
                        },
                    });
                    break;
                }
                Err(e) => {
                    reason = e.message;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_thirty_seconds() {
        let p = Policy {
            max_restarts: 5,
            first_backoff: Duration::from_millis(500),
        };
        assert_eq!(backoff(&p, 1), Duration::from_millis(500));
        assert_eq!(backoff(&p, 2), Duration::from_secs(1));
        assert_eq!(backoff(&p, 3), Duration::from_secs(2));
        assert_eq!(backoff(&p, 20), Duration::from_secs(30));
    }
}
