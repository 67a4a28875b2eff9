//! `/proPlayers` and `/topPlayers`.

use serde::Serialize;

use crate::api::{NoQuery, Request};
use crate::client::Client;
use crate::models::pro_players::ProPlayer;

/// Query of `/topPlayers`.
///
/// ```
/// let client = opendota_sdk::Client::try_new()?;
/// assert_eq!(client.top_players().turbo(true).query_string(), "turbo=1");
/// # Ok::<(), opendota_sdk::Error>(())
/// ```
#[derive(Debug, Clone, Default, Serialize)]
pub struct TopPlayersQuery {
    /// `Some(1)` or nothing: the server reads the parameter with JavaScript's `Boolean(..)`,
    /// so any value sent, `turbo=0` included, means turbo.
    #[serde(skip_serializing_if = "Option::is_none")]
    turbo: Option<u8>,
}

impl Client {
    /// Every verified professional player, about 1–2 thousand rows (`GET /proPlayers`). Most
    /// fields may be `None`: many pros never logged in to OpenDota.
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let pros = client.pro_players().await?;
    /// let og = pros.iter().filter(|p| p.team_tag.as_deref() == Some("OG")).count();
    /// println!("{og} players tagged OG");
    /// # Ok(()) }
    /// ```
    pub fn pro_players(&self) -> Request<'_, NoQuery, Vec<ProPlayer>> {
        Request::new(self, vec!["proPlayers".to_owned()], NoQuery {})
    }

    /// The 100 players with the highest rating estimate (`computed_mmr`), best first; turbo
    /// ratings with `.turbo(true)`.
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// for p in client.top_players().turbo(true).await?.iter().take(10) {
    ///     println!("{} {:?}", p.account_id, p.computed_mmr);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn top_players(&self) -> Request<'_, TopPlayersQuery, Vec<ProPlayer>> {
        Request::new(
            self,
            vec!["topPlayers".to_owned()],
            TopPlayersQuery::default(),
        )
    }
}

impl Request<'_, TopPlayersQuery, Vec<ProPlayer>> {
    /// `true` ranks by turbo ratings (sent as `turbo=1`); `false` by normal ones, which sends
    /// nothing: the server treats any `turbo` value, `turbo=0` included, as turbo.
    ///
    /// ```
    /// let client = opendota_sdk::Client::try_new()?;
    /// assert_eq!(client.top_players().turbo(true).query_string(), "turbo=1");
    /// assert_eq!(client.top_players().turbo(false).query_string(), "");
    /// # Ok::<(), opendota_sdk::Error>(())
    /// ```
    pub fn turbo(mut self, turbo: bool) -> Self {
        self.query.turbo = turbo.then_some(1);
        self
    }
}
