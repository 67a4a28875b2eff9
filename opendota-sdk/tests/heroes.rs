//! `GET /heroes`, `/heroStats`, `/heroes/{hero_id}/…`, `/rankings`, `/benchmarks`.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use opendota_sdk::models::heroes::{BenchmarkResult, HeroStats, ItemPopularity};
use opendota_sdk::{AccountId, HeroId, LeagueId, MatchId, Medal, RankTier};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer};

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

fn assert_close(actual: Option<f64>, expected: f64) {
    let actual = actual.expect("a value");
    assert!((actual - expected).abs() < 1e-9, "{actual} != {expected}");
}

#[tokio::test]
async fn list_decodes_heroes_with_legs_and_nulls() {
    let server = serve("/api/heroes", "heroes__current").await;
    let heroes = common::client(&server).all_heroes().await.unwrap();

    assert_eq!(heroes.len(), 3);
    assert_eq!(heroes[0].id, HeroId(1));
    assert_eq!(heroes[0].localized_name.as_deref(), Some("Anti-Mage"));
    assert_eq!(heroes[0].roles, ["Carry", "Escape", "Nuker"]);
    assert_eq!(heroes[0].legs, Some(2));
    let new_hero = &heroes[2];
    assert_eq!(new_hero.id, HeroId(155));
    assert!(new_hero.primary_attr.is_none());
    assert!(new_hero.roles.is_empty(), "null roles are an empty list");
    assert!(new_hero.legs.is_none());
}

#[tokio::test]
async fn stats_decodes_the_current_shape() {
    let server = serve("/api/heroStats", "hero_stats__current").await;
    let stats = common::client(&server).hero_stats().await.unwrap();

    assert_eq!(stats.len(), 2);
    let am = &stats[0];
    assert_eq!(am.id, HeroId(1));
    assert!(am.hero_id.is_none(), "current answers have only `id`");
    assert_eq!(am.base_health_regen, Some(0.75));
    assert_eq!(am.base_mana_regen, Some(0.5));
    assert!(am.turn_rate.is_none(), "null turn_rate");
    assert_eq!(am.herald_picks, Some(4100));
    assert_eq!(am.immortal_wins, Some(630));
    assert_eq!(am.bracket_picks(8), Some(1200));
    assert_eq!(am.bracket_wins(3), Some(5600));
    assert_eq!(am.bracket_picks(9), None);
    assert_close(am.bracket_win_rate(1), 0.5);
    assert_eq!(am.pro_ban, Some(31));
    assert_eq!(am.pub_pick, Some(51922));
    assert_eq!(am.pub_pick_trend.len(), 7);
    assert_eq!(am.pub_win_trend[6], 3800);
    assert_eq!(am.turbo_picks, Some(30500));
    assert_eq!(am.turbo_wins_trend[0], 2100);
    assert_close(am.pro_win_rate(), 7.0 / 12.0);

    let pudge = &stats[1];
    assert_eq!(pudge.base_armor, Some(-1.0));
    assert_eq!(pudge.turn_rate, Some(0.7));
    assert_eq!(pudge.pub_win_rate(), None, "no games, no win rate");
    assert_eq!(pudge.turbo_win_rate(), None);
}

#[test]
fn stats_decodes_the_2018_shape() {
    let stats: Vec<HeroStats> =
        serde_json::from_str(&common::fixture("hero_stats__legacy_hero_id")).unwrap();

    assert_eq!(stats.len(), 2);
    let axe = &stats[0];
    assert_eq!(axe.id, HeroId(2));
    assert_eq!(axe.hero_id, Some(HeroId(2)));
    assert_eq!(axe.base_armor, Some(-0.5));
    assert_eq!(axe.base_mana_regen, Some(0.6));
    assert!(axe.base_attack_time.is_none(), "absent in 2018");
    assert!(axe.day_vision.is_none());
    assert_eq!(axe.guardian_picks, Some(21000));
    assert_eq!(axe.bracket_picks(8), Some(81));
    assert!(axe.pub_pick.is_none(), "no pub_* in 2018");
    assert!(axe.pub_pick_trend.is_empty());
    assert!(axe.turbo_picks.is_none());
    assert_eq!(axe.null_pick, Some(1_904_311));
    assert_eq!(axe.null_win, Some(0));
    assert_eq!(stats[1].null_pick, None);
    assert_eq!(stats[1].localized_name.as_deref(), Some("Crystal Maiden"));
}

