//! The list page's derived state: overall status, active incidents, maintenance and history.

use sitrep::feed::model::{Impact, Incident, Kind, Markup, Status};
use sitrep::feed::with_archived;
use sitrep::overview::{
    history_days_shown, history_of, DayGroup, HISTORY_PAGE_DAYS, HISTORY_PAGE_INCIDENTS,
};
use sitrep::overview::{
    is_active_incident, maintenance_phase, overview, MaintenancePhase, Overall,
};
use sitrep::time::{Date, Timestamp, Zone};

fn ts(value: &str) -> Timestamp {
    Timestamp::parse(value).unwrap()
}

const NOW: &str = "2026-11-23T09:00:00Z";

fn incident(id: &str, status: Status, impact: Option<Impact>, started_at: &str) -> Incident {
    let started = ts(started_at);
    Incident {
        id: id.to_string(),
        kind: Kind::Incident,
        title: Markup::Plain(format!("Incident {id}")),
        status,
        impact,
        components: Vec::new(),
        started_at: started,
        updated_at: started,
        resolved_at: status.is_closed().then_some(started),
        latest_update: None,
        detail_path: format!("data/incident/{id}.json"),
        severity: None,
        contacts: Vec::new(),
        root_cause_url: None,
        link: None,
    }
}

fn maintenance(id: &str, status: Status, start: &str, end: &str) -> Incident {
    let (start, end) = (ts(start), ts(end));
    Incident {
        id: id.to_string(),
        kind: Kind::Maintenance { start, end },
        title: Markup::Plain(format!("Maintenance {id}")),
        status,
        impact: Some(Impact::None),
        components: Vec::new(),
        started_at: start,
        updated_at: start,
        resolved_at: None,
        latest_update: None,
        detail_path: format!("data/incident/{id}.json"),
        severity: None,
        contacts: Vec::new(),
        root_cause_url: None,
        link: None,
    }
}

fn newest_first(mut incidents: Vec<Incident>) -> Vec<Incident> {
    incidents.sort_by_key(|incident| std::cmp::Reverse(incident.started_at));
    incidents
}

fn overall_of(incidents: Vec<Incident>) -> Overall {
    overview(&newest_first(incidents), ts(NOW), |_| Zone::UTC).overall
}

fn ids(incidents: &[Incident]) -> Vec<&str> {
    incidents.iter().map(|i| i.id.as_str()).collect()
}

fn resolved(id: &str, started_at: &str) -> Incident {
    incident(id, Status::Resolved, Some(Impact::Major), started_at)
}

// ---------------------------------------------------------------- overall status

#[test]
fn nothing_is_operational() {
    assert_eq!(overall_of(Vec::new()), Overall::Operational);
    let view = overview(&[], ts(NOW), |_| Zone::UTC);
    assert!(view.active.is_empty() && view.maintenance.is_empty() && view.history.is_empty());
}

#[test]
fn only_resolved_incidents_are_operational() {
    assert_eq!(
        overall_of(vec![
            resolved("a", "2026-11-20T10:00:00Z"),
            incident(
                "b",
                Status::Resolved,
                Some(Impact::Critical),
                "2026-11-21T10:00:00Z"
            )
        ]),
        Overall::Operational
    );
}

#[test]
fn major_or_critical_active_incident_is_a_major_outage() {
    assert_eq!(
        overall_of(vec![incident(
            "a",
            Status::Identified,
            Some(Impact::Major),
            "2026-11-23T07:40:00Z"
        )]),
        Overall::MajorOutage
    );
    assert_eq!(
        overall_of(vec![incident(
            "a",
            Status::Investigating,
            Some(Impact::Critical),
            "2026-11-23T07:40:00Z"
        )]),
        Overall::MajorOutage
    );
    assert_eq!(
        overall_of(vec![
            incident(
                "minor",
                Status::Monitoring,
                Some(Impact::Minor),
                "2026-11-23T08:00:00Z"
            ),
            incident(
                "major",
                Status::Identified,
                Some(Impact::Major),
                "2026-11-23T07:40:00Z"
            ),
            maintenance(
                "m",
                Status::InProgress,
                "2026-11-23T08:00:00Z",
                "2026-11-23T11:00:00Z"
            ),
        ]),
        Overall::MajorOutage
    );
}

