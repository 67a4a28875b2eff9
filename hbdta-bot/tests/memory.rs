#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]
//! What the conversation remembers about a person: linking ("I am …", "This is me"), "me" and
//! "my …", the last player looked at, unlink, forget me — and a store that fails.

mod common;

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use common::expect::{catch_all, choice, mount_arteezy, mount_sumail, ok, only_text, warm};
use common::fixture;
use hbdta_bot::conversation::{Answer, Choice, Conversation, Incoming, Person, Reply};
use hbdta_bot::store::{
    Claims, Direction, LogEntry, Memory, MemoryClaims, MemoryStore, PersonId, Store, StoreError,
};
use opendota_sdk::AccountId;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, ResponseTemplate};

/// One person whose memory lives in `store` for the whole test.
struct Chat {
    conversation: Conversation,
    person: Person,
}

impl Chat {
    fn new(conversation: Conversation, store: Arc<dyn Store>) -> Self {
        Self {
            conversation,
            person: Person::new(PersonId::new("messenger", "7000000000000001"), store),
        }
    }

    async fn say(&self, text: &str) -> Answer {
        self.conversation
            .respond(&self.person, &Incoming::Text(text.to_owned()))
            .await
    }

    async fn tap(&self, payload: &str) -> Answer {
        self.conversation
            .respond(&self.person, &Incoming::Payload(payload.to_owned()))
            .await
    }
}

const NOT_LINKED: &str = "I don't know which player you are yet. Send “I am” followed by your account id, profile link or name (like I am 86745912), and then “me”, “my heroes”, “my recent” and “compare me <player>” work.";

const LINKED_ARTEEZY: &str = "✅ Got it: you are Arteezy (86745912), Immortal #32.\nNow “me”, “my heroes”, “my recent” and “compare me <player>” work. To undo it send unlink; forget me deletes everything I keep about you.";

const UNAVAILABLE: &str = "Sorry, my memory is unavailable right now, so I can't use or change what I know about you. Please try again in a minute; looking players up by id, link or name still works.";

fn linked_choices() -> Vec<Choice> {
    vec![
        choice("My stats", "86745912"),
        choice("My heroes", "HEROES:86745912"),
        choice("My recent", "RECENT:86745912"),
    ]
}

#[tokio::test]
async fn link_by_id_then_me_my_heroes_and_compare_me() {
    let (server, conversation) = warm().await;
    mount_arteezy(&server, 1).await;
    mount_sumail(&server).await;
    catch_all(&server).await;
    let store = Arc::new(MemoryStore::new());
    let chat = Chat::new(conversation, store.clone());

    assert_eq!(only_text(&chat.say("me").await), (NOT_LINKED, &[][..]));
    assert_eq!(
        only_text(&chat.say("my heroes").await).0,
        NOT_LINKED,
        "one message that explains how to link"
    );

    let linked = chat.say("I am 86745912").await;
    assert_eq!(only_text(&linked), (LINKED_ARTEEZY, &linked_choices()[..]));
    assert_eq!(linked.opendota_calls, 1);
    let memory = store.memory(chat.person.id()).await.unwrap();
    assert_eq!(memory.linked, Some(AccountId(86_745_912)));
    assert_eq!(memory.last_player, Some(AccountId(86_745_912)));

    // "me" is the stats of the linked account, without the offer to link.
    let me = chat.say("me").await;
    assert_eq!(me.replies.len(), 2, "{:#?}", me.replies);
    let Reply::Card(card) = &me.replies[0] else {
        panic!("a card first: {:#?}", me.replies)
    };
    assert_eq!(card.title, "Arteezy");
    let Reply::Text { quick_replies, .. } = &me.replies[1] else {
        panic!("details second")
    };
    assert_eq!(
        quick_replies,
        &[
            choice("Heroes", "HEROES:86745912"),
            choice("Recent", "RECENT:86745912"),
            choice("Last match", "LAST:86745912"),
            choice("Compare", "COMPARE:86745912"),
        ]
    );

    let heroes = chat.say("my heroes").await;
    assert!(
        only_text(&heroes)
            .0
            .starts_with("🦸 Top heroes of Arteezy:\n1. Anti-Mage: 1,500 games, 62.0% wins"),
        "{heroes:#?}"
    );
    let recent = chat.say("My recent").await;
    assert!(
        only_text(&recent)
            .0
            .starts_with("📈 Arteezy, last 20 matches: 12 wins, 8 losses (60.0%)"),
        "{recent:#?}"
    );

    for text in ["compare me 111620041", "me vs 111620041"] {
        let compare = chat.say(text).await;
        assert!(
            only_text(&compare)
                .0
                .starts_with("⚔️ Arteezy vs SumaiL\n\nArteezy (86745912)\n🏅 Immortal #32"),
            "{text}: {compare:#?}"
        );
    }
}

