//! OpenDota's `0` for "no league", read as `None` on the fields where real answers send it: a
//! matchmaking game's `leagueid` in `GET /matches/{match_id}` and `league_id` in `GET /live`.
//! A league whose own id is `0` (one row of `GET /leagues`) keeps it.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

use opendota_sdk::LeagueId;
use opendota_sdk::models::leagues::League;
use opendota_sdk::models::live::LiveMatch;
use opendota_sdk::models::matches::Match;

#[test]
fn a_matchmaking_match_has_no_league() {
    let public: Match =
        serde_json::from_str(r#"{"match_id": 8654087914, "leagueid": 0, "lobby_type": 7}"#)
            .unwrap();
    assert_eq!(public.leagueid, None);
    let as_string: Match =
        serde_json::from_str(r#"{"match_id": 8654087914, "leagueid": "0"}"#).unwrap();
    assert_eq!(as_string.leagueid, None);
    let pro: Match =
        serde_json::from_str(r#"{"match_id": 4080856812, "leagueid": 10749}"#).unwrap();
    assert_eq!(pro.leagueid, Some(LeagueId(10749)));
    let unsaid: Match = serde_json::from_str(r#"{"match_id": 4080856812}"#).unwrap();
    assert_eq!(unsaid.leagueid, None);
}

#[test]
fn a_live_matchmaking_game_has_no_league() {
    let games: Vec<LiveMatch> = serde_json::from_str(
        r#"[
            {"match_id": 7000000001, "league_id": 0, "lobby_type": 7},
            {"match_id": 7000000002, "league_id": 17420, "lobby_type": 1}
        ]"#,
    )
    .unwrap();
    assert_eq!(games[0].league_id, None);
    assert_eq!(games[1].league_id, Some(LeagueId(17420)));
}

#[test]
fn none_serialises_as_null() {
    let public: Match = serde_json::from_str(r#"{"match_id": 1, "leagueid": 0}"#).unwrap();
    let json = serde_json::to_value(&public).unwrap();
    assert_eq!(json["leagueid"], serde_json::Value::Null);
}

#[test]
fn a_league_whose_id_is_zero_keeps_it() {
    let leagues: Vec<League> = serde_json::from_str(
        r#"[{"leagueid": 0, "ticket": 0, "banner": 0, "tier": "amateur", "name": "Weekend 1x1"}]"#,
    )
    .unwrap();
    assert_eq!(leagues[0].leagueid, LeagueId(0));
}
