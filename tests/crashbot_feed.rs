//! Crashbot's `/list` answer: every incident in one file, with its detail.

use std::path::PathBuf;

use serde_json::{json, Value};
use sitrep::feed::model::{Format, Impact, IncidentList, Kind, Markup, Severity, Status};
use sitrep::feed::{detail_in_list, parse_detail, parse_list, FeedError, FormatChoice};
use sitrep::overview::{overview, Overall};
use sitrep::time::{Timestamp, Zone};

const FILE: &str = "crashbot/list";

fn ts(value: &str) -> Timestamp {
    Timestamp::parse(value).unwrap()
}

fn fixture() -> Vec<u8> {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "tests",
        "fixtures",
        "crashbot",
        "list.json",
    ]
    .iter()
    .collect();
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn parse(value: &Value) -> Result<IncidentList, FeedError> {
    parse_list(FILE, value.to_string().as_bytes(), FormatChoice::Auto)
}

fn row(id: u64, status: &str, severity: &str, reported_at: &str) -> Value {
    json!({
        "id": id,
        "update_number": 1,
        "modified_by": "crashbot",
        "modified_at": reported_at,
        "reported_at": reported_at,
        "closed_at": if status == "closed" { json!(reported_at) } else { Value::Null },
        "status": status,
        "severity": severity,
        "title": format!("Incident {id}"),
        "description": "Some *markdown*.",
        "point": "Dana Whitfield",
        "contact": "Ravi Menon",
        "rca_link": null,
    })
}

fn file(open: Vec<Value>, closed: Vec<Value>) -> Value {
    json!({ "open": open, "closed": closed })
}

/// A valid file with one open row, changed at `pointer` (a JSON pointer) to `value`.
fn with(pointer: &str, value: Value) -> Value {
    let mut doc = file(
        vec![row(1, "open", "sev-2", "2026-11-23T07:00:00Z")],
        vec![row(2, "closed", "sev-3", "2026-11-20T07:00:00Z")],
    );
    *doc.pointer_mut(pointer).unwrap() = value;
    doc
}

fn without(pointer: &str) -> Value {
    let mut doc = with("/open/0/id", json!(1));
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    doc.pointer_mut(parent)
        .unwrap()
        .as_object_mut()
        .unwrap()
        .remove(key);
    doc
}

fn field_error(result: Result<IncidentList, FeedError>) -> (String, String) {
    match result {
        Err(FeedError::Field {
            file,
            field,
            detail,
        }) => {
            assert_eq!(file, FILE);
            (field, detail.to_string())
        }
        other => panic!("expected a field error, got {other:?}"),
    }
}

fn ids(list: &IncidentList) -> Vec<&str> {
    list.incidents.iter().map(|i| i.id.as_str()).collect()
}

// ---------------------------------------------------------------- the fixture

