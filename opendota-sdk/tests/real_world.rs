//! Every captured response in `../shared/reference/opendota/real/` and `samples/` (kept outside
//! the repository) is served as the real server does (`Content-Type: application/json;
//! charset=utf-8`) through the typed method that would receive it, and the typed value,
//! serialised again, must keep every field of the JSON ([`opendota_sdk::unknown_fields`] finds
//! none) and every non-null value, except the deliberate omissions in [`OMITTED`] and the
//! crate's readings of "none" (a blank string, `-1` on an unsigned field, `0` as a hero id and,
//! where OpenDota means "no league", as a league id). Skipped, with a note, where that folder is
//! absent.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use opendota_sdk::{Client, Result};
use serde::Serialize;
use serde_json::Value;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Fields the models leave out on purpose, as `<file prefix>: <path>` in the form
/// [`opendota_sdk::unknown_fields`] writes (`[]` stands for any index, `{}` for any numeric key
/// of a map). A blank string that reads as `None` is not a loss: that is how the crate models
/// OpenDota's `""` for "unknown" everywhere.
const OMITTED: &[&str] = &[
    // node-postgres internals that old servers leaked beside `rows` (the result object was
    // serialised whole); they describe the driver, not the data.
    "distributions: country_mmr.RowCtor",
    "distributions: country_mmr._parsers",
    "distributions: country_mmr.command",
    "distributions: country_mmr.fields",
    "distributions: country_mmr.oid",
    "distributions: country_mmr.rowAsArray",
    "distributions: country_mmr.rowCount",
    "distributions: mmr.RowCtor",
    "distributions: mmr._parsers",
    "distributions: mmr.fields",
    "distributions: mmr.oid",
    "distributions: mmr.rowAsArray",
    "distributions: ranks.RowCtor",
    "distributions: ranks._parsers",
    "distributions: ranks.fields",
    "distributions: ranks.oid",
    "distributions: ranks.rowAsArray",
    "explorer: RowCtor",
    "explorer: _parsers",
    "explorer: oid",
    "explorer: rowAsArray",
    // Item-count maps drop `"dust": null` (no purchase); the counts that exist are all kept.
    "matches: players[].purchase.dust",
    "matches_match_parsed: players[].purchase.dust",
    "matches_match_web_4080856812: players[].purchase.dust",
];

fn reference_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/reference/opendota");
    dir.is_dir().then_some(dir)
}

fn to_value<T>(result: Result<T>) -> Result<Value>
where
    T: Serialize,
{
    result.map(|v| serde_json::to_value(v).unwrap())
}

/// The API path a capture was answered at, and the typed call that reads it.
async fn call(client: &Client, file: &str) -> (&'static str, Result<Value>) {
    let stem = file.split("__").next().unwrap().trim_end_matches(".json");
    let stem = stem
        .strip_suffix("_legacy")
        .or_else(|| stem.strip_suffix("_legacy_elasticsearch"))
        .unwrap_or(stem);
    let stem = match stem {
        s if s.starts_with("matches_match") => "matches",
        s if s.starts_with("players_matches_") => "players_matches",
        s => s,
    };
    let player = || client.players(1_u32);
    match stem {
        "benchmarks" => ("/benchmarks", to_value(client.heroes(1).benchmarks().await)),
        "rankings" => ("/rankings", to_value(client.heroes(1).rankings().await)),
        "constants_heroes" => (
            "/constants/heroes",
            to_value(client.constants().heroes().await),
        ),
        "constants_cluster" => (
            "/constants/cluster",
            to_value(client.constants().clusters().await),
        ),
        "constants_game_mode" => (
            "/constants/game_mode",
            to_value(client.constants().game_modes().await),
        ),
        "constants_lobby_type" => (
            "/constants/lobby_type",
            to_value(client.constants().lobby_types().await),
        ),
        "constants_patch" => (
            "/constants/patch",
            to_value(client.constants().patches().await),
        ),
        "constants_region" => (
            "/constants/region",
            to_value(client.constants().regions().await),
        ),
        "constants_item_ids" => (
            "/constants/item_ids",
            client.constants().raw("item_ids").await,
        ),
        "distributions" => ("/distributions", to_value(client.distributions().await)),
        "explorer" => ("/explorer", to_value(client.explorer("select 1").await)),
        "findMatches" => ("/findMatches", to_value(client.find_matches().await)),
        "heroStats" => ("/heroStats", to_value(client.hero_stats().await)),
        "heroes" => ("/heroes", to_value(client.all_heroes().await)),
        "heroes_itemPopularity" => (
            "/heroes/1/itemPopularity",
            to_value(client.heroes(1).item_popularity().await),
        ),
        "leagues" => ("/leagues", to_value(client.all_leagues().await)),
        "live" => ("/live", to_value(client.live().await)),
        "matches" => ("/matches/1", to_value(client.matches(1_u64).get().await)),
        "metadata" => ("/metadata", to_value(client.metadata().await)),
        "players" | "players_account" => ("/players/1", to_value(player().get().await)),
        "players_counts" => ("/players/1/counts", to_value(player().counts().await)),
        "players_heroes" => ("/players/1/heroes", to_value(player().heroes().await)),
        "players_histograms_kills" => (
            "/players/1/histograms/kills",
            to_value(player().histograms("kills").await),
        ),
        "players_matches" => ("/players/1/matches", to_value(player().matches().await)),
        "players_peers" => ("/players/1/peers", to_value(player().peers().await)),
        "players_pros" => ("/players/1/pros", to_value(player().pros().await)),
        "players_rankings" => ("/players/1/rankings", to_value(player().rankings().await)),
        "players_ratings" => ("/players/1/ratings", to_value(player().ratings().await)),
        "players_recentMatches" => (
            "/players/1/recentMatches",
            to_value(player().recent_matches().await),
        ),
        "players_totals" => ("/players/1/totals", to_value(player().totals().await)),
        "players_wl" => ("/players/1/wl", to_value(player().wl().await)),
        "proMatches" => ("/proMatches", to_value(client.pro_matches().await)),
        "proPlayers" => ("/proPlayers", to_value(client.pro_players().await)),
        "publicMatches" => ("/publicMatches", to_value(client.public_matches().await)),
        "records_kills" => ("/records/kills", to_value(client.records("kills").await)),
        "schema" => ("/schema", to_value(client.schema().await)),
        "scenarios_itemTimings" => (
            "/scenarios/itemTimings",
            to_value(client.scenarios().item_timings().await),
        ),
        "scenarios_laneRoles" => (
            "/scenarios/laneRoles",
            to_value(client.scenarios().lane_roles().await),
        ),
        "search" => ("/search", to_value(client.search("x").await)),
        "teams" => ("/teams", to_value(client.all_teams().await)),
        "teams_heroes" => (
            "/teams/1/heroes",
            to_value(client.teams(1_u64).heroes().await),
        ),
        "teams_matches" => (
            "/teams/1/matches",
            to_value(client.teams(1_u64).matches().await),
        ),
        "teams_players" => (
            "/teams/1/players",
            to_value(client.teams(1_u64).players().await),
        ),
        other => panic!("{file}: no typed method is mapped for `{other}`"),
    }
}

