#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]
//! The conversation against a wiremock OpenDota: the replies for every kind of message, the
//! errors, and the OpenDota calls each answer costs.

mod common;

use common::expect::{
    answer, catch_all, choice, constants, mount_arteezy, mount_sumail, ok, only_text,
    picture_then_text, text_of, warm,
};
use common::{fixture, mount_arteezy_invoker, opendota_client as client};

use std::sync::Arc;

use hbdta_bot::conversation::{Answer, Card, CardButton, Conversation, Incoming, Person, Reply};
use hbdta_bot::stats::Stats;
use hbdta_bot::store::{MemoryStore, PersonId};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Someone asking from the terminal, remembered in memory.
fn person() -> Person {
    Person::new(
        PersonId::new("terminal", "tester"),
        Arc::new(MemoryStore::new()),
    )
}

async fn ask(conversation: &Conversation, text: &str) -> Answer {
    conversation
        .respond(&person(), &Incoming::Text(text.to_owned()))
        .await
}

async fn tap(conversation: &Conversation, payload: &str) -> Answer {
    conversation
        .respond(&person(), &Incoming::Payload(payload.to_owned()))
        .await
}

fn assert_lines(text: &str, lines: &[&str]) {
    for line in lines {
        assert!(
            text.lines().any(|l| l == *line),
            "missing line {line:?} in:\n{text}"
        );
    }
}

/// What any platform can show: no empty text or title, at most 10 choices, at most 3 buttons
/// (each platform fits lengths to its own limits).
fn assert_within_limits(answer: &Answer) {
    for reply in &answer.replies {
        match reply {
            Reply::Text {
                text,
                quick_replies,
            } => {
                assert!(!text.is_empty());
                assert!(quick_replies.len() <= 10, "{quick_replies:?}");
                for c in quick_replies {
                    assert!(!c.title.is_empty(), "{c:?}");
                }
            }
            Reply::Card(card) => {
                assert!(!card.title.is_empty());
                assert!(card.buttons.len() <= 3);
            }
            Reply::Picture(_) => {}
        }
    }
}

fn arteezy_card() -> Card {
    Card {
        title: "Arteezy".to_owned(),
        subtitle: Some("Immortal #32 · 61.7% wins · 6,075 games".to_owned()),
        image_url: Some("https://avatars.example/a1/a1b2c3_full.jpg".to_owned()),
        picture: Some(serde_json::from_value(common::arteezy_stats_picture()).unwrap()),
        url: Some("https://www.opendota.com/players/86745912".to_owned()),
        buttons: vec![
            CardButton::Link {
                title: "OpenDota".to_owned(),
                url: "https://www.opendota.com/players/86745912".to_owned(),
            },
            CardButton::Postback {
                title: "Heroes".to_owned(),
                payload: "HEROES:86745912".to_owned(),
            },
            CardButton::Postback {
                title: "Recent".to_owned(),
                payload: "RECENT:86745912".to_owned(),
            },
        ],
    }
}

/// The full stats answer for Arteezy.
fn assert_arteezy_stats(answer: &Answer) {
    assert_within_limits(answer);
    assert_eq!(answer.replies.len(), 2, "{:#?}", answer.replies);
    assert_eq!(answer.replies[0], Reply::Card(arteezy_card()));
    let (text, quick) = text_of(&answer.replies[1]);
    assert_lines(
        text,
        &[
            "🏅 Rank: Immortal #32",
            "📊 Record: 3,748 wins, 2,327 losses (61.7% win rate over 6,075 games)",
            "🦸 Top heroes:",
            "1. Anti-Mage: 1,500 games, 62.0% wins",
            "2. Invoker: 1,200 games, 60.0% wins",
            "3. Pudge: 1,000 games, 64.0% wins",
            "4. Axe: 900 games, 60.0% wins",
            "5. Centaur Warrunner: 800 games, 60.0% wins",
            "📈 Recent form (last 20): 12 wins, 8 losses · avg K/D/A 7.9/4.5/10.8",
            "💡 Recommendations:",
            "• Best win rates (10+ games): Tidehunter 64.4% (666 games), Pudge 64.0% (1,000 games), Anti-Mage 62.0% (1,500 games)",
            "• Popular items on Tidehunter: Blink Dagger, Black King Bar, Boots of Travel",
        ],
    );
    assert!(!text.contains("6. "), "only the top 5 heroes: {text}");
    assert_eq!(
        quick,
        [
            choice("Heroes", "HEROES:86745912"),
            choice("Recent", "RECENT:86745912"),
            choice("Last match", "LAST:86745912"),
            choice("Compare", "COMPARE:86745912"),
            choice("This is me", "LINK:86745912"),
        ],
        "nothing is linked yet, so the stats offer to link"
    );
}

#[tokio::test]
async fn an_account_id_gets_the_stats_in_four_calls_then_none() {
    let (server, conversation) = warm().await;
    mount_arteezy(&server, 1).await;
    catch_all(&server).await;

    let first = ask(&conversation, "86745912").await;
    assert_arteezy_stats(&first);
    assert_eq!(first.opendota_calls, 4);

    let again = ask(&conversation, "86745912").await;
    assert_eq!(
        again,
        Answer {
            opendota_calls: 0,
            ..first
        }
    );
    // Each mock was called once (checked when the server drops).
}

#[tokio::test]
async fn a_steam_id64_gets_the_stats() {
    let (server, conversation) = warm().await;
    mount_arteezy(&server, 1).await;
    catch_all(&server).await;

    let answer = ask(&conversation, "76561198047011640").await;
    assert_arteezy_stats(&answer);
    assert_eq!(answer.opendota_calls, 4);
}

