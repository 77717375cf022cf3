//! The front page: overall status, active incidents, maintenance, and the history by day.

use std::fmt::Write;

use leptos::prelude::*;

use super::chrome::CheckedAt;
use super::chunks::use_later;
use super::clock::use_clock;
use super::component_panel::ComponentPanel;
use super::components::{
    component_names, use_reported_wording, IncidentLink, OverallBox, SeverityBadge, Slotted,
    StaleNotice, StatusBadge, TimeStyle, TimeView, WhenLoaded,
};
use super::live::use_live;
use super::locale::use_locale;
use super::location::use_query;
use super::source::{use_list, use_overview};
use crate::feed::model::{Incident, Kind};
use crate::i18n::split_slot;
use crate::overview::{history_days_shown, history_of, DayGroup, Overall, Overview};
use crate::route::{component_filter, COMPONENT_PARAM};
use crate::time::Timestamp;

#[component]
pub fn ListPage() -> impl IntoView {
    let list = use_list();
    // Older incidents the reader asked for join the history in date order.
    let overview = use_overview(true);
    let has_data = Memo::new(move |_| overview.with(Option::is_some));
    // Each part re-renders only when its own incidents change.
    let part = move |pick: fn(&Overview) -> &Vec<Incident>| {
        Signal::derive(move || {
            overview.with(|o| o.as_ref().map(|o| pick(o).clone()).unwrap_or_default())
        })
    };
    view! {
        <StaleNotice error=list.error fetched_at=list.fetched_at data_shown=has_data.into()/>
        <WhenLoaded loaded=has_data.into() error=list.error error_heading="error.list" loading=|| view! { <LoadingSkeleton/> }>
            <OverallBanner overview/>
            <IncidentSection class="active-incidents" heading="section.active" incidents=part(|o| &o.active)/>
            <IncidentSection class="maintenance" heading="section.maintenance" incidents=part(|o| &o.maintenance)/>
            <ComponentPanel with_history=true/>
            <History overview/>
            <ArchivePlace/>
        </WhenLoaded>
    }
}

#[component]
fn LoadingSkeleton() -> impl IntoView {
    let locale = use_locale();
    view! {
        <div class="loading" aria-busy="true">
            <p class="overall overall--loading">{move || locale.t("loading.status")}</p>
        </div>
    }
}

#[component]
fn OverallBanner(overview: Memo<Option<Overview>>) -> impl IntoView {
    let overall = Memo::new(move |_| {
        overview.with(|o| o.as_ref().map_or(Overall::Operational, |o| o.overall))
    });
    let active = Memo::new(move |_| overview.with(|o| o.as_ref().map_or(0, |o| o.active.len())));
    let locale = use_locale();
    let detail = move || match active.get() {
        0 => locale.t("overall.none-open"),
        n => locale.plural("overall.open", n, &[]),
    };
    view! {
        <OverallBox status=Signal::derive(move || overall.get().key())>
            <div>
                <h1 tabindex="-1">{move || locale.name(overall.get())}</h1>
                <p>{detail}</p>
                // When the data was last confirmed: a snapshot says it as an absolute time.
                <p class="overall-as-of">
                    <Slotted key="overall.as-of" placeholder="time"><CheckedAt at=use_list().fetched_at/></Slotted>
                </p>
            </div>
        </OverallBox>
    }
}

/// Rows re-render when their incident changes (new update, new status, other components),
/// and only then. Component names follow the list on their own. One text (the id first: ids
/// are unique and have no spaces): every keyed list shares one copy of Leptos's keyed diffing.
pub(super) fn row_key(incident: &Incident) -> String {
    let mut key = format!(
        "{} {} {}",
        incident.id,
        incident.updated_at.millis(),
        incident.status.key()
    );
    // Each component reference with its length: they may hold any character, and other
    // components must always make another key.
    for component in &incident.components {
        let _ = write!(key, " {}:{component}", component.len());
    }
    key
}

