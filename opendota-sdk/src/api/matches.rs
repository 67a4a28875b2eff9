//! `/matches/{match_id}` and the match listings: `/proMatches`, `/publicMatches`,
//! `/parsedMatches`, `/findMatches`.

use serde::Serialize;

use crate::api::Request;
use crate::client::{Call, Client};
use crate::error::Result;
use crate::ids::{HeroId, MatchId};
use crate::models::matches::{FoundMatch, Match, ParsedMatch, ProMatch, PublicMatch};
use crate::rank::RankTier;

/// Query of `/proMatches` and `/parsedMatches`: one page of 100 matches, newest first.
///
/// ```
/// let client = opendota_sdk::Client::try_new()?;
/// let request = client.parsed_matches().less_than_match_id(8_000_000_000_u64);
/// assert_eq!(request.query_string(), "less_than_match_id=8000000000");
/// # Ok::<(), opendota_sdk::Error>(())
/// ```
#[derive(Debug, Clone, Default, Serialize)]
pub struct MatchListQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    less_than_match_id: Option<MatchId>,
}

/// Query of `/publicMatches`.
///
/// ```
/// let client = opendota_sdk::Client::try_new()?;
/// let request = client.public_matches().min_rank(70).max_rank(75);
/// assert_eq!(request.query_string(), "min_rank=70&max_rank=75");
/// # Ok::<(), opendota_sdk::Error>(())
/// ```
#[derive(Debug, Clone, Default, Serialize)]
pub struct PublicMatchesQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    less_than_match_id: Option<MatchId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    min_rank: Option<RankTier>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_rank: Option<RankTier>,
}

/// Query of `/findMatches`: hero ids sent as repeated keys (`teamA=1&teamA=2`).
///
/// ```
/// let client = opendota_sdk::Client::try_new()?;
/// let request = client.find_matches().team_a(1).team_a(2).team_b(5);
/// assert_eq!(request.query_string(), "teamA=1&teamA=2&teamB=5");
/// # Ok::<(), opendota_sdk::Error>(())
/// ```
#[derive(Debug, Clone, Default, Serialize)]
pub struct FindMatchesQuery {
    #[serde(rename = "teamA", skip_serializing_if = "Vec::is_empty")]
    team_a: Vec<HeroId>,
    #[serde(rename = "teamB", skip_serializing_if = "Vec::is_empty")]
    team_b: Vec<HeroId>,
}

impl Client {
    /// One match; made for [`MatchHandler::get`].
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let game = client.matches(8_000_000_000_u64).get().await?;
    /// println!("{} players, parsed: {}", game.players.len(), game.is_parsed());
    /// # Ok(()) }
    /// ```
    pub fn matches(&self, match_id: impl Into<MatchId>) -> MatchHandler<'_> {
        MatchHandler {
            client: self,
            match_id: match_id.into(),
        }
    }

    /// Recent professional matches, newest first, 100 a page; page back with
    /// `.less_than_match_id(..)`.
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let page = client.pro_matches().await?;
    /// if let Some(last) = page.last() {
    ///     let older = client.pro_matches().less_than_match_id(last.match_id).await?;
    ///     println!("{} more", older.len());
    /// }
    /// # Ok(()) }
    /// ```
    pub fn pro_matches(&self) -> Request<'_, MatchListQuery, Vec<ProMatch>> {
        Request::new(
            self,
            vec!["proMatches".to_owned()],
            MatchListQuery::default(),
        )
    }

    /// Randomly sampled public matches, newest first, 100 a page; narrow by average rank with
    /// `.min_rank(..)` / `.max_rank(..)` (e.g. `54` for Legend 4).
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let divine = client.public_matches().min_rank(70).max_rank(75).await?;
    /// for m in divine.iter().take(3) {
    ///     println!("{} avg rank {:?}", m.match_id, m.avg_rank());
    /// }
    /// # Ok(()) }
    /// ```
    pub fn public_matches(&self) -> Request<'_, PublicMatchesQuery, Vec<PublicMatch>> {
        Request::new(
            self,
            vec!["publicMatches".to_owned()],
            PublicMatchesQuery::default(),
        )
    }

    /// Recently parsed matches (ids only), newest first, 100 a page.
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let ids: Vec<_> = client.parsed_matches().await?.into_iter().map(|m| m.match_id).collect();
    /// # Ok(()) }
    /// ```
    pub fn parsed_matches(&self) -> Request<'_, MatchListQuery, Vec<ParsedMatch>> {
        Request::new(
            self,
            vec!["parsedMatches".to_owned()],
            MatchListQuery::default(),
        )
    }

    /// Up to 10 recent public matches where the `team_a` heroes played together against the
    /// `team_b` heroes (up to 5 each; the server looks both ways round).
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// // Anti-Mage and Axe against Crystal Maiden
    /// let found = client.find_matches().team_a(1).team_a(2).team_b(5).await?;
    /// for m in &found {
    ///     println!("{}: radiant {:?} won {:?}", m.match_id, m.team_a, m.team_a_win);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn find_matches(&self) -> Request<'_, FindMatchesQuery, Vec<FoundMatch>> {
        Request::new(
            self,
            vec!["findMatches".to_owned()],
            FindMatchesQuery::default(),
        )
    }
}

