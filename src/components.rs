//! Components at a glance: what state each component is in now, in its group, so a reader
//! sees whether the part they use works without reading every incident.

use std::fmt::Write;

use crate::feed::model::{ComponentStatus, Impact, Incident, IncidentList, Kind, Markup};
use crate::overview::{is_active_incident, maintenance_phase, MaintenancePhase};
use crate::sort::sort_stable_by;
use crate::time::{Date, Timestamp, Zone};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComponentState {
    pub id: String,
    pub name: String,
    pub status: ComponentStatus,
}

/// A top-level entry of the panel: a component of its own, or a group showing its worst member.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PanelEntry {
    Component(ComponentState),
    Group {
        name: String,
        status: ComponentStatus,
        members: Vec<ComponentState>,
    },
}

impl PanelEntry {
    pub fn status(&self) -> ComponentStatus {
        match self {
            PanelEntry::Component(component) => component.status,
            PanelEntry::Group { status, .. } => *status,
        }
    }
}

/// What an open incident of this impact does to the components it names.
pub fn status_for_impact(impact: Option<Impact>) -> ComponentStatus {
    match impact {
        Some(Impact::Critical) => ComponentStatus::MajorOutage,
        Some(Impact::Major) => ComponentStatus::PartialOutage,
        // An incident whose feed gives no impact still affects what it names.
        Some(Impact::Minor) | None => ComponentStatus::DegradedPerformance,
        // As for the overall status: an incident declared without impact changes nothing.
        Some(Impact::None) => ComponentStatus::Operational,
    }
}

/// What `incident` does to the components it names at `now`, if anything.
fn incident_effect(incident: &Incident, now: Timestamp) -> Option<ComponentStatus> {
    match incident.kind {
        Kind::Maintenance { .. } => (maintenance_phase(incident, now)
            == Some(MaintenancePhase::InProgress))
        .then_some(ComponentStatus::UnderMaintenance),
        Kind::Incident => is_active_incident(incident).then(|| status_for_impact(incident.impact)),
    }
}

/// Every component's status at `now`, in the feed's order, grouped (a group at the place of
/// its first member). A feed that tracks statuses itself (Statuspage) is taken at its word;
/// otherwise a component takes the worst effect of the open incidents and the maintenance in
/// progress that name it, and reads "operational" when none does. Empty for formats without
/// components.
pub fn component_panel(list: &IncidentList, now: Timestamp) -> Vec<PanelEntry> {
    let effects: Vec<(&Incident, ComponentStatus)> = list
        .incidents
        .iter()
        .filter_map(|incident| incident_effect(incident, now).map(|effect| (incident, effect)))
        .collect();
    let mut entries: Vec<PanelEntry> = Vec::new();
    for component in &list.components {
        let status = component.status.unwrap_or_else(|| {
            effects
                .iter()
                .filter(|(incident, _)| incident.components.contains(&component.id))
                .map(|(_, effect)| *effect)
                .max()
                .unwrap_or(ComponentStatus::Operational)
        });
        if component.only_if_degraded && status == ComponentStatus::Operational {
            continue;
        }
        let state = ComponentState {
            id: component.id.clone(),
            name: component.name.clone(),
            status,
        };
        let Some(group) = &component.group else {
            entries.push(PanelEntry::Component(state));
            continue;
        };
        let existing = entries.iter_mut().find_map(|entry| match entry {
            PanelEntry::Group {
                name,
                status,
                members,
            } if name == group => Some((status, members)),
            _ => None,
        });
        match existing {
            Some((worst, members)) => {
                *worst = (*worst).max(state.status);
                members.push(state);
            }
            None => entries.push(PanelEntry::Group {
                name: group.clone(),
                status: state.status,
                members: vec![state],
            }),
        }
    }
    entries
}

/// How much of the time a state counts as down in the share of time without incidents:
/// a major outage fully, a partial outage at 30 %, degraded performance at 10 %, maintenance
/// (announced and planned) not at all. The README states the same.
pub fn downtime_weight(status: ComponentStatus) -> f64 {
    match status {
        ComponentStatus::MajorOutage => 1.0,
        ComponentStatus::PartialOutage => 0.3,
        ComponentStatus::DegradedPerformance => 0.1,
        ComponentStatus::UnderMaintenance | ComponentStatus::Operational => 0.0,
    }
}

