//! `opendota_drift` against a local server that answers every operation with a fixture shaped
//! like the spec, and again with the legacy shapes of the real samples where they exist; then
//! `--unknown-fields` and `--strict`, through the library and through the binary itself.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

use std::path::PathBuf;
use std::process::{Command, Output};

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
    fake_opendota_with(overrides, &[]).await
}

/// Every operation answered once: by its fixture, another fixture named in `overrides`, or the
/// JSON written in `bodies`.
async fn fake_opendota_with(overrides: &[(&str, &str)], bodies: &[(&str, &str)]) -> MockServer {
    let server = MockServer::start().await;
    for &(verb, route, name) in ROUTES {
        let name = overrides
            .iter()
            .find(|(r, _)| *r == route)
            .map_or(name, |(_, legacy)| legacy);
        let body = bodies
            .iter()
            .find(|(r, _)| *r == route)
            .map_or_else(|| fixture(name), |(_, json)| (*json).to_owned());
        Mock::given(method(verb))
            .and(path(format!("/api{route}")))
            .respond_with(
                ResponseTemplate::new(200)
                    .insert_header("content-type", "application/json; charset=utf-8")
                    .set_body_string(body),
            )
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

/// A match with a field no model knows, at the top level and in every player.
const MATCH_WITH_NEW_FIELD: &str = r#"{
    "match_id": 3254426673,
    "duration": 2280,
    "radiant_win": true,
    "brand_new_field": "top level",
    "players": [
        {"account_id": 86745912, "player_slot": 0, "hero_id": 1, "kills": 9, "brand_new_field": 1},
        {"account_id": 4294967295, "player_slot": 128, "hero_id": 2, "kills": 3, "brand_new_field": 2}
    ]
}"#;

/// The same match without it.
const MATCH_AS_MODELLED: &str = r#"{
    "match_id": 3254426673,
    "duration": 2280,
    "radiant_win": true,
    "players": [
        {"account_id": 86745912, "player_slot": 0, "hero_id": 1, "kills": 9},
        {"account_id": 4294967295, "player_slot": 128, "hero_id": 2, "kills": 3}
    ]
}"#;

const MATCH_ROUTE: &str = "/matches/3254426673";

/// Answers the models know entirely, for the two operations whose spec-shaped fixtures carry
/// fields the models do not keep yet (`/topPlayers`: `profile_time`, `rank_tier_time`,
/// `rating`; `/proMatches`: `version`), so that the tests see only the field they add.
const TOP_PLAYERS: &str = r#"[
    {"account_id": 301200001, "computed_mmr": 9412.5, "personaname": "first light"}
]"#;
const PRO_MATCHES: &str = r#"[
    {"match_id": 8012399001, "duration": 2611, "radiant_name": "Copper Hawks", "leagueid": 17001}
]"#;

/// Every operation answered with what the models know, and the match with `match_body`.
fn known_answers(match_body: &'static str) -> [(&'static str, &'static str); 3] {
    [
        (MATCH_ROUTE, match_body),
        ("/topPlayers", TOP_PLAYERS),
        ("/proMatches", PRO_MATCHES),
    ]
}

