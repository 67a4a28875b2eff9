//! Models of the `scenarios` endpoints.
