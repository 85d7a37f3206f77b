//! Bad input on every form: a 4xx with a message a person understands, and nothing written.

use reqwest::StatusCode;
use serde_json::Value;

use crate::harness::{Client, OPERATOR, Server, VENDOR, email};

/// Asserts a validation error naming `field`, and returns its message.
fn field_error(status: StatusCode, body: &Value, field: &str) -> String {
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["kind"], "validation", "{body}");
    let message = body["errors"]
        .as_array()
        .and_then(|errors| errors.iter().find(|e| e["field"] == field))
        .and_then(|e| e["message"].as_str())
        .unwrap_or_else(|| panic!("no error for {field}: {body}"));
    assert!(
        message.len() > 10 && message.ends_with('.'),
        "a sentence for people: {message}"
    );
    message.to_owned()
}

#[tokio::test]
async fn account_forms() {
    let s = Server::start().await;
    let v = s.visitor();
    let good = email("good");
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (
            vec![
                ("display_name", ""),
                ("email", good.as_str()),
                ("password", "correct horse battery"),
                ("org_name", "Org"),
            ],
            "display_name",
        ),
        (
            vec![
                ("display_name", "A"),
                ("email", "not-an-email"),
                ("password", "correct horse battery"),
                ("org_name", "Org"),
            ],
            "email",
        ),
        (
            vec![
                ("display_name", "A"),
                ("email", good.as_str()),
                ("password", "short"),
                ("org_name", "Org"),
            ],
            "password",
        ),
        (
            vec![
                ("display_name", "A"),
                ("email", good.as_str()),
                ("password", "correct horse battery"),
                ("org_name", "O"),
            ],
            "org_name",
        ),
        (
            vec![
                ("display_name", "A"),
                ("email", "operator@agora.test"),
                ("password", "correct horse battery"),
                ("org_name", "Org"),
            ],
            "email",
        ),
    ];
    for (form, field) in cases {
        let (status, body) = v.call("identity/sign_up", &form).await;
        field_error(status, &body, field);
    }
    // Nothing was written: the good address has no account.
    let (status, body) = v.log_in(&good, "correct horse battery").await;
    field_error(status, &body, "password");
    let (status, body) = v.log_in("", "").await;
    field_error(status, &body, "email");
    field_error(status, &body, "password");
    // A missing argument is a 400, not a 500.
    let (status, body) = v
        .call("identity/sign_up", &[("email", "x@example.com")])
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    s.finish().await;
}

