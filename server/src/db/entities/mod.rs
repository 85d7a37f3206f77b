//! sea-orm entities, one module per table (see the `migration` crate for the schema).
#![allow(missing_docs)]

pub mod app_versions;
pub mod apps;
pub mod audit_events;
pub mod auth_throttle;
pub mod categories;
pub mod deployments;
pub mod invites;
pub mod invoices;
pub mod jobs;
pub mod memberships;
pub mod plans;
pub mod sessions;
pub mod subscriptions;
pub mod tenants;
pub mod users;