/// A titled list of incidents; renders nothing while there are none.
#[component]
fn IncidentSection(
    class: &'static str,
    heading: &'static str,
    incidents: Signal<Vec<Incident>>,
) -> impl IntoView {
    let empty = Memo::new(move |_| incidents.with(Vec::is_empty));
    let heading_id = format!("{class}-heading");
    let locale = use_locale();
    move || {
        (!empty.get()).then(|| {
            view! {
                <section class=class aria-labelledby=heading_id.clone()>
                    <h2 id=heading_id.clone()>{move || locale.t(heading)}</h2>
                    <ul class="incident-list">
                        <For each=move || incidents.get() key=row_key children=|incident| view! { <IncidentRow incident/> }/>
                    </ul>
                </section>
            }
        })
    }
}

/// Reads the history shown: the component's days when filtered, else the overview's own.
fn read_history<R>(
    overview: Memo<Option<Overview>>,
    filtered: Memo<Option<Vec<DayGroup>>>,
    read: impl FnOnce(&[DayGroup]) -> R,
) -> R {
    filtered.with(|filtered| match filtered {
        Some(days) => read(days),
        None => overview.with(|o| read(o.as_ref().map_or(&[][..], |o| &o.history))),
    })
}

/// Finished incidents by day in the reader's zone, newest day first.
#[component]
fn History(overview: Memo<Option<Overview>>) -> impl IntoView {
    let locale = use_locale();
    let list = use_list();
    let query = use_query();
    // `?component=<id>`: only the incidents that named that component.
    let filter = Memo::new(move |_| query.with(|q| component_filter(q.get(COMPONENT_PARAM))));
    // Only a filtered history is a copy: years of incidents are not cloned for every change.
    let filtered = Memo::new(move |_| {
        let component = filter.get()?;
        overview.with(|o| o.as_ref().map(|o| history_of(&o.history, &component)))
    });
    // Pages of history shown: the first at once, one more for each "Show earlier days".
    let pages = RwSignal::new(1);
    let total = Memo::new(move |_| read_history(overview, filtered, <[DayGroup]>::len));
    let shown = Memo::new(move |_| {
        read_history(overview, filtered, |all| {
            history_days_shown(all, pages.get())
        })
    });
    // A day re-renders when any of its incidents changes, and only then.
    let days = Memo::new(move |_| {
        let shown = shown.get();
        read_history(overview, filtered, |all| {
            all.iter().take(shown).cloned().collect::<Vec<_>>()
        })
    });
    let filter_note = move || {
        let component = filter.get()?;
        let name = list.data.with(|l| {
            l.as_ref().map_or(component.clone(), |l| {
                l.component_name(&component).to_string()
            })
        });
        Some(view! {
            <p class="filter-note" role="status">
                {locale.t_with("history.filtered", &[("component", &name)])}
                " "
                <a href=move || locale.href(None, None)>{move || locale.t("history.show-all")}</a>
            </p>
        })
    };
    let day_key = |day: &DayGroup| {
        let rows = day.incidents.iter().map(row_key).collect::<Vec<_>>();
        format!("{}\n{}", day.date.iso(), rows.join("\n"))
    };
    let day_view = move |day: DayGroup| {
        view! {
            <section class="day">
                <h3><time datetime=day.date.iso()>{move || locale.day(day.date)}</time></h3>
                <ul class="incident-list">
                    {day.incidents.into_iter().map(|incident| view! { <IncidentRow incident/> }).collect_view()}
                </ul>
            </section>
        }
    };
    view! {
        <section class="history" aria-labelledby="history-heading">
            <h2 id="history-heading">{move || locale.t("section.history")}</h2>
            {filter_note}
            {move || (total.get() == 0).then(|| view! { <p class="empty-note">{move || locale.t("history.empty")}</p> })}
            <For each=move || days.get() key=day_key children=day_view/>
            {move || (total.get() > shown.get()).then(|| view! {
                <button type="button" class="archive-button history-more" on:click=move |_| pages.update(|n| *n += 1)>
                    {move || locale.t("history.more")}
                </button>
            })}
        </section>
    }
}

