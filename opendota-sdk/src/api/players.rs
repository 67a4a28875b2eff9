//! `/players/{account_id}/…`: a player's profile, history and aggregates.

use std::num::NonZeroU32;

use serde::de::IgnoredAny;

use crate::api::Request;
use crate::client::{Call, Client};
use crate::error::Result;
use crate::filters::PlayerFilters;
use crate::ids::AccountId;
use crate::models::players::{
    Counts, HeroRanking, HistogramBucket, Peer, Player, PlayerHero, PlayerMatch, PlayerPro, Rating,
    RecentMatch, Total, WardMap, WinLoss, WordCloud,
};

impl Client {
    /// The endpoints of one player account.
    ///
    /// Only [`PlayerHandler::get`] tells an unknown account apart: every other endpoint answers an
    /// unknown or private account with empty data (zero wins, no matches). An empty list is
    /// therefore "no matches" *or* "private": [`Player::match_data_hidden`](crate::models::players::Player::match_data_hidden) on the answer of
    /// `get` says which.
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let player = client.players(86745912);
    /// let wl = player.wl().limit(20).await?;
    /// println!("last 20: {}W {}L", wl.win, wl.lose);
    /// # Ok(()) }
    /// ```
    pub fn players(&self, account_id: impl Into<AccountId>) -> PlayerHandler<'_> {
        PlayerHandler {
            client: self,
            account_id: account_id.into(),
        }
    }
}

/// The endpoints of one player account; made by [`Client::players`].
///
/// The aggregate endpoints (`wl`, `matches`, `heroes`, `peers`, `pros`, `totals`, `counts`,
/// `histograms`, `wardmap`, `wordcloud`) return a [`Request`] that takes every
/// [`PlayerFilters`] setter. Mind that the server leaves out turbo and other "insignificant"
/// matches unless you set `.significant(false)`.
///
/// ```no_run
/// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
/// let player = client.players(86745912);
/// let profile = player.get().await?;
/// let turbo_too = player.wl().significant(false).await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct PlayerHandler<'c> {
    client: &'c Client,
    account_id: AccountId,
}

impl<'c> PlayerHandler<'c> {
    /// The account this handle is for.
    ///
    /// ```
    /// use opendota_sdk::{AccountId, Client};
    ///
    /// let client = Client::try_new()?;
    /// assert_eq!(client.players(86745912).account_id(), AccountId(86745912));
    /// # Ok::<(), opendota_sdk::Error>(())
    /// ```
    #[must_use]
    pub const fn account_id(&self) -> AccountId {
        self.account_id
    }

    fn segments(&self, tail: &[&str]) -> Vec<String> {
        let mut segments = vec!["players".to_owned(), self.account_id.to_string()];
        segments.extend(tail.iter().map(|s| (*s).to_owned()));
        segments
    }

    fn filtered<T>(&self, tail: &[&str]) -> Request<'c, PlayerFilters, T>
    where
        T: serde::de::DeserializeOwned,
    {
        Request::new(self.client, self.segments(tail), PlayerFilters::default())
    }

    async fn get_plain<T>(&self, tail: &[&str]) -> Result<T>
    where
        T: serde::de::DeserializeOwned,
    {
        let id = self.account_id.to_string();
        let mut segments = vec!["players", id.as_str()];
        segments.extend_from_slice(tail);
        self.client
            .execute(Call::get(self.client.url(&segments), String::new()))
            .await
    }

