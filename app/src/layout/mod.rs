//! The page frame: top bar with search, navigation for the viewer's roles, footer.

use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::use_location;

use crate::identity::api::{LogOut, SwitchTenant, current_viewer};
use crate::identity::types::Viewer;

/// The viewer of the current page, shared by the frame and the pages.
#[derive(Clone, Copy)]
pub struct ViewerResource(pub Resource<Option<Viewer>>);

/// Loads the viewer once per navigation and provides it to every page.
pub fn provide_viewer() -> ViewerResource {
    let location = use_location();
    let resource = Resource::new(
        move || location.pathname.get(),
        |_| async move { current_viewer().await.ok().flatten() },
    );
    let viewer = ViewerResource(resource);
    provide_context(viewer);
    viewer
}

/// The frame around every page.
#[component]
pub fn Frame(children: Children) -> impl IntoView {
    let viewer = provide_viewer();
    let query = leptos_router::hooks::use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    view! {
        <a class="skip" href="#main" target="_self">"Skip to content"</a>
        <header class="topbar">
            <div class="topbar-inner">
                <a class="brand" href="/">
                    <span class="brand-mark" aria-hidden="true">"A"</span>
                    <span>"Agora"</span>
                </a>
                <Form action="/search" attr:class="search" attr:role="search">
                    <label class="sr-only" for="site-search">"Search apps"</label>
                    <input id="site-search" name="q" type="search" placeholder="Search apps" value=q/>
                </Form>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        let v = viewer.0.await;
                        view! { <Nav viewer=v/> }
                    })}
                </Suspense>
            </div>
        </header>
        <main id="main" class="page" tabindex="-1">{children()}</main>
        <footer class="footer">
            <p>"Agora — the app marketplace and control plane for your organisation."</p>
        </footer>
    }
}

#[component]
fn Nav(viewer: Option<Viewer>) -> impl IntoView {
    let Some(v) = viewer else {
        return view! {
            <nav class="nav" aria-label="Account">
                <a href="/login">"Log in"</a>
                <a class="btn btn-primary" href="/signup">"Sign up"</a>
            </nav>
        }
        .into_any();
    };
    let is_vendor = v.active.as_ref().is_some_and(|m| m.is_vendor);
    let org = v
        .active
        .as_ref()
        .map(|m| m.tenant_name.clone())
        .unwrap_or_default();
    let switch = ServerAction::<SwitchTenant>::new();
    let logout = ServerAction::<LogOut>::new();
    let others: Vec<_> = v
        .memberships
        .iter()
        .filter(|m| Some(m.tenant_id) != v.active.as_ref().map(|a| a.tenant_id))
        .cloned()
        .collect();
    view! {
        <nav class="nav" aria-label="Main">
                <span class="nav-org" title="Active organisation">{org}</span>
                <a href="/dashboard">"Dashboard"</a>
                <a href="/billing">"Billing"</a>
                <a href="/team">"Team"</a>
                {is_vendor.then(|| view! { <a href="/vendor">"Vendor"</a> })}
                {v.is_operator.then(|| view! { <a href="/admin">"Operator"</a> })}
                {(!others.is_empty())
                    .then(|| {
                        view! {
                            <ActionForm action=switch attr:class="switcher">
                                <label for="switch-tenant">"Switch organisation"</label>
                                <select id="switch-tenant" name="tenant_id">
                                    {others
                                        .into_iter()
                                        .map(|m| {
                                            view! {
                                                <option value=m.tenant_id.to_string()>{m.tenant_name}</option>
                                            }
                                        })
                                        .collect_view()}
                                </select>
                                <button type="submit" class="btn btn-secondary">"Switch"</button>
                            </ActionForm>
                        }
                    })}
                <ActionForm action=logout attr:class="logout">
                    <span class="muted nav-email">{v.email}</span>
                    <button type="submit" class="btn btn-secondary">"Log out"</button>
                </ActionForm>
        </nav>
    }
    .into_any()
}
