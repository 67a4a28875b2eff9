//! `teams` endpoints.
