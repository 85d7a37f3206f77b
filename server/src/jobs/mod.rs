//! Durable background jobs: the queue in the database and the workers that drain it.

pub mod queue;
pub mod worker;
