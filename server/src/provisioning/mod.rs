//! Provisioning: deployments, the reconcile job that drives them, and the runtimes they run on.

pub mod events;
pub mod lifecycle;
pub mod reconcile;
pub mod repo;
pub mod runtime;
pub mod service;
