//! The components panel: each component's status now, groups collapsible, and (on the list
//! page) a bar of its last days with the share of time without incidents.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::archives::use_archives;
use super::clock::use_clock;
use super::components::RichText;
use super::frame::after_next_paint;
use super::locale::use_locale;
use super::settings::use_settings;
use super::source::use_list;
use crate::components::{
    component_panel, history_bar, touching_last_days, uptime_for_display, ComponentState, DayCell,
    HistoryBar, PanelEntry,
};
use crate::feed::model::{ComponentStatus, Incident};
use crate::feed::with_archived;

/// Each bar by its row: a component's id, or a group's name.
type Bars = HashMap<String, Arc<HistoryBar>>;

fn group_key(name: &str) -> String {
    format!("group:{name}")
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
    move || {
        let entries = panel.get();
        (settings.components && !entries.is_empty()).then(|| {
            view! {
                <section class="components" aria-labelledby="components-heading">
                    <h2 id="components-heading">{move || locale.t("section.components")}</h2>
                    <ul class="component-list">
                        {entries.into_iter().map(|entry| view! { <Entry entry bars/> }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}

/// Every row's bar, from the incidents the reader has: the list, archives already opened,
/// and the newest archive when the period reaches back past the list (fetched once).
fn use_bars(panel: Memo<Vec<PanelEntry>>, days: u32) -> Memo<Bars> {
    let (settings, list) = (use_settings(), use_list());
    let (clock, locale, archives) = (use_clock(), use_locale(), use_archives());
    Effect::new(move |_| {
        let needed = list.data.with(|list| {
            let list = list.as_ref()?;
            let oldest = list.incidents.last().map(|incident| incident.started_at);
            let period_start = clock.minute.get().millis() - i64::from(days) * 86_400_000;
            let reaches_back = oldest.is_none_or(|oldest| oldest.millis() > period_start);
            let archive = list.archive.first()?;
            (reaches_back && !archives.is_loaded(&archive.path)).then(|| archive.path.clone())
        });
        if let Some(path) = needed {
            let bucket = settings.bucket();
            // A failure leaves the bars to the list's incidents; the archive button says why.
            spawn_local(async move {
                let _ = archives.load(&bucket, &path, false).await;
            });
        }
    });
    // The bars are drawn the frame after the page: the statuses and the incidents come first.
    let drawn = RwSignal::new(false);
    after_next_paint(move || {
        drawn.try_set(true);
    });
    Memo::new(move |_| {
        if !drawn.get() {
            return Bars::new();
        }
        let now = clock.minute.get();
        list.data.with(|list| {
            let Some(list) = list.as_ref() else {
                return Bars::new();
            };
            let merged: Vec<Incident>;
            let incidents = match archives.with_incidents(|archived| {
                let mut archived = archived.peekable();
                archived
                    .peek()
                    .is_some()
                    .then(|| with_archived(&list.incidents, archived))
            }) {
                Some(all) => {
                    merged = all;
                    &merged
                }
                None => &list.incidents,
            };
            let incidents = touching_last_days(incidents, days, now);
            let bar = |ids: &[&str]| {
                Arc::new(history_bar(&incidents, ids, days, now, |at| {
                    locale.zone_at(at)
                }))
            };
            let mut bars = Bars::new();
            for entry in panel.get() {
                match entry {
                    PanelEntry::Component(c) => {
                        bars.insert(c.id.clone(), bar(&[&c.id]));
                    }
                    PanelEntry::Group { name, members, .. } => {
                        let ids: Vec<&str> = members.iter().map(|m| m.id.as_str()).collect();
                        bars.insert(group_key(&name), bar(&ids));
                        for member in &members {
                            bars.insert(member.id.clone(), bar(&[&member.id]));
                        }
                    }
                }
            }
            bars
        })
    })
}

#[component]
fn Entry(entry: PanelEntry, bars: Option<Memo<Bars>>) -> impl IntoView {
    match entry {
        PanelEntry::Component(component) => view! { <ComponentRow component bars/> }.into_any(),
        PanelEntry::Group {
            name,
            status,
            members,
        } => {
            // Open while something in it is not working: the reader needs those first.
            let open = status != ComponentStatus::Operational;
            let bar = bars.map(|bars| {
                let key = group_key(&name);
                let label = name.clone();
                view! { <Bar bars key label/> }
            });
            view! {
                <li class="component-group">
                    <details open=open>
                        <summary class="component-row">
                            <span class="component-name" dir="auto">{name}</span>
                            <StatusOf status/>
                        </summary>
                        {bar}
                        <ul class="component-list">
                            {members.into_iter().map(|component| view! { <ComponentRow component bars/> }).collect_view()}
                        </ul>
                    </details>
                </li>
            }
            .into_any()
        }
    }
}

#[component]
fn ComponentRow(component: ComponentState, bars: Option<Memo<Bars>>) -> impl IntoView {
    let locale = use_locale();
    let id = component.id.clone();
    let bar = bars.map(|bars| {
        let (key, label) = (component.id.clone(), component.name.clone());
        view! { <Bar bars key label/> }
    });
    view! {
        <li class="component-item" data-component-id=component.id.clone()>
            <div class="component-row">
                // Its name filters the history to its incidents.
                <a class="component-name" dir="auto" href=move || locale.component_href(&id)>{component.name}</a>
                <StatusOf status=component.status/>
            </div>
            {bar}
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

/// One cell per day, oldest first; a single Tab stop, arrow keys move between days. The day
/// under the pointer or the keyboard is described below the bar, with its incidents as links.
#[component]
fn Bar(bars: Memo<Bars>, key: String, label: String) -> impl IntoView {
    let locale = use_locale();
    let bar = Memo::new(move |_| bars.with(|bars| bars.get(&key).cloned()));
    let selected = RwSignal::new(None::<usize>);
    let days = Memo::new(move |_| bar.with(|b| b.as_ref().map_or(0, |b| b.days.len())));
    let cells = move || {
        let Some(bar) = bar.get() else {
            return Vec::new();
        };
        let last = bar.days.len().saturating_sub(1);
        bar.days
            .iter()
            .enumerate()
            .map(|(index, day)| {
                let text = format!(
                    "{}: {}",
                    locale.day(day.date),
                    locale.t(&format!("component.{}", day.status.key()))
                );
                view! {
                    <button
                        type="button"
                        class=format!("cell component--{}", day.status.key())
                        tabindex=if index == last { "0" } else { "-1" }
                        aria-label=text.clone()
                        title=text
                        on:focus=move |_| selected.set(Some(index))
                        on:mouseenter=move |_| selected.set(Some(index))
                        on:click=move |_| selected.set(Some(index))
                    ></button>
                }
            })
            .collect::<Vec<_>>()
    };
    let uptime = move || {
        bar.with(|b| {
            b.as_ref().map(|b| {
                locale.plural(
                    "components.uptime",
                    b.days.len(),
                    &[("percent", &locale.percent(uptime_for_display(b.uptime)))],
                )
            })
        })
    };
    let detail = move || {
        let index = selected.get()?;
        let day = bar.with(|b| b.as_ref().and_then(|b| b.days.get(index).cloned()))?;
        Some(view! { <DayDetail day/> })
    };
    view! {
        <div class="history-bar">
            <div
                class="cells"
                role="group"
                aria-label=move || locale.plural("components.bar-label", days.get(), &[("component", &label)])
                on:keydown=move_between_days
            >
                {cells}
            </div>
            <div class="bar-legend" aria-hidden="true">
                <span class="period-long">{move || locale.plural("components.days-ago", days.get(), &[])}</span>
                <span class="period-short">{move || locale.plural("components.days-ago", days.get().min(NARROW_DAYS), &[])}</span>
                <span class="uptime">{uptime}</span>
                <span>{move || locale.t("components.today")}</span>
            </div>
            <p class="visually-hidden">{uptime}</p>
            <div class="day-detail" aria-live="polite">{detail}</div>
        </div>
    }
}

/// Days a narrow screen shows (the stylesheet hides the older cells below 30rem).
const NARROW_DAYS: usize = 30;

#[component]
fn DayDetail(day: DayCell) -> impl IntoView {
    let locale = use_locale();
    let status_key = format!("component.{}", day.status.key());
    view! {
        <p class="day-detail-head">
            <time datetime=day.date.iso()>{move || locale.day(day.date)}</time>
            " · "
            {move || locale.t(&status_key)}
        </p>
        {(!day.incidents.is_empty()).then(|| view! {
            <ul class="day-incidents">
                {day.incidents.into_iter().map(|incident| {
                    let id = incident.id.clone();
                    view! {
                        <li>
                            <a href=move || locale.href(Some(&id), None)>
                                <RichText markup=incident.title class="incident-link-text" inline=true/>
                            </a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        })}
    }
}

/// Arrow keys, Home and End move focus along a bar's visible cells (the one Tab stop moves
/// with it). In right-to-left pages the bar runs right to left, and so do the arrows.
fn move_between_days(event: web_sys::KeyboardEvent) {
    let Some(cell) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let Some(cells) = cell.parent_element() else {
        return;
    };
    let visible: Vec<web_sys::HtmlElement> = (0..cells.children().length())
        .filter_map(|i| cells.children().item(i))
        .filter_map(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        .filter(|el| el.offset_parent().is_some())
        .collect();
    let Some(at) = visible.iter().position(|el| el == &cell) else {
        return;
    };
    let rtl = document()
        .document_element()
        .is_some_and(|root| root.get_attribute("dir").as_deref() == Some("rtl"));
    let (back, forward) = if rtl {
        ("ArrowRight", "ArrowLeft")
    } else {
        ("ArrowLeft", "ArrowRight")
    };
    let key = event.key();
    let target = match key.as_str() {
        k if k == back => at.checked_sub(1),
        k if k == forward => Some(at + 1).filter(|&next| next < visible.len()),
        "Home" => Some(0),
        "End" => visible.len().checked_sub(1),
        _ => return,
    };
    event.prevent_default();
    if let Some(next) = target.and_then(|i| visible.get(i)) {
        let _ = cell.set_attribute("tabindex", "-1");
        let _ = next.set_attribute("tabindex", "0");
        let _ = next.focus();
    }
}
