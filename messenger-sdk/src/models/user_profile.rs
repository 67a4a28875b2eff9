//! Models of the `user_profile` calls.
