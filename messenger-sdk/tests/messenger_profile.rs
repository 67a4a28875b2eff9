#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]
//! The Messenger Profile API against a mock Graph API.

mod common;

use common::{client_without_retries as client, fixture, graph, graph_query, json_fixture};
use messenger_sdk::Error;
use messenger_sdk::models::messenger_profile::{
    Greeting, IceBreaker, IceBreakers, MenuItem, MessengerProfile, MessengerProfileField,
    PersistentMenu, WebviewHeightRatio,
};
use serde_json::{Value, json};
use wiremock::matchers::{any, body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PROFILE_PATH: &str = "/me/messenger_profile";

const GET_FIXTURE: &str = "messenger_profile__get";
const LEGACY_FIXTURE: &str = "messenger_profile__legacy_ice_breakers";
const EMPTY_FIXTURE: &str = "messenger_profile__empty";
const SUCCESS_FIXTURE: &str = "messenger_profile__success";

/// A profile using every property.
fn full_profile() -> MessengerProfile {
    MessengerProfile::new()
        .get_started("GET_STARTED")
        .greeting(Greeting::default_locale("Hi {{user_first_name}}!"))
        .greeting(Greeting::new("sv_SE", "Hej {{user_first_name}}! 🔥"))
        .ice_breaker(IceBreaker::new("How did my last match go?", "LAST_MATCH"))
        .ice_breaker(IceBreaker::new("Which heroes do I win with?", "HEROES"))
        .ice_breakers(
            IceBreakers::new("sv_SE")
                .question(IceBreaker::new("Hur gick min senaste match?", "LAST_MATCH")),
        )
        .persistent_menu(
            PersistentMenu::default_locale()
                .composer_input_disabled(true)
                .item(MenuItem::postback("Last match", "LAST_MATCH"))
                .item(
                    MenuItem::web_url("OpenDota", "https://www.opendota.com/")
                        .webview_height_ratio(WebviewHeightRatio::Full),
                )
                .item(
                    MenuItem::web_url("Stats", "https://hbdta.example/stats")
                        .messenger_extensions(Some("https://hbdta.example/fallback".to_owned())),
                ),
        )
        .whitelisted_domain("https://www.opendota.com/")
        .whitelisted_domain("https://hbdta.example")
        .account_linking_url("https://hbdta.example/link")
}

fn full_profile_json() -> Value {
    json!({
        "get_started": {"payload": "GET_STARTED"},
        "greeting": [
            {"locale": "default", "text": "Hi {{user_first_name}}!"},
            {"locale": "sv_SE", "text": "Hej {{user_first_name}}! 🔥"}
        ],
        "ice_breakers": [
            {"call_to_actions": [
                {"question": "How did my last match go?", "payload": "LAST_MATCH"},
                {"question": "Which heroes do I win with?", "payload": "HEROES"}
            ], "locale": "default"},
            {"call_to_actions": [{"question": "Hur gick min senaste match?", "payload": "LAST_MATCH"}], "locale": "sv_SE"}
        ],
        "persistent_menu": [{
            "locale": "default",
            "composer_input_disabled": true,
            "call_to_actions": [
                {"type": "postback", "title": "Last match", "payload": "LAST_MATCH"},
                {"type": "web_url", "title": "OpenDota", "url": "https://www.opendota.com/", "webview_height_ratio": "full"},
                {"type": "web_url", "title": "Stats", "url": "https://hbdta.example/stats", "messenger_extensions": true, "fallback_url": "https://hbdta.example/fallback"}
            ]
        }],
        "whitelisted_domains": ["https://www.opendota.com/", "https://hbdta.example"],
        "account_linking_url": "https://hbdta.example/link"
    })
}

#[tokio::test]
async fn get_every_property() {
    let server = MockServer::start().await;
    graph_query(
        "GET",
        PROFILE_PATH,
        &[(
            "fields",
            "get_started,greeting,ice_breakers,persistent_menu,whitelisted_domains,account_linking_url",
        )],
    )
        .respond_with(json_fixture(200, GET_FIXTURE))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let profile = client(&server)
        .messenger_profile()
        .get(&MessengerProfileField::ALL)
        .await
        .unwrap();
    assert_eq!(profile.get_started.as_ref().unwrap().payload, "GET_STARTED");
    let greeting = profile.greeting.as_ref().unwrap();
    assert_eq!(greeting.len(), 2);
    assert_eq!(greeting[1].locale, "sv_SE");
    assert_eq!(
        greeting[1].text,
        "Hej {{user_first_name}}! Fråga mig om din senaste match."
    );
    let ice = profile.ice_breakers.as_ref().unwrap();
    assert_eq!(ice.len(), 1);
    assert_eq!(ice[0].locale, "default");
    assert_eq!(
        ice[0].call_to_actions[1],
        IceBreaker::new("Which heroes do I win with?", "HEROES")
    );
    let menu = &profile.persistent_menu.as_ref().unwrap()[0];
    assert!(!menu.composer_input_disabled);
    assert_eq!(
        menu.call_to_actions[0],
        MenuItem::postback("Last match", "LAST_MATCH")
    );
    assert_eq!(
        menu.call_to_actions[1],
        MenuItem::web_url("OpenDota", "https://www.opendota.com/")
            .webview_height_ratio(WebviewHeightRatio::Full)
    );
    match &menu.call_to_actions[2] {
        MenuItem::Other(raw) => assert_eq!(
            raw["type"], "nested",
            "a deprecated nested item is kept, not an error"
        ),
        other => panic!("expected Other, got {other:?}"),
    }
    assert_eq!(
        profile.whitelisted_domains.as_deref(),
        Some(&["https://www.opendota.com/".to_owned()][..])
    );
    assert_eq!(
        profile.account_linking_url.as_deref(),
        Some("https://hbdta.example/link")
    );
    assert_eq!(profile.fields(), MessengerProfileField::ALL.to_vec());
}

#[tokio::test]
async fn get_reads_the_legacy_ice_breaker_format() {
    let server = MockServer::start().await;
    graph_query("GET", PROFILE_PATH, &[("fields", "ice_breakers")])
        .respond_with(json_fixture(200, LEGACY_FIXTURE))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let profile = client(&server)
        .messenger_profile()
        .get(&[MessengerProfileField::IceBreakers])
        .await
        .unwrap();
    let ice = profile.ice_breakers.unwrap();
    assert_eq!(ice.len(), 1);
    assert_eq!(ice[0].locale, "default");
    assert_eq!(
        ice[0].call_to_actions,
        vec![
            IceBreaker::new("How did my last match go?", "LAST_MATCH"),
            IceBreaker::new("Help", "HELP")
        ]
    );
}

#[tokio::test]
async fn get_of_an_empty_profile() {
    let server = MockServer::start().await;
    graph_query("GET", PROFILE_PATH, &[("fields", "get_started,greeting")])
        .respond_with(json_fixture(200, EMPTY_FIXTURE))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let profile = client(&server)
        .messenger_profile()
        .get(&[
            MessengerProfileField::GetStarted,
            MessengerProfileField::Greeting,
        ])
        .await
        .unwrap();
    assert!(profile.is_empty());
    assert_eq!(profile, MessengerProfile::default());
}

#[tokio::test]
async fn set_posts_the_profile() {
    let server = MockServer::start().await;
    graph("POST", PROFILE_PATH)
        .and(body_json(full_profile_json()))
        .respond_with(json_fixture(200, SUCCESS_FIXTURE))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let done = client(&server)
        .messenger_profile()
        .set(&full_profile())
        .await
        .unwrap();
    assert!(done.is_success());
}

#[tokio::test]
async fn set_only_what_is_given() {
    let server = MockServer::start().await;
    graph("POST", PROFILE_PATH)
        .and(body_json(
            json!({"get_started": {"payload": "GET_STARTED"}}),
        ))
        .respond_with(json_fixture(200, SUCCESS_FIXTURE))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let done = client(&server)
        .messenger_profile()
        .set(&MessengerProfile::new().get_started("GET_STARTED"))
        .await
        .unwrap();
    assert!(done.is_success());
}

#[tokio::test]
async fn delete_sends_the_fields_in_the_body() {
    let server = MockServer::start().await;
    graph("DELETE", PROFILE_PATH)
        .and(body_json(
            json!({"fields": ["persistent_menu", "ice_breakers"]}),
        ))
        .respond_with(json_fixture(200, SUCCESS_FIXTURE))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let done = client(&server)
        .messenger_profile()
        .delete(&[
            MessengerProfileField::PersistentMenu,
            MessengerProfileField::IceBreakers,
        ])
        .await
        .unwrap();
    assert!(done.is_success());
}

#[tokio::test]
async fn graph_errors_come_through() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("/v25.0{PROFILE_PATH}")))
        .respond_with(ResponseTemplate::new(403).set_body_json(json!({
            "error": {"message": "(#200) Requires pages_messaging permission to manage the object", "type": "OAuthException", "code": 200, "fbtrace_id": "Perm1"}
        })))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let err = client(&server)
        .messenger_profile()
        .set(&MessengerProfile::new().get_started("GO"))
        .await
        .unwrap_err();
    assert_eq!(
        err.graph_kind(),
        Some(messenger_sdk::GraphErrorKind::Permission)
    );
}

