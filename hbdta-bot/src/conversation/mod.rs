//! The conversation: `(Person, Incoming) → Answer`. No platform, wire type, limit or HTTP here:
//! every platform reuses it as is, and fits the neutral [`Reply`]s to its own limits (see
//! [`crate::platform`]).
//!
//! [`Conversation::respond`] reads the message with [`parse_intent`] (the forms it understands
//! and the payload formats are listed in [`intent`]), looks the players up through
//! [`Stats`], and renders the replies. It never fails: OpenDota errors,
//! unknown and private accounts become friendly replies.
//!
//! What it remembers about a [`Person`] (through the store): the account they linked (`I am …`,
//! used by `me`, `my heroes`, `compare me …`) and the last player they looked at (used by
//! `heroes`, `recent` or `stats` on their own). `unlink` drops the link, `forget me` deletes
//! everything. When the store fails, those features say they are unavailable and everything else
//! answers as usual.
//!
//! Payloads this conversation puts on quick replies and buttons, and understands back:
//!
//! | payload | meaning |
//! |---|---|
//! | `86745912` (bare digits) | that player's stats |
//! | `HEROES:86745912` | that player's top 10 heroes |
//! | `RECENT:86745912` | that player's last 20 matches |
//! | `LAST:86745912` | that player's last match |
//! | `PEERS:86745912` | who that player plays with most |
//! | `HERO:74:86745912` | that player on one hero (hero id, then account) |
//! | `MATCH:8731220045` | one match |
//! | `COMPARE:86745912` | how to compare with that player (`compare 86745912 <another player>`) |
//! | `LINK:86745912` | "this is me": link that account to the person |
//! | `HELP` | the help text |
//! | `GET_STARTED` | the welcome (for Messenger's Get Started button) |

pub mod hero_names;
pub mod intent;
pub mod picture;
mod render;

pub use intent::{Command, HeroRef, Intent, PlayerRef, parse_intent};
pub use picture::Picture;
pub(crate) use render::thousands;

use std::sync::Arc;

use opendota_sdk::models::players::{Player, PlayerHero, RecentMatch};

use opendota_sdk::{AccountId, HeroId};

use self::hero_names::{HeroMatch, find_hero, leading_hero};
use crate::stats::{Calls, LookupError, Stats};
use crate::store::{Memory, PersonId, Store, StoreError};

/// What a person sent. Serialized as `{"text": "…"}` or `{"payload": "…"}` (the Lambda worker
/// event carries it).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Incoming {
    /// A typed message.
    Text(String),
    /// A tapped quick reply or postback button: its payload.
    Payload(String),
}

/// One reply to send. Neutral: each platform fits it to its own limits (text length, number of
/// choices, title lengths) when it sends it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Reply {
    /// A text, optionally with choices to tap.
    Text {
        /// The text.
        text: String,
        /// Tappable choices (short titles; a platform may show fewer).
        #[serde(skip_serializing_if = "Vec::is_empty")]
        quick_replies: Vec<Choice>,
    },
    /// A card.
    Card(Card),
    /// A picture on its own (the last match). Platforms that cannot show pictures leave it out:
    /// the text beside it says the same.
    Picture(Picture),
}

/// A choice to tap: a title to show and the payload it sends back.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Choice {
    /// A short title.
    pub title: String,
    /// Sent back as [`Incoming::Payload`].
    pub payload: String,
}

/// A card with an image, a title, a subtitle and up to three buttons.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Card {
    /// The title (a player's name).
    pub title: String,
    /// One line under it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    /// The picture: a web image (the player's avatar).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
    /// A drawn picture that platforms able to show one use instead of `image_url`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub picture: Option<Picture>,
    /// Where tapping the card goes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// At most three.
    pub buttons: Vec<CardButton>,
}

/// A button on a [`Card`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum CardButton {
    /// Opens a web page.
    Link {
        /// A short title.
        title: String,
        /// The page.
        url: String,
    },
    /// Sends a payload back as [`Incoming::Payload`].
    Postback {
        /// A short title.
        title: String,
        /// The payload.
        payload: String,
    },
}

