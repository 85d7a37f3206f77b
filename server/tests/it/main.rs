//! The integration suite: the real `agora` binary, driven over HTTP, on SQLite or
//! PostgreSQL (`AGORA_TEST_DATABASE=postgres`). One binary, one module per area.
// Test code fails loudly by design: an unexpected state is a failed test.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod accounts;
mod bad_input;
mod deploy;
mod harness;
mod isolation;
mod pages;
mod queue;
mod restart;
mod review;