#[tokio::test]
async fn stats_keep_negative_base_attack_values() {
    // Served 2024-11 to 2025-02: base damage before the attribute bonus, negative for six heroes.
    let server = serve("/api/heroStats", "hero_stats__negative_attack").await;
    let stats = common::client(&server).hero_stats().await.unwrap();

    assert_eq!(stats[0].id, HeroId(65));
    assert_eq!(stats[0].base_attack_min, Some(-4));
    assert_eq!(stats[0].base_attack_max, Some(0));
    assert_eq!(stats[0].base_armor, Some(-1.0));
    assert_eq!(stats[0].base_health_regen, Some(-0.25));
    assert_eq!(stats[0].legs, Some(0));
    assert_eq!(stats[1].base_attack_min, Some(-1));
    assert_eq!(stats[1].base_attack_max, Some(5));
    assert_eq!(stats[1].pub_pick, Some(71_002));
}

#[tokio::test]
async fn matches_reuses_pro_match() {
    let server = serve("/api/heroes/1/matches", "heroes_matches__current").await;
    let matches = common::client(&server).heroes(1).matches().await.unwrap();

    assert_eq!(matches.len(), 2);
    assert_eq!(matches[0].match_id, MatchId(8_712_345_678));
    assert_eq!(matches[0].leagueid, Some(LeagueId(17420)));
    assert_eq!(matches[0].duration, Some(2411));
    assert_eq!(matches[0].radiant, Some(true));
    assert!(matches[1].league_name.is_none());
    assert_eq!(matches[1].radiant, Some(false));
}

#[tokio::test]
async fn matchups_decode_with_win_rates() {
    let server = serve("/api/heroes/1/matchups", "heroes_matchups__current").await;
    let matchups = common::client(&server)
        .heroes(HeroId(1))
        .matchups()
        .await
        .unwrap();

    assert_eq!(matchups.len(), 3);
    assert_eq!(matchups[0].hero_id, HeroId(14));
    assert_eq!(matchups[0].games_played, Some(48));
    assert_eq!(matchups[0].wins, Some(27));
    assert_close(matchups[0].win_rate(), 27.0 / 48.0);
    assert_close(matchups[2].win_rate(), 0.0);
}

#[tokio::test]
async fn durations_decode_numeric_bins() {
    let server = serve("/api/heroes/1/durations", "heroes_durations__current").await;
    let mut bins = common::client(&server).heroes(1).durations().await.unwrap();
    bins.sort_by_key(|b| b.duration_bin);

    let starts: Vec<_> = bins.iter().map(|b| b.duration_bin).collect();
    assert_eq!(starts, [Some(900), Some(1800), Some(3600)]);
    assert_eq!(bins[1].games_played, Some(210));
    assert_close(bins[0].win_rate(), 0.25);
}

