//! Resource handles and request builders, one module per API resource; the models they return
//! live in the module of the same name under [`crate::models`].
//!
//! Naming, one rule throughout (octocrab's `client.issues(owner, repo)`):
//!
//! - A handle is named after the API's plural path segment and takes the id that path needs:
//!   [`Client::players`]`(account_id)`, [`Client::matches`]`(match_id)`,
//!   [`Client::heroes`]`(hero_id)`, [`Client::leagues`]`(league_id)`, [`Client::teams`]`(team_id)`;
//!   grouped endpoints without an id are handles too: [`Client::constants`],
//!   [`Client::scenarios`].
//! - A list of a whole resource is `all_<resource>()` ([`Client::all_heroes`],
//!   [`Client::all_leagues`], [`Client::all_teams`]) and, like every other root list, a lazy
//!   [`Request`].
//!
//! ```no_run
//! # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
//! let pudge = client.heroes(14).matchups().await?; // one hero
//! let heroes = client.all_heroes().await?; // every hero
//! # Ok(()) }
//! ```

use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::client::{Call, Client, encode_query};
use crate::error::Result;

pub mod constants;
pub mod explorer;
pub mod heroes;
pub mod leagues;
pub mod live;
pub mod matches;
pub mod metadata;
pub mod players;
pub mod pro_players;
pub mod records;
pub mod request;
pub mod scenarios;
pub mod search;
pub mod teams;

/// A call with optional parameters, built with setters and sent by `.await` (or
/// [`Request::send`]). Nothing is sent until then.
///
/// Every list at the client's root has this one shape, with or without setters:
/// [`Client::all_heroes`], [`Client::hero_stats`], [`Client::all_leagues`],
/// [`Client::all_teams`], [`Client::pro_players`], [`Client::top_players`],
/// [`Client::pro_matches`], [`Client::public_matches`], [`Client::parsed_matches`] and
/// [`Client::find_matches`], as do the filtered player aggregates (`client.players(id).wl()`, …).
///
/// ```no_run
/// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
/// let leagues = client.all_leagues().await?; // `.await` sends it
/// let teams = client.all_teams().page(1).send().await?; // so does `.send()`
/// # Ok(()) }
/// ```
///
/// `Q` is the query (it serializes to the query string), `T` the decoded answer.
#[must_use = "a request does nothing until it is awaited"]
pub struct Request<'c, Q, T> {
    client: &'c Client,
    segments: Vec<String>,
    pub(crate) query: Q,
    _answer: PhantomData<fn() -> T>,
}

impl<Q, T> std::fmt::Debug for Request<'_, Q, T>
where
    Q: std::fmt::Debug,
{
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Request")
            .field("path", &self.segments.join("/"))
            .field("query", &self.query)
            .finish_non_exhaustive()
    }
}

impl<'c, Q, T> Request<'c, Q, T>
where
    Q: Serialize,
    T: DeserializeOwned,
{
    pub(crate) fn new(client: &'c Client, segments: Vec<String>, query: Q) -> Self {
        Self {
            client,
            segments,
            query,
            _answer: PhantomData,
        }
    }

    /// The query string this request will send (nothing is sent to find out).
    ///
    /// ```
    /// let client = opendota_sdk::Client::try_new()?;
    /// let request = client.players(86745912).wl().limit(20).significant(false);
    /// assert_eq!(request.query_string(), "limit=20&significant=0");
    /// # Ok::<(), opendota_sdk::Error>(())
    /// ```
    #[must_use]
    pub fn query_string(&self) -> String {
        encode_query(&self.query).unwrap_or_default()
    }

    /// Sends the request; the same as `.await`ing it.
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let wl = client.players(86745912).wl().limit(20).send().await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// See [`crate::Error`].
    pub async fn send(self) -> Result<T> {
        let segments: Vec<&str> = self.segments.iter().map(String::as_str).collect();
        let url = self.client.url(&segments);
        let query = encode_query(&self.query)?;
        self.client.execute(Call::get(url, query)).await
    }
}

impl<'c, Q, T> IntoFuture for Request<'c, Q, T>
where
    Q: Serialize + Send + 'c,
    T: DeserializeOwned + Send + 'c,
{
    type Output = Result<T>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<T>> + Send + 'c>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

/// A query with no parameters.
///
/// ```
/// let client = opendota_sdk::Client::try_new()?;
/// assert_eq!(client.all_heroes().query_string(), "");
/// # Ok::<(), opendota_sdk::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct NoQuery {}
