//! sitrep's native feed format: list, detail and archive files, and their error messages.

use serde_json::{json, Value};
use sitrep::feed::model::{Format, Impact, IncidentDetail, IncidentList, Kind, Markup, Status};
use sitrep::feed::{
    default_detail_path, is_valid_id, parse_archive, parse_detail, parse_list, FeedError,
    FormatChoice, LIST_PATH,
};
use sitrep::time::Timestamp;

const BASE: &str = "https://status.example.com/";
const DETAIL: &str = "data/incident/db.json";
const ARCHIVE: &str = "data/archive/2025.json";

fn ts(value: &str) -> Timestamp {
    Timestamp::parse(value).unwrap()
}

fn list_bytes(bytes: &[u8]) -> Result<IncidentList, FeedError> {
    parse_list(LIST_PATH, bytes, FormatChoice::Auto)
}

fn list(value: &Value) -> Result<IncidentList, FeedError> {
    list_bytes(value.to_string().as_bytes())
}

fn detail(value: &Value) -> Result<IncidentDetail, FeedError> {
    parse_detail(DETAIL, value.to_string().as_bytes(), FormatChoice::Auto)
}

fn entry(id: &str, started_at: &str) -> Value {
    json!({
        "id": id,
        "title": format!("Incident {id}"),
        "status": "investigating",
        "impact": "major",
        "started_at": started_at,
        "updated_at": started_at,
    })
}

fn list_of(entries: Vec<Value>) -> Value {
    json!({ "sitrep": 1, "incidents": entries })
}

fn one(entry: Value) -> Value {
    list_of(vec![entry])
}

fn with(mut value: Value, key: &str, field: Value) -> Value {
    value[key] = field;
    value
}

fn without(mut value: Value, key: &str) -> Value {
    value.as_object_mut().unwrap().remove(key);
    value
}

fn maintenance(id: &str) -> Value {
    json!({
        "id": id,
        "kind": "maintenance",
        "title": "Database upgrade",
        "status": "scheduled",
        "updated_at": "2026-11-21T10:12:00Z",
        "scheduled_start": "2026-11-26T02:00:00Z",
        "scheduled_end": "2026-11-26T04:00:00Z",
    })
}

/// The field path and detail of a `FeedError::Field`, after checking the file name.
fn field_error<T: std::fmt::Debug>(result: Result<T, FeedError>, file: &str) -> (String, String) {
    match result {
        Err(FeedError::Field {
            file: f,
            field,
            detail,
        }) => {
            assert_eq!(f, file);
            (field, detail.to_string())
        }
        other => panic!("expected a field error, got {other:?}"),
    }
}

fn detail_file(updates: Value) -> Value {
    json!({
        "sitrep": 1,
        "id": "db",
        "title": "Database failover",
        "status": "resolved",
        "impact": "major",
        "components": ["database"],
        "started_at": "2026-10-07T23:34:00Z",
        "updated_at": "2026-10-08T01:10:00Z",
        "resolved_at": "2026-10-08T01:10:00Z",
        "description": "The **primary** failed.",
        "updates": updates,
    })
}

// ---------------------------------------------------------------- valid lists

#[test]
fn minimal_list_parses_with_defaults() {
    let parsed = list(&json!({
        "sitrep": 1,
        "incidents": [{
            "id": "api-1",
            "title": "API <errors> & \"timeouts\"",
            "status": "investigating",
            "started_at": "2026-11-23T07:40:00Z",
            "updated_at": "2026-11-23T07:45:00Z"
        }]
    }))
    .unwrap();
    assert_eq!(parsed.format, Format::Native);
    assert!(parsed.archive.is_empty());
    assert!(parsed.component_names.is_empty());
    let incident = &parsed.incidents[0];
    assert_eq!(incident.id, "api-1");
    assert_eq!(incident.kind, Kind::Incident);
    // Native titles are plain text, kept verbatim (escaping is the view's job).
    assert_eq!(
        incident.title,
        Markup::Plain("API <errors> & \"timeouts\"".to_string())
    );
    assert_eq!(incident.status, Status::Investigating);
    assert_eq!(
        incident.impact,
        Some(Impact::Minor),
        "incidents default to minor impact"
    );
    assert!(incident.components.is_empty());
    assert_eq!(incident.started_at, ts("2026-11-23T07:40:00Z"));
    assert_eq!(incident.updated_at, ts("2026-11-23T07:45:00Z"));
    assert_eq!(incident.resolved_at, None);
    assert_eq!(incident.latest_update, None);
    assert_eq!(incident.detail_path, "data/incident/api-1.json");
    assert_eq!(default_detail_path("api-1"), "data/incident/api-1.json");
}

