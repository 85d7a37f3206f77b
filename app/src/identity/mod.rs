//! Identity: accounts, sessions, logging in and out.
pub mod api;
pub mod pages;
pub mod types;
