//! OpenDota lookups with caching, and a count of the calls each answer made.
//!
//! Every lookup goes through a [`moka`] cache, so the same question asked again within minutes
//! costs no OpenDota call:
//!
//! | data | endpoint | kept for |
//! |---|---|---|
//! | hero names | `/constants/heroes` | 6 hours |
//! | item names | `/constants/item_ids` | 6 hours |
//! | profile | `/players/{id}` | 5 minutes |
//! | heroes played | `/players/{id}/heroes` | 5 minutes |
//! | last 20 matches | `/players/{id}/recentMatches` | 5 minutes |
//! | popular items of a hero | `/heroes/{id}/itemPopularity` | 6 hours |
//! | name search | `/search` | 5 minutes |
//! | a match | `/matches/{id}` | 1 hour (a parse may add to it) |
//! | peers | `/players/{id}/peers` | 5 minutes |
//!
//! Failed lookups are not cached (except a hero without item data, which is kept as "no items").
//! Concurrent lookups of the same key share one call.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use moka::future::Cache;
use opendota_sdk::models::constants::HeroCatalog;
use opendota_sdk::models::heroes::ItemPopularity;
use opendota_sdk::models::matches::Match;
use opendota_sdk::models::players::{Peer, Player, PlayerHero, PlayerMatch, RecentMatch};
use opendota_sdk::models::search::SearchResult;
use opendota_sdk::{AccountId, HeroId, MatchId};

/// How long hero and item constants are kept.
pub const CONSTANTS_TTL: Duration = Duration::from_secs(6 * 60 * 60);
/// How long a player's profile, heroes and recent matches are kept.
pub const PLAYER_TTL: Duration = Duration::from_secs(5 * 60);
/// How long a hero's item popularity is kept.
pub const ITEM_POPULARITY_TTL: Duration = Duration::from_secs(6 * 60 * 60);
/// How long a name search is kept.
pub const SEARCH_TTL: Duration = Duration::from_secs(5 * 60);
/// How long a match is kept (a finished match only changes when OpenDota parses its replay).
pub const MATCH_TTL: Duration = Duration::from_secs(60 * 60);

/// Matches on one hero read for the K/D/A averages of the hero answer.
pub const HERO_MATCHES: u32 = 20;

/// At most this many matches cached (a parsed match is large: about 200 kB of JSON).
const MATCH_CAPACITY: u64 = 256;

/// At most this many entries per player cache (profiles, heroes, recent matches, searches).
const PLAYER_CAPACITY: u64 = 2_000;

/// Item names by item id, humanised (`black_king_bar` → `Black King Bar`).
pub type ItemNames = HashMap<u32, String>;

/// Counts the OpenDota calls made while answering one message. A cache hit costs nothing.
///
/// ```
/// let calls = hbdta_bot::stats::Calls::new();
/// assert_eq!(calls.get(), 0);
/// ```
#[derive(Debug, Default)]
pub struct Calls(AtomicU64);

impl Calls {
    /// A counter at zero.
    #[must_use]
    pub const fn new() -> Self {
        Self(AtomicU64::new(0))
    }

    /// The calls counted so far.
    #[must_use]
    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }

    fn add(&self) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }
}

/// Why a lookup gave no data, in the terms a reply needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LookupError {
    /// OpenDota does not know the account (404 from `/players/{id}`).
    #[error("not found on OpenDota")]
    NotFound,
    /// OpenDota's rate limit: the minute's (`daily == false`) or the day's.
    #[error("OpenDota rate limit")]
    RateLimited {
        /// Whether the daily allowance is spent.
        daily: bool,
    },
    /// A 5xx, a transport failure, an answer that does not decode, or any other error.
    #[error("OpenDota unavailable")]
    Unavailable,
}

impl LookupError {
    /// Classifies an SDK error, logging the details (the SDK's errors carry no secret).
    fn from_sdk(what: &'static str, error: &opendota_sdk::Error) -> Self {
        match error {
            opendota_sdk::Error::NotFound { .. } => {
                tracing::debug!(what, %error, "OpenDota: not found");
                Self::NotFound
            }
            opendota_sdk::Error::RateLimited { daily, .. } => {
                tracing::warn!(what, %error, "OpenDota rate limited");
                Self::RateLimited { daily: *daily }
            }
            other => {
                tracing::warn!(what, error = %other, "OpenDota call failed");
                Self::Unavailable
            }
        }
    }
}

/// OpenDota lookups behind caches. Cheap to clone: clones share the client and the caches.
#[derive(Debug, Clone)]
pub struct Stats {
    inner: Arc<Inner>,
}

