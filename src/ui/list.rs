//! The front page: overall status, active incidents, maintenance, and the history by day.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::clock::use_clock;
use super::components::{
    ErrorPanel, ImpactBadge, RichText, StaleNotice, StatusBadge, TimeStyle, TimeView,
};
use super::live::use_live;
use super::Site;
use crate::feed::model::{ArchiveRef, Incident, Kind, Status};
use crate::overview::{overview, Overall, Overview};
use crate::route::incident_href;
use crate::time::{format_duration, Date, Timestamp};

#[component]
pub fn ListPage() -> impl IntoView {
    let site = expect_context::<Site>();
    let list = site.list;
    let clock = use_clock();
    // Older incidents the reader asked for, appended below the history.
    let archived = RwSignal::new(Vec::<Incident>::new());
    let overview = Memo::new(move |_| {
        list.data.get().map(|list| {
            let mut incidents = list.incidents.clone();
            incidents.extend(archived.get());
            overview(&incidents, clock.now.get(), |at| clock.zone_at(at))
        })
    });
    let has_data = Memo::new(move |_| overview.with(Option::is_some));
    // Each part re-renders only when its own incidents change.
    let part = move |pick: fn(&Overview) -> &Vec<Incident>| {
        Signal::derive(move || {
            overview.with(|o| o.as_ref().map(|o| pick(o).clone()).unwrap_or_default())
        })
    };
    view! {
        <StaleNotice error=list.error.into() fetched_at=list.fetched_at.into()/>
        {move || {
            if has_data.get() {
                view! {
                    <OverallBanner overview/>
                    <IncidentSection class="active-incidents" heading="Active incidents" incidents=part(|o| &o.active)/>
                    <IncidentSection class="maintenance" heading="Scheduled maintenance" incidents=part(|o| &o.maintenance)/>
                    <History overview/>
                    <Archive archived/>
                }
                .into_any()
            } else {
                match list.error.get() {
                    Some(error) => view! {
                        <ErrorPanel error heading="Status data could not be loaded" retry=Some(site.poll_seconds)/>
                    }
                    .into_any(),
                    None => view! { <LoadingSkeleton/> }.into_any(),
                }
            }
        }}
    }
}

#[component]
pub fn LoadingSkeleton() -> impl IntoView {
    view! {
        <div class="loading" aria-busy="true">
            <p class="overall overall--loading">"Loading status…"</p>
        </div>
    }
}

#[component]
fn OverallBanner(overview: Memo<Option<Overview>>) -> impl IntoView {
    let overall = Memo::new(move |_| {
        overview.with(|o| o.as_ref().map_or(Overall::Operational, |o| o.overall))
    });
    let active = Memo::new(move |_| overview.with(|o| o.as_ref().map_or(0, |o| o.active.len())));
    let detail = move || match active.get() {
        0 => "No incidents are open.".to_string(),
        1 => "1 incident is open.".to_string(),
        n => format!("{n} incidents are open."),
    };
    view! {
        <section id="overall-status" class=move || format!("overall overall--{}", overall.get().key()) role="status">
            <span class="overall-icon" aria-hidden="true"></span>
            <div>
                <h1 tabindex="-1">{move || overall.get().label()}</h1>
                <p>{detail}</p>
            </div>
        </section>
    }
}

/// Rows re-render when their incident changes (new update, new status), and only then.
fn row_key(incident: &Incident) -> (String, Timestamp, Status) {
    (incident.id.clone(), incident.updated_at, incident.status)
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
    move || {
        (!empty.get()).then(|| {
            view! {
                <section class=class aria-labelledby=heading_id.clone()>
                    <h2 id=heading_id.clone()>{heading}</h2>
                    <ul class="incident-list">
                        <For each=move || incidents.get() key=row_key children=|incident| view! { <IncidentRow incident/> }/>
                    </ul>
                </section>
            }
        })
    }
}

/// Finished incidents by day in the reader's zone, newest day first.
#[component]
fn History(overview: Memo<Option<Overview>>) -> impl IntoView {
    let days = Memo::new(move |_| {
        overview.with(|o| {
            o.as_ref()
                .map(|o| o.history.iter().map(|day| day.date).collect::<Vec<Date>>())
                .unwrap_or_default()
        })
    });
    let day_view = move |date: Date| {
        let incidents = Signal::derive(move || {
            overview.with(|o| {
                o.as_ref()
                    .and_then(|o| o.history.iter().find(|day| day.date == date))
                    .map(|day| day.incidents.clone())
                    .unwrap_or_default()
            })
        });
        view! {
            <section class="day">
                <h3><time datetime=date.iso()>{date.long()}</time></h3>
                <ul class="incident-list">
                    <For each=move || incidents.get() key=row_key children=|incident| view! { <IncidentRow incident/> }/>
                </ul>
            </section>
        }
    };
    view! {
        <section class="history" aria-labelledby="history-heading">
            <h2 id="history-heading">"Past incidents"</h2>
            {move || days.with(Vec::is_empty).then(|| view! { <p class="empty-note">"No incidents reported recently."</p> })}
            <For each=move || days.get() key=|date| *date children=day_view/>
        </section>
    }
}