#[test]
fn every_status_and_impact_value_is_read() {
    let statuses = [
        ("investigating", Status::Investigating),
        ("identified", Status::Identified),
        ("monitoring", Status::Monitoring),
        ("resolved", Status::Resolved),
    ];
    let impacts = [
        ("none", Impact::None),
        ("minor", Impact::Minor),
        ("major", Impact::Major),
        ("critical", Impact::Critical),
    ];
    for (text, status) in statuses {
        for (impact_text, impact) in impacts {
            let value = with(
                with(entry("a", "2026-11-23T07:40:00Z"), "status", json!(text)),
                "impact",
                json!(impact_text),
            );
            let incident = list(&one(value)).unwrap().incidents.remove(0);
            assert_eq!(incident.status, status);
            assert_eq!(incident.impact, Some(impact));
        }
    }
    for (text, status) in [
        ("scheduled", Status::Scheduled),
        ("in_progress", Status::InProgress),
        ("completed", Status::Completed),
    ] {
        let incident = list(&one(with(maintenance("m"), "status", json!(text))))
            .unwrap()
            .incidents
            .remove(0);
        assert_eq!(incident.status, status);
    }
}

#[test]
fn full_list_entry_and_list_level_fields() {
    let parsed = list(&json!({
        "sitrep": 1,
        "generated_at": "2026-11-23T09:00:00Z",
        "components": [
            { "id": "api", "name": "Public API", "group": "API" },
            { "id": "cdn", "name": "CDN" }
        ],
        "incidents": [{
            "id": "2026-09-02-api-outage",
            "kind": "incident",
            "title": "API outage",
            "status": "resolved",
            "impact": "critical",
            "components": ["api", "unknown-component"],
            "started_at": "2026-09-02T16:03:00Z",
            "updated_at": "2026-09-02T18:00:00+02:00",
            "resolved_at": "2026-09-02T16:00:00Z",
            "latest_update": "All good.",
            "url": "data/incident/custom-name.json"
        }],
        "archive": [{ "url": "data/archive/2025.json", "title": "2025", "count": 12 }, { "url": "data/archive/2024.json", "title": "2024" }]
    }))
    .unwrap();
    let incident = &parsed.incidents[0];
    assert_eq!(
        incident.components,
        vec!["api".to_string(), "unknown-component".to_string()]
    );
    assert_eq!(incident.resolved_at, Some(ts("2026-09-02T16:00:00Z")));
    assert_eq!(incident.updated_at, ts("2026-09-02T16:00:00Z"));
    assert_eq!(incident.latest_update.as_deref(), Some("All good."));
    assert_eq!(incident.detail_path, "data/incident/custom-name.json");
    assert_eq!(parsed.component_name("api"), "Public API");
    assert_eq!(parsed.component_name("cdn"), "CDN");
    assert_eq!(
        parsed.component_name("unknown-component"),
        "unknown-component"
    );
    assert_eq!(parsed.archive.len(), 2);
    assert_eq!(parsed.archive[0].path, "data/archive/2025.json");
    assert_eq!(parsed.archive[0].title, "2025");
    assert_eq!(parsed.archive[0].count, Some(12));
    assert_eq!(parsed.archive[1].count, None);
}

#[test]
fn maintenance_entries() {
    let parsed = list(&one(maintenance("db-upgrade"))).unwrap();
    let m = &parsed.incidents[0];
    assert_eq!(
        m.kind,
        Kind::Maintenance {
            start: ts("2026-11-26T02:00:00Z"),
            end: ts("2026-11-26T04:00:00Z")
        }
    );
    assert_eq!(m.status, Status::Scheduled);
    // Without started_at a maintenance starts with its window; impact defaults to none.
    assert_eq!(m.started_at, ts("2026-11-26T02:00:00Z"));
    assert_eq!(m.impact, Some(Impact::None));

    let early = with(
        maintenance("early"),
        "started_at",
        json!("2026-11-26T01:55:00Z"),
    );
    assert_eq!(
        list(&one(early)).unwrap().incidents[0].started_at,
        ts("2026-11-26T01:55:00Z")
    );

    // A zero-length window is allowed; one that ends before it starts is not.
    let zero = with(
        maintenance("zero"),
        "scheduled_end",
        json!("2026-11-26T02:00:00Z"),
    );
    assert!(list(&one(zero)).is_ok());
    let backwards = with(
        maintenance("back"),
        "scheduled_end",
        json!("2026-11-26T01:00:00Z"),
    );
    let (field, _) = field_error(list(&one(backwards)), LIST_PATH);
    assert_eq!(field, "incidents[0].scheduled_end");
}