#[tokio::test]
async fn profile_links_get_the_stats() {
    let (server, conversation) = warm().await;
    mount_arteezy(&server, 1).await;
    catch_all(&server).await;

    let answer = ask(
        &conversation,
        "https://www.dotabuff.com/players/86745912/matches",
    )
    .await;
    assert_arteezy_stats(&answer);
    assert_eq!(answer.opendota_calls, 4);
    // The same player through other links: cached.
    for link in [
        "https://www.opendota.com/players/86745912",
        "https://stratz.com/players/86745912",
        "steamcommunity.com/profiles/76561198047011640/",
        "here is mine: https://www.opendota.com/players/86745912",
    ] {
        let answer = ask(&conversation, link).await;
        assert_arteezy_stats(&answer);
        assert_eq!(answer.opendota_calls, 0, "{link}");
    }
}

#[tokio::test]
async fn without_warm_up_the_constants_load_with_the_first_question() {
    let server = MockServer::start().await;
    constants(&server).await;
    mount_arteezy(&server, 1).await;
    catch_all(&server).await;
    let conversation = Conversation::new(Stats::new(client(&server)));

    let first = ask(&conversation, "86745912").await;
    assert_arteezy_stats(&first);
    assert_eq!(first.opendota_calls, 6);
    assert_eq!(ask(&conversation, "86745912").await.opendota_calls, 0);
}

#[tokio::test]
async fn a_name_with_one_match_gets_the_stats() {
    let (server, conversation) = warm().await;
    Mock::given(method("GET"))
        .and(path("/api/search"))
        .and(query_param("q", "tidehunter main"))
        .respond_with(ResponseTemplate::new(200).set_body_string(fixture("bot_search__one")))
        .expect(1)
        .mount(&server)
        .await;
    ok(&server, "/players/311360822", "players_get__current", 1).await;
    ok(
        &server,
        "/players/311360822/heroes",
        "players_heroes__current",
        1,
    )
    .await;
    ok(
        &server,
        "/players/311360822/recentMatches",
        "players_recent_matches__current",
        1,
    )
    .await;
    ok(
        &server,
        "/heroes/29/itemPopularity",
        "bot_heroes_item_popularity__tidehunter",
        1,
    )
    .await;
    catch_all(&server).await;

    let answer = ask(&conversation, "stats tidehunter main").await;
    assert_within_limits(&answer);
    assert_eq!(
        answer.opendota_calls, 5,
        "the search, then the four stats calls"
    );
    let Reply::Card(card) = &answer.replies[0] else {
        panic!("a card first: {:#?}", answer.replies);
    };
    assert_eq!(card.title, "tidehunter main");
    assert_eq!(
        card.subtitle.as_deref(),
        Some("Legend 4 · 54.1% wins · 257 games")
    );
    assert_eq!(
        card.image_url.as_deref(),
        Some("https://avatars.example/3c/3c4d5e_full.jpg")
    );
    assert_eq!(
        card.url.as_deref(),
        Some("https://www.opendota.com/players/311360822")
    );
    let (text, quick) = text_of(&answer.replies[1]);
    assert_lines(
        text,
        &[
            "🏅 Rank: Legend 4",
            "📊 Record: 139 wins, 118 losses (54.1% win rate over 257 games)",
            "1. Tidehunter: 212 games, 56.1% wins",
            "2. Centaur Warrunner: 45 games, 44.4% wins",
            "📈 Recent form (last 2): 1 win, 1 loss · avg K/D/A 4.0/6.0/13.0",
            "• Best win rates (10+ games): Tidehunter 56.1% (212 games), Centaur Warrunner 44.4% (45 games)",
            "• Popular items on Tidehunter: Blink Dagger, Black King Bar, Boots of Travel",
        ],
    );
    assert_eq!(quick[0], choice("Heroes", "HEROES:311360822"));

    // The same name again (other case, other spaces): no call at all.
    assert_eq!(
        ask(&conversation, "stats  Tidehunter Main ")
            .await
            .opendota_calls,
        0
    );
}

#[tokio::test]
async fn a_name_with_several_matches_offers_up_to_ten_choices() {
    let (server, conversation) = warm().await;
    Mock::given(method("GET"))
        .and(path("/api/search"))
        .and(query_param("q", "Arteezy"))
        .respond_with(ResponseTemplate::new(200).set_body_string(fixture("bot_search__several")))
        .expect(1)
        .mount(&server)
        .await;
    mount_arteezy(&server, 1).await;
    catch_all(&server).await;

    let answer = ask(&conversation, "Arteezy").await;
    assert_within_limits(&answer);
    assert_eq!(answer.opendota_calls, 1);
    let (text, quick) = only_text(&answer);
    assert_eq!(
        quick,
        [
            choice("Arteezy", "86745912"),
            // Whole names: each platform fits titles to its own limit (Messenger: 20 UTF-16
            // units, see the webhook tests).
            choice("Arteezy the greatest carry of all time", "200000001"),
            choice("🔥🔥 Arteezy fan 🔥🔥🔥🔥", "200000002"),
            choice("arteezy", "200000003"),
            choice("Arteezy2", "200000004"),
            choice("xArteezyx", "200000005"),
            choice("RTZ", "200000006"),
            choice(
                "arteezy fan club\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}",
                "200000007"
            ),
            choice("Player 200000008", "200000008"),
            choice("Arteezy #9", "200000009"),
        ]
    );
    assert_lines(
        text,
        &[
            "Many players match “Arteezy”. Which one?",
            "1. Arteezy (86745912), last played 2026-03-14",
            "2. Arteezy the greatest carry of all time (200000001)",
            "10. Arteezy #9 (200000009)",
            "Not there? Send their account id or profile link.",
        ],
    );

    // Tapping one shows that player's stats.
    let chosen = tap(&conversation, "86745912").await;
    assert_arteezy_stats(&chosen);
    assert_eq!(chosen.opendota_calls, 4);
}