/// The report of a run where every operation succeeds, as it is without `--unknown-fields`.
const ALL_OK: &str = "\
ok    GET /matches/{match_id}
ok    GET /players/{account_id}
ok    GET /players/{account_id}/wl
ok    GET /players/{account_id}/recentMatches
ok    GET /players/{account_id}/matches
ok    GET /players/{account_id}/heroes
ok    GET /players/{account_id}/peers
ok    GET /players/{account_id}/pros
ok    GET /players/{account_id}/totals
ok    GET /players/{account_id}/counts
ok    GET /players/{account_id}/histograms/{field}
ok    GET /players/{account_id}/wardmap
ok    GET /players/{account_id}/wordcloud
ok    GET /players/{account_id}/ratings
ok    GET /players/{account_id}/rankings
ok    POST /players/{account_id}/refresh
ok    GET /topPlayers
ok    GET /proPlayers
ok    GET /proMatches
ok    GET /publicMatches
ok    GET /parsedMatches
ok    GET /explorer
ok    GET /metadata
ok    GET /distributions
ok    GET /search
ok    GET /rankings
ok    GET /benchmarks
ok    GET /health
ok    GET /request/{jobId}
ok    POST /request/{match_id}
ok    GET /findMatches
ok    GET /heroes
ok    GET /heroStats
ok    GET /heroes/{hero_id}/matches
ok    GET /heroes/{hero_id}/matchups
ok    GET /heroes/{hero_id}/durations
ok    GET /heroes/{hero_id}/players
ok    GET /heroes/{hero_id}/itemPopularity
ok    GET /leagues
ok    GET /leagues/{league_id}
ok    GET /leagues/{league_id}/matches
ok    GET /leagues/{league_id}/matchIds
ok    GET /leagues/{league_id}/teams
ok    GET /teams
ok    GET /teams/{team_id}
ok    GET /teams/{team_id}/matches
ok    GET /teams/{team_id}/players
ok    GET /teams/{team_id}/heroes
ok    GET /records/{field}
ok    GET /live
ok    GET /scenarios/itemTimings
ok    GET /scenarios/laneRoles
ok    GET /scenarios/misc
ok    GET /schema
ok    GET /constants/{resource}
55/55 ok
";

const NEW_FIELD_LISTED: &str = "\
new   GET /matches/{match_id}: brand_new_field
new   GET /matches/{match_id}: players[].brand_new_field
2 unknown fields in 1 of 55 operations
";

const NONE_LISTED: &str = "no unknown fields in 55 operations\n";

#[tokio::test]
async fn unknown_fields_name_the_new_field_at_the_top_and_in_array_elements() {
    let server = fake_opendota_with(&[], &known_answers(MATCH_WITH_NEW_FIELD)).await;
    let checks = drift::run_with_unknown_fields(&client(&server), &DriftArgs::default())
        .await
        .unwrap();
    assert_eq!(drift::report(&checks), ALL_OK);
    assert_eq!(drift::unknown_fields_report(&checks), NEW_FIELD_LISTED);
    let matches = &checks[0];
    assert_eq!(matches.operation, "GET /matches/{match_id}");
    assert_eq!(
        matches
            .unknown_fields
            .as_ref()
            .unwrap()
            .iter()
            .collect::<Vec<_>>(),
        ["brand_new_field", "players[].brand_new_field"]
    );
    assert!(drift::passed(&checks, false), "unknown fields alone pass");
    assert!(!drift::passed(&checks, true), "but not a strict run");
}

#[tokio::test]
async fn an_answer_the_models_know_has_no_unknown_fields() {
    let server = fake_opendota_with(&[], &known_answers(MATCH_AS_MODELLED)).await;
    let checks = drift::run_with_unknown_fields(&client(&server), &DriftArgs::default())
        .await
        .unwrap();
    assert_eq!(drift::report(&checks), ALL_OK);
    assert_eq!(drift::unknown_fields_report(&checks), NONE_LISTED);
    assert!(checks[0].unknown_fields.as_ref().unwrap().is_empty());
    assert!(drift::passed(&checks, true));
}

#[tokio::test]
async fn without_the_flag_the_report_is_unchanged() {
    let server = fake_opendota_with(&[], &known_answers(MATCH_WITH_NEW_FIELD)).await;
    let checks = drift::run(&client(&server), &DriftArgs::default()).await;
    assert_eq!(drift::report(&checks), ALL_OK);
    assert!(checks.iter().all(|c| c.unknown_fields.is_none()));
}

#[tokio::test]
async fn a_failed_operation_is_reported_as_before_and_not_compared() {
    let server = fake_opendota_with(
        &[("/players/86745912/wl", "players_wl__drifted_not_a_number")],
        &known_answers(MATCH_WITH_NEW_FIELD),
    )
    .await;
    let checks = drift::run_with_unknown_fields(&client(&server), &DriftArgs::default())
        .await
        .unwrap();
    let report = drift::report(&checks);
    assert!(report.ends_with("54/55 ok\n"), "{report}");
    let line = report.lines().find(|l| l.starts_with("FAIL")).unwrap();
    assert!(
        line.starts_with("FAIL  GET /players/{account_id}/wl: "),
        "{line}"
    );
    assert!(line.contains("`win`"), "the JSON path is named: {line}");
    assert!(checks[2].unknown_fields.is_none());
    assert_eq!(
        drift::unknown_fields_report(&checks),
        "\
new   GET /matches/{match_id}: brand_new_field
new   GET /matches/{match_id}: players[].brand_new_field
2 unknown fields in 1 of 54 operations
"
    );
    assert!(!drift::passed(&checks, false));
}