#[test]
fn only_minor_active_incidents_are_degraded() {
    assert_eq!(
        overall_of(vec![incident(
            "a",
            Status::Monitoring,
            Some(Impact::Minor),
            "2026-11-23T07:40:00Z"
        )]),
        Overall::Degraded
    );
    assert_eq!(
        overall_of(vec![
            incident(
                "a",
                Status::Investigating,
                Some(Impact::Minor),
                "2026-11-23T07:40:00Z"
            ),
            maintenance(
                "m",
                Status::InProgress,
                "2026-11-23T08:00:00Z",
                "2026-11-23T11:00:00Z"
            ),
        ]),
        Overall::Degraded
    );
}

#[test]
fn gitlab_incidents_without_impact_are_degraded() {
    assert_eq!(
        overall_of(vec![incident(
            "1",
            Status::Ongoing,
            None,
            "2026-11-23T07:40:00Z"
        )]),
        Overall::Degraded
    );
    assert_eq!(
        overall_of(vec![incident(
            "1",
            Status::Resolved,
            None,
            "2026-11-23T07:40:00Z"
        )]),
        Overall::Operational
    );
}

#[test]
fn maintenance_in_progress_alone_is_maintenance() {
    assert_eq!(
        overall_of(vec![maintenance(
            "m",
            Status::InProgress,
            "2026-11-23T08:00:00Z",
            "2026-11-23T11:00:00Z"
        )]),
        Overall::Maintenance
    );
    // The window has started even though the feed still says scheduled.
    assert_eq!(
        overall_of(vec![maintenance(
            "m",
            Status::Scheduled,
            "2026-11-23T08:00:00Z",
            "2026-11-23T11:00:00Z"
        )]),
        Overall::Maintenance
    );
}

#[test]
fn upcoming_or_finished_maintenance_is_operational() {
    assert_eq!(
        overall_of(vec![maintenance(
            "m",
            Status::Scheduled,
            "2026-11-26T02:00:00Z",
            "2026-11-26T04:00:00Z"
        )]),
        Overall::Operational
    );
    assert_eq!(
        overall_of(vec![maintenance(
            "m",
            Status::InProgress,
            "2026-11-23T05:00:00Z",
            "2026-11-23T08:00:00Z"
        )]),
        Overall::Operational
    );
    assert_eq!(
        overall_of(vec![maintenance(
            "m",
            Status::Completed,
            "2026-11-23T08:00:00Z",
            "2026-11-23T11:00:00Z"
        )]),
        Overall::Operational
    );
}

#[test]
fn overall_labels_and_keys() {
    assert_eq!(Overall::Operational.key(), "operational");
    assert_eq!(Overall::MajorOutage.key(), "major");
    assert!(
        Overall::MajorOutage > Overall::Degraded
            && Overall::Degraded > Overall::Maintenance
            && Overall::Maintenance > Overall::Operational
    );
}

// ---------------------------------------------------------------- maintenance phases

