//! `explorer` endpoints.