#[test]
fn unknown_extra_fields_are_ignored() {
    let mut value = one(with(
        entry("a", "2026-11-23T07:40:00Z"),
        "postmortem_url",
        json!("https://x"),
    ));
    value["theme"] = json!({ "colour": "red", "nested": [1, 2, { "deep": null }] });
    value["incidents"][0]["extra"] = json!([1, "two", { "three": 3 }]);
    let parsed = list(&value).unwrap();
    assert_eq!(parsed.incidents.len(), 1);
    assert_eq!(parsed.incidents[0].id, "a");
}

#[test]
fn duplicate_ids_are_deduplicated_and_the_first_wins() {
    let first = with(
        entry("dup", "2026-11-20T10:00:00Z"),
        "title",
        json!("First"),
    );
    let second = with(
        entry("dup", "2026-11-22T10:00:00Z"),
        "title",
        json!("Second"),
    );
    let other = entry("other", "2026-11-21T10:00:00Z");
    let parsed = list(&list_of(vec![first, other, second])).unwrap();
    let ids: Vec<&str> = parsed.incidents.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["other", "dup"]);
    assert_eq!(
        parsed.incidents[1].title,
        Markup::Plain("First".to_string())
    );
}

#[test]
fn list_is_sorted_newest_first() {
    let parsed = list(&list_of(vec![
        entry("b", "2026-11-20T10:00:00Z"),
        entry("d", "2026-11-23T10:00:00Z"),
        entry("a", "2026-11-21T10:00:00+05:00"), // 05:00Z
        entry("c", "2026-11-21T06:00:00Z"),
        entry("e", "2025-01-01T00:00:00Z"),
        maintenance("m"), // starts 2026-11-26
    ]))
    .unwrap();
    let ids: Vec<&str> = parsed.incidents.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["m", "d", "c", "a", "b", "e"]);
}

#[test]
fn empty_list_is_valid() {
    let parsed = list(&json!({ "sitrep": 1, "incidents": [] })).unwrap();
    assert_eq!(parsed.format, Format::Native);
    assert!(parsed.incidents.is_empty());
}

#[test]
fn surrounding_whitespace_is_fine() {
    let text = format!("\n  {}  \n", one(entry("a", "2026-11-23T07:40:00Z")));
    assert_eq!(list_bytes(text.as_bytes()).unwrap().incidents.len(), 1);
}

// ---------------------------------------------------------------- malformed lists

#[test]
fn invalid_json_is_a_syntax_error() {
    for bad in [
        &b"{\"sitrep\": 1, \"incidents\": [}"[..],
        b"{sitrep: 1}",
        b"{\"sitrep\": 1,, }",
        b"nonsense",
    ] {
        match list_bytes(bad) {
            Err(FeedError::Syntax { file, .. }) => assert_eq!(file, LIST_PATH),
            other => panic!(
                "{:?}: expected Syntax, got {other:?}",
                String::from_utf8_lossy(bad)
            ),
        }
    }
}

#[test]
fn text_after_the_json_is_named_with_its_position() {
    match list_bytes(b"{\"sitrep\":1,\"incidents\":[]} trailing") {
        Err(FeedError::TrailingData { file, line, column }) => {
            assert_eq!((file.as_str(), line, column), (LIST_PATH, 1, 29));
        }
        other => panic!("expected TrailingData, got {other:?}"),
    }
}

#[test]
fn truncated_json_is_reported_as_truncated() {
    let full = one(entry("a", "2026-11-23T07:40:00Z")).to_string();
    for cut in [1, full.len() / 3, full.len() / 2, full.len() - 1] {
        match list_bytes(&full.as_bytes()[..cut]) {
            Err(FeedError::Truncated { file, .. }) => assert_eq!(file, LIST_PATH),
            other => panic!("cut at {cut}: expected Truncated, got {other:?}"),
        }
    }
    assert!(matches!(list_bytes(b""), Err(FeedError::Truncated { .. })));
    assert!(matches!(
        list_bytes(b"   "),
        Err(FeedError::Truncated { .. })
    ));
}

