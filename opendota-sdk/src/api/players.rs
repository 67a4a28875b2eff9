//! `players` endpoints.
