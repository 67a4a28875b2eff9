//! Typed Messenger Platform SDK: webhook verification, every event type and the Send API (work in progress, see issue 4).