struct Inner {
    client: opendota_sdk::Client,
    heroes: Cache<(), Arc<HeroCatalog>>,
    item_names: Cache<(), Arc<ItemNames>>,
    players: Cache<AccountId, Arc<Player>>,
    player_heroes: Cache<AccountId, Arc<Vec<PlayerHero>>>,
    recent: Cache<AccountId, Arc<Vec<RecentMatch>>>,
    item_popularity: Cache<HeroId, Arc<ItemPopularity>>,
    search: Cache<String, Arc<Vec<SearchResult>>>,
    matches: Cache<MatchId, Arc<Match>>,
    peers: Cache<AccountId, Arc<Vec<Peer>>>,
    hero_matches: Cache<(AccountId, HeroId), Arc<Vec<PlayerMatch>>>,
}

impl std::fmt::Debug for Inner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stats")
            .field("client", &self.client)
            .field("players_cached", &self.players.entry_count())
            .finish_non_exhaustive()
    }
}

fn cache<K, V>(capacity: u64, ttl: Duration) -> Cache<K, V>
where
    K: std::hash::Hash + Eq + Send + Sync + 'static,
    V: Clone + Send + Sync + 'static,
{
    Cache::builder()
        .max_capacity(capacity)
        .time_to_live(ttl)
        .build()
}

impl Stats {
    /// Lookups through `opendota`, with empty caches.
    #[must_use]
    pub fn new(opendota: opendota_sdk::Client) -> Self {
        Self {
            inner: Arc::new(Inner {
                client: opendota,
                heroes: cache(1, CONSTANTS_TTL),
                item_names: cache(1, CONSTANTS_TTL),
                players: cache(PLAYER_CAPACITY, PLAYER_TTL),
                player_heroes: cache(PLAYER_CAPACITY, PLAYER_TTL),
                recent: cache(PLAYER_CAPACITY, PLAYER_TTL),
                item_popularity: cache(512, ITEM_POPULARITY_TTL),
                search: cache(PLAYER_CAPACITY, SEARCH_TTL),
                matches: cache(MATCH_CAPACITY, MATCH_TTL),
                peers: cache(PLAYER_CAPACITY, PLAYER_TTL),
                hero_matches: cache(PLAYER_CAPACITY, PLAYER_TTL),
            }),
        }
    }

    /// Loads the hero and item-name constants (cached for hours) so questions do not pay for them.
    ///
    /// Both are fetched (two calls) and replace what the caches held. Should this fail, questions
    /// load them lazily instead.
    ///
    /// # Errors
    ///
    /// The first OpenDota error.
    pub async fn warm_up(&self) -> Result<(), opendota_sdk::Error> {
        let constants = self.inner.client.constants();
        let (heroes, items) = tokio::join!(
            constants.heroes(),
            constants.get::<HashMap<String, String>>("item_ids")
        );
        let heroes = heroes?;
        let items = items?;
        tracing::debug!(
            heroes = heroes.len(),
            items = items.len(),
            "constants loaded"
        );
        self.inner.heroes.insert((), Arc::new(heroes)).await;
        self.inner
            .item_names
            .insert((), Arc::new(humanise_item_ids(items)))
            .await;
        Ok(())
    }

    /// [`Stats::warm_up`] in a spawned task, without delaying start-up; a failure is logged and
    /// only means the first question loads the constants.
    pub fn warm_up_in_background(&self) {
        let stats = self.clone();
        tokio::spawn(async move {
            if let Err(e) = stats.warm_up().await {
                tracing::warn!(error = %e, "could not preload OpenDota constants; they load on first use");
            }
        });
    }

    /// Hero names. On failure (logged) an empty catalog, so answers still go out with hero ids.
    pub async fn hero_catalog(&self, calls: &Calls) -> Arc<HeroCatalog> {
        let client = &self.inner.client;
        let loaded = self
            .inner
            .heroes
            .try_get_with((), async {
                calls.add();
                client
                    .constants()
                    .heroes()
                    .await
                    .map(Arc::new)
                    .map_err(|e| LookupError::from_sdk("constants/heroes", &e))
            })
            .await;
        loaded.unwrap_or_default()
    }

    /// Item names by id. On failure (logged) an empty map, so answers go out without item tips.
    pub async fn item_names(&self, calls: &Calls) -> Arc<ItemNames> {
        let client = &self.inner.client;
        let loaded = self
            .inner
            .item_names
            .try_get_with((), async {
                calls.add();
                client
                    .constants()
                    .get::<HashMap<String, String>>("item_ids")
                    .await
                    .map(|ids| Arc::new(humanise_item_ids(ids)))
                    .map_err(|e| LookupError::from_sdk("constants/item_ids", &e))
            })
            .await;
        loaded.unwrap_or_default()
    }

