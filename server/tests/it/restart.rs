//! Durability: a server killed in the middle of provisioning resumes the job after a
//! restart and ends with exactly one process; a graceful stop stops deployed apps and
//! a restart brings them back.

use std::time::{Duration, Instant};

use crate::harness::{Server, TENANT, app_processes, plan_id, wait_for_status};
use crate::review::publish;

const SLOW_START: &str = r#"[run]
command = "/bin/sh"
args = ["-c", "sleep 3; exec /usr/bin/python3 -m http.server {{port}} --bind 127.0.0.1"]
[health]
path = "/"
"#;

#[tokio::test]
async fn a_restart_during_provisioning_still_ends_with_exactly_one_process() {
    let mut s = Server::start_with(&[("AGORA_JOBS_LEASE_SECS", "3")]).await;
    publish(&s, "slow-start", SLOW_START).await;
    let tenant = s.login(TENANT.0, TENANT.1).await;
    let plan = plan_id(&tenant, "slow-start", "Free").await;
    tenant
        .ok("billing/subscribe", &[("plan_id", plan.as_str())])
        .await;
    let provisioning = wait_for_status(&tenant, "slow-start", "provisioning", 20).await;
    let id = provisioning["id"].as_str().unwrap().to_owned();

    // The process is starting (its shell is sleeping) when the server dies.
    let deadline = Instant::now() + Duration::from_secs(10);
    while app_processes(&id, "/bin/sh").is_empty() {
        assert!(Instant::now() < deadline, "the app never started");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    s.kill().await;
    let deadline = Instant::now() + Duration::from_secs(5);
    while !app_processes(&id, "/bin/sh").is_empty() {
        assert!(
            Instant::now() < deadline,
            "deployed processes must not outlive the server"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    s.restart().await;
    let tenant = s.login(TENANT.0, TENANT.1).await;
    let running = wait_for_status(&tenant, "slow-start", "running", 60).await;
    assert_eq!(running["id"], id.as_str());
    // Give any duplicate a chance to appear before counting.
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(
        app_processes(&id, "/usr/bin/python3").len(),
        1,
        "exactly one app process"
    );
    assert!(
        reqwest::get(running["url"].as_str().unwrap())
            .await
            .unwrap()
            .status()
            .is_success()
    );
    s.finish().await;
}

#[tokio::test]
async fn a_graceful_stop_stops_apps_and_a_restart_brings_them_back() {
    let mut s = Server::start().await;
    let tenant = s.login(TENANT.0, TENANT.1).await;
    let plan = plan_id(&tenant, "company-site", "Free").await;
    tenant
        .ok("billing/subscribe", &[("plan_id", plan.as_str())])
        .await;
    let running = wait_for_status(&tenant, "company-site", "running", 30).await;
    let id = running["id"].as_str().unwrap().to_owned();
    assert_eq!(app_processes(&id, "/usr/bin/python3").len(), 1);

    s.stop().await;
    // The server stopped them before exiting; the kernel may take a moment to reap them.
    let deadline = Instant::now() + Duration::from_secs(2);
    while !app_processes(&id, "/usr/bin/python3").is_empty() {
        assert!(Instant::now() < deadline, "apps stop with the server");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    s.restart().await;
    let tenant = s.login(TENANT.0, TENANT.1).await;
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let d = tenant.ok("provisioning/dashboard", &[]).await;
        let dep = &d["deployments"][0];
        if dep["status"] == "running" && !app_processes(&id, "/usr/bin/python3").is_empty() {
            assert!(
                reqwest::get(dep["url"].as_str().unwrap())
                    .await
                    .unwrap()
                    .status()
                    .is_success()
            );
            break;
        }
        assert!(
            Instant::now() < deadline,
            "deployment did not come back: {d}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    s.finish().await;
}