#[test]
fn maintenance_phases_against_now() {
    let m =
        |status: Status| maintenance("m", status, "2026-11-23T08:00:00Z", "2026-11-23T11:00:00Z");
    let at = |now: &str, status: Status| maintenance_phase(&m(status), ts(now));

    assert_eq!(
        at("2026-11-23T07:59:59Z", Status::Scheduled),
        Some(MaintenancePhase::Upcoming)
    );
    assert_eq!(
        at("2026-11-23T08:00:00Z", Status::Scheduled),
        Some(MaintenancePhase::InProgress)
    );
    assert_eq!(
        at("2026-11-23T10:59:59Z", Status::Scheduled),
        Some(MaintenancePhase::InProgress)
    );
    // Work that started early is in progress before its window.
    assert_eq!(
        at("2026-11-23T07:30:00Z", Status::InProgress),
        Some(MaintenancePhase::InProgress)
    );
    assert_eq!(
        at("2026-11-23T09:00:00Z", Status::InProgress),
        Some(MaintenancePhase::InProgress)
    );
    // Once the window has passed it is over, whatever the feed says.
    assert_eq!(
        at("2026-11-23T11:00:00Z", Status::InProgress),
        Some(MaintenancePhase::Done)
    );
    assert_eq!(
        at("2026-11-23T11:00:00Z", Status::Scheduled),
        Some(MaintenancePhase::Done)
    );
    assert_eq!(
        at("2026-12-01T00:00:00Z", Status::Scheduled),
        Some(MaintenancePhase::Done)
    );
    // Completed early is done early.
    assert_eq!(
        at("2026-11-23T09:00:00Z", Status::Completed),
        Some(MaintenancePhase::Done)
    );
    assert_eq!(
        at("2026-11-23T07:00:00Z", Status::Completed),
        Some(MaintenancePhase::Done)
    );
    let mut finished = m(Status::InProgress);
    finished.resolved_at = Some(ts("2026-11-23T09:30:00Z"));
    assert_eq!(
        maintenance_phase(&finished, ts("2026-11-23T10:00:00Z")),
        Some(MaintenancePhase::Done)
    );
    // Incidents have no maintenance phase.
    assert_eq!(
        maintenance_phase(
            &incident("a", Status::Investigating, Some(Impact::Minor), NOW),
            ts(NOW)
        ),
        None
    );
}

#[test]
fn active_incidents_are_open_incidents_only() {
    assert!(is_active_incident(&incident(
        "a",
        Status::Investigating,
        Some(Impact::Minor),
        NOW
    )));
    assert!(is_active_incident(&incident(
        "a",
        Status::Identified,
        Some(Impact::Minor),
        NOW
    )));
    assert!(is_active_incident(&incident(
        "a",
        Status::Monitoring,
        Some(Impact::Minor),
        NOW
    )));
    assert!(is_active_incident(&incident(
        "a",
        Status::Ongoing,
        None,
        NOW
    )));
    assert!(!is_active_incident(&incident(
        "a",
        Status::Resolved,
        Some(Impact::Minor),
        NOW
    )));
    assert!(!is_active_incident(&maintenance(
        "m",
        Status::InProgress,
        "2026-11-23T08:00:00Z",
        "2026-11-23T11:00:00Z"
    )));
}

// ---------------------------------------------------------------- sections

#[test]
fn incidents_are_sorted_into_sections() {
    let incidents = newest_first(vec![
        incident(
            "minor-new",
            Status::Investigating,
            Some(Impact::Minor),
            "2026-11-23T08:30:00Z",
        ),
        incident(
            "major-old",
            Status::Identified,
            Some(Impact::Major),
            "2026-11-22T08:00:00Z",
        ),
        incident(
            "critical",
            Status::Monitoring,
            Some(Impact::Critical),
            "2026-11-21T08:00:00Z",
        ),
        incident(
            "minor-old",
            Status::Monitoring,
            Some(Impact::Minor),
            "2026-11-20T08:00:00Z",
        ),
        maintenance(
            "later",
            Status::Scheduled,
            "2026-11-30T02:00:00Z",
            "2026-11-30T04:00:00Z",
        ),
        maintenance(
            "soon",
            Status::Scheduled,
            "2026-11-26T02:00:00Z",
            "2026-11-26T04:00:00Z",
        ),
        maintenance(
            "running",
            Status::InProgress,
            "2026-11-23T08:00:00Z",
            "2026-11-23T11:00:00Z",
        ),
        maintenance(
            "overran",
            Status::InProgress,
            "2026-11-23T02:00:00Z",
            "2026-11-23T04:00:00Z",
        ),
        resolved("fixed", "2026-11-19T10:00:00Z"),
    ]);
    let view = overview(&incidents, ts(NOW), |_| Zone::UTC);
    assert_eq!(view.overall, Overall::MajorOutage);
    // Most severe first, then newest.
    assert_eq!(
        ids(&view.active),
        ["critical", "major-old", "minor-new", "minor-old"]
    );
    // Under way first, then upcoming by start time.
    assert_eq!(ids(&view.maintenance), ["running", "soon", "later"]);
    // Finished work, including a window that has passed, is history.
    let history: Vec<(String, Vec<&str>)> = view
        .history
        .iter()
        .map(|g| (g.date.iso(), ids(&g.incidents)))
        .collect();
    assert_eq!(
        history,
        [
            ("2026-11-23".to_string(), vec!["overran"]),
            ("2026-11-19".to_string(), vec!["fixed"])
        ]
    );
}