    /// The player's profile and medal (`/players/{id}`).
    ///
    /// # Errors
    ///
    /// [`LookupError::NotFound`] for an account OpenDota does not know; otherwise the kind of failure.
    pub async fn player(&self, id: AccountId, calls: &Calls) -> Result<Arc<Player>, LookupError> {
        let client = &self.inner.client;
        self.inner
            .players
            .try_get_with(id, async {
                calls.add();
                client
                    .players(id)
                    .get()
                    .await
                    .map(Arc::new)
                    .map_err(|e| LookupError::from_sdk("players", &e))
            })
            .await
            .map_err(|e| *e)
    }

    /// The heroes the player played, most played first (`/players/{id}/heroes`; heroes never
    /// played are left out).
    ///
    /// # Errors
    ///
    /// The kind of failure (an unknown account gets an empty list, not an error).
    pub async fn player_heroes(
        &self,
        id: AccountId,
        calls: &Calls,
    ) -> Result<Arc<Vec<PlayerHero>>, LookupError> {
        let client = &self.inner.client;
        self.inner
            .player_heroes
            .try_get_with(id, async {
                calls.add();
                let mut heroes = client
                    .players(id)
                    .heroes()
                    .await
                    .map_err(|e| LookupError::from_sdk("players/heroes", &e))?;
                heroes.retain(|h| h.games.unwrap_or(0) > 0);
                heroes.sort_by_key(|h| std::cmp::Reverse(h.games.unwrap_or(0)));
                Ok(Arc::new(heroes))
            })
            .await
            .map_err(|e| *e)
    }

    /// The last 20 matches, newest first (`/players/{id}/recentMatches`).
    ///
    /// # Errors
    ///
    /// The kind of failure (an unknown account gets an empty list, not an error).
    pub async fn recent_matches(
        &self,
        id: AccountId,
        calls: &Calls,
    ) -> Result<Arc<Vec<RecentMatch>>, LookupError> {
        let client = &self.inner.client;
        self.inner
            .recent
            .try_get_with(id, async {
                calls.add();
                client
                    .players(id)
                    .recent_matches()
                    .await
                    .map(Arc::new)
                    .map_err(|e| LookupError::from_sdk("players/recentMatches", &e))
            })
            .await
            .map_err(|e| *e)
    }

    /// The items most bought on a hero (`/heroes/{id}/itemPopularity`). A hero OpenDota has no
    /// data for (404) reads as no items and is cached like an answer.
    ///
    /// # Errors
    ///
    /// The kind of failure.
    pub async fn item_popularity(
        &self,
        hero: HeroId,
        calls: &Calls,
    ) -> Result<Arc<ItemPopularity>, LookupError> {
        let client = &self.inner.client;
        self.inner
            .item_popularity
            .try_get_with(hero, async {
                calls.add();
                match client.heroes(hero).item_popularity().await {
                    Ok(items) => Ok(Arc::new(items)),
                    Err(opendota_sdk::Error::NotFound { .. }) => {
                        Ok(Arc::new(ItemPopularity::default()))
                    }
                    Err(e) => Err(LookupError::from_sdk("heroes/itemPopularity", &e)),
                }
            })
            .await
            .map_err(|e| *e)
    }

    /// The people the player played with or against, most games first (`/players/{id}/peers`).
    ///
    /// # Errors
    ///
    /// The kind of failure.
    pub async fn peers(&self, id: AccountId, calls: &Calls) -> Result<Arc<Vec<Peer>>, LookupError> {
        let client = &self.inner.client;
        self.inner
            .peers
            .try_get_with(id, async {
                calls.add();
                client
                    .players(id)
                    .peers()
                    .await
                    .map(Arc::new)
                    .map_err(|e| LookupError::from_sdk("players/peers", &e))
            })
            .await
            .map_err(|e| *e)
    }

    /// The player's last [`HERO_MATCHES`] matches on one hero, newest first
    /// (`/players/{id}/matches?hero_id=…&limit=…`).
    ///
    /// # Errors
    ///
    /// The kind of failure.
    pub async fn hero_matches(
        &self,
        id: AccountId,
        hero: HeroId,
        calls: &Calls,
    ) -> Result<Arc<Vec<PlayerMatch>>, LookupError> {
        let client = &self.inner.client;
        self.inner
            .hero_matches
            .try_get_with((id, hero), async {
                calls.add();
                client
                    .players(id)
                    .matches()
                    .hero_id(hero)
                    .limit(HERO_MATCHES)
                    .await
                    .map(Arc::new)
                    .map_err(|e| LookupError::from_sdk("players/matches", &e))
            })
            .await
            .map_err(|e| *e)
    }

    /// One match (`/matches/{id}`).
    ///
    /// # Errors
    ///
    /// [`LookupError::NotFound`] for a match OpenDota does not know; otherwise the kind of failure.
    pub async fn match_details(
        &self,
        id: MatchId,
        calls: &Calls,
    ) -> Result<Arc<Match>, LookupError> {
        let client = &self.inner.client;
        self.inner
            .matches
            .try_get_with(id, async {
                calls.add();
                client
                    .matches(id)
                    .get()
                    .await
                    .map(Arc::new)
                    .map_err(|e| LookupError::from_sdk("matches", &e))
            })
            .await
            .map_err(|e| *e)
    }

