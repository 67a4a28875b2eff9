//! Hero endpoints: `GET /heroes`, `/heroStats`, `/heroes/{hero_id}/…`, `/rankings` and
//! `/benchmarks`.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::api::{NoQuery, Request};
use crate::client::{Call, Client, encode_query};
use crate::error::Result;
use crate::ids::HeroId;
use crate::models::heroes::{
    Benchmarks, Hero, HeroDuration, HeroMatchup, HeroPlayer, HeroPlayerRows, HeroRankings,
    HeroStats, ItemPopularity,
};
use crate::models::matches::ProMatch;
use crate::rank::Medal;

impl Client {
    /// Every hero with its names, attributes and roles (`GET /heroes`), by id.
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// use opendota_sdk::models::constants::HeroCatalog;
    ///
    /// let catalog = HeroCatalog::from_heroes(&client.all_heroes().await?);
    /// println!("{:?}", catalog.name(opendota_sdk::HeroId(1)));
    /// # Ok(()) }
    /// ```
    pub fn all_heroes(&self) -> Request<'_, NoQuery, Vec<Hero>> {
        Request::new(self, vec!["heroes".to_owned()], NoQuery {})
    }

    /// Every hero with its attributes and its picks and wins of the last 7 days per rank
    /// bracket, in pro matches and in Turbo (`GET /heroStats`).
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// for hero in client.hero_stats().await? {
    ///     println!("{:?}: {:?}", hero.localized_name, hero.bracket_win_rate(8));
    /// }
    /// # Ok(()) }
    /// ```
    pub fn hero_stats(&self) -> Request<'_, NoQuery, Vec<HeroStats>> {
        Request::new(self, vec!["heroStats".to_owned()], NoQuery {})
    }

    /// One hero's matches, matchups, players, items, rankings and benchmarks.
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let matchups = client.heroes(14).matchups().await?;
    /// # Ok(()) }
    /// ```
    pub fn heroes<I>(&self, id: I) -> HeroHandler<'_>
    where
        I: Into<HeroId>,
    {
        HeroHandler {
            client: self,
            id: id.into(),
        }
    }
}

/// One hero's endpoints; made by [`Client::heroes`].
///
/// ```no_run
/// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
/// let anti_mage = client.heroes(1);
/// let matchups = anti_mage.matchups().await?;
/// let items = anti_mage.item_popularity().await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct HeroHandler<'c> {
    client: &'c Client,
    id: HeroId,
}

#[derive(Serialize)]
struct RankingsQuery {
    hero_id: HeroId,
}

/// The query of [`HeroHandler::benchmarks`].
///
/// ```
/// let client = opendota_sdk::Client::try_new()?;
/// let request = client.heroes(14).benchmarks().bracket(8);
/// assert_eq!(request.query_string(), "hero_id=14&bracket=8");
/// # Ok::<(), opendota_sdk::Error>(())
/// ```
#[derive(Debug, Clone, Serialize)]
pub struct BenchmarksQuery {
    hero_id: HeroId,
    #[serde(skip_serializing_if = "Option::is_none")]
    bracket: Option<u8>,
}

impl<'c> HeroHandler<'c> {
    /// The hero this handler is for.
    ///
    /// ```
    /// use opendota_sdk::{Client, HeroId};
    ///
    /// let client = Client::try_new()?;
    /// assert_eq!(client.heroes(14).id(), HeroId(14));
    /// # Ok::<(), opendota_sdk::Error>(())
    /// ```
    #[must_use]
    pub fn id(&self) -> HeroId {
        self.id
    }

    async fn get<T>(&self, tail: &str) -> Result<T>
    where
        T: DeserializeOwned,
    {
        let id = self.id.to_string();
        let url = self.client.url(&["heroes", &id, tail]);
        self.client.execute(Call::get(url, String::new())).await
    }

    /// The last 100 professional matches with the hero, newest first
    /// (`GET /heroes/{hero_id}/matches`).
    ///
    /// In this listing the server computes [`ProMatch::radiant`] as
    /// `(player_slot < 128) = radiant_win`, so it tells whether the hero's side **won**, not
    /// whether it played Radiant.
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let matches = client.heroes(1).matches().await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// See [`crate::Error`].
    pub async fn matches(self) -> Result<Vec<ProMatch>> {
        self.get("matches").await
    }

