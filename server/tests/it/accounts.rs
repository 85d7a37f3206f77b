//! Sign-up, login, logout, sessions, throttling, CSRF, invitations and switching organisations.

use reqwest::StatusCode;

use crate::harness::{Server, email, sign_up_form, token_of};

#[tokio::test]
async fn health_and_readiness_answer() {
    let s = Server::start().await;
    let c = s.visitor();
    let (status, _, body) = c.get("/healthz").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("ok"));
    let (status, _, body) = c.get("/readyz").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("ready"));
    s.finish().await;
}

#[tokio::test]
async fn sign_up_opens_a_session_with_a_safe_cookie_and_logout_ends_it() {
    let s = Server::start().await;
    let c = s.visitor();
    let addr = email("ann");
    let res = c
        .http
        .post(format!("{}/api/identity/sign_up", s.base))
        .form(&[
            ("display_name", "Ann"),
            ("email", addr.as_str()),
            ("password", "correct horse battery"),
            ("org_name", "Ann Co"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let cookie = res
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    for attr in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(attr), "{attr} missing from {cookie}");
    }
    let viewer = c.ok("identity/viewer", &[]).await;
    assert_eq!(viewer["email"], addr.as_str());
    assert_eq!(viewer["active"]["tenant_name"], "Ann Co");
    assert_eq!(viewer["active"]["role"], "owner");

    // The same cookie, replayed after logout, is worthless.
    let token = cookie.split(';').next().unwrap().to_owned();
    c.ok("identity/log_out", &[]).await;
    let replay = reqwest::Client::new()
        .post(format!("{}/api/identity/viewer", s.base))
        .header("Cookie", token)
        .send()
        .await
        .unwrap();
    assert_eq!(replay.text().await.unwrap(), "null");
    assert_eq!(c.ok("identity/viewer", &[]).await, serde_json::Value::Null);

    // Logging in again works; a wrong password does not.
    let again = s.login(&addr, "correct horse battery").await;
    assert_eq!(
        again.ok("identity/viewer", &[]).await["email"],
        addr.as_str()
    );
    let (status, body) = s.visitor().log_in(&addr, "wrong password").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.to_string().contains("do not match"), "{body}");
    s.finish().await;
}

