//! `GET /search`: players by name.

use serde::Serialize;

use crate::client::{Call, Client, encode_query};
use crate::error::{Error, Result};
use crate::models::search::SearchResult;

#[derive(Serialize)]
struct SearchQuery<'a> {
    q: &'a str,
}

impl Client {
    /// Players whose Steam name resembles `query`, best match first (at most 50; names of fewer
    /// than 3 characters only find an exact account id). A number — a 32-bit account id or a
    /// SteamID64 (`76561198047011640`), which the server converts — first yields the exact
    /// account's row, without a score. See [`SearchResult`] for the two score fields.
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// for row in client.search("Miracle").await?.iter().take(5) {
    ///     println!("{} {}", row.account_id, row.personaname.as_deref().unwrap_or("?"));
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] for an empty query; otherwise see [`Error`].
    pub async fn search(&self, query: &str) -> Result<Vec<SearchResult>> {
        let q = query.trim();
        if q.is_empty() {
            return Err(Error::InvalidInput("the search query is empty".to_owned()));
        }
        let query = encode_query(&SearchQuery { q })?;
        self.execute(Call::get(self.url(&["search"]), query)).await
    }
}