#[tokio::test]
async fn team_and_vendor_profile_forms() {
    let s = Server::start().await;
    let owner = s.sign_up(&email("own"), "Forms Co").await;
    for (form, field) in [
        (vec![("email", "nope"), ("role", "member")], "email"),
        (vec![("email", "a@example.com"), ("role", "owner")], "role"),
        (vec![("email", "a@example.com"), ("role", "god")], "role"),
    ] {
        let (status, body) = owner.call("tenancy/create_invite", &form).await;
        field_error(status, &body, field);
    }
    let me = owner.ok("identity/viewer", &[]).await["email"]
        .as_str()
        .unwrap()
        .to_owned();
    let (status, body) = owner
        .call(
            "tenancy/create_invite",
            &[("email", me.as_str()), ("role", "member")],
        )
        .await;
    field_error(status, &body, "email");
    assert!(
        owner.ok("tenancy/team", &[]).await["invites"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let (status, body) = owner
        .call("tenancy/become_vendor", &[("vendor_name", " ")])
        .await;
    field_error(status, &body, "vendor_name");
    assert_eq!(
        owner.call("vendor/apps", &[]).await.0,
        StatusCode::FORBIDDEN,
        "still not a vendor"
    );
    let (status, body) = owner
        .call("tenancy/invite_preview", &[("token", "forged-token")])
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    s.finish().await;
}

async fn vendor_app_count(vendor: &Client) -> usize {
    vendor
        .ok("vendor/apps", &[])
        .await
        .as_array()
        .map(Vec::len)
        .unwrap_or(0)
}

#[tokio::test]
async fn catalog_forms() {
    let s = Server::start().await;
    let vendor = s.login(VENDOR.0, VENDOR.1).await;
    let before = vendor_app_count(&vendor).await;
    let base = [
        ("name", "Good Name"),
        ("slug", "good-slug"),
        ("summary", "A summary that is long enough."),
        ("description", "A description that is long enough."),
        ("category", "productivity"),
        ("icon_url", ""),
        ("screenshots", ""),
    ];
    let with = |k: &'static str, v: &'static str| -> Vec<(&'static str, &'static str)> {
        base.iter()
            .map(|(bk, bv)| if *bk == k { (k, v) } else { (*bk, *bv) })
            .collect()
    };
    for (form, field) in [
        (with("name", "x"), "name"),
        (with("slug", "Bad Slug!"), "slug"),
        (with("slug", "team-wiki"), "slug"),
        (with("summary", "short"), "summary"),
        (with("description", "too short"), "description"),
        (with("category", ""), "category"),
        (with("category", "no-such-category"), "category"),
        (with("icon_url", "javascript:alert(1)"), "icon_url"),
        (
            with("screenshots", "https://ok.test/a.png\nftp://bad"),
            "screenshots",
        ),
    ] {
        let (status, body) = vendor.call("vendor/create_app", &form).await;
        field_error(status, &body, field);
    }
    assert_eq!(
        vendor_app_count(&vendor).await,
        before,
        "no app was created"
    );

    let wiki = vendor.ok("vendor/app", &[("slug", "team-wiki")]).await;
    let app_id = wiki["id"].as_str().unwrap().to_owned();
    for (form, field) in [
        (
            vec![
                ("version", "one"),
                ("manifest", crate::review::MANIFEST),
                ("release_notes", ""),
            ],
            "version",
        ),
        (
            vec![
                ("version", "2.0.0"),
                ("manifest", ""),
                ("release_notes", ""),
            ],
            "manifest",
        ),
        (
            vec![
                ("version", "2.0.0"),
                ("manifest", "[run]\ncommand = \"python3\""),
                ("release_notes", ""),
            ],
            "manifest",
        ),
        (
            vec![
                ("version", "2.0.0"),
                (
                    "manifest",
                    "[run]\ncommand = \"/bin/x\"\nargs = [\"{{password}}\"]",
                ),
                ("release_notes", ""),
            ],
            "manifest",
        ),
    ] {
        let mut full = vec![("app_id", app_id.as_str())];
        full.extend(form);
        let (status, body) = vendor.call("vendor/add_version", &full).await;
        let message = field_error(status, &body, field);
        if field == "manifest" {
            assert!(!message.is_empty());
        }
    }
    for (form, field) in [
        (
            vec![("name", "X"), ("price", "5"), ("currency", "EUR")],
            "name",
        ),
        (
            vec![("name", "Pro"), ("price", "five"), ("currency", "EUR")],
            "price",
        ),
        (
            vec![("name", "Pro"), ("price", "5.999"), ("currency", "EUR")],
            "price",
        ),
        (
            vec![("name", "Pro"), ("price", "5"), ("currency", "XYZ")],
            "price",
        ),
        (
            vec![("name", "Pro"), ("price", "-5"), ("currency", "EUR")],
            "price",
        ),
    ] {
        let mut full = vec![("app_id", app_id.as_str())];
        full.extend(form);
        let (status, body) = vendor.call("vendor/add_plan", &full).await;
        field_error(status, &body, field);
    }
    let after = vendor.ok("vendor/app", &[("slug", "team-wiki")]).await;
    assert_eq!(
        after["versions"].as_array().map(Vec::len),
        Some(1),
        "no version was added"
    );
    assert_eq!(
        after["plans"].as_array().map(Vec::len),
        Some(2),
        "no plan was added"
    );
    s.finish().await;
}

#[tokio::test]
async fn malformed_ids_and_unknown_objects() {
    let s = Server::start().await;
    let tenant = s.sign_up(&email("ids"), "Ids Co").await;
    let op = s.login(OPERATOR.0, OPERATOR.1).await;
    for (c, endpoint, field) in [
        (&tenant, "billing/subscribe", "plan_id"),
        (&tenant, "billing/mark_paid", "invoice_id"),
        (&tenant, "provisioning/deployment", "id"),
        (&op, "admin/approve_version", "version_id"),
    ] {
        let (status, body) = c.call(endpoint, &[(field, "not-a-uuid")]).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{endpoint}: {body}");
        assert!(
            body["message"]
                .as_str()
                .unwrap_or_default()
                .starts_with("The request was incomplete or malformed"),
            "{body}"
        );
        let unknown = uuid::Uuid::new_v4().to_string();
        let (status, body) = c.call(endpoint, &[(field, unknown.as_str())]).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{endpoint}: {body}");
    }
    let (status, body) = tenant
        .call(
            "provisioning/act",
            &[
                ("id", uuid::Uuid::new_v4().to_string().as_str()),
                ("action", "explode"),
            ],
        )
        .await;
    field_error(status, &body, "action");
    s.finish().await;
}
