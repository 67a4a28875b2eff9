//! `opendota_drift` against a local server that answers every operation with a fixture shaped
//! like the spec, and again with the legacy shapes of the real samples where they exist.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

use std::path::PathBuf;

use examples::drift::{self, DriftArgs, OPERATIONS};
use opendota_sdk::{Client, RateLimit};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Every operation of the spec: method, path with the default [`DriftArgs`], fixture.
const ROUTES: &[(&str, &str, &str)] = &[
    ("GET", "/matches/3254426673", "matches_get__current"),
    ("GET", "/players/86745912", "players_get__current"),
    ("GET", "/players/86745912/wl", "players_wl__current"),
    (
        "GET",
        "/players/86745912/recentMatches",
        "players_recent_matches__current",
    ),
    (
        "GET",
        "/players/86745912/matches",
        "players_matches__current",
    ),
    ("GET", "/players/86745912/heroes", "players_heroes__current"),
    ("GET", "/players/86745912/peers", "players_peers__current"),
    ("GET", "/players/86745912/pros", "players_pros__current"),
    ("GET", "/players/86745912/totals", "players_totals__current"),
    ("GET", "/players/86745912/counts", "players_counts__current"),
    (
        "GET",
        "/players/86745912/histograms/kills",
        "players_histograms__current",
    ),
    (
        "GET",
        "/players/86745912/wardmap",
        "players_wardmap__current",
    ),
    (
        "GET",
        "/players/86745912/wordcloud",
        "players_wordcloud__current",
    ),
    (
        "GET",
        "/players/86745912/ratings",
        "players_ratings__current",
    ),
    (
        "GET",
        "/players/86745912/rankings",
        "players_rankings__current",
    ),
    (
        "POST",
        "/players/86745912/refresh",
        "players_refresh__current",
    ),
    ("GET", "/topPlayers", "top_players__current"),
    ("GET", "/proPlayers", "pro_players__current"),
    ("GET", "/proMatches", "pro_matches__current"),
    ("GET", "/publicMatches", "public_matches__current"),
    ("GET", "/parsedMatches", "parsed_matches__current"),
    ("GET", "/explorer", "explorer__current"),
    ("GET", "/metadata", "metadata__current"),
    ("GET", "/distributions", "distributions__current"),
    ("GET", "/search", "search__sml_with_exact_id"),
    ("GET", "/rankings", "rankings__current"),
    ("GET", "/benchmarks", "benchmarks__current"),
    ("GET", "/health", "health__current"),
    ("GET", "/request/1", "request_get__current"),
    ("POST", "/request/3254426673", "request_post__current"),
    ("GET", "/findMatches", "find_matches__current"),
    ("GET", "/heroes", "heroes__current"),
    ("GET", "/heroStats", "hero_stats__current"),
    ("GET", "/heroes/1/matches", "heroes_matches__current"),
    ("GET", "/heroes/1/matchups", "heroes_matchups__current"),
    ("GET", "/heroes/1/durations", "heroes_durations__current"),
    ("GET", "/heroes/1/players", "heroes_players__current"),
    (
        "GET",
        "/heroes/1/itemPopularity",
        "heroes_item_popularity__current",
    ),
    ("GET", "/leagues", "leagues__current"),
    ("GET", "/leagues/5399", "leagues_get__current"),
    ("GET", "/leagues/5399/matches", "leagues_matches__current"),
    (
        "GET",
        "/leagues/5399/matchIds",
        "leagues_match_ids__current",
    ),
    ("GET", "/leagues/5399/teams", "leagues_teams__current"),
    ("GET", "/teams", "teams__current"),
    ("GET", "/teams/15", "teams_get__current"),
    ("GET", "/teams/15/matches", "teams_matches__current"),
    ("GET", "/teams/15/players", "teams_players__current"),
    ("GET", "/teams/15/heroes", "teams_heroes__current"),
    ("GET", "/records/kills", "records__current"),
    ("GET", "/live", "live__current"),
    (
        "GET",
        "/scenarios/itemTimings",
        "scenarios_item_timings__current",
    ),
    (
        "GET",
        "/scenarios/laneRoles",
        "scenarios_lane_roles__current",
    ),
    ("GET", "/scenarios/misc", "scenarios_misc__current"),
    ("GET", "/schema", "schema__current"),
    ("GET", "/constants/heroes", "constants_heroes__current"),
];

