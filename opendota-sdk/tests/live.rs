//! `GET /live`.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use opendota_sdk::{AccountId, GameMode, HeroId, LeagueId, LobbyType, MatchId, TeamId};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn live_decodes_games_and_drops_expired_entries() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/live"))
        .respond_with(common::json_fixture("live__current"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let games = common::client(&server).live().await.unwrap();
    assert_eq!(games.len(), 2, "the null entry is dropped");

    let pro = &games[0];
    assert_eq!(
        pro.match_id,
        Some(MatchId(8_720_000_001)),
        "match id as a string"
    );
    assert_eq!(pro.server_steam_id.as_deref(), Some("90277900000000001"));
    assert_eq!(pro.league_id, Some(LeagueId(17420)));
    assert_eq!(pro.lobby_type, Some(LobbyType::Practice));
    assert_eq!(pro.game_mode, Some(GameMode::CaptainsMode));
    assert_eq!(pro.spectators, Some(5230));
    assert_eq!(pro.team_name_radiant.as_deref(), Some("Team Alpha"));
    assert_eq!(pro.team_id_dire, Some(TeamId(9002)));
    assert_eq!(pro.radiant_score, Some(21));
    assert_eq!(pro.dire_score, Some(12));
    assert_eq!(pro.radiant_lead, Some(4120));
    assert_eq!(pro.players.len(), 2);
    let star = &pro.players[0];
    assert_eq!(star.account_id, Some(AccountId(105_248_644)));
    assert_eq!(star.hero_id, Some(HeroId(1)));
    assert_eq!(star.name.as_deref(), Some("SomePro"));
    assert_eq!(star.team_tag.as_deref(), Some("ALPHA"));
    assert_eq!(star.is_pro, Some(true));
    assert_eq!(star.is_radiant(), Some(true));
    assert!(pro.players[1].name.is_none(), "not a known pro");
    let dire: Vec<_> = pro.side(false).filter_map(|p| p.hero_id).collect();
    assert_eq!(dire, [HeroId(14)]);

    let pub_game = &games[1];
    assert_eq!(
        pub_game.match_id,
        Some(MatchId(8_720_000_002)),
        "match id as a number"
    );
    assert_eq!(
        pub_game.server_steam_id.as_deref(),
        Some("90277900000000002"),
        "a numeric steam id becomes text"
    );
    assert_eq!(pub_game.game_time, Some(-45));
    assert_eq!(pub_game.average_mmr, Some(7310));
    assert!(pub_game.team_name_radiant.is_none(), "\"\" is no name");
    assert_eq!(pub_game.team_id_radiant, Some(TeamId(0)));
    assert_eq!(pub_game.players[0].hero_id, None, "0: not picked yet");
    assert_eq!(pub_game.players[1].is_radiant(), Some(false));
    assert_eq!(pub_game.is_player_draft, Some(true));
}

#[tokio::test]
async fn no_live_games_is_an_empty_list() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/live"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("[]", "application/json"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    assert!(common::client(&server).live().await.unwrap().is_empty());
}
