//! Catalog: apps, versions, plans, categories; Markdown and manifest rules; the review rules.

pub mod manifest;
pub mod markdown;
pub mod repo;
pub mod review;
pub mod service;
