//! The team page (members, invitations, vendor profile) and the invitation page.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::forms::{Feedback, reset_on_success};
use crate::layout::ViewerResource;
use crate::tenancy::api::{
    AcceptInvite, BecomeVendor, CreateInvite, RevokeInvite, load_invite, team,
};
use crate::ui::{Empty, ErrorPanel, Field, FormAlert, Loading, Select, Submit};

/// Members, invitations and the vendor profile of the active organisation.
#[component]
pub fn TeamPage() -> impl IntoView {
    let invite = ServerAction::<CreateInvite>::new();
    let revoke = ServerAction::<RevokeInvite>::new();
    let vendor = ServerAction::<BecomeVendor>::new();
    let invite_fb = Feedback::new(invite);
    let revoke_fb = Feedback::new(revoke);
    let vendor_fb = Feedback::new(vendor);
    let invite_form = reset_on_success(invite);
    let data = Resource::new(
        move || (invite.version().get(), revoke.version().get()),
        |_| team(),
    );
    let roles = vec![
        ("member".to_owned(), "Member".to_owned()),
        ("admin".to_owned(), "Admin".to_owned()),
    ];
    view! {
        <Title text="Team"/>
        <Transition fallback=|| view! { <Loading/> }>
            {move || {
                let roles = roles.clone();
                Suspend::new(async move {
                match data.await {
                    Ok(t) => view! {
                        <h1>{t.tenant_name.clone()}</h1>
                        <section class="card" aria-labelledby="members-h">
                            <h2 id="members-h">"Members"</h2>
                            <table class="table">
                                <thead><tr><th scope="col">"Name"</th><th scope="col">"Email"</th><th scope="col">"Role"</th><th scope="col">"Joined"</th></tr></thead>
                                <tbody>
                                    {t.members.into_iter().map(|m| view! {
                                        <tr><td>{m.display_name}</td><td>{m.email}</td><td>{m.role.label()}</td><td>{m.joined}</td></tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </section>
                        {t.can_manage.then(|| view! {
                            <section class="card" aria-labelledby="invite-h">
                                <h2 id="invite-h">"Invite someone"</h2>
                                <FormAlert message=Signal::derive(move || invite_fb.general().or_else(|| revoke_fb.general()))/>
                                {move || invite_fb.ok().map(|created| view! {
                                    <div class="alert alert-ok" role="status">
                                        "Send this link to " {created.email} ": "
                                        <input class="copy" readonly value=created.url aria-label="Invitation link"/>
                                    </div>
                                })}
                                <ActionForm action=invite node_ref=invite_form attr:novalidate=true attr:class="inline-form">
                                    <Field name="email" label="Email" kind="email" value=invite_fb.value("email", "") error=Signal::derive(move || invite_fb.field("email"))/>
                                    <Select name="role" label="Role" options=roles.clone() value=invite_fb.value("role", "member") error=Signal::derive(move || invite_fb.field("role"))/>
                                    <Submit label="Create invitation" pending=invite.pending()/>
                                </ActionForm>
                                <h3>"Pending invitations"</h3>
                                {if t.invites.is_empty() {
                                    view! { <Empty text="No pending invitations."/> }.into_any()
                                } else {
                                    view! {
                                        <ul class="rows">
                                            {t.invites.clone().into_iter().map(|i| view! {
                                                <li class="row">
                                                    <span>{i.email.clone()} " · " {i.role.label()} " · expires " {i.expires}</span>
                                                    <ActionForm action=revoke>
                                                        <input type="hidden" name="invite_id" value=i.id.to_string()/>
                                                        <button type="submit" class="btn btn-secondary" aria-label=format!("Revoke invitation for {}", i.email)>"Revoke"</button>
                                                    </ActionForm>
                                                </li>
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                            </section>
                        })}
                        <section class="card" aria-labelledby="vendor-h">
                            <h2 id="vendor-h">"Publishing"</h2>
                            {if t.is_vendor {
                                view! { <p>"This organisation is a vendor. " <a href="/vendor">"Manage your apps"</a></p> }.into_any()
                            } else {
                                view! {
                                    <p>"Publish your own apps in the store. Only the owner can turn this on."</p>
                                    <FormAlert message=Signal::derive(move || vendor_fb.general())/>
                                    <ActionForm action=vendor attr:novalidate=true attr:class="inline-form">
                                        <Field name="vendor_name" label="Publisher name" value=vendor_fb.value("vendor_name", &t.tenant_name) error=Signal::derive(move || vendor_fb.field("vendor_name"))/>
                                        <Submit label="Become a vendor" pending=vendor.pending()/>
                                    </ActionForm>
                                }.into_any()
                            }}
                        </section>
                    }
                    .into_any(),
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                }
            })}}
        </Transition>
    }
}

/// What an invitation offers, and accepting it.
#[component]
pub fn InvitePage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let accept = ServerAction::<AcceptInvite>::new();
    let fb = Feedback::new(accept);
    let data = Resource::new(token, load_invite);
    let viewer = use_context::<ViewerResource>();
    view! {
        <Title text="Invitation"/>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                let v = match viewer { Some(r) => r.0.await, None => None };
                let token = token();
                match data.await {
                    Ok(p) => view! {
                        <section class="card narrow">
                            <h1>{format!("Join {}", p.tenant_name)}</h1>
                            <p>{format!("You were invited as {} ({}).", p.role.label(), p.email)}</p>
                            <FormAlert message=Signal::derive(move || fb.general())/>
                            {if v.is_some() {
                                view! {
                                    <ActionForm action=accept>
                                        <input type="hidden" name="token" value=token/>
                                        <Submit label="Accept invitation" pending=accept.pending()/>
                                    </ActionForm>
                                }.into_any()
                            } else {
                                let next = format!("/invite/{token}");
                                view! {
                                    <p>
                                        <a class="btn btn-primary" href=format!("/login?next={next}")>"Log in to accept"</a>
                                        " or "
                                        <a href="/signup">"create an account"</a>
                                        " first, then open this link again."
                                    </p>
                                }.into_any()
                            }}
                        </section>
                    }.into_any(),
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
