//! The vendor's pages: their apps, a new app, and one app's versions and plans.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::catalog::api::{
    AddPlan, AddVersion, CreateApp, SubmitVersion, UpdateApp, categories, vendor_app, vendor_apps,
};
use crate::catalog::types::{AppForm, AppStatus, CategoryView, VendorAppDetail, VersionStatus};
use crate::forms::{Feedback, reset_on_success};
use crate::ui::{Badge, Empty, ErrorPanel, Field, FormAlert, Loading, Select, Submit, TextArea};

/// The vendor's apps.
#[component]
pub fn VendorHomePage() -> impl IntoView {
    let apps = Resource::new(|| (), |_| vendor_apps());
    view! {
        <Title text="Vendor"/>
        <div class="page-head">
            <h1>"Your apps"</h1>
            <a class="btn btn-primary" href="/vendor/apps/new">"New app"</a>
        </div>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match apps.await {
                    Ok(rows) if rows.is_empty() => {
                        view! { <Empty text="No apps yet. Create your first app to publish it in the store."/> }
                            .into_any()
                    }
                    Ok(rows) => view! {
                        <table class="table">
                            <thead>
                                <tr>
                                    <th scope="col">"App"</th>
                                    <th scope="col">"Store"</th>
                                    <th scope="col">"Latest version"</th>
                                    <th scope="col">"In review"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {rows
                                    .into_iter()
                                    .map(|r| {
                                        let store = match (r.status, r.published) {
                                            (AppStatus::Suspended, _) => view! { <Badge text="Suspended" tone="bad"/> },
                                            (_, true) => view! { <Badge text="Published" tone="ok"/> },
                                            (_, false) => view! { <Badge text="Not published" tone="neutral"/> },
                                        };
                                        view! {
                                            <tr>
                                                <td><a href=format!("/vendor/apps/{}", r.slug)>{r.name}</a></td>
                                                <td>{store}</td>
                                                <td>{r.latest_version.unwrap_or_else(|| "—".into())}</td>
                                                <td>{r.in_review}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    }
                    .into_any(),
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn category_options(cats: &[CategoryView]) -> Vec<(String, String)> {
    cats.iter()
        .map(|c| (c.slug.clone(), c.name.clone()))
        .collect()
}

/// The fields shared by the new-app and edit-app forms.
#[component]
fn AppFields<S>(fb: Feedback<S>, initial: AppForm, cats: Vec<CategoryView>) -> impl IntoView
where
    S: server_fn::ServerFn<Error = crate::error::AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    view! {
        <Field name="name" label="Name" value=fb.value("name", &initial.name) error=Signal::derive(move || fb.field("name"))/>
        <Field
            name="slug"
            label="URL name"
            value=fb.value("slug", &initial.slug)
            hint="Lowercase letters, digits and hyphens; the app's address in the store."
            error=Signal::derive(move || fb.field("slug"))
        />
        <Field
            name="summary"
            label="Summary"
            value=fb.value("summary", &initial.summary)
            hint="One line, 10 to 140 characters."
            error=Signal::derive(move || fb.field("summary"))
        />
        <TextArea
            name="description"
            label="Description"
            value=fb.value("description", &initial.description)
            hint="Markdown. Links and formatting are kept; scripts are removed."
            rows=8
            error=Signal::derive(move || fb.field("description"))
        />
        <Select
            name="category"
            label="Category"
            options=category_options(&cats)
            value=fb.value("category", &initial.category)
            empty="Choose a category"
            error=Signal::derive(move || fb.field("category"))
        />
        <Field
            name="icon_url"
            label="Icon link"
            required=false
            value=fb.value("icon_url", &initial.icon_url)
            hint="Optional: https://… or /path on this site."
            error=Signal::derive(move || fb.field("icon_url"))
        />
        <TextArea
            name="screenshots"
            label="Screenshot links"
            required=false
            rows=3
            value=fb.value("screenshots", &initial.screenshots)
            hint="Optional: one link per line, at most 8."
            error=Signal::derive(move || fb.field("screenshots"))
        />
    }
}

/// Creates an app.
#[component]
pub fn NewAppPage() -> impl IntoView {
    let action = ServerAction::<CreateApp>::new();
    let fb = Feedback::new(action);
    let cats = Resource::new(|| (), |_| categories());
    view! {
        <Title text="New app"/>
        <section class="card">
            <h1>"New app"</h1>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match cats.await {
                        Ok(cats) => view! {
                            <FormAlert message=Signal::derive(move || fb.general())/>
                            <ActionForm action=action attr:novalidate=true>
                                <AppFields fb initial=AppForm::default() cats/>
                                <Submit label="Create app" pending=action.pending()/>
                            </ActionForm>
                        }
                        .into_any(),
                        Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// One app: edit, versions (add, submit for review), plans.
#[component]
pub fn VendorAppPage() -> impl IntoView {
    let params = use_params_map();
    let add_version = ServerAction::<AddVersion>::new();
    let submit = ServerAction::<SubmitVersion>::new();
    let add_plan = ServerAction::<AddPlan>::new();
    let data = Resource::new(
        move || {
            (
                params.read().get("slug").unwrap_or_default(),
                add_version.version().get(),
                submit.version().get(),
                add_plan.version().get(),
            )
        },
        |(slug, ..)| vendor_app(slug),
    );
    let cats = Resource::new(|| (), |_| categories());
    view! {
        <Transition fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                let cats = cats.await.unwrap_or_default();
                match data.await {
                    Ok(app) => view! { <VendorAppView app cats add_version submit add_plan/> }.into_any(),
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn VendorAppView(
    app: VendorAppDetail,
    cats: Vec<CategoryView>,
    add_version: ServerAction<AddVersion>,
    submit: ServerAction<SubmitVersion>,
    add_plan: ServerAction<AddPlan>,
) -> impl IntoView {
    let update = ServerAction::<UpdateApp>::new();
    let update_fb = Feedback::new(update);
    let version_fb = Feedback::new(add_version);
    let submit_fb = Feedback::new(submit);
    let plan_fb = Feedback::new(add_plan);
    let version_form = reset_on_success(add_version);
    let plan_form = reset_on_success(add_plan);
    let app_id = app.id.to_string();
    let plan_app_id = app_id.clone();
    let edit_app_id = app_id.clone();
    let status = match (app.status, app.published) {
        (AppStatus::Suspended, _) => view! { <Badge text="Suspended" tone="bad"/> },
        (_, true) => view! { <Badge text="Published" tone="ok"/> },
        (_, false) => view! { <Badge text="Not published" tone="neutral"/> },
    };
    view! {
        <Title text=app.form.name.clone()/>
        <div class="page-head">
            <h1>{app.form.name.clone()} " " {status}</h1>
            {app.published.then(|| view! { <a href=format!("/apps/{}", app.form.slug)>"View in store"</a> })}
        </div>
        {app.suspended_reason.clone().map(|r| view! { <div class="alert alert-error">"Suspended by the operator: " {r}</div> })}
        <section class="card" aria-labelledby="versions-h">
            <h2 id="versions-h">"Versions"</h2>
            <FormAlert message=Signal::derive(move || submit_fb.general())/>
            {if app.versions.is_empty() {
                view! { <Empty text="No versions yet. Add one below, then submit it for review."/> }.into_any()
            } else {
                view! {
                    <ul class="rows">
                        {app
                            .versions
                            .clone()
                            .into_iter()
                            .map(|v| {
                                let tone = match v.status {
                                    VersionStatus::Approved => "ok",
                                    VersionStatus::Rejected => "bad",
                                    VersionStatus::InReview => "warn",
                                    VersionStatus::Draft => "neutral",
                                };
                                let can_submit = matches!(v.status, VersionStatus::Draft | VersionStatus::Rejected);
                                view! {
                                    <li class="row">
                                        <span><strong>{v.version.clone()}</strong> " " <Badge text=v.status.label() tone/></span>
                                        {v.review_reason.clone().map(|r| view! { <span class="muted">"Reason: " {r}</span> })}
                                        {can_submit
                                            .then(|| {
                                                view! {
                                                    <ActionForm action=submit>
                                                        <input type="hidden" name="version_id" value=v.id.to_string()/>
                                                        <button type="submit" class="btn btn-secondary" aria-label=format!("Submit {} for review", v.version)>
                                                            "Submit for review"
                                                        </button>
                                                    </ActionForm>
                                                }
                                            })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <h3>"Add a version"</h3>
            <FormAlert message=Signal::derive(move || version_fb.general())/>
            <ActionForm action=add_version node_ref=version_form attr:novalidate=true>
                <input type="hidden" name="app_id" value=app_id/>
                <Field name="version" label="Version" value=version_fb.value("version", "") hint="Semantic version, e.g. 1.0.0." error=Signal::derive(move || version_fb.field("version"))/>
                <TextArea
                    name="manifest"
                    label="Deployment manifest (TOML)"
                    mono=true
                    rows=10
                    value=version_fb.value("manifest", MANIFEST_EXAMPLE)
                    error=Signal::derive(move || version_fb.field("manifest"))
                />
                <TextArea name="release_notes" label="Release notes" rows=3 required=false value=version_fb.value("release_notes", "") error=Signal::derive(move || version_fb.field("release_notes"))/>
                <Submit label="Add version" pending=add_version.pending()/>
            </ActionForm>
        </section>
        <section class="card" aria-labelledby="plans-h">
            <h2 id="plans-h">"Plans"</h2>
            {if app.plans.is_empty() {
                view! { <Empty text="No plans yet. Add a free plan or a monthly price."/> }.into_any()
            } else {
                view! {
                    <ul class="rows">
                        {app.plans.clone().into_iter().map(|p| view! { <li class="row"><strong>{p.name}</strong> " " {p.price}</li> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <h3>"Add a plan"</h3>
            <FormAlert message=Signal::derive(move || plan_fb.general())/>
            <ActionForm action=add_plan node_ref=plan_form attr:novalidate=true attr:class="inline-form">
                <input type="hidden" name="app_id" value=plan_app_id/>
                <Field name="name" form="plan" label="Plan name" value=plan_fb.value("name", "") error=Signal::derive(move || plan_fb.field("name"))/>
                <Field name="price" form="plan" label="Monthly price" value=plan_fb.value("price", "0") hint="0 for a free plan." error=Signal::derive(move || plan_fb.field("price"))/>
                <Field name="currency" form="plan" label="Currency" value=plan_fb.value("currency", "EUR") error=Signal::derive(move || plan_fb.field("currency"))/>
                <Submit label="Add plan" pending=add_plan.pending()/>
            </ActionForm>
        </section>
        <section class="card" aria-labelledby="edit-h">
            <h2 id="edit-h">"Store listing"</h2>
            <FormAlert message=Signal::derive(move || update_fb.general())/>
            <ActionForm action=update attr:novalidate=true>
                <input type="hidden" name="app_id" value=edit_app_id/>
                <AppFields fb=update_fb initial=app.form.clone() cats/>
                <Submit label="Save listing" pending=update.pending()/>
            </ActionForm>
        </section>
    }
}

/// A starting point for the manifest field.
const MANIFEST_EXAMPLE: &str = r#"[run]
command = "/usr/bin/python3"
args = ["-m", "http.server", "{{port}}", "--bind", "127.0.0.1", "--directory", "{{data_dir}}/site"]

[health]
path = "/"

[[files]]
path = "site/index.html"
content = "<h1>Hello, {{tenant.name}}</h1>"
"#;
