//! Store pages (home, category, search, app) and the vendor's pages.

mod app_page;
mod store;
mod vendor;

pub use app_page::AppPage;
pub use store::{CategoryPage, SearchPage, StoreHomePage};
pub use vendor::{NewAppPage, VendorAppPage, VendorHomePage};