#[test]
fn html_page_is_recognised() {
    for page in [
        "<!DOCTYPE html><html><head><title>404 Not Found</title></head><body>Not found</body></html>",
        "<html><body>Error</body></html>",
        "\n\n   <!doctype html>\n<html>",
        "\u{feff}<!DOCTYPE html><html></html>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey</Code></Error>",
    ] {
        match list_bytes(page.as_bytes()) {
            Err(FeedError::HtmlInsteadOfJson { file }) => assert_eq!(file, LIST_PATH),
            other => panic!("{page:?}: expected HtmlInsteadOfJson, got {other:?}"),
        }
    }
}

#[test]
fn numeric_status_names_the_field() {
    let (field, detail) = field_error(
        list(&one(with(
            entry("a", "2026-11-23T07:40:00Z"),
            "status",
            json!(42),
        ))),
        LIST_PATH,
    );
    assert_eq!(field, "incidents[0].status");
    assert!(detail.contains("42"), "{detail}");
    assert!(
        !detail.contains(" at line "),
        "location is replaced by the field path: {detail}"
    );
}

#[test]
fn unknown_status_value_names_the_field() {
    let (field, detail) = field_error(
        list(&one(with(
            entry("a", "2026-11-23T07:40:00Z"),
            "status",
            json!("on_fire"),
        ))),
        LIST_PATH,
    );
    assert_eq!(field, "incidents[0].status");
    assert!(detail.contains("on_fire"), "{detail}");
    // Status values are case-sensitive snake_case.
    let (field, _) = field_error(
        list(&one(with(
            entry("a", "2026-11-23T07:40:00Z"),
            "status",
            json!("Resolved"),
        ))),
        LIST_PATH,
    );
    assert_eq!(field, "incidents[0].status");
}

#[test]
fn errors_point_at_the_right_entry() {
    let good = entry("a", "2026-11-23T07:40:00Z");
    let bad = with(
        entry("b", "2026-11-23T07:40:00Z"),
        "impact",
        json!("catastrophic"),
    );
    let (field, _) = field_error(
        list(&list_of(vec![good.clone(), good.clone(), bad])),
        LIST_PATH,
    );
    assert_eq!(field, "incidents[2].impact");
    let bad_kind = with(entry("c", "2026-11-23T07:40:00Z"), "kind", json!("outage"));
    let (field, _) = field_error(list(&list_of(vec![good, bad_kind])), LIST_PATH);
    assert_eq!(field, "incidents[1].kind");
}

#[test]
fn missing_fields_are_named() {
    for missing in ["title", "id", "status", "updated_at"] {
        let (field, detail) = field_error(
            list(&one(without(entry("a", "2026-11-23T07:40:00Z"), missing))),
            LIST_PATH,
        );
        assert_eq!(field, format!("incidents[0].{missing}"));
        assert!(detail.contains(missing), "{detail}");
    }
    let (field, _) = field_error(
        list(&one(without(
            entry("a", "2026-11-23T07:40:00Z"),
            "started_at",
        ))),
        LIST_PATH,
    );
    assert_eq!(field, "incidents[0].started_at");
    let (field, _) = field_error(list(&json!({ "sitrep": 1 })), LIST_PATH);
    assert_eq!(field, "incidents");
    // Without `sitrep`, auto-detection reads a list as GitLab's; forced native, the key is named.
    let value = json!({ "incidents": [] });
    let forced = parse_list(
        LIST_PATH,
        value.to_string().as_bytes(),
        FormatChoice::Sitrep,
    );
    let (field, _) = field_error(forced, LIST_PATH);
    assert_eq!(field, "sitrep");
}

#[test]
fn bad_dates_name_the_field() {
    for key in ["started_at", "updated_at", "resolved_at"] {
        let value = with(
            entry("a", "2026-11-23T07:40:00Z"),
            key,
            json!("2026-02-30T10:00:00Z"),
        );
        let (field, detail) = field_error(list(&one(value)), LIST_PATH);
        assert_eq!(field, format!("incidents[0].{key}"));
        assert!(detail.contains("2026-02-30T10:00:00Z"), "{detail}");
    }
    let (field, _) = field_error(
        list(&one(with(
            maintenance("m"),
            "scheduled_start",
            json!("next tuesday"),
        ))),
        LIST_PATH,
    );
    assert_eq!(field, "incidents[0].scheduled_start");
    let (field, _) = field_error(
        list(&one(with(
            entry("a", "2026-11-23T07:40:00Z"),
            "updated_at",
            json!(1795419600),
        ))),
        LIST_PATH,
    );
    assert_eq!(field, "incidents[0].updated_at");
}

