#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]
//! Graph batch requests against a mock Graph API.

mod common;

use common::{
    PAGE_TOKEN, client_without_retries as client, expected_proof as proof, fixture, graph,
    json_fixture,
};
use messenger_sdk::models::batch::{BatchMethod, BatchRequest, BatchResponse};
use messenger_sdk::models::user_profile::UserProfile;
use messenger_sdk::{Client, Error, GraphErrorKind};
use serde_json::{Value, json};
use wiremock::matchers::{any, body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ROOT: &str = "/";
const MIXED: &str = "batch__mixed";

fn send_body(psid: &str, text: &str) -> Value {
    json!({"message": {"text": text}, "messaging_type": "RESPONSE", "recipient": {"id": psid}})
}

/// The form body Graph expects for [`send_body`]: keys in order, objects as JSON, URL-encoded.
fn encoded(psid: &str, text: &str) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .append_pair("message", &json!({"text": text}).to_string())
        .append_pair("messaging_type", "RESPONSE")
        .append_pair("recipient", &json!({"id": psid}).to_string())
        .finish()
}

fn four_calls() -> Vec<BatchRequest> {
    vec![
        BatchRequest::post("me/messages", send_body("7000000000000001", "gg wp 🔥")),
        BatchRequest::post("/me/messages", send_body("7000000000000002", "100% & <b>")),
        BatchRequest::delete("me/messenger_profile?fields=[\"greeting\"]"),
        BatchRequest::get("7000000000000001?fields=first_name").name("profile"),
    ]
}

#[tokio::test]
async fn batch_with_appsecret_proof_on_every_call() {
    let server = MockServer::start().await;
    let proof = proof();
    graph("POST", ROOT)
        .and(body_json(json!({
            "batch": [
                {"method": "POST", "relative_url": format!("me/messages?appsecret_proof={proof}"), "body": encoded("7000000000000001", "gg wp 🔥")},
                {"method": "POST", "relative_url": format!("me/messages?appsecret_proof={proof}"), "body": encoded("7000000000000002", "100% & <b>")},
                {"method": "DELETE", "relative_url": format!("me/messenger_profile?fields=[\"greeting\"]&appsecret_proof={proof}")},
                {"method": "GET", "relative_url": format!("7000000000000001?fields=first_name&appsecret_proof={proof}"), "name": "profile"}
            ],
            "include_headers": false
        })))
        .respond_with(json_fixture(200, MIXED))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let answers = client(&server).batch(&four_calls()).await.unwrap();
    assert_eq!(answers.len(), 4);

    let sent = answers[0].as_ref().unwrap();
    assert!(sent.is_success());
    assert!(sent.error().is_none());
    let sent: Value = sent.body_json().unwrap();
    assert_eq!(sent["message_id"], "m_BATCH1");

    let refused = answers[1].as_ref().unwrap();
    assert_eq!(refused.code, 400);
    assert_eq!(refused.headers.as_ref().unwrap()[0].name, "Content-Type");
    let err = refused.body_json::<Value>().unwrap_err();
    assert_eq!(err.graph_kind(), Some(GraphErrorKind::OutsideWindow));
    match err {
        Error::Graph { status, error, .. } => {
            assert_eq!(status.as_u16(), 400);
            assert_eq!(error.error_subcode, Some(2_018_278));
        }
        other => panic!("expected a Graph error, got {other:?}"),
    }

    assert!(answers[2].is_none(), "a call that was not run answers null");

    let profile: UserProfile = answers[3].as_ref().unwrap().body_json().unwrap();
    assert_eq!(profile.first_name.as_deref(), Some("Ana"));
}

#[tokio::test]
async fn batch_without_app_secret_leaves_urls_alone() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("/v25.0{ROOT}")))
        .and(common::token_query(&[]))
        .and(body_json(json!({
            "batch": [{"method": "GET", "relative_url": "7000000000000001?fields=first_name"}],
            "include_headers": false
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!([{"code": 200, "body": "{\"first_name\":\"Ana\",\"id\":\"7000000000000001\"}"}]),
        ))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let client = Client::builder()
        .page_access_token(PAGE_TOKEN)
        .graph_url(server.uri())
        .build()
        .unwrap();
    let answers = client
        .batch(&[BatchRequest::get("7000000000000001?fields=first_name")])
        .await
        .unwrap();
    let profile: UserProfile = answers[0].as_ref().unwrap().body_json().unwrap();
    assert_eq!(profile.id.as_str(), "7000000000000001");
}

#[tokio::test]
async fn an_existing_proof_is_not_added_twice() {
    let server = MockServer::start().await;
    graph("POST", ROOT)
        .and(body_json(json!({
            "batch": [{"method": "GET", "relative_url": "me?fields=id&appsecret_proof=given"}],
            "include_headers": false
        })))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!([{"code": 200, "body": "{\"id\":\"104000000000001\"}"}])),
        )
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let answers = client(&server)
        .batch(&[BatchRequest::get("me?fields=id&appsecret_proof=given")])
        .await
        .unwrap();
    assert!(answers[0].as_ref().unwrap().is_success());
}