#[tokio::test]
async fn invalid_profiles_send_nothing() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(500))
        .expect(0)
        .mount(&server)
        .await;
    let client = client(&server);
    let handler = client.messenger_profile();

    let limit = |profile: MessengerProfile| async move {
        match handler.set(&profile).await.unwrap_err() {
            Error::Limit(limit) => (limit.field, limit.limit, limit.actual),
            other => panic!("expected a limit error, got {other:?}"),
        }
    };
    assert_eq!(
        limit(MessengerProfile::new().greeting(Greeting::default_locale("é".repeat(161)))).await,
        ("greeting[0].text".to_owned(), 160, 161)
    );
    let five = (0..5).fold(IceBreakers::default_locale(), |l, i| {
        l.question(IceBreaker::new(format!("q{i}"), "P"))
    });
    assert_eq!(
        limit(MessengerProfile::new().ice_breakers(five)).await,
        ("ice_breakers[0].call_to_actions".to_owned(), 4, 5)
    );
    assert_eq!(
        limit(MessengerProfile::new().ice_breakers(IceBreakers::new("en_US"))).await,
        ("ice_breakers[0].call_to_actions".to_owned(), 1, 0)
    );
    assert_eq!(
        limit(MessengerProfile::new().ice_breaker(IceBreaker::new("q", "x".repeat(1001)))).await,
        (
            "ice_breakers[0].call_to_actions[0].payload".to_owned(),
            1000,
            1001
        )
    );
    let many = (0..21).fold(PersistentMenu::default_locale(), |m, i| {
        m.item(MenuItem::postback(format!("item {i}"), "P"))
    });
    assert_eq!(
        limit(MessengerProfile::new().persistent_menu(many)).await,
        ("persistent_menu[0].call_to_actions".to_owned(), 20, 21)
    );
    let long_title = PersistentMenu::default_locale()
        .item(MenuItem::postback("ok", "P"))
        .item(MenuItem::web_url("t".repeat(31), "https://example.com"));
    assert_eq!(
        limit(
            MessengerProfile::new()
                .persistent_menu(PersistentMenu::new("fr_FR").item(MenuItem::postback("ok", "P")))
                .persistent_menu(long_title)
        )
        .await,
        (
            "persistent_menu[1].call_to_actions[1].title".to_owned(),
            30,
            31
        )
    );
    assert_eq!(
        limit(MessengerProfile::new().get_started("x".repeat(1001))).await,
        ("get_started.payload".to_owned(), 1000, 1001)
    );
    let domains = (0..51).fold(MessengerProfile::new(), |p, i| {
        p.whitelisted_domain(format!("https://d{i}.example.com"))
    });
    assert_eq!(
        limit(domains).await,
        ("whitelisted_domains".to_owned(), 50, 51)
    );
    // Emoji count as two UTF-16 units: 80 of them are 160 units, one more is over.
    assert!(
        MessengerProfile::new()
            .greeting(Greeting::default_locale("🔥".repeat(80)))
            .validate()
            .is_ok()
    );
    assert!(
        MessengerProfile::new()
            .greeting(Greeting::default_locale("🔥".repeat(81)))
            .validate()
            .is_err()
    );

    for bad in [
        "http://example.com",
        "https://192.168.0.1",
        "https://localhost/",
        "not a url",
    ] {
        let err = handler
            .set(&MessengerProfile::new().whitelisted_domain(bad))
            .await
            .unwrap_err();
        assert!(
            matches!(err, Error::InvalidInput(ref m) if m.contains("whitelisted_domains[0]")),
            "{bad}: {err:?}"
        );
    }
    let err = handler
        .set(&MessengerProfile::new().account_linking_url("http://hbdta.example/link"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::InvalidInput(ref m) if m.contains("account_linking_url")),
        "{err:?}"
    );
    assert!(matches!(
        handler.set(&MessengerProfile::new()).await.unwrap_err(),
        Error::InvalidInput(_)
    ));
    assert!(matches!(
        handler.get(&[]).await.unwrap_err(),
        Error::InvalidInput(_)
    ));
    assert!(matches!(
        handler.delete(&[]).await.unwrap_err(),
        Error::InvalidInput(_)
    ));
}

