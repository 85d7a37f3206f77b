//! The billing page: subscriptions and invoices.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::billing::api::{CancelSubscription, MarkInvoicePaid, load_billing};
use crate::billing::types::{InvoiceStatus, SubscriptionStatus};
use crate::forms::Feedback;
use crate::ui::{Badge, Empty, ErrorPanel, FormAlert, Loading};

/// Subscriptions and invoices of the active organisation.
#[component]
pub fn BillingPage() -> impl IntoView {
    let pay = ServerAction::<MarkInvoicePaid>::new();
    let cancel = ServerAction::<CancelSubscription>::new();
    let pay_fb = Feedback::new(pay);
    let cancel_fb = Feedback::new(cancel);
    let data = Resource::new(
        move || (pay.version().get(), cancel.version().get()),
        |_| load_billing(),
    );
    view! {
        <Title text="Billing"/>
        <h1>"Billing"</h1>
        <FormAlert message=Signal::derive(move || pay_fb.general().or_else(|| cancel_fb.general()))/>
        <Transition fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(b) => {
                        let can = b.can_manage;
                        view! {
                            <section class="card" aria-labelledby="subs-h">
                                <h2 id="subs-h">"Subscriptions"</h2>
                                {if b.subscriptions.is_empty() {
                                    view! { <Empty text="No subscriptions yet."/> }.into_any()
                                } else {
                                    view! {
                                        <ul class="rows">
                                            {b.subscriptions.into_iter().map(|s| {
                                                let tone = match s.status { SubscriptionStatus::Active => "ok", SubscriptionStatus::PendingPayment => "warn", SubscriptionStatus::Canceled => "neutral" };
                                                let cancellable = can && s.status != SubscriptionStatus::Canceled;
                                                let cancel_label = format!("Cancel subscription to {}", s.app_name);
                                                let sub_id = s.id.to_string();
                                                view! {
                                                    <li class="row" data-subscription=s.id.to_string()>
                                                        <span><a href=format!("/apps/{}", s.app_slug)>{s.app_name.clone()}</a> " · " {s.plan_name} " · " {s.price}</span>
                                                        <Badge text=s.status.label() tone/>
                                                        {cancellable.then(|| view! {
                                                            <ActionForm action=cancel>
                                                                <input type="hidden" name="subscription_id" value=sub_id/>
                                                                <button type="submit" class="btn btn-danger" aria-label=cancel_label>"Cancel"</button>
                                                            </ActionForm>
                                                        })}
                                                    </li>
                                                }
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                            </section>
                            <section class="card" aria-labelledby="inv-h">
                                <h2 id="inv-h">"Invoices"</h2>
                                {if b.invoices.is_empty() {
                                    view! { <Empty text="No invoices yet."/> }.into_any()
                                } else {
                                    view! {
                                        <table class="table">
                                            <thead><tr><th scope="col">"Number"</th><th scope="col">"For"</th><th scope="col">"Amount"</th><th scope="col">"Status"</th><th scope="col"><span class="sr-only">"Actions"</span></th></tr></thead>
                                            <tbody>
                                                {b.invoices.into_iter().map(|i| {
                                                    let open = i.status == InvoiceStatus::Open;
                                                    let pay_label = format!("Mark invoice {} as paid", i.number);
                                                    let invoice_id = i.id.to_string();
                                                    view! {
                                                        <tr data-invoice=i.number.clone()>
                                                            <td>{i.number.clone()}<br/><span class="muted">{i.issued}</span></td>
                                                            <td>{i.description}</td>
                                                            <td>{i.amount}</td>
                                                            <td>
                                                                {match i.status { InvoiceStatus::Paid => view!{<Badge text="Paid" tone="ok"/>}, InvoiceStatus::Open => view!{<Badge text="Open" tone="warn"/>}, InvoiceStatus::Void => view!{<Badge text="Void" tone="neutral"/>} }}
                                                                {open.then(|| view! { <p class="muted">"Bank transfer reference: " <code>{i.payment_reference.clone()}</code></p> })}
                                                            </td>
                                                            <td>
                                                                {(open && can).then(|| view! {
                                                                    <ActionForm action=pay>
                                                                        <input type="hidden" name="invoice_id" value=invoice_id/>
                                                                        <button type="submit" class="btn btn-primary" aria-label=pay_label>"Mark as paid"</button>
                                                                    </ActionForm>
                                                                })}
                                                            </td>
                                                        </tr>
                                                    }
                                                }).collect_view()}
                                            </tbody>
                                        </table>
                                    }.into_any()
                                }}
                            </section>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}
