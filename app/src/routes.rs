//! Member pages as lazily loaded routes.
//!
//! A visitor needs only the store, sign-up and log-in. The pages of members, vendors and
//! operators are compiled into separate WASM chunks that the router loads the first time they
//! are visited. Build with `cargo leptos build --split` (always: an unsplit build's loader
//! imports a placeholder only the splitting step resolves).

use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

macro_rules! lazy_page {
    ($(#[$doc:meta])* $route:ident => $page:path) => {
        $(#[$doc])*
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            fn view(this: Self) -> AnyView {
                let _ = this;
                view! { <$page/> }.into_any()
            }
        }
    };
}

lazy_page!(
    /// The tenant's deployments.
    DashboardRoute => crate::provisioning::pages::DashboardPage
);
lazy_page!(
    /// One deployment.
    DeploymentRoute => crate::provisioning::pages::DeploymentPage
);
lazy_page!(
    /// Subscriptions and invoices.
    BillingRoute => crate::billing::pages::BillingPage
);
lazy_page!(
    /// Members and invitations.
    TeamRoute => crate::tenancy::pages::TeamPage
);
lazy_page!(
    /// Accepting an invitation.
    InviteRoute => crate::tenancy::pages::InvitePage
);
lazy_page!(
    /// The vendor's apps.
    VendorHomeRoute => crate::catalog::pages::VendorHomePage
);
lazy_page!(
    /// A new app.
    NewAppRoute => crate::catalog::pages::NewAppPage
);
lazy_page!(
    /// One of the vendor's apps.
    VendorAppRoute => crate::catalog::pages::VendorAppPage
);
lazy_page!(
    /// The operator console.
    AdminRoute => crate::admin::pages::AdminPage
);
