//! `GET /teams` and `/teams/{team_id}/…`.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use opendota_sdk::models::teams::{Team, TeamHero, TeamMatch, TeamPlayer};
use opendota_sdk::{AccountId, Error, HeroId, LeagueId, MatchId, TeamId};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
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
async fn teams_sends_no_page_by_default() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/teams"))
        .and(query_param_is_missing("page"))
        .respond_with(common::json_fixture("teams__current"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    let teams = common::client(&server).all_teams().await.unwrap();
    assert_eq!(teams.len(), 3);
    assert_eq!(teams[0].team_id, TeamId(7_119_388));
    assert_eq!(teams[0].rating, Some(1623.58));
    assert_eq!(teams[1].rating, Some(1480.0), "integer rating");
}

#[tokio::test]
async fn teams_sends_the_page() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/teams"))
        .and(query_param("page", "2"))
        .respond_with(common::json_fixture("teams__legacy_2018"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    let client = common::client(&server);
    let request = client.all_teams().page(2);
    assert_eq!(request.query_string(), "page=2");
    let teams = request.await.unwrap();
    assert_eq!(teams.len(), 2);
    assert_eq!(teams[1].team_id, TeamId(2_519_320));
}

#[test]
fn teams_fixtures_decode() {
    let current: Vec<Team> = serde_json::from_str(&common::fixture("teams__current")).unwrap();
    assert_eq!(current[0].delta, Some(-3.5012));
    assert_eq!(current[0].match_id, Some(MatchId(7_790_455_555)));
    assert_eq!(
        current[0].logo_url.as_deref(),
        Some("https://cdn.example/team_logos/7119388.png")
    );
    assert_eq!(current[1].logo_url, None, "null logo_url");
    assert_eq!(current[1].delta, None, "absent delta");
    let unrated = &current[2];
    assert_eq!(unrated.team_id, TeamId(9_300_001));
    assert_eq!(
        (unrated.rating, unrated.wins, unrated.losses),
        (None, None, None)
    );
    assert_eq!(unrated.name, None);
    assert_eq!(unrated.tag, None, "empty tag is None");

    let legacy: Vec<Team> = serde_json::from_str(&common::fixture("teams__legacy_2018")).unwrap();
    assert_eq!(legacy[0].team_id, TeamId(15));
    assert_eq!(legacy[0].rating, Some(1577.42));
    assert_eq!(legacy[0].wins, Some(901));
    assert_eq!(legacy[0].last_match_time, Some(1_535_000_000));
    assert_eq!(legacy[1].rating, Some(1390.0));
    assert_eq!(legacy[1].tag.as_deref(), Some("(lemur)"));
    assert_eq!(legacy[1].match_id, None, "2018 rows have no match_id");
}

#[tokio::test]
async fn team_get_reads_the_object() {
    let server = serve("/api/teams/7119388", "teams_get__current").await;
    let team = common::client(&server)
        .teams(7_119_388u64)
        .get()
        .await
        .unwrap();
    assert_eq!(team.team_id, TeamId(7_119_388));
    assert_eq!(team.name.as_deref(), Some("Northern Lights"));
    assert_eq!(team.tag.as_deref(), Some("NL"));
    assert_eq!((team.wins, team.losses), (Some(512), Some(298)));
    assert_eq!(team.last_match_time, Some(1_719_850_123));
}

#[test]
fn team_get_fixture_decodes() {
    let team: Team = serde_json::from_str(&common::fixture("teams_get__current")).unwrap();
    assert_eq!(team.rating, Some(1623.58));
    assert_eq!(team.delta, Some(-3.5012));
}

#[tokio::test]
async fn team_get_empty_body_is_not_found() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/teams/1"))
        .respond_with(ResponseTemplate::new(200).insert_header("content-type", "application/json"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    let err = common::client(&server)
        .teams(TeamId(1))
        .get()
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::NotFound { ref path } if path == "/api/teams/1"),
        "{err:?}"
    );
}

#[tokio::test]
async fn team_matches_reads_the_real_array() {
    let server = serve("/api/teams/7119388/matches", "teams_matches__current").await;
    let matches = common::client(&server)
        .teams(7_119_388u64)
        .matches()
        .await
        .unwrap();
    assert_eq!(matches.len(), 3);
    let first = &matches[0];
    assert_eq!(first.match_id, MatchId(7_790_455_555));
    assert_eq!(first.radiant, Some(true));
    assert_eq!(first.radiant_win, Some(false));
    assert_eq!(first.won(), Some(false));
    assert_eq!(first.leagueid, Some(LeagueId(16935)));
    assert_eq!(first.cluster, Some(133));
    assert_eq!(first.opposing_team_id, Some(TeamId(8_291_895)));
    assert_eq!(matches[1].won(), Some(true), "dire side, dire won");
    assert_eq!(matches[1].opposing_team_name, None);
    assert_eq!(matches[2].radiant_win, None);
    assert_eq!(matches[2].won(), None, "unknown result");
    assert_eq!(matches[2].opposing_team_name, None, "empty name is None");
}

#[tokio::test]
async fn team_matches_reads_the_spec_object() {
    let server = serve("/api/teams/7119388/matches", "teams_matches__spec_object").await;
    let matches = common::client(&server)
        .teams(7_119_388u64)
        .matches()
        .await
        .unwrap();
    assert_eq!(matches.len(), 1);
    assert_eq!(matches[0].radiant, Some(true), "1 is true");
    assert_eq!(matches[0].radiant_win, Some(false), "0 is false");
    assert_eq!(matches[0].radiant_score, Some(22), "numeric string");
    assert_eq!(matches[0].won(), Some(false));
}

#[test]
fn team_matches_fixtures_decode() {
    let rows: Vec<TeamMatch> =
        serde_json::from_str(&common::fixture("teams_matches__current")).unwrap();
    assert_eq!(
        rows[1].league_name.as_deref(),
        Some("Harbour Masters Series 2024")
    );
    assert_eq!(rows[2].duration, Some(0));
    let one: TeamMatch =
        serde_json::from_str(&common::fixture("teams_matches__spec_object")).unwrap();
    assert_eq!(one.dire_score, Some(37));
}

#[tokio::test]
async fn team_players_reads_the_real_array() {
    let server = serve("/api/teams/7119388/players", "teams_players__current").await;
    let players = common::client(&server)
        .teams(7_119_388u64)
        .players()
        .await
        .unwrap();
    assert_eq!(players.len(), 4);
    assert_eq!(players[0].account_id, Some(AccountId(311_360_822)));
    assert_eq!(players[0].name.as_deref(), Some("Aurora"));
    assert_eq!(
        (players[0].games_played, players[0].wins),
        (Some(402), Some(251))
    );
    assert_eq!(players[0].is_current_team_member, Some(true));
    assert_eq!(players[1].name, None);
    assert_eq!(players[1].is_current_team_member, None);
    assert_eq!(players[2].is_current_team_member, Some(false));
    assert_eq!(players[3].account_id, None, "anonymous players' row");
}

#[tokio::test]
async fn team_players_reads_the_spec_object() {
    let server = serve("/api/teams/7119388/players", "teams_players__spec_object").await;
    let players = common::client(&server)
        .teams(7_119_388u64)
        .players()
        .await
        .unwrap();
    assert_eq!(players.len(), 1);
    assert_eq!(
        players[0].account_id,
        Some(AccountId(311_360_822)),
        "string id"
    );
    assert_eq!(players[0].games_played, Some(402), "numeric string");
}

#[test]
fn team_players_fixtures_decode() {
    let rows: Vec<TeamPlayer> =
        serde_json::from_str(&common::fixture("teams_players__current")).unwrap();
    assert_eq!(rows[2].name.as_deref(), Some("Borealis"));
    assert_eq!(rows[3].games_played, Some(3));
    let one: TeamPlayer =
        serde_json::from_str(&common::fixture("teams_players__spec_object")).unwrap();
    assert_eq!(one.wins, Some(251));
}

#[tokio::test]
async fn team_heroes_reads_the_real_array() {
    let server = serve("/api/teams/7119388/heroes", "teams_heroes__current").await;
    let heroes = common::client(&server)
        .teams(7_119_388u64)
        .heroes()
        .await
        .unwrap();
    assert_eq!(heroes.len(), 3);
    assert_eq!(heroes[0].hero_id, HeroId(129));
    assert_eq!(
        heroes[0].localized_name.as_deref(),
        Some("Mars"),
        "localized_name key"
    );
    assert_eq!(
        (heroes[0].games_played, heroes[0].wins),
        (Some(61), Some(38))
    );
    assert_eq!(heroes[2].localized_name, None);
    assert_eq!(heroes[2].wins, Some(0));
}

#[tokio::test]
async fn team_heroes_reads_the_spec_object() {
    let server = serve("/api/teams/7119388/heroes", "teams_heroes__spec_object").await;
    let heroes = common::client(&server)
        .teams(7_119_388u64)
        .heroes()
        .await
        .unwrap();
    assert_eq!(heroes.len(), 1);
    assert_eq!(heroes[0].hero_id, HeroId(1), "string hero id");
    assert_eq!(
        heroes[0].localized_name.as_deref(),
        Some("Anti-Mage"),
        "spec's name key"
    );
}

#[test]
fn team_heroes_fixtures_decode() {
    let rows: Vec<TeamHero> =
        serde_json::from_str(&common::fixture("teams_heroes__current")).unwrap();
    assert_eq!(rows[1].localized_name.as_deref(), Some("Pudge"));
    let one: TeamHero =
        serde_json::from_str(&common::fixture("teams_heroes__spec_object")).unwrap();
    assert_eq!(one.games_played, Some(12));
}

#[test]
fn team_handler_keeps_its_id() {
    let client = opendota_sdk::Client::try_new().unwrap();
    assert_eq!(client.teams(2163u64).id(), TeamId(2163));
}
