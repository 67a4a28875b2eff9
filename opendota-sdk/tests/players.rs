//! `/players/{account_id}/…`: one wiremock test per operation, a decode test per fixture, and
//! the model helpers.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use opendota_sdk::models::players::{
    CountRow, Counts, HeroRanking, HistogramBucket, Peer, Player, PlayerHero, PlayerMatch,
    PlayerPro, Rating, RecentMatch, Total, WardMap, WinLoss, WordCloud,
};
use opendota_sdk::{
    AccountId, Error, GameMode, HeroId, Lane, LaneRole, LeaverStatus, LobbyType, MatchId, Medal,
    RankTier, Region,
};
use serde::de::DeserializeOwned;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ID: u32 = 311_360_822;

fn decode<T>(name: &str) -> T
where
    T: DeserializeOwned,
{
    serde_json::from_str(&common::fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The raw query string of the single request the server saw.
async fn only_query(server: &MockServer) -> Option<String> {
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "exactly one request");
    requests[0].url.query().map(str::to_owned)
}

fn assert_close(actual: Option<f64>, expected: f64) {
    let actual = actual.expect("a value");
    assert!((actual - expected).abs() < 1e-9, "{actual} != {expected}");
}

// ---------------------------------------------------------------------------------------------
// One wiremock test per operation
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn get_decodes_the_current_profile() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/players/311360822"))
        .respond_with(common::json_fixture("players_get__current"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let player = common::client(&server).players(ID).get().await.unwrap();
    assert_eq!(only_query(&server).await, None);

    let profile = player.profile.as_ref().unwrap();
    assert_eq!(profile.account_id, AccountId(ID));
    assert_eq!(player.account_id(), Some(AccountId(ID)));
    assert_eq!(player.display_name(), Some("tidehunter main"));
    assert_eq!(profile.name, None);
    assert_eq!(profile.plus, Some(true));
    assert_eq!(profile.steamid.as_deref(), Some("76561198271626550"));
    assert_eq!(profile.loccountrycode.as_deref(), Some("SE"));
    assert_eq!(profile.status, None);
    assert_eq!(profile.fh_unavailable, Some(false));
    assert_eq!(profile.is_subscriber, Some(false));
    assert_eq!(player.rank_tier, Some(RankTier(54)));
    assert_eq!(player.rank_tier.unwrap().medal(), Medal::Legend);
    assert_eq!(player.leaderboard_rank, None);
    assert_close(player.computed_mmr, 3712.4);
    assert_close(player.computed_mmr_turbo, 2981.77);
    assert_eq!(player.aliases.len(), 2);
    assert_eq!(
        player.aliases[1].personaname.as_deref(),
        Some("ravage enjoyer")
    );
    assert_eq!(
        player.aliases[1].name_since.as_deref(),
        Some("2024-05-02T21:15:44.000Z")
    );
    assert!(player.mmr_estimate.is_none() && player.solo_competitive_rank.is_none());
}

#[tokio::test]
async fn get_of_an_unknown_account_is_not_found() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/players/1"))
        .respond_with(
            ResponseTemplate::new(404)
                .insert_header("content-type", "application/json; charset=utf-8")
                .set_body_string(r#"{"error":"Not Found"}"#),
        )
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let err = common::client(&server).players(1).get().await.unwrap_err();
    match err {
        Error::NotFound { path } => assert_eq!(path, "/api/players/1"),
        other => panic!("expected NotFound, got {other:?}"),
    }
}

#[tokio::test]
async fn wl_sends_every_filter_and_repeats_list_keys() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/players/311360822/wl"))
        .and(query_param("limit", "20"))
        .and(query_param("win", "0"))
        .and(query_param("significant", "0"))
        .and(query_param("included_account_id", "1"))
        .and(query_param("included_account_id", "2"))
        .and(query_param_is_missing("offset"))
        .respond_with(common::json_fixture("players_wl__current"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let wl = common::client(&server)
        .players(AccountId(ID))
        .wl()
        .limit(20)
        .win(false)
        .significant(false)
        .included_account_id(1)
        .included_account_id(2)
        .await
        .unwrap();
    assert_eq!(
        only_query(&server).await.as_deref(),
        Some("limit=20&win=0&included_account_id=1&included_account_id=2&significant=0")
    );
    assert_eq!(wl.win, 12);
    assert_eq!(wl.lose, 8);
    assert_eq!(wl.games(), 20);
    assert_close(wl.win_rate(), 0.6);
}

#[tokio::test]
async fn recent_matches_sends_no_query_and_decodes_nulls() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/players/311360822/recentMatches"))
        .respond_with(common::json_fixture("players_recent_matches__current"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let matches = common::client(&server)
        .players(ID)
        .recent_matches()
        .await
        .unwrap();
    assert_eq!(only_query(&server).await, None);
    assert_eq!(matches.len(), 2);

    let parsed = &matches[0];
    assert_eq!(parsed.match_id, MatchId(8_731_220_045));
    assert_eq!(parsed.hero_id, Some(HeroId(29)));
    assert_eq!(parsed.game_mode, Some(GameMode::AllDraft));
    assert_eq!(parsed.lobby_type, Some(LobbyType::Ranked));
    assert_eq!(parsed.average_rank, Some(RankTier(53)));
    assert_eq!(parsed.lane, Some(Lane::Top));
    assert_eq!(parsed.lane_role, Some(LaneRole::Off));
    assert_eq!(parsed.is_roaming, Some(false));
    assert_eq!(parsed.leaver_status, Some(LeaverStatus::None));
    assert_eq!(parsed.hero_variant, Some(2));
    assert_eq!(parsed.tower_damage, Some(1204));
    assert_eq!(parsed.skill, None, "skill is gone from current answers");
    assert_eq!(parsed.is_radiant(), Some(false));
    assert_eq!(parsed.won(), Some(true), "Dire slot, Dire won");

    let unparsed = &matches[1];
    assert_eq!(unparsed.game_mode, Some(GameMode::Turbo));
    assert_eq!(unparsed.version, None);
    assert_eq!(unparsed.average_rank, None);
    assert_eq!(unparsed.lane, None);
    assert_eq!(unparsed.lane_role, None);
    assert_eq!(unparsed.is_roaming, None);
    assert_eq!(unparsed.party_size, None);
    assert_eq!(unparsed.won(), Some(false), "Radiant slot, Dire won");
}

#[tokio::test]
async fn matches_sends_sort_and_limit() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/players/311360822/matches"))
        .and(query_param("sort", "kills"))
        .and(query_param("limit", "20"))
        .and(query_param_is_missing("project"))
        .and(query_param_is_missing("significant"))
        .respond_with(common::json_fixture("players_matches__legacy_sort_kills"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let matches = common::client(&server)
        .players(ID)
        .matches()
        .sort("kills")
        .limit(20)
        .await
        .unwrap();
    assert_eq!(
        only_query(&server).await.as_deref(),
        Some("limit=20&sort=kills")
    );
    assert_eq!(matches.len(), 2);
    assert_eq!(matches[0].match_id, MatchId(1_744_202_071));
    assert_eq!(matches[0].kills, Some(41));
    assert_eq!(matches[0].hero_id, Some(HeroId(35)));
    assert_eq!(matches[0].skill, None);
    assert_eq!(matches[0].won(), Some(true));
    assert_eq!(matches[1].game_mode, Some(GameMode::CaptainsMode));
}

#[tokio::test]
async fn matches_sends_repeated_project_columns() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/players/311360822/matches"))
        .and(query_param("project", "kills"))
        .and(query_param("project", "hero_id"))
        .and(query_param("project", "start_time"))
        .and(query_param("limit", "3"))
        .respond_with(common::json_fixture("players_matches__projected"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let matches = common::client(&server)
        .players(ID)
        .matches()
        .limit(3)
        .project("kills")
        .project("hero_id")
        .project("start_time")
        .await
        .unwrap();
    assert_eq!(
        only_query(&server).await.as_deref(),
        Some("limit=3&project=kills&project=hero_id&project=start_time")
    );
    assert_eq!(matches.len(), 3);
    let first = &matches[0];
    assert_eq!(first.kills, Some(7));
    assert_eq!(first.hero_id, Some(HeroId(86)));
    assert_eq!(first.start_time, Some(1_766_021_004));
    assert_eq!(first.deaths, None, "not projected");
    assert_eq!(first.version, None, "not projected");
    assert_eq!(first.won(), Some(false), "Dire slot, Radiant won");
    assert_eq!(matches[1].kills, Some(0));
}

#[tokio::test]
async fn heroes_sends_having_and_hero_lists() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/players/311360822/heroes"))
        .and(query_param("having", "5"))
        .and(query_param("with_hero_id", "1"))
        .and(query_param("with_hero_id", "2"))
        .and(query_param("game_mode", "22"))
        .respond_with(common::json_fixture("players_heroes__current"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let heroes = common::client(&server)
        .players(ID)
        .heroes()
        .having(5)
        .game_mode(GameMode::AllDraft)
        .with_hero_id(1)
        .with_hero_id(2)
        .await
        .unwrap();
    assert_eq!(
        only_query(&server).await.as_deref(),
        Some("game_mode=22&with_hero_id=1&with_hero_id=2&having=5")
    );
    assert_eq!(heroes.len(), 3);
    assert_eq!(heroes[0].hero_id, HeroId(29));
    assert_eq!(heroes[0].games, Some(212));
    assert_eq!(heroes[0].win, Some(119));
    assert_close(heroes[0].win_rate(), 119.0 / 212.0);
    assert_eq!(heroes[2].last_played, Some(0));
    assert_eq!(heroes[2].win_rate(), None, "never played");
}

#[tokio::test]
async fn peers_sends_date_and_side() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/players/311360822/peers"))
        .and(query_param("date", "30"))
        .and(query_param("is_radiant", "1"))
        .respond_with(common::json_fixture("players_peers__current"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let peers = common::client(&server)
        .players(ID)
        .peers()
        .date(30)
        .is_radiant(true)
        .await
        .unwrap();
    assert_eq!(
        only_query(&server).await.as_deref(),
        Some("date=30&is_radiant=1")
    );
    assert_eq!(peers.len(), 2);
    assert_eq!(peers[0].account_id, AccountId(209_012_345));
    assert_eq!(peers[0].with_games, Some(488));
    assert_eq!(peers[0].with_gpm_sum, Some(231_004));
    assert_eq!(peers[0].personaname.as_deref(), Some("sandking support"));
    assert_eq!(peers[0].is_subscriber, Some(true));
    let anonymous = &peers[1];
    assert_eq!(anonymous.account_id, AccountId(55_501_234));
    assert!(
        anonymous.personaname.is_none()
            && anonymous.avatar.is_none()
            && anonymous.last_login.is_none()
    );
}

#[tokio::test]
async fn pros_sends_lobby_type() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/players/311360822/pros"))
        .and(query_param("lobby_type", "7"))
        .respond_with(common::json_fixture("players_pros__current"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let pros = common::client(&server)
        .players(ID)
        .pros()
        .lobby_type(LobbyType::Ranked)
        .await
        .unwrap();
    assert_eq!(only_query(&server).await.as_deref(), Some("lobby_type=7"));
    assert_eq!(pros.len(), 2);
    let pro = &pros[0];
    assert_eq!(pro.account_id, AccountId(105_248_644));
    assert_eq!(pro.name.as_deref(), Some("Example Carry"));
    assert_eq!(pro.team_tag.as_deref(), Some("SG"));
    assert_eq!(pro.fantasy_role, Some(1));
    assert_eq!(pro.is_locked, Some(true));
    assert_eq!(pro.against_games, Some(2));
    assert_eq!(pro.with_xpm_sum, None);
    assert_eq!(pro.fh_unavailable, None);
    assert_eq!(
        pro.last_match_time.as_deref(),
        Some("2026-02-24T18:31:40.000Z")
    );
    assert_eq!(pro.plus, Some(true));
    assert_eq!(pros[1].plus, None);
    let retired = &pros[1];
    assert_eq!(retired.country_code, None, "empty string reads as None");
    assert!(retired.team_name.is_none() && retired.steamid.is_none());
}

#[tokio::test]
async fn totals_sends_limit_and_offset_zero() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/players/311360822/totals"))
        .and(query_param("limit", "20"))
        .and(query_param("offset", "0"))
        .respond_with(common::json_fixture("players_totals__current"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let totals = common::client(&server)
        .players(ID)
        .totals()
        .limit(20)
        .offset(0)
        .await
        .unwrap();
    assert_eq!(
        only_query(&server).await.as_deref(),
        Some("limit=20&offset=0")
    );
    assert_eq!(totals.len(), 5);
    assert_eq!(totals[0].field, "kills");
    assert_eq!(totals[0].n, Some(20));
    assert_close(totals[0].average(), 6.55);
    assert_close(totals[3].sum, 204.33);
    assert_eq!(totals[4].average(), None, "no matches with a value");
}

#[tokio::test]
async fn counts_without_filters_sends_no_query() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/players/311360822/counts"))
        .and(query_param_is_missing("significant"))
        .respond_with(common::json_fixture("players_counts__current"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let counts = common::client(&server).players(ID).counts().await.unwrap();
    assert_eq!(only_query(&server).await, None);
    assert_eq!(counts.game_mode.len(), 3);
    assert_eq!(counts.game_mode["22"].games, Some(1012));
    assert_eq!(counts.game_mode["22"].win, Some(551));
    assert_eq!(counts.lobby_type["7"].games, Some(792));
    assert_eq!(counts.leaver_status["1"].win, Some(3));
    assert_eq!(counts.lane_role["3"].games, Some(384));
    assert_eq!(
        counts.region["NaN"].games,
        Some(4),
        "unknown cluster keeps its NaN key"
    );
    assert_eq!(counts.patch["55"].win, Some(493));
    assert_eq!(counts.is_radiant["1"].games, Some(604));
}

#[tokio::test]
async fn histograms_puts_the_field_in_the_path() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/players/311360822/histograms/kills"))
        .and(query_param("hero_id", "29"))
        .and(query_param("lane_role", "3"))
        .respond_with(common::json_fixture("players_histograms__current"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let buckets = common::client(&server)
        .players(ID)
        .histograms("kills")
        .hero_id(29)
        .lane_role(LaneRole::Off)
        .await
        .unwrap();
    assert_eq!(
        only_query(&server).await.as_deref(),
        Some("lane_role=3&hero_id=29")
    );
    assert_eq!(buckets.len(), 4);
    assert_eq!(buckets[2].x, Some(2));
    assert_eq!(buckets[2].games, Some(77));
    assert_eq!(buckets[2].win, Some(39));
    assert_eq!(buckets[3].games, Some(0));
}

#[tokio::test]
async fn wardmap_sends_patch_and_region() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/players/311360822/wardmap"))
        .and(query_param("patch", "55"))
        .and(query_param("region", "3"))
        .respond_with(common::json_fixture("players_wardmap__current"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let wards = common::client(&server)
        .players(ID)
        .wardmap()
        .patch(55)
        .region(Region::Europe)
        .await
        .unwrap();
    assert_eq!(
        only_query(&server).await.as_deref(),
        Some("patch=55&region=3")
    );
    assert_eq!(wards.obs["100"]["126"], 3);
    assert_eq!(wards.obs["134"]["90"], 7);
    assert_eq!(wards.sen["120"]["120"], 2);
}

#[tokio::test]
async fn wordcloud_sends_excluded_accounts_and_against_heroes() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/players/311360822/wordcloud"))
        .and(query_param("excluded_account_id", "7"))
        .and(query_param("against_hero_id", "14"))
        .and(query_param("against_hero_id", "74"))
        .respond_with(common::json_fixture("players_wordcloud__current"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let words = common::client(&server)
        .players(ID)
        .wordcloud()
        .excluded_account_id(7)
        .against_hero_id(14)
        .against_hero_id(74)
        .await
        .unwrap();
    assert_eq!(
        only_query(&server).await.as_deref(),
        Some("excluded_account_id=7&against_hero_id=14&against_hero_id=74")
    );
    assert_eq!(words.my_word_counts["gg"], 41);
    assert_eq!(words.my_word_counts.get("ez"), None);
    assert_eq!(words.all_word_counts["ez"], 15);
}

#[tokio::test]
async fn ratings_sends_no_query_and_keeps_time_as_text() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/players/311360822/ratings"))
        .respond_with(common::json_fixture("players_ratings__current"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let ratings = common::client(&server).players(ID).ratings().await.unwrap();
    assert_eq!(only_query(&server).await, None);
    assert_eq!(ratings.len(), 3);
    assert_eq!(ratings[0].time.as_deref(), Some("2025-06-01T10:11:12.000Z"));
    assert_eq!(ratings[0].rank_tier, Some(RankTier(52)));
    assert_eq!(
        ratings[2].time.as_deref(),
        Some("1773512300"),
        "the spec's integer form"
    );
    assert_eq!(ratings[2].rank_tier, Some(RankTier(54)));
    assert!(ratings[0].solo_competitive_rank.is_none() && ratings[0].match_id.is_none());
}

#[tokio::test]
async fn rankings_sends_no_query() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/players/311360822/rankings"))
        .respond_with(common::json_fixture("players_rankings__current"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let rankings = common::client(&server)
        .players(ID)
        .rankings()
        .await
        .unwrap();
    assert_eq!(only_query(&server).await, None);
    assert_eq!(rankings.len(), 2);
    assert_eq!(rankings[0].hero_id, HeroId(29));
    assert_close(rankings[0].score, 4_419.218_765_04);
    assert_close(rankings[0].percent_rank, 0.98731);
    assert_eq!(rankings[0].card, Some(804_211));
}

#[tokio::test]
async fn refresh_posts_and_accepts_an_empty_object() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/players/311360822/refresh"))
        .respond_with(common::json_fixture("players_refresh__current"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    common::client(&server).players(ID).refresh().await.unwrap();
    assert_eq!(only_query(&server).await, None);
}

#[tokio::test]
async fn refresh_is_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/players/311360822/refresh"))
        .respond_with(
            ResponseTemplate::new(503).set_body_string(r#"{"error":"Internal Server Error"}"#),
        )
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let err = common::client(&server)
        .players(ID)
        .refresh()
        .await
        .unwrap_err();
    assert!(err.is_retryable(), "a 503 is retryable in general: {err:?}");
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        1,
        "but a POST is sent once"
    );
}

// ---------------------------------------------------------------------------------------------
// Decode tests: every fixture, legacy shapes included
// ---------------------------------------------------------------------------------------------

#[test]
fn decodes_players_get_current() {
    let player: Player = decode("players_get__current");
    assert_eq!(player.rank_tier, Some(RankTier(54)));
    assert_close(player.computed_mmr, 3712.4);
    assert_eq!(player.aliases.len(), 2);
}

#[test]
fn decodes_players_get_legacy_mmr_estimate() {
    let player: Player = decode("players_get__legacy_mmr_estimate");
    assert_eq!(player.tracked_until, None);
    assert_eq!(
        player.solo_competitive_rank,
        Some(7420),
        "legacy numeric string"
    );
    assert_eq!(player.competitive_rank, None);
    assert_eq!(
        player.mmr_estimate.as_ref().and_then(|m| m.estimate),
        Some(6121)
    );
    assert_eq!(player.rank_tier, Some(RankTier(80)));
    assert_eq!(player.leaderboard_rank, Some(117));
    assert_eq!(
        player.rank_tier.unwrap().describe(player.leaderboard_rank),
        "Immortal #117"
    );
    assert_eq!(player.computed_mmr, None);
    assert!(
        player.aliases.is_empty(),
        "absent aliases are an empty list"
    );
    let profile = player.profile.as_ref().unwrap();
    assert_eq!(profile.account_id, AccountId(123_456_789));
    assert_eq!(profile.plus, None, "absent in 2018");
    assert_eq!(profile.last_login, None);
    assert_eq!(player.display_name(), Some("Kaldr"));
}

#[test]
fn decodes_players_get_legacy_computed_rating() {
    let player: Player = decode("players_get__legacy_computed_rating");
    assert_close(player.computed_mmr, 2204.5);
    assert_eq!(player.computed_mmr_turbo, None);
    assert_eq!(player.rank_tier, None);
    let profile = player.profile.as_ref().unwrap();
    assert_eq!(profile.personaname, None, "empty Steam name");
    assert_eq!(profile.cheese, None);
    assert_eq!(profile.fh_unavailable, Some(true));
    assert_eq!(
        player.display_name(),
        Some("Pudge Daddy"),
        "falls back to the pro name"
    );
}

#[test]
fn decodes_players_get_legacy_null_profile() {
    let player: Player = decode("players_get__legacy_null_profile");
    assert!(player.profile.is_none());
    assert_eq!(player.display_name(), None);
    assert_eq!(player.account_id(), None);
    assert_eq!(player.mmr_estimate.as_ref().unwrap().estimate, None);
}

#[test]
fn decodes_players_wl_current() {
    let wl: WinLoss = decode("players_wl__current");
    assert_eq!((wl.win, wl.lose), (12, 8));
}

#[test]
fn decodes_players_recent_matches_current() {
    let matches: Vec<RecentMatch> = decode("players_recent_matches__current");
    assert_eq!(matches[0].hero_variant, Some(2));
    assert_eq!(matches[1].average_rank, None);
}

#[test]
fn decodes_players_recent_matches_legacy_2018() {
    let matches: Vec<RecentMatch> = decode("players_recent_matches__legacy_2018");
    assert_eq!(matches.len(), 2);
    let first = &matches[0];
    assert_eq!(first.skill, Some(3));
    assert_eq!(first.hero_variant, None, "absent before 2024");
    assert_eq!(first.average_rank, None, "absent in 2018");
    assert_eq!(first.version, None);
    assert_eq!(first.won(), Some(true));
    let second = &matches[1];
    assert_eq!(second.version, Some(21));
    assert_eq!(second.lane, Some(Lane::Bottom));
    assert_eq!(second.leaver_status, Some(LeaverStatus::Disconnected));
    assert_eq!(second.party_size, Some(2));
    assert_eq!(second.is_radiant(), Some(false));
    assert_eq!(second.won(), Some(false));
}

#[test]
fn decodes_players_matches_current() {
    let matches: Vec<PlayerMatch> = decode("players_matches__current");
    assert_eq!(matches.len(), 2);
    assert_eq!(matches[0].average_rank, Some(RankTier(53)));
    assert_eq!(matches[0].hero_variant, Some(2));
    assert_eq!(matches[0].won(), Some(true));
    assert_eq!(matches[1].party_size, Some(5));
    assert_eq!(matches[1].version, None);
    assert_eq!(matches[1].won(), Some(false));
    assert_eq!(matches[1].gold_per_min, None, "not a default column");
}

#[test]
fn decodes_players_matches_legacy_sort_kills() {
    let matches: Vec<PlayerMatch> = decode("players_matches__legacy_sort_kills");
    assert_eq!(matches[0].kills, Some(41));
    assert_eq!(matches[0].party_size, None);
    assert_eq!(matches[1].lobby_type, Some(LobbyType::Practice));
}

#[test]
fn decodes_players_matches_projected() {
    let matches: Vec<PlayerMatch> = decode("players_matches__projected");
    assert_eq!(matches[2].hero_id, Some(HeroId(14)));
    assert_eq!(matches[2].assists, None);
    assert_eq!(matches[2].leaver_status, None);
}

#[test]
fn decodes_players_heroes_current() {
    let heroes: Vec<PlayerHero> = decode("players_heroes__current");
    assert_eq!(heroes[1].hero_id, HeroId(96));
    assert_eq!(heroes[1].against_win, Some(47));
}

#[test]
fn decodes_players_heroes_legacy_string_hero_id() {
    let heroes: Vec<PlayerHero> = decode("players_heroes__legacy_string_hero_id");
    assert_eq!(heroes[0].hero_id, HeroId(74), "\"74\" decodes as a hero id");
    assert_eq!(heroes[1].hero_id, HeroId(119));
    assert_eq!(heroes[1].with_games, Some(19));
    assert_close(heroes[1].win_rate(), 0.5);
}

#[test]
fn decodes_players_peers_current() {
    let peers: Vec<Peer> = decode("players_peers__current");
    assert_eq!(peers[0].name, None);
    assert_eq!(peers[1].with_xpm_sum, Some(8722));
}

#[test]
fn decodes_players_pros_current() {
    let pros: Vec<PlayerPro> = decode("players_pros__current");
    assert_eq!(pros[0].team_id, Some(opendota_sdk::TeamId(8_255_888)));
    assert_eq!(pros[0].locked_until, Some(1_780_000_000));
    assert_eq!(pros[1].personaname, None, "absent");
    assert_eq!(pros[1].team_id, None, "0 = no team");
}

#[test]
fn decodes_players_totals_current() {
    let totals: Vec<Total> = decode("players_totals__current");
    assert_eq!(totals[2].field, "kda");
    assert_close(totals[2].sum, 61.87);
}

#[test]
fn decodes_players_counts_current() {
    let counts: Counts = decode("players_counts__current");
    assert_eq!(counts.region.len(), 2);
    assert!(counts.region.contains_key("NaN"));
    assert_eq!(counts.game_mode["18"].games, Some(12));
}

#[test]
fn counts_tolerate_missing_and_null_categories() {
    let counts: Counts = serde_json::from_str(r#"{"game_mode": null, "patch": {}}"#).unwrap();
    assert!(counts.game_mode.is_empty() && counts.patch.is_empty() && counts.is_radiant.is_empty());
}

#[test]
fn decodes_players_histograms_current() {
    let buckets: Vec<HistogramBucket> = decode("players_histograms__current");
    assert_eq!(buckets[0].x, Some(0));
    assert_eq!(buckets[0].win, Some(6));
}

#[test]
fn decodes_players_wardmap_current() {
    let wards: WardMap = decode("players_wardmap__current");
    assert_eq!(wards.obs.len(), 2);
    assert_eq!(wards.sen.len(), 1);
}

#[test]
fn decodes_players_wordcloud_current() {
    let words: WordCloud = decode("players_wordcloud__current");
    assert_eq!(words.my_word_counts.len(), 3);
    assert_eq!(words.all_word_counts["?"], 44);
}

#[test]
fn decodes_players_ratings_current() {
    let ratings: Vec<Rating> = decode("players_ratings__current");
    assert_eq!(ratings[1].time.as_deref(), Some("2025-09-20T19:45:00.120Z"));
}

#[test]
fn decodes_players_ratings_legacy_solo_competitive_rank() {
    let ratings: Vec<Rating> = decode("players_ratings__legacy_solo_competitive_rank");
    assert_eq!(ratings.len(), 2);
    assert_eq!(ratings[0].account_id, Some(AccountId(123_456_789)));
    assert_eq!(ratings[0].match_id, Some(MatchId(2_044_551_230)));
    assert_eq!(ratings[0].solo_competitive_rank, Some(5120));
    assert_eq!(ratings[0].competitive_rank, None);
    assert_eq!(ratings[0].rank_tier, None, "no medals in 2016 rows");
    assert_eq!(
        ratings[1].solo_competitive_rank,
        Some(5146),
        "numeric string"
    );
    assert_eq!(ratings[1].competitive_rank, Some(4410));
    assert_eq!(ratings[1].time.as_deref(), Some("2016-01-11T08:30:44.004Z"));
}

#[test]
fn decodes_players_rankings_current() {
    let rankings: Vec<HeroRanking> = decode("players_rankings__current");
    assert_eq!(rankings[1].hero_id, HeroId(96));
    assert_eq!(rankings[1].card, Some(1_120_334));
}

/// `POST /players/{id}/refresh` answered with `body` (status 200) through the typed method.
async fn refresh_answered_with(body: ResponseTemplate) -> opendota_sdk::Result<()> {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/players/311360822/refresh"))
        .respond_with(body)
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    common::client(&server).players(ID).refresh().await
}

/// The refresh answer has no model: `refresh()` gives `()` for the fixture's `{}` and for any
/// other JSON (or no body), but a 200 that is not JSON is still a decode error, body kept.
#[tokio::test]
async fn decodes_players_refresh_current() {
    assert!(matches!(
        refresh_answered_with(common::json_fixture("players_refresh__current")).await,
        Ok(())
    ));
    assert!(matches!(
        refresh_answered_with(ResponseTemplate::new(200)).await,
        Ok(())
    ));
    assert!(matches!(
        refresh_answered_with(
            ResponseTemplate::new(200).set_body_string(r#"{"id": 12, "type": "fullhistory"}"#)
        )
        .await,
        Ok(())
    ));
    match refresh_answered_with(ResponseTemplate::new(200).set_body_string("<html>queued</html>"))
        .await
    {
        Err(Error::Decode { path, body, .. }) => {
            assert_eq!(path, ".");
            assert_eq!(body, "<html>queued</html>");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Model helpers
// ---------------------------------------------------------------------------------------------

#[test]
fn won_and_is_radiant_follow_the_player_slot() {
    let row = |slot: &str, radiant_win: &str| -> RecentMatch {
        serde_json::from_str(&format!(
            r#"{{"match_id": 1, "player_slot": {slot}, "radiant_win": {radiant_win}}}"#
        ))
        .unwrap()
    };
    assert_eq!(row("0", "true").won(), Some(true));
    assert_eq!(row("127", "false").won(), Some(false));
    assert_eq!(row("128", "false").won(), Some(true));
    assert_eq!(row("132", "true").won(), Some(false));
    assert_eq!(row("128", "true").is_radiant(), Some(false));
    assert_eq!(row("null", "true").won(), None, "unknown slot");
    assert_eq!(row("null", "true").is_radiant(), None);
    assert_eq!(row("4", "null").won(), None, "unknown result");
    assert_eq!(row("4", "null").is_radiant(), Some(true));

    let m: PlayerMatch =
        serde_json::from_str(r#"{"match_id": "2", "player_slot": 130, "radiant_win": false}"#)
            .unwrap();
    assert_eq!(m.match_id, MatchId(2));
    assert_eq!((m.is_radiant(), m.won()), (Some(false), Some(true)));
    let m: PlayerMatch = serde_json::from_str(r#"{"match_id": 3}"#).unwrap();
    assert_eq!((m.is_radiant(), m.won()), (None, None));
}

#[test]
fn win_loss_games_and_win_rate() {
    let empty: WinLoss = serde_json::from_str(r#"{"win": 0, "lose": 0}"#).unwrap();
    assert_eq!(empty.games(), 0);
    assert_eq!(empty.win_rate(), None, "no games, no rate");
    let absent: WinLoss = serde_json::from_str("{}").unwrap();
    assert_eq!(
        (absent.win, absent.lose, absent.games(), absent.win_rate()),
        (0, 0, 0, None)
    );
    let losses: WinLoss = serde_json::from_str(r#"{"win": null, "lose": 4}"#).unwrap();
    assert_eq!((losses.win, losses.games()), (0, 4));
    assert_close(losses.win_rate(), 0.0);
    let wins: WinLoss = serde_json::from_str(r#"{"win": "3", "lose": 1}"#).unwrap();
    assert_close(wins.win_rate(), 0.75);
}

#[test]
fn hero_and_count_win_rates() {
    let hero: PlayerHero = serde_json::from_str(r#"{"hero_id": 1, "games": 4, "win": 1}"#).unwrap();
    assert_close(hero.win_rate(), 0.25);
    let hero: PlayerHero = serde_json::from_str(r#"{"hero_id": 1, "games": 0, "win": 0}"#).unwrap();
    assert_eq!(hero.win_rate(), None);
    let hero: PlayerHero = serde_json::from_str(r#"{"hero_id": 1}"#).unwrap();
    assert_eq!(hero.win_rate(), None);

    let row: CountRow = serde_json::from_str(r#"{"games": 10, "win": 7}"#).unwrap();
    assert_close(row.win_rate(), 0.7);
    let row: CountRow = serde_json::from_str(r#"{"games": 0, "win": 0}"#).unwrap();
    assert_eq!(row.win_rate(), None);
}

#[test]
fn total_average() {
    let total: Total = serde_json::from_str(r#"{"field": "kills", "n": 4, "sum": 10}"#).unwrap();
    assert_close(total.average(), 2.5);
    let total: Total = serde_json::from_str(r#"{"field": "stuns", "n": 0, "sum": 0}"#).unwrap();
    assert_eq!(total.average(), None);
}

#[test]
fn display_name_prefers_the_steam_name() {
    let both: Player = serde_json::from_str(
        r#"{"profile": {"account_id": 5, "personaname": "steam", "name": "pro"}}"#,
    )
    .unwrap();
    assert_eq!(both.display_name(), Some("steam"));
    let neither: Player = serde_json::from_str(r#"{"profile": {"account_id": 5}}"#).unwrap();
    assert_eq!(neither.display_name(), None);
    assert_eq!(neither.account_id(), Some(AccountId(5)));
}

#[test]
fn handle_keeps_its_account() {
    let client = opendota_sdk::Client::try_new().unwrap();
    assert_eq!(
        client.players(86_745_912).account_id(),
        AccountId(86_745_912)
    );
    assert_eq!(
        client
            .players(AccountId(7))
            .wl()
            .limit(5)
            .win(true)
            .query_string(),
        "limit=5&win=1"
    );
}

#[tokio::test]
async fn a_private_profile_answers_empty_lists_and_says_so() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/players/123456789"))
        .respond_with(common::json_fixture("bot_players_get__private"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/players/123456789/recentMatches"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-type", "application/json; charset=utf-8")
                .set_body_string("[]"),
        )
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    let client = common::client(&server);

    let recent = client.players(123_456_789).recent_matches().await.unwrap();
    assert!(recent.is_empty(), "private looks like no games here");
    let player = client.players(123_456_789).get().await.unwrap();
    assert!(player.match_data_hidden(), "…and `get` tells them apart");
    assert_eq!(player.display_name(), Some("hidden hero"));

    let public: opendota_sdk::models::players::Player =
        serde_json::from_str(&common::fixture("bot_players_get__sumail")).unwrap();
    assert!(!public.match_data_hidden());
}
