//! The app page: description, screenshots, versions and plans to subscribe to.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::auth::Role;
use crate::billing::api::Subscribe;
use crate::catalog::api::load_app;
use crate::catalog::pages::store::AppIcon;
use crate::catalog::types::{AppDetail, PlanView};
use crate::forms::Feedback;
use crate::identity::types::Viewer;
use crate::layout::ViewerResource;
use crate::ui::{ErrorPanel, FormAlert, Loading};

/// One published app.
#[component]
pub fn AppPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || params.read().get("slug").unwrap_or_default(),
        load_app,
    );
    let viewer = use_context::<ViewerResource>();
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                let v = match viewer {
                    Some(r) => r.0.await,
                    None => None,
                };
                match data.await {
                    Ok(app) => view! { <AppView app viewer=v/> }.into_any(),
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AppView(app: AppDetail, viewer: Option<Viewer>) -> impl IntoView {
    let subscribe = ServerAction::<Subscribe>::new();
    let fb = Feedback::new(subscribe);
    let can_subscribe = viewer
        .as_ref()
        .and_then(|v| v.active.as_ref())
        .is_some_and(|m| matches!(m.role, Role::Owner | Role::Admin));
    let logged_in = viewer.is_some();
    let slug = app.slug.clone();
    view! {
        <Title text=app.name.clone()/>
        <article class="app-page">
            <header class="app-head">
                <AppIcon url=app.icon_url.clone() name=app.name.clone() size=72/>
                <div>
                    <h1>{app.name.clone()}</h1>
                    <p class="lead">{app.summary.clone()}</p>
                    <p class="muted">
                        "by " {app.vendor_name.clone()} " · "
                        <a href=format!("/category/{}", app.category_slug)>{app.category_name.clone()}</a>
                        {app.versions.first().map(|v| format!(" · version {}", v.version))}
                    </p>
                </div>
            </header>
            <section aria-labelledby="plans-h" class="plans">
                <h2 id="plans-h">"Plans"</h2>
                <FormAlert message=Signal::derive(move || fb.general())/>
                <ul class="plan-list">
                    {app
                        .plans
                        .clone()
                        .into_iter()
                        .map(|plan| {
                            view! {
                                <PlanCard
                                    plan
                                    subscribe
                                    can_subscribe
                                    logged_in
                                    slug=slug.clone()
                                />
                            }
                        })
                        .collect_view()}
                </ul>
                {(logged_in && !can_subscribe)
                    .then(|| {
                        view! {
                            <p class="muted">
                                "Only owners and admins of your organisation can subscribe."
                            </p>
                        }
                    })}
            </section>
            {(!app.screenshots.is_empty())
                .then(|| {
                    view! {
                        <section aria-labelledby="shots-h">
                            <h2 id="shots-h">"Screenshots"</h2>
                            <ul class="shots">
                                {app
                                    .screenshots
                                    .clone()
                                    .into_iter()
                                    .enumerate()
                                    .map(|(i, src)| {
                                        view! {
                                            <li>
                                                <img
                                                    src=src
                                                    alt=format!("Screenshot {}", i + 1)
                                                    loading="lazy"
                                                />
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </section>
                    }
                })}
            <section aria-labelledby="about-h">
                <h2 id="about-h">"About"</h2>
                <div class="prose" inner_html=app.description_html.clone()></div>
            </section>
            <section aria-labelledby="versions-h">
                <h2 id="versions-h">"Versions"</h2>
                <ul class="versions">
                    {app
                        .versions
                        .clone()
                        .into_iter()
                        .map(|v| {
                            view! {
                                <li>
                                    <strong>{v.version}</strong>
                                    " "
                                    <span class="muted">{v.published}</span>
                                    <p>{v.release_notes}</p>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        </article>
    }
}

#[component]
fn PlanCard(
    plan: PlanView,
    subscribe: ServerAction<Subscribe>,
    can_subscribe: bool,
    logged_in: bool,
    slug: String,
) -> impl IntoView {
    let label = if plan.is_free {
        "Get it free"
    } else {
        "Subscribe"
    };
    let aria = format!("{label}: {} plan", plan.name);
    let plan_id = plan.id.to_string();
    let action_view = if can_subscribe {
        view! {
            <ActionForm action=subscribe>
                <input type="hidden" name="plan_id" value=plan_id/>
                <button
                    type="submit"
                    class="btn btn-primary"
                    aria-label=aria
                    disabled=move || subscribe.pending().get()
                >
                    {label}
                </button>
            </ActionForm>
        }
        .into_any()
    } else if !logged_in {
        view! {
            <a
                class="btn btn-primary"
                href=format!("/login?next=/apps/{slug}")
                aria-label=format!("Log in to subscribe to the {} plan", plan.name)
            >
                "Log in to subscribe"
            </a>
        }
        .into_any()
    } else {
        ().into_any()
    };
    view! {
        <li class="plan card">
            <h3>{plan.name.clone()}</h3>
            <p class="price">
                {plan.price.clone()}
                {(!plan.is_free).then(|| view! { <span class="muted">" / month"</span> })}
            </p>
            {action_view}
        </li>
    }
}