/// Who is asking: a platform-qualified id and a handle on what the bot remembers about them.
#[derive(Debug, Clone)]
pub struct Person {
    id: PersonId,
    store: Arc<dyn Store>,
}

impl Person {
    /// `id`, whose memory is kept in `store`.
    #[must_use]
    pub fn new(id: PersonId, store: Arc<dyn Store>) -> Self {
        Self { id, store }
    }

    /// Who.
    #[must_use]
    pub fn id(&self) -> &PersonId {
        &self.id
    }

    /// What the bot remembers about them.
    ///
    /// # Errors
    ///
    /// [`StoreError`] when the store fails.
    pub async fn memory(&self) -> Result<Memory, StoreError> {
        self.store.memory(&self.id).await
    }

    /// Replaces what the bot remembers about them.
    ///
    /// # Errors
    ///
    /// [`StoreError`] when the store fails.
    pub async fn remember(&self, memory: Memory) -> Result<(), StoreError> {
        self.store.remember(&self.id, memory).await
    }

    /// Deletes everything the bot holds about them (memory and conversation log).
    ///
    /// # Errors
    ///
    /// [`StoreError`] when the store fails.
    pub async fn forget(&self) -> Result<(), StoreError> {
        self.store.forget(&self.id).await
    }
}

/// The conversation logic, over a [`Stats`] source. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Conversation {
    stats: Stats,
    /// Now, Unix seconds ("2 h ago"); tests fix it.
    clock: fn() -> i64,
}

/// The system clock, Unix seconds.
fn system_clock() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The replies to one message, and what they cost.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Answer {
    /// The replies to send, in order (never empty).
    pub replies: Vec<Reply>,
    /// OpenDota calls made to answer (cache hits cost nothing).
    pub opendota_calls: u64,
    /// Whether this exchange may go into the conversation log: `false` after `forget me`, so
    /// the log stays empty.
    #[serde(skip)]
    pub keep_log: bool,
}

/// At most this many players in one comparison.
pub const COMPARE_MAX: usize = 4;

/// A player's profile, heroes and recent matches.
struct PlayerData {
    id: AccountId,
    player: Arc<Player>,
    heroes: Arc<Vec<PlayerHero>>,
    recent: Arc<Vec<RecentMatch>>,
}

impl Conversation {
    /// A conversation over `stats`.
    #[must_use]
    pub const fn new(stats: Stats) -> Self {
        Self {
            stats,
            clock: system_clock,
        }
    }

    /// The same conversation reading the time from `clock` (Unix seconds): tests fix "now".
    #[must_use]
    pub const fn with_clock(mut self, clock: fn() -> i64) -> Self {
        self.clock = clock;
        self
    }

    /// The replies to what `person` sent. Never fails: errors become friendly replies.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), opendota_sdk::Error> {
    /// use std::sync::Arc;
    ///
    /// use hbdta_bot::conversation::{Conversation, Incoming, Person};
    /// use hbdta_bot::stats::Stats;
    /// use hbdta_bot::store::{MemoryStore, PersonId};
    ///
    /// let opendota = opendota_sdk::Client::builder().build()?;
    /// let conversation = Conversation::new(Stats::new(opendota));
    /// let person = Person::new(PersonId::new("terminal", "me"), Arc::new(MemoryStore::new()));
    /// let answer = conversation
    ///     .respond(&person, &Incoming::Text("86745912".to_owned()))
    ///     .await;
    /// assert!(!answer.replies.is_empty());
    /// # Ok(()) }
    /// ```
    pub async fn respond(&self, person: &Person, incoming: &Incoming) -> Answer {
        let calls = Calls::new();
        let intent = parse_intent(incoming);
        tracing::debug!(person = %person.id(), ?intent, "intent");
        let keep_log = intent != Intent::ForgetMe;
        let mut turn = Turn {
            person,
            memory: None,
            calls: &calls,
        };
        let mut replies = self.answer(intent, &mut turn).await;
        if replies.is_empty() {
            replies.push(render::not_understood());
        }
        Answer {
            replies,
            opendota_calls: calls.get(),
            keep_log,
        }
    }

