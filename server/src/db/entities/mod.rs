//! sea-orm entities, one module per table (see the `migration` crate for the schema).
#![allow(missing_docs)]

pub mod users;
pub mod tenants;
pub mod memberships;
pub mod sessions;
pub mod invites;
pub mod auth_throttle;
pub mod categories;
pub mod apps;
pub mod app_versions;
pub mod plans;
pub mod subscriptions;
pub mod invoices;
pub mod deployments;
pub mod jobs;
pub mod audit_events;
