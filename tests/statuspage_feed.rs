//! Atlassian Statuspage's public API: the summary (live) and incidents (history) files, each
//! on its own and combined.

use std::path::PathBuf;

use serde_json::{json, Value};
use sitrep::feed::model::{
    Component, ComponentStatus, Format, Impact, IncidentList, Kind, Markup, Overall, Status,
};
use sitrep::feed::{
    combine_lists, detail_in_list, parse_list, parse_statuspage, FeedError, FormatChoice,
    STATUSPAGE_INCIDENTS_PATH, STATUSPAGE_SUMMARY_PATH,
};
use sitrep::overview::{list_overview, overview};
use sitrep::time::{Timestamp, Zone};

fn ts(value: &str) -> Timestamp {
    Timestamp::parse(value).unwrap()
}

fn fixture(name: &str) -> Vec<u8> {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "tests",
        "fixtures",
        "statuspage",
        name,
    ]
    .iter()
    .collect();
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn fixture_json(name: &str) -> Value {
    serde_json::from_slice(&fixture(name)).unwrap()
}

fn summary() -> IncidentList {
    parse_list(
        STATUSPAGE_SUMMARY_PATH,
        &fixture("summary.json"),
        FormatChoice::Auto,
    )
    .unwrap()
}

fn history() -> IncidentList {
    parse_list(
        STATUSPAGE_INCIDENTS_PATH,
        &fixture("incidents.json"),
        FormatChoice::Auto,
    )
    .unwrap()
}

fn parse(value: &Value) -> Result<IncidentList, FeedError> {
    parse_list(
        STATUSPAGE_SUMMARY_PATH,
        value.to_string().as_bytes(),
        FormatChoice::Auto,
    )
}

/// The summary fixture, changed at `pointer` (a JSON pointer) to `value`.
fn with(pointer: &str, value: Value) -> Value {
    let mut doc = fixture_json("summary.json");
    *doc.pointer_mut(pointer)
        .unwrap_or_else(|| panic!("no {pointer}")) = value;
    doc
}

fn without(pointer: &str) -> Value {
    let mut doc = fixture_json("summary.json");
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    doc.pointer_mut(parent)
        .unwrap()
        .as_object_mut()
        .unwrap()
        .remove(key)
        .unwrap_or_else(|| panic!("no {pointer}"));
    doc
}

fn ids(list: &IncidentList) -> Vec<&str> {
    list.incidents.iter().map(|i| i.id.as_str()).collect()
}

// ---------------------------------------------------------------- the summary

#[test]
fn file_names_are_relative_to_the_page_root() {
    assert_eq!(STATUSPAGE_SUMMARY_PATH, "api/v2/summary.json");
    assert_eq!(STATUSPAGE_INCIDENTS_PATH, "api/v2/incidents.json");
    assert_eq!(
        FormatChoice::Statuspage.default_list_path(),
        STATUSPAGE_SUMMARY_PATH
    );
}

