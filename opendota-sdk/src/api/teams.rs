//! `teams` endpoints: `/teams` and `/teams/{team_id}/…`.

use serde::Serialize;

use crate::api::Request;
use crate::client::{Call, Client};
use crate::de::OneOrMany;
use crate::error::{Error, Result};
use crate::ids::TeamId;
use crate::models::teams::{Team, TeamHero, TeamMatch, TeamPlayer};

/// The query of [`Client::all_teams`].
///
/// ```
/// let client = opendota_sdk::Client::try_new()?;
/// assert_eq!(client.all_teams().page(1).query_string(), "page=1");
/// # Ok::<(), opendota_sdk::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TeamsQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<u32>,
}

impl Client {
    /// Teams by rating, best first, 1000 a page (`GET /teams`); unrated teams come last.
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let top = client.all_teams().await?;
    /// let next = client.all_teams().page(1).await?;
    /// println!("{} + {} teams", top.len(), next.len());
    /// # Ok(()) }
    /// ```
    pub fn all_teams(&self) -> Request<'_, TeamsQuery, Vec<Team>> {
        Request::new(self, vec!["teams".to_owned()], TeamsQuery::default())
    }

    /// A team's endpoints.
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let team = client.teams(2163).get().await?;
    /// println!("{} rated {:?}", team.name.as_deref().unwrap_or("?"), team.rating);
    /// # Ok(()) }
    /// ```
    pub fn teams(&self, id: impl Into<TeamId>) -> TeamHandler<'_> {
        TeamHandler {
            client: self,
            id: id.into(),
        }
    }
}

impl Request<'_, TeamsQuery, Vec<Team>> {
    /// The page, from `0` (the default); each page holds up to 1000 teams.
    ///
    /// ```
    /// let client = opendota_sdk::Client::try_new()?;
    /// assert_eq!(client.all_teams().page(2).query_string(), "page=2");
    /// # Ok::<(), opendota_sdk::Error>(())
    /// ```
    pub fn page(mut self, page: u32) -> Self {
        self.query.page = Some(page);
        self
    }
}

/// The endpoints of one team, from [`Client::teams`].
///
/// ```no_run
/// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
/// let team = client.teams(2163_u64);
/// let (info, roster) = (team.get().await?, team.players().await?);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct TeamHandler<'c> {
    client: &'c Client,
    id: TeamId,
}

impl TeamHandler<'_> {
    /// The team this handle is for.
    ///
    /// ```
    /// use opendota_sdk::{Client, TeamId};
    ///
    /// let client = Client::try_new()?;
    /// assert_eq!(client.teams(2163_u64).id(), TeamId(2163));
    /// # Ok::<(), opendota_sdk::Error>(())
    /// ```
    #[must_use]
    pub fn id(&self) -> TeamId {
        self.id
    }

    fn call(&self, tail: Option<&str>) -> Call {
        let id = self.id.to_string();
        let mut segments = vec!["teams", id.as_str()];
        segments.extend(tail);
        Call::get(self.client.url(&segments), String::new())
    }

    /// The team with its rating (`GET /teams/{team_id}`).
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// use opendota_sdk::Error;
    ///
    /// match client.teams(2163).get().await {
    ///     Ok(team) => println!("{:?}: {:?}-{:?}", team.name, team.wins, team.losses),
    ///     Err(Error::NotFound { .. }) => println!("no such team"),
    ///     Err(e) => return Err(e),
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::NotFound`] for an unknown team (the server answers `200` with an empty body);
    /// otherwise see [`Error`].
    pub async fn get(self) -> Result<Team> {
        let call = self.call(None);
        let path = call.url.path().to_owned();
        let teams: OneOrMany<Team> = self.client.execute(call).await?;
        teams.0.into_iter().next().ok_or(Error::NotFound { path })
    }

    /// The team's matches, newest first (`GET /teams/{team_id}/matches`).
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// for m in client.teams(2163).matches().await?.iter().take(5) {
    ///     println!("{} vs {:?}: won {:?}", m.match_id, m.opposing_team_name, m.won());
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// See [`Error`]; an unknown team has no matches.
    pub async fn matches(self) -> Result<Vec<TeamMatch>> {
        let rows: OneOrMany<TeamMatch> = self.client.execute(self.call(Some("matches"))).await?;
        Ok(rows.0)
    }

    /// Everyone who played for the team, most games first (`GET /teams/{team_id}/players`).
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let roster: Vec<_> = client
    ///     .teams(2163)
    ///     .players()
    ///     .await?
    ///     .into_iter()
    ///     .filter(|p| p.is_current_team_member == Some(true))
    ///     .collect();
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// See [`Error`]; an unknown team has no players.
    pub async fn players(self) -> Result<Vec<TeamPlayer>> {
        let rows: OneOrMany<TeamPlayer> = self.client.execute(self.call(Some("players"))).await?;
        Ok(rows.0)
    }

    /// The heroes the team played, most games first (`GET /teams/{team_id}/heroes`).
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// for h in client.teams(2163).heroes().await?.iter().take(5) {
    ///     println!("{:?}: {:?}/{:?}", h.localized_name, h.wins, h.games_played);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// See [`Error`]; an unknown team has no heroes.
    pub async fn heroes(self) -> Result<Vec<TeamHero>> {
        let rows: OneOrMany<TeamHero> = self.client.execute(self.call(Some("heroes"))).await?;
        Ok(rows.0)
    }
}
