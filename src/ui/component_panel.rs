//! The components panel: each component's status now, groups collapsible, and (on the list
//! page) a bar of its last days with the share of time without incidents (src/ui/bars.rs,
//! drawn once its chunk is in).

use leptos::prelude::*;

use super::bars::BarsView;
use super::chunks::{use_later, Later};
use super::clock::use_clock;
use super::locale::use_locale;
use super::settings::use_settings;
use super::source::use_list;
use crate::components::{component_panel, ComponentState, PanelEntry};
use crate::feed::model::ComponentStatus;

const GROUP_PREFIX: &str = "group:";

pub(super) fn group_key(name: &str) -> String {
    format!("{GROUP_PREFIX}{name}")
}

#[component]
pub fn ComponentPanel(
    /// With the history bars (the list page) or statuses only (the embed).
    #[prop(optional)]
    with_history: bool,
) -> impl IntoView {
    let (settings, list) = (use_settings(), use_list());
    let (clock, locale) = (use_clock(), use_locale());
    let panel = Memo::new(move |_| {
        list.data.with(|list| {
            list.as_ref()
                .map(|list| component_panel(list, clock.minute.get()))
                .unwrap_or_default()
        })
    });
    let bars = with_history.then(|| use_bars(panel, settings.component_days));
    // Rows are drawn anew only when they change (a component added, renamed, regrouped), and
    // show their status as it changes: a reader's focus in a bar survives a poll.
    let rows = Memo::new(move |_| panel.with(|entries| without_statuses(entries)));
    move || {
        let shown = settings.components && rows.with(|rows| !rows.is_empty());
        shown.then(|| {
            view! {
                <section class="components" aria-labelledby="components-heading">
                    <h2 id="components-heading">{move || locale.t("section.components")}</h2>
                    <ul class="component-list">
                        {rows.get().into_iter().map(|entry| view! { <Entry entry panel bars/> }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}

/// The panel as its rows are drawn: every status left out (as operational), since each row
/// follows its own status in [`status_of`].
fn without_statuses(entries: &[PanelEntry]) -> Vec<PanelEntry> {
    let operational = |component: &ComponentState| ComponentState {
        status: ComponentStatus::Operational,
        ..component.clone()
    };
    entries
        .iter()
        .map(|entry| match entry {
            PanelEntry::Component(component) => PanelEntry::Component(operational(component)),
            PanelEntry::Group { name, members, .. } => PanelEntry::Group {
                name: name.clone(),
                status: ComponentStatus::Operational,
                members: members.iter().map(operational).collect(),
            },
        })
        .collect()
}

/// The status of the row `key` names: a component's id, or a group's [`group_key`].
fn status_in(entries: &[PanelEntry], key: &str) -> Option<ComponentStatus> {
    entries.iter().find_map(|entry| match entry {
        PanelEntry::Component(c) => (c.id == key).then_some(c.status),
        PanelEntry::Group {
            name,
            status,
            members,
        } => (key.strip_prefix(GROUP_PREFIX) == Some(name.as_str()))
            .then_some(*status)
            .or_else(|| members.iter().find(|m| m.id == key).map(|m| m.status)),
    })
}

pub(super) type Panel = Memo<Vec<PanelEntry>>;

/// What every bar shares, once the bars' chunk is in: made in the panel's owner, so it lives as
/// long as the panel, at once when the chunk came before (and in a snapshot).
type Bars = ReadSignal<Option<(Later, BarsView)>>;

fn use_bars(panel: Panel, days: u32) -> Bars {
    let bars = RwSignal::new(None);
    use_later().when_in(move |parts: Later| bars.set(Some((parts, (parts.bars)(panel, days)))));
    bars.read_only()
}

/// A row's bar: the bars' own once their chunk is in; until then an empty bar of the same height.
fn bar_of(bars: Bars, key: String, label: String) -> impl IntoView {
    move || match bars.get() {
        Some((parts, shared)) => (parts.bar)(shared, key.clone(), label.clone()),
        None => view! {
            <div class="history-bar" aria-hidden="true">
                <div class="cells"></div>
                <div class="bar-legend"><span>"\u{a0}"</span></div>
            </div>
        }
        .into_any(),
    }
}

/// The row's status as it changes.
fn status_of(panel: Panel, key: String) -> Signal<ComponentStatus> {
    Signal::derive(move || {
        panel.with(|entries| status_in(entries, &key).unwrap_or(ComponentStatus::Operational))
    })
}

#[component]
fn Entry(entry: PanelEntry, panel: Panel, bars: Option<Bars>) -> impl IntoView {
    match entry {
        PanelEntry::Component(component) => {
            view! { <ComponentRow component panel bars/> }.into_any()
        }
        PanelEntry::Group { name, members, .. } => {
            let status = status_of(panel, group_key(&name));
            let bar = bars.map(|bars| bar_of(bars, group_key(&name), name.clone()));
            // Opened when something in it stops working: the reader needs those first. Never
            // closed for them, which would hide what they are reading.
            let opened = Memo::new(move |opened: Option<&bool>| {
                opened == Some(&true) || status.get() != ComponentStatus::Operational
            });
            view! {
                <li class="component-group">
                    <details open=opened>
                        <summary class="component-row">
                            <span class="component-name" dir="auto">{name}</span>
                            <StatusOf status/>
                        </summary>
                        {bar}
                        <ul class="component-list">
                            {members.into_iter().map(|component| view! { <ComponentRow component panel bars/> }).collect_view()}
                        </ul>
                    </details>
                </li>
            }
            .into_any()
        }
    }
}

#[component]
fn ComponentRow(component: ComponentState, panel: Panel, bars: Option<Bars>) -> impl IntoView {
    let locale = use_locale();
    let id = component.id.clone();
    let status = status_of(panel, component.id.clone());
    let bar = bars.map(|bars| bar_of(bars, component.id.clone(), component.name.clone()));
    view! {
        <li class="component-item" data-component-id=component.id.clone()>
            <div class="component-row">
                // Its name filters the history to its incidents.
                <a class="component-name" dir="auto" href=move || locale.component_href(&id)>{component.name}</a>
                <StatusOf status/>
            </div>
            {bar}
        </li>
    }
}

/// The status as an icon AND words, never colour alone.
#[component]
fn StatusOf(status: Signal<ComponentStatus>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <span class=move || format!("component-status component--{}", status.get().key())>
            <span class="status-icon" aria-hidden="true"></span>
            {move || locale.name(status.get())}
        </span>
    }
}