    async fn answer(&self, intent: Intent, turn: &mut Turn<'_>) -> Vec<Reply> {
        let calls = turn.calls;
        match intent {
            Intent::Greeting => vec![render::greeting()],
            Intent::Thanks => vec![render::thanks()],
            Intent::Help => vec![render::help()],
            Intent::GetStarted => vec![render::get_started()],
            Intent::NotUnderstood => vec![render::not_understood()],
            Intent::MissingPlayer(command) => {
                let last = match command {
                    Command::Stats
                    | Command::Heroes
                    | Command::Recent
                    | Command::LastMatch
                    | Command::Peers
                    | Command::Hero(_) => turn.memory().await.ok().and_then(|m| m.last_player),
                    Command::Compare | Command::Link => None,
                };
                let answer = match last {
                    Some(id) => self.about(command, id, turn).await,
                    None => None,
                };
                answer.unwrap_or_else(|| vec![render::missing_player(command)])
            }
            Intent::Stats(player) => self.look_up(player, Command::Stats, turn).await,
            Intent::Heroes(player) => self.look_up(player, Command::Heroes, turn).await,
            Intent::Recent(player) => self.look_up(player, Command::Recent, turn).await,
            Intent::LastMatch(player) => self.look_up(player, Command::LastMatch, turn).await,
            Intent::Peers(player) => self.look_up(player, Command::Peers, turn).await,
            Intent::Hero { hero, player } => self.hero_answer(hero, player, turn).await,
            Intent::HeroOrName(words) => self.hero_or_name(words, turn).await,
            Intent::Match(id) => vec![match self.stats.match_details(id, calls).await {
                Ok(game) => {
                    let catalog = self.stats.hero_catalog(calls).await;
                    render::match_summary(&game, &catalog, (self.clock)())
                }
                Err(LookupError::NotFound) => render::match_not_found(id),
                Err(error) => render::lookup_failed(error, None),
            }],
            Intent::MissingMatch => vec![render::missing_match()],
            Intent::CompareWith(player) => {
                match self.resolve(player, Command::Compare, turn).await {
                    Ok(id) => {
                        let cached = self.stats.cached_player(id).await;
                        let name = cached.as_deref().map(|p| render::player_name(id, p));
                        vec![render::compare_hint(id, name.as_deref())]
                    }
                    Err(replies) => replies,
                }
            }
            Intent::Compare(players) => vec![self.compare(players, turn).await],
            Intent::Link(player) => match self.resolve(player, Command::Link, turn).await {
                Ok(id) => vec![self.link(id, turn).await],
                Err(replies) => replies,
            },
            Intent::Unlink => vec![Self::unlink(turn).await],
            Intent::ForgetMe => vec![match turn.person.forget().await {
                Ok(()) => render::forgotten(),
                Err(error) => {
                    tracing::debug!(%error, "forget me failed");
                    render::memory_unavailable()
                }
            }],
        }
    }

    /// `command` about `player`: the account resolved (or the replies that say why not),
    /// remembered as the last player looked at, then answered.
    async fn look_up(
        &self,
        player: PlayerRef,
        command: Command,
        turn: &mut Turn<'_>,
    ) -> Vec<Reply> {
        match self.resolve(player, command, turn).await {
            Ok(id) => {
                turn.looked_at(id).await;
                self.about(command, id, turn)
                    .await
                    .unwrap_or_else(|| vec![render::missing_player(command)])
            }
            Err(replies) => replies,
        }
    }