#[test]
fn durations_accept_the_spec_string_bin() {
    let bins: Vec<opendota_sdk::models::heroes::HeroDuration> =
        serde_json::from_str(r#"[{"duration_bin": "2100", "games_played": "4", "wins": 1}]"#)
            .unwrap();
    assert_eq!(bins[0].duration_bin, Some(2100));
    assert_eq!(bins[0].games_played, Some(4));
}

#[tokio::test]
async fn players_decode_the_flat_rows_the_server_sends() {
    let server = serve("/api/heroes/14/players", "heroes_players__current").await;
    let players = common::client(&server).heroes(14).players().await.unwrap();

    assert_eq!(players.len(), 3);
    assert_eq!(players[0].account_id, Some(AccountId(105_248_644)));
    assert_eq!(players[0].games_played, Some(61));
    assert_close(players[1].win_rate(), 19.0 / 40.0);
    assert!(
        players[2].account_id.is_none(),
        "anonymous players form a null row"
    );
}

#[tokio::test]
async fn players_flatten_the_spec_array_of_arrays() {
    let server = serve("/api/heroes/14/players", "heroes_players__spec_nested").await;
    let players = common::client(&server).heroes(14).players().await.unwrap();

    let ids: Vec<_> = players.iter().map(|p| p.account_id).collect();
    assert_eq!(
        ids,
        [
            Some(AccountId(105_248_644)),
            Some(AccountId(94_155_156)),
            Some(AccountId(88_271_237)),
        ]
    );
    assert_eq!(players[0].wins, Some(8));
    assert_eq!(players[2].games_played, Some(5), "numeric strings");
}

#[tokio::test]
async fn item_popularity_decodes_phase_maps() {
    let server = serve(
        "/api/heroes/1/itemPopularity",
        "heroes_item_popularity__current",
    )
    .await;
    let items = common::client(&server)
        .heroes(1)
        .item_popularity()
        .await
        .unwrap();

    assert_eq!(items.start_game_items.get(&16), Some(&120));
    assert_eq!(items.early_game_items.len(), 2);
    assert!(items.late_game_items.is_empty());
    assert_eq!(
        ItemPopularity::top(&items.mid_game_items, 2),
        [(22, 90), (145, 81)],
        "most bought first, ties by id"
    );
}

#[test]
fn item_popularity_tolerates_null_phases_and_string_counts() {
    let items: ItemPopularity =
        serde_json::from_str(r#"{"start_game_items": null, "early_game_items": {"29": "12"}}"#)
            .unwrap();
    assert!(items.start_game_items.is_empty());
    assert_eq!(items.early_game_items.get(&29), Some(&12));
    assert!(items.mid_game_items.is_empty(), "absent phase");
}

#[tokio::test]
async fn rankings_send_hero_id_as_query() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/rankings"))
        .and(query_param("hero_id", "1"))
        .respond_with(common::json_fixture("rankings__current"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let top = common::client(&server).heroes(1).rankings().await.unwrap();
    assert_eq!(top.hero_id, Some(HeroId(1)));
    assert_eq!(top.rankings.len(), 2);
    let best = &top.rankings[0];
    assert_eq!(best.account_id, AccountId(311_360_822));
    assert_close(best.score, 4_127.335_937_5);
    assert_eq!(best.rank_tier, Some(RankTier(80)));
    assert!(best.name.is_none());
    let second = &top.rankings[1];
    assert_eq!(second.name.as_deref(), Some("Someone"));
    assert!(
        second.personaname.is_none() && second.rank_tier.is_none() && second.last_login.is_none()
    );
}

#[tokio::test]
async fn rankings_keep_the_2017_solo_competitive_rank() {
    let server = serve("/api/rankings", "rankings__legacy_2017").await;
    let top = common::client(&server).heroes(36).rankings().await.unwrap();

    assert_eq!(top.hero_id, Some(HeroId(36)));
    let row = &top.rankings[0];
    assert_eq!(row.account_id, AccountId(40_100_007));
    assert_eq!(row.solo_competitive_rank, Some(6981));
    assert_eq!(row.rank_tier, None, "no medals yet in 2017");
}

#[tokio::test]
async fn benchmarks_without_bracket_send_only_hero_id() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/benchmarks"))
        .and(query_param("hero_id", "1"))
        .and(query_param_is_missing("bracket"))
        .respond_with(common::json_fixture("benchmarks__current"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let benchmarks = common::client(&server)
        .heroes(1)
        .benchmarks()
        .await
        .unwrap();
    assert_eq!(benchmarks.hero_id, Some(HeroId(1)));
    let result = benchmarks.result.unwrap();
    assert_eq!(result.gold_per_min.len(), 3);
    assert_eq!(
        BenchmarkResult::value_at(&result.gold_per_min, 0.5),
        Some(612.0)
    );
    assert_eq!(
        BenchmarkResult::value_at(&result.gold_per_min, 0.99),
        Some(902.0)
    );
    assert_eq!(BenchmarkResult::value_at(&result.gold_per_min, 0.3), None);
    assert_eq!(
        BenchmarkResult::value_at(&result.kills_per_min, 0.5),
        Some(0.210_937_5)
    );
    assert_eq!(
        BenchmarkResult::value_at(&result.hero_healing_per_min, 0.5),
        Some(0.0)
    );
    assert_eq!(
        BenchmarkResult::value_at(&result.hero_healing_per_min, 0.95),
        None,
        "NaN is sent as null"
    );
    assert_eq!(result.tower_damage[0].value, Some(3400.0));
}

#[tokio::test]
async fn benchmarks_send_the_bracket() {
    let server = MockServer::start().await;
    for bracket in ["8", "5"] {
        Mock::given(method("GET"))
            .and(path("/api/benchmarks"))
            .and(query_param("hero_id", "14"))
            .and(query_param("bracket", bracket))
            .respond_with(common::json_fixture("benchmarks__current"))
            .expect(1)
            .mount(&server)
            .await;
    }
    common::mount_catch_all(&server).await;
    let client = common::client(&server);

    let request = client.heroes(14).benchmarks().bracket(8);
    assert_eq!(request.query_string(), "hero_id=14&bracket=8");
    let immortal = request.await.unwrap();
    assert!(immortal.result.is_some());
    let legend = client
        .heroes(14)
        .benchmarks()
        .medal(Medal::Legend)
        .await
        .unwrap();
    assert_eq!(legend.hero_id, Some(HeroId(1)), "as the fixture says");
}
