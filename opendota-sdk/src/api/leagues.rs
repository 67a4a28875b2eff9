//! `leagues` endpoints: `/leagues` and `/leagues/{league_id}/…`.

use serde::{Deserialize, Deserializer};

use crate::api::{NoQuery, Request};
use crate::client::{Call, Client};
use crate::de::OneOrMany;
use crate::error::{Error, Result};
use crate::ids::{LeagueId, MatchId};
use crate::models::leagues::League;
use crate::models::matches::ProMatch;
use crate::models::teams::Team;

impl Client {
    /// Every league OpenDota knows, a few thousand rows (`GET /leagues`).
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let pro = client.all_leagues().await?.into_iter().filter(|l| l.is_pro()).count();
    /// println!("{pro} professional leagues");
    /// # Ok(()) }
    /// ```
    pub fn all_leagues(&self) -> Request<'_, NoQuery, Vec<League>> {
        Request::new(self, vec!["leagues".to_owned()], NoQuery {})
    }

    /// A league's endpoints.
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let league = client.leagues(15728).get().await?;
    /// println!("{}", league.name.as_deref().unwrap_or("?"));
    /// # Ok(()) }
    /// ```
    pub fn leagues(&self, id: impl Into<LeagueId>) -> LeagueHandler<'_> {
        LeagueHandler {
            client: self,
            id: id.into(),
        }
    }
}

/// The endpoints of one league, from [`Client::leagues`].
///
/// ```no_run
/// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
/// let ti = client.leagues(15728);
/// let (league, teams) = (ti.get().await?, ti.teams().await?);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct LeagueHandler<'c> {
    client: &'c Client,
    id: LeagueId,
}

impl LeagueHandler<'_> {
    /// The league this handle is for.
    ///
    /// ```
    /// use opendota_sdk::{Client, LeagueId};
    ///
    /// let client = Client::try_new()?;
    /// assert_eq!(client.leagues(15728_u32).id(), LeagueId(15728));
    /// # Ok::<(), opendota_sdk::Error>(())
    /// ```
    #[must_use]
    pub fn id(&self) -> LeagueId {
        self.id
    }

    fn call(&self, tail: Option<&str>) -> Call {
        let id = self.id.to_string();
        let mut segments = vec!["leagues", id.as_str()];
        segments.extend(tail);
        Call::get(self.client.url(&segments), String::new())
    }

    /// The league (`GET /leagues/{league_id}`).
    ///
    /// The server answers a single object (the spec says a one-element array; both are read).
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// use opendota_sdk::Error;
    ///
    /// match client.leagues(15728).get().await {
    ///     Ok(league) => println!("{:?} ({:?})", league.name, league.tier),
    ///     Err(Error::NotFound { .. }) => println!("no such league"),
    ///     Err(e) => return Err(e),
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::NotFound`] for an unknown league (the server answers `200` with an empty body);
    /// otherwise see [`Error`].
    pub async fn get(self) -> Result<League> {
        let call = self.call(None);
        let path = call.url.path().to_owned();
        let leagues: OneOrMany<League> = self.client.execute(call).await?;
        leagues.0.into_iter().next().ok_or(Error::NotFound { path })
    }

    /// The league's matches, newest first (`GET /leagues/{league_id}/matches`; professional and
    /// premium leagues only).
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// for m in client.leagues(15728).matches().await?.iter().take(5) {
    ///     println!("{} radiant won: {:?}", m.match_id, m.radiant_win);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// See [`Error`]; an unknown league has no matches.
    pub async fn matches(self) -> Result<Vec<ProMatch>> {
        let matches: OneOrMany<ProMatch> = self.client.execute(self.call(Some("matches"))).await?;
        Ok(matches.0)
    }

    /// The ids of every match of the league, amateur leagues included, newest first
    /// (`GET /leagues/{league_id}/matchIds`).
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let ids = client.leagues(15728).match_ids().await?;
    /// println!("{} matches", ids.len());
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// See [`Error`]; an unknown league has no matches.
    pub async fn match_ids(self) -> Result<Vec<MatchId>> {
        let ids: Option<Vec<MatchId>> = self.client.execute(self.call(Some("matchIds"))).await?;
        Ok(ids.unwrap_or_default())
    }

    /// The teams that played in the league (`GET /leagues/{league_id}/teams`).
    ///
    /// Rows the server sends for teams it has no record of (every field `null`, no `team_id`)
    /// are left out.
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// for team in client.leagues(15728).teams().await? {
    ///     println!("{} {}", team.team_id, team.name.as_deref().unwrap_or("?"));
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// See [`Error`]; an unknown league has no teams.
    pub async fn teams(self) -> Result<Vec<Team>> {
        let rows: OneOrMany<KnownTeam> = self.client.execute(self.call(Some("teams"))).await?;
        Ok(rows.0.into_iter().filter_map(|row| row.0).collect())
    }
}

/// A `/leagues/{id}/teams` row: the server's `LEFT JOIN` yields rows with `team_id: null` for
/// teams missing from its `teams` table. Those become `None`; the list is short, so buffering a
/// row as a `Value` first costs nothing worth noticing.
struct KnownTeam(Option<Team>);

impl<'de> Deserialize<'de> for KnownTeam {
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: Deserializer<'de>,
    {
        let value = serde_json::Value::deserialize(deserializer)?;
        if value.get("team_id").is_none_or(serde_json::Value::is_null) {
            return Ok(Self(None));
        }
        Team::deserialize(value)
            .map(|team| Self(Some(team)))
            .map_err(serde::de::Error::custom)
    }
}
