//! `GET /proPlayers` and `GET /topPlayers`.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use opendota_sdk::models::pro_players::ProPlayer;
use opendota_sdk::{AccountId, TeamId};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer};

fn decode(name: &str) -> Vec<ProPlayer> {
    let text = common::fixture(name);
    let de = &mut serde_json::Deserializer::from_str(&text);
    serde_path_to_error::deserialize(de)
        .unwrap_or_else(|e| panic!("{name}: {} at {}", e.inner(), e.path()))
}

#[tokio::test]
async fn pro_players_lists_pros() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/proPlayers"))
        .respond_with(common::json_fixture("pro_players__current"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let pros = common::client(&server).pro_players().await.unwrap();
    assert_eq!(pros.len(), 3);
    assert_eq!(pros[0].account_id, AccountId(301_100_001));
    assert_eq!(pros[0].name.as_deref(), Some("Hawk"));
    assert_eq!(pros[0].team_id, Some(TeamId(7_100_001)));
    assert_eq!(pros[1].steamid, None);
    assert_eq!(pros[0].plus, Some(true));
}

#[tokio::test]
async fn top_players_sends_turbo_only_when_true() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/topPlayers"))
        .and(query_param("turbo", "1"))
        .respond_with(common::json_fixture("top_players__current"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/topPlayers"))
        .and(query_param_is_missing("turbo"))
        .respond_with(common::json_fixture("top_players__legacy_computed_rating"))
        .expect(2)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    let client = common::client(&server);

    let turbo = client.top_players().turbo(true).await.unwrap();
    assert_eq!(turbo[0].account_id, AccountId(301_200_001));
    assert_eq!(turbo[0].computed_mmr, Some(9412.5));

    // The server reads any `turbo` value, `0` included, as "turbo": `false` sends nothing.
    assert_eq!(client.top_players().turbo(false).query_string(), "");
    let normal = client.top_players().turbo(false).await.unwrap();
    assert_eq!(normal[0].computed_mmr, Some(8811.125));
    let default = client.top_players().await.unwrap();
    assert_eq!(default.len(), 2);
}

#[test]
fn decodes_pro_players_current() {
    let pros = decode("pro_players__current");
    assert_eq!(pros[0].fh_unavailable, Some(false));
    assert_eq!(pros[0].fantasy_role, Some(1));
    assert_eq!(
        pros[0].last_match_time.as_deref(),
        Some("2026-03-01T20:00:00.000Z")
    );
    let quill = &pros[1];
    assert_eq!(quill.personaname, None);
    assert_eq!(quill.cheese, None);
    assert_eq!(quill.country_code, None, "empty string reads as None");
    assert_eq!(quill.team_id, None, "0 = no team");
    assert_eq!(quill.locked_until, None);
    assert_eq!(pros[2].is_locked, Some(true));
    assert_eq!(pros[2].locked_until, Some(1_780_000_000));
}

#[test]
fn decodes_top_players_current() {
    let top = decode("top_players__current");
    assert_eq!(top[1].computed_mmr, Some(9377.75), "a float rating");
    assert_eq!(top[1].personaname.as_deref(), Some("second wind"));
    assert_eq!(top[1].steamid.as_deref(), Some("76561198261465730"));
    assert_eq!(top[0].is_pro, None);
}

#[test]
fn decodes_top_players_legacy_computed_rating() {
    let top = decode("top_players__legacy_computed_rating");
    assert_eq!(
        top[0].computed_mmr,
        Some(8811.125),
        "computed_rating is the 2025 name"
    );
    assert_eq!(top[1].computed_mmr, Some(8790.0));
}
