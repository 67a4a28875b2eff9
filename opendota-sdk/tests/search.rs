//! `GET /search`.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use opendota_sdk::{AccountId, Error};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer};

#[tokio::test]
async fn search_sends_q_and_decodes_both_score_keys() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/search"))
        .and(query_param("q", "grads n dads"))
        .respond_with(common::json_fixture("search__legacy_similarity"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/search"))
        .and(query_param("q", "86745912"))
        .respond_with(common::json_fixture("search__sml_with_exact_id"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    let client = common::client(&server);

    let legacy = client.search("  grads n dads ").await.unwrap();
    assert_eq!(legacy.len(), 3);
    assert_eq!(legacy[0].account_id, AccountId(22_088_787));
    assert_eq!(legacy[0].similarity, Some(62.655_502));
    assert_eq!(legacy[0].sml, None, "before 2025-11: `similarity` only");
    assert!(
        legacy[2].last_match_time.is_none(),
        "absent last_match_time is None"
    );

    let current = client.search("86745912").await.unwrap();
    assert_eq!(current[0].account_id, AccountId(86_745_912));
    assert!(
        current[0].similarity.is_none() && current[0].sml.is_none(),
        "the exact-id row has no score"
    );
    assert_eq!(current[1].sml, Some(0.45));
    assert_eq!(current[1].similarity, None, "since 2025-11: `sml` only");
    assert!(
        current[1].last_match_time.is_none(),
        "null last_match_time is None"
    );
}

#[tokio::test]
async fn a_steam_id64_is_sent_as_is_and_finds_the_account() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/search"))
        .and(query_param("q", "76561198047011640"))
        .respond_with(common::json_fixture("search__sml_with_exact_id"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let rows = common::client(&server)
        .search("76561198047011640")
        .await
        .unwrap();
    assert_eq!(rows[0].account_id, AccountId(86_745_912));
    assert_eq!(rows[0].account_id.steam_id64(), 76_561_198_047_011_640);
    assert_eq!(rows[0].personaname.as_deref(), Some("Arteezy"));
}

#[tokio::test]
async fn empty_query_is_refused_before_sending() {
    let server = MockServer::start().await;
    common::mount_catch_all(&server).await;
    let err = common::client(&server).search("   ").await.unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    assert!(server.received_requests().await.unwrap().is_empty());
}