#[test]
fn summary_parses_into_the_model() {
    let list = summary();
    assert_eq!(list.format, Format::Statuspage);
    assert!(list.format.details_in_list());
    assert_eq!(list.overall, Some(Overall::MajorOutage));
    // Newest first; a maintenance by its window's start.
    assert_eq!(
        ids(&list),
        [
            "c4d5e6f7g8h9",
            "zq8wd0m6t4vy",
            "w9yk3m1x5b7c",
            "p31zjtct2jer"
        ]
    );

    let checkout = list
        .incidents
        .iter()
        .find(|i| i.id == "p31zjtct2jer")
        .unwrap();
    assert_eq!(checkout.kind, Kind::Incident);
    assert_eq!(checkout.status, Status::Identified);
    assert_eq!(checkout.impact, Some(Impact::Major));
    assert_eq!(
        checkout.title,
        Markup::Plain("Elevated error rates on the Checkout API".into())
    );
    assert_eq!(checkout.started_at, ts("2026-11-23T07:38:00Z"));
    assert_eq!(checkout.updated_at, ts("2026-11-23T08:50:41.120Z"));
    assert_eq!(checkout.resolved_at, None);
    assert_eq!(checkout.components, ["8l4ygp009s5s"]);
    assert_eq!(
        checkout.link.as_deref(),
        Some("https://stspg.io/p31zjtct2jer")
    );
    assert_eq!(checkout.detail_path, "");
    assert_eq!(checkout.severity, None);
    // The row's one line: the newest update's first line.
    assert_eq!(
        checkout.latest_update.as_deref(),
        Some("The cause is a saturated connection pool in eu-west-1.")
    );

    let failover = list
        .incidents
        .iter()
        .find(|i| i.id == "w9yk3m1x5b7c")
        .unwrap();
    assert_eq!(
        failover.kind,
        Kind::Maintenance {
            start: ts("2026-11-23T08:00:00Z"),
            end: ts("2026-11-23T10:00:00Z")
        }
    );
    assert_eq!(failover.status, Status::InProgress);
    assert_eq!(failover.impact, Some(Impact::None));
    assert_eq!(failover.started_at, ts("2026-11-23T08:00:00Z"));
    let upgrade = &list.incidents[0];
    assert_eq!(upgrade.status, Status::Scheduled);
}

#[test]
fn components_keep_their_status_group_and_order() {
    let list = summary();
    let component =
        |id: &str, name: &str, group: Option<&str>, status, only_if_degraded| Component {
            id: id.into(),
            name: name.into(),
            group: group.map(Into::into),
            status: Some(status),
            only_if_degraded,
        };
    assert_eq!(
        list.components,
        [
            component(
                "8l4ygp009s5s",
                "Checkout API",
                Some("API"),
                ComponentStatus::PartialOutage,
                false
            ),
            component(
                "7x2kq4m1rv9d",
                "Accounts API",
                Some("API"),
                ComponentStatus::Operational,
                false
            ),
            component(
                "ftgks51sfs2d",
                "Dashboard",
                None,
                ComponentStatus::DegradedPerformance,
                false
            ),
            component(
                "r0ll0utq3c1x",
                "Database maintenance",
                None,
                ComponentStatus::UnderMaintenance,
                true
            ),
        ]
    );
    // Groups are not entries, but their ids still have names.
    assert_eq!(list.component_name("b13yz5g2cw10"), "API");
    assert_eq!(list.component_name("8l4ygp009s5s"), "Checkout API");
    let keys: Vec<&str> = [
        ComponentStatus::Operational,
        ComponentStatus::DegradedPerformance,
        ComponentStatus::PartialOutage,
        ComponentStatus::MajorOutage,
        ComponentStatus::UnderMaintenance,
    ]
    .iter()
    .map(|s| s.key())
    .collect();
    assert_eq!(
        keys,
        [
            "operational",
            "degraded-performance",
            "partial-outage",
            "major-outage",
            "under-maintenance"
        ]
    );
}

#[test]
fn updates_are_plain_text_newest_first_with_their_line_breaks() {
    let list = summary();
    let detail = detail_in_list(&list, "w9yk3m1x5b7c").unwrap();
    assert_eq!(detail.description, Markup::Plain(String::new()));
    let ids: Vec<&str> = detail.updates.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, ["m1n2o3p4q5r6", "s6t7u8v9w0x1"]);
    assert_eq!(detail.updates[0].status, Some(Status::InProgress));
    assert_eq!(detail.updates[1].status, Some(Status::Scheduled));
    assert_eq!(detail.updates[0].at, ts("2026-11-23T08:00:02Z"));
    assert_eq!(
        detail.updates[1].body,
        Markup::Plain(
            "Failover test of the primary database.\nExpect a few seconds of read-only mode."
                .into()
        )
    );
    // Plain text is never turned into HTML.
    assert_eq!(detail.updates[1].body.html("https://x.example/"), None);
}

