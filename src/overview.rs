//! What the list page shows, derived from the incidents: the overall status, what is active,
//! maintenance that is coming or under way, and the history grouped by day.

use std::borrow::Cow;
use std::cmp::Ordering;

use crate::feed::model::{Impact, Incident, IncidentList, Kind, Status};
use crate::feed::with_archived;
// The model owns the vocabulary (a feed may declare it); re-exported where the page uses it.
pub use crate::feed::model::Overall;
use crate::sort::sort_stable_by;
use crate::time::{Date, Timestamp, Zone};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MaintenancePhase {
    Upcoming,
    InProgress,
    Done,
}

/// Where a maintenance window stands at `now`: a window that has passed is over even if the
/// feed was not updated, so readers never see finished work as still running.
pub fn maintenance_phase(incident: &Incident, now: Timestamp) -> Option<MaintenancePhase> {
    let Kind::Maintenance { start, end } = incident.kind else {
        return None;
    };
    Some(
        if incident.status.is_closed() || incident.resolved_at.is_some() || now >= end {
            MaintenancePhase::Done
        } else if now < start && incident.status != Status::InProgress {
            MaintenancePhase::Upcoming
        } else {
            MaintenancePhase::InProgress
        },
    )
}

pub fn is_active_incident(incident: &Incident) -> bool {
    incident.kind == Kind::Incident && !incident.status.is_closed()
}

#[derive(Clone, Debug, PartialEq)]
pub struct DayGroup {
    pub date: Date,
    pub incidents: Vec<Incident>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Overview {
    pub overall: Overall,
    /// Open incidents in [`active_order`]: most severe first, then newest.
    pub active: Vec<Incident>,
    /// Maintenance under way first, then upcoming by start time.
    pub maintenance: Vec<Incident>,
    /// Everything finished, by the day it started in the reader's zone, newest first.
    pub history: Vec<DayGroup>,
}

/// How open incidents are ordered: by impact, then by the feed's own severity where it has
/// one (Crashbot's SEV-3 and SEV-4 share an impact), then newest first. Formats without
/// severities keep the order they always had.
pub fn active_order(a: &Incident, b: &Incident) -> Ordering {
    b.impact
        .cmp(&a.impact)
        // Incidents without one come after those with one: a total order, as sorting needs.
        .then_with(|| (a.severity.is_none(), a.severity).cmp(&(b.severity.is_none(), b.severity)))
        .then(b.started_at.cmp(&a.started_at))
}

/// The overview of a list: as [`overview`], with the overall status the feed declares (if
/// it declares one) in place of the computed one. `archived` are incidents shown with the
/// list (archives the reader opened), merged in by date.
pub fn list_overview<'a>(
    list: &IncidentList,
    archived: impl IntoIterator<Item = &'a Incident>,
    now: Timestamp,
    zone_at: impl Fn(Timestamp) -> Zone,
) -> Overview {
    let mut archived = archived.into_iter().peekable();
    let incidents = match archived.peek() {
        Some(_) => Cow::Owned(with_archived(&list.incidents, archived)),
        None => Cow::Borrowed(list.incidents.as_slice()),
    };
    let mut overview = overview(&incidents, now, zone_at);
    if let Some(declared) = list.overall {
        overview.overall = declared;
    }
    overview
}

/// `incidents` must be newest first (as the parsers return them). `zone_at` gives the
/// reader's zone at an instant (offsets change with daylight saving time).
pub fn overview(
    incidents: &[Incident],
    now: Timestamp,
    zone_at: impl Fn(Timestamp) -> Zone,
) -> Overview {
    let mut active = Vec::new();
    let mut maintenance = Vec::new();
    let mut history: Vec<DayGroup> = Vec::new();
    let mut overall = Overall::Operational;
    for incident in incidents {
        let phase = maintenance_phase(incident, now);
        if is_active_incident(incident) {
            overall = overall.max(match incident.impact {
                Some(Impact::Major | Impact::Critical) => Overall::MajorOutage,
                Some(Impact::None) => Overall::Operational,
                Some(Impact::Minor) | None => Overall::Degraded,
            });
            active.push(incident.clone());
        } else if matches!(
            phase,
            Some(MaintenancePhase::Upcoming | MaintenancePhase::InProgress)
        ) {
            if phase == Some(MaintenancePhase::InProgress) {
                overall = overall.max(Overall::Maintenance);
            }
            maintenance.push(incident.clone());
        } else {
            let date = incident
                .started_at
                .in_zone(zone_at(incident.started_at))
                .date;
            match history.last_mut() {
                Some(group) if group.date == date => group.incidents.push(incident.clone()),
                _ => history.push(DayGroup {
                    date,
                    incidents: vec![incident.clone()],
                }),
            }
        }
    }
    // Newest-first input can still straddle days out of order when offsets change (DST).
    sort_stable_by(&mut history, |a, b| b.date.cmp(&a.date));
    sort_stable_by(&mut active, active_order);
    // In progress first, then by start.
    let upcoming = |m: &Incident| maintenance_phase(m, now) != Some(MaintenancePhase::InProgress);
    sort_stable_by(&mut maintenance, |a, b| {
        (upcoming(a), a.started_at).cmp(&(upcoming(b), b.started_at))
    });
    Overview {
        overall,
        active,
        maintenance,
        history,
    }
}

/// At most this many days make a page of history: what is drawn first, and what each "Show
/// earlier days" adds.
pub const HISTORY_PAGE_DAYS: usize = 30;
/// A page ends with the day that brings it to this many incidents: a busy status page shows a
/// few screens of incidents at a time rather than a month of them, so years of frequent
/// incidents do not cost the first render.
pub const HISTORY_PAGE_INCIDENTS: usize = 30;

/// How many days of `history` the first `pages` pages show. A page holds whole days: one day
/// with more incidents than a page is shown whole.
pub fn history_days_shown(history: &[DayGroup], pages: usize) -> usize {
    let mut end = 0;
    for _ in 0..pages {
        let (start, mut incidents) = (end, 0);
        while end < history.len()
            && end - start < HISTORY_PAGE_DAYS
            && incidents < HISTORY_PAGE_INCIDENTS
        {
            incidents += history[end].incidents.len();
            end += 1;
        }
    }
    end
}

/// The days of `history` with only the incidents that named `component`; days left empty are
/// dropped.
pub fn history_of(history: &[DayGroup], component: &str) -> Vec<DayGroup> {
    history
        .iter()
        .filter_map(|day| {
            let incidents: Vec<Incident> = day
                .incidents
                .iter()
                .filter(|incident| incident.components.iter().any(|c| c == component))
                .cloned()
                .collect();
            (!incidents.is_empty()).then_some(DayGroup {
                date: day.date,
                incidents,
            })
        })
        .collect()
}
