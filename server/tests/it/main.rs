//! The integration suite: the real `agora` binary, driven over HTTP, on SQLite or
//! PostgreSQL (`AGORA_TEST_DATABASE=postgres`). One binary, one module per area.
#![allow(missing_docs)]

mod accounts;
mod bad_input;
mod deploy;
mod harness;
mod isolation;
mod pages;
mod queue;
mod restart;
mod review;