#[component]
fn IncidentRow(incident: Incident) -> impl IntoView {
    let components = component_names(incident.components.clone());
    // Maintenance is described by its window, incidents by when they started (were reported).
    let (reported, started) = (use_reported_wording(), incident.started_at);
    let when = match incident.kind {
        Kind::Maintenance { start, end } => view! {
            <span class="meta-item"><Window start end/></span>
        }
        .into_any(),
        Kind::Incident => view! {
            <span class="meta-item">
                {move || match reported.get() {
                    true => view! { <Slotted key="row.reported" placeholder="time"><TimeView at=started/></Slotted> }.into_any(),
                    false => view! { <Slotted key="row.started" placeholder="time"><TimeView at=started/></Slotted> }.into_any(),
                }}
            </span>
        }
        .into_any(),
    };
    let locale = use_locale();
    let lasted = incident.resolved_at.map(|end| {
        let started = incident.started_at;
        view! {
            <span class="meta-item">
                {move || locale.t_with("row.lasted", &[("duration", &locale.duration(started, end))])}
            </span>
        }
    });
    // A closed incident's impact is over; a feed's own severity stays part of its record.
    let severity = (incident.severity.is_some() || !incident.status.is_closed())
        .then(|| view! { <SeverityBadge incident=incident.clone()/> });
    let (live, clock) = (use_live(), use_clock());
    let mark = {
        let id = incident.id.clone();
        Memo::new(move |_| live.mark_of(&id, clock.minute.get()))
    };
    view! {
        <li
            class=format!("incident-row status--{}", incident.status.key())
            class:is-new=move || mark.get().is_some()
            data-incident-id=incident.id.clone()
        >
            <div class="row-head">
                <IncidentLink id=incident.id.clone() title=incident.title.clone() class="incident-link"/>
                {move || mark.get().map(|change| view! { <span class="new-badge">{locale.t(change.key())}</span> })}
                <StatusBadge status=incident.status/>
                {severity}
            </div>
            <p class="row-meta">
                {when}
                <span class="meta-item"><Slotted key="row.updated" placeholder="time"><TimeView at=incident.updated_at style=TimeStyle::Relative/></Slotted></span>
                {lasted}
                {(!incident.components.is_empty()).then(|| view! {
                    <span class="meta-item">
                        <Slotted key="row.affects" placeholder="components"><bdi>{components}</bdi></Slotted>
                    </span>
                })}
            </p>
            {incident.latest_update.clone().map(|text| view! { <p class="latest-update" dir="auto">{text}</p> })}
        </li>
    }
}

/// The archive buttons come with the parts drawn after the first paint; until then their
/// places are held (one line each), so nothing below them moves when they come.
#[component]
fn ArchivePlace() -> impl IntoView {
    let (list, later) = (use_list(), use_later());
    let count = Memo::new(move |_| {
        list.data
            .with(|l| l.as_ref().map_or(0, |l| l.archive.len()))
    });
    let place = || view! { <div class="archive-item"><span class="archive-button archive-place">"\u{a0}"</span></div> };
    let places = move || view! { <div class="archive" aria-hidden="true">{(0..count.get()).map(|_| place()).collect_view()}</div> };
    move || match later.parts() {
        Some(parts) => (parts.archive)(),
        None => (count.get() > 0).then(places).into_any(),
    }
}

/// "Window {start} – {end}" with both times as `<time>` elements.
#[component]
pub fn Window(start: Timestamp, end: Timestamp) -> impl IntoView {
    let locale = use_locale();
    let parts = Memo::new(move |_| {
        let text = locale.t("row.window");
        let (before, rest) = split_slot(&text, "start");
        let (middle, after) = split_slot(&rest, "end");
        (before.into_owned(), middle.into_owned(), after.into_owned())
    });
    view! {
        {move || parts.get().0}
        <TimeView at=start/>
        {move || parts.get().1}
        <TimeView at=end/>
        {move || parts.get().2}
    }
}