    /// The answer `command` gives about one account; `None` for the commands that are not about
    /// one player (compare, link).
    async fn about(
        &self,
        command: Command,
        id: AccountId,
        turn: &mut Turn<'_>,
    ) -> Option<Vec<Reply>> {
        let calls = turn.calls;
        Some(match command {
            Command::Stats => self.stats_for(id, turn).await,
            Command::Heroes => vec![self.heroes_of(id, calls).await],
            Command::Recent => vec![self.recent_of(id, calls).await],
            Command::LastMatch => self.last_match_of(id, calls).await,
            Command::Peers => vec![self.peers_of(id, calls).await],
            Command::Hero(hero) => vec![self.hero_of(id, hero, calls).await],
            Command::Compare | Command::Link => return None,
        })
    }

    /// Words that are a hero and a player (`invoker arteezy`, `my invoker`), else a name.
    async fn hero_or_name(&self, words: String, turn: &mut Turn<'_>) -> Vec<Reply> {
        let catalog = self.stats.hero_catalog(turn.calls).await;
        if let Some((hero, rest)) = leading_hero(&catalog, &words) {
            let player = intent::parse_player(rest);
            return self.look_up(player, Command::Hero(hero), turn).await;
        }
        let mine = words
            .split_once(char::is_whitespace)
            .filter(|(my, _)| my.eq_ignore_ascii_case("my"))
            .map(|(_, hero)| hero.trim());
        if let Some(hero) = mine {
            if find_hero(&catalog, hero) != HeroMatch::DidYouMean(Vec::new()) {
                let hero = HeroRef::Name(hero.to_owned());
                return self.hero_answer(hero, PlayerRef::Me, turn).await;
            }
        }
        self.look_up(PlayerRef::Name(words), Command::Stats, turn)
            .await
    }

    /// A player on a hero named forgivingly: a hero matched surely is looked up like any other
    /// command; otherwise "did you mean" offers the closest heroes (as choices when the player
    /// is known without asking which one).
    async fn hero_answer(
        &self,
        hero: HeroRef,
        player: PlayerRef,
        turn: &mut Turn<'_>,
    ) -> Vec<Reply> {
        let hero = match hero {
            HeroRef::Id(id) => id,
            HeroRef::Name(name) => {
                let catalog = self.stats.hero_catalog(turn.calls).await;
                if catalog.is_empty() {
                    return vec![render::lookup_failed(LookupError::Unavailable, None)];
                }
                match find_hero(&catalog, &name) {
                    HeroMatch::Found(id) => id,
                    HeroMatch::DidYouMean(suggestions) => {
                        let id = if suggestions.is_empty() {
                            None
                        } else {
                            self.resolve(player, Command::Stats, turn).await.ok()
                        };
                        return vec![render::did_you_mean(&name, &suggestions, &catalog, id)];
                    }
                }
            }
        };
        self.look_up(player, Command::Hero(hero), turn).await
    }

    /// The stats answer, offering "This is me" when the person has linked no account.
    async fn stats_for(&self, id: AccountId, turn: &mut Turn<'_>) -> Vec<Reply> {
        let offer_link = matches!(turn.memory().await, Ok(m) if m.linked.is_none());
        self.stats_of(id, turn.calls, offer_link).await
    }

    /// Links `id` to the person, once OpenDota confirms the account (its name and rank go in the
    /// confirmation).
    async fn link(&self, id: AccountId, turn: &mut Turn<'_>) -> Reply {
        let player = match self.stats.player(id, turn.calls).await {
            Ok(player) => player,
            Err(error) => return render::lookup_failed(error, Some(id)),
        };
        let memory = match turn.memory().await {
            Ok(memory) => memory,
            Err(()) => return render::memory_unavailable(),
        };
        let linked = Memory {
            linked: Some(id),
            last_player: Some(id),
            ..memory
        };
        match turn.remember(linked).await {
            Ok(()) => render::linked(
                id,
                &render::player_name(id, &player),
                &render::rank_text(&player),
            ),
            Err(()) => render::memory_unavailable(),
        }
    }

    async fn unlink(turn: &mut Turn<'_>) -> Reply {
        let memory = match turn.memory().await {
            Ok(memory) => memory,
            Err(()) => return render::memory_unavailable(),
        };
        let Some(id) = memory.linked else {
            return render::nothing_to_unlink();
        };
        match turn
            .remember(Memory {
                linked: None,
                ..memory
            })
            .await
        {
            Ok(()) => render::unlinked(id),
            Err(()) => render::memory_unavailable(),
        }
    }

