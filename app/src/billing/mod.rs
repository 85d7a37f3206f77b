//! Billing: checkout, subscriptions, invoices.
pub mod api;
pub mod pages;
pub mod types;