#[tokio::test]
async fn this_is_me_on_a_stats_card_links_the_player() {
    let (server, conversation) = warm().await;
    mount_arteezy(&server, 1).await;
    catch_all(&server).await;
    let store = Arc::new(MemoryStore::new());
    let chat = Chat::new(conversation, store.clone());

    let stats = chat.say("86745912").await;
    let Reply::Text { quick_replies, .. } = &stats.replies[1] else {
        panic!("details second: {stats:#?}")
    };
    assert_eq!(
        quick_replies.last(),
        Some(&choice("This is me", "LINK:86745912"))
    );
    let linked = chat.tap("LINK:86745912").await;
    assert_eq!(only_text(&linked), (LINKED_ARTEEZY, &linked_choices()[..]));
    assert_eq!(linked.opendota_calls, 0, "the profile is cached");
    assert_eq!(
        store.memory(chat.person.id()).await.unwrap().linked,
        Some(AccountId(86_745_912))
    );
}

#[tokio::test]
async fn a_name_with_several_matches_asks_which_then_links_the_choice() {
    let (server, conversation) = warm().await;
    Mock::given(method("GET"))
        .and(path("/api/search"))
        .and(query_param("q", "Arteezy"))
        .respond_with(ResponseTemplate::new(200).set_body_string(fixture("bot_search__several")))
        .expect(1)
        .mount(&server)
        .await;
    ok(&server, "/players/86745912", "bot_players_get__arteezy", 1).await;
    catch_all(&server).await;
    let store = Arc::new(MemoryStore::new());
    let chat = Chat::new(conversation, store.clone());

    let asked = chat.say("I am Arteezy").await;
    let (text, choices) = only_text(&asked);
    assert!(
        text.starts_with("Many players match “Arteezy”. Which one?\n1. Arteezy (86745912)"),
        "{text}"
    );
    assert_eq!(choices.len(), 10);
    assert_eq!(choices[0], choice("Arteezy", "LINK:86745912"));
    assert_eq!(choices[9], choice("Arteezy #9", "LINK:200000009"));
    assert_eq!(
        store.memory(chat.person.id()).await.unwrap().linked,
        None,
        "nothing linked before the choice"
    );

    let linked = chat.tap("LINK:86745912").await;
    assert_eq!(only_text(&linked).0, LINKED_ARTEEZY);
    assert_eq!(
        store.memory(chat.person.id()).await.unwrap().linked,
        Some(AccountId(86_745_912))
    );
}

#[tokio::test]
async fn heroes_or_recent_alone_mean_the_last_player_looked_at() {
    let (server, conversation) = warm().await;
    mount_arteezy(&server, 1).await;
    catch_all(&server).await;
    let chat = Chat::new(conversation, Arc::new(MemoryStore::new()));

    assert_eq!(
        only_text(&chat.say("heroes").await).0,
        "Whose heroes? Send heroes followed by a player, like heroes 86745912 or heroes Arteezy.",
        "no one looked at yet"
    );
    chat.say("86745912").await;
    let heroes = chat.say("heroes").await;
    assert!(
        only_text(&heroes)
            .0
            .starts_with("🦸 Top heroes of Arteezy:"),
        "{heroes:#?}"
    );
    let recent = chat.say("recent").await;
    assert!(
        only_text(&recent)
            .0
            .starts_with("📈 Arteezy, last 20 matches:"),
        "{recent:#?}"
    );
    let stats = chat.say("stats").await;
    assert_eq!(stats.replies.len(), 2, "the stats card again: {stats:#?}");
    assert_eq!(stats.opendota_calls, 0);
}