// ---------------------------------------------------------------- history by day

fn history_in(zone: Zone) -> Vec<(String, Vec<String>)> {
    let incidents = newest_first(vec![
        resolved("c", "2026-11-21T10:00:00Z"),
        resolved("b", "2026-11-21T01:00:00Z"),
        resolved("a", "2026-11-20T23:30:00Z"),
        resolved("z", "2026-11-18T12:00:00Z"),
    ]);
    overview(&incidents, ts(NOW), |_| zone)
        .history
        .into_iter()
        .map(|g| {
            (
                g.date.iso(),
                g.incidents.into_iter().map(|i| i.id).collect(),
            )
        })
        .collect()
}

fn group(date: &str, ids: &[&str]) -> (String, Vec<String>) {
    (
        date.to_string(),
        ids.iter().map(|s| s.to_string()).collect(),
    )
}

#[test]
fn history_is_grouped_by_day_in_utc() {
    assert_eq!(
        history_in(Zone::UTC),
        [
            group("2026-11-21", &["c", "b"]),
            group("2026-11-20", &["a"]),
            group("2026-11-18", &["z"])
        ]
    );
}

#[test]
fn history_is_grouped_by_day_in_the_readers_zone() {
    // UTC+9: 23:30Z on the 20th is 08:30 on the 21st.
    assert_eq!(
        history_in(Zone::fixed(9 * 60)),
        [
            group("2026-11-21", &["c", "b", "a"]),
            group("2026-11-18", &["z"])
        ]
    );
    // UTC-5: 01:00Z on the 21st is 20:00 on the 20th.
    assert_eq!(
        history_in(Zone::fixed(-5 * 60)),
        [
            group("2026-11-21", &["c"]),
            group("2026-11-20", &["b", "a"]),
            group("2026-11-18", &["z"])
        ]
    );
}

#[test]
fn history_groups_carry_their_date() {
    let view = overview(&[resolved("a", "2026-11-20T23:30:00Z")], ts(NOW), |_| {
        Zone::fixed(540)
    });
    assert_eq!(
        view.history[0].date,
        Date {
            year: 2026,
            month: 11,
            day: 21
        }
    );
    assert_eq!(view.history[0].date.iso(), "2026-11-21");
}

#[test]
fn history_uses_the_offset_in_force_at_each_incident() {
    // A zone that moves from UTC+2 to UTC+1 at 01:00Z on 25 October (European DST end).
    let switch = ts("2026-10-25T01:00:00Z");
    let zone_at = move |t: Timestamp| {
        if t < switch {
            Zone::fixed(120)
        } else {
            Zone::fixed(60)
        }
    };
    let incidents = newest_first(vec![
        resolved("after", "2026-10-25T23:30:00Z"), // 00:30 on the 26th at +1
        resolved("before", "2026-10-24T22:30:00Z"), // 00:30 on the 25th at +2
    ]);
    let view = overview(&incidents, ts(NOW), zone_at);
    let dates: Vec<String> = view.history.iter().map(|g| g.date.iso()).collect();
    assert_eq!(dates, ["2026-10-26", "2026-10-25"]);
}

