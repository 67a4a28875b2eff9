//! Models of the `heroes` endpoints.
