//! What the hbdta-bot test files share: the JSON fixtures and a wiremock OpenDota.
#![allow(dead_code, reason = "each test file uses the part it needs")]

pub mod dynalite;
pub mod expect;
pub mod served;

use std::path::PathBuf;
use std::time::Duration;

use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// `fixtures/<dir>/<name>.json`.
pub fn fixture_in(dir: &str, name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures")
        .join(dir)
        .join(format!("{name}.json"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `fixtures/opendota/<name>.json`.
pub fn fixture(name: &str) -> String {
    fixture_in("opendota", name)
}

/// An OpenDota client for a wiremock server: no rate limit, one quick retry.
pub fn opendota_client(server: &MockServer) -> opendota_sdk::Client {
    opendota_sdk::Client::builder()
        .base_url(format!("{}/api", server.uri()))
        .rate_limit(opendota_sdk::RateLimit::Disabled)
        .retry(opendota_sdk::RetryConfig::new(
            1,
            Duration::from_millis(1),
            Duration::from_millis(2),
        ))
        .build()
        .unwrap_or_else(|e| panic!("{e}"))
}

/// `GET /api{route}` answers `status` with `body`.
pub async fn od(server: &MockServer, route: &str, status: u16, body: String) {
    Mock::given(method("GET"))
        .and(path(format!("/api{route}")))
        .respond_with(ResponseTemplate::new(status).set_body_string(body))
        .mount(server)
        .await;
}

/// `GET /api{route}` answers 200 with the OpenDota fixture `name`.
pub async fn od_ok(server: &MockServer, route: &str, name: &str) {
    od(server, route, 200, fixture(name)).await;
}

/// Player `id`'s profile, heroes and recent matches from the `bot_players_*__{who}` fixtures, and
/// the item popularity of their best hero (`best_hero`): what a stats card asks for.
pub async fn mount_player(server: &MockServer, id: u32, who: &str, best_hero: u16) {
    od_ok(
        server,
        &format!("/players/{id}"),
        &format!("bot_players_get__{who}"),
    )
    .await;
    od_ok(
        server,
        &format!("/players/{id}/heroes"),
        &format!("bot_players_heroes__{who}"),
    )
    .await;
    od_ok(
        server,
        &format!("/players/{id}/recentMatches"),
        &format!("bot_players_recent_matches__{who}"),
    )
    .await;
    od_ok(
        server,
        &format!("/heroes/{best_hero}/itemPopularity"),
        "bot_heroes_item_popularity__tidehunter",
    )
    .await;
}

/// Arteezy's profile, his recent matches and the newest of them, `/matches/8731220045`: what
/// the last-match answer asks for.
pub async fn mount_last_match(server: &MockServer) {
    od_ok(server, "/players/86745912", "bot_players_get__arteezy").await;
    od_ok(
        server,
        "/players/86745912/recentMatches",
        "bot_players_recent_matches__arteezy",
    )
    .await;
    od_ok(
        server,
        "/matches/8731220045",
        "bot_matches_get__arteezy_last",
    )
    .await;
}

/// Arteezy's profile and heroes, and his last matches on Invoker
/// (`/players/86745912/matches?hero_id=74&limit=20`, each called once): the one-hero answer.
pub async fn mount_arteezy_invoker(server: &MockServer) {
    for (route, name) in [
        ("/players/86745912", "bot_players_get__arteezy"),
        ("/players/86745912/heroes", "bot_players_heroes__arteezy"),
    ] {
        Mock::given(method("GET"))
            .and(path(format!("/api{route}")))
            .respond_with(ResponseTemplate::new(200).set_body_string(fixture(name)))
            .expect(1)
            .mount(server)
            .await;
    }
    Mock::given(method("GET"))
        .and(path("/api/players/86745912/matches"))
        .and(wiremock::matchers::query_param("hero_id", "74"))
        .and(wiremock::matchers::query_param("limit", "20"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_string(fixture("bot_players_matches__arteezy_invoker")),
        )
        .expect(1)
        .mount(server)
        .await;
}

/// The stats picture of Arteezy's fixtures (`bot_players_*__arteezy`): the five most played
/// heroes, the last 20 results newest first.
pub fn arteezy_stats_picture() -> serde_json::Value {
    serde_json::json!({
        "kind": "stats",
        "name": "Arteezy",
        "rank": "Immortal #32",
        "wins": 3748,
        "losses": 2327,
        "heroes": [
            {"hero": "Anti-Mage", "games": 1500, "wins": 930},
            {"hero": "Invoker", "games": 1200, "wins": 720},
            {"hero": "Pudge", "games": 1000, "wins": 640},
            {"hero": "Axe", "games": 900, "wins": 540},
            {"hero": "Centaur Warrunner", "games": 800, "wins": 480}
        ],
        "results": "WWLWLWWWLLWWLWLWWLWL"
    })
}

/// A search for "tidehunter main" with one match (311360822) and that player's stats.
pub async fn mount_tidehunter_main(server: &MockServer) {
    Mock::given(method("GET"))
        .and(path("/api/search"))
        .and(wiremock::matchers::query_param("q", "tidehunter main"))
        .respond_with(ResponseTemplate::new(200).set_body_string(fixture("bot_search__one")))
        .mount(server)
        .await;
    od_ok(server, "/players/311360822", "players_get__current").await;
    od_ok(
        server,
        "/players/311360822/heroes",
        "players_heroes__current",
    )
    .await;
    od_ok(
        server,
        "/players/311360822/recentMatches",
        "players_recent_matches__current",
    )
    .await;
    od_ok(
        server,
        "/heroes/29/itemPopularity",
        "bot_heroes_item_popularity__tidehunter",
    )
    .await;
}

/// A fake OpenDota answering the hero and item constants (what start-up loads).
pub async fn opendota_with_constants() -> MockServer {
    let server = MockServer::start().await;
    od_ok(
        &server,
        "/constants/heroes",
        "bot_constants_heroes__catalog",
    )
    .await;
    od_ok(
        &server,
        "/constants/item_ids",
        "bot_constants_item_ids__catalog",
    )
    .await;
    server
}

/// Every Send API body `graph` received, in order.
pub async fn all_sent(graph: &MockServer) -> Vec<serde_json::Value> {
    graph
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .map(|r| {
            serde_json::from_slice::<serde_json::Value>(&r.body)
                .unwrap_or_else(|e| panic!("a Send API body that is not JSON: {e}"))
        })
        .collect()
}

/// The Send API bodies `graph` received for `psid`, once there are at least `n` (the test fails
/// after 10 s without). That no more come is checked after the workers have stopped (see the
/// harnesses' `settle`), not after a sleep.
pub async fn sent_to(graph: &MockServer, psid: &str, n: usize) -> Vec<serde_json::Value> {
    let received = || async {
        let mut bodies = all_sent(graph).await;
        bodies.retain(|b| b["recipient"]["id"] == psid);
        bodies
    };
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let bodies = received().await;
        if bodies.len() >= n {
            return bodies;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{} of {n} Send API calls to {psid} after 10 s: {bodies:#?}",
            bodies.len()
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// The Send API bodies the bot must send `psid` for one question: the literal JSON in
/// `fixtures/messenger/bot_sends__<case>.json`, written for the recipient `PSID`.
pub fn sends(case: &str, psid: &str) -> Vec<serde_json::Value> {
    let text = fixture_in("messenger", &format!("bot_sends__{case}"))
        .replace("\"PSID\"", &format!("\"{psid}\""));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("bot_sends__{case}: {e}"))
}