#[test]
fn the_declared_overall_status_replaces_the_computed_one() {
    let now = ts("2026-11-23T09:00:00Z");
    let cases = [
        ("none", Overall::Operational),
        ("minor", Overall::Degraded),
        ("major", Overall::MajorOutage),
        ("critical", Overall::MajorOutage),
        ("maintenance", Overall::Maintenance),
    ];
    for (indicator, expected) in cases {
        let list = parse(&with("/status/indicator", json!(indicator))).unwrap();
        assert_eq!(list.overall, Some(expected), "{indicator}");
        // The incidents alone say major outage; the page's own word wins.
        assert_eq!(
            overview(&list.incidents, now, |_| Zone::UTC).overall,
            Overall::MajorOutage
        );
        assert_eq!(
            list_overview(&list, [], now, |_| Zone::UTC).overall,
            expected,
            "{indicator}"
        );
    }
    // Without a declared status (the incidents file), the computed one stands.
    let history = history();
    assert_eq!(history.overall, None);
    assert_eq!(
        list_overview(&history, [], now, |_| Zone::UTC).overall,
        Overall::MajorOutage
    );
    // Extra incidents (an opened archive) are part of the overview.
    let page = list_overview(&summary(), &history.incidents, now, |_| Zone::UTC);
    assert!(page
        .history
        .iter()
        .any(|day| day.incidents.iter().any(|i| i.id == "x0y1z2a3b4c5")));
}

// ---------------------------------------------------------------- the incidents file

#[test]
fn incidents_file_maps_every_status() {
    let list = history();
    assert_eq!(list.format, Format::Statuspage);
    assert!(list.components.is_empty());
    let by_id = |id: &str| list.incidents.iter().find(|i| i.id == id).unwrap();

    let webhooks = by_id("j8k9l0m1n2p3");
    // A postmortem follows a resolved incident.
    assert_eq!(webhooks.status, Status::Resolved);
    assert_eq!(webhooks.resolved_at, Some(ts("2026-11-19T16:05:00Z")));
    assert_eq!(webhooks.impact, Some(Impact::Minor));
    // Components named only in incidents still get their names.
    assert_eq!(list.component_name("wbhk0000dlv1"), "Webhooks");
    let detail = detail_in_list(&list, "j8k9l0m1n2p3").unwrap();
    let statuses: Vec<_> = detail.updates.iter().map(|u| u.status).collect();
    assert_eq!(
        statuses,
        [
            Some(Status::Resolved),
            Some(Status::Resolved),
            Some(Status::Investigating)
        ]
    );
    // display_at is the time shown.
    assert_eq!(detail.updates[2].at, ts("2026-11-19T14:00:00Z"));
    assert_eq!(
        detail.updates[0].body,
        Markup::Plain(
            "Postmortem\n\nA queue consumer stalled after a deploy.\nWe have added an alert on consumer lag."
                .into()
        )
    );

    let rotation = by_id("d1e2f3g4h5i6");
    assert!(matches!(rotation.kind, Kind::Maintenance { .. }));
    assert_eq!(rotation.status, Status::Completed);
    let detail = detail_in_list(&list, "d1e2f3g4h5i6").unwrap();
    // Verifying: the work is done and being checked, the window still open.
    assert_eq!(detail.updates[1].status, Some(Status::InProgress));

    let sso = by_id("x0y1z2a3b4c5");
    assert_eq!(sso.impact, Some(Impact::Critical));
    // An unsafe shortlink is dropped; the incident stays.
    assert_eq!(sso.link, None);
    assert_eq!(sso.latest_update, None);
    assert!(detail_in_list(&list, "x0y1z2a3b4c5")
        .unwrap()
        .updates
        .is_empty());
}

