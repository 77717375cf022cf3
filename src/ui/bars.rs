//! The components' history bars: a bar of each component's last days with the share of time
//! without incidents. Drawn after the list page's first paint, so they come in a chunk of their
//! own (see `chunks::Later`).

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::archives::use_archives;
use super::clock::use_clock;
use super::component_panel::{group_key, Panel};
use super::components::IncidentLink;
use super::effect::{effect, effect_with};
use super::frame::draw_in_batches;
use super::locale::use_locale;
use super::settings::use_settings;
use super::source::use_list;
use crate::batches::Batches;
use crate::components::{
    cell_looks, cells_markup, history_bar, touching_last_days, uptime_for_display, CellLook,
    DayCell, DayGrid, HistoryBar, PanelEntry,
};
use crate::feed::model::Incident;
use crate::feed::with_archived;

/// Every row's bar in the panel's order, found by its row: a component's id, or a group's name.
#[derive(Clone, Default, PartialEq)]
struct Bars {
    order: HashMap<String, usize>,
    bars: Vec<Arc<HistoryBar>>,
}

impl Bars {
    fn push(&mut self, key: String, bar: HistoryBar) {
        self.order.insert(key, self.bars.len());
        self.bars.push(Arc::new(bar));
    }

    /// The row's bar once its turn to be drawn has come.
    fn drawn(&self, key: &str, rows_drawn: usize) -> Option<Arc<HistoryBar>> {
        let index = *self.order.get(key)?;
        (index < rows_drawn).then(|| self.bars[index].clone())
    }
}

/// What every bar of the panel shares: the bars, how many rows are drawn so far, and the days'
/// names (one `Intl` call per day, not one per cell).
#[derive(Clone, Copy)]
pub struct BarsView {
    bars: Memo<Bars>,
    rows_drawn: ReadSignal<usize>,
    day_names: Memo<Vec<String>>,
}

/// Rows of bars drawn in the first frame after the page: a panel of 50 components is 4,500
/// cells, too many for one task without delaying input. The frames after draw as many as the
/// first frames' times say fit (`crate::batches`).
const FIRST_ROWS: usize = 10;

