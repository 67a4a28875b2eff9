//! `live` endpoints.
