//! `GET /live`: the top games being played now.

use crate::client::{Call, Client};
use crate::error::Result;
use crate::models::live::LiveMatch;

impl Client {
    /// The top live games (up to 100; tournament games and high-rated matchmaking), as last
    /// fetched from Steam by OpenDota (`GET /live`). Entries that expired on the server side
    /// (sent as `null`) are dropped.
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// for game in client.live().await? {
    ///     println!(
    ///         "{:?} vs {:?}: {:?}-{:?}",
    ///         game.team_name_radiant, game.team_name_dire, game.radiant_score, game.dire_score
    ///     );
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// See [`crate::Error`].
    pub async fn live(&self) -> Result<Vec<LiveMatch>> {
        let url = self.url(&["live"]);
        let games: Option<Vec<Option<LiveMatch>>> =
            self.execute(Call::get(url, String::new())).await?;
        Ok(games.unwrap_or_default().into_iter().flatten().collect())
    }
}
