//! `attachments` calls.