/// Runs the `opendota_drift` binary against `server` with `flags`.
async fn opendota_drift(server: &MockServer, flags: &[&str]) -> Output {
    let base = format!("{}/api", server.uri());
    let flags: Vec<String> = flags.iter().map(|&f| f.to_owned()).collect();
    tokio::task::spawn_blocking(move || {
        Command::new(env!("CARGO_BIN_EXE_opendota_drift"))
            .args(flags)
            .env("OPENDOTA_BASE_URL", base)
            // With a key the client sets no per-minute limit of its own (the POST that costs
            // 10 units would otherwise wait a few seconds).
            .env("OPENDOTA_API_KEY", "00000000-0000-0000-0000-000000000000")
            .output()
            .unwrap()
    })
    .await
    .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[tokio::test]
async fn the_binary_prints_the_same_report_without_the_flag_and_exits_0() {
    let server = fake_opendota_with(&[], &known_answers(MATCH_WITH_NEW_FIELD)).await;
    let output = opendota_drift(&server, &[]).await;
    let header = format!("checking 55 operations against {}/api\n", server.uri());
    assert_eq!(stdout(&output), format!("{header}{ALL_OK}"));
    assert_eq!(output.status.code(), Some(0));
}

#[tokio::test]
async fn the_binary_lists_unknown_fields_and_still_exits_0() {
    let server = fake_opendota_with(&[], &known_answers(MATCH_WITH_NEW_FIELD)).await;
    let output = opendota_drift(&server, &["--unknown-fields"]).await;
    let header = format!("checking 55 operations against {}/api\n", server.uri());
    assert_eq!(
        stdout(&output),
        format!("{header}{ALL_OK}{NEW_FIELD_LISTED}")
    );
    assert_eq!(output.status.code(), Some(0));
}

#[tokio::test]
async fn the_binary_exits_1_on_an_unknown_field_when_strict() {
    let server = fake_opendota_with(&[], &known_answers(MATCH_WITH_NEW_FIELD)).await;
    let output = opendota_drift(&server, &["--strict"]).await;
    assert!(
        stdout(&output).ends_with(NEW_FIELD_LISTED),
        "{}",
        stdout(&output)
    );
    assert_eq!(output.status.code(), Some(1));
}

#[tokio::test]
async fn the_binary_exits_0_when_strict_finds_nothing() {
    let server = fake_opendota_with(&[], &known_answers(MATCH_AS_MODELLED)).await;
    let output = opendota_drift(&server, &["--strict"]).await;
    let header = format!("checking 55 operations against {}/api\n", server.uri());
    assert_eq!(stdout(&output), format!("{header}{ALL_OK}{NONE_LISTED}"));
    assert_eq!(output.status.code(), Some(0));
}

#[tokio::test]
async fn the_binary_exits_1_when_an_operation_fails_with_or_without_the_flag() {
    for flags in [&[][..], &["--unknown-fields"][..]] {
        let server =
            fake_opendota(&[("/players/86745912/wl", "players_wl__drifted_not_a_number")]).await;
        let output = opendota_drift(&server, flags).await;
        let out = stdout(&output);
        assert!(out.contains("\n54/55 ok\n"), "{flags:?}: {out}");
        assert!(
            out.contains("\nFAIL  GET /players/{account_id}/wl: "),
            "{flags:?}: {out}"
        );
        assert_eq!(output.status.code(), Some(1), "{flags:?}");
    }
}

#[tokio::test]
async fn the_binary_refuses_an_unknown_flag() {
    let server = MockServer::start().await;
    let output = opendota_drift(&server, &["--verbose"]).await;
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).is_empty());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("unknown flag --verbose"), "{stderr}");
}
