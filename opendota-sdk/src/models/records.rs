//! Models of the `records` endpoints.
