#![doc = include_str!("../README.md")]
#![warn(missing_docs)]

pub mod api;
#[cfg(feature = "axum")]
pub mod axum;
mod client;
mod error;
mod ids;
pub mod limits;
pub mod models;
mod retry;
pub mod webhook;

pub use client::{
    Client, ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_GRAPH_URL, DEFAULT_GRAPH_VERSION,
    DEFAULT_TIMEOUT, DEFAULT_USER_AGENT,
};
pub use error::{Error, GraphError, GraphErrorKind, Result};
pub use ids::{PageId, Psid};
#[doc(inline)]
pub use models::send;
pub use retry::RetryConfig;
