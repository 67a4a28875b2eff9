//! `heroes` endpoints.
