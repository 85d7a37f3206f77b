//! Server-rendered pages and forms posted without JavaScript.

use reqwest::StatusCode;

use crate::harness::{Server, email};

#[tokio::test]
async fn store_pages_are_rendered_on_the_server() {
    let s = Server::start().await;
    let v = s.visitor();
    let (status, headers, home) = v.get("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers.get("x-request-id").is_some());
    assert_eq!(headers.get("x-frame-options").unwrap(), "DENY");
    for text in ["Featured", "Team Wiki", "Productivity", "--agora-brand"] {
        assert!(home.contains(text), "home lacks {text}");
    }
    let (status, _, page) = v.get("/apps/team-wiki").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("<h2>Your team&#x27;s memory</h2>")
            || page.contains("<h2>Your team's memory</h2>"),
        "rendered Markdown"
    );
    assert!(page.contains("19.00 EUR"));
    let (status, _, page) = v.get("/category/operations").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Status Board") && !page.contains("Team Wiki"));
    let (status, _, page) = v.get("/search?q=privacy").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Metrics Lite"));
    let (status, _, _) = v.get("/apps/no-such-app").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = v.get("/no/such/page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    s.finish().await;
}

#[tokio::test]
async fn member_pages_send_visitors_to_login() {
    let s = Server::start().await;
    let v = s.visitor();
    for path in [
        "/dashboard",
        "/billing",
        "/team",
        "/vendor",
        "/admin",
        "/vendor/apps/new",
    ] {
        let (status, headers, _) = v.get(path).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{path}");
        let location = headers.get("location").unwrap().to_str().unwrap();
        assert_eq!(
            location,
            format!("/login?next={}", urlencoding::encode(path)),
            "{path}"
        );
    }
    let tenant = s.sign_up(&email("pages"), "Pages Co").await;
    let (status, _, page) = tenant.get("/dashboard").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Nothing deployed yet"));
    let (status, _, _) = tenant.get("/admin").await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "non-operators get a 403 page"
    );
    s.finish().await;
}

#[tokio::test]
async fn forms_without_javascript_redirect_back_with_errors_and_typed_values() {
    let s = Server::start().await;
    let v = s.visitor();
    let res = v
        .http
        .post(format!("{}/api/identity/sign_up", s.base))
        .header("Accept", "text/html,application/xhtml+xml")
        .header("Referer", format!("{}/signup", s.base))
        .form(&[
            ("display_name", "Nojs"),
            ("email", "broken"),
            ("password", "secret-but-short"),
            ("org_name", "Nojs Co"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let location = res
        .headers()
        .get("location")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(location.starts_with("/signup?"), "{location}");
    assert!(
        !location.contains("secret-but-short"),
        "passwords never travel back"
    );
    let (status, _, page) = v.get(&location).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("Enter an email address like name@example.com."),
        "error next to the field"
    );
    assert!(page.contains(r#"value="Nojs Co""#), "typed values are kept");
    assert!(page.contains(r#"value="broken""#));

    // A correct form logs in and lands on the dashboard.
    let addr = email("nojs");
    let res = v
        .http
        .post(format!("{}/api/identity/sign_up", s.base))
        .header("Accept", "text/html")
        .header("Referer", format!("{}/signup", s.base))
        .form(&[
            ("display_name", "Nojs"),
            ("email", addr.as_str()),
            ("password", "correct horse battery"),
            ("org_name", "Nojs Co"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers().get("location").unwrap(), "/dashboard");
    assert!(res.headers().get("set-cookie").is_some());
    let (status, _, page) = v.get("/dashboard").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Nojs Co"));
    s.finish().await;
}