/// Every row's bar, from the incidents the reader has: the list, archives already opened,
/// and the newest archive when the period reaches back past the list (fetched once).
pub fn shared_bars(panel: Panel, days: u32) -> BarsView {
    let (settings, list) = (use_settings(), use_list());
    let (clock, locale, archives) = (use_clock(), use_locale(), use_archives());
    effect(move || {
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
    // The bars are drawn from the frame after the page, a few rows a frame: the statuses and
    // the incidents come first.
    let rows_drawn = RwSignal::new(0usize);
    let started = Memo::new(move |_| rows_drawn.get() > 0);
    let grid = Memo::new(move |_| {
        let now = clock.minute.get();
        started
            .get()
            .then(|| Arc::new(DayGrid::new(days, now, locale.zone_offsets())))
    });
    // The grid moves with every minute; its dates only at midnight.
    let dates = Memo::new(move |_| {
        grid.with(|grid| {
            grid.as_ref()
                .map(|grid| grid.dates().collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let day_names = Memo::new(move |_| {
        dates.with(|dates| dates.iter().map(|&date| locale.day(date)).collect())
    });
    let bars = Memo::new(move |_| {
        let Some(grid) = grid.get() else {
            return Bars::default();
        };
        list.data.with(|list| {
            let Some(list) = list.as_ref() else {
                return Bars::default();
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
            let incidents = touching_last_days(incidents, days, clock.minute.get());
            let mut bars = Bars::default();
            for entry in panel.get() {
                match entry {
                    PanelEntry::Component(c) => {
                        bars.push(c.id.clone(), history_bar(&incidents, &[&c.id], &grid));
                    }
                    PanelEntry::Group { name, members, .. } => {
                        let ids: Vec<&str> = members.iter().map(|m| m.id.as_str()).collect();
                        bars.push(group_key(&name), history_bar(&incidents, &ids, &grid));
                        for member in &members {
                            bars.push(
                                member.id.clone(),
                                history_bar(&incidents, &[&member.id], &grid),
                            );
                        }
                    }
                }
            }
            bars
        })
    });
    draw_rows(rows_drawn, bars);
    BarsView {
        bars,
        rows_drawn: rows_drawn.read_only(),
        day_names,
    }
}

/// After each paint, lets the next rows of bars be drawn, until all are; then every row
/// (also one a later poll adds) is drawn at once.
fn draw_rows(rows_drawn: RwSignal<usize>, bars: Memo<Bars>) {
    draw_in_batches(Batches::new(FIRST_ROWS), move |more| {
        let Some(rows) = rows_drawn.try_update(|rows| {
            *rows = rows.saturating_add(more);
            *rows
        }) else {
            return false;
        };
        match bars.try_with_untracked(|bars| bars.bars.len()) {
            Some(total) if rows < total => true,
            _ => {
                rows_drawn.set(usize::MAX);
                false
            }
        }
    });
}

/// One cell per day, oldest first; a single Tab stop, arrow keys move between days. The day
/// under the pointer or the keyboard is described below the bar, with its incidents as links.
/// The cells carry no handlers of their own: the bar listens for all of them.
/// A row's bar.
pub fn draw_bar(shared: BarsView, key: String, label: String) -> AnyView {
    view! { <Bar shared key label/> }.into_any()
}

#[component]
fn Bar(shared: BarsView, key: String, label: String) -> impl IntoView {
    let locale = use_locale();
    let BarsView {
        bars,
        rows_drawn,
        day_names,
    } = shared;
    let bar = Memo::new(move |_| {
        let rows = rows_drawn.get();
        bars.with(|bars| bars.drawn(&key, rows))
    });
    let selected = RwSignal::new(None::<usize>);
    let select = move |event: web_sys::Event| {
        if let Some(index) = day_of(&event) {
            selected.set(Some(index));
        }
    };
    // The share changes with every minute of an outage, the days far less often: only a
    // change of the days draws the cells again.
    let day_cells = Memo::new(move |_| bar.with(|b| b.as_ref().map(|b| b.days.clone())));
    let days = Memo::new(move |_| day_cells.with(|cells| cells.as_ref().map_or(0, Vec::len)));
    let looks = Memo::new(move |_| {
        day_cells.with(|cells| {
            cells.as_ref().map_or_else(Vec::new, |cells| {
                day_names.with(|names| cell_looks(cells, names, |status| locale.name(status)))
            })
        })
    });
    // The cells are markup the first time (so also in a snapshot); afterwards only the cells
    // whose day changed are touched, so a focused cell keeps its focus.
    let cells = NodeRef::<leptos::html::Div>::new();
    let first = looks.get_untracked();
    let first_markup = cells_markup(&first);
    effect_with(move |shown: Option<Vec<CellLook>>| {
        let shown = shown.unwrap_or_else(|| first.clone());
        let Some(element) = cells.get() else {
            return shown;
        };
        looks.with(|looks| {
            redraw_cells(&element, &shown, looks);
            looks.clone()
        })
    });
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
        let day =
            day_cells.with(|cells| cells.as_ref().and_then(|cells| cells.get(index).cloned()))?;
        Some(view! { <DayDetail day/> })
    };
    view! {
        <div class="history-bar">
            <div
                class="cells"
                role="group"
                aria-label=move || locale.plural("components.bar-label", days.get(), &[("component", &label)])
                on:keydown=move_between_days
                on:focusin=move |event| select(event.into())
                on:mouseover=move |event| select(event.into())
                on:click=move |event| select(event.into())
                node_ref=cells
                inner_html=first_markup
            ></div>
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

/// Brings the cells drawn as `shown` to `looks`: the changed cells only, or all of them anew
/// when their number changed.
fn redraw_cells(cells: &web_sys::Element, shown: &[CellLook], looks: &[CellLook]) {
    let children = cells.children();
    if shown.len() != looks.len() || children.length() as usize != looks.len() {
        cells.set_inner_html(&cells_markup(looks));
        return;
    }
    for (index, (old, look)) in shown.iter().zip(looks).enumerate() {
        if old == look {
            continue;
        }
        if let Some(cell) = children.item(index as u32) {
            cell.set_class_name(&look.class);
            let _ = cell.set_attribute("aria-label", &look.label);
        }
    }
}

/// The day of the cell an event happened on (`data-day`), if it happened on one.
fn day_of(event: &web_sys::Event) -> Option<usize> {
    event
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .get_attribute("data-day")?
        .parse()
        .ok()
}

/// Days a narrow screen shows (the stylesheet hides the older cells below 30rem).
const NARROW_DAYS: usize = 30;

#[component]
fn DayDetail(day: DayCell) -> impl IntoView {
    let locale = use_locale();
    let status = day.status;
    view! {
        <p class="day-detail-head">
            <time datetime=day.date.iso()>{move || locale.day(day.date)}</time>
            " · "
            {move || locale.name(status)}
        </p>
        {(!day.incidents.is_empty()).then(|| view! {
            <ul class="day-incidents">
                {day.incidents.into_iter().map(|incident| view! {
                    <li><IncidentLink id=incident.id title=incident.title/></li>
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
