//! `GET /explorer`: read-only SQL over OpenDota's database.

use serde::{Deserialize, Serialize};

use crate::client::{Call, Client, encode_query};
use crate::error::{Error, Result};
use crate::models::explorer::ExplorerResult;

#[derive(Serialize)]
struct ExplorerQuery<'a> {
    sql: &'a str,
}

impl Client {
    /// Runs a read-only SQL query on OpenDota's PostgreSQL database (`GET /explorer?sql=…`);
    /// see [`Client::schema`] for the tables. The server stops queries after about 15 seconds.
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// #[derive(serde::Deserialize)]
    /// struct Row {
    ///     leagueid: u32,
    ///     name: Option<String>,
    /// }
    ///
    /// let result = client
    ///     .explorer("SELECT leagueid, name FROM leagues WHERE tier = 'premium' LIMIT 5")
    ///     .await?;
    /// let rows: Vec<Row> = result.rows_as().map_err(|e| opendota_sdk::Error::InvalidInput(e.to_string()))?;
    /// for row in rows {
    ///     println!("{} {:?}", row.leagueid, row.name);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] for empty SQL (nothing is sent). A query the database rejects is
    /// [`Error::Api`] with status 400, the database's message in `message` and the server's
    /// body (`{…, "err": "error: …"}`) in `body`. Otherwise see [`Error`].
    pub async fn explorer(&self, sql: impl Into<String>) -> Result<ExplorerResult> {
        let sql: String = sql.into();
        if sql.trim().is_empty() {
            return Err(Error::InvalidInput("the SQL query is empty".to_owned()));
        }
        let query = encode_query(&ExplorerQuery { sql: &sql })?;
        match self
            .execute(Call::get(self.url(&["explorer"]), query))
            .await
        {
            Err(Error::Api {
                status,
                message: None,
                body,
            }) => Err(Error::Api {
                status,
                message: sql_error(&body),
                body,
            }),
            other => other,
        }
    }
}

/// The database's message in an explorer error body (`{"command": null, …, "err": "error: …"}`).
fn sql_error(body: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct ErrorBody {
        err: Option<String>,
    }
    serde_json::from_str::<ErrorBody>(body).ok()?.err
}
