//! The components panel: each component's status now, from the feed's own statuses or from
//! the open incidents and maintenance in progress that name it, grouped.

use sitrep::components::{
    component_panel, downtime_weight, history_bar, status_for_impact, uptime_for_display,
    ComponentState, DayGrid, PanelEntry,
};
use sitrep::feed::model::{ComponentStatus, Impact};
use sitrep::feed::{parse_list, FormatChoice};
use sitrep::time::{Timestamp, Zone};

const NOW: &str = "2026-11-23T09:00:00Z";

fn ts(value: &str) -> Timestamp {
    Timestamp::parse(value).unwrap()
}

fn native(incidents: &str) -> sitrep::feed::model::IncidentList {
    let json = format!(
        r#"{{"sitrep": 1, "components": [
            {{"id": "web", "name": "Website"}},
            {{"id": "api", "name": "REST API", "group": "API"}},
            {{"id": "hooks", "name": "Webhooks", "group": "API"}},
            {{"id": "db", "name": "Database"}}
        ], "incidents": [{incidents}]}}"#
    );
    parse_list("data/list.json", json.as_bytes(), FormatChoice::Auto).unwrap()
}

fn incident(id: &str, status: &str, impact: &str, components: &str) -> String {
    format!(
        r#"{{"id": "{id}", "title": "{id}", "status": "{status}", "impact": "{impact}",
            "components": [{components}], "started_at": "2026-11-23T08:00:00Z",
            "updated_at": "2026-11-23T08:00:00Z"}}"#
    )
}

fn state(id: &str, name: &str, status: ComponentStatus) -> ComponentState {
    ComponentState {
        id: id.to_string(),
        name: name.to_string(),
        status,
    }
}

#[test]
fn without_open_incidents_everything_is_operational_in_groups() {
    let panel = component_panel(&native(""), ts(NOW));
    assert_eq!(
        panel,
        [
            PanelEntry::Component(state("web", "Website", ComponentStatus::Operational)),
            PanelEntry::Group {
                name: "API".to_string(),
                status: ComponentStatus::Operational,
                members: vec![
                    state("api", "REST API", ComponentStatus::Operational),
                    state("hooks", "Webhooks", ComponentStatus::Operational),
                ],
            },
            PanelEntry::Component(state("db", "Database", ComponentStatus::Operational)),
        ]
    );
}