#[tokio::test]
async fn a_name_without_matches_gets_tips() {
    let (server, conversation) = warm().await;
    Mock::given(method("GET"))
        .and(path("/api/search"))
        .and(query_param("q", "nobody at all"))
        .respond_with(ResponseTemplate::new(200).set_body_string("[]"))
        .expect(1)
        .mount(&server)
        .await;
    catch_all(&server).await;

    let answer = ask(&conversation, "nobody at all").await;
    assert_eq!(answer.opendota_calls, 1);
    let (text, quick) = only_text(&answer);
    assert!(quick.is_empty());
    assert_lines(
        text,
        &[
            "I couldn't find any player called “nobody at all” on OpenDota. 🤔",
            "Tips:",
            "• check the spelling, or try their current Steam name",
        ],
    );
    // Names under 3 characters are not searched (OpenDota finds nothing for them).
    let short = ask(&conversation, "ab").await;
    assert_eq!(short.opendota_calls, 0);
    assert!(
        only_text(&short)
            .0
            .starts_with("I couldn't find any player called “ab”")
    );
}

#[tokio::test]
async fn heroes_and_recent_continue_a_name_choice() {
    let (server, conversation) = warm().await;
    Mock::given(method("GET"))
        .and(path("/api/search"))
        .and(query_param("q", "Arteezy"))
        .respond_with(ResponseTemplate::new(200).set_body_string(fixture("bot_search__several")))
        .expect(1)
        .mount(&server)
        .await;
    catch_all(&server).await;

    let answer = ask(&conversation, "heroes Arteezy").await;
    let (_, quick) = only_text(&answer);
    assert_eq!(quick[0], choice("Arteezy", "HEROES:86745912"));
    let answer = ask(&conversation, "recent arteezy").await;
    assert_eq!(answer.opendota_calls, 0, "the search is cached");
    let (_, quick) = only_text(&answer);
    assert_eq!(quick[0], choice("Arteezy", "RECENT:86745912"));
}

#[tokio::test]
async fn heroes_lists_the_top_ten() {
    let (server, conversation) = warm().await;
    ok(&server, "/players/86745912", "bot_players_get__arteezy", 1).await;
    ok(
        &server,
        "/players/86745912/heroes",
        "bot_players_heroes__arteezy",
        1,
    )
    .await;
    catch_all(&server).await;

    let answer = ask(&conversation, "heroes 86745912").await;
    assert_within_limits(&answer);
    assert_eq!(answer.opendota_calls, 2);
    let (text, quick) = only_text(&answer);
    assert_eq!(
        text,
        "🦸 Top heroes of Arteezy:\n\
         1. Anti-Mage: 1,500 games, 62.0% wins\n\
         2. Invoker: 1,200 games, 60.0% wins\n\
         3. Pudge: 1,000 games, 64.0% wins\n\
         4. Axe: 900 games, 60.0% wins\n\
         5. Centaur Warrunner: 800 games, 60.0% wins\n\
         6. Tidehunter: 666 games, 64.4% wins\n\
         7. Shadow Fiend: 9 games, 100.0% wins"
    );
    assert_eq!(
        quick,
        [
            choice("Stats", "86745912"),
            choice("Recent", "RECENT:86745912"),
            choice("Compare", "COMPARE:86745912"),
        ]
    );
    // The card's Heroes button sends the payload: same answer, from the cache.
    let tapped = tap(&conversation, "HEROES:86745912").await;
    assert_eq!(
        tapped,
        Answer {
            opendota_calls: 0,
            ..answer
        }
    );
}

#[tokio::test]
async fn recent_shows_the_last_matches() {
    let (server, conversation) = warm().await;
    profile_and_recent(&server).await;
    catch_all(&server).await;

    let answer = tap(&conversation, "RECENT:86745912").await;
    assert_within_limits(&answer);
    assert_eq!(answer.opendota_calls, 2);
    let (text, quick) = only_text(&answer);
    assert_eq!(
        text,
        "📈 Arteezy, last 20 matches: 12 wins, 8 losses (60.0%)\n\
         Average K/D/A: 7.9/4.5/10.8\n\
         \n\
         Latest:\n\
         ✅ Tidehunter · Won · 3/1/5 · 30 min\n\
         ✅ Anti-Mage · Won · 10/6/8 · 31 min\n\
         ❌ Invoker · Lost · 6/3/11 · 32 min\n\
         ✅ Pudge · Won · 13/8/14 · 33 min\n\
         ❌ Tidehunter · Lost · 9/5/17 · 34 min"
    );
    assert_eq!(
        quick,
        [
            choice("Stats", "86745912"),
            choice("Heroes", "HEROES:86745912"),
            choice("Compare", "COMPARE:86745912"),
        ]
    );
    assert_eq!(
        ask(&conversation, "recent 86745912").await.opendota_calls,
        0
    );
}

#[tokio::test]
async fn compare_two_ids_side_by_side() {
    let (server, conversation) = warm().await;
    ok(&server, "/players/86745912", "bot_players_get__arteezy", 1).await;
    ok(
        &server,
        "/players/86745912/heroes",
        "bot_players_heroes__arteezy",
        1,
    )
    .await;
    ok(
        &server,
        "/players/86745912/recentMatches",
        "bot_players_recent_matches__arteezy",
        1,
    )
    .await;
    mount_sumail(&server).await;
    catch_all(&server).await;

    let answer = ask(&conversation, "compare 86745912 111620041").await;
    assert_within_limits(&answer);
    assert_eq!(answer.opendota_calls, 6);
    let (text, quick) = only_text(&answer);
    assert_eq!(
        text,
        "⚔️ Arteezy vs SumaiL\n\
         \n\
         Arteezy (86745912)\n\
         🏅 Immortal #32\n\
         📊 6,075 games · 61.7% wins\n\
         🦸 Most played: Anti-Mage (1,500 games, 62.0%)\n\
         📈 Last 20: 12 wins, 8 losses · K/D/A 7.9/4.5/10.8\n\
         \n\
         SumaiL (111620041)\n\
         🏅 Divine 5\n\
         📊 1,100 games · 53.6% wins\n\
         🦸 Most played: Shadow Fiend (800 games, 55.0%)\n\
         📈 Last 3: 2 wins, 1 loss · K/D/A 7.7/4.3/7.0\n\
         \n\
         🏆 Higher rank: Arteezy\n\
         🏆 Better win rate: Arteezy (61.7%)\n\
         🏆 Better recent form: SumaiL (2 of 3 won)"
    );
    assert_eq!(
        quick,
        [choice("Arteezy", "86745912"), choice("SumaiL", "111620041")]
    );

    // Other ways to ask the same: all from the cache.
    for text in [
        "86745912 vs 111620041",
        "86745912 111620041",
        "https://www.opendota.com/players/86745912 https://www.dotabuff.com/players/111620041",
    ] {
        let again = ask(&conversation, text).await;
        assert_eq!(again.opendota_calls, 0, "{text}");
        assert_eq!(again.replies, answer.replies, "{text}");
    }
}

