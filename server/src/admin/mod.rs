//! Admin: the operator's review queue and app moderation.

pub mod service;