#[test]
fn history_days_stay_newest_first_when_offsets_make_dates_go_backwards() {
    // A zone whose offset drops from UTC+2 to UTC+0 at 23:00Z: the newer instant falls on the
    // earlier local day, so newest-first input yields days out of order.
    let switch = ts("2026-10-24T23:00:00Z");
    let zone_at = move |t: Timestamp| {
        if t < switch {
            Zone::fixed(120)
        } else {
            Zone::fixed(0)
        }
    };
    let incidents = newest_first(vec![
        resolved("newer", "2026-10-24T23:10:00Z"), // 23:10 on the 24th
        resolved("older", "2026-10-24T22:50:00Z"), // 00:50 on the 25th
    ]);
    assert_eq!(ids(&incidents), ["newer", "older"]);
    let view = overview(&incidents, ts(NOW), zone_at);
    let history: Vec<(String, Vec<&str>)> = view
        .history
        .iter()
        .map(|g| (g.date.iso(), ids(&g.incidents)))
        .collect();
    assert_eq!(
        history,
        [
            ("2026-10-25".to_string(), vec!["older"]),
            ("2026-10-24".to_string(), vec!["newer"])
        ]
    );
}

// ---------------------------------------------------------------- archives loaded later

#[test]
fn archives_loaded_in_any_order_give_one_heading_per_day() {
    // The list holds the newest incidents; a day is split across two archive files, and the
    // reader loads the older file first.
    let list = newest_first(vec![resolved("new", "2026-11-20T10:00:00Z")]);
    let archive_2025 = [resolved("a", "2025-06-01T09:00:00Z")];
    let archive_2026 = [
        resolved("b", "2026-01-01T08:00:00Z"),
        resolved("c", "2025-06-01T18:00:00Z"),
    ];
    let merged = with_archived(&list, archive_2025.iter().chain(&archive_2026));
    assert_eq!(ids(&merged), ["new", "b", "c", "a"], "newest first");
    let view = overview(&merged, ts(NOW), |_| Zone::UTC);
    let days: Vec<(String, Vec<&str>)> = view
        .history
        .iter()
        .map(|day| (day.date.iso(), ids(&day.incidents)))
        .collect();
    assert_eq!(
        days,
        [
            ("2026-11-20".to_string(), vec!["new"]),
            ("2026-01-01".to_string(), vec!["b"]),
            ("2025-06-01".to_string(), vec!["c", "a"]),
        ]
    );
}

#[test]
fn an_incident_in_both_the_list_and_an_archive_is_shown_once_as_the_list_has_it() {
    let list = [incident(
        "x",
        Status::Monitoring,
        Some(Impact::Minor),
        "2026-11-20T10:00:00Z",
    )];
    let archive = [resolved("x", "2026-11-20T10:00:00Z")];
    let merged = with_archived(&list, &archive);
    assert_eq!(merged.len(), 1);
    assert_eq!(merged[0].status, Status::Monitoring);
}