#[test]
fn every_status_word_maps_onto_the_model() {
    let cases = [
        ("investigating", Status::Investigating, false),
        ("identified", Status::Identified, false),
        ("monitoring", Status::Monitoring, false),
        ("resolved", Status::Resolved, false),
        ("postmortem", Status::Resolved, false),
        ("scheduled", Status::Scheduled, true),
        ("in_progress", Status::InProgress, true),
        ("verifying", Status::InProgress, true),
        ("completed", Status::Completed, true),
    ];
    for (word, status, maintenance) in cases {
        // The in-progress maintenance has a window, so any status fits it.
        let doc = with("/scheduled_maintenances/0/status", json!(word));
        let list = parse(&doc).unwrap();
        let entry = list
            .incidents
            .iter()
            .find(|i| i.id == "w9yk3m1x5b7c")
            .unwrap();
        assert_eq!(entry.status, status, "{word}");
        assert_eq!(
            matches!(entry.kind, Kind::Maintenance { .. }),
            maintenance,
            "{word}"
        );
        let doc = with("/incidents/0/incident_updates/0/status", json!(word));
        let detail = detail_in_list(&parse(&doc).unwrap(), "p31zjtct2jer").unwrap();
        assert_eq!(detail.updates[0].status, Some(status), "{word}");
    }
    let impacts = [
        ("none", Impact::None),
        ("minor", Impact::Minor),
        ("major", Impact::Major),
        ("critical", Impact::Critical),
        ("maintenance", Impact::None),
    ];
    for (word, impact) in impacts {
        let list = parse(&with("/incidents/0/impact", json!(word))).unwrap();
        let entry = list
            .incidents
            .iter()
            .find(|i| i.id == "p31zjtct2jer")
            .unwrap();
        assert_eq!(entry.impact, Some(impact), "{word}");
    }
}

// ---------------------------------------------------------------- combining the files

#[test]
fn summary_and_history_combine_into_one_list() {
    let combined =
        parse_statuspage(&fixture("summary.json"), Some(&fixture("incidents.json"))).unwrap();
    assert_eq!(combined, combine_lists(&summary(), &history()));
    assert_eq!(
        ids(&combined),
        [
            "c4d5e6f7g8h9",
            "zq8wd0m6t4vy",
            "w9yk3m1x5b7c",
            "p31zjtct2jer",
            "j8k9l0m1n2p3",
            "d1e2f3g4h5i6",
            "x0y1z2a3b4c5"
        ]
    );
    // The summary's status, components and newer copy of a shared incident win.
    assert_eq!(combined.overall, Some(Overall::MajorOutage));
    assert_eq!(combined.components, summary().components);
    let checkout = detail_in_list(&combined, "p31zjtct2jer").unwrap();
    assert_eq!(checkout.incident.status, Status::Identified);
    assert_eq!(checkout.updates.len(), 2);
    // History adds what the summary lacks, with its detail.
    assert_eq!(combined.details.len(), combined.incidents.len());
    assert_eq!(combined.component_name("wbhk0000dlv1"), "Webhooks");
    // The summary alone is the live list.
    assert_eq!(
        parse_statuspage(&fixture("summary.json"), None).unwrap(),
        summary()
    );
}

#[test]
fn the_copy_updated_last_wins_whichever_file_it_is_in() {
    let mut newer = fixture_json("incidents.json");
    newer["incidents"][0]["status"] = json!("resolved");
    newer["incidents"][0]["updated_at"] = json!("2026-11-23T09:30:00Z");
    newer["incidents"][0]["incident_updates"] = json!([]);
    let history = parse_list(
        STATUSPAGE_INCIDENTS_PATH,
        newer.to_string().as_bytes(),
        FormatChoice::Auto,
    )
    .unwrap();
    let combined = combine_lists(&summary(), &history);
    let checkout = detail_in_list(&combined, "p31zjtct2jer").unwrap();
    assert_eq!(checkout.incident.status, Status::Resolved);
    assert!(checkout.updates.is_empty());
    // On a tie the live copy stays.
    let combined = combine_lists(&summary(), &summary());
    assert_eq!(combined, summary());
}

