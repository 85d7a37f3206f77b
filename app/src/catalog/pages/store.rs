//! The store's listing pages: home, category and search.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::catalog::api::{category, load_store_home, search_apps};
use crate::catalog::types::{AppCard, AppListing, CategoryView};
use crate::ui::{Empty, ErrorPanel, Loading};

/// An app's icon, or its initial when it has none.
#[component]
pub fn AppIcon(
    url: Option<String>,
    name: String,
    #[prop(default = 48)] size: u32,
) -> impl IntoView {
    match url {
        Some(src) => view! {
            <img class="app-icon" src=src alt="" width=size height=size loading="lazy"/>
        }
        .into_any(),
        None => {
            let initial = name
                .chars()
                .next()
                .unwrap_or('?')
                .to_uppercase()
                .to_string();
            view! {
                <span class="app-icon app-icon-letter" aria-hidden="true" style=format!("width:{size}px;height:{size}px")>
                    {initial}
                </span>
            }
            .into_any()
        }
    }
}

/// One app as a tile.
#[component]
pub fn AppTile(app: AppCard) -> impl IntoView {
    view! {
        <li>
            <a class="tile" href=format!("/apps/{}", app.slug)>
                <AppIcon url=app.icon_url name=app.name.clone()/>
                <span class="tile-body">
                    <span class="tile-title">{app.name}</span>
                    <span class="tile-summary">{app.summary}</span>
                    <span class="tile-meta">
                        {app.vendor_name} " · " {app.category_name} " · " <strong>{app.price_from}</strong>
                    </span>
                </span>
            </a>
        </li>
    }
}

/// A grid of app tiles.
#[component]
pub fn AppGrid(apps: Vec<AppCard>, #[prop(into)] empty: String) -> impl IntoView {
    if apps.is_empty() {
        return view! { <Empty text=empty/> }.into_any();
    }
    view! {
        <ul class="grid-tiles">
            {apps.into_iter().map(|app| view! { <AppTile app/> }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn CategoryNav(categories: Vec<CategoryView>) -> impl IntoView {
    view! {
        <nav aria-label="Categories">
            <ul class="chips">
                {categories
                    .into_iter()
                    .map(|c| {
                        view! {
                            <li>
                                <a class="chip" href=format!("/category/{}", c.slug)>
                                    {c.name} " " <span class="muted">{format!("({})", c.app_count)}</span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

/// The store's front page: featured, categories, newest.
#[component]
pub fn StoreHomePage() -> impl IntoView {
    let home = Resource::new(|| (), |_| load_store_home());
    view! {
        <Title text="App store"/>
        <section class="hero">
            <h1>"Apps for your whole organisation"</h1>
            <p>"Pick an app, choose a plan, and it runs in minutes — on your infrastructure."</p>
        </section>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match home.await {
                    Ok(h) => view! {
                        <CategoryNav categories=h.categories/>
                        <section aria-labelledby="featured-h">
                            <h2 id="featured-h">"Featured"</h2>
                            <AppGrid apps=h.featured empty="Nothing is featured yet."/>
                        </section>
                        <section aria-labelledby="newest-h">
                            <h2 id="newest-h">"New in the store"</h2>
                            <AppGrid apps=h.newest empty="No apps are published yet."/>
                        </section>
                    }
                    .into_any(),
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Listing(listing: AppListing, base: String) -> impl IntoView {
    let sep = if base.contains('?') { '&' } else { '?' };
    let prev = (listing.page > 1).then(|| format!("{base}{sep}page={}", listing.page - 1));
    let next =
        (listing.page < listing.pages).then(|| format!("{base}{sep}page={}", listing.page + 1));
    view! {
        <Title text=listing.title.clone()/>
        <h1>{listing.title}</h1>
        <p class="muted">{listing.description}</p>
        <AppGrid apps=listing.apps empty="No apps match."/>
        <nav class="pager" aria-label="Pages">
            {prev.map(|href| view! { <a href=href rel="prev">"← Previous"</a> })}
            <span class="muted">{format!("Page {} of {}", listing.page, listing.pages.max(1))}</span>
            {next.map(|href| view! { <a href=href rel="next">"Next →"</a> })}
        </nav>
    }
}

fn page_param() -> Memo<u64> {
    let query = use_query_map();
    Memo::new(move |_| {
        query
            .read()
            .get("page")
            .and_then(|p| p.parse().ok())
            .unwrap_or(1)
    })
}

/// One category's apps.
#[component]
pub fn CategoryPage() -> impl IntoView {
    let params = use_params_map();
    let page = page_param();
    let data = Resource::new(
        move || (params.read().get("slug").unwrap_or_default(), page.get()),
        |(slug, page)| category(slug, page),
    );
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                let slug = params.read_untracked().get("slug").unwrap_or_default();
                match data.await {
                    Ok(listing) => view! { <Listing listing base=format!("/category/{slug}")/> }.into_any(),
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Search results.
#[component]
pub fn SearchPage() -> impl IntoView {
    let query = use_query_map();
    let page = page_param();
    let q = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    let data = Resource::new(
        move || (q.get(), page.get()),
        |(q, page)| search_apps(q, page),
    );
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                let base = format!("/search?q={}", urlencode(&q.get_untracked()));
                match data.await {
                    Ok(listing) => view! { <Listing listing base/> }.into_any(),
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Percent-encodes a query value (small, to keep the WASM free of a URL crate).
pub fn urlencode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
