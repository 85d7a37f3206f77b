//! Tenant isolation: a member of one organisation gets 404 (or 403) for every object
//! of another, and never sees them in a list.

use reqwest::StatusCode;

use crate::harness::{Client, Server, VENDOR, email, plan_id, wait_for_status};

struct Objects {
    deployment: String,
    subscription: String,
    invoice: String,
    invite: String,
}

async fn populate(s: &Server, a: &Client) -> Objects {
    let free = plan_id(a, "company-site", "Free").await;
    a.ok("billing/subscribe", &[("plan_id", free.as_str())])
        .await;
    let dep = wait_for_status(a, "company-site", "running", 30).await;
    let paid = plan_id(a, "pastebin", "Team").await;
    a.ok("billing/subscribe", &[("plan_id", paid.as_str())])
        .await;
    let billing = a.ok("billing/overview", &[]).await;
    a.ok(
        "tenancy/create_invite",
        &[("email", "friend@example.com"), ("role", "member")],
    )
    .await;
    let team = a.ok("tenancy/team", &[]).await;
    let _ = s;
    Objects {
        deployment: dep["id"].as_str().unwrap().to_owned(),
        subscription: billing["subscriptions"][0]["id"]
            .as_str()
            .unwrap()
            .to_owned(),
        invoice: billing["invoices"][0]["id"].as_str().unwrap().to_owned(),
        invite: team["invites"][0]["id"].as_str().unwrap().to_owned(),
    }
}

#[tokio::test]
async fn another_tenant_cannot_see_or_touch_anything() {
    let s = Server::start().await;
    let a = s.sign_up(&email("alice"), "Tenant A").await;
    let b = s.sign_up(&email("bob"), "Tenant B").await;
    let o = populate(&s, &a).await;

    let attempts: Vec<(&str, Vec<(&str, &str)>)> = vec![
        (
            "provisioning/deployment",
            vec![("id", o.deployment.as_str())],
        ),
        (
            "provisioning/act",
            vec![("id", o.deployment.as_str()), ("action", "stop")],
        ),
        (
            "provisioning/act",
            vec![("id", o.deployment.as_str()), ("action", "delete")],
        ),
        (
            "billing/mark_paid",
            vec![("invoice_id", o.invoice.as_str())],
        ),
        (
            "billing/cancel",
            vec![("subscription_id", o.subscription.as_str())],
        ),
        (
            "tenancy/revoke_invite",
            vec![("invite_id", o.invite.as_str())],
        ),
    ];
    for (endpoint, form) in &attempts {
        let (status, body) = b.call(endpoint, form).await;
        assert_eq!(
            status,
            StatusCode::NOT_FOUND,
            "{endpoint} by another tenant: {body}"
        );
    }
    // B's own lists are empty.
    assert!(
        b.ok("provisioning/dashboard", &[]).await["deployments"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let billing = b.ok("billing/overview", &[]).await;
    assert!(billing["subscriptions"].as_array().unwrap().is_empty());
    assert!(billing["invoices"].as_array().unwrap().is_empty());
    let team = b.ok("tenancy/team", &[]).await;
    assert_eq!(team["members"].as_array().map(Vec::len), Some(1));
    assert!(team["invites"].as_array().unwrap().is_empty());

    // A's objects are untouched.
    let still = wait_for_status(&a, "company-site", "running", 5).await;
    assert_eq!(still["id"], o.deployment.as_str());
    let billing = a.ok("billing/overview", &[]).await;
    assert_eq!(billing["invoices"][0]["status"], "open");
    assert_eq!(
        a.ok("tenancy/team", &[]).await["invites"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );

    // Visitors get 401 everywhere a tenant is needed.
    let v = s.visitor();
    for (endpoint, form) in &attempts {
        let (status, _) = v.call(endpoint, form).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{endpoint} by a visitor");
    }
    s.finish().await;
}

#[tokio::test]
async fn another_vendor_cannot_see_or_touch_an_app() {
    let s = Server::start().await;
    let acme = s.login(VENDOR.0, VENDOR.1).await;
    let wiki = acme.ok("vendor/app", &[("slug", "team-wiki")]).await;
    let app_id = wiki["id"].as_str().unwrap().to_owned();
    let version_id = wiki["versions"][0]["id"].as_str().unwrap().to_owned();

    let rival = s.sign_up(&email("rival"), "Rival Co").await;
    rival
        .ok("tenancy/become_vendor", &[("vendor_name", "Rival")])
        .await;
    assert_eq!(
        rival.call("vendor/app", &[("slug", "team-wiki")]).await.0,
        StatusCode::NOT_FOUND
    );
    let forms: Vec<(&str, Vec<(&str, &str)>)> = vec![
        (
            "vendor/update_app",
            vec![
                ("app_id", app_id.as_str()),
                ("name", "Hijacked"),
                ("slug", "hijacked"),
                ("summary", "A summary that is long enough."),
                ("description", "A description that is long enough."),
                ("category", "productivity"),
                ("icon_url", ""),
                ("screenshots", ""),
            ],
        ),
        (
            "vendor/add_plan",
            vec![
                ("app_id", app_id.as_str()),
                ("name", "Cheap"),
                ("price", "0"),
                ("currency", "EUR"),
            ],
        ),
        (
            "vendor/add_version",
            vec![
                ("app_id", app_id.as_str()),
                ("version", "9.0.0"),
                ("manifest", crate::review::MANIFEST),
                ("release_notes", ""),
            ],
        ),
        (
            "vendor/submit_version",
            vec![("version_id", version_id.as_str())],
        ),
    ];
    for (endpoint, form) in &forms {
        let (status, body) = rival.call(endpoint, form).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{endpoint}: {body}");
    }
    assert!(
        rival
            .ok("vendor/apps", &[])
            .await
            .as_array()
            .unwrap()
            .is_empty()
    );
    let after = acme.ok("vendor/app", &[("slug", "team-wiki")]).await;
    assert_eq!(after["form"]["name"], "Team Wiki");
    assert_eq!(after["plans"].as_array().map(Vec::len), Some(2));
    assert_eq!(after["versions"].as_array().map(Vec::len), Some(1));
    s.finish().await;
}
