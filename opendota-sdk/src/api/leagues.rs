//! `leagues` endpoints.
