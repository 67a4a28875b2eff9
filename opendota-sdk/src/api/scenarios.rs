//! `scenarios` endpoints.
