//! Models of the `metadata` endpoints.