#[test]
fn errors_in_either_file_name_that_file() {
    let broken = br#"{"page": {}, "incidents": 7}"#;
    for (summary, incidents, file) in [
        (&broken[..], None, STATUSPAGE_SUMMARY_PATH),
        (
            &fixture("summary.json")[..],
            Some(&broken[..]),
            STATUSPAGE_INCIDENTS_PATH,
        ),
    ] {
        match parse_statuspage(summary, incidents) {
            Err(FeedError::Field {
                file: named, field, ..
            }) => {
                assert_eq!(named, file);
                assert_eq!(field, "incidents");
            }
            other => panic!("expected a field error, got {other:?}"),
        }
    }
}

// ---------------------------------------------------------------- malformed files

#[test]
fn nulls_are_accepted_where_statuspage_writes_them() {
    for pointer in [
        "/incidents/0/resolved_at",
        "/incidents/0/started_at",
        "/incidents/0/shortlink",
        "/incidents/0/scheduled_for",
        "/incidents/0/incident_updates/0/affected_components",
        "/incidents/0/incident_updates/0/display_at",
        "/incidents/0/incident_updates/0/body",
        "/components/1/group_id",
        "/status/description",
    ] {
        parse(&with(pointer, Value::Null)).unwrap_or_else(|e| panic!("{pointer}: {e}"));
    }
    // Without started_at an incident started when it was created.
    let list = parse(&with("/incidents/0/started_at", Value::Null)).unwrap();
    let checkout = list
        .incidents
        .iter()
        .find(|i| i.id == "p31zjtct2jer")
        .unwrap();
    assert_eq!(checkout.started_at, ts("2026-11-23T07:44:58.020Z"));
    // A member of an unknown group has no group.
    let list = parse(&with("/components/1/group_id", json!("nosuchgroup"))).unwrap();
    assert_eq!(list.components[0].group, None);
    // The arrays only the summary has may be absent.
    for pointer in ["/components", "/scheduled_maintenances", "/status"] {
        parse(&without(pointer)).unwrap_or_else(|e| panic!("{pointer}: {e}"));
    }
}

