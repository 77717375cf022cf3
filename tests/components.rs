//! The components panel: each component's status now, from the feed's own statuses or from
//! the open incidents and maintenance in progress that name it, grouped.

use sitrep::components::{component_panel, status_for_impact, ComponentState, PanelEntry};
use sitrep::feed::model::{ComponentStatus, Impact};
use sitrep::feed::{parse_list, FormatChoice};
use sitrep::time::Timestamp;

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
