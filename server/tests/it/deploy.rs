//! Subscribing deploys a real process; tenants operate it; the runtime supervises it.

use std::time::Duration;

use reqwest::StatusCode;

use crate::harness::{
    Server, app_processes, email, invite, plan_id, wait_for_status, wait_until_no_deployments,
};
use crate::review::publish;

#[tokio::test]
async fn a_free_plan_deploys_a_running_app_that_can_be_stopped_started_and_deleted() {
    let s = Server::start().await;
    let tenant = s.sign_up(&email("ops"), "Deploy Co").await;
    let plan = plan_id(&tenant, "team-wiki", "Community").await;
    tenant
        .ok("billing/subscribe", &[("plan_id", plan.as_str())])
        .await;

    let running = wait_for_status(&tenant, "team-wiki", "running", 30).await;
    let id = running["id"].as_str().unwrap().to_owned();
    let url = running["url"].as_str().unwrap().to_owned();
    // Never on the console's host, whose session cookie the browser would hand to the app.
    let host = |u: &str| {
        u.split("://")
            .nth(1)
            .unwrap()
            .split(':')
            .next()
            .unwrap()
            .to_owned()
    };
    assert_ne!(host(&url), host(&s.base), "{url} shares the console's host");
    let page = reqwest::get(&url).await.unwrap().text().await.unwrap();
    assert!(
        page.contains("Deploy Co"),
        "the app renders the tenant's name: {page}"
    );
    assert_eq!(app_processes(&id, "/usr/bin/python3").len(), 1);
    assert!(
        running["log_tail"].to_string().contains("healthy"),
        "{running}"
    );

    tenant
        .ok(
            "provisioning/act",
            &[("id", id.as_str()), ("action", "stop")],
        )
        .await;
    wait_for_status(&tenant, "team-wiki", "stopped", 20).await;
    assert!(
        reqwest::get(&url).await.is_err(),
        "a stopped app no longer answers"
    );
    assert!(app_processes(&id, "/usr/bin/python3").is_empty());
    let (status, _) = tenant
        .call(
            "provisioning/act",
            &[("id", id.as_str()), ("action", "stop")],
        )
        .await;
    assert_eq!(
        status,
        StatusCode::CONFLICT,
        "stopping a stopped deployment is refused"
    );

    tenant
        .ok(
            "provisioning/act",
            &[("id", id.as_str()), ("action", "start")],
        )
        .await;
    let again = wait_for_status(&tenant, "team-wiki", "running", 30).await;
    assert!(
        reqwest::get(again["url"].as_str().unwrap())
            .await
            .unwrap()
            .status()
            .is_success()
    );

    tenant
        .ok(
            "provisioning/act",
            &[("id", id.as_str()), ("action", "restart")],
        )
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let restarted = wait_for_status(&tenant, "team-wiki", "running", 30).await;
    assert_eq!(app_processes(&id, "/usr/bin/python3").len(), 1);

    tenant
        .ok(
            "provisioning/act",
            &[("id", id.as_str()), ("action", "delete")],
        )
        .await;
    wait_until_no_deployments(&tenant, 20).await;
    assert!(
        reqwest::get(restarted["url"].as_str().unwrap())
            .await
            .is_err()
    );
    assert!(app_processes(&id, "/usr/bin/python3").is_empty());
    assert!(
        !s.data_dir.join("deployments").join(&id).exists(),
        "its files are removed"
    );
    let (status, _) = tenant
        .call("provisioning/deployment", &[("id", id.as_str())])
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    s.finish().await;
}

