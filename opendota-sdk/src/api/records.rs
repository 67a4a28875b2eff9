//! `records` endpoints.
