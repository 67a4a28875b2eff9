//! Models of `GET /explorer` (read-only SQL over OpenDota's database).

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The result of an [`explorer`](crate::Client::explorer) query: the PostgreSQL driver's result
/// object, as the server passes it on.
///
/// Columns are whatever the query selected, so [`rows`](Self::rows) are JSON objects; turn them
/// into your own type with [`rows_as`](Self::rows_as). Mind the driver's conversions: `bigint`
/// (`count(*)`) arrives as a number, but `numeric`/`decimal` (`sum(…)`, `avg(…)`) arrives as a
/// **string** (`"0.5123"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ExplorerResult {
    /// The SQL command, e.g. `SELECT`.
    #[serde(default, with = "crate::de::lenient")]
    pub command: Option<String>,
    /// Number of rows.
    #[serde(rename = "rowCount", default, with = "crate::de::lenient")]
    pub row_count: Option<u64>,
    /// The rows, one JSON object per row, keyed by column name.
    #[serde(default)]
    pub rows: Vec<Map<String, Value>>,
    /// The columns, in `SELECT` order.
    #[serde(default, with = "crate::de::lenient")]
    pub fields: Vec<ExplorerField>,
    /// The database error, when the query failed (a failed query is a 400, reported as
    /// [`Error::Api`](crate::Error::Api), so on a returned result this is normally `None`).
    #[serde(default, with = "crate::de::lenient")]
    pub err: Option<String>,
}

impl ExplorerResult {
    /// Decodes every row into `T` (a struct whose fields are named like the columns).
    ///
    /// ```
    /// # fn demo(result: opendota_sdk::models::explorer::ExplorerResult) -> Result<(), serde_json::Error> {
    /// #[derive(serde::Deserialize)]
    /// struct Row {
    ///     hero_id: u16,
    ///     games: u64,
    ///     winrate: String, // a `numeric` column: sent as a string
    /// }
    /// let rows: Vec<Row> = result.rows_as()?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// The first row that does not fit `T`.
    pub fn rows_as<T>(&self) -> Result<Vec<T>, serde_json::Error>
    where
        T: DeserializeOwned,
    {
        self.rows.iter().map(T::deserialize).collect()
    }

    /// The column names, in `SELECT` order.
    ///
    /// ```
    /// use opendota_sdk::models::explorer::ExplorerResult;
    ///
    /// let result: ExplorerResult = serde_json::from_str(
    ///     r#"{"rows": [], "fields": [{"name": "match_id"}, {"name": "duration"}]}"#,
    /// )?;
    /// assert_eq!(result.column_names(), ["match_id", "duration"]);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn column_names(&self) -> Vec<&str> {
        self.fields.iter().map(|f| f.name.as_str()).collect()
    }
}

/// A column of an [`ExplorerResult`] (the driver's field description).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ExplorerField {
    /// Column name (or alias).
    pub name: String,
    /// OID of the source table (`0` for computed columns).
    #[serde(rename = "tableID", default, with = "crate::de::lenient")]
    pub table_id: Option<u32>,
    /// Position in the source table (`0` for computed columns).
    #[serde(rename = "columnID", default, with = "crate::de::lenient")]
    pub column_id: Option<u32>,
    /// OID of the PostgreSQL type: `23` int4, `20` int8, `701` float8, `1700` numeric (sent as
    /// strings), `25` text, `16` bool.
    #[serde(rename = "dataTypeID", default, with = "crate::de::lenient")]
    pub data_type_id: Option<u32>,
    /// Size of the type in bytes (`-1` for variable-length types).
    #[serde(rename = "dataTypeSize", default, with = "crate::de::lenient")]
    pub data_type_size: Option<i32>,
    /// Type modifier (`-1` for none).
    #[serde(rename = "dataTypeModifier", default, with = "crate::de::lenient")]
    pub data_type_modifier: Option<i32>,
    /// Wire format, `text`.
    #[serde(default, with = "crate::de::lenient")]
    pub format: Option<String>,
}

crate::de::lenient_via_deserialize!(ExplorerField);
