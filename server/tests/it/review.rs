//! The vendor's side and the operator's review: submit → review → publish, reject, suspend.

use reqwest::StatusCode;

use crate::harness::{Client, OPERATOR, Server, VENDOR, email, invite};

pub const MANIFEST: &str = r#"[run]
command = "/usr/bin/python3"
args = ["-m", "http.server", "{{port}}", "--bind", "127.0.0.1", "--directory", "{{data_dir}}/site"]

[health]
path = "/"

[[files]]
path = "site/index.html"
content = "<h1>Hello, {{tenant.name}}</h1>"
"#;

/// Creates an app with one free plan and one draft version; returns (app id, version id).
pub async fn draft_app(vendor: &Client, slug: &str, manifest: &str) -> (String, String) {
    vendor
        .ok(
            "vendor/create_app",
            &[
                ("name", "Review Me"),
                ("slug", slug),
                ("summary", "An app that waits for review."),
                ("description", "A description that is long enough to pass."),
                ("category", "productivity"),
                ("icon_url", ""),
                ("screenshots", ""),
            ],
        )
        .await;
    let app = vendor.ok("vendor/app", &[("slug", slug)]).await;
    let app_id = app["id"].as_str().unwrap().to_owned();
    vendor
        .ok(
            "vendor/add_plan",
            &[
                ("app_id", app_id.as_str()),
                ("name", "Free"),
                ("price", "0"),
                ("currency", "EUR"),
            ],
        )
        .await;
    let version = vendor
        .ok(
            "vendor/add_version",
            &[
                ("app_id", app_id.as_str()),
                ("version", "1.0.0"),
                ("manifest", manifest),
                ("release_notes", "First."),
            ],
        )
        .await;
    (app_id, version.as_str().unwrap().to_owned())
}

/// Publishes an app through the real review flow; returns the version id.
pub async fn publish(s: &Server, slug: &str, manifest: &str) -> String {
    let vendor = s.login(VENDOR.0, VENDOR.1).await;
    let (_, version) = draft_app(&vendor, slug, manifest).await;
    vendor
        .ok("vendor/submit_version", &[("version_id", version.as_str())])
        .await;
    let op = s.login(OPERATOR.0, OPERATOR.1).await;
    op.ok("admin/approve_version", &[("version_id", version.as_str())])
        .await;
    version
}

#[tokio::test]
async fn a_version_is_visible_only_after_approval() {
    let s = Server::start().await;
    let vendor = s.login(VENDOR.0, VENDOR.1).await;
    let visitor = s.visitor();
    let (_, version) = draft_app(&vendor, "review-me", MANIFEST).await;

    let (status, _) = visitor.call("catalog/app", &[("slug", "review-me")]).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "drafts are not in the store");

    vendor
        .ok("vendor/submit_version", &[("version_id", version.as_str())])
        .await;
    let (status, body) = vendor
        .call("vendor/submit_version", &[("version_id", version.as_str())])
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(
        visitor
            .call("catalog/app", &[("slug", "review-me")])
            .await
            .0,
        StatusCode::NOT_FOUND
    );

    // Only operators review.
    let (status, _) = vendor
        .call("admin/approve_version", &[("version_id", version.as_str())])
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = vendor.call("admin/review_queue", &[]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let op = s.login(OPERATOR.0, OPERATOR.1).await;
    let queue = op.ok("admin/review_queue", &[]).await;
    assert!(
        queue
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["version_id"] == version.as_str()),
        "{queue}"
    );
    op.ok("admin/approve_version", &[("version_id", version.as_str())])
        .await;

    let app = visitor.ok("catalog/app", &[("slug", "review-me")]).await;
    assert_eq!(app["versions"][0]["version"], "1.0.0");
    let found = visitor
        .ok("catalog/search", &[("q", "waits review"), ("page", "1")])
        .await;
    assert!(
        found["apps"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["slug"] == "review-me"),
        "{found}"
    );
    let (status, _) = op
        .call("admin/approve_version", &[("version_id", version.as_str())])
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    s.finish().await;
}

#[tokio::test]
async fn a_rejected_version_carries_the_reason_and_can_be_resubmitted() {
    let s = Server::start().await;
    let vendor = s.login(VENDOR.0, VENDOR.1).await;
    let (_, version) = draft_app(&vendor, "reject-me", MANIFEST).await;
    vendor
        .ok("vendor/submit_version", &[("version_id", version.as_str())])
        .await;
    let op = s.login(OPERATOR.0, OPERATOR.1).await;
    let (status, body) = op
        .call(
            "admin/reject_version",
            &[("version_id", version.as_str()), ("reason", "  ")],
        )
        .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a reason is required: {body}"
    );
    op.ok(
        "admin/reject_version",
        &[
            ("version_id", version.as_str()),
            ("reason", "The health path answers 500."),
        ],
    )
    .await;
    let app = vendor.ok("vendor/app", &[("slug", "reject-me")]).await;
    assert_eq!(app["versions"][0]["status"], "rejected");
    assert_eq!(
        app["versions"][0]["review_reason"],
        "The health path answers 500."
    );
    assert_eq!(
        s.visitor()
            .call("catalog/app", &[("slug", "reject-me")])
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    vendor
        .ok("vendor/submit_version", &[("version_id", version.as_str())])
        .await;
    assert_eq!(
        vendor.ok("vendor/app", &[("slug", "reject-me")]).await["versions"][0]["status"],
        "in_review"
    );
    s.finish().await;
}