#[test]
fn fixture_parses_into_the_model() {
    let list = parse_list(FILE, &fixture(), FormatChoice::Auto).unwrap();
    assert_eq!(list.format, Format::Crashbot);
    assert!(list.format.details_in_list());
    // Newest report first, like every list.
    assert_eq!(ids(&list), ["4130", "4129", "4127", "4125", "4118", "4101"]);
    assert!(list.archive.is_empty() && list.components.is_empty());
    assert_eq!(list.overall, None);

    let checkout = &list.incidents[2];
    assert_eq!(checkout.kind, Kind::Incident);
    assert_eq!(checkout.status, Status::Ongoing);
    assert_eq!(checkout.severity, Some(Severity::Sev2));
    assert_eq!(checkout.impact, Some(Impact::Major));
    assert_eq!(
        checkout.title,
        Markup::Plain("Checkout API returns 503 for a share of EU requests".into())
    );
    assert_eq!(checkout.started_at, ts("2026-11-23T07:41:02Z"));
    assert_eq!(checkout.updated_at, ts("2026-11-23T08:52:10Z"));
    assert_eq!(checkout.resolved_at, None);
    // The point of contact first, then the other contacts.
    assert_eq!(checkout.contacts, ["Dana Whitfield", "Ravi Menon, Li Wei"]);
    assert_eq!(checkout.root_cause_url, None);
    assert_eq!(checkout.detail_path, "");

    // The same person as point and contact is named once; an empty contact is no one.
    assert_eq!(list.incidents[1].contacts, ["Ravi Menon"]);
    assert_eq!(list.incidents[0].contacts, ["Dana Whitfield"]);
    assert!(list.incidents[5].contacts.is_empty());

    let outage = &list.incidents[4];
    assert_eq!(outage.status, Status::Resolved);
    assert_eq!(outage.severity, Some(Severity::Sev1));
    assert_eq!(outage.impact, Some(Impact::Critical));
    assert_eq!(outage.resolved_at, Some(ts("2026-11-21T15:10:00Z")));
    assert_eq!(
        outage.root_cause_url.as_deref(),
        Some("https://wiki.example.com/rca/4118")
    );
    // An unsafe root-cause link is dropped, the incident kept.
    let typo = &list.incidents[5];
    assert_eq!(typo.root_cause_url, None);
    assert_eq!(typo.severity, Some(Severity::Sev5));
    assert_eq!(typo.impact, Some(Impact::None));
    assert_eq!(typo.resolved_at, Some(ts("2026-11-18T09:00:00Z")));
}

#[test]
fn the_list_carries_each_incidents_detail() {
    let list = parse_list(FILE, &fixture(), FormatChoice::Crashbot).unwrap();
    assert_eq!(list.details.len(), list.incidents.len());
    let detail = detail_in_list(&list, "4127").unwrap();
    assert_eq!(detail.incident, list.incidents[2]);
    assert!(detail.updates.is_empty());
    let Markup::Markdown(text) = &detail.description else {
        panic!("description should be markdown: {:?}", detail.description);
    };
    assert!(text.starts_with("Since **07:38 UTC**"));
    let html = detail
        .description
        .html("https://status.example.com/")
        .unwrap();
    assert!(html.contains("<strong>07:38 UTC</strong>"), "{html}");
    assert!(html.contains("<li>Retries succeed"), "{html}");
    assert!(html.contains("href=\"https://grafana.example.com/d/checkout\""));
    // An empty description is no description.
    assert_eq!(
        detail_in_list(&list, "4130").unwrap().description,
        Markup::Plain(String::new())
    );
    assert_eq!(detail_in_list(&list, "9999"), None);
}

#[test]
fn open_incidents_are_shown_by_severity_then_newest_and_closed_ones_newest_first() {
    let list = parse_list(FILE, &fixture(), FormatChoice::Auto).unwrap();
    let now = ts("2026-11-23T09:00:00Z");
    let page = overview(&list.incidents, now, |_| Zone::UTC);
    let active: Vec<&str> = page.active.iter().map(|i| i.id.as_str()).collect();
    // SEV-2 (newest first), then SEV-3 before SEV-4 although both are minor impact.
    assert_eq!(active, ["4130", "4127", "4125", "4129"]);
    let history: Vec<&str> = page
        .history
        .iter()
        .flat_map(|day| day.incidents.iter().map(|i| i.id.as_str()))
        .collect();
    assert_eq!(history, ["4118", "4101"]);
    assert_eq!(page.overall, Overall::MajorOutage);
}

