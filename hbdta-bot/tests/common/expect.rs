//! OpenDota mocks that must be called an exact number of times (checked when the server drops),
//! and a conversation over them with the constants already loaded.

use wiremock::matchers::{any, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use hbdta_bot::conversation::{Answer, Choice, Conversation, Picture, Reply};
use hbdta_bot::stats::Stats;

use super::{fixture, opendota_client as client};

/// `GET /api{route}` answers `status` with `body`, and must be called `expect` times.
pub async fn answer(server: &MockServer, route: &str, status: u16, body: String, expect: u64) {
    Mock::given(method("GET"))
        .and(path(format!("/api{route}")))
        .respond_with(
            ResponseTemplate::new(status)
                .insert_header("content-type", "application/json")
                .set_body_string(body),
        )
        .expect(expect)
        .named(format!("GET {route}"))
        .mount(server)
        .await;
}

pub async fn ok(server: &MockServer, route: &str, fixture_name: &str, expect: u64) {
    answer(server, route, 200, fixture(fixture_name), expect).await;
}

/// Any request nothing else answered: a 500, and the test fails on drop.
pub async fn catch_all(server: &MockServer) {
    Mock::given(any())
        .respond_with(ResponseTemplate::new(500).set_body_string("unexpected request"))
        .with_priority(200)
        .expect(0)
        .named("an OpenDota request no mock expected")
        .mount(server)
        .await;
}

/// The hero and item constants, each called once.
pub async fn constants(server: &MockServer) {
    ok(
        server,
        "/constants/heroes",
        "bot_constants_heroes__catalog",
        1,
    )
    .await;
    ok(
        server,
        "/constants/item_ids",
        "bot_constants_item_ids__catalog",
        1,
    )
    .await;
}

/// A server with the constants mounted (called once), plus a conversation whose caches hold
/// them (as after start-up).
pub async fn warm() -> (MockServer, Conversation) {
    let server = MockServer::start().await;
    constants(&server).await;
    let stats = Stats::new(client(&server));
    stats.warm_up().await.unwrap();
    (server, Conversation::new(stats))
}

/// Arteezy's profile, heroes, recent matches and his best hero's items, each called `expect` times.
pub async fn mount_arteezy(server: &MockServer, expect: u64) {
    ok(
        server,
        "/players/86745912",
        "bot_players_get__arteezy",
        expect,
    )
    .await;
    ok(
        server,
        "/players/86745912/heroes",
        "bot_players_heroes__arteezy",
        expect,
    )
    .await;
    ok(
        server,
        "/players/86745912/recentMatches",
        "bot_players_recent_matches__arteezy",
        expect,
    )
    .await;
    ok(
        server,
        "/heroes/29/itemPopularity",
        "bot_heroes_item_popularity__tidehunter",
        expect,
    )
    .await;
}

/// SumaiL's profile, heroes and recent matches, each called once.
pub async fn mount_sumail(server: &MockServer) {
    ok(server, "/players/111620041", "bot_players_get__sumail", 1).await;
    ok(
        server,
        "/players/111620041/heroes",
        "bot_players_heroes__sumail",
        1,
    )
    .await;
    ok(
        server,
        "/players/111620041/recentMatches",
        "bot_players_recent_matches__sumail",
        1,
    )
    .await;
}

/// A reply that must be a text: its text and choices.
pub fn text_of(reply: &Reply) -> (&str, &[Choice]) {
    match reply {
        Reply::Text {
            text,
            quick_replies,
        } => (text, quick_replies),
        other => panic!("a text was expected, got {other:?}"),
    }
}

/// An answer of a picture, then one text (the last match): the picture, the text and choices.
pub fn picture_then_text(answer: &Answer) -> (&Picture, &str, &[Choice]) {
    let [Reply::Picture(picture), text] = answer.replies.as_slice() else {
        panic!("a picture, then a text: {:#?}", answer.replies);
    };
    let (text, choices) = text_of(text);
    (picture, text, choices)
}

/// The one text reply of an answer.
pub fn only_text(answer: &Answer) -> (&str, &[Choice]) {
    assert_eq!(answer.replies.len(), 1, "{:#?}", answer.replies);
    text_of(&answer.replies[0])
}

pub fn choice(title: &str, payload: &str) -> Choice {
    Choice {
        title: title.to_owned(),
        payload: payload.to_owned(),
    }
}
