//! Catalog: the store, and the vendor's apps, versions and plans.
pub mod api;
pub mod pages;
pub mod types;