/// The operations whose real samples came in an older shape, and the fixture written after it.
const LEGACY: &[(&str, &str)] = &[
    ("/matches/3254426673", "matches_get__legacy_2018"),
    ("/players/86745912", "players_get__legacy_mmr_estimate"),
    (
        "/players/86745912/recentMatches",
        "players_recent_matches__legacy_2018",
    ),
    (
        "/players/86745912/matches",
        "players_matches__legacy_sort_kills",
    ),
    (
        "/players/86745912/heroes",
        "players_heroes__legacy_string_hero_id",
    ),
    (
        "/players/86745912/ratings",
        "players_ratings__legacy_solo_competitive_rank",
    ),
    ("/topPlayers", "top_players__legacy_computed_rating"),
    ("/publicMatches", "public_matches__legacy_comma_teams"),
    ("/metadata", "metadata__legacy_cheese"),
    ("/distributions", "distributions__legacy_pg_results"),
    ("/search", "search__legacy_similarity"),
    ("/heroStats", "hero_stats__legacy_hero_id"),
    ("/heroes/1/players", "heroes_players__spec_nested"),
    ("/leagues/5399", "leagues_get__spec_array"),
    ("/leagues/5399/matches", "leagues_matches__spec_object"),
    ("/leagues/5399/matchIds", "leagues_match_ids__spec_strings"),
    ("/leagues/5399/teams", "leagues_teams__spec_object"),
    ("/teams", "teams__legacy_2018"),
    ("/teams/15/matches", "teams_matches__spec_object"),
    ("/teams/15/players", "teams_players__spec_object"),
    ("/teams/15/heroes", "teams_heroes__spec_object"),
    ("/records/kills", "records__legacy_strings"),
    ("/health", "health__legacy_threshold"),
];

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/opendota")
        .join(format!("{name}.json"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

async fn fake_opendota(overrides: &[(&str, &str)]) -> MockServer {
    let server = MockServer::start().await;
    for &(verb, route, name) in ROUTES {
        let name = overrides
            .iter()
            .find(|(r, _)| *r == route)
            .map_or(name, |(_, legacy)| legacy);
        Mock::given(method(verb))
            .and(path(format!("/api{route}")))
            .respond_with(ResponseTemplate::new(200).set_body_string(fixture(name)))
            .expect(1)
            .mount(&server)
            .await;
    }
    server
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(format!("{}/api", server.uri()))
        .rate_limit(RateLimit::Disabled)
        .build()
        .unwrap()
}

#[tokio::test]
async fn every_operation_decodes_the_spec_shape() {
    assert_eq!(ROUTES.len(), OPERATIONS);
    let server = fake_opendota(&[]).await;
    let checks = drift::run(&client(&server), &DriftArgs::default()).await;
    let report = drift::report(&checks);
    assert_eq!(checks.len(), 55);
    assert!(report.ends_with("55/55 ok\n"), "{report}");
    assert!(!report.contains("FAIL"), "{report}");
}

#[tokio::test]
async fn every_operation_decodes_the_legacy_samples_too() {
    let server = fake_opendota(LEGACY).await;
    let checks = drift::run(&client(&server), &DriftArgs::default()).await;
    let report = drift::report(&checks);
    assert!(report.ends_with("55/55 ok\n"), "{report}");
}

#[tokio::test]
async fn a_drifted_shape_is_reported_with_its_json_path() {
    let server =
        fake_opendota(&[("/players/86745912/wl", "players_wl__drifted_not_a_number")]).await;
    let checks = drift::run(&client(&server), &DriftArgs::default()).await;
    let report = drift::report(&checks);
    assert!(report.ends_with("54/55 ok\n"), "{report}");
    let line = report
        .lines()
        .find(|l| l.starts_with("FAIL"))
        .expect("one failure");
    assert!(line.contains("GET /players/{account_id}/wl"), "{line}");
    assert!(line.contains("`win`"), "the JSON path is named: {line}");
}
