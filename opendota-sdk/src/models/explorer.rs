//! Models of the `explorer` endpoints.
