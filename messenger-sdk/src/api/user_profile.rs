//! `user_profile` calls.
