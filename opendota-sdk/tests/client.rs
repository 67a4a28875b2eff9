//! The client itself: auth, headers, every error path, retries, rate-limit headers and the
//! `get_json` / `post_json` escape hatches.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use std::time::Duration;

use opendota_sdk::{Client, Error, RateLimit, RetryConfig};
use wiremock::matchers::{header, header_exists, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "0b2a3c4d-1111-4222-8333-944445555666";

fn search_mock() -> wiremock::MockBuilder {
    Mock::given(method("GET"))
        .and(path("/api/search"))
        .and(query_param("q", "dendi"))
}

fn one_row() -> ResponseTemplate {
    ResponseTemplate::new(200)
        .set_body_string(r#"[{"account_id": 70388657, "personaname": "Dendi"}]"#)
}

#[tokio::test]
async fn key_goes_in_the_authorization_header_never_the_url() {
    let server = MockServer::start().await;
    search_mock()
        .and(header("authorization", format!("Bearer {KEY}").as_str()))
        .and(header("accept", "application/json"))
        .and(header_exists("user-agent"))
        .respond_with(one_row())
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    let client = Client::builder()
        .base_url(format!("{}/api", server.uri()))
        .api_key(KEY)
        .rate_limit(RateLimit::Disabled)
        .build()
        .unwrap();

    let rows = client.search("dendi").await.unwrap();
    assert_eq!(rows[0].personaname.as_deref(), Some("Dendi"));
    let requests = server.received_requests().await.unwrap();
    assert!(
        !requests[0].url.as_str().contains(KEY),
        "{}",
        requests[0].url
    );
    assert!(!requests[0].url.as_str().contains("api_key"));
    let ua = requests[0]
        .headers
        .get("user-agent")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(ua.starts_with("opendota-sdk/"), "{ua}");
}

#[tokio::test]
async fn no_key_sends_no_authorization() {
    let server = MockServer::start().await;
    search_mock()
        .respond_with(one_row())
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    common::client(&server).search("dendi").await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert!(requests[0].headers.get("authorization").is_none());
}

#[tokio::test]
async fn not_found_is_its_own_variant() {
    let server = MockServer::start().await;
    search_mock()
        .respond_with(ResponseTemplate::new(404).set_body_string(r#"{"error":"Not Found"}"#))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    let err = common::client(&server).search("dendi").await.unwrap_err();
    assert!(
        matches!(&err, Error::NotFound { path } if path == "/api/search"),
        "{err:?}"
    );
    assert!(!err.is_retryable());
}

#[tokio::test]
async fn other_4xx_keeps_status_message_and_body_and_is_not_retried() {
    let server = MockServer::start().await;
    search_mock()
        .respond_with(
            ResponseTemplate::new(400).set_body_string(r#"{"error":"q is not a string"}"#),
        )
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    let err = common::client(&server).search("dendi").await.unwrap_err();
    match &err {
        Error::Api {
            status,
            message,
            body,
        } => {
            assert_eq!(status.as_u16(), 400);
            assert_eq!(message.as_deref(), Some("q is not a string"));
            assert!(body.contains("q is not a string"));
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
}

#[tokio::test]
async fn a_disabled_or_malformed_key_is_a_typed_error_and_not_retried() {
    let disabled = "API key invalid. Please check the API dashboard or email support@opendota.com.";
    for message in [disabled, "Invalid API key format"] {
        let server = MockServer::start().await;
        search_mock()
            .respond_with(
                ResponseTemplate::new(400)
                    .insert_header("content-type", "application/json; charset=utf-8")
                    .set_body_json(serde_json::json!({ "error": message })),
            )
            .expect(1)
            .mount(&server)
            .await;
        common::mount_catch_all(&server).await;
        let err = common::client(&server).search("dendi").await.unwrap_err();
        match &err {
            Error::ApiKeyRejected { message: got } => assert_eq!(got, message),
            other => panic!("unexpected {other:?}"),
        }
        assert!(!err.is_retryable());
        assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
        assert_eq!(
            err.to_string(),
            format!("OpenDota rejected the API key: {message}")
        );
    }
}

#[tokio::test]
async fn minute_rate_limit_is_retried_with_backoff_then_succeeds() {
    let server = MockServer::start().await;
    search_mock()
        .respond_with(
            ResponseTemplate::new(429).set_body_string(r#"{"error":"minute rate limit exceeded"}"#),
        )
        .up_to_n_times(2)
        .expect(2)
        .mount(&server)
        .await;
    search_mock()
        .respond_with(one_row())
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    let rows = common::client(&server).search("dendi").await.unwrap();
    assert_eq!(rows.len(), 1);
}

#[tokio::test]
async fn minute_rate_limit_gives_up_after_the_configured_retries() {
    let server = MockServer::start().await;
    search_mock()
        .respond_with(
            ResponseTemplate::new(429).set_body_string(r#"{"error":"minute rate limit exceeded"}"#),
        )
        .expect(3)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    let err = common::client(&server).search("dendi").await.unwrap_err();
    assert!(
        matches!(err, Error::RateLimited { daily: false, .. }),
        "{err:?}"
    );
    assert!(err.is_retryable());
}

#[tokio::test]
async fn daily_rate_limit_is_distinct_and_never_retried() {
    let server = MockServer::start().await;
    search_mock()
        .respond_with(
            ResponseTemplate::new(429).set_body_string(r#"{"error":"daily api limit exceeded"}"#),
        )
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    let err = common::client(&server).search("dendi").await.unwrap_err();
    match &err {
        Error::RateLimited { daily, message } => {
            assert!(*daily);
            assert_eq!(message, "daily api limit exceeded");
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(!err.is_retryable());
}

#[tokio::test]
async fn server_error_is_retried_then_succeeds() {
    let server = MockServer::start().await;
    search_mock()
        .respond_with(
            ResponseTemplate::new(500).set_body_string(r#"{"error":"Internal Server Error"}"#),
        )
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    search_mock()
        .respond_with(one_row())
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    assert_eq!(
        common::client(&server).search("dendi").await.unwrap().len(),
        1
    );
}

#[tokio::test]
async fn html_bad_gateway_becomes_api_error_with_the_raw_body() {
    let server = MockServer::start().await;
    let html = "<html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>";
    search_mock()
        .respond_with(
            ResponseTemplate::new(502)
                .insert_header("content-type", "text/html")
                .set_body_string(html),
        )
        .expect(3)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    let err = common::client(&server).search("dendi").await.unwrap_err();
    match &err {
        Error::Api {
            status,
            message,
            body,
        } => {
            assert_eq!(status.as_u16(), 502);
            assert!(message.is_none(), "HTML has no API message");
            assert_eq!(body, html);
        }
        other => panic!("an HTML 502 must not be a decode error: {other:?}"),
    }
    assert!(err.is_retryable());
}

#[tokio::test]
async fn timeout_is_a_transport_error_and_retryable() {
    let server = MockServer::start().await;
    search_mock()
        .respond_with(one_row().set_delay(Duration::from_secs(2)))
        .expect(2)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    let client = Client::builder()
        .base_url(format!("{}/api", server.uri()))
        .rate_limit(RateLimit::Disabled)
        .timeout(Duration::from_millis(100))
        .retry(RetryConfig::new(
            1,
            Duration::from_millis(1),
            Duration::from_millis(1),
        ))
        .build()
        .unwrap();
    let err = client.search("dendi").await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(matches!(err, Error::Transport(_)));
    assert!(err.is_retryable());
}

#[tokio::test]
async fn connection_refused_is_a_transport_error() {
    // A port that was free a moment ago and has no listener now (wiremock pools its servers, so
    // dropping one does not close its port).
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = Client::builder()
        .base_url(format!("http://127.0.0.1:{port}/api"))
        .rate_limit(RateLimit::Disabled)
        .retry(RetryConfig::disabled())
        .build()
        .unwrap();
    let err = client.search("dendi").await.unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert!(err.is_retryable());
}

#[tokio::test]
async fn a_body_that_does_not_parse_names_the_json_path() {
    let server = MockServer::start().await;
    search_mock()
        .respond_with(ResponseTemplate::new(200).set_body_string(
            r#"[{"account_id": 1}, {"account_id": "not a number", "personaname": "x"}]"#,
        ))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    let err = common::client(&server).search("dendi").await.unwrap_err();
    match &err {
        Error::Decode { path, body, .. } => {
            assert_eq!(path, "[1].account_id");
            assert!(body.contains("not a number"));
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(!err.is_retryable());
    assert!(err.to_string().contains("[1].account_id"), "{err}");
}

#[tokio::test]
async fn truncated_json_is_a_decode_error() {
    let server = MockServer::start().await;
    search_mock()
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"[{"account_id": 1"#))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    let err = common::client(&server).search("dendi").await.unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
}

#[tokio::test]
async fn remaining_limits_are_read_from_every_response() {
    let server = MockServer::start().await;
    search_mock()
        .respond_with(
            one_row()
                .insert_header("X-Rate-Limit-Remaining-Minute", "-2")
                .insert_header("X-Rate-Limit-Remaining-Day", "2711"),
        )
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    let client = common::client(&server);
    assert_eq!(client.rate_limit_status().remaining_minute, None);
    client.search("dendi").await.unwrap();
    let status = client.clone().rate_limit_status();
    assert_eq!(status.remaining_minute, Some(-2));
    assert_eq!(status.remaining_day, Some(2711));
}

#[tokio::test]
async fn get_json_reuses_auth_and_sends_arrays_as_repeated_keys() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/players/1/matches"))
        .and(header("authorization", format!("Bearer {KEY}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"[{"match_id": 5}]"#))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    let client = Client::builder()
        .base_url(format!("{}/api/", server.uri()))
        .api_key(KEY)
        .rate_limit(RateLimit::Disabled)
        .build()
        .unwrap();
    let rows: serde_json::Value = client
        .get_json(
            "/players/1/matches",
            &[("project", "kills"), ("project", "hero_id"), ("limit", "5")],
        )
        .await
        .unwrap();
    assert_eq!(rows[0]["match_id"], 5);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        requests[0].url.query(),
        Some("project=kills&project=hero_id&limit=5")
    );
}

#[tokio::test]
async fn get_json_maps_errors_like_the_typed_methods() {
    let server = MockServer::start().await;
    common::mount_catch_all(&server).await;
    let err = common::client(&server)
        .get_json::<serde_json::Value, _>("/nope", &())
        .await
        .unwrap_err();
    match err {
        Error::Api { status, body, .. } => {
            assert_eq!(status.as_u16(), 500);
            assert!(body.contains("no mock for GET"), "{body}");
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn post_json_is_never_retried() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/players/1/refresh"))
        .respond_with(ResponseTemplate::new(503).set_body_string("busy"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    let err = common::client(&server)
        .post_json::<serde_json::Value, _>("/players/1/refresh", &())
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
}

#[tokio::test]
async fn proactive_limiter_lets_a_burst_through_without_waiting() {
    let server = MockServer::start().await;
    search_mock()
        .respond_with(one_row())
        .expect(5)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    let client = Client::builder()
        .base_url(format!("{}/api", server.uri()))
        .per_minute(5)
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    for _ in 0..5 {
        client.search("dendi").await.unwrap();
    }
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "a burst of 5 fits a 5/min quota"
    );
}

#[test]
fn try_new_builds_the_documented_defaults_without_a_key() {
    let client = Client::try_new().unwrap();
    assert_eq!(client.base_url().as_str(), "https://api.opendota.com/api");
    assert!(!client.has_api_key());
    let debug = format!("{client:?}");
    assert!(debug.contains("timeout: 15s"), "{debug}");
    assert!(debug.contains("rate_limited: true"), "{debug}");
}