/// One match; made by [`Client::matches`].
///
/// ```no_run
/// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
/// let game = client.matches(8_000_000_000_u64).get().await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct MatchHandler<'c> {
    client: &'c Client,
    match_id: MatchId,
}

impl MatchHandler<'_> {
    /// The match this handle is for.
    ///
    /// ```
    /// use opendota_sdk::{Client, MatchId};
    ///
    /// let client = Client::try_new()?;
    /// assert_eq!(client.matches(8_000_000_000_u64).match_id(), MatchId(8_000_000_000));
    /// # Ok::<(), opendota_sdk::Error>(())
    /// ```
    #[must_use]
    pub const fn match_id(&self) -> MatchId {
        self.match_id
    }

    /// The match with its players (`GET /matches/{match_id}`). Replay-derived fields are only
    /// filled when OpenDota parsed the replay ([`Match::is_parsed`]); ask for a parse with
    /// [`Client::parse_request`].
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let game = client.matches(8_000_000_000_u64).get().await?;
    /// for p in &game.players {
    ///     println!("{:?} won: {:?}, {}/{}/{}", p.hero_id, p.won(),
    ///         p.kills.unwrap_or(0), p.deaths.unwrap_or(0), p.assists.unwrap_or(0));
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::NotFound`](crate::Error::NotFound) when OpenDota does not know the match;
    /// otherwise see [`Error`](crate::Error).
    pub async fn get(self) -> Result<Match> {
        let id = self.match_id.to_string();
        let url = self.client.url(&["matches", &id]);
        self.client.execute(Call::get(url, String::new())).await
    }
}

impl<T> Request<'_, MatchListQuery, T> {
    /// Only matches older than this one (the last id of the previous page).
    ///
    /// ```
    /// let client = opendota_sdk::Client::try_new()?;
    /// let older = client.pro_matches().less_than_match_id(8_000_000_000_u64);
    /// assert_eq!(older.query_string(), "less_than_match_id=8000000000");
    /// # Ok::<(), opendota_sdk::Error>(())
    /// ```
    pub fn less_than_match_id(mut self, match_id: impl Into<MatchId>) -> Self {
        self.query.less_than_match_id = Some(match_id.into());
        self
    }
}

impl Request<'_, PublicMatchesQuery, Vec<PublicMatch>> {
    /// Only matches older than this one (the last id of the previous page).
    ///
    /// ```
    /// let client = opendota_sdk::Client::try_new()?;
    /// let older = client.public_matches().less_than_match_id(8_000_000_000_u64);
    /// assert_eq!(older.query_string(), "less_than_match_id=8000000000");
    /// # Ok::<(), opendota_sdk::Error>(())
    /// ```
    pub fn less_than_match_id(mut self, match_id: impl Into<MatchId>) -> Self {
        self.query.less_than_match_id = Some(match_id.into());
        self
    }

    /// Only matches whose average rank tier is at least this (the server caps it at 75).
    ///
    /// ```
    /// use opendota_sdk::RankTier;
    ///
    /// let client = opendota_sdk::Client::try_new()?;
    /// let divine = client.public_matches().min_rank(RankTier(71));
    /// assert_eq!(divine.query_string(), "min_rank=71");
    /// # Ok::<(), opendota_sdk::Error>(())
    /// ```
    pub fn min_rank(mut self, rank: impl Into<RankTier>) -> Self {
        self.query.min_rank = Some(rank.into());
        self
    }

    /// Only matches whose average rank tier is at most this (the server raises it to at least 15).
    ///
    /// ```
    /// let client = opendota_sdk::Client::try_new()?;
    /// let low = client.public_matches().max_rank(25);
    /// assert_eq!(low.query_string(), "max_rank=25");
    /// # Ok::<(), opendota_sdk::Error>(())
    /// ```
    pub fn max_rank(mut self, rank: impl Into<RankTier>) -> Self {
        self.query.max_rank = Some(rank.into());
        self
    }
}

impl Request<'_, FindMatchesQuery, Vec<FoundMatch>> {
    /// Adds a hero to the first team (repeat for more, up to 5).
    ///
    /// ```
    /// use opendota_sdk::HeroId;
    ///
    /// let client = opendota_sdk::Client::try_new()?;
    /// let duo = client.find_matches().team_a(HeroId(1)).team_a(2);
    /// assert_eq!(duo.query_string(), "teamA=1&teamA=2");
    /// # Ok::<(), opendota_sdk::Error>(())
    /// ```
    pub fn team_a(mut self, hero: impl Into<HeroId>) -> Self {
        self.query.team_a.push(hero.into());
        self
    }

    /// Adds a hero to the second team (repeat for more, up to 5).
    ///
    /// ```
    /// let client = opendota_sdk::Client::try_new()?;
    /// let versus = client.find_matches().team_a(1).team_b(5);
    /// assert_eq!(versus.query_string(), "teamA=1&teamB=5");
    /// # Ok::<(), opendota_sdk::Error>(())
    /// ```
    pub fn team_b(mut self, hero: impl Into<HeroId>) -> Self {
        self.query.team_b.push(hero.into());
        self
    }
}