    /// Players whose Steam name resembles `name`, best match first (`/search`). The cache key
    /// ignores case and surrounding spaces.
    ///
    /// # Errors
    ///
    /// The kind of failure.
    pub async fn search(
        &self,
        name: &str,
        calls: &Calls,
    ) -> Result<Arc<Vec<SearchResult>>, LookupError> {
        let query = name.trim();
        if query.is_empty() {
            return Ok(Arc::default());
        }
        let client = &self.inner.client;
        self.inner
            .search
            .try_get_with(query.to_lowercase(), async {
                calls.add();
                client
                    .search(query)
                    .await
                    .map(Arc::new)
                    .map_err(|e| LookupError::from_sdk("search", &e))
            })
            .await
            .map_err(|e| *e)
    }

    /// The player's profile if it is cached; never calls OpenDota.
    pub async fn cached_player(&self, id: AccountId) -> Option<Arc<Player>> {
        self.inner.players.get(&id).await
    }
}

/// `{"1": "blink", …}` → `{1: "Blink Dagger", …}`; recipes and unreadable ids are left out.
fn humanise_item_ids(ids: HashMap<String, String>) -> ItemNames {
    ids.into_iter()
        .filter(|(_, name)| !name.starts_with("recipe_"))
        .filter_map(|(id, name)| Some((id.trim().parse().ok()?, humanise_item(&name))))
        .collect()
}

/// The English name of an item from its internal name: a few well-known names the internal
/// one does not spell out, otherwise the words capitalised (`black_king_bar` → `Black King Bar`).
#[must_use]
pub fn humanise_item(internal: &str) -> String {
    let name = internal.strip_prefix("item_").unwrap_or(internal);
    if let Some((_, known)) = KNOWN_ITEMS.iter().find(|(key, _)| *key == name) {
        return (*known).to_owned();
    }
    name.split('_')
        .filter(|w| !w.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect::<String>()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Internal item names whose words are not the English name.
const KNOWN_ITEMS: &[(&str, &str)] = &[
    ("assault", "Assault Cuirass"),
    ("basher", "Skull Basher"),
    ("bfury", "Battle Fury"),
    ("blink", "Blink Dagger"),
    ("boots", "Boots of Speed"),
    ("branches", "Iron Branch"),
    ("cyclone", "Eul's Scepter"),
    ("dust", "Dust of Appearance"),
    ("flask", "Healing Salve"),
    ("gauntlets", "Gauntlets of Strength"),
    ("greater_crit", "Daedalus"),
    ("heart", "Heart of Tarrasque"),
    ("invis_sword", "Shadow Blade"),
    ("lesser_crit", "Crystalys"),
    ("manta", "Manta Style"),
    ("mantle", "Mantle of Intelligence"),
    ("mekansm", "Mekansm"),
    ("pipe", "Pipe of Insight"),
    ("refresher", "Refresher Orb"),
    ("sheepstick", "Scythe of Vyse"),
    ("skadi", "Eye of Skadi"),
    ("slippers", "Slippers of Agility"),
    ("sphere", "Linken's Sphere"),
    ("tpscroll", "Town Portal Scroll"),
    ("travel_boots", "Boots of Travel"),
    ("ultimate_scepter", "Aghanim's Scepter"),
    ("ward_observer", "Observer Ward"),
    ("ward_sentry", "Sentry Ward"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_names_are_humanised() {
        assert_eq!(humanise_item("black_king_bar"), "Black King Bar");
        assert_eq!(humanise_item("item_power_treads"), "Power Treads");
        assert_eq!(humanise_item("blink"), "Blink Dagger");
        assert_eq!(humanise_item("travel_boots"), "Boots of Travel");
        assert_eq!(humanise_item("radiance"), "Radiance");
        assert_eq!(humanise_item(""), "");
    }

    #[test]
    fn item_ids_become_names_without_recipes() {
        let ids: HashMap<String, String> = [
            ("1", "blink"),
            ("116", "black_king_bar"),
            ("115", "recipe_black_king_bar"),
            ("x", "broken"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
        .collect();
        let names = humanise_item_ids(ids);
        assert_eq!(names.len(), 2);
        assert_eq!(names.get(&116).map(String::as_str), Some("Black King Bar"));
        assert_eq!(names.get(&1).map(String::as_str), Some("Blink Dagger"));
    }

    #[test]
    fn calls_count_up() {
        let calls = Calls::new();
        calls.add();
        calls.add();
        assert_eq!(calls.get(), 2);
    }
}
