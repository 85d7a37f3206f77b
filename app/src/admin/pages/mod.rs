//! The operator's console: review queue and app moderation.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::admin::api::{
    ApproveVersion, RejectVersion, RestoreApp, SuspendApp, admin_apps, review_queue,
};
use crate::catalog::types::{AppStatus, ReviewItem};
use crate::forms::Feedback;
use crate::ui::{Badge, Empty, ErrorPanel, FormAlert, Loading};

/// Review queue and every app.
#[component]
pub fn AdminPage() -> impl IntoView {
    let approve = ServerAction::<ApproveVersion>::new();
    let reject = ServerAction::<RejectVersion>::new();
    let suspend = ServerAction::<SuspendApp>::new();
    let restore = ServerAction::<RestoreApp>::new();
    let approve_fb = Feedback::new(approve);
    let reject_fb = Feedback::new(reject);
    let suspend_fb = Feedback::new(suspend);
    let restore_fb = Feedback::new(restore);
    let versions = move || {
        (
            approve.version().get(),
            reject.version().get(),
            suspend.version().get(),
            restore.version().get(),
        )
    };
    let queue = Resource::new(versions, |_| review_queue());
    let apps = Resource::new(versions, |_| admin_apps());
    view! {
        <Title text="Operator"/>
        <h1>"Operator console"</h1>
        <FormAlert message=Signal::derive(move || approve_fb.general().or_else(|| reject_fb.general()).or_else(|| suspend_fb.general()).or_else(|| restore_fb.general()))/>
        <Transition fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match queue.await {
                    Ok(items) => view! {
                        <section class="card" aria-labelledby="queue-h">
                            <h2 id="queue-h">"Waiting for review"</h2>
                            {if items.is_empty() {
                                view! { <Empty text="Nothing to review."/> }.into_any()
                            } else {
                                view! { <ul class="rows">{items.into_iter().map(|item| view! { <ReviewRow item approve reject reject_fb/> }).collect_view()}</ul> }.into_any()
                            }}
                        </section>
                    }.into_any(),
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                }
            })}
        </Transition>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match apps.await {
                    Ok(rows) => view! {
                        <section class="card" aria-labelledby="apps-h">
                            <h2 id="apps-h">"All apps"</h2>
                            <table class="table">
                                <thead><tr><th scope="col">"App"</th><th scope="col">"Vendor"</th><th scope="col">"Status"</th><th scope="col"><span class="sr-only">"Actions"</span></th></tr></thead>
                                <tbody>
                                    {rows.into_iter().map(|a| {
                                        let suspended = a.status == AppStatus::Suspended;
                                        let input_id = format!("suspend-{}", a.slug);
                                        let label_for = input_id.clone();
                                        let reason_label = format!("Reason for suspending {}", a.name);
                                        let suspend_label = format!("Suspend {}", a.name);
                                        let restore_label = format!("Restore {}", a.name);
                                        let app_id = a.id.to_string();
                                        view! {
                                            <tr data-app=a.slug.clone()>
                                                <td>{if a.published && !suspended { view!{<a href=format!("/apps/{}", a.slug)>{a.name.clone()}</a>}.into_any() } else { view!{<span>{a.name.clone()}</span>}.into_any() }}</td>
                                                <td>{a.vendor_name}</td>
                                                <td>
                                                    {if suspended { view!{<Badge text="Suspended" tone="bad"/>} } else if a.published { view!{<Badge text="Published" tone="ok"/>} } else { view!{<Badge text="Unpublished" tone="neutral"/>} }}
                                                    {a.suspended_reason.map(|r| view! { <span class="muted">" " {r}</span> })}
                                                </td>
                                                <td>
                                                    {if suspended {
                                                        view! {
                                                            <ActionForm action=restore>
                                                                <input type="hidden" name="app_id" value=app_id.clone()/>
                                                                <button type="submit" class="btn btn-secondary" aria-label=restore_label.clone()>"Restore"</button>
                                                            </ActionForm>
                                                        }.into_any()
                                                    } else {
                                                        view! {
                                                            <ActionForm action=suspend attr:class="inline-form">
                                                                <input type="hidden" name="app_id" value=app_id.clone()/>
                                                                <label class="sr-only" for=label_for.clone()>{reason_label.clone()}</label>
                                                                <input id=input_id.clone() name="reason" placeholder="Reason" required/>
                                                                <button type="submit" class="btn btn-danger" aria-label=suspend_label.clone()>"Suspend"</button>
                                                            </ActionForm>
                                                        }.into_any()
                                                    }}
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </section>
                    }.into_any(),
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ReviewRow(
    item: ReviewItem,
    approve: ServerAction<ApproveVersion>,
    reject: ServerAction<RejectVersion>,
    reject_fb: Feedback<RejectVersion>,
) -> impl IntoView {
    let id = item.version_id.to_string();
    let reject_id = id.clone();
    let reason_id = format!("reason-{id}");
    let approve_label = format!("Approve {} {}", item.app_name, item.version);
    let reject_label = format!("Reject {} {}", item.app_name, item.version);
    view! {
        <li class="review" data-app=item.app_slug.clone()>
            <h3>{format!("{} {}", item.app_name, item.version)}</h3>
            <p class="muted">{format!("by {} · submitted {}", item.vendor_name, item.submitted)}</p>
            <p>{item.release_notes}</p>
            <details>
                <summary>"Deployment manifest"</summary>
                <pre class="log">{item.manifest}</pre>
            </details>
            <div class="actions">
                <ActionForm action=approve>
                    <input type="hidden" name="version_id" value=id/>
                    <button type="submit" class="btn btn-primary" aria-label=approve_label>"Approve"</button>
                </ActionForm>
                <ActionForm action=reject attr:class="inline-form" attr:novalidate=true>
                    <input type="hidden" name="version_id" value=reject_id/>
                    <div class="field">
                        <label for=reason_id.clone()>"Reason for rejecting"</label>
                        <input id=reason_id name="reason" value=reject_fb.value("reason", "")/>
                        {move || reject_fb.field("reason").map(|m| view! { <p class="field-msg field-error">{m}</p> })}
                    </div>
                    <button type="submit" class="btn btn-danger" aria-label=reject_label>"Reject"</button>
                </ActionForm>
            </div>
        </li>
    }
}
