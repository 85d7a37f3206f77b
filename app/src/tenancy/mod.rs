//! Tenancy: organisations, members, invitations.
pub mod api;
pub mod pages;
pub mod types;
