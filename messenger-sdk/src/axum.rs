//! The axum integration (feature `axum`).