#[test]
fn bad_ids_are_rejected() {
    for id in [
        "../x",
        "a/b",
        "",
        ".",
        "..",
        "has space",
        "ünïcode",
        "a?b",
        "a#b",
        "%2e%2e",
    ] {
        let (field, detail) = field_error(list(&one(entry(id, "2026-11-23T07:40:00Z"))), LIST_PATH);
        assert_eq!(field, "incidents[0].id", "{id:?}");
        assert!(detail.contains("not a valid id"), "{detail}");
    }
    let long = "a".repeat(129);
    let (field, _) = field_error(list(&one(entry(&long, "2026-11-23T07:40:00Z"))), LIST_PATH);
    assert_eq!(field, "incidents[0].id");
    assert!(list(&one(entry(&"a".repeat(128), "2026-11-23T07:40:00Z"))).is_ok());
    // Numeric ids are a type error in the native format.
    let (field, _) = field_error(
        list(&one(with(
            entry("a", "2026-11-23T07:40:00Z"),
            "id",
            json!(42),
        ))),
        LIST_PATH,
    );
    assert_eq!(field, "incidents[0].id");
}

#[test]
fn is_valid_id_alphabet() {
    for ok in [
        "a",
        "42",
        "2026-11-23-api-errors",
        "u_1.2-3",
        "A.B",
        "...",
        ".hidden",
        &"z".repeat(128),
    ] {
        assert!(is_valid_id(ok), "{ok:?}");
    }
    for bad in [
        "",
        ".",
        "..",
        "a/b",
        "a\\b",
        "a b",
        "a%20b",
        "é",
        "a\0",
        "a\n",
        &"z".repeat(129),
    ] {
        assert!(!is_valid_id(bad), "{bad:?}");
    }
}

#[test]
fn maintenance_without_scheduled_end_names_it() {
    let (field, detail) = field_error(
        list(&one(without(maintenance("m"), "scheduled_end"))),
        LIST_PATH,
    );
    assert_eq!(field, "incidents[0].scheduled_end");
    assert!(detail.contains("scheduled_end"), "{detail}");
    let (field, _) = field_error(
        list(&one(without(maintenance("m"), "scheduled_start"))),
        LIST_PATH,
    );
    assert_eq!(field, "incidents[0].scheduled_start");
}

#[test]
fn status_must_fit_the_kind() {
    let (field, detail) = field_error(
        list(&one(with(
            maintenance("m"),
            "status",
            json!("investigating"),
        ))),
        LIST_PATH,
    );
    assert_eq!(field, "incidents[0].status");
    assert!(detail.contains("scheduled"), "{detail}");
    let (field, _) = field_error(
        list(&one(with(maintenance("m"), "status", json!("resolved")))),
        LIST_PATH,
    );
    assert_eq!(field, "incidents[0].status");
    let (field, detail) = field_error(
        list(&one(with(
            entry("a", "2026-11-23T07:40:00Z"),
            "status",
            json!("in_progress"),
        ))),
        LIST_PATH,
    );
    assert_eq!(field, "incidents[0].status");
    assert!(detail.contains("investigating"), "{detail}");
}

#[test]
fn unsupported_version_is_rejected() {
    let (field, detail) = field_error(list(&json!({ "sitrep": 2, "incidents": [] })), LIST_PATH);
    assert_eq!(field, "sitrep");
    assert!(detail.contains('2'), "{detail}");
    let (field, _) = field_error(list(&json!({ "sitrep": 0, "incidents": [] })), LIST_PATH);
    assert_eq!(field, "sitrep");
    let (field, _) = field_error(list(&json!({ "sitrep": "1", "incidents": [] })), LIST_PATH);
    assert_eq!(field, "sitrep");
    let (field, _) = field_error(list(&json!({ "sitrep": -1, "incidents": [] })), LIST_PATH);
    assert_eq!(field, "sitrep");
}

#[test]
fn null_where_a_string_is_expected() {
    let (field, detail) = field_error(
        list(&one(with(
            entry("a", "2026-11-23T07:40:00Z"),
            "title",
            Value::Null,
        ))),
        LIST_PATH,
    );
    assert_eq!(field, "incidents[0].title");
    assert!(detail.contains("null"), "{detail}");
    let (field, _) = field_error(
        list(&one(with(
            entry("a", "2026-11-23T07:40:00Z"),
            "updated_at",
            Value::Null,
        ))),
        LIST_PATH,
    );
    assert_eq!(field, "incidents[0].updated_at");
    // Optional fields accept null.
    let value = with(
        with(
            entry("a", "2026-11-23T07:40:00Z"),
            "resolved_at",
            Value::Null,
        ),
        "latest_update",
        Value::Null,
    );
    assert!(list(&one(value)).is_ok());
}