    /// The player's profile, medal and rating estimates (`GET /players/{account_id}`).
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// use opendota_sdk::Error;
    ///
    /// match client.players(86745912).get().await {
    ///     Ok(player) => println!(
    ///         "{} {:?}",
    ///         player.display_name().unwrap_or("?"),
    ///         player.rank_tier.map(|t| t.describe(player.leaderboard_rank))
    ///     ),
    ///     Err(Error::NotFound { .. }) => println!("OpenDota does not know this account"),
    ///     Err(e) => return Err(e),
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::NotFound`](crate::Error::NotFound) when OpenDota does not know the account
    /// (it never played with public match data and never logged in); otherwise see
    /// [`Error`](crate::Error).
    pub async fn get(self) -> Result<Player> {
        self.get_plain(&[]).await
    }

    /// Wins and losses (`GET /players/{account_id}/wl`).
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let wl = client.players(86745912).wl().limit(20).significant(false).await?;
    /// println!("{} games, win rate {:?}", wl.games(), wl.win_rate());
    /// # Ok(()) }
    /// ```
    pub fn wl(&self) -> Request<'c, PlayerFilters, WinLoss> {
        self.filtered(&["wl"])
    }

    /// The last 20 matches, turbo included (`GET /players/{account_id}/recentMatches`).
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// for m in client.players(86745912).recent_matches().await? {
    ///     println!("{} won: {:?}", m.match_id, m.won());
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// See [`Error`](crate::Error).
    pub async fn recent_matches(self) -> Result<Vec<RecentMatch>> {
        self.get_plain(&["recentMatches"]).await
    }

    /// The match history, newest first (`GET /players/{account_id}/matches`).
    ///
    /// Without `.limit(n)` the server sends the whole history, which can be megabytes. Add
    /// columns with `.project("gold_per_min")`.
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let best = client.players(86745912).matches().sort("kills").limit(5).await?;
    /// for m in best {
    ///     println!("{} kills in {}", m.kills.unwrap_or(0), m.match_id);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn matches(&self) -> Request<'c, PlayerFilters, Vec<PlayerMatch>> {
        self.filtered(&["matches"])
    }

    /// The record per hero, most played first; every hero is listed (`GET
    /// /players/{account_id}/heroes`). `.having(n)` keeps heroes with at least `n` games.
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// for h in client.players(86745912).heroes().having(10).await?.iter().take(3) {
    ///     println!("hero {}: {:?}", h.hero_id, h.win_rate());
    /// }
    /// # Ok(()) }
    /// ```
    pub fn heroes(&self) -> Request<'c, PlayerFilters, Vec<PlayerHero>> {
        self.filtered(&["heroes"])
    }

    /// Players seen in this account's matches (`GET /players/{account_id}/peers`).
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let peers = client.players(86745912).peers().date(90).await?;
    /// # Ok(()) }
    /// ```
    pub fn peers(&self) -> Request<'c, PlayerFilters, Vec<Peer>> {
        self.filtered(&["peers"])
    }

    /// Professional players seen in this account's matches (`GET /players/{account_id}/pros`).
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let pros = client.players(86745912).pros().await?;
    /// # Ok(()) }
    /// ```
    pub fn pros(&self) -> Request<'c, PlayerFilters, Vec<PlayerPro>> {
        self.filtered(&["pros"])
    }

    /// Sums of the main stats (kills, GPM, …) over the matches (`GET
    /// /players/{account_id}/totals`).
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let totals = client.players(86745912).totals().limit(20).await?;
    /// let kills = totals.iter().find(|t| t.field == "kills").and_then(|t| t.average());
    /// # Ok(()) }
    /// ```
    pub fn totals(&self) -> Request<'c, PlayerFilters, Vec<Total>> {
        self.filtered(&["totals"])
    }

    /// Games and wins by game mode, lobby type, region, patch, … (`GET
    /// /players/{account_id}/counts`).
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let counts = client.players(86745912).counts().await?;
    /// let all_pick = counts.game_mode.get("22").and_then(|row| row.win_rate());
    /// # Ok(()) }
    /// ```
    pub fn counts(&self) -> Request<'c, PlayerFilters, Counts> {
        self.filtered(&["counts"])
    }

    /// The distribution of one stat over the matches (`GET
    /// /players/{account_id}/histograms/{field}`). `field` is one of the [`totals`](Self::totals)
    /// fields (`kills`, `gold_per_min`, `duration`, …); the server answers an unknown field with
    /// an empty list.
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let buckets = client.players(86745912).histograms("kills").limit(100).await?;
    /// # Ok(()) }
    /// ```
    pub fn histograms(
        &self,
        field: impl Into<String>,
    ) -> Request<'c, PlayerFilters, Vec<HistogramBucket>> {
        let field: String = field.into();
        self.filtered(&["histograms", &field])
    }

    /// Where the player placed observer and sentry wards (`GET /players/{account_id}/wardmap`).
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let wards = client.players(86745912).wardmap().date(30).await?;
    /// # Ok(()) }
    /// ```
    pub fn wardmap(&self) -> Request<'c, PlayerFilters, WardMap> {
        self.filtered(&["wardmap"])
    }

    /// Words the player (and everyone) wrote in all-chat (`GET /players/{account_id}/wordcloud`).
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let words = client.players(86745912).wordcloud().await?;
    /// let gg = words.my_word_counts.get("gg").copied().unwrap_or(0);
    /// # Ok(()) }
    /// ```
    pub fn wordcloud(&self) -> Request<'c, PlayerFilters, WordCloud> {
        self.filtered(&["wordcloud"])
    }

    /// The rank history, oldest first (`GET /players/{account_id}/ratings`); empty for private
    /// accounts.
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// if let Some(last) = client.players(86745912).ratings().await?.last() {
    ///     println!("{:?} since {:?}", last.rank_tier, last.time);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// See [`Error`](crate::Error).
    pub async fn ratings(self) -> Result<Vec<Rating>> {
        self.get_plain(&["ratings"]).await
    }

    /// The player's standing per hero among all players (`GET /players/{account_id}/rankings`);
    /// empty for private accounts.
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// for r in client.players(86745912).rankings().await?.iter().take(3) {
    ///     println!("hero {}: top {:.1} %", r.hero_id, 100.0 * (1.0 - r.percent_rank.unwrap_or(0.0)));
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// See [`Error`](crate::Error).
    pub async fn rankings(self) -> Result<Vec<HeroRanking>> {
        self.get_plain(&["rankings"]).await
    }

    /// Asks OpenDota to refresh the player's match history, rank and name (`POST
    /// /players/{account_id}/refresh`). The work is queued; results show up later. Not retried.
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// client.players(86745912).refresh().await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// See [`Error`](crate::Error).
    pub async fn refresh(self) -> Result<()> {
        let id = self.account_id.to_string();
        let call = Call {
            method: reqwest::Method::POST,
            url: self.client.url(&["players", &id, "refresh"]),
            query: String::new(),
            cost: NonZeroU32::MIN,
            idempotent: false,
        };
        self.client.execute::<IgnoredAny>(call).await.map(|_| ())
    }
}