#[tokio::test]
async fn compare_with_an_ambiguous_name_says_so() {
    let (server, conversation) = warm().await;
    Mock::given(method("GET"))
        .and(path("/api/search"))
        .and(query_param("q", "Arteezy"))
        .respond_with(ResponseTemplate::new(200).set_body_string(fixture("bot_search__several")))
        .expect(1)
        .mount(&server)
        .await;
    catch_all(&server).await;

    let answer = ask(&conversation, "compare 111620041 vs Arteezy").await;
    assert_eq!(answer.opendota_calls, 1);
    let (text, _) = only_text(&answer);
    assert_lines(
        text,
        &[
            "“Arteezy” matches several players, so I'm not sure whom to compare:",
            "• Arteezy (86745912), last played 2026-03-14",
            "Send compare with their account ids, like compare 86745912 111620041.",
        ],
    );
}

#[tokio::test]
async fn compare_resolves_a_name_with_one_match() {
    let (server, conversation) = warm().await;
    Mock::given(method("GET"))
        .and(path("/api/search"))
        .and(query_param("q", "tidehunter main"))
        .respond_with(ResponseTemplate::new(200).set_body_string(fixture("bot_search__one")))
        .expect(1)
        .mount(&server)
        .await;
    ok(&server, "/players/311360822", "players_get__current", 1).await;
    ok(
        &server,
        "/players/311360822/heroes",
        "players_heroes__current",
        1,
    )
    .await;
    ok(
        &server,
        "/players/311360822/recentMatches",
        "players_recent_matches__current",
        1,
    )
    .await;
    mount_sumail(&server).await;
    catch_all(&server).await;

    let answer = ask(&conversation, "compare 111620041 tidehunter main").await;
    assert_eq!(answer.opendota_calls, 7);
    let (text, _) = only_text(&answer);
    assert!(text.starts_with("⚔️ SumaiL vs tidehunter main\n"), "{text}");
}

#[tokio::test]
async fn compare_payload_and_one_player_explain_how_to_compare() {
    let (server, conversation) = warm().await;
    catch_all(&server).await;

    let answer = tap(&conversation, "COMPARE:86745912").await;
    assert_eq!(answer.opendota_calls, 0);
    let (text, _) = only_text(&answer);
    assert!(
        text.starts_with(
            "Who should I compare player 86745912 with? Send: compare 86745912 <another player>"
        ),
        "{text}"
    );
    let answer = ask(&conversation, "compare 86745912").await;
    assert!(
        only_text(&answer)
            .0
            .contains("compare 86745912 <another player>")
    );
    let same = ask(&conversation, "compare 86745912 86745912").await;
    assert!(
        only_text(&same)
            .0
            .starts_with("That's the same player twice.")
    );
}

#[tokio::test]
async fn help_greeting_and_get_started_need_no_lookup() {
    let (server, conversation) = warm().await;
    catch_all(&server).await;

    let help = ask(&conversation, "help").await;
    assert_eq!(help.opendota_calls, 0);
    let (text, quick) = only_text(&help);
    assert!(quick.is_empty());
    assert_lines(
        text,
        &[
            "Here's what I understand:",
            "• an account id, like 86745912",
            "• heroes <player>: their top 10 heroes",
            "• recent <player>: their last 20 matches",
            "• last <player>: their last match, with its items",
            "• match <id>, or a match link: both teams and the player of the match",
            "• peers <player>: who they play with most",
            "• compare <player> <player>, or <player> vs <player>: side by side",
            "• I am <player>: remember your account, then me, my heroes, my recent, my last match, compare me <player>",
            "• heroes, recent or last on their own: the last player you looked at",
            "• unlink forgets your account; forget me deletes everything I keep about you",
        ],
    );
    assert_eq!(tap(&conversation, "HELP").await, help);
    assert_eq!(ask(&conversation, "").await, help);

    for hello in ["hi", "Hello!", "hey", "yo", "sup", "heyyy"] {
        let answer = ask(&conversation, hello).await;
        assert_eq!(answer.opendota_calls, 0);
        let (text, quick) = only_text(&answer);
        assert!(
            text.starts_with("Hi! 👋 Send me a Dota 2 player"),
            "{hello}: {text}"
        );
        assert_eq!(quick, [choice("Help", "HELP")]);
    }

    let welcome = tap(&conversation, "GET_STARTED").await;
    assert_eq!(welcome.opendota_calls, 0);
    let (text, _) = only_text(&welcome);
    assert!(text.starts_with("Welcome! 🎮"), "{text}");
    assert_lines(text, &["Here's what I understand:"]);

    let long = ask(&conversation, &"x".repeat(65)).await;
    assert!(only_text(&long).0.starts_with("Sorry, I didn't get that."));
    let unknown = tap(&conversation, "SOMETHING_ELSE").await;
    assert!(
        only_text(&unknown)
            .0
            .starts_with("Sorry, I didn't get that.")
    );
    let missing = ask(&conversation, "heroes").await;
    assert!(only_text(&missing).0.starts_with("Whose heroes?"));
}

