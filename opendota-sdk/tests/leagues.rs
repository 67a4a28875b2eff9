//! `GET /leagues` and `/leagues/{league_id}/…`.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use opendota_sdk::models::leagues::League;
use opendota_sdk::{Error, LeagueId, MatchId, TeamId};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn serve(route: &str, fixture: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(route))
        .respond_with(common::json_fixture(fixture))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    server
}

#[tokio::test]
async fn leagues_lists_every_league() {
    let server = serve("/api/leagues", "leagues__current").await;
    let leagues = common::client(&server).all_leagues().await.unwrap();
    assert_eq!(leagues.len(), 3);
    assert_eq!(leagues[0].leagueid, LeagueId(4122));
    assert_eq!(leagues[0].tier.as_deref(), Some("premium"));
    assert!(leagues[0].is_pro());
    assert!(leagues[1].banner.is_none(), "null banner");
    assert!(!leagues[1].is_pro());
    assert!(leagues[2].ticket.is_none() && leagues[2].tier.is_none());
    assert_eq!(leagues[2].name.as_deref(), Some("Old Invitational"));
}

#[test]
fn leagues_fixture_decodes() {
    let leagues: Vec<League> = serde_json::from_str(&common::fixture("leagues__current")).unwrap();
    assert_eq!(leagues[1].leagueid, LeagueId(5401));
    assert_eq!(
        leagues[1].ticket.as_deref(),
        Some("econ/leagues/subscriptions_neighbourhood_league")
    );
    assert!(leagues[1].banner.is_none());
}

#[tokio::test]
async fn league_get_reads_the_real_single_object() {
    let server = serve("/api/leagues/16935", "leagues_get__current").await;
    let league = common::client(&server).leagues(16935).get().await.unwrap();
    assert_eq!(league.leagueid, LeagueId(16935));
    assert_eq!(league.name.as_deref(), Some("Harbour Masters Series 2024"));
    assert!(league.ticket.is_none() && league.banner.is_none());
    assert!(league.is_pro());
}

#[tokio::test]
async fn league_get_reads_the_spec_array() {
    let server = serve("/api/leagues/16935", "leagues_get__spec_array").await;
    let league = common::client(&server)
        .leagues(LeagueId(16935))
        .get()
        .await
        .unwrap();
    assert_eq!(league.leagueid, LeagueId(16935), "string id decoded");
    assert_eq!(
        league.banner.as_deref(),
        Some("econ/leagues/subscriptions_harbour_masters_ingame")
    );
}

#[test]
fn league_get_fixtures_decode() {
    let one: League = serde_json::from_str(&common::fixture("leagues_get__current")).unwrap();
    assert_eq!(one.tier.as_deref(), Some("professional"));
    let many: Vec<League> =
        serde_json::from_str(&common::fixture("leagues_get__spec_array")).unwrap();
    assert_eq!(many.len(), 1);
    assert_eq!(many[0].leagueid, LeagueId(16935));
}

#[tokio::test]
async fn league_get_empty_body_is_not_found() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/leagues/999999"))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    let err = common::client(&server)
        .leagues(999_999)
        .get()
        .await
        .unwrap_err();
    match err {
        Error::NotFound { path } => assert_eq!(path, "/api/leagues/999999"),
        other => panic!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn league_matches_reads_the_real_array() {
    let server = serve("/api/leagues/16935/matches", "leagues_matches__current").await;
    let matches = common::client(&server)
        .leagues(16935)
        .matches()
        .await
        .unwrap();
    assert_eq!(matches.len(), 2);
    assert_eq!(matches[0].match_id, MatchId(7_790_412_345));
    assert_eq!(matches[0].radiant_team_id, Some(TeamId(8_291_895)));
    assert_eq!(matches[0].radiant_win, Some(true));
    assert_eq!(matches[0].series_type, Some(1));
    assert_eq!(matches[1].radiant_win, None, "null radiant_win");
    assert_eq!(matches[1].dire_team_id, None);
    assert_eq!(matches[1].leagueid, Some(LeagueId(16935)));
}

#[tokio::test]
async fn league_matches_reads_the_spec_object() {
    let server = serve("/api/leagues/16935/matches", "leagues_matches__spec_object").await;
    let matches = common::client(&server)
        .leagues(16935)
        .matches()
        .await
        .unwrap();
    assert_eq!(matches.len(), 1);
    assert_eq!(
        matches[0].match_id,
        MatchId(7_790_412_345),
        "string id decoded"
    );
    assert_eq!(matches[0].radiant_name.as_deref(), Some("Harbour Crew"));
    assert_eq!(
        matches[0].league_name.as_deref(),
        Some("Harbour Masters Series 2024")
    );
}

#[tokio::test]
async fn league_match_ids_reads_numbers() {
    let server = serve("/api/leagues/16935/matchIds", "leagues_match_ids__current").await;
    let ids = common::client(&server)
        .leagues(16935)
        .match_ids()
        .await
        .unwrap();
    assert_eq!(
        ids,
        [
            MatchId(7_790_412_345),
            MatchId(7_790_398_765),
            MatchId(7_790_301_122)
        ]
    );
}

#[tokio::test]
async fn league_match_ids_reads_the_spec_strings() {
    let server = serve(
        "/api/leagues/16935/matchIds",
        "leagues_match_ids__spec_strings",
    )
    .await;
    let ids = common::client(&server)
        .leagues(16935)
        .match_ids()
        .await
        .unwrap();
    assert_eq!(ids.len(), 3);
    assert_eq!(ids[0], MatchId(7_790_412_345));
}

#[test]
fn league_match_ids_fixtures_decode() {
    let numbers: Vec<MatchId> =
        serde_json::from_str(&common::fixture("leagues_match_ids__current")).unwrap();
    let strings: Vec<MatchId> =
        serde_json::from_str(&common::fixture("leagues_match_ids__spec_strings")).unwrap();
    assert_eq!(numbers, strings);
}

#[tokio::test]
async fn league_teams_reads_the_array_and_drops_unknown_teams() {
    let server = serve("/api/leagues/16935/teams", "leagues_teams__current").await;
    let teams = common::client(&server)
        .leagues(16935)
        .teams()
        .await
        .unwrap();
    assert_eq!(teams.len(), 2, "the all-null row is left out");
    assert_eq!(teams[0].team_id, TeamId(8_291_895));
    assert_eq!(teams[0].rating, Some(1412.36));
    assert_eq!(teams[0].delta, Some(4.078_12));
    assert_eq!(teams[0].match_id, Some(MatchId(7_790_412_345)));
    assert_eq!(teams[1].name.as_deref(), Some("Pier Pressure"));
    assert_eq!(teams[1].rating, None, "unrated team");
}

#[tokio::test]
async fn league_teams_reads_the_spec_object() {
    let server = serve("/api/leagues/16935/teams", "leagues_teams__spec_object").await;
    let teams = common::client(&server)
        .leagues(16935)
        .teams()
        .await
        .unwrap();
    assert_eq!(teams.len(), 1);
    assert_eq!(teams[0].rating, Some(1412.0), "integer rating");
    assert_eq!(teams[0].tag.as_deref(), Some("HBC"));
    assert_eq!(teams[0].logo_url, None, "absent logo_url");
}

#[test]
fn league_handler_keeps_its_id() {
    let client = opendota_sdk::Client::try_new().unwrap();
    assert_eq!(client.leagues(42u32).id(), LeagueId(42));
}