#[test]
fn wrong_container_types_name_the_field() {
    let (field, _) = field_error(list(&json!({ "sitrep": 1, "incidents": {} })), LIST_PATH);
    assert_eq!(field, "incidents");
    let (field, _) = field_error(
        list(&one(with(
            entry("a", "2026-11-23T07:40:00Z"),
            "components",
            json!("api"),
        ))),
        LIST_PATH,
    );
    assert_eq!(field, "incidents[0].components");
    let (field, _) = field_error(
        list(&json!({ "sitrep": 1, "incidents": [], "components": [{ "id": "api" }] })),
        LIST_PATH,
    );
    assert_eq!(field, "components[0].name");
    let (field, _) = field_error(
        list(&json!({ "sitrep": 1, "incidents": [], "archive": [{ "title": "2025" }] })),
        LIST_PATH,
    );
    assert_eq!(field, "archive[0].url");
}

#[test]
fn error_display_mentions_the_file() {
    let errors = [
        list_bytes(b"{\"sitrep\": 1, \"incidents\": [}").unwrap_err(),
        list_bytes(b"{\"sitrep\": 1, \"incid").unwrap_err(),
        list_bytes(b"<!DOCTYPE html>").unwrap_err(),
        list(&json!({ "sitrep": 2, "incidents": [] })).unwrap_err(),
        list(&one(with(
            entry("a", "2026-11-23T07:40:00Z"),
            "status",
            json!(42),
        )))
        .unwrap_err(),
    ];
    for error in errors {
        let message = error.to_string();
        assert!(message.contains(LIST_PATH), "{message}");
    }
    let message = list(&one(with(
        entry("a", "2026-11-23T07:40:00Z"),
        "status",
        json!("on_fire"),
    )))
    .unwrap_err()
    .to_string();
    assert!(message.contains("incidents[0].status"), "{message}");
    let message = list_bytes(b"<!DOCTYPE html>").unwrap_err().to_string();
    assert!(message.contains("HTML"), "{message}");
    let message = detail(&without(detail_file(json!([])), "title"))
        .unwrap_err()
        .to_string();
    assert!(message.contains(DETAIL), "{message}");
}

// ---------------------------------------------------------------- detail files

#[test]
fn detail_has_description_and_updates_newest_first() {
    let parsed = detail(&detail_file(json!([
        { "id": "u1", "status": "investigating", "at": "2026-10-07T23:40:00Z", "body": "Looking." },
        { "id": "u3", "status": "resolved", "at": "2026-10-08T01:10:00Z", "body": "Fixed, see [the report](reports/db.html)." },
        { "id": "u2", "status": "identified", "at": "2026-10-08T00:05:00Z", "body": "![graph](data/incident/db/graph.png)" }
    ])))
    .unwrap();
    assert_eq!(parsed.incident.id, "db");
    assert_eq!(parsed.incident.status, Status::Resolved);
    assert_eq!(parsed.incident.impact, Some(Impact::Major));
    assert_eq!(parsed.incident.components, vec!["database".to_string()]);
    assert_eq!(
        parsed.incident.resolved_at,
        Some(ts("2026-10-08T01:10:00Z"))
    );
    let description = parsed.description.html(BASE).expect("markdown");
    assert!(
        description.contains("<strong>primary</strong>"),
        "{description}"
    );
    let ids: Vec<&str> = parsed.updates.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, ["u3", "u2", "u1"]);
    assert_eq!(parsed.updates[0].status, Some(Status::Resolved));
    assert_eq!(parsed.updates[1].status, Some(Status::Identified));
    assert_eq!(parsed.updates[2].at, ts("2026-10-07T23:40:00Z"));
    // Bodies are markdown, rendered with URLs resolved against the bucket root.
    let first = parsed.updates[0].body.html(BASE).expect("markdown");
    assert!(
        first.contains("href=\"https://status.example.com/reports/db.html\""),
        "{first}"
    );
    let second = parsed.updates[1].body.html(BASE).expect("markdown");
    assert!(
        second.contains("src=\"https://status.example.com/data/incident/db/graph.png\""),
        "{second}"
    );
}

