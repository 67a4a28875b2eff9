#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]
//! The User Profile API against a mock Graph API.

mod common;

use common::{PAGE_TOKEN, client_without_retries as client, fixture, graph_query, json_fixture};
use messenger_sdk::models::user_profile::{UserProfile, UserProfileField};
use messenger_sdk::{Client, Error, GraphErrorKind};
use serde_json::{Value, json};
use wiremock::matchers::{any, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const DEFAULT_PROFILE: &str = "user_profile__default";
const FULL_PROFILE: &str = "user_profile__all_fields";

async fn server() -> MockServer {
    MockServer::start().await
}

#[tokio::test]
async fn default_fields() {
    let server = server().await;
    graph_query(
        "GET",
        "/7000000000000001",
        &[("fields", "first_name,last_name,profile_pic")],
    )
    .respond_with(json_fixture(200, DEFAULT_PROFILE))
    .expect(1)
    .mount(&server)
    .await;
    common::mount_catch_all(&server).await;

    let profile = client(&server)
        .user_profile("7000000000000001")
        .await
        .unwrap();
    assert_eq!(profile.id.as_str(), "7000000000000001");
    assert_eq!(profile.first_name.as_deref(), Some("Ana"));
    assert_eq!(profile.last_name.as_deref(), Some("Lund"));
    assert!(
        profile
            .profile_pic
            .as_deref()
            .unwrap()
            .starts_with("https://platform-lookaside.fbsbx.com/")
    );
    assert_eq!(profile.locale, None);
    assert_eq!(profile.timezone, None);
    assert_eq!(profile.display_name(), Some("Ana"));
}

#[tokio::test]
async fn every_field_with_send() {
    let server = server().await;
    graph_query(
        "GET",
        "/7000000000000002",
        &[(
            "fields",
            "first_name,last_name,name,profile_pic,locale,timezone,gender",
        )],
    )
    .respond_with(json_fixture(200, FULL_PROFILE))
    .expect(1)
    .mount(&server)
    .await;
    common::mount_catch_all(&server).await;

    let profile = client(&server)
        .user_profile(messenger_sdk::Psid::from("7000000000000002"))
        .fields(&UserProfileField::ALL)
        .send()
        .await
        .unwrap();
    assert_eq!(profile.first_name.as_deref(), Some("José"));
    assert_eq!(profile.name.as_deref(), Some("José Núñez"));
    assert_eq!(profile.locale.as_deref(), Some("es_LA"));
    assert_eq!(profile.timezone, Some(-3.5));
    assert_eq!(profile.gender.as_deref(), Some("male"));
}

#[tokio::test]
async fn added_fields_are_kept_once_in_order() {
    let server = server().await;
    graph_query(
        "GET",
        "/7000000000000001",
        &[("fields", "first_name,last_name,profile_pic,locale,timezone")],
    )
    .respond_with(
        ResponseTemplate::new(200)
            .set_body_json(json!({"id": "7000000000000001", "locale": "sv_SE", "timezone": 1})),
    )
    .expect(1)
    .mount(&server)
    .await;
    common::mount_catch_all(&server).await;

    let client = client(&server);
    let request = client
        .user_profile("7000000000000001")
        .field(UserProfileField::Locale)
        .field(UserProfileField::Timezone)
        .field(UserProfileField::Locale)
        .field(UserProfileField::FirstName);
    assert_eq!(
        request.fields_param(),
        "first_name,last_name,profile_pic,locale,timezone"
    );
    let profile = request.await.unwrap();
    assert_eq!(
        profile.timezone,
        Some(1.0),
        "integer offsets read as numbers"
    );
    assert_eq!(profile.first_name, None);
}

#[tokio::test]
async fn no_proof_without_app_secret() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v25.0/7000000000000001"))
        .and(common::token_query(&[("fields", "name")]))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"id": "7000000000000001", "name": "Ana Lund"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let client = Client::builder()
        .page_access_token(PAGE_TOKEN)
        .graph_url(server.uri())
        .build()
        .unwrap();
    let profile = client
        .user_profile("7000000000000001")
        .fields(&[UserProfileField::Name])
        .await
        .unwrap();
    assert_eq!(profile.display_name(), Some("Ana Lund"));
}

#[tokio::test]
async fn no_matching_user_is_classified() {
    let server = server().await;
    graph_query("GET", "/7999999999999999", &[("fields", "first_name,last_name,profile_pic")])
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "error": {"message": "(#100) No matching user found", "type": "OAuthException", "code": 100, "error_subcode": 2_018_001, "fbtrace_id": "C7kLmNoPq8r"}
        })))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let err = client(&server)
        .user_profile("7999999999999999")
        .await
        .unwrap_err();
    assert_eq!(err.graph_kind(), Some(GraphErrorKind::NoMatchingUser));
    assert!(!err.is_retryable());
    match err {
        Error::Graph { status, error, .. } => {
            assert_eq!(status.as_u16(), 400);
            assert_eq!(error.fbtrace_id.as_deref(), Some("C7kLmNoPq8r"));
        }
        other => panic!("expected a Graph error, got {other:?}"),
    }
}

#[tokio::test]
async fn invalid_input_sends_nothing() {
    let server = server().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(500))
        .expect(0)
        .mount(&server)
        .await;
    let client = client(&server);

    let err = client.user_profile("  ").await.unwrap_err();
    assert!(
        matches!(err, Error::InvalidInput(ref m) if m.contains("PSID")),
        "{err:?}"
    );
    let err = client
        .user_profile("7000000000000001")
        .fields(&[])
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::InvalidInput(ref m) if m.contains("field")),
        "{err:?}"
    );
}

#[test]
fn fixtures_round_trip() {
    for name in [DEFAULT_PROFILE, FULL_PROFILE] {
        let raw = fixture(name);
        let raw = raw.as_str();
        let profile: UserProfile = serde_json::from_str(raw).unwrap();
        let again: UserProfile =
            serde_json::from_value(serde_json::to_value(&profile).unwrap()).unwrap();
        assert_eq!(profile, again);
        let original: Value = serde_json::from_str(raw).unwrap();
        assert_eq!(
            serde_json::to_value(&profile).unwrap(),
            original,
            "nothing lost or added"
        );
    }
}

#[test]
fn fields_serialize_as_graph_names() {
    for field in UserProfileField::ALL {
        let json = serde_json::to_value(field).unwrap();
        assert_eq!(json, Value::String(field.as_str().to_owned()));
        assert_eq!(
            serde_json::from_value::<UserProfileField>(json).unwrap(),
            field
        );
        assert_eq!(field.to_string(), field.as_str());
    }
    assert_eq!(
        UserProfileField::DEFAULT.map(UserProfileField::as_str),
        ["first_name", "last_name", "profile_pic"]
    );
}
