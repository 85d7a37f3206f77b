//! The Agora server: configuration, database, domain services, job workers, runtimes
//! and the HTTP edge. `main.rs` only parses the command line and calls [`cli::run`].

pub mod admin;
pub mod audit;
pub mod billing;
pub mod catalog;
pub mod cli;
pub mod clock;
pub mod config;
pub mod db;
pub mod demo;
pub mod error;
pub mod http;
pub mod identity;
pub mod jobs;
pub mod platform;
pub mod provisioning;
pub mod serve;
pub mod state;
pub mod telemetry;
pub mod tenancy;

/// mimalloc instead of the system allocator: glibc kept every Argon2 buffer (19 MiB per
/// password hash) resident, so memory grew with each login; mimalloc returns such
/// large blocks to the operating system.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