#[tokio::test]
async fn a_steam_custom_url_asks_for_the_profiles_link() {
    let (server, conversation) = warm().await;
    catch_all(&server).await;

    let answer = ask(
        &conversation,
        "https://steamcommunity.com/id/gabelogannewell",
    )
    .await;
    assert_eq!(answer.opendota_calls, 0);
    let (text, _) = only_text(&answer);
    assert!(
        text.contains("steamcommunity.com/id/gabelogannewell is a custom Steam URL"),
        "{text}"
    );
    assert!(text.contains("steamcommunity.com/profiles/"), "{text}");

    let number = ask(&conversation, "99999999999").await;
    assert!(
        only_text(&number)
            .0
            .starts_with("99999999999 isn't an account id")
    );
    let link = ask(&conversation, "https://example.com/u/1").await;
    assert!(only_text(&link).0.starts_with("I can't read that link."));
}

#[tokio::test]
async fn an_unknown_account_gets_tips() {
    let (server, conversation) = warm().await;
    answer(
        &server,
        "/players/123",
        404,
        r#"{"error":"Not Found"}"#.to_owned(),
        1,
    )
    .await;
    // OpenDota answers every other player route of an unknown account with empty data.
    answer(&server, "/players/123/heroes", 200, "[]".to_owned(), 1).await;
    answer(
        &server,
        "/players/123/recentMatches",
        200,
        "[]".to_owned(),
        1,
    )
    .await;
    catch_all(&server).await;

    let reply = ask(&conversation, "123").await;
    assert_eq!(reply.opendota_calls, 3);
    let (text, _) = only_text(&reply);
    assert_lines(
        text,
        &[
            "I couldn't find player 123 on OpenDota. 🤔",
            "Tips:",
            "• a SteamID64 or a profile link works too",
        ],
    );
}

#[tokio::test]
async fn a_private_profile_explains_the_setting() {
    let (server, conversation) = warm().await;
    ok(&server, "/players/123456789", "bot_players_get__private", 1).await;
    ok(
        &server,
        "/players/123456789/heroes",
        "bot_players_heroes__private",
        1,
    )
    .await;
    answer(
        &server,
        "/players/123456789/recentMatches",
        200,
        "[]".to_owned(),
        1,
    )
    .await;
    catch_all(&server).await;

    let reply = ask(&conversation, "123456789").await;
    assert_eq!(reply.opendota_calls, 3);
    let (text, _) = only_text(&reply);
    assert_lines(
        text,
        &[
            "🔒 hidden hero (123456789) has no public match data on OpenDota, so I can't show their stats.",
            "If this is your account: in Dota 2, open Settings → Options → Social, turn on “Expose Public Match Data”, play a match, then ask me again (OpenDota may take a little while to catch up).",
        ],
    );
    let heroes = ask(&conversation, "heroes 123456789").await;
    assert_eq!(heroes.opendota_calls, 0);
    assert!(only_text(&heroes).0.contains("Expose Public Match Data"));
}

#[tokio::test]
async fn opendota_rate_limit_says_try_again_in_a_minute() {
    let (server, conversation) = warm().await;
    let busy = r#"{"error":"minute rate limit exceeded"}"#;
    for route in [
        "/players/86745912",
        "/players/86745912/heroes",
        "/players/86745912/recentMatches",
    ] {
        // Tried once more by the client before it gives up.
        answer(&server, route, 429, busy.to_owned(), 2).await;
    }
    catch_all(&server).await;

    let reply = ask(&conversation, "86745912").await;
    let (text, quick) = only_text(&reply);
    assert_eq!(
        text,
        "OpenDota is busy right now, try again in a minute. ⏳"
    );
    assert!(quick.is_empty());
}

#[tokio::test]
async fn opendota_down_says_so() {
    let (server, conversation) = warm().await;
    for route in [
        "/players/86745912",
        "/players/86745912/heroes",
        "/players/86745912/recentMatches",
    ] {
        // Twice per question (the client retries a 5xx once), and errors are not cached.
        answer(
            &server,
            route,
            500,
            "<html>Internal Server Error</html>".to_owned(),
            4,
        )
        .await;
    }
    catch_all(&server).await;

    let reply = ask(&conversation, "86745912").await;
    let (text, _) = only_text(&reply);
    assert_eq!(
        text,
        "OpenDota isn't answering right now. 🛠️ Please try again in a few minutes."
    );
    // Errors are not cached: the next question asks again (and gets the same reply).
    let again = ask(&conversation, "86745912").await;
    assert_eq!(again.replies, reply.replies);
}

#[tokio::test]
async fn a_body_that_does_not_decode_counts_as_opendota_down() {
    let (server, conversation) = warm().await;
    answer(&server, "/players/86745912", 200, "not json".to_owned(), 1).await;
    ok(
        &server,
        "/players/86745912/heroes",
        "bot_players_heroes__arteezy",
        1,
    )
    .await;
    ok(
        &server,
        "/players/86745912/recentMatches",
        "bot_players_recent_matches__arteezy",
        1,
    )
    .await;
    catch_all(&server).await;

    let reply = ask(&conversation, "86745912").await;
    assert!(
        only_text(&reply)
            .0
            .starts_with("OpenDota isn't answering right now.")
    );
}

