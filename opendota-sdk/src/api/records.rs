//! `GET /records/{field}`: the top performances in a stat.

use crate::client::{Call, Client};
use crate::error::{Error, Result};
use crate::models::records::Record;

impl Client {
    /// The top 100 performances in `field`, best first (`GET /records/{field}`). Fields are
    /// match and player stats such as `duration`, `kills`, `deaths`, `assists`, `gold_per_min`,
    /// `xp_per_min`, `last_hits`, `denies`, `hero_damage`, `tower_damage`, `hero_healing`.
    /// An unknown field answers an empty list.
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// for record in client.records("kills").await?.iter().take(3) {
    ///     println!("{:?} kills in match {:?}", record.score, record.match_id);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] for an empty field; otherwise see [`Error`].
    pub async fn records<F>(&self, field: F) -> Result<Vec<Record>>
    where
        F: Into<String>,
    {
        let field = field.into();
        let field = field.trim();
        if field.is_empty() {
            return Err(Error::InvalidInput("the records field is empty".to_owned()));
        }
        let url = self.url(&["records", field]);
        let records: Option<Vec<Record>> = self.execute(Call::get(url, String::new())).await?;
        Ok(records.unwrap_or_default())
    }
}
