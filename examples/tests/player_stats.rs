//! `player_stats` run as a program against a local server that answers like OpenDota.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

use std::path::PathBuf;
use std::process::Command;

use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/opendota")
        .join(format!("{name}.json"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

async fn mount(server: &MockServer, route: &str, name: &str) {
    Mock::given(method("GET"))
        .and(path(format!("/api{route}")))
        .respond_with(ResponseTemplate::new(200).set_body_string(fixture(name)))
        .mount(server)
        .await;
}

async fn stats_server() -> MockServer {
    let server = MockServer::start().await;
    mount(&server, "/players/311360822", "players_get__current").await;
    mount(&server, "/players/311360822/wl", "players_wl__current").await;
    mount(
        &server,
        "/players/311360822/heroes",
        "players_heroes__current",
    )
    .await;
    mount(
        &server,
        "/constants/heroes",
        "constants_heroes__player_stats",
    )
    .await;
    server
}

/// Runs the program (blocking, so on a blocking thread) and returns (exit code, stdout).
async fn run(server: &MockServer, args: &[&str]) -> (i32, String) {
    let base = format!("{}/api", server.uri());
    let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    tokio::task::spawn_blocking(move || {
        let out = Command::new(env!("CARGO_BIN_EXE_player_stats"))
            .args(&args)
            .env("OPENDOTA_BASE_URL", base)
            .env_remove("OPENDOTA_API_KEY")
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8(out.stdout).unwrap(),
        )
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn account_id_prints_profile_rank_record_and_top_heroes() {
    let server = stats_server().await;
    let (code, out) = run(&server, &["311360822"]).await;
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("tidehunter main (311360822)"), "{out}");
    assert!(out.contains("Rank: Legend 4"), "{out}");
    assert!(
        out.contains("Win/loss: 12 / 8 (60.0% win rate over 20 games)"),
        "{out}"
    );
    let tide = out
        .lines()
        .find(|l| l.contains("Tidehunter"))
        .expect("hero line");
    assert!(
        tide.contains("212 games") && tide.contains("56.1%"),
        "{tide}"
    );
    assert!(out.contains("Centaur Warrunner"), "{out}");
    assert!(
        !out.contains("unknown hero"),
        "heroes with no games are left out: {out}"
    );
}

#[tokio::test]
async fn steam_id64_and_profile_links_find_the_same_player() {
    let server = stats_server().await;
    for input in [
        "76561198271626550",
        "https://www.dotabuff.com/players/311360822",
        "https://steamcommunity.com/profiles/76561198271626550/",
    ] {
        let (code, out) = run(&server, &[input]).await;
        assert_eq!(code, 0, "{input}: {out}");
        assert!(out.contains("tidehunter main"), "{input}: {out}");
    }
}

#[tokio::test]
async fn a_name_with_several_matches_lists_them() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/search"))
        .and(query_param("q", "grads"))
        .respond_with(
            ResponseTemplate::new(200).set_body_string(fixture("search__legacy_similarity")),
        )
        .mount(&server)
        .await;
    let (code, out) = run(&server, &["grads"]).await;
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("3 players match \"grads\""), "{out}");
    assert!(
        out.contains("22088787") && out.contains("Dads 'n' Grads"),
        "{out}"
    );
}

#[tokio::test]
async fn a_name_with_one_match_shows_the_stats() {
    let server = stats_server().await;
    Mock::given(method("GET"))
        .and(path("/api/search"))
        .respond_with(ResponseTemplate::new(200).set_body_string(
            r#"[{"account_id": 311360822, "personaname": "tidehunter main", "sml": 0.9}]"#,
        ))
        .mount(&server)
        .await;
    let (code, out) = run(&server, &["tidehunter", "main"]).await;
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Rank: Legend 4"), "{out}");
}

#[tokio::test]
async fn unknown_account_and_unknown_name_are_told_plainly() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/players/1"))
        .respond_with(ResponseTemplate::new(404).set_body_string(r#"{"error":"Not Found"}"#))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/search"))
        .respond_with(ResponseTemplate::new(200).set_body_string("[]"))
        .mount(&server)
        .await;
    let (code, out) = run(&server, &["1"]).await;
    assert_eq!(code, 1);
    assert!(out.contains("OpenDota does not know account 1"), "{out}");
    let (code, out) = run(&server, &["zzqqxx"]).await;
    assert_eq!(code, 0);
    assert!(out.contains("No player named \"zzqqxx\""), "{out}");
}