#[tokio::test]
async fn a_search_rate_limit_is_reported_too() {
    let (server, conversation) = warm().await;
    Mock::given(method("GET"))
        .and(path("/api/search"))
        .respond_with(
            ResponseTemplate::new(429).set_body_string(r#"{"error":"daily api limit exceeded"}"#),
        )
        .expect(1)
        .mount(&server)
        .await;
    catch_all(&server).await;

    let reply = ask(&conversation, "Arteezy").await;
    assert!(
        only_text(&reply)
            .0
            .starts_with("OpenDota is busy right now")
    );
}

#[tokio::test]
async fn item_popularity_failing_leaves_out_the_item_tip() {
    let (server, conversation) = warm().await;
    ok(&server, "/players/86745912", "bot_players_get__arteezy", 1).await;
    ok(
        &server,
        "/players/86745912/heroes",
        "bot_players_heroes__arteezy",
        1,
    )
    .await;
    ok(
        &server,
        "/players/86745912/recentMatches",
        "bot_players_recent_matches__arteezy",
        1,
    )
    .await;
    // No item data for the hero: remembered, so the next question does not ask again.
    answer(
        &server,
        "/heroes/29/itemPopularity",
        404,
        r#"{"error":"Not Found"}"#.to_owned(),
        1,
    )
    .await;
    catch_all(&server).await;

    let reply = ask(&conversation, "86745912").await;
    assert_eq!(reply.opendota_calls, 4);
    let (text, _) = text_of(&reply.replies[1]);
    assert!(!text.contains("Popular items"), "{text}");
    assert!(
        text.contains("• Best win rates (10+ games): Tidehunter 64.4%"),
        "{text}"
    );
    assert_eq!(ask(&conversation, "86745912").await.opendota_calls, 0);
}

/// Arteezy's profile and recent matches, each asked once.
async fn profile_and_recent(server: &MockServer) {
    ok(server, "/players/86745912", "bot_players_get__arteezy", 1).await;
    ok(
        server,
        "/players/86745912/recentMatches",
        "bot_players_recent_matches__arteezy",
        1,
    )
    .await;
}

/// Two hours and five minutes after Arteezy's last match ended (it started at 1773512300 and
/// lasted 30 minutes).
fn two_hours_after_the_last_match() -> i64 {
    1_773_512_300 + 1_800 + 2 * 3_600 + 300
}

const LAST_MATCH_HEAD: &str = "✅ Arteezy's last match: Tidehunter, won as Radiant\nK/D/A 3/1/5 · 30:00 · All Draft, Ranked · 2 h ago\n600 GPM · 700 XPM · 300 last hits · 20,000 hero damage";
const NOT_PARSED: &str = "\nNot parsed yet: OpenDota has not read this match's replay, so its laning, wards, gold graph and fights are missing. Open the link and ask for a parse to get them.";

fn last_match_choices() -> Vec<hbdta_bot::conversation::Choice> {
    vec![
        choice("Stats", "86745912"),
        choice("Recent", "RECENT:86745912"),
        choice("Heroes", "HEROES:86745912"),
        choice("Match details", "MATCH:8731220045"),
    ]
}

#[tokio::test]
async fn the_last_match_shows_its_items_and_what_an_unparsed_match_lacks() {
    let (server, conversation) = warm().await;
    let conversation = conversation.with_clock(two_hours_after_the_last_match);
    catch_all(&server).await;
    profile_and_recent(&server).await;
    ok(
        &server,
        "/matches/8731220045",
        "bot_matches_get__arteezy_last",
        1,
    )
    .await;

    for question in ["last 86745912", "lm 86745912", "last match 86745912"] {
        let answer = ask(&conversation, question).await;
        let (picture, text, quick) = picture_then_text(&answer);
        assert_eq!(
            serde_json::to_value(picture).unwrap(),
            serde_json::json!({
                "kind": "last_match",
                "name": "Arteezy",
                "hero": "Tidehunter",
                "won": true,
                "radiant": true,
                "kda": [3, 1, 5],
                "facts": "30:00 · All Draft, Ranked · 2 h ago",
                "economy": "600 GPM · 700 XPM · 300 last hits · 20,000 hero damage",
                "items": ["Blink Dagger", "Black King Bar", "Boots of Travel", "Magic Wand", "Abyssal Blade"]
            })
        );
        assert_eq!(
            text,
            format!(
                "{LAST_MATCH_HEAD}\nItems: Blink Dagger, Black King Bar, Boots of Travel, Magic Wand, Abyssal Blade\nhttps://www.opendota.com/matches/8731220045{NOT_PARSED}"
            ),
            "{question}"
        );
        assert_eq!(quick, last_match_choices());
    }
    // The first question cost three calls; the others were cached.
    assert_eq!(tap(&conversation, "LAST:86745912").await.opendota_calls, 0);
}

#[tokio::test]
async fn a_parsed_last_match_says_nothing_is_missing() {
    let (server, conversation) = warm().await;
    let conversation = conversation.with_clock(two_hours_after_the_last_match);
    catch_all(&server).await;
    profile_and_recent(&server).await;
    let mut parsed: serde_json::Value =
        serde_json::from_str(&fixture("bot_matches_get__arteezy_last")).unwrap();
    parsed["version"] = serde_json::json!(22);
    parsed["players"][0]["item_neutral"] = serde_json::json!(145);
    answer(&server, "/matches/8731220045", 200, parsed.to_string(), 1).await;

    let answer = ask(&conversation, "last 86745912").await;
    assert_eq!(answer.opendota_calls, 3);
    assert_eq!(
        picture_then_text(&answer).1,
        format!(
            "{LAST_MATCH_HEAD}\nItems: Blink Dagger, Black King Bar, Boots of Travel, Magic Wand, Abyssal Blade, Battle Fury\nhttps://www.opendota.com/matches/8731220045"
        )
    );
}

#[tokio::test]
async fn without_the_match_the_last_match_goes_out_without_items() {
    let (server, conversation) = warm().await;
    let conversation = conversation.with_clock(two_hours_after_the_last_match);
    catch_all(&server).await;
    profile_and_recent(&server).await;
    // Not cached: the one retry the test client makes, then the answer.
    answer(
        &server,
        "/matches/8731220045",
        502,
        "<html>502 Bad Gateway</html>".to_owned(),
        2,
    )
    .await;
    let answer = ask(&conversation, "last 86745912").await;
    assert_eq!(
        picture_then_text(&answer).1,
        format!(
            "{LAST_MATCH_HEAD}\nItems: OpenDota did not answer for this match just now.\nhttps://www.opendota.com/matches/8731220045{NOT_PARSED}"
        )
    );
}

#[tokio::test]
async fn no_recent_matches_and_last_on_its_own() {
    let (server, conversation) = warm().await;
    catch_all(&server).await;
    ok(&server, "/players/86745912", "bot_players_get__arteezy", 1).await;
    answer(
        &server,
        "/players/86745912/recentMatches",
        200,
        "[]".to_owned(),
        1,
    )
    .await;
    let person = person();
    let say = |text: &str| {
        let (conversation, person) = (conversation.clone(), person.clone());
        let text = text.to_owned();
        async move { conversation.respond(&person, &Incoming::Text(text)).await }
    };

    let alone = say("last").await;
    let (text, quick) = only_text(&alone);
    assert_eq!(
        text,
        "Whose last match? Send last followed by a player, like last 86745912 or last Arteezy."
    );
    assert!(quick.is_empty());

    let none = say("last 86745912").await;
    let (text, quick) = only_text(&none);
    assert_eq!(
        text,
        "OpenDota has no recent matches of Arteezy (86745912).\nIf this is your account: in Dota 2, open Settings → Options → Social, turn on “Expose Public Match Data”, play a match, then ask me again (OpenDota may take a little while to catch up)."
    );
    assert_eq!(quick, &last_match_choices()[..3]);
    // On its own, `last` is about the player looked at last (from the cache now).
    let again = say("lm").await;
    assert_eq!(again.replies, none.replies);
    assert_eq!(again.opendota_calls, 0);
}

#[tokio::test]
async fn a_match_by_id_or_link_shows_both_teams_and_the_player_of_the_match() {
    let (server, conversation) = warm().await;
    let conversation = conversation.with_clock(two_hours_after_the_last_match);
    catch_all(&server).await;
    ok(
        &server,
        "/matches/8731220045",
        "bot_matches_get__arteezy_last",
        1,
    )
    .await;
    let first = ask(&conversation, "match 8731220045").await;
    assert_eq!(first.opendota_calls, 1);
    let (text, quick) = only_text(&first);
    assert_eq!(
        text,
        "🏆 Radiant won 23–18 · 30:00 · All Draft, Ranked · 2 h ago\n\nRadiant:\n• Tidehunter · Arteezy · 3/1/5\n• Anti-Mage · 8/2/10\n• Pudge · tidehunter main · 5/4/14\n• Axe · 6/3/12\n• Centaur Warrunner · arteezy · 1/8/20\n\nDire:\n• Invoker · SumaiL · 9/5/3\n• Shadow Fiend · 4/6/7\n• Pudge · Arteezy2 · 2/7/9\n• Axe · 2/5/6\n• Anti-Mage · 1/9/4\n\n⭐ Player of the match: Anti-Mage · 8/2/10 (Radiant)\n\nhttps://www.opendota.com/matches/8731220045"
    );
    assert_eq!(
        quick,
        [
            choice("Arteezy", "86745912"),
            choice("tidehunter main", "311360822"),
            choice("arteezy", "200000003"),
            choice("SumaiL", "111620041"),
            choice("Arteezy2", "200000004"),
        ]
    );
    for again in [
        "https://www.dotabuff.com/matches/8731220045",
        "stratz.com/matches/8731220045",
    ] {
        let answer = ask(&conversation, again).await;
        assert_eq!(answer.replies, first.replies, "{again}");
        assert_eq!(answer.opendota_calls, 0, "cached");
    }
    assert_eq!(
        tap(&conversation, "MATCH:8731220045").await.replies,
        first.replies
    );
}

#[tokio::test]
async fn an_unknown_match_and_a_match_without_an_id_get_clear_replies() {
    let (server, conversation) = warm().await;
    catch_all(&server).await;
    answer(
        &server,
        "/matches/1234",
        404,
        r#"{"error":"Not Found"}"#.to_owned(),
        1,
    )
    .await;
    let unknown = ask(&conversation, "match 1234").await;
    assert_eq!(
        only_text(&unknown).0,
        "I couldn't find match 1234 on OpenDota. 🤔 Check the number; a match that ended minutes ago may not be there yet, so try again a little later."
    );
    let alone = ask(&conversation, "match").await;
    assert_eq!(
        only_text(&alone).0,
        "Which match? Send match followed by its id, like match 8731220045, or paste a match link from OpenDota, Dotabuff or STRATZ."
    );
}

#[tokio::test]
async fn peers_are_the_people_played_with_most() {
    let (server, conversation) = warm().await;
    catch_all(&server).await;
    ok(&server, "/players/86745912", "bot_players_get__arteezy", 1).await;
    ok(
        &server,
        "/players/86745912/peers",
        "bot_players_peers__arteezy",
        1,
    )
    .await;
    let answer = ask(&conversation, "peers 86745912").await;
    assert_eq!(answer.opendota_calls, 2);
    let (text, quick) = only_text(&answer);
    assert_eq!(
        text,
        "👥 Who Arteezy plays with most:\n1. SumaiL: 120 games together, 58.3% won\n2. <b>stack</b> & co: 60 games together, 50.0% won (and 35 against, 10 won)\n3. Player 200000006: 33 games together, 60.6% won"
    );
    assert_eq!(
        quick,
        [
            choice("SumaiL", "111620041"),
            choice("<b>stack</b> & co", "200000005"),
            choice("Player 200000006", "200000006"),
            choice("Stats", "86745912"),
            choice("Recent", "RECENT:86745912"),
        ]
    );
    assert_eq!(
        tap(&conversation, "PEERS:86745912").await.replies,
        answer.replies
    );
}

#[tokio::test]
async fn nobody_to_list_as_peers_says_why() {
    let (server, conversation) = warm().await;
    catch_all(&server).await;
    ok(&server, "/players/86745912", "bot_players_get__arteezy", 1).await;
    answer(&server, "/players/86745912/peers", 200, "[]".to_owned(), 1).await;
    let answer = ask(&conversation, "peers 86745912").await;
    assert_eq!(
        only_text(&answer).0,
        "OpenDota knows nobody Arteezy (86745912) plays with often. Peers only count people whose match data is public."
    );
}

const ARTEEZY_INVOKER: &str = "🦸 Arteezy on Invoker\n1,200 games, 60.0% won · last played 2 h ago\nLast 4 on Invoker: 8.5/3.0/10.0 K/D/A average, 3 wins, 1 loss\nWith Invoker on the team: 600 games, 60.0% won\nAgainst Invoker: 1,200 games, 40.0% won\n\nhttps://www.opendota.com/players/86745912/matches?hero_id=74";

fn hero_choices() -> Vec<hbdta_bot::conversation::Choice> {
    vec![
        choice("Heroes", "HEROES:86745912"),
        choice("Last match", "LAST:86745912"),
        choice("Stats", "86745912"),
    ]
}

#[tokio::test]
async fn a_player_on_one_hero_by_name_short_name_typo_or_payload() {
    let (server, conversation) = warm().await;
    let conversation = conversation.with_clock(two_hours_after_the_last_match);
    catch_all(&server).await;
    mount_arteezy_invoker(&server).await;

    let first = ask(&conversation, "invoker 86745912").await;
    assert_eq!(
        first.opendota_calls, 3,
        "profile, heroes, matches on the hero"
    );
    let (text, quick) = only_text(&first);
    assert_eq!(text, ARTEEZY_INVOKER);
    assert_eq!(quick, hero_choices());
    for question in [
        "Invoker 86745912",
        "86745912 on invoker",
        "86745912 on Invokr",
        "invoker 76561198047011640",
    ] {
        let answer = ask(&conversation, question).await;
        assert_eq!(answer.replies, first.replies, "{question}");
        assert_eq!(answer.opendota_calls, 0, "{question}: cached");
    }
    assert_eq!(
        tap(&conversation, "HERO:74:86745912").await.replies,
        first.replies
    );
}

#[tokio::test]
async fn short_hero_names_and_heroes_never_played() {
    let (server, conversation) = warm().await;
    let conversation = conversation.with_clock(two_hours_after_the_last_match);
    catch_all(&server).await;
    ok(&server, "/players/86745912", "bot_players_get__arteezy", 1).await;
    ok(
        &server,
        "/players/86745912/heroes",
        "bot_players_heroes__arteezy",
        1,
    )
    .await;
    Mock::given(method("GET"))
        .and(path("/api/players/86745912/matches"))
        .and(query_param("hero_id", "11"))
        .and(query_param("limit", "20"))
        .respond_with(ResponseTemplate::new(200).set_body_string("[]"))
        .expect(1)
        .mount(&server)
        .await;
    // No matches on the hero came back: no K/D/A line.
    let answer = ask(&conversation, "sf 86745912").await;
    assert_eq!(answer.opendota_calls, 3);
    assert_eq!(
        only_text(&answer).0,
        "🦸 Arteezy on Shadow Fiend\n9 games, 100.0% won · last played 2 h ago\nWith Shadow Fiend on the team: 4 games, 100.0% won\nAgainst Shadow Fiend: 9 games, 0.0% won\n\nhttps://www.opendota.com/players/86745912/matches?hero_id=11"
    );

    // SumaiL never played Pudge: no call for matches on it.
    ok(&server, "/players/111620041", "bot_players_get__sumail", 1).await;
    ok(
        &server,
        "/players/111620041/heroes",
        "bot_players_heroes__sumail",
        1,
    )
    .await;
    let answer = ask(&conversation, "pudge 111620041").await;
    assert_eq!(answer.opendota_calls, 2);
    let (text, quick) = only_text(&answer);
    assert_eq!(
        text,
        "🦸 SumaiL on Pudge\nNo public matches on Pudge yet (OpenDota counts only matches with public data).\n\nhttps://www.opendota.com/players/111620041/matches?hero_id=14"
    );
    assert_eq!(
        quick,
        [
            choice("Heroes", "HEROES:111620041"),
            choice("Last match", "LAST:111620041"),
            choice("Stats", "111620041"),
        ]
    );
}

#[tokio::test]
async fn unknown_heroes_get_did_you_mean() {
    let (server, conversation) = warm().await;
    catch_all(&server).await;

    let answer = ask(&conversation, "86745912 on pud").await;
    assert_eq!(
        answer.opendota_calls, 0,
        "the account is known without a lookup"
    );
    let (text, quick) = only_text(&answer);
    assert_eq!(
        text,
        "I don't know a hero called “pud”. Did you mean Pudge?"
    );
    assert_eq!(quick, [choice("Pudge", "HERO:14:86745912")]);

    let answer = ask(&conversation, "86745912 on invkr").await;
    let (text, quick) = only_text(&answer);
    assert_eq!(
        text,
        "I don't know a hero called “invkr”. Did you mean Invoker?"
    );
    assert_eq!(quick, [choice("Invoker", "HERO:74:86745912")]);

    let answer = ask(&conversation, "86745912 on zzzzzz").await;
    assert_eq!(
        only_text(&answer),
        (
            "I don't know a hero called “zzzzzz”. 🤔 Try its full name, like invoker arteezy or my anti-mage; short names such as am, sf, wr or qop work too.",
            &[][..]
        )
    );
    // `my` and a word that is no hero is a name.
    Mock::given(method("GET"))
        .and(path("/api/search"))
        .and(query_param("q", "my cat"))
        .respond_with(ResponseTemplate::new(200).set_body_string("[]"))
        .expect(1)
        .mount(&server)
        .await;
    assert!(
        only_text(&ask(&conversation, "my cat").await)
            .0
            .starts_with("I couldn't find any player called “my cat” on OpenDota.")
    );
}

#[tokio::test]
async fn my_hero_uses_the_linked_account() {
    let (server, conversation) = warm().await;
    let conversation = conversation.with_clock(two_hours_after_the_last_match);
    catch_all(&server).await;
    mount_arteezy_invoker(&server).await;
    let person = person();
    let say = |text: &str| Incoming::Text(text.to_owned());

    let answer = conversation.respond(&person, &say("my invoker")).await;
    assert_eq!(
        only_text(&answer).0,
        "I don't know which player you are yet. Send “I am” followed by your account id, profile link or name (like I am 86745912), and then “me”, “my heroes”, “my recent” and “compare me <player>” work."
    );
    conversation.respond(&person, &say("I am 86745912")).await;
    for question in ["my invoker", "my invokr", "me on invoker"] {
        let answer = conversation.respond(&person, &say(question)).await;
        assert_eq!(only_text(&answer).0, ARTEEZY_INVOKER, "{question}");
    }
}