#[test]
fn detail_markdown_is_made_safe() {
    let mut value = detail_file(json!([
        { "id": "u1", "status": "investigating", "at": "2026-10-07T23:40:00Z", "body": "<script>alert(1)</script> [x](javascript:alert(1))" }
    ]));
    value["description"] = json!("<img src=x onerror=alert(1)>");
    let parsed = detail(&value).unwrap();
    let description = parsed.description.html(BASE).expect("markdown");
    assert!(!description.contains("<img"), "{description}");
    let body = parsed.updates[0].body.html(BASE).expect("markdown");
    assert!(!body.contains("<script"), "{body}");
    assert!(!body.contains("href=\"javascript"), "{body}");
}

#[test]
fn detail_without_description_or_updates() {
    let value = without(without(detail_file(json!([])), "description"), "updates");
    let parsed = detail(&value).unwrap();
    assert_eq!(parsed.description, Markup::Plain(String::new()));
    assert!(parsed.updates.is_empty());
}

#[test]
fn numeric_values_for_enum_fields_name_the_field() {
    // The JSON is valid; the value has the wrong type, so this is a field error, not a syntax one.
    let (field, _) = field_error(
        detail(&with(detail_file(json!([])), "status", json!(42))),
        DETAIL,
    );
    assert_eq!(field, "status");
    let (field, _) = field_error(
        list(&one(with(
            entry("a", "2026-11-23T07:40:00Z"),
            "impact",
            json!(3),
        ))),
        LIST_PATH,
    );
    assert_eq!(field, "incidents[0].impact");
    let (field, _) = field_error(
        list(&one(with(
            entry("a", "2026-11-23T07:40:00Z"),
            "kind",
            json!(true),
        ))),
        LIST_PATH,
    );
    assert_eq!(field, "incidents[0].kind");
}

#[test]
fn duplicate_update_ids_keep_the_first() {
    let parsed = detail(&detail_file(json!([
        { "id": "u1", "status": "investigating", "at": "2026-10-07T23:40:00Z", "body": "first" },
        { "id": "u1", "status": "resolved", "at": "2026-10-08T01:10:00Z", "body": "second" }
    ])))
    .unwrap();
    assert_eq!(parsed.updates.len(), 1);
    assert_eq!(parsed.updates[0].status, Some(Status::Investigating));
}

#[test]
fn detail_errors_name_the_field() {
    let (field, _) = field_error(detail(&without(detail_file(json!([])), "title")), DETAIL);
    assert_eq!(field, "title");
    let (field, _) = field_error(
        detail(&with(detail_file(json!([])), "status", json!("paused"))),
        DETAIL,
    );
    assert_eq!(field, "status");
    let (field, _) = field_error(
        detail(&with(detail_file(json!([])), "id", json!("../x"))),
        DETAIL,
    );
    assert_eq!(field, "id");
    let (field, _) = field_error(
        detail(&with(detail_file(json!([])), "sitrep", json!(2))),
        DETAIL,
    );
    assert_eq!(field, "sitrep");
    let (field, _) = field_error(
        detail(&detail_file(json!([
            { "id": "u1", "status": "investigating", "at": "2026-10-07T23:40:00Z", "body": "ok" },
            { "id": "u2", "status": "identified", "at": "soon", "body": "bad date" }
        ]))),
        DETAIL,
    );
    assert_eq!(field, "updates[1].at");
    let (field, _) = field_error(
        detail(&detail_file(json!([
            { "id": "u1", "status": "investigating", "at": "2026-10-07T23:40:00Z", "body": "ok" },
            { "id": "../u2", "status": "identified", "at": "2026-10-08T00:00:00Z", "body": "bad id" }
        ]))),
        DETAIL,
    );
    assert_eq!(field, "updates[1].id");
    let (field, _) = field_error(
        detail(&detail_file(
            json!([{ "id": "u1", "status": "investigating", "at": "2026-10-07T23:40:00Z" }]),
        )),
        DETAIL,
    );
    assert_eq!(field, "updates[0].body");
    let (field, _) = field_error(
        detail(&detail_file(
            json!([{ "id": "u1", "status": "broken", "at": "2026-10-07T23:40:00Z", "body": "x" }]),
        )),
        DETAIL,
    );
    assert_eq!(field, "updates[0].status");
}

#[test]
fn detail_needs_the_version_key() {
    let value = without(detail_file(json!([])), "sitrep");
    let result = parse_detail(DETAIL, value.to_string().as_bytes(), FormatChoice::Sitrep);
    let (field, _) = field_error(result, DETAIL);
    assert_eq!(field, "sitrep");
}

