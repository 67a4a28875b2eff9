//! The raw escape hatch, `Client::get_json` and `Client::post_json`: credentials, path, query and
//! body pinned on the wire, and every error class mapped as for the typed calls.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use common::{PSID, graph, graph_query, json_fixture};
use messenger_sdk::{Error, GraphErrorKind};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use wiremock::matchers::body_json;
use wiremock::{MockBuilder, MockServer, ResponseTemplate};

/// A type this crate does not have: what a caller of the escape hatch brings.
#[derive(Debug, PartialEq, Deserialize)]
struct Labels {
    data: Vec<Label>,
}

#[derive(Debug, PartialEq, Deserialize)]
struct Label {
    id: String,
    page_label_name: String,
}

#[derive(Serialize)]
struct Paging {
    limit: u32,
    after: Option<&'static str>,
}

#[tokio::test]
async fn get_json_reaches_a_node_with_the_credentials_and_the_query() {
    let server = MockServer::start().await;
    graph_query(
        "GET",
        &format!("/{PSID}"),
        &[("fields", "first_name,last_name")],
    )
    .respond_with(json_fixture(200, "user_profile__default"))
    .expect(1)
    .mount(&server)
    .await;
    common::mount_catch_all(&server).await;

    let profile: Value = common::client(&server)
        .get_json(PSID, &[("fields", "first_name,last_name")])
        .await
        .unwrap();

    assert_eq!(
        profile,
        json!({
            "first_name": "Ana",
            "last_name": "Lund",
            "profile_pic": "https://platform-lookaside.fbsbx.com/platform/profilepic/?psid=7000000000000001&width=1024&ext=1769817600&hash=AbC",
            "id": "7000000000000001"
        })
    );
}

#[tokio::test]
async fn get_json_keeps_the_query_in_the_path_and_encodes_a_struct() {
    let server = MockServer::start().await;
    graph_query(
        "GET",
        "/me/custom_labels",
        &[("fields", "page_label_name"), ("limit", "2")],
    )
    .respond_with(
        ResponseTemplate::new(200)
            .set_body_string(r#"{"data":[{"id":"1800000000000001","page_label_name":"vip"}]}"#),
    )
    .expect(1)
    .mount(&server)
    .await;
    common::mount_catch_all(&server).await;

    let labels: Labels = common::client(&server)
        .get_json(
            "/me/custom_labels?fields=page_label_name",
            &Paging {
                limit: 2,
                after: None,
            },
        )
        .await
        .unwrap();

    assert_eq!(
        labels,
        Labels {
            data: vec![Label {
                id: "1800000000000001".to_owned(),
                page_label_name: "vip".to_owned(),
            }],
        }
    );
}

/// The mock of `POST /me/custom_labels` with the body `{"page_label_name": "vip"}` pinned.
fn post_vip_label() -> MockBuilder {
    graph("POST", "/me/custom_labels").and(body_json(json!({"page_label_name": "vip"})))
}

fn label_created() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_string(r#"{"id":"1800000000000001"}"#)
}

/// Posts the vip label through the escape hatch and checks the decoded answer.
async fn post_vip_label_through(server: &MockServer) {
    let created: Value = common::client(server)
        .post_json("me/custom_labels", &json!({"page_label_name": "vip"}))
        .await
        .unwrap();
    assert_eq!(created, json!({"id": "1800000000000001"}));
}

#[tokio::test]
async fn post_json_sends_the_body_as_json() {
    let server = MockServer::start().await;
    post_vip_label()
        .respond_with(label_created())
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    post_vip_label_through(&server).await;

    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        requests[0].headers.get("content-type").unwrap(),
        "application/json"
    );
}

#[tokio::test]
async fn post_json_is_retried_only_when_the_call_was_not_accepted() {
    let server = MockServer::start().await;
    post_vip_label()
        .respond_with(json_fixture(400, "graph__rate_limited"))
        .up_to_n_times(1)
        .with_priority(1)
        .expect(1)
        .mount(&server)
        .await;
    post_vip_label()
        .respond_with(label_created())
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    post_vip_label_through(&server).await;

    assert_eq!(common::received(&server).await, 2);
}

/// One GET of `/me/custom_labels` answered with `answer`, expected exactly once.
async fn get_labels_against(answer: ResponseTemplate) -> Error {
    let server = MockServer::start().await;
    graph("GET", "/me/custom_labels")
        .respond_with(answer)
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    common::client(&server)
        .get_json::<Labels, _>("me/custom_labels", &[] as &[(&str, &str)])
        .await
        .unwrap_err()
}

#[tokio::test]
async fn a_graph_error_body_is_typed_and_not_retried() {
    let err = get_labels_against(json_fixture(400, "graph__invalid_token")).await;

    let Error::Graph {
        status,
        kind,
        error,
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(status.as_u16(), 400);
    assert_eq!(*kind, GraphErrorKind::InvalidToken);
    assert_eq!((error.code, error.error_subcode), (Some(190), Some(463)));
    assert_eq!(error.fbtrace_id.as_deref(), Some("AxTkn0Exp1r3d"));
    let text = format!("{err} {err:?}");
    assert!(!text.contains(common::PAGE_TOKEN), "{text}");
}

#[tokio::test]
async fn an_html_5xx_is_an_api_error_with_the_raw_text() {
    let page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    let err = get_labels_against(
        ResponseTemplate::new(502)
            .insert_header("content-type", "text/html")
            .set_body_string(page),
    )
    .await;

    let Error::Api { status, body } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(status.as_u16(), 502);
    assert_eq!(body, page);
}

#[tokio::test]
async fn a_success_that_does_not_fit_is_a_decode_error_with_the_path() {
    let err = get_labels_against(
        ResponseTemplate::new(200)
            .set_body_string(r#"{"data":[{"id":18,"page_label_name":"vip"}]}"#),
    )
    .await;

    let Error::Decode { path, body, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(path, "data[0].id");
    assert_eq!(body, r#"{"data":[{"id":18,"page_label_name":"vip"}]}"#);

    let err =
        get_labels_against(ResponseTemplate::new(200).set_body_string("<html>ok</html>")).await;
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
}

#[tokio::test]
async fn a_path_outside_the_version_is_refused_before_sending() {
    let server = MockServer::start().await;
    common::mount_catch_all(&server).await;
    let client = common::client(&server);

    for path in ["", "/", "../v1.0/me", "me/./messages"] {
        let err = client
            .get_json::<Value, _>(path, &[] as &[(&str, &str)])
            .await
            .unwrap_err();
        assert!(matches!(err, Error::InvalidInput(_)), "{path:?}: {err:?}");
    }
    assert_eq!(common::received(&server).await, 0);
}