/// The last days in the reader's zone, shared by every bar: the zone is looked up once per
/// day boundary, not once per bar (a named zone costs an `Intl` call each time).
#[derive(Clone, Debug, PartialEq)]
pub struct DayGrid {
    /// Oldest first, today last.
    days: Vec<GridDay>,
    now: Timestamp,
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct GridDay {
    date: Date,
    start: Timestamp,
    /// Where the next day starts; today ends now.
    end: Timestamp,
}

impl DayGrid {
    /// The last `days` days (at least one) up to `now`, today included.
    pub fn new(days: u32, now: Timestamp, zone_at: impl Fn(Timestamp) -> Zone + Copy) -> Self {
        let mut grid = Vec::with_capacity(days.max(1) as usize);
        let mut end = Timestamp(now.0.saturating_add(1));
        // Each midnight found from the instant before the last.
        let mut start = now.start_of_day(zone_at);
        for _ in 0..days.max(1) {
            grid.push(GridDay {
                date: start.in_zone(zone_at(start)).date,
                start,
                end,
            });
            end = start;
            start = Timestamp(start.0.saturating_sub(1)).start_of_day(zone_at);
        }
        grid.reverse();
        DayGrid { days: grid, now }
    }

    /// The dates, oldest first.
    pub fn dates(&self) -> impl ExactSizeIterator<Item = Date> + '_ {
        self.days.iter().map(|day| day.date)
    }

    fn start(&self) -> Timestamp {
        self.days.first().map_or(self.now, |day| day.start)
    }
}

/// An incident as a day of a bar lists it: enough to link to it.
#[derive(Clone, Debug, PartialEq)]
pub struct DayIncident {
    pub id: String,
    pub title: Markup,
}

/// One day of a component's history bar.
#[derive(Clone, Debug, PartialEq)]
pub struct DayCell {
    pub date: Date,
    /// The worst state of the day ("operational" when nothing touched it).
    pub status: ComponentStatus,
    /// The incidents and maintenance that touched the component that day, newest first.
    pub incidents: Vec<DayIncident>,
}

/// A component's (or group's) last days and its share of time without incidents.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryBar {
    /// Oldest day first, today last.
    pub days: Vec<DayCell>,
    /// 0.0 to 1.0 over the whole period, from its first midnight to `now`.
    pub uptime: f64,
}

/// When an incident affected what it names, and how: from its start to its resolution (or
/// now), maintenance over its window as far as it has run. Upcoming work affects nothing.
fn affected_span(
    incident: &Incident,
    now: Timestamp,
) -> Option<(Timestamp, Timestamp, ComponentStatus)> {
    let (start, end, status) = match incident.kind {
        Kind::Maintenance { start, end } => {
            let end = incident
                .resolved_at
                .map_or(end, |resolved| resolved.min(end));
            (start, end, ComponentStatus::UnderMaintenance)
        }
        Kind::Incident => (
            incident.started_at,
            incident.resolved_at.unwrap_or(now),
            status_for_impact(incident.impact),
        ),
    };
    let end = end.min(now);
    (start <= end).then_some((start, end, status))
}

/// The days of `grid` as they were for any of `components`, coloured by the worst state of
/// each day, and the share of time without an incident, weighted by [`downtime_weight`].
/// `incidents` must be newest first.
pub fn history_bar(incidents: &[Incident], components: &[&str], grid: &DayGrid) -> HistoryBar {
    let (now, period_start) = (grid.now, grid.start());
    let spans: Vec<(Timestamp, Timestamp, ComponentStatus, &Incident)> = incidents
        .iter()
        .filter(|incident| {
            incident
                .components
                .iter()
                .any(|c| components.contains(&c.as_str()))
        })
        .filter_map(|incident| {
            let (from, to, status) = affected_span(incident, now)?;
            (to >= period_start).then_some((from, to, status, incident))
        })
        .collect();
    let cells = grid
        .days
        .iter()
        .map(|day| {
            let touching = spans
                .iter()
                .filter(|(from, to, _, _)| *from < day.end && *to >= day.start);
            let status = touching
                .clone()
                .map(|(_, _, status, _)| *status)
                .max()
                .unwrap_or(ComponentStatus::Operational);
            DayCell {
                date: day.date,
                status,
                incidents: touching
                    .map(|(_, _, _, incident)| DayIncident {
                        id: incident.id.clone(),
                        title: incident.title.clone(),
                    })
                    .collect(),
            }
        })
        .collect();
    HistoryBar {
        days: cells,
        uptime: uptime(&spans, period_start, now),
    }
}

