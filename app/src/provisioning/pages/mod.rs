//! The tenant's dashboard of deployments and one deployment's page.

use std::time::Duration;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use uuid::Uuid;

use crate::forms::Feedback;
use crate::provisioning::api::{ActOnDeployment, load_dashboard, load_deployment};
use crate::provisioning::types::{DeploymentAction, DeploymentRow, DeploymentStatus};
use crate::ui::{Badge, Empty, ErrorPanel, FormAlert, Loading};

/// Re-runs `tick` every `every` while the page is open in a browser with JavaScript.
fn poll(every: Duration) -> RwSignal<u32> {
    let tick = RwSignal::new(0u32);
    Effect::new(move |_| {
        if let Ok(handle) =
            set_interval_with_handle(move || tick.update(|t| *t = t.wrapping_add(1)), every)
        {
            on_cleanup(move || handle.clear());
        }
    });
    tick
}

fn tone(status: DeploymentStatus) -> &'static str {
    match status {
        DeploymentStatus::Running => "ok",
        DeploymentStatus::Failed => "bad",
        DeploymentStatus::Pending | DeploymentStatus::Provisioning | DeploymentStatus::Deleting => {
            "warn"
        }
        DeploymentStatus::Stopped | DeploymentStatus::Deleted => "neutral",
    }
}

/// The deployments of the active organisation, refreshed live.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let act = ServerAction::<ActOnDeployment>::new();
    let fb = Feedback::new(act);
    let tick = poll(Duration::from_secs(2));
    let data = Resource::new(
        move || (act.version().get(), tick.get()),
        |_| load_dashboard(),
    );
    view! {
        <Title text="Dashboard"/>
        <Transition fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => {
                        let busy = d.deployments.iter().any(|x| x.status.is_transient());
                        view! {
                            // Without JavaScript the page reloads itself while something changes.
                            // As inner HTML the refresh stays text when script renders it: a
                            // <meta> element built by script would reload the page under the user.
                            {busy.then(|| view! { <noscript inner_html=r#"<meta http-equiv="refresh" content="3">"#></noscript> })}
                            <div class="page-head">
                                <h1>"Deployments"</h1>
                                <span class="muted">{d.tenant_name.clone()}</span>
                            </div>
                            <FormAlert message=Signal::derive(move || fb.general())/>
                            {if d.deployments.is_empty() {
                                view! {
                                    <Empty text="Nothing deployed yet. Pick an app in the store and subscribe to a plan."/>
                                    <p><a class="btn btn-primary" href="/">"Browse the store"</a></p>
                                }
                                .into_any()
                            } else {
                                view! {
                                    <ul class="deployments">
                                        {d.deployments.into_iter().map(|row| view! { <DeploymentCard row act can_operate=d.can_operate/> }).collect_view()}
                                    </ul>
                                }
                                .into_any()
                            }}
                        }
                        .into_any()
                    }
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// One deployment with status, URL, last log lines and actions.
#[component]
fn DeploymentCard(
    row: DeploymentRow,
    act: ServerAction<ActOnDeployment>,
    can_operate: bool,
) -> impl IntoView {
    let id = row.id;
    view! {
        <li class="card deployment" data-status=row.status.as_str() data-app=row.app_slug.clone()>
            <div class="deployment-head">
                <h2><a href=format!("/deployments/{id}")>{row.app_name.clone()}</a></h2>
                <Badge text=row.status.label() tone=tone(row.status)/>
            </div>
            <p class="muted">{format!("Version {} · runtime {} · created {}", row.version, row.runtime, row.created)}</p>
            {row.status_reason.clone().map(|r| view! { <p class="reason">{r}</p> })}
            {row.url.clone().filter(|_| row.status == DeploymentStatus::Running).map(|u| view! {
                <p>"Open: " <a class="app-url" href=u.clone() target="_blank" rel="noopener">{u.clone()}</a></p>
            })}
            {(!row.log_tail.is_empty()).then(|| view! {
                <details>
                    <summary>"Last log lines"</summary>
                    <pre class="log">{row.log_tail.join("\n")}</pre>
                </details>
            })}
            {can_operate.then(|| view! { <Actions id app=row.app_name.clone() actions=row.actions.clone() act/> })}
        </li>
    }
}

#[component]
fn Actions(
    id: Uuid,
    app: String,
    actions: Vec<DeploymentAction>,
    act: ServerAction<ActOnDeployment>,
) -> impl IntoView {
    view! {
        <div class="actions">
            {actions
                .into_iter()
                .map(|a| {
                    let label = format!("{} {app}", a.label());
                    if a == DeploymentAction::Delete {
                        // Deleting cannot be undone, so it asks first, on a page of its own.
                        return view! {
                            <a class="btn btn-danger" href=format!("/deployments/{id}?confirm=delete") aria-label=label>
                                {a.label()}
                            </a>
                        }
                        .into_any();
                    }
                    view! {
                        <ActionForm action=act>
                            <input type="hidden" name="id" value=id.to_string()/>
                            <input type="hidden" name="action" value=a.as_str()/>
                            <button type="submit" class="btn btn-secondary" aria-label=label disabled=move || act.pending().get()>
                                {a.label()}
                            </button>
                        </ActionForm>
                    }
                    .into_any()
                })
                .collect_view()}
        </div>
    }
}

/// One deployment, refreshed live.
#[component]
pub fn DeploymentPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let confirming = move || query.read().get("confirm").as_deref() == Some("delete");
    let act = ServerAction::<ActOnDeployment>::new();
    let fb = Feedback::new(act);
    let tick = poll(Duration::from_secs(2));
    let data = Resource::new(
        move || {
            (
                params.read().get("id").unwrap_or_default(),
                act.version().get(),
                tick.get(),
            )
        },
        |(id, ..)| async move {
            match Uuid::parse_str(&id) {
                Ok(id) => load_deployment(id).await,
                Err(_) => Err(crate::error::AppError::not_found("Deployment")),
            }
        },
    );
    view! {
        <Title text="Deployment"/>
        <p><a href="/dashboard">"← All deployments"</a></p>
        <FormAlert message=Signal::derive(move || fb.general())/>
        <Transition fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(row) if confirming() && row.actions.contains(&DeploymentAction::Delete) => {
                        view! { <ConfirmDelete id=row.id app=row.app_name act/> }.into_any()
                    }
                    // The server leaves `actions` empty for members who may only look.
                    Ok(row) => view! { <ul class="deployments"><DeploymentCard row act can_operate=true/></ul> }.into_any(),
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// Asks before deleting: the process stops, its port is freed and it leaves the dashboard.
#[component]
fn ConfirmDelete(id: Uuid, app: String, act: ServerAction<ActOnDeployment>) -> impl IntoView {
    view! {
        <section class="card confirm" aria-labelledby="confirm-title">
            <h2 id="confirm-title">{format!("Delete {app}?")}</h2>
            <p>
                "The app stops, its port is freed and it leaves your dashboard. This cannot be undone. "
                "The subscription is not cancelled: you can find it under Billing."
            </p>
            <div class="actions">
                <ActionForm action=act>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <input type="hidden" name="action" value=DeploymentAction::Delete.as_str()/>
                    <button type="submit" class="btn btn-danger" disabled=move || act.pending().get()>
                        {format!("Delete {app}")}
                    </button>
                </ActionForm>
                <a class="btn btn-secondary" href=format!("/deployments/{id}")>"Cancel"</a>
            </div>
        </section>
    }
}