#[component]
fn IncidentRow(incident: Incident) -> impl IntoView {
    let site = expect_context::<Site>();
    let components = site.list.data.with_untracked(|list| {
        list.as_ref()
            .map(|list| {
                incident
                    .components
                    .iter()
                    .map(|id| list.component_name(id).to_string())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    // Maintenance is described by its window, incidents by when they started.
    let when = match incident.kind {
        Kind::Maintenance { start, end } => view! {
            <span class="meta-item">"Window " <TimeView at=start/> " – " <TimeView at=end/></span>
        }
        .into_any(),
        Kind::Incident => view! {
            <span class="meta-item">"Started " <TimeView at=incident.started_at/></span>
        }
        .into_any(),
    };
    let lasted = incident
        .resolved_at
        .map(|end| view! { <span class="meta-item">"Lasted " {format_duration(incident.started_at, end)}</span> });
    let impact = incident.impact.filter(|_| !incident.status.is_closed());
    let (live, clock) = (use_live(), use_clock());
    let mark = {
        let id = incident.id.clone();
        Memo::new(move |_| live.mark_of(&id, clock.now.get()))
    };
    view! {
        <li
            class=format!("incident-row status--{}", incident.status.key())
            class:is-new=move || mark.get().is_some()
            data-incident-id=incident.id.clone()
        >
            <div class="row-head">
                <a class="incident-link" href=incident_href(&incident.id)>
                    <RichText markup=incident.title.clone() class="incident-link-text" inline=true/>
                </a>
                {move || mark.get().map(|change| view! { <span class="new-badge">{change.label()}</span> })}
                <StatusBadge status=incident.status/>
                {impact.map(|impact| view! { <ImpactBadge impact/> })}
            </div>
            <p class="row-meta">
                {when}
                <span class="meta-item">"Updated " <TimeView at=incident.updated_at style=TimeStyle::Relative/></span>
                {lasted}
                {(!components.is_empty()).then(|| view! { <span class="meta-item">"Affects " {components.join(", ")}</span> })}
            </p>
            {incident.latest_update.clone().map(|text| view! { <p class="latest-update">{text}</p> })}
        </li>
    }
}

/// Buttons that load older incidents from archive files, one file at a time.
#[component]
fn Archive(archived: RwSignal<Vec<Incident>>) -> impl IntoView {
    let site = expect_context::<Site>();
    let refs = site
        .list
        .data
        .with_untracked(|list| list.as_ref().map(|l| l.archive.clone()).unwrap_or_default());
    if refs.is_empty() {
        return None;
    }
    Some(view! {
        <section class="archive" aria-label="Older incidents">
            {refs.into_iter().map(|archive| view! { <ArchiveButton archive archived/> }).collect_view()}
        </section>
    })
}

#[component]
fn ArchiveButton(archive: ArchiveRef, archived: RwSignal<Vec<Incident>>) -> impl IntoView {
    let site = expect_context::<Site>();
    let state = RwSignal::new(None::<Result<(), String>>);
    let busy = RwSignal::new(false);
    let label = match archive.count {
        Some(count) => format!("Show {count} incidents from {}", archive.title),
        None => format!("Show incidents from {}", archive.title),
    };
    let load = move |_| {
        let (bucket, path) = (site.bucket.clone(), archive.path.clone());
        busy.set(true);
        spawn_local(async move {
            let result = bucket.archive(&path).await;
            busy.set(false);
            match result {
                Ok(incidents) => {
                    archived.update(|all| all.extend(incidents));
                    state.set(Some(Ok(())));
                }
                Err(error) => state.set(Some(Err(error.to_string()))),
            }
        });
    };
    move || match state.get() {
        Some(Ok(())) => None,
        other => Some(view! {
            <div class="archive-item">
                <button type="button" class="archive-button" on:click=load.clone() disabled=move || busy.get()>
                    {label.clone()}
                </button>
                {other.and_then(Result::err).map(|message| view! { <p class="error-detail" role="alert">{message}</p> })}
            </div>
        }),
    }
}