    /// The account a player reference stands for, or the replies that say why there is none
    /// (several name matches become choices that continue `command`).
    async fn resolve(
        &self,
        player: PlayerRef,
        command: Command,
        turn: &mut Turn<'_>,
    ) -> Result<AccountId, Vec<Reply>> {
        let calls = turn.calls;
        match player {
            PlayerRef::Account(id) => Ok(id),
            PlayerRef::Me => match turn.memory().await {
                Ok(Memory {
                    linked: Some(id), ..
                }) => Ok(id),
                Ok(_) => Err(vec![render::not_linked()]),
                Err(()) => Err(vec![render::memory_unavailable()]),
            },
            PlayerRef::VanityUrl(name) => Err(vec![render::vanity_url(&name)]),
            PlayerRef::BadNumber(number) => Err(vec![render::bad_number(&number)]),
            PlayerRef::UnknownLink(_) => Err(vec![render::unknown_link()]),
            PlayerRef::Name(name) => match self.search(&name, calls).await {
                Search::One(id) => Ok(id),
                Search::None => Err(vec![render::no_match(&name)]),
                Search::Several(rows) => Err(vec![render::choose_player(&name, &rows, command)]),
                Search::Failed(error) => Err(vec![render::lookup_failed(error, None)]),
            },
        }
    }

    async fn search(&self, name: &str, calls: &Calls) -> Search {
        // OpenDota only searches names of 3 characters or more.
        if name.chars().count() < 3 {
            return Search::None;
        }
        let rows = match self.stats.search(name, calls).await {
            Ok(rows) => rows,
            Err(LookupError::NotFound) => return Search::None,
            Err(error) => return Search::Failed(error),
        };
        let mut unique: Vec<opendota_sdk::models::search::SearchResult> = Vec::new();
        for row in rows.iter() {
            if !unique.iter().any(|u| u.account_id == row.account_id) {
                unique.push(row.clone());
            }
        }
        match unique.as_slice() {
            [] => Search::None,
            [one] => Search::One(one.account_id),
            _ => Search::Several(unique),
        }
    }

    /// Profile, heroes and recent matches, fetched together.
    async fn player_data(&self, id: AccountId, calls: &Calls) -> Result<PlayerData, LookupError> {
        let (player, heroes, recent) = tokio::join!(
            self.stats.player(id, calls),
            self.stats.player_heroes(id, calls),
            self.stats.recent_matches(id, calls)
        );
        Ok(PlayerData {
            id,
            player: player?,
            heroes: heroes?,
            recent: recent?,
        })
    }

    async fn stats_of(&self, id: AccountId, calls: &Calls, offer_link: bool) -> Vec<Reply> {
        let data = match self.player_data(id, calls).await {
            Ok(data) => data,
            Err(error) => return vec![render::lookup_failed(error, Some(id))],
        };
        if render::is_private(&data.player, &data.heroes, &data.recent) {
            let name = render::player_name(id, &data.player);
            return vec![render::private_profile(id, &name)];
        }
        let catalog = self.stats.hero_catalog(calls).await;
        let mut items = None;
        if let Some(best) = render::best_hero(&data.heroes) {
            match self.stats.item_popularity(best, calls).await {
                Ok(popularity) => items = Some(popularity),
                Err(error) => tracing::debug!(?error, "no item recommendations"),
            }
        }
        let item_names = match items {
            Some(_) => self.stats.item_names(calls).await,
            None => Arc::default(),
        };
        render::stats(
            render::PlayerView {
                id,
                player: &data.player,
                heroes: &data.heroes,
                recent: &data.recent,
                catalog: &catalog,
            },
            items.as_deref(),
            &item_names,
            offer_link,
        )
    }