#[test]
fn payloads_round_trip() {
    let profile = full_profile();
    let json = serde_json::to_value(&profile).unwrap();
    assert_eq!(json, full_profile_json());
    let back: MessengerProfile = serde_json::from_value(json).unwrap();
    assert_eq!(back, profile);

    let fixture: Value = serde_json::from_str(&fixture(GET_FIXTURE)).unwrap();
    let read: MessengerProfile = serde_json::from_value(fixture["data"][0].clone()).unwrap();
    assert_eq!(
        serde_json::to_value(&read).unwrap(),
        fixture["data"][0],
        "the fixture survives a round trip, unknown menu items included"
    );

    for ratio in [
        WebviewHeightRatio::Compact,
        WebviewHeightRatio::Tall,
        WebviewHeightRatio::Full,
    ] {
        let item = MenuItem::web_url("Shop", "https://example.com").webview_height_ratio(ratio);
        let back: MenuItem = serde_json::from_value(serde_json::to_value(&item).unwrap()).unwrap();
        assert_eq!(back, item);
    }
    // An item Meta answers with a value this crate does not know is kept whole, not an error.
    let odd = json!({"type": "web_url", "title": "Odd", "url": "https://example.com", "webview_height_ratio": "half"});
    assert_eq!(
        serde_json::from_value::<MenuItem>(odd.clone()).unwrap(),
        MenuItem::Other(odd)
    );
    for field in MessengerProfileField::ALL {
        let json = serde_json::to_value(field).unwrap();
        assert_eq!(json, Value::String(field.to_string()));
        assert_eq!(
            serde_json::from_value::<MessengerProfileField>(json).unwrap(),
            field
        );
    }
}
