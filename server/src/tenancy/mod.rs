//! Tenancy: organisations, memberships and invitations.

pub mod repo;
pub mod service;