#[tokio::test]
async fn unlink_and_forget_me() {
    let (server, conversation) = warm().await;
    ok(&server, "/players/86745912", "bot_players_get__arteezy", 1).await;
    catch_all(&server).await;
    let store = Arc::new(MemoryStore::new());
    let chat = Chat::new(conversation, store.clone());
    let id = chat.person.id().clone();

    assert_eq!(
        only_text(&chat.say("unlink").await).0,
        "No account is linked to you, so there's nothing to unlink. Send “I am” followed by your account id, profile link or name (like I am 86745912), and then “me”, “my heroes”, “my recent” and “compare me <player>” work."
    );
    chat.say("me = 86745912").await;
    assert_eq!(
        store.memory(&id).await.unwrap().linked,
        Some(AccountId(86_745_912))
    );
    assert_eq!(
        only_text(&chat.say("unlink").await).0,
        "Done: 86745912 is no longer linked to you. Send “I am <player>” to link another account."
    );
    let memory = store.memory(&id).await.unwrap();
    assert_eq!(memory.linked, None);
    assert_eq!(
        memory.last_player,
        Some(AccountId(86_745_912)),
        "unlink keeps the follow-up"
    );

    chat.say("link 86745912").await;
    store
        .append_log(LogEntry::new(id.clone(), Direction::In, "link 86745912"))
        .await
        .unwrap();
    let forgot = chat.say("forget me").await;
    assert_eq!(
        only_text(&forgot).0,
        "🗑️ Done: I've deleted everything I kept about you: your linked account, the last player you looked at and our conversation log."
    );
    assert!(!forgot.keep_log, "the confirmation is not logged either");
    assert_eq!(store.memory(&id).await.unwrap(), Memory::default());
    assert!(store.log(&id).await.unwrap().is_empty());
}

#[tokio::test]
async fn linking_an_unknown_account_links_nothing() {
    let (server, conversation) = warm().await;
    Mock::given(method("GET"))
        .and(path("/api/players/123"))
        .respond_with(ResponseTemplate::new(404).set_body_string(r#"{"error":"Not Found"}"#))
        .mount(&server)
        .await;
    let store = Arc::new(MemoryStore::new());
    let chat = Chat::new(conversation, store.clone());
    let answer = chat.say("I am 123").await;
    assert!(
        only_text(&answer)
            .0
            .starts_with("I couldn't find player 123 on OpenDota."),
        "{answer:#?}"
    );
    assert_eq!(store.memory(chat.person.id()).await.unwrap().linked, None);
}

/// A store that is down: every call fails.
#[derive(Debug, Default)]
struct DownStore(Arc<MemoryClaims>);

#[async_trait]
impl Store for DownStore {
    async fn memory(&self, _: &PersonId) -> Result<Memory, StoreError> {
        Err(StoreError("connection refused".into()))
    }
    async fn remember(&self, _: &PersonId, _: Memory) -> Result<(), StoreError> {
        Err(StoreError("connection refused".into()))
    }
    async fn append_log(&self, _: LogEntry) -> Result<(), StoreError> {
        Err(StoreError("connection refused".into()))
    }
    async fn log(&self, _: &PersonId) -> Result<Vec<LogEntry>, StoreError> {
        Err(StoreError("connection refused".into()))
    }
    async fn forget(&self, _: &PersonId) -> Result<(), StoreError> {
        Err(StoreError("connection refused".into()))
    }
    async fn record_deletion(&self, _: &str) -> Result<(), StoreError> {
        Err(StoreError("connection refused".into()))
    }
    async fn deletion(&self, _: &str) -> Result<Option<u64>, StoreError> {
        Err(StoreError("connection refused".into()))
    }
    fn claims(&self) -> Arc<dyn Claims> {
        self.0.clone()
    }
}

#[tokio::test]
async fn with_the_store_down_players_are_still_answered() {
    let (server, conversation) = warm().await;
    mount_arteezy(&server, 1).await;
    catch_all(&server).await;
    let chat = Chat::new(conversation, Arc::new(DownStore::default()));

    let stats = tokio::time::timeout(Duration::from_secs(10), chat.say("86745912"))
        .await
        .expect("answered");
    assert_eq!(stats.replies.len(), 2, "{stats:#?}");
    let Reply::Text { quick_replies, .. } = &stats.replies[1] else {
        panic!("details second")
    };
    assert_eq!(
        quick_replies
            .iter()
            .map(|c| c.title.as_str())
            .collect::<Vec<_>>(),
        ["Heroes", "Recent", "Last match", "Compare"],
        "no offer to link while memory is down"
    );
    for text in ["me", "I am 86745912", "unlink", "forget me", "my heroes"] {
        assert_eq!(only_text(&chat.say(text).await).0, UNAVAILABLE, "{text}");
    }
    assert_eq!(
        only_text(&chat.say("heroes").await).0,
        "Whose heroes? Send heroes followed by a player, like heroes 86745912 or heroes Arteezy."
    );
}
