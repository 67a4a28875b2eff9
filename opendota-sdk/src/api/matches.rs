//! `matches` endpoints.
