//! `batch` calls.