#[test]
fn severity_maps_onto_impact_and_the_overall_status() {
    let cases = [
        (
            "sev-1",
            Severity::Sev1,
            Impact::Critical,
            Overall::MajorOutage,
        ),
        ("sev-2", Severity::Sev2, Impact::Major, Overall::MajorOutage),
        ("sev-3", Severity::Sev3, Impact::Minor, Overall::Degraded),
        ("sev-4", Severity::Sev4, Impact::Minor, Overall::Degraded),
        ("sev-5", Severity::Sev5, Impact::None, Overall::Operational),
        (
            "SEV-1",
            Severity::Sev1,
            Impact::Critical,
            Overall::MajorOutage,
        ),
    ];
    for (word, severity, impact, overall) in cases {
        let list = parse(&with("/open/0/severity", json!(word))).unwrap();
        let incident = list.incidents.iter().find(|i| i.id == "1").unwrap();
        assert_eq!(incident.severity, Some(severity), "{word}");
        assert_eq!(incident.impact, Some(impact), "{word}");
        assert_eq!(severity.impact(), impact);
        assert_eq!(severity.key(), word.to_ascii_lowercase());
        let page = overview(&list.incidents, ts("2026-11-23T09:00:00Z"), |_| Zone::UTC);
        assert_eq!(page.overall, overall, "{word}");
    }
}

#[test]
fn numeric_ids_become_string_ids_and_the_first_of_a_repeated_id_wins() {
    let doc = file(
        vec![row(0, "open", "sev-3", "2026-11-23T07:00:00Z")],
        vec![
            row(0, "closed", "sev-1", "2026-11-22T07:00:00Z"),
            row(u64::MAX, "closed", "sev-5", "2026-11-21T07:00:00Z"),
        ],
    );
    let list = parse(&doc).unwrap();
    assert_eq!(ids(&list), ["0", "18446744073709551615"]);
    assert_eq!(list.incidents[0].status, Status::Ongoing);
    assert_eq!(list.details.len(), 2);
}

#[test]
fn empty_arrays_are_an_empty_list() {
    let list = parse(&file(vec![], vec![])).unwrap();
    assert_eq!(list.format, Format::Crashbot);
    assert!(list.incidents.is_empty() && list.details.is_empty());
}

#[test]
fn open_rows_ignore_an_old_closed_at_and_times_may_carry_offsets() {
    let list = parse(&with("/open/0/closed_at", json!("2026-11-22T07:00:00Z"))).unwrap();
    assert_eq!(list.incidents[0].resolved_at, None);
    let list = parse(&with(
        "/open/0/reported_at",
        json!("2026-11-23T08:00:00+01:00"),
    ))
    .unwrap();
    assert_eq!(list.incidents[0].started_at, ts("2026-11-23T07:00:00Z"));
}