    /// The profile and the heroes played, fetched together; the reply instead when a lookup
    /// failed or the account shows no match data.
    async fn public_heroes(
        &self,
        id: AccountId,
        calls: &Calls,
    ) -> Result<(Arc<Player>, Arc<Vec<PlayerHero>>), Reply> {
        let (player, heroes) = tokio::join!(
            self.stats.player(id, calls),
            self.stats.player_heroes(id, calls)
        );
        let (player, heroes) = match (player, heroes) {
            (Ok(player), Ok(heroes)) => (player, heroes),
            (Err(error), _) | (_, Err(error)) => {
                return Err(render::lookup_failed(error, Some(id)));
            }
        };
        if render::fh_unavailable(&player) || heroes.is_empty() {
            return Err(render::private_profile(
                id,
                &render::player_name(id, &player),
            ));
        }
        Ok((player, heroes))
    }

    async fn heroes_of(&self, id: AccountId, calls: &Calls) -> Reply {
        let (player, heroes) = match self.public_heroes(id, calls).await {
            Ok(found) => found,
            Err(reply) => return reply,
        };
        let catalog = self.stats.hero_catalog(calls).await;
        render::heroes(id, &player, &heroes, &catalog)
    }

    async fn recent_of(&self, id: AccountId, calls: &Calls) -> Reply {
        let (player, recent) = tokio::join!(
            self.stats.player(id, calls),
            self.stats.recent_matches(id, calls)
        );
        let (player, recent) = match (player, recent) {
            (Ok(player), Ok(recent)) => (player, recent),
            (Err(error), _) | (_, Err(error)) => return render::lookup_failed(error, Some(id)),
        };
        if render::fh_unavailable(&player) {
            return render::private_profile(id, &render::player_name(id, &player));
        }
        let catalog = self.stats.hero_catalog(calls).await;
        render::recent(id, &player, &recent, &catalog)
    }

    /// The newest of the recent matches, with its final items from `/matches/{id}` (one more
    /// call, cached; when it fails the answer goes out without the items).
    async fn last_match_of(&self, id: AccountId, calls: &Calls) -> Vec<Reply> {
        let (player, recent) = tokio::join!(
            self.stats.player(id, calls),
            self.stats.recent_matches(id, calls)
        );
        let (player, recent) = match (player, recent) {
            (Ok(player), Ok(recent)) => (player, recent),
            (Err(error), _) | (_, Err(error)) => {
                return vec![render::lookup_failed(error, Some(id))];
            }
        };
        if render::fh_unavailable(&player) {
            return vec![render::private_profile(
                id,
                &render::player_name(id, &player),
            )];
        }
        let Some(last) = recent.first() else {
            return vec![render::no_last_match(id, &player)];
        };
        let (details, catalog, item_names) = tokio::join!(
            self.stats.match_details(last.match_id, calls),
            self.stats.hero_catalog(calls),
            self.stats.item_names(calls)
        );
        let details = details
            .map_err(|error| tracing::debug!(?error, "no match details: no items"))
            .ok();
        render::last_match(render::LastMatchView {
            id,
            player: &player,
            last,
            details: details.as_deref(),
            catalog: &catalog,
            item_names: &item_names,
            now: (self.clock)(),
        })
    }

    /// The player's record on one hero (from the cached heroes list) and, when they played it,
    /// their newest matches on it (one more call, cached; when it fails the answer goes out
    /// without the K/D/A average).
    async fn hero_of(&self, id: AccountId, hero: HeroId, calls: &Calls) -> Reply {
        let (player, heroes) = match self.public_heroes(id, calls).await {
            Ok(found) => found,
            Err(reply) => return reply,
        };
        let record = heroes.iter().find(|h| h.hero_id == hero);
        let matches = match record {
            Some(_) => self
                .stats
                .hero_matches(id, hero, calls)
                .await
                .map_err(|error| tracing::debug!(?error, "no matches on the hero: no K/D/A"))
                .unwrap_or_default(),
            None => Arc::default(),
        };
        let catalog = self.stats.hero_catalog(calls).await;
        render::hero(render::HeroView {
            id,
            player: &player,
            hero,
            record,
            matches: &matches,
            catalog: &catalog,
            now: (self.clock)(),
        })
    }

