//! Design-system primitives: labelled fields, buttons, alerts, badges.
//!
//! No data fetching here. Styling lives in short component classes defined in
//! `style/tailwind.css` (`.field`, `.btn`, …) so markup stays small in the WASM.

use leptos::prelude::*;

use crate::error::AppError;

/// The id of a field's input: `f-<name>`, or `f-<form>-<name>` when a form prefix is given.
pub fn field_id(form: &str, name: &str) -> String {
    if form.is_empty() {
        format!("f-{name}")
    } else {
        format!("f-{form}-{name}")
    }
}

/// A labelled single-line input with its error and hint.
#[component]
pub fn Field(
    /// Form field name (and the server function argument).
    name: &'static str,
    /// Visible label.
    label: &'static str,
    /// Initial value.
    #[prop(into, default = String::new())]
    value: String,
    /// Input type.
    #[prop(default = "text")]
    kind: &'static str,
    /// Error to show under the field.
    #[prop(into, default = Signal::derive(|| None))]
    error: Signal<Option<String>>,
    /// Help text under the field.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// Browser autofill hint.
    #[prop(default = "off")]
    autocomplete: &'static str,
    /// Whether the field must be filled.
    #[prop(default = true)]
    required: bool,
    /// Placeholder text.
    #[prop(default = "")]
    placeholder: &'static str,
    /// Prefix that keeps ids unique when two forms on a page share a field name.
    #[prop(default = "")]
    form: &'static str,
) -> impl IntoView {
    let id = field_id(form, name);
    let described = format!("{id}-msg");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                name=name
                type=kind
                value=value
                autocomplete=autocomplete
                required=required
                placeholder=placeholder
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=described.clone()
            />
            <FieldMessage id=described error hint/>
        </div>
    }
}

/// A labelled multi-line input.
#[component]
pub fn TextArea(
    /// Form field name.
    name: &'static str,
    /// Visible label.
    label: &'static str,
    /// Initial value.
    #[prop(into, default = String::new())]
    value: String,
    /// Error to show under the field.
    #[prop(into, default = Signal::derive(|| None))]
    error: Signal<Option<String>>,
    /// Help text.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// Visible rows.
    #[prop(default = 5)]
    rows: u32,
    /// Whether the field must be filled.
    #[prop(default = true)]
    required: bool,
    /// Use a monospace font (manifests, code).
    #[prop(default = false)]
    mono: bool,
    /// Prefix that keeps ids unique when two forms on a page share a field name.
    #[prop(default = "")]
    form: &'static str,
) -> impl IntoView {
    let id = field_id(form, name);
    let described = format!("{id}-msg");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <textarea
                id=id
                name=name
                rows=rows
                required=required
                class:mono=mono
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=described.clone()
            >
                {value}
            </textarea>
            <FieldMessage id=described error hint/>
        </div>
    }
}

/// A labelled select; `options` are `(value, label)` pairs.
#[component]
pub fn Select(
    /// Form field name.
    name: &'static str,
    /// Visible label.
    label: &'static str,
    /// Choices.
    options: Vec<(String, String)>,
    /// The selected value.
    #[prop(into, default = String::new())]
    value: String,
    /// Error to show under the field.
    #[prop(into, default = Signal::derive(|| None))]
    error: Signal<Option<String>>,
    /// Text of an empty first option, if any.
    #[prop(optional)]
    empty: Option<&'static str>,
    /// Prefix that keeps ids unique when two forms on a page share a field name.
    #[prop(default = "")]
    form: &'static str,
) -> impl IntoView {
    let id = field_id(form, name);
    let described = format!("{id}-msg");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select
                id=id
                name=name
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=described.clone()
            >
                {empty.map(|text| view! { <option value="">{text}</option> })}
                {options
                    .into_iter()
                    .map(|(v, l)| {
                        let selected = v == value;
                        view! { <option value=v selected=selected>{l}</option> }
                    })
                    .collect_view()}
            </select>
            <FieldMessage id=described error hint=None/>
        </div>
    }
}

#[component]
fn FieldMessage(
    id: String,
    error: Signal<Option<String>>,
    hint: Option<&'static str>,
) -> impl IntoView {
    view! {
        <p id=id class="field-msg" class:field-error=move || error.get().is_some() aria-live="polite">
            {move || error.get().or_else(|| hint.map(str::to_owned))}
        </p>
    }
}

/// A form-level message (errors that belong to no single field, or a success note).
#[component]
pub fn FormAlert(
    /// The message; nothing is rendered without one.
    #[prop(into)]
    message: Signal<Option<String>>,
    /// Success styling instead of error styling.
    #[prop(default = false)]
    success: bool,
) -> impl IntoView {
    move || {
        message.get().map(|m| {
            view! {
                <div class="alert" class:alert-ok=success class:alert-error=!success role="alert">
                    {m}
                </div>
            }
        })
    }
}

/// A submit button that shows progress while its action runs.
#[component]
pub fn Submit(
    /// Button text.
    label: &'static str,
    /// Whether the action is running.
    #[prop(into, default = Signal::derive(|| false))]
    pending: Signal<bool>,
    /// Styling: "primary", "secondary" or "danger".
    #[prop(default = "primary")]
    variant: &'static str,
) -> impl IntoView {
    view! {
        <button
            type="submit"
            class=format!("btn btn-{variant}")
            aria-busy=move || if pending.get() { "true" } else { "false" }
            disabled=move || pending.get()
        >
            {label}
        </button>
    }
}

/// A small coloured status label.
#[component]
pub fn Badge(
    /// Text.
    #[prop(into)]
    text: String,
    /// Tone: "ok", "warn", "bad" or "neutral".
    #[prop(default = "neutral")]
    tone: &'static str,
) -> impl IntoView {
    view! { <span class=format!("badge badge-{tone}")>{text}</span> }
}

/// Shown while a page's data loads.
#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="muted" aria-busy="true">"Loading…"</p> }
}

/// A page-level error, with a way forward for the common cases.
#[component]
pub fn ErrorPanel(
    /// What went wrong.
    error: AppError,
) -> impl IntoView {
    // The server answers the page with the error's status (404, 403…), not 200.
    #[cfg(feature = "ssr")]
    if let Some(options) = use_context::<leptos_axum::ResponseOptions>()
        && let Ok(status) = http::StatusCode::from_u16(error.status_code())
    {
        options.set_status(status);
    }
    let body = match &error {
        AppError::NotAuthenticated => view! {
            <p>"Please " <a href="/login">"log in"</a> " to see this page."</p>
        }
        .into_any(),
        AppError::NotFound { what } => {
            view! { <p>{format!("{what} was not found.")}</p> }.into_any()
        }
        other => view! { <p>{other.to_string()}</p> }.into_any(),
    };
    view! {
        <section class="card alert-error" role="alert">
            {body}
        </section>
    }
}

/// An empty list, with a hint of what to do.
#[component]
pub fn Empty(
    /// What is empty and what to do.
    #[prop(into)]
    text: String,
) -> impl IntoView {
    view! { <p class="empty">{text}</p> }
}