#[test]
fn malformed_entries_name_the_field() {
    let cases: Vec<(Value, &str, &str)> = vec![
        (
            with("/status/indicator", json!("on_fire")),
            "status.indicator",
            "unknown variant",
        ),
        (
            with("/status/indicator", Value::Null),
            "status.indicator",
            "wrong type (null)",
        ),
        (
            without("/status/indicator"),
            "status.indicator",
            "missing field",
        ),
        (
            with("/status", json!("none")),
            "status",
            "expected a JSON object",
        ),
        (
            with("/components/1/status", json!("broken")),
            "components[1].status",
            "unknown variant",
        ),
        (
            with("/components/1/status", Value::Null),
            "components[1].status",
            "wrong type (null)",
        ),
        (
            with("/components/1/name", Value::Null),
            "components[1].name",
            "invalid type: null",
        ),
        (
            with("/components/1/group", json!("yes")),
            "components[1].group",
            "invalid type: string",
        ),
        (
            with("/components", json!({})),
            "components",
            "invalid type: map",
        ),
        (
            with("/incidents/0/status", json!("fixed")),
            "incidents[0].status",
            "unknown variant",
        ),
        (
            with("/incidents/0/impact", json!("severe")),
            "incidents[0].impact",
            "unknown variant",
        ),
        (
            with("/incidents/0/impact", Value::Null),
            "incidents[0].impact",
            "wrong type (null)",
        ),
        (
            with("/incidents/0/id", json!(42)),
            "incidents[0].id",
            "invalid type: integer",
        ),
        (
            with("/incidents/0/id", json!("../../etc")),
            "incidents[0].id",
            "is not a valid id",
        ),
        (
            with("/incidents/0/id", json!("")),
            "incidents[0].id",
            "is not a valid id",
        ),
        (
            with("/incidents/0/name", Value::Null),
            "incidents[0].name",
            "invalid type: null",
        ),
        (
            with("/incidents/0/created_at", Value::Null),
            "incidents[0].created_at",
            "invalid type: null",
        ),
        (
            with("/incidents/0/updated_at", json!("soon")),
            "incidents[0].updated_at",
            "",
        ),
        (
            with("/incidents/0/shortlink", json!(1)),
            "incidents[0].shortlink",
            "invalid type: integer",
        ),
        (
            with("/incidents/0/components", Value::Null),
            "incidents[0].components",
            "invalid type: null",
        ),
        (
            with("/incidents/0/components/0/id", Value::Null),
            "incidents[0].components[0].id",
            "invalid type: null",
        ),
        (
            with("/incidents/0/incident_updates", Value::Null),
            "incidents[0].incident_updates",
            "invalid type: null",
        ),
        (
            with("/incidents/0/incident_updates/1/status", json!("done")),
            "incidents[0].incident_updates[1].status",
            "unknown variant",
        ),
        (
            with("/incidents/0/incident_updates/1/id", json!("a b")),
            "incidents[0].incident_updates[1].id",
            "is not a valid id",
        ),
        (
            with("/incidents/0/incident_updates/0/body", json!(["x"])),
            "incidents[0].incident_updates[0].body",
            "invalid type: sequence",
        ),
        (
            with("/incidents/0/incident_updates/0/created_at", Value::Null),
            "incidents[0].incident_updates[0].created_at",
            "invalid type: null",
        ),
        (
            with("/incidents/0/incident_updates/0", json!([])),
            "incidents[0].incident_updates[0]",
            "expected a JSON object",
        ),
        (
            with("/scheduled_maintenances/0/scheduled_for", Value::Null),
            "scheduled_maintenances[0].scheduled_for",
            "needs a scheduled_for",
        ),
        (
            with("/scheduled_maintenances/1/scheduled_until", Value::Null),
            "scheduled_maintenances[1].scheduled_until",
            "needs a scheduled_for and a scheduled_until",
        ),
        (
            with(
                "/scheduled_maintenances/1/scheduled_until",
                json!("2026-11-27T01:00:00Z"),
            ),
            "scheduled_maintenances[1].scheduled_until",
            "ends before it starts",
        ),
        (
            with("/scheduled_maintenances", Value::Null),
            "scheduled_maintenances",
            "invalid type: null",
        ),
        (
            with("/incidents", Value::Null),
            "incidents",
            "invalid type: null",
        ),
        (
            without("/incidents"),
            "incidents",
            "missing field `incidents`",
        ),
        (
            with("/page", json!("Acme")),
            "page",
            "expected a JSON object",
        ),
    ];
    let mut failures = Vec::new();
    for (doc, path, text) in cases {
        match parse(&doc) {
            Err(FeedError::Field {
                file,
                field,
                detail,
            }) if file == STATUSPAGE_SUMMARY_PATH
                && field == path
                && detail.to_string().contains(text) => {}
            other => failures.push(format!("{path} ~{text:?}: got {other:?}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_forced_format_reads_a_file_without_page_as_an_error_naming_page() {
    let doc = without("/page");
    match parse_list(
        STATUSPAGE_SUMMARY_PATH,
        doc.to_string().as_bytes(),
        FormatChoice::Statuspage,
    ) {
        Err(FeedError::Field { field, detail, .. }) => {
            assert_eq!(field, "page");
            assert!(
                detail.to_string().contains("missing field `page`"),
                "{detail}"
            );
        }
        other => panic!("expected a field error, got {other:?}"),
    }
}

#[test]
fn repeated_ids_keep_the_first_entry_and_updates_the_first_of_each_id() {
    let mut doc = fixture_json("summary.json");
    let first = doc["incidents"][0].clone();
    doc["scheduled_maintenances"]
        .as_array_mut()
        .unwrap()
        .push(first);
    let copy = doc["incidents"][0]["incident_updates"][0].clone();
    doc["incidents"][0]["incident_updates"]
        .as_array_mut()
        .unwrap()
        .push(copy);
    let list = parse(&doc).unwrap();
    assert_eq!(list.incidents.len(), 4);
    let detail = detail_in_list(&list, "p31zjtct2jer").unwrap();
    assert_eq!(detail.updates.len(), 2);
}
