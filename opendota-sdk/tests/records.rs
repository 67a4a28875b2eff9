//! `GET /records/{field}`.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use opendota_sdk::models::records::Record;
use opendota_sdk::{Error, HeroId, MatchId};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer};

#[tokio::test]
async fn records_decode_ints_and_nulls() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/records/kills"))
        .respond_with(common::json_fixture("records__current"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let records = common::client(&server).records("kills").await.unwrap();
    assert_eq!(records.len(), 3);
    assert_eq!(records[0].match_id, Some(MatchId(8_601_234_567)));
    assert_eq!(records[0].start_time, Some(1_766_000_000));
    assert_eq!(records[0].hero_id, Some(HeroId(44)));
    assert_eq!(records[0].score, Some(61));
    let unreadable = &records[2];
    assert!(unreadable.match_id.is_none() && unreadable.hero_id.is_none());
    assert_eq!(unreadable.score, Some(55));
}

#[test]
fn records_decode_the_2018_all_strings_shape() {
    let records: Vec<Record> =
        serde_json::from_str(&common::fixture("records__legacy_strings")).unwrap();
    assert_eq!(records.len(), 2);
    assert_eq!(records[0].match_id, Some(MatchId(4_012_345_678)));
    assert_eq!(records[0].start_time, Some(1_533_000_000));
    assert_eq!(records[0].hero_id, Some(HeroId(114)));
    assert_eq!(records[0].score, Some(118));
    assert_eq!(records[1].score, Some(97));
}

#[tokio::test]
async fn field_takes_a_string_and_empty_is_refused() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/records/gold_per_min"))
        .respond_with(common::json_fixture("records__current"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    let client = common::client(&server);

    let field = String::from("gold_per_min");
    assert_eq!(client.records(field).await.unwrap().len(), 3);
    let err = client.records("  ").await.unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
}