    /// The hero's results against each other hero in professional matches of the last year,
    /// most played first (`GET /heroes/{hero_id}/matchups`).
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// for m in client.heroes(1).matchups().await?.iter().take(5) {
    ///     println!("vs {}: {:?}", m.hero_id, m.win_rate());
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// See [`crate::Error`].
    pub async fn matchups(self) -> Result<Vec<HeroMatchup>> {
        self.get("matchups").await
    }

    /// The hero's results in professional matches by match length, in 5-minute bins
    /// (`GET /heroes/{hero_id}/durations`; bins in no particular order).
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let mut bins = client.heroes(1).durations().await?;
    /// bins.sort_by_key(|b| b.duration_bin);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// See [`crate::Error`].
    pub async fn durations(self) -> Result<Vec<HeroDuration>> {
        self.get("durations").await
    }

    /// Players who played the hero in professional matches, most games first
    /// (`GET /heroes/{hero_id}/players`).
    ///
    /// The spec describes an array of arrays of player objects; the server sends one flat
    /// array of `{account_id, games_played, wins}`. Both decode into one flat list.
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let players = client.heroes(1).players().await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// See [`crate::Error`].
    pub async fn players(self) -> Result<Vec<HeroPlayer>> {
        let rows: HeroPlayerRows = self.get("players").await?;
        Ok(rows.0)
    }

    /// How often each item was bought on the hero in recent professional matches, by game
    /// phase (`GET /heroes/{hero_id}/itemPopularity`).
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// use opendota_sdk::models::heroes::ItemPopularity;
    ///
    /// let items = client.heroes(1).item_popularity().await?;
    /// let core = ItemPopularity::top(&items.mid_game_items, 3);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// See [`crate::Error`].
    pub async fn item_popularity(self) -> Result<ItemPopularity> {
        let popularity: Option<ItemPopularity> = self.get("itemPopularity").await?;
        Ok(popularity.unwrap_or_default())
    }

    /// The top 100 players of the hero by OpenDota's hero score (`GET /rankings?hero_id=`).
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let top = client.heroes(1).rankings().await?;
    /// if let Some(best) = top.rankings.first() {
    ///     println!("{} {:?}", best.account_id, best.personaname);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// See [`crate::Error`].
    pub async fn rankings(self) -> Result<HeroRankings> {
        let query = encode_query(&RankingsQuery { hero_id: self.id })?;
        let url = self.client.url(&["rankings"]);
        self.client.execute(Call::get(url, query)).await
    }

    /// Percentiles of the hero's per-match stats (GPM, XPM, kills per minute …), over all
    /// ranks or one rank bracket (`GET /benchmarks?hero_id=&bracket=`).
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// use opendota_sdk::models::heroes::BenchmarkResult;
    ///
    /// let immortal = client.heroes(1).benchmarks().bracket(8).await?;
    /// if let Some(result) = &immortal.result {
    ///     println!("median GPM {:?}", BenchmarkResult::value_at(&result.gold_per_min, 0.5));
    /// }
    /// # Ok(()) }
    /// ```
    pub fn benchmarks(&self) -> Request<'c, BenchmarksQuery, Benchmarks> {
        Request::new(
            self.client,
            vec!["benchmarks".to_owned()],
            BenchmarksQuery {
                hero_id: self.id,
                bracket: None,
            },
        )
    }
}

impl Request<'_, BenchmarksQuery, Benchmarks> {
    /// Only matches of rank bracket `bracket`: 1 (Herald) to 8 (Immortal). Other values are
    /// refused by the server with a 400 ([`crate::Error::Api`]).
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let herald = client.heroes(14).benchmarks().bracket(1).await?;
    /// # Ok(()) }
    /// ```
    pub fn bracket(mut self, bracket: u8) -> Self {
        self.query.bracket = Some(bracket);
        self
    }

    /// Only matches of the bracket of `medal` (same as [`bracket`](Self::bracket) with its
    /// tier number).
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// use opendota_sdk::RankTier;
    ///
    /// let medal = RankTier(75).medal();
    /// let legend = client.heroes(14).benchmarks().medal(medal).await?;
    /// # Ok(()) }
    /// ```
    pub fn medal(self, medal: Medal) -> Self {
        self.bracket(medal.tier())
    }
}