#[tokio::test]
async fn repeated_failed_logins_are_throttled() {
    let s = Server::start_with(&[("AGORA_LOGIN_MAX_FAILURES", "3")]).await;
    let addr = email("tom");
    s.sign_up(&addr, "Tom Co").await;
    let c = s.visitor();
    for _ in 0..3 {
        let (status, _) = c.log_in(&addr, "nope nope nope").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    // Locked now, even with the right password.
    let res = c
        .http
        .post(format!("{}/api/identity/log_in", s.base))
        .form(&[
            ("email", addr.as_str()),
            ("password", "correct horse battery"),
            ("next", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_throttled(res, "Too many failed attempts").await;
    s.finish().await;
}

#[tokio::test]
async fn a_burst_of_sign_ups_from_one_address_is_refused_and_writes_nothing() {
    let s = Server::start_with(&[("AGORA_SIGNUPS_PER_HOUR", "2")]).await;
    let first = email("burst");
    s.sign_up(&first, "Burst One").await;
    // A second attempt counts even when the e-mail is taken: it would tell that it is.
    let (status, _) = s
        .visitor()
        .call("identity/sign_up", &sign_up_form(&first, "Burst Two"))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let third = email("burst3");
    let res = s
        .visitor()
        .http
        .post(format!("{}/api/identity/sign_up", s.base))
        .form(&sign_up_form(&third, "Burst Three"))
        .send()
        .await
        .unwrap();
    assert_throttled(res, "Too many new accounts").await;
    let (status, body) = s.visitor().log_in(&third, "correct horse battery").await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "no account: {body}"
    );
    s.finish().await;
}

#[tokio::test]
async fn cross_site_requests_are_refused() {
    let s = Server::start().await;
    let addr = email("csrf");
    let c = s.sign_up(&addr, "Csrf Co").await;
    for (header, value) in [
        ("Origin", "https://evil.test"),
        ("Sec-Fetch-Site", "cross-site"),
        ("Origin", "null"),
    ] {
        let res = c
            .http
            .post(format!("{}/api/tenancy/create_invite", s.base))
            .header(header, value)
            .form(&[("email", "x@example.com"), ("role", "member")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{header}: {value}");
        assert!(res.text().await.unwrap().contains("another site"));
    }
    // Nothing was created.
    let team = c.ok("tenancy/team", &[]).await;
    assert_eq!(team["invites"].as_array().map(Vec::len), Some(0));
    // The same request from our own origin works.
    let res = c
        .http
        .post(format!("{}/api/tenancy/create_invite", s.base))
        .header("Origin", s.base.as_str())
        .header("Sec-Fetch-Site", "same-origin")
        .form(&[("email", "x@example.com"), ("role", "member")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    s.finish().await;
}

#[tokio::test]
async fn invitations_add_members_who_can_switch_organisations() {
    let s = Server::start().await;
    let owner = s.sign_up(&email("owner"), "Inviting Co").await;
    let invited = email("invited");
    let created = owner
        .ok(
            "tenancy/create_invite",
            &[("email", invited.as_str()), ("role", "member")],
        )
        .await;
    let url = created["url"].as_str().unwrap().to_owned();
    assert!(url.starts_with(&format!("{}/invite/", s.base)), "{url}");
    let token = url.rsplit('/').next().unwrap().to_owned();

    // Anyone with the link can see what it offers.
    let preview = s
        .visitor()
        .ok("tenancy/invite_preview", &[("token", token.as_str())])
        .await;
    assert_eq!(preview["tenant_name"], "Inviting Co");
    assert_eq!(preview["role"], "member");

    // Someone else cannot use it.
    let stranger = s.sign_up(&email("stranger"), "Stranger Co").await;
    let (status, body) = stranger
        .call("tenancy/accept_invite", &[("token", token.as_str())])
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");

    // The invited person can, once.
    let member = s.sign_up(&invited, "Member's Own Co").await;
    member
        .ok("tenancy/accept_invite", &[("token", token.as_str())])
        .await;
    let viewer = member.ok("identity/viewer", &[]).await;
    assert_eq!(viewer["active"]["tenant_name"], "Inviting Co");
    assert_eq!(viewer["active"]["role"], "member");
    assert_eq!(viewer["memberships"].as_array().map(Vec::len), Some(2));
    let (status, _) = member
        .call("tenancy/accept_invite", &[("token", token.as_str())])
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Members may look but not manage.
    let team = member.ok("tenancy/team", &[]).await;
    assert_eq!(team["members"].as_array().map(Vec::len), Some(2));
    assert_eq!(team["can_manage"], false);
    let (status, _) = member
        .call(
            "tenancy/create_invite",
            &[("email", "z@example.com"), ("role", "member")],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // Switching back to their own organisation.
    let own = viewer["memberships"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["tenant_name"] == "Member's Own Co")
        .unwrap()["tenant_id"]
        .as_str()
        .unwrap()
        .to_owned();
    member
        .ok("identity/switch_tenant", &[("tenant_id", own.as_str())])
        .await;
    assert_eq!(
        member.ok("identity/viewer", &[]).await["active"]["role"],
        "owner"
    );
    // …but not to an organisation they do not belong to.
    let stranger_tenant = stranger.ok("identity/viewer", &[]).await["active"]["tenant_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (status, _) = member
        .call(
            "identity/switch_tenant",
            &[("tenant_id", stranger_tenant.as_str())],
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Revoked invitations stop working.
    let again = owner
        .ok(
            "tenancy/create_invite",
            &[("email", "later@example.com"), ("role", "admin")],
        )
        .await;
    let token2 = token_of(&again);
    let invite_id = owner.ok("tenancy/team", &[]).await["invites"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    owner
        .ok(
            "tenancy/revoke_invite",
            &[("invite_id", invite_id.as_str())],
        )
        .await;
    let (status, _) = s
        .visitor()
        .call("tenancy/invite_preview", &[("token", token2.as_str())])
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    s.finish().await;
}

/// Asserts a 429 that says why and when to come back.
async fn assert_throttled(res: reqwest::Response, why: &str) {
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(res.headers().get("retry-after").is_some());
    let body = res.text().await.unwrap();
    assert!(body.contains(why), "{body}");
}