#[tokio::test]
async fn a_paid_plan_deploys_once_its_invoice_is_paid() {
    let s = Server::start().await;
    let tenant = s.sign_up(&email("payer"), "Paying Co").await;
    let plan = plan_id(&tenant, "team-wiki", "Business").await;
    tenant
        .ok("billing/subscribe", &[("plan_id", plan.as_str())])
        .await;
    let billing = tenant.ok("billing/overview", &[]).await;
    assert_eq!(billing["subscriptions"][0]["status"], "pending_payment");
    assert_eq!(billing["invoices"][0]["status"], "open");
    assert_eq!(billing["invoices"][0]["amount"], "19.00 EUR");
    assert!(
        tenant.ok("provisioning/dashboard", &[]).await["deployments"]
            .as_array()
            .unwrap()
            .is_empty()
    );

    let invoice = billing["invoices"][0]["id"].as_str().unwrap().to_owned();
    tenant
        .ok("billing/mark_paid", &[("invoice_id", invoice.as_str())])
        .await;
    let (status, _) = tenant
        .call("billing/mark_paid", &[("invoice_id", invoice.as_str())])
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    wait_for_status(&tenant, "team-wiki", "running", 30).await;
    let billing = tenant.ok("billing/overview", &[]).await;
    assert_eq!(billing["subscriptions"][0]["status"], "active");
    assert_eq!(billing["invoices"][0]["status"], "paid");

    // Cancelling removes the deployment.
    let sub = billing["subscriptions"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    tenant
        .ok("billing/cancel", &[("subscription_id", sub.as_str())])
        .await;
    wait_until_no_deployments(&tenant, 20).await;
    assert_eq!(
        tenant.ok("billing/overview", &[]).await["subscriptions"][0]["status"],
        "canceled"
    );
    s.finish().await;
}

#[tokio::test]
async fn a_crashing_app_is_restarted_and_then_marked_failed_with_the_reason() {
    let s = Server::start_with(&[("AGORA_RUNTIME_MAX_RESTARTS", "2")]).await;
    let manifest = r#"[run]
command = "/bin/sh"
args = ["-c", "timeout 1 /usr/bin/python3 -m http.server {{port}} --bind 127.0.0.1; echo crashing >&2; exit 3"]
[health]
path = "/"
"#;
    publish(&s, "crashy", manifest).await;
    let tenant = s.sign_up(&email("crash"), "Crash Co").await;
    let plan = plan_id(&tenant, "crashy", "Free").await;
    tenant
        .ok("billing/subscribe", &[("plan_id", plan.as_str())])
        .await;
    let failed = wait_for_status(&tenant, "crashy", "failed", 60).await;
    let reason = failed["status_reason"].as_str().unwrap_or_default();
    assert!(reason.contains("Crashed 2 times"), "{failed}");
    assert!(
        failed["log_tail"].to_string().contains("crashing"),
        "{failed}"
    );
    assert!(failed["actions"].to_string().contains("start"), "{failed}");
    s.finish().await;
}

#[tokio::test]
async fn a_command_the_runtime_does_not_allow_fails_with_a_clear_reason() {
    let s = Server::start().await;
    let manifest = "[run]\ncommand = \"/usr/bin/perl\"\nargs = [\"-e\", \"sleep 100\"]\n";
    publish(&s, "perly", manifest).await;
    let tenant = s.sign_up(&email("perl"), "Perl Co").await;
    let plan = plan_id(&tenant, "perly", "Free").await;
    tenant
        .ok("billing/subscribe", &[("plan_id", plan.as_str())])
        .await;
    let failed = wait_for_status(&tenant, "perly", "failed", 30).await;
    assert!(
        failed["status_reason"]
            .as_str()
            .unwrap()
            .contains("not allowed"),
        "{failed}"
    );
    s.finish().await;
}

#[tokio::test]
async fn members_see_deployments_but_cannot_operate_them() {
    let s = Server::start().await;
    let owner = s.sign_up(&email("boss"), "Boss Co").await;
    let invited = email("staff");
    let token = invite(&owner, &invited, "member").await;
    let plan = plan_id(&owner, "company-site", "Free").await;
    owner
        .ok("billing/subscribe", &[("plan_id", plan.as_str())])
        .await;
    let running = wait_for_status(&owner, "company-site", "running", 30).await;
    let id = running["id"].as_str().unwrap().to_owned();
    let member = s.sign_up(&invited, "Staff Co").await;
    member
        .ok("tenancy/accept_invite", &[("token", token.as_str())])
        .await;
    let dash = member.ok("provisioning/dashboard", &[]).await;
    assert_eq!(dash["can_operate"], false);
    assert_eq!(dash["deployments"][0]["id"], id.as_str());
    assert_eq!(dash["deployments"][0]["actions"], serde_json::json!([]));
    let one = member
        .ok("provisioning/deployment", &[("id", id.as_str())])
        .await;
    assert_eq!(one["actions"], serde_json::json!([]), "{one}");
    let (status, _) = member
        .call(
            "provisioning/act",
            &[("id", id.as_str()), ("action", "stop")],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = member
        .call("billing/subscribe", &[("plan_id", plan.as_str())])
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let page = reqwest::get(running["url"].as_str().unwrap())
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Boss Co"), "{page}");
    s.finish().await;
}
