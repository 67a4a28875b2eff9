//! `metadata` endpoints.