#[tokio::test]
async fn a_refused_batch_is_an_error() {
    let server = MockServer::start().await;
    graph("POST", ROOT)
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "error": {"message": "(#613) Calls to this api have exceeded the rate limit.", "type": "OAuthException", "code": 613, "fbtrace_id": "Bq9x1Zy2W3v"}
        })))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let err = client(&server).batch(&four_calls()).await.unwrap_err();
    assert_eq!(err.graph_kind(), Some(GraphErrorKind::RateLimited));
    assert!(err.is_retryable());
}

#[tokio::test]
async fn limits_are_checked_before_sending() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(500))
        .expect(0)
        .mount(&server)
        .await;
    let client = client(&server);

    let calls: Vec<BatchRequest> = (0..51)
        .map(|i| BatchRequest::get(format!("70000000000000{i:02}")))
        .collect();
    match client.batch(&calls).await.unwrap_err() {
        Error::Limit(limit) => {
            assert_eq!(limit.field, "batch");
            assert_eq!(limit.limit, 50);
            assert_eq!(limit.actual, 51);
        }
        other => panic!("expected a limit error, got {other:?}"),
    }
    assert!(
        client.batch(&[]).await.unwrap().is_empty(),
        "an empty batch sends nothing"
    );
    let err = client
        .batch(&[BatchRequest::get("me"), BatchRequest::get(" ")])
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::InvalidInput(ref m) if m.contains("batch[1]")),
        "{err:?}"
    );
}

#[tokio::test]
async fn fifty_calls_are_allowed() {
    let server = MockServer::start().await;
    let calls: Vec<BatchRequest> = (0..50)
        .map(|i| BatchRequest::get(format!("70000000000000{i:02}?fields=name")))
        .collect();
    let proof = proof();
    let expected: Vec<Value> = (0..50)
        .map(|i| json!({"method": "GET", "relative_url": format!("70000000000000{i:02}?fields=name&appsecret_proof={proof}")}))
        .collect();
    graph("POST", ROOT)
        .and(body_json(
            json!({"batch": expected, "include_headers": false}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(vec![Value::Null; 50]))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let answers = client(&server).batch(&calls).await.unwrap();
    assert_eq!(answers.len(), 50);
    assert!(answers.iter().all(Option::is_none));
}

#[test]
fn bodies_are_form_encoded_like_graph_wants() {
    let call = BatchRequest::post(
        "me/messages",
        json!({"recipient": {"id": "7000000000000001"}, "message": {"text": "gg wp 🔥 & 100%"}, "notification_type": null, "retries": 2, "silent": true}),
    );
    assert_eq!(call.method, BatchMethod::Post);
    let fields: Vec<(String, String)> =
        url::form_urlencoded::parse(call.body.as_deref().unwrap().as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
    let mut fields = fields;
    fields.sort();
    assert_eq!(
        fields,
        vec![
            (
                "message".to_owned(),
                r#"{"text":"gg wp 🔥 & 100%"}"#.to_owned()
            ),
            (
                "recipient".to_owned(),
                r#"{"id":"7000000000000001"}"#.to_owned()
            ),
            ("retries".to_owned(), "2".to_owned()),
            ("silent".to_owned(), "true".to_owned()),
        ],
        "null fields are left out, the rest round-trips through the form encoding"
    );
    let raw = BatchRequest::post_form("me/messages", "recipient=%7B%22id%22%3A%221%22%7D");
    assert_eq!(
        raw.body.as_deref(),
        Some("recipient=%7B%22id%22%3A%221%22%7D")
    );
}

#[test]
fn payloads_round_trip() {
    for call in four_calls() {
        let json = serde_json::to_value(&call).unwrap();
        assert!(
            json.get("relative_url")
                .unwrap()
                .as_str()
                .unwrap()
                .starts_with(|c: char| c != '/')
        );
        assert_eq!(serde_json::from_value::<BatchRequest>(json).unwrap(), call);
    }
    assert_eq!(
        serde_json::to_value(BatchMethod::Delete).unwrap(),
        json!("DELETE")
    );
    let answers: Vec<Option<BatchResponse>> = serde_json::from_str(&fixture(MIXED)).unwrap();
    let again: Vec<Option<BatchResponse>> =
        serde_json::from_value(serde_json::to_value(&answers).unwrap()).unwrap();
    assert_eq!(answers, again);
}