#[test]
fn open_incidents_with_a_severity_are_ordered_by_it_within_an_impact() {
    use sitrep::feed::model::Severity;
    use sitrep::overview::active_order;
    let with = |id: &str, severity: Severity, started_at: &str| Incident {
        impact: Some(severity.impact()),
        severity: Some(severity),
        ..incident(id, Status::Ongoing, None, started_at)
    };
    let incidents = newest_first(vec![
        with("sev4-new", Severity::Sev4, "2026-11-23T08:30:00Z"),
        with("sev3-old", Severity::Sev3, "2026-11-22T08:00:00Z"),
        with("sev3-new", Severity::Sev3, "2026-11-23T08:00:00Z"),
        with("sev1", Severity::Sev1, "2026-11-20T08:00:00Z"),
        with("sev5", Severity::Sev5, "2026-11-23T08:45:00Z"),
        // Without a severity (other formats) only impact and time count.
        incident(
            "plain-minor",
            Status::Ongoing,
            Some(Impact::Minor),
            "2026-11-23T08:40:00Z",
        ),
    ]);
    let page = overview(&incidents, ts(NOW), |_| Zone::UTC);
    // Within an impact, a severity comes before none (a mixed list must still sort totally).
    assert_eq!(
        ids(&page.active),
        [
            "sev1",
            "sev3-new",
            "sev3-old",
            "sev4-new",
            "plain-minor",
            "sev5"
        ]
    );
    let (sev3_old, sev4_new) = (&page.active[2], &page.active[3]);
    assert_eq!(active_order(sev3_old, sev4_new), std::cmp::Ordering::Less);
    assert_eq!(
        active_order(sev4_new, sev3_old),
        std::cmp::Ordering::Greater
    );
}

#[test]
fn history_filtered_to_one_component_drops_empty_days() {
    let with = |id: &str, at: &str, components: &[&str]| Incident {
        components: components.iter().map(|c| c.to_string()).collect(),
        ..resolved(id, at)
    };
    let incidents = newest_first(vec![
        with("a", "2026-11-20T10:00:00Z", &["api"]),
        with("b", "2026-11-20T08:00:00Z", &["web"]),
        with("c", "2026-11-19T10:00:00Z", &["web", "api"]),
        with("d", "2026-11-18T10:00:00Z", &["db"]),
    ]);
    let view = overview(&incidents, ts(NOW), |_| Zone::UTC);
    let api = history_of(&view.history, "api");
    let shown: Vec<(String, Vec<&str>)> = api
        .iter()
        .map(|day| (day.date.iso(), ids(&day.incidents)))
        .collect();
    assert_eq!(
        shown,
        [
            ("2026-11-20".to_string(), vec!["a"]),
            ("2026-11-19".to_string(), vec!["c"]),
        ]
    );
    assert!(history_of(&view.history, "nothing").is_empty());
}

/// Days of history with `counts[i]` incidents on the i-th (paging looks at counts only).
fn days_with(counts: &[usize]) -> Vec<DayGroup> {
    counts
        .iter()
        .enumerate()
        .map(|(i, &count)| DayGroup {
            date: Date {
                year: 2026,
                month: 11,
                day: 22,
            },
            incidents: (0..count)
                .map(|n| incident(&format!("{i}-{n}"), Status::Resolved, None, NOW))
                .collect(),
        })
        .collect()
}

#[test]
fn a_quiet_history_pages_by_the_month() {
    let history = days_with(&[1; 45]);
    assert_eq!(history_days_shown(&history, 1), HISTORY_PAGE_DAYS);
    assert_eq!(
        history_days_shown(&history, 2),
        45,
        "the second page holds the rest"
    );
    assert_eq!(history_days_shown(&history, 3), 45);
    assert_eq!(history_days_shown(&[], 1), 0);
}

#[test]
fn a_busy_history_pages_by_incidents_in_whole_days() {
    // Four incidents a day: the page ends with the day that brings it to a page's incidents.
    let history = days_with(&[4; 100]);
    let first = history_days_shown(&history, 1);
    assert_eq!(first, HISTORY_PAGE_INCIDENTS.div_ceil(4));
    let counted: usize = history[..first].iter().map(|d| d.incidents.len()).sum();
    assert!((HISTORY_PAGE_INCIDENTS..HISTORY_PAGE_INCIDENTS + 4).contains(&counted));
    assert_eq!(history_days_shown(&history, 2), 2 * first);
    // A day busier than a page is shown whole, and a page always moves on by a day at least.
    let storm = days_with(&[120, 1, 1]);
    assert_eq!(history_days_shown(&storm, 1), 1);
    assert_eq!(history_days_shown(&storm, 2), 3);
}
