//! Sign-up and log-in pages.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::forms::Feedback;
use crate::identity::api::{LogIn, SignUp};
use crate::ui::{Field, FormAlert, Submit};

/// Creates an account and its organisation.
#[component]
pub fn SignUpPage() -> impl IntoView {
    let action = ServerAction::<SignUp>::new();
    let fb = Feedback::new(action);
    view! {
        <Title text="Sign up"/>
        <section class="card narrow">
            <h1>"Create your account"</h1>
            <p class="muted">"You get an organisation of your own; invite your team later."</p>
            <FormAlert message=Signal::derive(move || fb.general())/>
            <ActionForm action=action attr:novalidate=true>
                <Field
                    name="display_name"
                    label="Your name"
                    autocomplete="name"
                    value=fb.value("display_name", "")
                    error=Signal::derive(move || fb.field("display_name"))
                />
                <Field
                    name="email"
                    label="Work email"
                    kind="email"
                    autocomplete="email"
                    value=fb.value("email", "")
                    error=Signal::derive(move || fb.field("email"))
                />
                <Field
                    name="password"
                    label="Password"
                    kind="password"
                    autocomplete="new-password"
                    hint="At least 10 characters."
                    error=Signal::derive(move || fb.field("password"))
                />
                <Field
                    name="org_name"
                    label="Organisation name"
                    autocomplete="organization"
                    value=fb.value("org_name", "")
                    error=Signal::derive(move || fb.field("org_name"))
                />
                <Submit label="Create account" pending=action.pending()/>
            </ActionForm>
            <p>"Already have an account? " <a href="/login">"Log in"</a></p>
        </section>
    }
}

/// Logs in with e-mail and password.
#[component]
pub fn LogInPage() -> impl IntoView {
    let action = ServerAction::<LogIn>::new();
    let fb = Feedback::new(action);
    let next = use_query_map()
        .with_untracked(|q| q.get("next"))
        .unwrap_or_default();
    let next = fb.value("next", &next);
    view! {
        <Title text="Log in"/>
        <section class="card narrow">
            <h1>"Log in"</h1>
            <FormAlert message=Signal::derive(move || fb.general())/>
            <ActionForm action=action attr:novalidate=true>
                <input type="hidden" name="next" value=next/>
                <Field
                    name="email"
                    label="Email"
                    kind="email"
                    autocomplete="email"
                    value=fb.value("email", "")
                    error=Signal::derive(move || fb.field("email"))
                />
                <Field
                    name="password"
                    label="Password"
                    kind="password"
                    autocomplete="current-password"
                    error=Signal::derive(move || fb.field("password"))
                />
                <Submit label="Log in" pending=action.pending()/>
            </ActionForm>
            <p>"New to Agora? " <a href="/signup">"Create an account"</a></p>
        </section>
    }
}