#[tokio::test]
async fn suspended_apps_leave_the_store_until_restored() {
    let s = Server::start().await;
    let op = s.login(OPERATOR.0, OPERATOR.1).await;
    let visitor = s.visitor();
    let apps = op.ok("admin/apps", &[]).await;
    let wiki = apps
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["slug"] == "team-wiki")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (status, _) = op
        .call(
            "admin/suspend_app",
            &[("app_id", wiki.as_str()), ("reason", "")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    op.ok(
        "admin/suspend_app",
        &[("app_id", wiki.as_str()), ("reason", "Licence dispute")],
    )
    .await;
    assert_eq!(
        visitor
            .call("catalog/app", &[("slug", "team-wiki")])
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    let found = visitor
        .ok("catalog/search", &[("q", "wiki"), ("page", "1")])
        .await;
    assert_eq!(found["total"], 0, "{found}");
    let vendor = s.login(VENDOR.0, VENDOR.1).await;
    let mine = vendor.ok("vendor/app", &[("slug", "team-wiki")]).await;
    assert_eq!(mine["status"], "suspended");
    assert_eq!(mine["suspended_reason"], "Licence dispute");
    // Plans of a suspended app cannot be bought.
    let tenant = s.sign_up(&email("buyer"), "Buyer Co").await;
    let home = visitor.ok("catalog/store_home", &[]).await;
    assert!(!home.to_string().contains("team-wiki"));
    op.ok("admin/restore_app", &[("app_id", wiki.as_str())])
        .await;
    assert_eq!(
        visitor
            .call("catalog/app", &[("slug", "team-wiki")])
            .await
            .0,
        StatusCode::OK
    );
    let (status, _) = op
        .call("admin/restore_app", &[("app_id", wiki.as_str())])
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    drop(tenant);
    s.finish().await;
}

#[tokio::test]
async fn vendor_editing_rules() {
    let s = Server::start().await;
    let owner = s.sign_up(&email("isv"), "New Vendor").await;
    // Not a vendor yet.
    let (status, _) = owner.call("vendor/apps", &[]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    owner
        .ok(
            "tenancy/become_vendor",
            &[("vendor_name", "New Vendor Ltd")],
        )
        .await;
    assert_eq!(owner.ok("vendor/apps", &[]).await, serde_json::json!([]));
    let (app_id, v1) = draft_app(&owner, "new-vendor-app", MANIFEST).await;
    // Versions only go up.
    for bad in ["1.0.0", "0.9.0", "1.0.0-rc.1"] {
        let (status, body) = owner
            .call(
                "vendor/add_version",
                &[
                    ("app_id", app_id.as_str()),
                    ("version", bad),
                    ("manifest", MANIFEST),
                    ("release_notes", ""),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}: {body}");
    }
    owner
        .ok(
            "vendor/add_version",
            &[
                ("app_id", app_id.as_str()),
                ("version", "1.1.0"),
                ("manifest", MANIFEST),
                ("release_notes", ""),
            ],
        )
        .await;
    let detail = owner.ok("vendor/app", &[("slug", "new-vendor-app")]).await;
    assert_eq!(detail["versions"].as_array().map(Vec::len), Some(2));
    assert_eq!(detail["versions"][1]["id"], v1.as_str());
    // Rename the slug.
    owner
        .ok(
            "vendor/update_app",
            &[
                ("app_id", app_id.as_str()),
                ("name", "Renamed"),
                ("slug", "renamed-app"),
                ("summary", "A summary that is long enough."),
                ("description", "**Bold** description, long enough to pass."),
                ("category", "analytics"),
                ("icon_url", "https://cdn.example.com/i.png"),
                ("screenshots", "/a.png\n/b.png"),
            ],
        )
        .await;
    let renamed = owner.ok("vendor/app", &[("slug", "renamed-app")]).await;
    assert_eq!(renamed["form"]["name"], "Renamed");
    assert_eq!(renamed["form"]["screenshots"], "/a.png\n/b.png");
    assert_eq!(renamed["form"]["category"], "analytics");
    // A slug taken by another app is refused.
    let (status, body) = owner
        .call(
            "vendor/update_app",
            &[
                ("app_id", app_id.as_str()),
                ("name", "Renamed"),
                ("slug", "team-wiki"),
                ("summary", "A summary that is long enough."),
                ("description", "A description that is long enough."),
                ("category", "analytics"),
                ("icon_url", ""),
                ("screenshots", ""),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.to_string().contains("taken"), "{body}");
    // Members of a vendor organisation may look but not edit.
    let invited = email("vendor-member");
    let token = invite(&owner, &invited, "member").await;
    let member = s.sign_up(&invited, "Member Co").await;
    member
        .ok("tenancy/accept_invite", &[("token", token.as_str())])
        .await;
    assert!(member.ok("vendor/apps", &[]).await.as_array().is_some());
    let (status, _) = member
        .call(
            "vendor/add_plan",
            &[
                ("app_id", app_id.as_str()),
                ("name", "Sneaky"),
                ("price", "1"),
                ("currency", "EUR"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    s.finish().await;
}