#[test]
fn links_go_through_the_url_policy() {
    let cases = [
        (
            "https://wiki.example.com/rca/1",
            Some("https://wiki.example.com/rca/1"),
        ),
        (
            "HTTP://wiki.example.com/x",
            Some("http://wiki.example.com/x"),
        ),
        ("mailto:sre@example.com", Some("mailto:sre@example.com")),
        ("javascript:alert(1)", None),
        ("java\nscript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("vbscript:msgbox", None),
        ("/rca/1", None),
        ("rca/1", None),
        ("//evil.example/rca", None),
        ("#top", None),
        ("https:evil.example", None),
        ("", None),
    ];
    for (raw, expected) in cases {
        let list = parse(&with("/closed/0/rca_link", json!(raw))).unwrap();
        let closed = list.incidents.iter().find(|i| i.id == "2").unwrap();
        assert_eq!(closed.root_cause_url.as_deref(), expected, "{raw:?}");
    }
}

#[test]
fn nulls_are_accepted_where_crashbot_writes_them() {
    for pointer in [
        "/open/0/closed_at",
        "/open/0/rca_link",
        "/open/0/point",
        "/open/0/contact",
        "/open/0/description",
    ] {
        let list = parse(&with(pointer, Value::Null)).unwrap_or_else(|e| panic!("{pointer}: {e}"));
        assert_eq!(list.incidents.len(), 2, "{pointer}");
    }
    // Fields sitrep does not show may be anything.
    let list = parse(&with("/open/0/update_number", json!({"odd": true}))).unwrap();
    assert_eq!(list.incidents.len(), 2);
}

// ---------------------------------------------------------------- malformed files

#[test]
fn malformed_rows_name_the_field() {
    let cases: Vec<(Value, &str, &str)> = vec![
        (
            with("/open/0/id", json!("1")),
            "open[0].id",
            "invalid type: string",
        ),
        (with("/open/0/id", json!(-1)), "open[0].id", "invalid value"),
        (
            with("/open/0/id", json!(1.5)),
            "open[0].id",
            "invalid type: floating point",
        ),
        (
            with("/open/0/id", Value::Null),
            "open[0].id",
            "invalid type: null",
        ),
        (without("/open/0/id"), "open[0].id", "missing field"),
        (
            with("/closed/0/severity", json!("sev-6")),
            "closed[0].severity",
            "unknown variant",
        ),
        (
            with("/open/0/severity", json!("critical")),
            "open[0].severity",
            "unknown variant",
        ),
        (
            with("/open/0/severity", Value::Null),
            "open[0].severity",
            "wrong type (null)",
        ),
        (
            with("/open/0/severity", json!(1)),
            "open[0].severity",
            "wrong type",
        ),
        (
            with("/open/0/status", json!("resolved")),
            "open[0].status",
            "unknown variant",
        ),
        (
            with("/open/0/status", json!("closed")),
            "open[0].status",
            "a row in \"open\" must have status \"open\"",
        ),
        (
            with("/closed/0/status", json!("open")),
            "closed[0].status",
            "a row in \"closed\" must have status \"closed\"",
        ),
        (
            with("/closed/0/closed_at", Value::Null),
            "closed[0].closed_at",
            "needs a closed_at",
        ),
        (
            with("/closed/0/closed_at", json!("yesterday")),
            "closed[0].closed_at",
            "",
        ),
        (
            with("/open/0/title", Value::Null),
            "open[0].title",
            "invalid type: null",
        ),
        (
            with("/open/0/title", json!(["a"])),
            "open[0].title",
            "invalid type: sequence",
        ),
        (without("/open/0/title"), "open[0].title", "missing field"),
        (
            with("/open/0/description", json!(7)),
            "open[0].description",
            "invalid type: integer",
        ),
        (
            with("/open/0/contact", json!(["Ravi"])),
            "open[0].contact",
            "invalid type: sequence",
        ),
        (
            with("/open/0/rca_link", json!(false)),
            "open[0].rca_link",
            "invalid type: boolean",
        ),
        (
            with("/open/0/reported_at", Value::Null),
            "open[0].reported_at",
            "invalid type: null",
        ),
        (
            without("/open/0/modified_at"),
            "open[0].modified_at",
            "missing field",
        ),
        (
            with("/open/0", json!([1, 2])),
            "open[0]",
            "expected a JSON object",
        ),
        (with("/open", json!({})), "open", "invalid type: map"),
        (with("/closed", Value::Null), "closed", "invalid type: null"),
        (without("/open"), "open", "missing field `open`"),
        (without("/closed"), "closed", "missing field `closed`"),
    ];
    let mut failures = Vec::new();
    for (doc, path, text) in cases {
        let (field, detail) = field_error(parse(&doc));
        if field != path || !detail.contains(text) {
            failures.push(format!("{path} ~{text:?}: got {field}: {detail}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn crashbot_has_no_incident_files() {
    let (file, field, detail) = match parse_detail(
        "data/incident/1.json",
        br#"{"id": 1}"#,
        FormatChoice::Crashbot,
    ) {
        Err(FeedError::Field {
            file,
            field,
            detail,
        }) => (file, field, detail),
        other => panic!("expected a field error, got {other:?}"),
    };
    assert_eq!(file, "data/incident/1.json");
    assert_eq!(field, "(top level)");
    assert!(detail
        .to_string()
        .contains("list carries every incident's detail"));
}
