//! The components panel on the list page: each component's status now, groups collapsible.

use leptos::prelude::*;

use super::clock::use_clock;
use super::locale::use_locale;
use super::Site;
use crate::components::{component_panel, ComponentState, PanelEntry};
use crate::feed::model::ComponentStatus;

#[component]
pub fn ComponentPanel() -> impl IntoView {
    let list = expect_context::<Site>().list;
    let (clock, locale) = (use_clock(), use_locale());
    let panel = Memo::new(move |_| {
        list.data.with(|list| {
            list.as_ref()
                .map(|list| component_panel(list, clock.minute.get()))
                .unwrap_or_default()
        })
    });
    move || {
        let entries = panel.get();
        (!entries.is_empty()).then(|| {
            view! {
                <section class="components" aria-labelledby="components-heading">
                    <h2 id="components-heading">{move || locale.t("section.components")}</h2>
                    <ul class="component-list">
                        {entries.into_iter().map(|entry| view! { <Entry entry/> }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}

#[component]
fn Entry(entry: PanelEntry) -> impl IntoView {
    match entry {
        PanelEntry::Component(component) => view! { <ComponentRow component/> }.into_any(),
        PanelEntry::Group {
            name,
            status,
            members,
        } => {
            let open = status != ComponentStatus::Operational;
            view! {
            <li class="component-group">
                // Open while something in it is not working: the reader needs those first.
                <details open=open>
                    <summary class="component-row">
                        <span class="component-name" dir="auto">{name}</span>
                        <StatusOf status/>
                    </summary>
                    <ul class="component-list">
                        {members.into_iter().map(|component| view! { <ComponentRow component/> }).collect_view()}
                    </ul>
                </details>
            </li>
            }
            .into_any()
        }
    }
}

#[component]
fn ComponentRow(component: ComponentState) -> impl IntoView {
    view! {
        <li class="component-row" data-component-id=component.id>
            <span class="component-name" dir="auto">{component.name}</span>
            <StatusOf status=component.status/>
        </li>
    }
}

/// The status as an icon AND words, never colour alone.
#[component]
fn StatusOf(status: ComponentStatus) -> impl IntoView {
    let locale = use_locale();
    let key = format!("component.{}", status.key());
    view! {
        <span class=format!("component-status component--{}", status.key())>
            <span class="status-icon" aria-hidden="true"></span>
            {move || locale.t(&key)}
        </span>
    }
}
