//! Form feedback that works the same with and without JavaScript.
//!
//! With JavaScript, an `ActionForm` posts in the background and the action's
//! value carries the result; the inputs keep what was typed because the page
//! never reloads. Without JavaScript the browser posts the form natively; the
//! server answers with a redirect back to the form's page whose query carries
//! `_form` (the server function), `_err` (the error as JSON), `_ok` (a small
//! success value) and `_v.<field>` (what was typed, passwords excepted). This
//! module reads both sources so a page renders the same feedback either way.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// Query key naming the server function a no-JS redirect answers.
pub const FORM_KEY: &str = "_form";
/// Query key carrying the error of a no-JS submission.
pub const ERROR_KEY: &str = "_err";
/// Query key carrying the success value of a no-JS submission.
pub const OK_KEY: &str = "_ok";
/// Prefix of query keys carrying typed values back to a no-JS form.
pub const VALUE_PREFIX: &str = "_v.";

/// The feedback of one form: its latest error or success and what was typed.
pub struct Feedback<S>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    action: ServerAction<S>,
    from_url: bool,
}

impl<S> Clone for Feedback<S>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    fn clone(&self) -> Self {
        *self
    }
}

impl<S> Copy for Feedback<S>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
}

impl<S> Feedback<S>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    /// Feedback for the form driven by `action`.
    pub fn new(action: ServerAction<S>) -> Self {
        let query = use_query_map();
        let from_url = query.with_untracked(|q| q.get(FORM_KEY).as_deref() == Some(S::PATH));
        Self { action, from_url }
    }

    /// The error to show: the action's latest, else the one carried in the URL.
    pub fn error(&self) -> Option<AppError> {
        match self.action.value().get() {
            Some(Err(e)) => Some(e),
            Some(Ok(_)) => None,
            None if self.from_url && self.action.version().get() == 0 => url_json(ERROR_KEY),
            None => None,
        }
    }

    /// The message for one field, if the latest error names it.
    pub fn field(&self, name: &str) -> Option<String> {
        self.error().and_then(|e| e.field_message(name))
    }

    /// A message for the whole form: any error that does not belong to a single field.
    pub fn general(&self) -> Option<String> {
        match self.error() {
            Some(AppError::Validation { errors }) if !errors.is_empty() => None,
            Some(e) => Some(e.to_string()),
            None => None,
        }
    }

    /// What was typed into a field before a no-JS round trip, or `default`.
    pub fn value(&self, name: &str, default: &str) -> String {
        if self.from_url {
            let key = format!("{VALUE_PREFIX}{name}");
            if let Some(v) = use_query_map().with_untracked(|q| q.get(&key)) {
                return v;
            }
        }
        default.to_owned()
    }

    /// Whether the latest submission succeeded.
    pub fn succeeded(&self) -> bool {
        match self.action.value().get() {
            Some(r) => r.is_ok(),
            None => self.from_url && use_query_map().with_untracked(|q| q.get(ERROR_KEY).is_none()),
        }
    }

    /// The action, for `ActionForm`.
    pub fn action(&self) -> ServerAction<S> {
        self.action
    }
}

impl<S> Feedback<S>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + DeserializeOwned + 'static,
{
    /// The latest success value: the action's, else the one carried in the URL.
    pub fn ok(&self) -> Option<S::Output> {
        match self.action.value().get() {
            Some(Ok(v)) => Some(v),
            Some(Err(_)) => None,
            None if self.from_url => url_json(OK_KEY),
            None => None,
        }
    }
}

fn url_json<T: DeserializeOwned>(key: &str) -> Option<T> {
    use_query_map()
        .with_untracked(|q| q.get(key))
        .and_then(|raw| serde_json::from_str(&raw).ok())
}

/// A form element that clears itself after its action succeeds. With JavaScript the page
/// does not reload, so a successful form would otherwise keep what was typed and invite a
/// duplicate submission.
pub fn reset_on_success<S>(action: ServerAction<S>) -> NodeRef<leptos::html::Form>
where
    S: ServerFn + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
    S::Error: Clone + Send + Sync + 'static,
{
    let form: NodeRef<leptos::html::Form> = NodeRef::new();
    Effect::new(move |_| {
        if matches!(action.value().get(), Some(Ok(_)))
            && let Some(el) = form.get()
        {
            el.reset();
        }
    });
    form
}