    async fn peers_of(&self, id: AccountId, calls: &Calls) -> Reply {
        let (player, peers) =
            tokio::join!(self.stats.player(id, calls), self.stats.peers(id, calls));
        let (player, peers) = match (player, peers) {
            (Ok(player), Ok(peers)) => (player, peers),
            (Err(error), _) | (_, Err(error)) => return render::lookup_failed(error, Some(id)),
        };
        if render::fh_unavailable(&player) {
            return render::private_profile(id, &render::player_name(id, &player));
        }
        render::peers(id, &player, &peers)
    }

    async fn compare(&self, players: Vec<PlayerRef>, turn: &mut Turn<'_>) -> Reply {
        let calls = turn.calls;
        let total = players.len();
        let mut ids: Vec<AccountId> = Vec::new();
        for player in players.into_iter().take(COMPARE_MAX) {
            let id = match player {
                PlayerRef::Name(name) => match self.search(&name, calls).await {
                    Search::One(id) => id,
                    Search::None => return render::no_match(&name),
                    Search::Several(rows) => return render::ambiguous_in_compare(&name, &rows),
                    Search::Failed(error) => return render::lookup_failed(error, None),
                },
                other => match self.resolve(other, Command::Compare, turn).await {
                    Ok(id) => id,
                    Err(mut replies) => {
                        return replies.pop().unwrap_or_else(render::not_understood);
                    }
                },
            };
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        if ids.len() < 2 {
            return render::same_player_twice();
        }
        let mut data = Vec::with_capacity(ids.len());
        for id in ids {
            match self.player_data(id, calls).await {
                Ok(d) => data.push(d),
                Err(error) => return render::lookup_failed(error, Some(id)),
            }
        }
        let catalog = self.stats.hero_catalog(calls).await;
        let sides: Vec<render::CompareSide<'_>> = data
            .iter()
            .map(|d| {
                if render::is_private(&d.player, &d.heroes, &d.recent) {
                    render::CompareSide::Private {
                        id: d.id,
                        player: &d.player,
                    }
                } else {
                    render::CompareSide::Shown(render::PlayerView {
                        id: d.id,
                        player: &d.player,
                        heroes: &d.heroes,
                        recent: &d.recent,
                        catalog: &catalog,
                    })
                }
            })
            .collect();
        render::compare(&sides, total.saturating_sub(COMPARE_MAX))
    }
}

/// One message's view of the person: their memory, read at most once, and the OpenDota calls.
struct Turn<'a> {
    person: &'a Person,
    /// `None` until read; `Some(Err(()))` when the store failed (logged by the store).
    memory: Option<Result<Memory, ()>>,
    calls: &'a Calls,
}

impl Turn<'_> {
    /// What the bot remembers about the person (read once per message).
    async fn memory(&mut self) -> Result<Memory, ()> {
        if self.memory.is_none() {
            let read = self.person.memory().await.map_err(|error| {
                tracing::debug!(%error, "memory unavailable");
            });
            self.memory = Some(read);
        }
        self.memory.clone().unwrap_or(Err(()))
    }

    /// Replaces the memory.
    async fn remember(&mut self, memory: Memory) -> Result<(), ()> {
        match self.person.remember(memory.clone()).await {
            Ok(()) => {
                self.memory = Some(Ok(memory));
                Ok(())
            }
            Err(error) => {
                tracing::debug!(%error, "memory not saved");
                Err(())
            }
        }
    }

    /// Remembers `id` as the last player looked at (a failure only loses the follow-up).
    async fn looked_at(&mut self, id: AccountId) {
        if let Ok(memory) = self.memory().await {
            if memory.last_player != Some(id) {
                let _ = self
                    .remember(Memory {
                        last_player: Some(id),
                        ..memory
                    })
                    .await;
            }
        }
    }
}

/// What a name search found.
enum Search {
    None,
    One(AccountId),
    Several(Vec<opendota_sdk::models::search::SearchResult>),
    Failed(LookupError),
}