#[test]
fn detail_of_a_maintenance() {
    let mut value = maintenance("m");
    value["sitrep"] = json!(1);
    value["status"] = json!("in_progress");
    value["started_at"] = json!("2026-11-26T02:03:00Z");
    value["updates"] = json!([{ "id": "u1", "status": "in_progress", "at": "2026-11-26T02:03:00Z", "body": "Started." }]);
    let parsed = parse_detail(DETAIL, value.to_string().as_bytes(), FormatChoice::Auto).unwrap();
    assert_eq!(parsed.incident.status, Status::InProgress);
    assert_eq!(parsed.incident.started_at, ts("2026-11-26T02:03:00Z"));
    assert!(matches!(parsed.incident.kind, Kind::Maintenance { .. }));
    assert_eq!(parsed.updates[0].status, Some(Status::InProgress));
}

// ---------------------------------------------------------------- archive files

#[test]
fn archive_parses_like_a_list() {
    let value = list_of(vec![
        entry("old-1", "2025-01-14T10:00:00Z"),
        entry("old-2", "2025-12-18T14:05:00Z"),
        entry("old-1", "2025-02-01T00:00:00Z"),
    ]);
    let incidents = parse_archive(ARCHIVE, value.to_string().as_bytes()).unwrap();
    let ids: Vec<&str> = incidents.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["old-2", "old-1"]);
}

#[test]
fn archive_errors_name_the_archive_file() {
    let value = json!({ "sitrep": 2, "incidents": [] });
    let (field, _) = field_error(
        parse_archive(ARCHIVE, value.to_string().as_bytes()),
        ARCHIVE,
    );
    assert_eq!(field, "sitrep");
    let value = one(entry("../x", "2025-01-14T10:00:00Z"));
    let (field, _) = field_error(
        parse_archive(ARCHIVE, value.to_string().as_bytes()),
        ARCHIVE,
    );
    assert_eq!(field, "incidents[0].id");
    match parse_archive(ARCHIVE, b"<html>") {
        Err(FeedError::HtmlInsteadOfJson { file }) => assert_eq!(file, ARCHIVE),
        other => panic!("{other:?}"),
    }
}

#[test]
fn field_paths_hold_for_any_layout_and_position() {
    // The bad value last in its object, first, or in the middle; compact or pretty-printed;
    // the key written with an escape.
    let bad = "\"not a time\"";
    let texts = [
        format!(r#"{{"sitrep":1,"incidents":[{{"id":"a","title":"t","status":"resolved","started_at":{bad}}}]}}"#),
        format!(r#"{{"sitrep":1,"incidents":[{{"started_at":{bad},"id":"a","title":"t","status":"resolved"}}]}}"#),
        format!("{{\n  \"sitrep\": 1,\n  \"incidents\": [\n    {{\n      \"id\": \"a\",\n      \"started_at\": {bad},\n      \"title\": \"t\",\n      \"status\": \"resolved\"\n    }}\n  ]\n}}\n"),
        format!(r#"{{"sitrep":1,"incidents":[{{"id":"a","title":"t","status":"resolved","started\u005fat":{bad}}}]}}"#),
    ];
    for text in &texts {
        let (field, detail) = field_error(list_bytes(text.as_bytes()), LIST_PATH);
        assert_eq!(field, "incidents[0].started_at", "{text}");
        assert!(detail.contains("not a time"), "{detail}");
    }
    // The second of two entries, and an entry that is not an object.
    let (field, _) = field_error(
        list_bytes(br#"{"sitrep":1,"incidents":[{"id":"a","title":"t","status":"resolved","started_at":"2026-11-23T07:40:00Z","updated_at":"2026-11-23T07:40:00Z"},{"id":"b","title":"t","status":"resolved","started_at":"2026-11-23T07:40:00Z","updated_at":"2026-11-23T07:40:00Z","impact":"huge"}]}"#),
        LIST_PATH,
    );
    assert_eq!(field, "incidents[1].impact");
    let (field, _) = field_error(
        list_bytes(br#"{"sitrep":1,"incidents":[{"id":"a","title":"t","status":"resolved","started_at":"2026-11-23T07:40:00Z","updated_at":"2026-11-23T07:40:00Z"}, ["not", "an", "object"]]}"#),
        LIST_PATH,
    );
    assert_eq!(field, "incidents[1]");
}
