//! `GET /matches/{match_id}`, `/proMatches`, `/publicMatches`, `/parsedMatches`, `/findMatches`.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use opendota_sdk::models::matches::{FoundMatch, Match, ParsedMatch, ProMatch, PublicMatch};
use opendota_sdk::{
    AccountId, Error, GameMode, HeroId, Lane, LaneRole, LeagueId, LeaverStatus, LobbyType, MatchId,
    RankTier, Region, TeamId,
};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn decode<T>(name: &str) -> T
where
    T: serde::de::DeserializeOwned,
{
    let text = common::fixture(name);
    let de = &mut serde_json::Deserializer::from_str(&text);
    serde_path_to_error::deserialize(de)
        .unwrap_or_else(|e| panic!("{name}: {} at {}", e.inner(), e.path()))
}

#[tokio::test]
async fn sentinels_read_as_none() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/matches/3904000017"))
        .respond_with(common::json_fixture("matches_get__sentinels"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    let game = common::client(&server)
        .matches(3_904_000_017_u64)
        .get()
        .await
        .unwrap();

    let first_blood = &game.objectives[0];
    assert_eq!(first_blood.slot, Some(7));
    assert_eq!(first_blood.player1, Some(7));
    assert_eq!(first_blood.player2, Some(2));
    let creep_tower = &game.objectives[1];
    assert_eq!(creep_tower.slot, None, "-1: creeps took the tower");
    assert_eq!(creep_tower.player1, None);
    assert_eq!(creep_tower.player2, None);
    assert_eq!(creep_tower.team, Some(3));
    let courier = &game.objectives[2];
    assert_eq!(courier.team, None);
    assert_eq!(courier.killer, None);

    assert_eq!(game.chat[0].slot, None, "-1: not one of the ten players");
    assert_eq!(game.chat[0].key.as_deref(), Some("75"));
    assert_eq!(game.chat[1].slot, Some(3));

    assert_eq!(game.picks_bans[0].hero_id, None, "hero 0: no hero");
    assert_eq!(game.picks_bans[0].team, Some(1));
    assert_eq!(game.picks_bans[1].hero_id, Some(HeroId(74)));
    assert_eq!(game.draft_timings[0].hero_id, None);
    assert_eq!(game.draft_timings[0].player_slot, None);
    assert_eq!(game.draft_timings[0].extra_time, Some(130));

    assert_eq!(game.players[0].hero_id, None);
    assert_eq!(game.players[0].player_slot, Some(4));
    assert_eq!(game.players[1].hero_id, Some(HeroId(74)));
}

#[tokio::test]
async fn get_match_decodes_a_parsed_match() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/matches/8012345678"))
        .respond_with(common::json_fixture("matches_get__current"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    let client = common::client(&server);

    let handler = client.matches(8_012_345_678_u64);
    assert_eq!(handler.match_id(), MatchId(8_012_345_678));
    let game = handler.get().await.unwrap();

    assert_eq!(game.match_id, MatchId(8_012_345_678));
    assert!(game.is_parsed());
    assert_eq!(game.radiant_win, Some(true));
    assert_eq!(game.game_mode, Some(GameMode::AllDraft));
    assert_eq!(game.lobby_type, Some(LobbyType::Ranked));
    assert_eq!(game.region, Some(Region::Europe));
    assert_eq!(game.radiant_gold_adv, vec![0, 120, 410, 990, 1510, 2230]);
    assert_eq!(game.radiant_xp_adv[3], -40);
    assert_eq!(game.players.len(), 2);
    assert_eq!(game.radiant_players().count(), 1);
    assert_eq!(game.dire_players().count(), 1);

    let jugg = game.player(311_000_001).expect("the radiant player");
    assert_eq!(jugg.hero_id, Some(HeroId(8)));
    assert_eq!(jugg.is_radiant(), Some(true));
    assert_eq!(jugg.won(), Some(true));
    assert_eq!(jugg.rank_tier, Some(RankTier(65)));
    assert_eq!(jugg.computed_mmr, Some(4412.37));
    assert_eq!(jugg.team_number, Some(0));
    assert_eq!(jugg.team_slot, Some(0));
    assert_eq!(jugg.item_neutral, Some(1590));
    assert_eq!(jugg.item_neutral2, Some(1602));
    assert_eq!(jugg.kills_log[0].key.as_deref(), Some("npc_dota_hero_lion"));
    assert_eq!(jugg.kills_log[0].tracked_death, Some(true));
    assert_eq!(
        jugg.kills_log[0].tracked_sourcename.as_deref(),
        Some("npc_dota_hero_bounty_hunter")
    );
    assert_eq!(jugg.kills_log[1].tracked_death, None);
    assert_eq!(
        jugg.aghanims_shard,
        Some(true),
        "0/1 flags read as booleans"
    );
    assert_eq!(jugg.gold_t, vec![0, 190, 455, 830, 1240, 1705]);
    assert_eq!(jugg.times.len(), jugg.lh_t.len());
    assert_eq!(jugg.purchase_log[2].key.as_deref(), Some("magic_stick"));
    assert_eq!(jugg.purchase_log[2].charges, Some(3));
    assert_eq!(jugg.purchase_log[0].time, Some(-89));
    assert_eq!(jugg.damage["npc_dota_hero_lion"], 9050);
    assert_eq!(jugg.purchase.get("dust"), None, "a null count is left out");
    assert_eq!(jugg.purchase["bfury"], 1);
    assert_eq!(jugg.lane_pos["80"]["162"], 5);
    assert_eq!(jugg.damage_targets["null"]["npc_dota_hero_lion"], 6100);
    assert_eq!(jugg.benchmarks["gold_per_min"].pct_bracket, Some(0.79));
    assert_eq!(jugg.benchmarks["xp_per_min"].pct_bracket, None);
    assert_eq!(
        jugg.sen_left_log[0].attackername.as_deref(),
        Some("npc_dota_hero_lion")
    );
    assert_eq!(
        jugg.neutral_item_history[0].item_neutral.as_deref(),
        Some("occult_bracelet")
    );
    assert_eq!(jugg.lane_role, Some(LaneRole::Safe));
    assert_eq!(jugg.lane, Some(Lane::Bottom));
    assert_eq!(jugg.max_hero_hit.as_ref().and_then(|h| h.value), Some(388));

    let lion = &game.players[1];
    assert_eq!(lion.account_id, None, "anonymous players have no account");
    assert_eq!(lion.player_slot, Some(128));
    assert_eq!(lion.won(), Some(false));
    assert!(lion.permanent_buffs.is_empty(), "null list is empty");
    assert!(lion.performance_others.is_empty(), "null map is empty");
    assert_eq!(lion.connection_log[0].event.as_deref(), Some("disconnect"));

    assert_eq!(game.teamfights[0].players[1].deaths_pos["150"]["102"], 1);
    assert_eq!(
        game.objectives[0].key.as_deref(),
        Some("5"),
        "a numeric key reads as text"
    );
    assert_eq!(game.objectives[2].team, Some(2));
    assert_eq!(game.chat[1].kind.as_deref(), Some("chatwheel"));
    assert_eq!(game.pauses[0].duration, Some(42));
    assert_eq!(game.cosmetics["9123"], 128);
    assert!(game.metadata.is_none());
}

#[tokio::test]
async fn get_unknown_match_is_not_found() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/matches/1"))
        .respond_with(
            ResponseTemplate::new(404).set_body_json(serde_json::json!({"error": "Not Found"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let err = common::client(&server)
        .matches(1_u64)
        .get()
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::NotFound { ref path } if path == "/api/matches/1"),
        "{err:?}"
    );
}

#[tokio::test]
async fn pro_matches_pages_with_less_than_match_id() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/proMatches"))
        .and(query_param_is_missing("less_than_match_id"))
        .respond_with(common::json_fixture("pro_matches__current"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/proMatches"))
        .and(query_param("less_than_match_id", "8012397000"))
        .respond_with(ResponseTemplate::new(200).set_body_string("[]"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    let client = common::client(&server);

    let page = client.pro_matches().await.unwrap();
    assert_eq!(page.len(), 3);
    assert_eq!(page[0].radiant_name.as_deref(), Some("Copper Hawks"));
    let last = page.last().unwrap().match_id;
    let older = client.pro_matches().less_than_match_id(last).await.unwrap();
    assert!(older.is_empty());
}

#[tokio::test]
async fn public_matches_sends_rank_bounds() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/publicMatches"))
        .and(query_param("less_than_match_id", "8012400200"))
        .and(query_param("min_rank", "54"))
        .and(query_param("max_rank", "75"))
        .respond_with(common::json_fixture("public_matches__current"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    let client = common::client(&server);

    let request = client
        .public_matches()
        .less_than_match_id(8_012_400_200_u64)
        .min_rank(54)
        .max_rank(RankTier(75));
    assert_eq!(
        request.query_string(),
        "less_than_match_id=8012400200&min_rank=54&max_rank=75"
    );
    let rows = request.await.unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].avg_rank_tier, Some(54.6));
    assert_eq!(rows[0].avg_rank(), Some(RankTier(55)));
    assert_eq!(rows[0].radiant_team[0], HeroId(1));
}

#[tokio::test]
async fn parsed_matches_pages_with_less_than_match_id() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/parsedMatches"))
        .and(query_param("less_than_match_id", "8012411500"))
        .respond_with(common::json_fixture("parsed_matches__current"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let rows = common::client(&server)
        .parsed_matches()
        .less_than_match_id(8_012_411_500_u64)
        .await
        .unwrap();
    let ids: Vec<MatchId> = rows.iter().map(|m| m.match_id).collect();
    assert_eq!(
        ids,
        [
            MatchId(8_012_411_003),
            MatchId(8_012_411_001),
            MatchId(8_012_410_800)
        ]
    );
}

#[tokio::test]
async fn find_matches_sends_repeated_team_keys() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/findMatches"))
        .and(query_param("teamA", "1"))
        .and(query_param("teamA", "2"))
        .and(query_param("teamB", "5"))
        .respond_with(common::json_fixture("find_matches__current"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let found = common::client(&server)
        .find_matches()
        .team_a(1)
        .team_a(HeroId(2))
        .team_b(5)
        .await
        .unwrap();
    assert_eq!(found.len(), 3);
    assert_eq!(found[0].team_a, [1, 2, 30, 41, 86].map(HeroId));
    assert_eq!(
        found[1].team_b[0],
        HeroId(1),
        "the asked-for heroes can be on Dire"
    );
    assert_eq!(found[1].team_a_win, Some(false));
    assert_eq!(found[1].start_time, None);

    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        requests[0].url.query(),
        Some("teamA=1&teamA=2&teamB=5"),
        "repeated keys, not a comma list"
    );
}

#[test]
fn decodes_matches_get_current_round_trip() {
    let game: Match = decode("matches_get__current");
    let again: Match = serde_json::from_value(serde_json::to_value(&game).unwrap()).unwrap();
    assert_eq!(again, game);
    assert_eq!(game.od_data.as_ref().and_then(|d| d.has_parsed), Some(true));
    assert_eq!(game.players[0].leaver_status, Some(LeaverStatus::None));
    assert_eq!(
        game.players[0].hero_damage_t,
        vec![0, 0, 310, 520, 980, 1430]
    );
    assert_eq!(game.stomp, Some(27_120));
    assert_eq!(game.throw, None);
}

#[test]
fn decodes_matches_get_unparsed_without_parsed_keys() {
    let game: Match = decode("matches_get__unparsed");
    assert!(!game.is_parsed());
    assert_eq!(game.version, None);
    assert!(game.radiant_gold_adv.is_empty());
    assert!(game.teamfights.is_empty());
    assert!(game.chat.is_empty());
    assert_eq!(game.series_id, None, "null series");
    assert_eq!(game.leagueid, Some(LeagueId(5401)));
    assert_eq!(
        game.league.as_ref().and_then(|l| l.tier.as_deref()),
        Some("professional")
    );
    assert_eq!(game.radiant_team_id, Some(TeamId(7_000_001)));
    assert_eq!(game.radiant_logo, Some(812_345_678_901_234_500));
    assert_eq!(game.radiant_team_complete, Some(true));
    assert_eq!(game.dire_captain, Some(AccountId(301_000_003)));
    assert_eq!(game.picks_bans[1].hero_id, Some(HeroId(74)));
    assert_eq!(game.picks_bans[1].is_pick, Some(true));

    let dire = &game.players[1];
    assert_eq!(dire.player_slot, Some(132));
    assert_eq!(dire.won(), Some(true));
    assert_eq!(dire.kda, Some(10.0), "an integer kda reads as a float");
    assert_eq!(dire.kills_per_min, None, "absent key");
    assert!(dire.gold_t.is_empty());
    assert!(dire.purchase_log.is_empty());
    assert!(dire.damage.is_empty());
    assert!(dire.max_hero_hit.is_none());
    assert_eq!(dire.benchmarks["gold_per_min"].raw, Some(402.0));
    assert_eq!(dire.benchmarks["gold_per_min"].pct, None);
}

#[test]
fn decodes_matches_get_legacy_2018() {
    let game: Match = decode("matches_get__legacy_2018");
    assert!(game.is_parsed());
    assert_eq!(
        game.radiant_team.as_ref().and_then(|t| t.tag.as_deref()),
        Some("SGG")
    );
    assert_eq!(
        game.dire_team.as_ref().and_then(|t| t.logo_url.as_deref()),
        None
    );
    assert_eq!(
        game.league.as_ref().and_then(|l| l.name.as_deref()),
        Some("Sample Invitational")
    );
    assert_eq!(game.draft_timings[0].player_slot, None);
    assert_eq!(game.draft_timings[1].total_time_taken, Some(12));
    assert_eq!(game.picks_bans[1].ord, Some(1));
    assert_eq!(game.chat[0].unit, None, "chat wheel lines have no unit");
    assert_eq!(game.chat[0].key.as_deref(), Some("97006"));
    assert_eq!(game.objectives[0].key.as_deref(), Some("6"));
    assert_eq!(game.comeback, Some(2400));

    let sven = &game.players[0];
    assert_eq!(sven.name.as_deref(), Some("Sea Glass"));
    assert_eq!(sven.personaname.as_deref(), Some("海 玻 璃"));
    assert!(sven.additional_units.is_empty(), "null additional_units");
    assert!(sven.permanent_buffs.is_empty(), "null permanent_buffs");
    assert_eq!(sven.repicked, None);
    assert_eq!(sven.stuns, Some(0.0), "integer stuns read as a float");
    assert_eq!(sven.kda, Some(3.0));
    assert_eq!(sven.damage_inflictor["null"], 15_000);
    assert_eq!(
        sven.max_hero_hit
            .as_ref()
            .and_then(|h| h.inflictor.as_deref()),
        None
    );
    assert_eq!(sven.cosmetics[0].item_id, Some(7001));
    assert_eq!(sven.cosmetics[0].item_description, None);
    assert_eq!(
        sven.cosmetics[0].used_by_heroes.as_deref(),
        Some("npc_dota_hero_sven")
    );
    assert_eq!(sven.benchmarks["lhten"].pct, Some(0.9));
    assert_eq!(sven.firstblood_claimed, Some(false));
    assert_eq!(sven.won(), Some(false));
    assert_eq!(game.players[1].won(), Some(true));
}

#[test]
fn decodes_matches_get_parsed_full() {
    let game: Match = decode("matches_get__parsed_full");
    assert_eq!(game.match_id, MatchId(1_781_962_623));
    assert_eq!(game.players.len(), 10);
    assert_eq!(game.teamfights.len(), 9);
    assert_eq!(game.players[0].personaname.as_deref(), Some("Player 1"));
    assert_eq!(game.players[0].purchase_log.len(), 41);
    assert_eq!(game.players[0].times.len(), game.players[0].gold_t.len());
    assert_eq!(
        game.players[0].purchase.get("dust"),
        None,
        "null counts are left out"
    );
    assert_eq!(
        game.players
            .iter()
            .filter(|p| p.won() == Some(true))
            .count(),
        5
    );
    assert!(game.players.iter().all(|p| p.max_hero_hit.is_some()));
    assert!(
        game.players
            .iter()
            .any(|p| !p.performance_others.is_empty())
    );
}

#[test]
fn decodes_pro_matches_current() {
    let rows: Vec<ProMatch> = decode("pro_matches__current");
    assert_eq!(rows[0].leagueid, Some(LeagueId(17_001)));
    assert_eq!(rows[0].series_type, Some(1));
    assert_eq!(rows[1].dire_team_id, None);
    assert_eq!(rows[1].radiant_name, None);
    assert_eq!(rows[2].radiant_win, None, "null radiant_win");
}

#[test]
fn decodes_public_matches_current() {
    let rows: Vec<PublicMatch> = decode("public_matches__current");
    assert_eq!(rows[0].dire_team, [8, 5, 137, 2, 110].map(HeroId));
    assert_eq!(rows[1].game_mode, Some(GameMode::Turbo));
    assert_eq!(rows[1].avg_rank_tier, Some(72.0));
    assert_eq!(rows[1].avg_mmr, None);
}

#[test]
fn decodes_public_matches_legacy_comma_teams() {
    let rows: Vec<PublicMatch> = decode("public_matches__legacy_comma_teams");
    assert_eq!(
        rows[0].radiant_team,
        [11, 74, 86, 33, 112].map(HeroId),
        "comma-joined string"
    );
    assert_eq!(rows[0].dire_team, [79, 120, 44, 70, 58].map(HeroId));
    assert_eq!(rows[0].avg_mmr, Some(6120));
    assert_eq!(rows[1].avg_rank_tier, None);
    assert_eq!(rows[1].avg_rank(), None);
}

#[test]
fn decodes_parsed_matches_current() {
    let rows: Vec<ParsedMatch> = decode("parsed_matches__current");
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[2].match_id, MatchId(8_012_410_800));
}

#[test]
fn decodes_find_matches_current() {
    let rows: Vec<FoundMatch> = decode("find_matches__current");
    assert_eq!(rows[0].start_time, Some(1_771_320_000));
    assert_eq!(rows[2].team_a_win, Some(true));
    assert_eq!(rows[2].team_b, [5, 8, 120, 3, 7].map(HeroId));
    // The spec's camel-case names are accepted too.
    let camel: FoundMatch =
        serde_json::from_str(r#"{"match_id": 1, "teamA": [1], "teamB": [2], "teamAWin": false}"#)
            .unwrap();
    assert_eq!(camel.team_a, [HeroId(1)]);
    assert_eq!(camel.team_a_win, Some(false));
}