#[test]
fn a_component_takes_the_worst_open_incident_and_a_group_its_worst_member() {
    let list = native(
        &[
            incident("a", "investigating", "minor", r#""api""#),
            incident("b", "identified", "critical", r#""hooks", "web""#),
            incident("c", "monitoring", "major", r#""api""#),
            // Resolved incidents no longer affect anything.
            incident("d", "resolved", "critical", r#""db""#),
        ]
        .join(","),
    );
    let panel = component_panel(&list, ts(NOW));
    let status = |id: &str| {
        panel
            .iter()
            .flat_map(|entry| match entry {
                PanelEntry::Component(c) => vec![c.clone()],
                PanelEntry::Group { members, .. } => members.clone(),
            })
            .find(|c| c.id == id)
            .unwrap()
            .status
    };
    assert_eq!(status("api"), ComponentStatus::PartialOutage);
    assert_eq!(status("hooks"), ComponentStatus::MajorOutage);
    assert_eq!(status("web"), ComponentStatus::MajorOutage);
    assert_eq!(status("db"), ComponentStatus::Operational);
    assert_eq!(
        panel[1].status(),
        ComponentStatus::MajorOutage,
        "the group shows its worst member"
    );
}

#[test]
fn maintenance_counts_only_while_in_progress() {
    let window = |id: &str, status: &str, start: &str, end: &str| {
        format!(
            r#"{{"id": "{id}", "kind": "maintenance", "title": "{id}", "status": "{status}",
                "components": ["db"], "scheduled_start": "{start}", "scheduled_end": "{end}",
                "updated_at": "2026-11-20T00:00:00Z"}}"#
        )
    };
    let running = native(&window(
        "m",
        "in_progress",
        "2026-11-23T08:00:00Z",
        "2026-11-23T10:00:00Z",
    ));
    assert_eq!(
        component_panel(&running, ts(NOW))[2].status(),
        ComponentStatus::UnderMaintenance
    );
    let upcoming = native(&window(
        "m",
        "scheduled",
        "2026-11-24T08:00:00Z",
        "2026-11-24T10:00:00Z",
    ));
    assert_eq!(
        component_panel(&upcoming, ts(NOW))[2].status(),
        ComponentStatus::Operational
    );
    // A window that has passed is over even if the feed still says in progress.
    let over = native(&window(
        "m",
        "in_progress",
        "2026-11-23T06:00:00Z",
        "2026-11-23T08:00:00Z",
    ));
    assert_eq!(
        component_panel(&over, ts(NOW))[2].status(),
        ComponentStatus::Operational
    );
    // An outage outweighs maintenance on the same component.
    let both = native(
        &[
            window(
                "m",
                "in_progress",
                "2026-11-23T08:00:00Z",
                "2026-11-23T10:00:00Z",
            ),
            incident("x", "investigating", "minor", r#""db""#),
        ]
        .join(","),
    );
    assert_eq!(
        component_panel(&both, ts(NOW))[2].status(),
        ComponentStatus::DegradedPerformance
    );
}

#[test]
fn impact_words_map_to_component_states() {
    assert_eq!(
        status_for_impact(Some(Impact::Critical)),
        ComponentStatus::MajorOutage
    );
    assert_eq!(
        status_for_impact(Some(Impact::Major)),
        ComponentStatus::PartialOutage
    );
    assert_eq!(
        status_for_impact(Some(Impact::Minor)),
        ComponentStatus::DegradedPerformance
    );
    assert_eq!(
        status_for_impact(None),
        ComponentStatus::DegradedPerformance
    );
}

#[test]
fn statuspage_components_keep_their_own_status_and_groups() {
    let summary = include_bytes!("fixtures/statuspage/summary.json");
    let list = parse_list("api/v2/summary.json", summary, FormatChoice::Statuspage).unwrap();
    let panel = component_panel(&list, ts(NOW));
    let PanelEntry::Group {
        name,
        status,
        members,
    } = &panel[0]
    else {
        panic!("{panel:?}")
    };
    assert_eq!(name, "API");
    assert_eq!(*status, ComponentStatus::PartialOutage);
    assert_eq!(
        members
            .iter()
            .map(|m| (m.name.as_str(), m.status))
            .collect::<Vec<_>>(),
        [
            ("Checkout API", ComponentStatus::PartialOutage),
            ("Accounts API", ComponentStatus::Operational)
        ]
    );
    assert!(panel.iter().any(|e| matches!(e, PanelEntry::Component(c)
        if c.name == "Database maintenance" && c.status == ComponentStatus::UnderMaintenance)));
}

#[test]
fn formats_without_components_have_no_panel() {
    let crashbot = include_bytes!("fixtures/crashbot/list.json");
    let list = parse_list("list", crashbot, FormatChoice::Auto).unwrap();
    assert!(component_panel(&list, ts(NOW)).is_empty());
}

// ---------------------------------------------------------------- history bars

fn spanning(id: &str, impact: &str, from: &str, to: Option<&str>) -> String {
    let (status, resolved) = match to {
        Some(to) => ("resolved", format!(r#", "resolved_at": "{to}""#)),
        None => ("investigating", String::new()),
    };
    format!(
        r#"{{"id": "{id}", "title": "{id}", "status": "{status}", "impact": "{impact}",
            "components": ["api"], "started_at": "{from}", "updated_at": "{from}"{resolved}}}"#
    )
}

fn bar_of(
    incidents: &[String],
    days: u32,
    zone: Zone,
) -> Vec<(String, ComponentStatus, Vec<String>)> {
    let list = native(&incidents.join(","));
    history_bar(
        &list.incidents,
        &["api"],
        &DayGrid::new(days, ts(NOW), |_| zone),
    )
    .days
    .into_iter()
    .map(|day| {
        let ids = day.incidents.iter().map(|i| i.id.clone()).collect();
        (day.date.iso(), day.status, ids)
    })
    .collect()
}

#[test]
fn a_bar_has_one_cell_per_day_oldest_first_ending_today() {
    let bar = bar_of(&[], 90, Zone::UTC);
    assert_eq!(bar.len(), 90);
    assert_eq!(bar[89].0, "2026-11-23");
    assert_eq!(bar[0].0, "2026-08-26");
    assert!(bar
        .iter()
        .all(|(_, status, ids)| *status == ComponentStatus::Operational && ids.is_empty()));
}

#[test]
fn day_boundaries_follow_the_readers_zone() {
    // 23:30 to 00:30 UTC: two days in UTC, one (the 23rd, 08:30 to 09:30) in Tokyo, and
    // the 22nd (18:30 to 19:30) in New York.
    let late = [spanning(
        "late",
        "major",
        "2026-11-22T23:30:00Z",
        Some("2026-11-23T00:30:00Z"),
    )];
    let touched = |zone| -> Vec<String> {
        bar_of(&late, 3, zone)
            .into_iter()
            .filter(|(_, _, ids)| !ids.is_empty())
            .map(|(date, _, _)| date)
            .collect()
    };
    assert_eq!(touched(Zone::UTC), ["2026-11-22", "2026-11-23"]);
    assert_eq!(touched(Zone::fixed(9 * 60)), ["2026-11-23"]);
    assert_eq!(touched(Zone::fixed(-5 * 60)), ["2026-11-22"]);
}

#[test]
fn an_incident_spanning_days_colours_each_and_the_worst_of_a_day_wins() {
    let incidents = [
        spanning(
            "long",
            "minor",
            "2026-11-18T12:00:00Z",
            Some("2026-11-20T06:00:00Z"),
        ),
        spanning(
            "short",
            "critical",
            "2026-11-19T10:00:00Z",
            Some("2026-11-19T11:00:00Z"),
        ),
        // Still open: it reaches today.
        spanning("open", "major", "2026-11-22T20:00:00Z", None),
    ];
    let bar = bar_of(&incidents, 7, Zone::UTC);
    let by_date = |date: &str| bar.iter().find(|(d, _, _)| d == date).unwrap().clone();
    assert_eq!(by_date("2026-11-17").1, ComponentStatus::Operational);
    assert_eq!(
        by_date("2026-11-18").1,
        ComponentStatus::DegradedPerformance
    );
    assert_eq!(by_date("2026-11-19").1, ComponentStatus::MajorOutage);
    assert_eq!(
        by_date("2026-11-19").2,
        ["short", "long"],
        "both, newest first"
    );
    assert_eq!(
        by_date("2026-11-20").1,
        ComponentStatus::DegradedPerformance
    );
    assert_eq!(by_date("2026-11-21").1, ComponentStatus::Operational);
    assert_eq!(by_date("2026-11-22").1, ComponentStatus::PartialOutage);
    assert_eq!(by_date("2026-11-23").1, ComponentStatus::PartialOutage);
}

#[test]
fn days_next_to_a_daylight_saving_change_keep_their_dates() {
    // Berlin: +01:00 from 2026-10-25T01:00Z, +02:00 before.
    let berlin = |at: Timestamp| {
        Zone::fixed(if at < ts("2026-10-25T01:00:00Z") {
            120
        } else {
            60
        })
    };
    let list = native("");
    let bar = history_bar(
        &list.incidents,
        &["api"],
        &DayGrid::new(40, ts(NOW), berlin),
    );
    let dates: Vec<String> = bar.days.iter().map(|d| d.date.iso()).collect();
    let mut expected: Vec<String> = Vec::new();
    let (mut y, mut m, mut d) = (2026, 11, 23);
    for _ in 0..40 {
        expected.push(format!("{y:04}-{m:02}-{d:02}"));
        (y, m, d) = match (m, d) {
            (11, 1) => (2026, 10, 31),
            (10, 1) => (2026, 9, 30),
            _ => (y, m, d - 1),
        };
    }
    expected.reverse();
    assert_eq!(dates, expected);
}

#[test]
fn uptime_weighs_outages_and_not_maintenance() {
    let zone = |_| Zone::UTC;
    // Ten days up to NOW (09:00): the period runs from 2026-11-14T00:00Z, 225 hours.
    let period_hours = 9.0 * 24.0 + 9.0;
    let share = |incidents: &[String]| {
        let list = native(&incidents.join(","));
        history_bar(&list.incidents, &["api"], &DayGrid::new(10, ts(NOW), zone)).uptime
    };
    assert_eq!(share(&[]), 1.0);
    let major = spanning(
        "m",
        "critical",
        "2026-11-20T00:00:00Z",
        Some("2026-11-20T09:00:00Z"),
    );
    assert!((share(std::slice::from_ref(&major)) - (1.0 - 9.0 / period_hours)).abs() < 1e-9);
    // A partial outage over the same hours weighs 30 %, and overlapping incidents count once.
    let partial = spanning(
        "p",
        "major",
        "2026-11-20T00:00:00Z",
        Some("2026-11-20T09:00:00Z"),
    );
    assert!(
        (share(std::slice::from_ref(&partial)) - (1.0 - 0.3 * 9.0 / period_hours)).abs() < 1e-9
    );
    assert!((share(&[major, partial]) - (1.0 - 9.0 / period_hours)).abs() < 1e-9);
    assert_eq!(downtime_weight(ComponentStatus::UnderMaintenance), 0.0);
    let window = r#"{"id": "w", "kind": "maintenance", "title": "w", "status": "completed",
        "components": ["api"], "scheduled_start": "2026-11-20T00:00:00Z",
        "scheduled_end": "2026-11-20T09:00:00Z", "updated_at": "2026-11-20T09:00:00Z"}"#;
    assert_eq!(
        share(&[window.to_string()]),
        1.0,
        "maintenance is not downtime"
    );
    let bar = history_bar(
        &native(window).incidents,
        &["api"],
        &DayGrid::new(10, ts(NOW), zone),
    );
    assert_eq!(
        bar.days[6].status,
        ComponentStatus::UnderMaintenance,
        "but it shows in the bar"
    );
}

#[test]
fn upcoming_maintenance_and_other_components_do_not_touch_the_bar() {
    let upcoming = r#"{"id": "u", "kind": "maintenance", "title": "u", "status": "scheduled",
        "components": ["api"], "scheduled_start": "2026-11-24T00:00:00Z",
        "scheduled_end": "2026-11-24T09:00:00Z", "updated_at": "2026-11-20T09:00:00Z"}"#;
    let elsewhere = incident("x", "resolved", "critical", r#""db""#);
    let list = native(&[upcoming.to_string(), elsewhere].join(","));
    let bar = history_bar(
        &list.incidents,
        &["api"],
        &DayGrid::new(5, ts(NOW), |_| Zone::UTC),
    );
    assert!(bar.days.iter().all(|d| d.incidents.is_empty()));
    assert_eq!(bar.uptime, 1.0);
    // A group's bar is its members' together.
    let both = history_bar(
        &list.incidents,
        &["api", "db"],
        &DayGrid::new(5, ts(NOW), |_| Zone::UTC),
    );
    assert_eq!(both.days[4].status, ComponentStatus::MajorOutage);
}

#[test]
fn uptime_is_shown_rounded_down() {
    assert_eq!(uptime_for_display(1.0), 1.0);
    assert_eq!(
        uptime_for_display(0.99999),
        0.9999,
        "never 100 % with downtime"
    );
    assert_eq!(uptime_for_display(0.123456), 0.1234);
    assert_eq!(uptime_for_display(-0.5), 0.0);
}

#[test]
fn only_incidents_within_reach_of_the_period_are_kept_for_the_bars() {
    use sitrep::components::touching_last_days;
    let list = native(
        &[
            spanning(
                "recent",
                "major",
                "2026-11-20T10:00:00Z",
                Some("2026-11-20T12:00:00Z"),
            ),
            spanning(
                "old",
                "major",
                "2026-01-01T10:00:00Z",
                Some("2026-01-01T12:00:00Z"),
            ),
            spanning("long", "minor", "2026-01-01T10:00:00Z", None),
        ]
        .join(","),
    );
    let kept: Vec<String> = touching_last_days(&list.incidents, 30, ts(NOW))
        .into_iter()
        .map(|i| i.id)
        .collect();
    assert_eq!(kept, ["recent", "long"]);
    // The same bar either way.
    let grid = DayGrid::new(30, ts(NOW), |_| Zone::UTC);
    let all = history_bar(&list.incidents, &["api"], &grid);
    let few = history_bar(
        &touching_last_days(&list.incidents, 30, ts(NOW)),
        &["api"],
        &grid,
    );
    assert_eq!(all, few);
}

/// Read back by a browser-grade HTML parser (scraper, native only).
#[cfg(not(target_arch = "wasm32"))]
mod cells_markup {
    use super::*;
    use sitrep::components::{cell_looks, cells_markup, CellLook};

    /// The cells as a browser reads them (html5ever): per button its class, data-day, tabindex and
    /// aria-label.
    fn parsed_cells(markup: &str) -> Vec<[String; 4]> {
        let fragment = scraper::Html::parse_fragment(markup);
        let buttons = scraper::Selector::parse("button").unwrap();
        let attr = |el: &scraper::ElementRef, name| el.value().attr(name).unwrap_or("").to_string();
        fragment
            .select(&buttons)
            .map(|el| {
                assert_eq!(el.value().attr("type"), Some("button"));
                assert_eq!(el.inner_html(), "", "a cell has no content");
                [
                    attr(&el, "class"),
                    attr(&el, "data-day"),
                    attr(&el, "tabindex"),
                    attr(&el, "aria-label"),
                ]
            })
            .collect()
    }

    #[test]
    fn bar_cells_are_markup_with_one_tab_stop_on_today() {
        let list = native(&incident("now", "investigating", "critical", r#""api""#));
        let grid = DayGrid::new(3, ts(NOW), |_| Zone::UTC);
        let bar = history_bar(&list.incidents, &["api"], &grid);
        let names = ["Sat".to_string(), "Sun".to_string(), "Mon".to_string()];
        let looks = cell_looks(&bar.days, &names, |status| format!("<{}>", status.key()));
        let cells = parsed_cells(&cells_markup(&looks));
        let expected = [
            [
                "cell component--operational",
                "0",
                "-1",
                "Sat: <operational>",
            ],
            [
                "cell component--operational",
                "1",
                "-1",
                "Sun: <operational>",
            ],
            [
                "cell component--major-outage",
                "2",
                "0",
                "Mon: <major-outage>",
            ],
        ];
        assert_eq!(cells, expected.map(|cell| cell.map(String::from)));
        assert_eq!(cells_markup(&[]), "");
    }

    #[test]
    fn bar_cell_labels_cannot_break_out_of_their_attribute() {
        let hostile = r#"Mon" onmouseover="alert(1)"><img src=x onerror=alert(2)>&amp;"#;
        let looks = [CellLook {
            class: r#"cell" autofocus onfocus="alert(3)"#.to_string(),
            label: hostile.to_string(),
        }];
        let markup = cells_markup(&looks);
        let fragment = scraper::Html::parse_fragment(&markup);
        let every = scraper::Selector::parse("*").unwrap();
        let elements: Vec<_> = fragment
            .select(&every)
            .map(|el| el.value().name().to_string())
            .filter(|name| name != "html")
            .collect();
        assert_eq!(
            elements,
            ["button"],
            "one element, nothing injected: {markup}"
        );
        let button = fragment
            .select(&scraper::Selector::parse("button").unwrap())
            .next()
            .unwrap();
        let mut names: Vec<&str> = button.value().attrs().map(|(name, _)| name).collect();
        names.sort_unstable();
        assert_eq!(
            names,
            ["aria-label", "class", "data-day", "tabindex", "type"]
        );
        assert_eq!(button.value().attr("aria-label"), Some(hostile));
        assert_eq!(button.value().attr("class"), Some(looks[0].class.as_str()));
    }
}
