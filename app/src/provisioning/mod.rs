//! Provisioning: deployments of subscribed apps and what tenants do with them.
pub mod api;
pub mod pages;
pub mod types;