/// How a bar's day cell looks: its class (the day's status) and its label (the day and the
/// status, in words).
#[derive(Clone, Debug, PartialEq)]
pub struct CellLook {
    pub class: String,
    pub label: String,
}

/// Each day's [`CellLook`], oldest first: `day_names[i]` names the i-th day, `status_name`
/// words a status.
pub fn cell_looks(
    days: &[DayCell],
    day_names: &[String],
    status_name: impl Fn(ComponentStatus) -> String,
) -> Vec<CellLook> {
    days.iter()
        .enumerate()
        .map(|(index, day)| {
            let name = day_names.get(index).map_or("", String::as_str);
            CellLook {
                class: format!("cell component--{}", day.status.key()),
                label: format!("{name}: {}", status_name(day.status)),
            }
        })
        .collect()
}

/// A bar's cells as markup: one button per day (`data-day` its index), the last (today) the
/// bar's one Tab stop. One string for all, because a bar is 90 elements, and one `innerHTML`
/// costs a fraction of 90 elements built one call at a time from wasm.
pub fn cells_markup(looks: &[CellLook]) -> String {
    let last = looks.len().saturating_sub(1);
    let mut html = String::with_capacity(looks.len() * 120);
    for (index, look) in looks.iter().enumerate() {
        let tabindex = if index == last { "0" } else { "-1" };
        html.push_str(r#"<button type="button" class=""#);
        // Writing to a String cannot fail.
        let _ = pulldown_cmark_escape::escape_html(&mut html, &look.class);
        let _ = write!(
            html,
            r#"" data-day="{index}" tabindex="{tabindex}" aria-label=""#
        );
        let _ = pulldown_cmark_escape::escape_html(&mut html, &look.label);
        html.push_str(r#""></button>"#);
    }
    html
}

/// The share as shown with two decimals of a percent: rounded down, so a period with any
/// downtime never reads 100 %.
pub fn uptime_for_display(share: f64) -> f64 {
    (share.clamp(0.0, 1.0) * 10_000.0).floor() / 10_000.0
}

/// The incidents that can touch the last `days` days (a day to spare for any time zone):
/// bars for many components then look through these few, not the whole list.
pub fn touching_last_days(incidents: &[Incident], days: u32, now: Timestamp) -> Vec<Incident> {
    let since = now.0.saturating_sub((i64::from(days) + 1) * 86_400_000);
    incidents
        .iter()
        .filter(|incident| affected_span(incident, now).is_some_and(|(_, end, _)| end.0 >= since))
        .cloned()
        .collect()
}

/// 1 minus the weighted share of `[from, to]` that the spans cover; where spans overlap, the
/// heaviest counts, once.
fn uptime(
    spans: &[(Timestamp, Timestamp, ComponentStatus, &Incident)],
    from: Timestamp,
    to: Timestamp,
) -> f64 {
    let length = to.0.saturating_sub(from.0);
    if length <= 0 {
        return 1.0;
    }
    let clip = |at: Timestamp| at.0.clamp(from.0, to.0);
    let mut edges: Vec<i64> = spans
        .iter()
        .flat_map(|(start, end, _, _)| [clip(*start), clip(*end)])
        .collect();
    sort_stable_by(&mut edges, i64::cmp);
    edges.dedup();
    let down: f64 = edges
        .windows(2)
        .map(|pair| {
            let (a, b) = (pair[0], pair[1]);
            let weight = spans
                .iter()
                .filter(|(start, end, _, _)| clip(*start) <= a && clip(*end) >= b)
                .map(|(_, _, status, _)| downtime_weight(*status))
                .fold(0.0, f64::max);
            (b - a) as f64 * weight
        })
        .sum();
    (1.0 - down / length as f64).clamp(0.0, 1.0)
}
