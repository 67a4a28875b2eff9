//! `constants` endpoints.