/// Collects, into `lost`, the paths where `original` has a non-null value that became null in
/// `typed`, or an array whose length changed (the fields `typed` lacks are
/// [`opendota_sdk::unknown_fields`]). Paths are written as that function writes them.
fn compare(original: &Value, typed: &Value, at: &str, lost: &mut BTreeSet<String>) {
    match (original, typed) {
        (Value::Object(o), Value::Object(t)) => {
            for (key, value) in o {
                if let Some(typed) = t.get(key) {
                    compare(value, typed, &child(at, key), lost);
                }
            }
        }
        (Value::Array(o), Value::Array(t)) => {
            if o.len() != t.len() {
                lost.insert(format!("{at} (length {} → {})", o.len(), t.len()));
            }
            for (value, typed) in o.iter().zip(t) {
                compare(value, typed, &format!("{at}[]"), lost);
            }
        }
        (Value::Null, _) => {}
        (Value::String(s), Value::Null) if s.trim().is_empty() => {}
        // OpenDota's sentinels for "none" read as `None` (see `Lenient::is_none_sentinel`).
        (Value::Number(n), Value::Null) if n.as_i64() == Some(-1) => {}
        (Value::Number(n), Value::Null) if n.as_i64() == Some(0) && is_zero_as_none(at) => {}
        (_, Value::Null) => {
            lost.insert(format!("{at} (value → null)"));
        }
        _ => {}
    }
}

/// The fields where `0` reads as `None`: optional hero ids, a match's `leagueid` and a live
/// game's `league_id` (`crate::models::zero_is_none`).
fn is_zero_as_none(at: &str) -> bool {
    at.ends_with("hero_id") || at == "leagueid" || at == "[].league_id" || at == "[].team_id"
}

/// `at.key`, with a numeric map key (an id) written `{}`, as `unknown_fields` writes it.
fn child(at: &str, key: &str) -> String {
    let key = if !key.is_empty() && key.chars().all(|c| c.is_ascii_digit() || c == '-') {
        "{}"
    } else {
        key
    };
    if at.is_empty() {
        key.to_owned()
    } else {
        format!("{at}.{key}")
    }
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn every_capture_decodes_typed_and_keeps_every_field() {
    let Some(dir) = reference_dir() else {
        eprintln!("skipped: ../shared/reference/opendota is not beside this checkout");
        return;
    };
    let server = MockServer::start().await;
    let client = common::client(&server);
    let mut failures = Vec::new();
    for folder in ["real", "samples"] {
        for file in files(&dir.join(folder)) {
            let prefix = file.split("__").next().unwrap().trim_end_matches(".json");
            let body = std::fs::read(dir.join(folder).join(&file)).unwrap();
            let original: Value = serde_json::from_slice(&body).unwrap();
            server.reset().await;
            Mock::given(method("GET"))
                .respond_with(
                    ResponseTemplate::new(200)
                        .insert_header("content-type", "application/json; charset=utf-8")
                        .set_body_bytes(body),
                )
                .expect(1)
                .mount(&server)
                .await;
            let (route, typed) = call(&client, &file).await;
            server.verify().await;
            let requests = server.received_requests().await.unwrap();
            assert_eq!(requests[0].url.path(), format!("/api{route}"), "{file}");
            let typed = match typed {
                Ok(typed) => typed,
                Err(e) => {
                    failures.push(format!("{folder}/{file}: {e}"));
                    continue;
                }
            };
            let mut lost = opendota_sdk::unknown_fields(&original, &typed);
            compare(&original, &typed, "", &mut lost);
            let lost: BTreeSet<String> = lost
                .into_iter()
                .filter(|p| {
                    let entry = format!("{prefix}: {p}");
                    !OMITTED.contains(&entry.as_str())
                })
                .collect();
            for p in lost {
                failures.push(format!("{folder}/{file}: {p}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} gaps:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
