#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]
//! The User Profile API against a mock Graph API.

use hmac::{Hmac, KeyInit, Mac};
use messenger_sdk::models::user_profile::{UserProfile, UserProfileField};
use messenger_sdk::{Client, Error, GraphErrorKind, RetryConfig};
use serde_json::{Value, json};
use sha2::Sha256;
use wiremock::matchers::{any, method, path};
use wiremock::{Match, Mock, MockServer, Request, ResponseTemplate};

const TOKEN: &str = "EAAG-user-profile-token";
const SECRET: &str = "user-profile-app-secret";

const DEFAULT_PROFILE: &str = include_str!("../../fixtures/messenger/user_profile__default.json");
const FULL_PROFILE: &str = include_str!("../../fixtures/messenger/user_profile__all_fields.json");

/// hex HMAC-SHA256 of the token keyed by the app secret, computed independently of the SDK.
fn proof() -> String {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(TOKEN.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// Matches when the query holds exactly these pairs (any order), nothing more.
struct QueryIs(Vec<(String, String)>);

impl QueryIs {
    fn with_credentials(extra: &[(&str, &str)]) -> Self {
        let mut pairs = vec![
            ("access_token".to_owned(), TOKEN.to_owned()),
            ("appsecret_proof".to_owned(), proof()),
        ];
        pairs.extend(
            extra
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
        );
        Self(pairs)
    }
}

impl Match for QueryIs {
    fn matches(&self, request: &Request) -> bool {
        let mut actual: Vec<(String, String)> = request
            .url
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let mut expected = self.0.clone();
        actual.sort();
        expected.sort();
        actual == expected
    }
}

async fn server() -> MockServer {
    MockServer::start().await
}

/// Mounted last: any request no other mock matched gets a 500 naming it.
async fn catch_all(server: &MockServer) {
    Mock::given(any())
        .respond_with(|req: &Request| {
            ResponseTemplate::new(500)
                .set_body_string(format!("unmatched request: {} {}", req.method, req.url))
        })
        .with_priority(u8::MAX)
        .named("catch-all")
        .mount(server)
        .await;
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .page_access_token(TOKEN)
        .app_secret(SECRET)
        .graph_url(server.uri())
        .retry(RetryConfig::disabled())
        .build()
        .unwrap()
}

#[tokio::test]
async fn default_fields() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v25.0/7000000000000001"))
        .and(QueryIs::with_credentials(&[(
            "fields",
            "first_name,last_name,profile_pic",
        )]))
        .respond_with(ResponseTemplate::new(200).set_body_raw(DEFAULT_PROFILE, "application/json"))
        .expect(1)
        .mount(&server)
        .await;
    catch_all(&server).await;

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
    Mock::given(method("GET"))
        .and(path("/v25.0/7000000000000002"))
        .and(QueryIs::with_credentials(&[(
            "fields",
            "first_name,last_name,name,profile_pic,locale,timezone,gender",
        )]))
        .respond_with(ResponseTemplate::new(200).set_body_raw(FULL_PROFILE, "application/json"))
        .expect(1)
        .mount(&server)
        .await;
    catch_all(&server).await;

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
    Mock::given(method("GET"))
        .and(path("/v25.0/7000000000000001"))
        .and(QueryIs::with_credentials(&[(
            "fields",
            "first_name,last_name,profile_pic,locale,timezone",
        )]))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"id": "7000000000000001", "locale": "sv_SE", "timezone": 1})),
        )
        .expect(1)
        .mount(&server)
        .await;
    catch_all(&server).await;

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
        .and(QueryIs(vec![
            ("access_token".to_owned(), TOKEN.to_owned()),
            ("fields".to_owned(), "name".to_owned()),
        ]))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"id": "7000000000000001", "name": "Ana Lund"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    catch_all(&server).await;

    let client = Client::builder()
        .page_access_token(TOKEN)
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
    Mock::given(method("GET"))
        .and(path("/v25.0/7999999999999999"))
        .and(QueryIs::with_credentials(&[("fields", "first_name,last_name,profile_pic")]))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "error": {"message": "(#100) No matching user found", "type": "OAuthException", "code": 100, "error_subcode": 2_018_001, "fbtrace_id": "C7kLmNoPq8r"}
        })))
        .expect(1)
        .mount(&server)
        .await;
    catch_all(&server).await;

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
    for raw in [DEFAULT_PROFILE, FULL_PROFILE] {
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
