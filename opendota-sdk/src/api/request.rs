//! `request` endpoints.
