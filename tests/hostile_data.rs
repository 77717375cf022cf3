//! Hostile feed files and config values, in both formats.
//!
//! Every case has one defined outcome: either a `FeedError` of a given variant that names the
//! file (and, for schema problems, the field path), or a successful parse whose model is
//! checked. Nothing may panic or overflow the stack. The tables run every case and report all
//! mismatches at once.

use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use serde_json::{json, Value};
use sitrep::config::{Config, CONFIG_PATH, MIN_POLL_SECONDS};
use sitrep::content::url::resolve_url;
use sitrep::feed::model::{Format, Impact, Incident, IncidentDetail, IncidentList, Markup, Status};
use sitrep::feed::{
    parse_archive, parse_detail, parse_list, FeedError, FormatChoice, LIST_PATH, MAX_FILE_BYTES,
};
use sitrep::time::{
    duration_parts, parse_gmt_offset, relative_parts, DateTime, DurationParts, RelativeUnit,
    Timestamp, Zone,
};

const BASE: &str = "https://status.example.com/feed/";
const NATIVE_DETAIL: &str = "data/incident/hostile.json";
const GITLAB_DETAIL: &str = "data/incident/7.json";
const ARCHIVE: &str = "data/archive/2025.json";
const PAGE: &str = "https://status.example.com/status/";

const AUTO: &[FormatChoice] = &[FormatChoice::Auto];
const NATIVE: &[FormatChoice] = &[FormatChoice::Auto, FormatChoice::Sitrep];
const SITREP_ONLY: &[FormatChoice] = &[FormatChoice::Sitrep];
const GITLAB: &[FormatChoice] = &[FormatChoice::Auto, FormatChoice::Gitlab];
const CRASHBOT: &[FormatChoice] = &[FormatChoice::Auto, FormatChoice::Crashbot];
const STATUSPAGE: &[FormatChoice] = &[FormatChoice::Auto, FormatChoice::Statuspage];
const ALL: &[FormatChoice] = &[
    FormatChoice::Auto,
    FormatChoice::Sitrep,
    FormatChoice::Gitlab,
    FormatChoice::Crashbot,
    FormatChoice::Statuspage,
];

// ------------------------------------------------------------------ the table machinery

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kindof {
    List,
    Detail,
    Archive,
}

#[derive(Debug)]
enum Parsed {
    List(IncidentList),
    Detail(IncidentDetail),
    Archive(Vec<Incident>),
}

impl Parsed {
    fn list(&self) -> &IncidentList {
        match self {
            Parsed::List(list) => list,
            other => panic!("expected a list, got {other:?}"),
        }
    }

    fn detail(&self) -> &IncidentDetail {
        match self {
            Parsed::Detail(detail) => detail,
            other => panic!("expected a detail, got {other:?}"),
        }
    }

    fn incidents(&self) -> &[Incident] {
        match self {
            Parsed::List(list) => &list.incidents,
            Parsed::Archive(incidents) => incidents,
            Parsed::Detail(detail) => std::slice::from_ref(&detail.incident),
        }
    }
}

type Check = Box<dyn Fn(&Parsed)>;

enum Expect {
    Syntax,
    /// A complete value followed by more text.
    Trailing,
    NotUtf8,
    Truncated,
    Html,
    TooLarge(usize),
    /// A `FeedError::Field` with exactly this field path and a detail containing the text.
    Field(&'static str, &'static str),
    /// A `FeedError::Field` at this path or below it.
    FieldUnder(&'static str),
    /// Any `FeedError` naming the file (when several answers are right, e.g. for nonsense).
    AnyError,
    /// Parsed; the closure checks the model (and panics if it is wrong).
    Ok(Check),
}

struct Case {
    name: String,
    kind: Kindof,
    file: &'static str,
    choices: &'static [FormatChoice],
    bytes: Vec<u8>,
    expect: Expect,
}

fn case(
    name: impl Into<String>,
    kind: Kindof,
    choices: &'static [FormatChoice],
    doc: impl Doc,
    expect: Expect,
) -> Case {
    let file = match kind {
        Kindof::List => LIST_PATH,
        Kindof::Archive => ARCHIVE,
        Kindof::Detail if choices.contains(&FormatChoice::Gitlab) => GITLAB_DETAIL,
        Kindof::Detail => NATIVE_DETAIL,
    };
    Case {
        name: name.into(),
        kind,
        file,
        choices,
        bytes: doc.doc(),
        expect,
    }
}

fn ok(check: impl Fn(&Parsed) + 'static) -> Expect {
    Expect::Ok(Box::new(check))
}

fn parse(
    kind: Kindof,
    file: &str,
    bytes: &[u8],
    choice: FormatChoice,
) -> Result<Parsed, FeedError> {
    match kind {
        Kindof::List => parse_list(file, bytes, choice).map(Parsed::List),
        Kindof::Detail => parse_detail(file, bytes, choice).map(Parsed::Detail),
        Kindof::Archive => parse_archive(file, bytes).map(Parsed::Archive),
    }
}

fn panic_text(payload: Box<dyn std::any::Any + Send>) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "(no message)".to_string())
}

/// Why `result` does not match `expect`, if it does not.
fn mismatch(file: &str, result: Result<Parsed, FeedError>, expect: &Expect) -> Option<String> {
    let error_file = |error: &FeedError| match error {
        FeedError::Syntax { file, .. }
        | FeedError::TrailingData { file, .. }
        | FeedError::NotUtf8 { file }
        | FeedError::HtmlInsteadOfJson { file }
        | FeedError::Truncated { file, .. }
        | FeedError::TooLarge { file, .. }
        | FeedError::Field { file, .. } => file.clone(),
    };
    if let Err(error) = &result {
        if error_file(error) != file {
            return Some(format!(
                "error names {:?}, not {file:?}: {error:?}",
                error_file(error)
            ));
        }
    }
    match (expect, result) {
        (Expect::Syntax, Err(FeedError::Syntax { .. })) => None,
        (Expect::Trailing, Err(FeedError::TrailingData { .. })) => None,
        (Expect::NotUtf8, Err(FeedError::NotUtf8 { .. })) => None,
        (Expect::Truncated, Err(FeedError::Truncated { .. })) => None,
        (Expect::Html, Err(FeedError::HtmlInsteadOfJson { .. })) => None,
        (Expect::TooLarge(size), Err(FeedError::TooLarge { size: s, limit, .. }))
            if s == *size && limit == MAX_FILE_BYTES =>
        {
            None
        }
        (Expect::Field(path, text), Err(FeedError::Field { field, detail, .. }))
            if field == *path && detail.to_string().contains(text) =>
        {
            None
        }
        (Expect::FieldUnder(prefix), Err(FeedError::Field { field, .. }))
            if field.starts_with(prefix) =>
        {
            None
        }
        (Expect::AnyError, Err(_)) => None,
        (Expect::Ok(check), Ok(parsed)) => catch_unwind(AssertUnwindSafe(|| check(&parsed)))
            .err()
            .map(|p| format!("parsed, but the model is wrong: {}", panic_text(p))),
        (expect, Ok(parsed)) => Some(format!(
            "expected {}, but it parsed: {:.300}",
            describe(expect),
            format!("{parsed:?}")
        )),
        (expect, Err(error)) => Some(format!("expected {}, got {error:?}", describe(expect))),
    }
}

fn describe(expect: &Expect) -> String {
    match expect {
        Expect::Syntax => "FeedError::Syntax".to_string(),
        Expect::Trailing => "FeedError::TrailingData".to_string(),
        Expect::NotUtf8 => "FeedError::NotUtf8".to_string(),
        Expect::Truncated => "FeedError::Truncated".to_string(),
        Expect::Html => "FeedError::HtmlInsteadOfJson".to_string(),
        Expect::TooLarge(size) => format!("FeedError::TooLarge {{ size: {size} }}"),
        Expect::Field(path, text) => {
            format!("FeedError::Field {{ field: {path:?}, detail: ~{text:?} }}")
        }
        Expect::FieldUnder(prefix) => format!("FeedError::Field at or below {prefix:?}"),
        Expect::AnyError => "an error".to_string(),
        Expect::Ok(_) => "a successful parse".to_string(),
    }
}

fn run(cases: Vec<Case>) {
    assert!(!cases.is_empty());
    let mut failures = Vec::new();
    for case in &cases {
        for &choice in case.choices {
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                parse(case.kind, case.file, &case.bytes, choice)
            }));
            let problem = match outcome {
                Err(payload) => Some(format!("PANICKED: {}", panic_text(payload))),
                Ok(result) => mismatch(case.file, result, &case.expect),
            };
            if let Some(problem) = problem {
                failures.push(format!("[{} / {choice:?}] {problem}", case.name));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

// ------------------------------------------------------------------ builders

fn ts(value: &str) -> Timestamp {
    Timestamp::parse(value).unwrap_or_else(|e| panic!("{e}"))
}

/// `value` with the JSON pointer `path` set (the parent must exist).
fn set(mut value: Value, path: &str, new: Value) -> Value {
    let (parent, key) = path.rsplit_once('/').expect("pointer");
    let shown = value.to_string();
    let target = value
        .pointer_mut(parent)
        .unwrap_or_else(|| panic!("no {parent} in {shown:.200}"));
    match target {
        Value::Object(map) => {
            map.insert(key.to_string(), new);
        }
        Value::Array(items) => {
            let index: usize = key.parse().unwrap();
            if index == items.len() {
                items.push(new);
            } else {
                items[index] = new;
            }
        }
        other => panic!("cannot set {key} in {other}"),
    }
    value
}

fn unset(mut value: Value, path: &str) -> Value {
    let (parent, key) = path.rsplit_once('/').expect("pointer");
    value
        .pointer_mut(parent)
        .and_then(Value::as_object_mut)
        .and_then(|map| map.remove(key))
        .unwrap_or_else(|| panic!("no {path}"));
    value
}

fn native_entry(id: &str, started_at: &str) -> Value {
    json!({
        "id": id,
        "title": format!("Incident {id}"),
        "status": "investigating",
        "impact": "major",
        "components": ["api"],
        "started_at": started_at,
        "updated_at": started_at,
        "latest_update": "Looking into it.",
    })
}

fn native_maintenance(id: &str) -> Value {
    json!({
        "id": id,
        "kind": "maintenance",
        "title": "Database upgrade",
        "status": "scheduled",
        "updated_at": "2026-11-19T15:00:00Z",
        "scheduled_start": "2026-11-26T02:00:00Z",
        "scheduled_end": "2026-11-26T04:00:00Z",
    })
}

fn native_list() -> Value {
    json!({
        "sitrep": 1,
        "generated_at": "2026-11-23T09:00:00Z",
        "components": [
            { "id": "api", "name": "Public API", "group": "API" },
            { "id": "db", "name": "Database" },
        ],
        "incidents": [
            native_entry("api-errors", "2026-11-23T07:40:00Z"),
            native_maintenance("db-upgrade"),
        ],
        "archive": [{ "url": "data/archive/2025.json", "title": "2025", "count": 12 }],
    })
}

fn native_detail() -> Value {
    let mut detail = native_entry("hostile", "2026-11-23T07:40:00Z");
    detail["sitrep"] = json!(1);
    detail["description"] = json!("Some requests fail with `502`.");
    detail["updates"] = json!([
        { "id": "u1", "status": "investigating", "at": "2026-11-23T07:46:00Z", "body": "Looking." },
        { "id": "u2", "status": "identified", "at": "2026-11-23T08:05:00Z", "body": "Found **it**." },
    ]);
    detail
}

fn native_archive() -> Value {
    json!({
        "sitrep": 1,
        "incidents": [{
            "id": "old-outage",
            "title": "Platform-wide outage",
            "status": "resolved",
            "impact": "critical",
            "started_at": "2025-08-14T09:51:00Z",
            "updated_at": "2025-08-14T12:02:00Z",
            "resolved_at": "2025-08-14T12:02:00Z",
        }],
    })
}

fn gitlab_entry(id: u64, status: &str, created_at: &str, updated_at: &str) -> Value {
    json!({
        "id": id,
        "status": status,
        "title": format!("<p>Incident {id}</p>"),
        "links": { "details": format!("data/incident/{id}.json") },
        "created_at": created_at,
        "updated_at": updated_at,
    })
}

fn gitlab_list() -> Value {
    json!({
        "incidents": [
            gitlab_entry(7, "opened", "2026-11-23T07:41:12.097Z", "2026-11-23T08:00:00.000Z"),
            gitlab_entry(3, "closed", "2026-11-20T07:00:00.000Z", "2026-11-20T09:00:00.000Z"),
        ],
    })
}

fn gitlab_detail() -> Value {
    let mut detail = gitlab_entry(
        7,
        "opened",
        "2026-11-23T07:41:12.097Z",
        "2026-11-23T08:00:00.000Z",
    );
    detail["description"] = json!("<p data-sourcepos=\"1:1-1:9\" dir=\"auto\">It broke.</p>");
    detail["comments"] = json!([
        { "note": "<p>Investigating.</p>", "created_at": "2026-11-23T07:50:00.000Z" },
        { "note": "<p>Fixed.</p>", "created_at": "2026-11-23T08:00:00.000Z" },
    ]);
    detail
}

fn crashbot_row(id: u64, status: &str, reported_at: &str) -> Value {
    json!({
        "id": id, "update_number": 2, "modified_by": "Dana", "modified_at": reported_at,
        "reported_at": reported_at,
        "closed_at": if status == "closed" { json!(reported_at) } else { Value::Null },
        "status": status, "severity": "sev-2", "title": format!("Incident {id}"),
        "description": "**Checkout** is failing.", "point": "Dana", "contact": "Ravi",
        "rca_link": "https://wiki.example.com/rca/1",
    })
}

fn crashbot_list() -> Value {
    json!({
        "open": [crashbot_row(12, "open", "2026-11-23T07:40:00Z")],
        "closed": [crashbot_row(9, "closed", "2026-11-20T07:40:00Z")],
    })
}

fn statuspage_incident(id: &str, status: &str) -> Value {
    json!({
        "id": id, "name": format!("Incident {id}"), "status": status, "impact": "major",
        "created_at": "2026-11-23T07:40:00.000Z", "updated_at": "2026-11-23T08:00:00.000Z",
        "monitoring_at": null, "resolved_at": null, "started_at": "2026-11-23T07:38:00.000Z",
        "shortlink": format!("https://stspg.io/{id}"), "page_id": "pg1",
        "scheduled_for": null, "scheduled_until": null,
        "components": [{ "id": "c1", "name": "API", "status": "partial_outage" }],
        "incident_updates": [{
            "id": format!("{id}u1"), "status": status, "body": "Line one.\nLine two.",
            "incident_id": id, "created_at": "2026-11-23T08:00:00.000Z",
            "updated_at": "2026-11-23T08:00:00.000Z", "display_at": "2026-11-23T08:00:00.000Z",
            "affected_components": null,
        }],
    })
}

fn statuspage_summary() -> Value {
    json!({
        "page": { "id": "pg1", "name": "Acme", "url": "https://status.acme.example",
            "time_zone": "Etc/UTC", "updated_at": "2026-11-23T08:00:00.000Z" },
        "status": { "indicator": "major", "description": "Partial System Outage" },
        "components": [
            { "id": "g1", "name": "Platform", "status": "partial_outage", "group": true, "group_id": null, "components": ["c1"] },
            { "id": "c1", "name": "API", "status": "partial_outage", "group": false, "group_id": "g1", "only_show_if_degraded": false },
        ],
        "incidents": [statuspage_incident("inc1", "identified")],
        "scheduled_maintenances": [],
    })
}

fn fixture(name: &str) -> Vec<u8> {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "tests",
        "fixtures",
        "hostile",
        name,
    ]
    .iter()
    .collect();
    fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Text that must survive parsing byte for byte: right-to-left text and overrides, emoji
/// sequences, zero-width characters, combining marks, a byte-order mark inside a string.
const UNICODE_SAMPLES: &[&str] = &[
    "مرحبا بالعالم: انقطاع الخدمة",
    "שלום עולם",
    "\u{202E}gnp.exe\u{202C} \u{2067}isolate\u{2069}",
    "👩\u{200D}👩\u{200D}👧\u{200D}👦 🏳\u{FE0F}\u{200D}🌈 🇺🇦 🧑🏽\u{200D}💻",
    "zero\u{200B}width\u{200C}non\u{200D}joiner\u{2060}word\u{FEFF}joiner",
    "e\u{0301}\u{0302}\u{0303} Z\u{0351}\u{0352}\u{0353}\u{0354}algo",
    "\u{1F4A9}\u{10FFFF}\u{E000}",
];

fn plain(markup: &Markup) -> &str {
    match markup {
        Markup::Plain(text) => text,
        rich => panic!("expected plain text, got {rich:.80?}"),
    }
}

fn html(markup: &Markup) -> String {
    match markup.html(BASE) {
        Some(html) => html.into_owned(),
        None => panic!("expected HTML, got plain text {markup:.80?}"),
    }
}

fn ids(parsed: &Parsed) -> Vec<&str> {
    parsed.incidents().iter().map(|i| i.id.as_str()).collect()
}

// ------------------------------------------------------------------ syntax and shape

fn syntax_cases(kind: Kindof, choices: &'static [FormatChoice], valid: &Value) -> Vec<Case> {
    let valid_text = valid.to_string();
    let label = |what: &str| format!("{kind:?} {what}");
    vec![
        case(
            label("trailing comma"),
            kind,
            choices,
            format!("{},}}", &valid_text[..valid_text.len() - 1]),
            Expect::Syntax,
        ),
        case(
            label("single quotes"),
            kind,
            choices,
            valid_text.replace('"', "'"),
            Expect::Syntax,
        ),
        case(
            label("a comment"),
            kind,
            choices,
            format!("// generated\n{valid_text}"),
            Expect::Syntax,
        ),
        case(
            label("NaN"),
            kind,
            choices,
            r#"{"sitrep": NaN, "incidents": []}"#,
            Expect::Syntax,
        ),
        case(
            label("garbage after the document"),
            kind,
            choices,
            format!("{valid_text} x"),
            Expect::Trailing,
        ),
        case(
            label("two documents"),
            kind,
            choices,
            format!("{valid_text}\n{valid_text}"),
            Expect::Trailing,
        ),
        case(
            label("UTF-8 byte-order mark"),
            kind,
            choices,
            format!("\u{feff}{valid_text}"),
            Expect::Syntax,
        ),
        case(
            label("NUL byte"),
            kind,
            choices,
            format!("{{\0{}", &valid_text[1..]),
            Expect::Syntax,
        ),
        case(
            label("HTML error page"),
            kind,
            choices,
            "<!DOCTYPE html><html><body>404 Not Found</body></html>",
            Expect::Html,
        ),
        case(
            label("HTML after a BOM and blank lines"),
            kind,
            choices,
            "\u{feff}\n\n  <html><head><title>403</title>",
            Expect::Html,
        ),
        case(label("empty file"), kind, choices, "", Expect::Truncated),
        case(
            label("only whitespace"),
            kind,
            choices,
            " \n\t\r ",
            Expect::Truncated,
        ),
        case(
            label("cut off halfway"),
            kind,
            choices,
            valid_text[..valid_text.len() / 2].to_string(),
            Expect::Truncated,
        ),
        case(
            label("top-level null"),
            kind,
            choices,
            "null",
            Expect::Field("(top level)", "null"),
        ),
        case(
            label("top-level number"),
            kind,
            choices,
            "42",
            Expect::Field("(top level)", "42"),
        ),
        case(
            label("top-level string"),
            kind,
            choices,
            r#""sitrep""#,
            Expect::Field("(top level)", "string"),
        ),
        case(
            label("top-level true"),
            kind,
            choices,
            "true",
            Expect::Field("(top level)", "true"),
        ),
        case(
            label("top-level empty array"),
            kind,
            choices,
            "[]",
            Expect::Field("(top level)", ""),
        ),
    ]
}

/// The formats require an object at the top level; serde would otherwise read a JSON array as
/// a struct's fields in order.
fn array_as_object_cases() -> Vec<Case> {
    vec![
        case(
            "native list as an array",
            Kindof::List,
            NATIVE,
            r#"[1, [], [], []]"#,
            Expect::Field("(top level)", ""),
        ),
        case(
            "native archive as an array",
            Kindof::Archive,
            AUTO,
            r#"[1, []]"#,
            Expect::Field("(top level)", ""),
        ),
        case(
            "GitLab list as an array",
            Kindof::List,
            GITLAB,
            r#"[[]]"#,
            Expect::Field("(top level)", ""),
        ),
        case(
            "GitLab list entry as an array",
            Kindof::List,
            GITLAB,
            r#"{"incidents": [[7, "opened", "<p>t</p>", null, [], null, "2026-11-23T07:00:00Z", "2026-11-23T07:00:00Z"]]}"#,
            Expect::Field("incidents[0]", ""),
        ),
    ]
}

#[test]
fn invalid_json_and_wrong_shapes() {
    let mut cases = Vec::new();
    cases.extend(syntax_cases(Kindof::List, NATIVE, &native_list()));
    cases.extend(syntax_cases(Kindof::List, GITLAB, &gitlab_list()));
    cases.extend(syntax_cases(Kindof::Detail, NATIVE, &native_detail()));
    cases.extend(syntax_cases(Kindof::Detail, GITLAB, &gitlab_detail()));
    cases.extend(syntax_cases(Kindof::Archive, AUTO, &native_archive()));
    cases.extend(syntax_cases(Kindof::List, CRASHBOT, &crashbot_list()));
    cases.extend(syntax_cases(
        Kindof::List,
        STATUSPAGE,
        &statuspage_summary(),
    ));
    run(cases);
}

#[test]
fn top_level_arrays_are_not_objects() {
    run(array_as_object_cases());
    // config.json too, whatever the array's length.
    let mut parsed = Vec::new();
    for len in 0..16 {
        let mut items = vec![
            json!("Status"),
            Value::Null,
            json!("./"),
            json!("auto"),
            Value::Null,
            Value::Null,
            json!(60),
        ];
        items.resize(len.max(items.len()), Value::Null);
        items.truncate(len);
        let text = Value::Array(items).to_string();
        if let Ok(config) = Config::parse(text.as_bytes()) {
            parsed.push(format!("the array {text} was read as a config: {config:?}"));
        }
    }
    assert!(parsed.is_empty(), "{}", parsed.join("\n"));
}

/// A file that is not UTF-8 (say, written as Latin-1) is not JSON; the message must say so
/// rather than blame a field's type.
#[test]
fn invalid_utf8_is_named_as_such() {
    let mut cases = Vec::new();
    for (kind, choices, valid) in [
        (Kindof::List, NATIVE, native_list()),
        (Kindof::List, GITLAB, gitlab_list()),
        (Kindof::Detail, NATIVE, native_detail()),
        (Kindof::Detail, GITLAB, gitlab_detail()),
        (Kindof::Archive, AUTO, native_archive()),
    ] {
        let text = valid.to_string();
        let at = text.find("\"title\":\"").expect("a title") + "\"title\":\"".len();
        for (what, bytes) in [
            ("0xFF", vec![0xff]),
            ("Latin-1 é", vec![0xe9]),
            ("a cut-off sequence", vec![0xe2, 0x82]),
            ("an encoded surrogate", vec![0xed, 0xa0, 0x80]),
        ] {
            let mut doc = text.clone().into_bytes();
            doc.splice(at..at, bytes);
            cases.push(case(
                format!("{kind:?}: {what} in a title"),
                kind,
                choices,
                doc,
                Expect::NotUtf8,
            ));
        }
    }
    run(cases);
}

/// Detection looks for the key, not its value: `"sitrep": null` is a native file with an
/// unsupported version, not a GitLab file.
#[test]
fn a_null_version_key_still_marks_a_native_file() {
    run(vec![
        case(
            "list",
            Kindof::List,
            AUTO,
            json!({ "sitrep": null, "incidents": [] }),
            Expect::Field("sitrep", ""),
        ),
        case(
            "detail",
            Kindof::Detail,
            AUTO,
            set(native_detail(), "/sitrep", Value::Null),
            Expect::Field("sitrep", ""),
        ),
    ]);
}

/// Every strict prefix of a valid file is reported as truncated, never as something else.
#[test]
fn every_truncation_of_a_valid_file_is_reported_as_truncated() {
    let files = [
        (Kindof::List, NATIVE, native_list()),
        (Kindof::List, GITLAB, gitlab_list()),
        (Kindof::Detail, NATIVE, native_detail()),
        (Kindof::Detail, GITLAB, gitlab_detail()),
        (Kindof::Archive, AUTO, native_archive()),
        (Kindof::List, CRASHBOT, crashbot_list()),
        (Kindof::List, STATUSPAGE, statuspage_summary()),
    ];
    let mut cases = Vec::new();
    for (kind, choices, value) in files {
        // Pretty-printed too, so cuts also land in whitespace between tokens.
        for text in [
            value.to_string(),
            serde_json::to_string_pretty(&value).unwrap(),
        ] {
            let whole = case(
                format!("{kind:?} whole file"),
                kind,
                choices,
                text.clone(),
                ok(|_| {}),
            );
            cases.push(whole);
            for end in 0..text.len() {
                if text.is_char_boundary(end) {
                    cases.push(case(
                        format!(
                            "{kind:?} cut at byte {end} of {}: {:?}",
                            text.len(),
                            &text[end.saturating_sub(12)..end]
                        ),
                        kind,
                        choices,
                        text[..end].to_string(),
                        Expect::Truncated,
                    ));
                }
            }
        }
    }
    run(cases);
}

// ------------------------------------------------------------------ native list fields

#[test]
fn native_list_wrong_types_missing_fields_and_unknown_values() {
    let l = native_list;
    fn list(name: &str, doc: impl Doc, expect: Expect) -> Case {
        case(name, Kindof::List, NATIVE, doc, expect)
    }
    fn sitrep(name: &str, doc: impl Doc, expect: Expect) -> Case {
        case(name, Kindof::List, SITREP_ONLY, doc, expect)
    }
    let wrong = "invalid type";
    run(vec![
        // Wrong types.
        list(
            "version as a string",
            set(l(), "/sitrep", json!("1")),
            Expect::Field("sitrep", wrong),
        ),
        list(
            "version as a float",
            set(l(), "/sitrep", json!(1.0)),
            Expect::Field("sitrep", wrong),
        ),
        list(
            "version 2",
            set(l(), "/sitrep", json!(2)),
            Expect::Field("sitrep", "version 2 is not supported"),
        ),
        list(
            "version 0",
            set(l(), "/sitrep", json!(0)),
            Expect::Field("sitrep", "not supported"),
        ),
        list(
            "negative version",
            set(l(), "/sitrep", json!(-1)),
            Expect::Field("sitrep", "invalid value"),
        ),
        list(
            "version beyond u32",
            set(l(), "/sitrep", json!(4_294_967_297u64)),
            Expect::Field("sitrep", "invalid value"),
        ),
        list(
            "version out of every number range",
            l().to_string()
                .replacen("\"sitrep\":1", "\"sitrep\":1e999", 1),
            Expect::Field("sitrep", ""),
        ),
        list(
            "version as an object",
            set(l(), "/sitrep", json!({ "v": 1 })),
            Expect::Field("sitrep", wrong),
        ),
        list(
            "incidents as an object",
            set(l(), "/incidents", json!({})),
            Expect::Field("incidents", wrong),
        ),
        list(
            "incidents as a string",
            set(l(), "/incidents", json!("[]")),
            Expect::Field("incidents", wrong),
        ),
        list(
            "incident as a string",
            set(l(), "/incidents/1", json!("db-upgrade")),
            Expect::Field("incidents[1]", wrong),
        ),
        list(
            "incident as a number",
            set(l(), "/incidents/0", json!(7)),
            Expect::Field("incidents[0]", wrong),
        ),
        list(
            "title as a number",
            set(l(), "/incidents/0/title", json!(5)),
            Expect::Field("incidents[0].title", wrong),
        ),
        list(
            "title as an array",
            set(l(), "/incidents/0/title", json!(["a"])),
            Expect::Field("incidents[0].title", wrong),
        ),
        list(
            "title as an object",
            set(l(), "/incidents/0/title", json!({ "en": "a" })),
            Expect::Field("incidents[0].title", wrong),
        ),
        list(
            "id as a number",
            set(l(), "/incidents/0/id", json!(42)),
            Expect::Field("incidents[0].id", wrong),
        ),
        list(
            "status as a number",
            set(l(), "/incidents/0/status", json!(5)),
            Expect::Field("incidents[0].status", "wrong type (5)"),
        ),
        list(
            "status as a boolean",
            set(l(), "/incidents/0/status", json!(true)),
            Expect::Field("incidents[0].status", "wrong type (true)"),
        ),
        list(
            "status as an array",
            set(l(), "/incidents/0/status", json!(["resolved"])),
            Expect::Field("incidents[0].status", "wrong type"),
        ),
        list(
            "kind as a number",
            set(l(), "/incidents/1/kind", json!(1)),
            Expect::Field("incidents[1].kind", "wrong type (1)"),
        ),
        list(
            "impact as a number",
            set(l(), "/incidents/0/impact", json!(3)),
            Expect::Field("incidents[0].impact", "wrong type (3)"),
        ),
        list(
            "components as a string",
            set(l(), "/incidents/0/components", json!("api")),
            Expect::Field("incidents[0].components", wrong),
        ),
        list(
            "component id as a number",
            set(l(), "/incidents/0/components", json!(["api", 2])),
            Expect::Field("incidents[0].components[1]", wrong),
        ),
        list(
            "started_at as a number",
            set(l(), "/incidents/0/started_at", json!(1_795_000_000)),
            Expect::Field("incidents[0].started_at", wrong),
        ),
        list(
            "updated_at as an object",
            set(l(), "/incidents/0/updated_at", json!({})),
            Expect::Field("incidents[0].updated_at", wrong),
        ),
        list(
            "resolved_at as a boolean",
            set(l(), "/incidents/0/resolved_at", json!(false)),
            Expect::Field("incidents[0].resolved_at", wrong),
        ),
        list(
            "latest_update as a number",
            set(l(), "/incidents/0/latest_update", json!(1)),
            Expect::Field("incidents[0].latest_update", wrong),
        ),
        list(
            "url as an array",
            set(l(), "/incidents/0/url", json!([])),
            Expect::Field("incidents[0].url", wrong),
        ),
        list(
            "component name as a number",
            set(l(), "/components/0/name", json!(5)),
            Expect::Field("components[0].name", wrong),
        ),
        list(
            "components as an object",
            set(l(), "/components", json!({ "api": "API" })),
            Expect::Field("components", wrong),
        ),
        list(
            "archive count as a string",
            set(l(), "/archive/0/count", json!("12")),
            Expect::Field("archive[0].count", wrong),
        ),
        list(
            "negative archive count",
            set(l(), "/archive/0/count", json!(-1)),
            Expect::Field("archive[0].count", "invalid value"),
        ),
        list(
            "archive title as null",
            set(l(), "/archive/0/title", Value::Null),
            Expect::Field("archive[0].title", wrong),
        ),
        // Missing required fields.
        list(
            "no incidents",
            unset(l(), "/incidents"),
            Expect::Field("incidents", "missing field `incidents`"),
        ),
        sitrep(
            "no version (format forced)",
            unset(l(), "/sitrep"),
            Expect::Field("sitrep", "missing field `sitrep`"),
        ),
        list(
            "incident without id",
            unset(l(), "/incidents/0/id"),
            Expect::Field("incidents[0].id", "missing field"),
        ),
        list(
            "incident without title",
            unset(l(), "/incidents/0/title"),
            Expect::Field("incidents[0].title", "missing field"),
        ),
        list(
            "incident without status",
            unset(l(), "/incidents/0/status"),
            Expect::Field("incidents[0].status", "missing field"),
        ),
        list(
            "incident without updated_at",
            unset(l(), "/incidents/0/updated_at"),
            Expect::Field("incidents[0].updated_at", "missing field"),
        ),
        list(
            "incident without started_at",
            unset(l(), "/incidents/0/started_at"),
            Expect::Field("incidents[0].started_at", "missing field"),
        ),
        list(
            "maintenance without scheduled_start",
            unset(l(), "/incidents/1/scheduled_start"),
            Expect::Field("incidents[1].scheduled_start", "scheduled_start"),
        ),
        list(
            "maintenance without scheduled_end",
            unset(l(), "/incidents/1/scheduled_end"),
            Expect::Field("incidents[1].scheduled_end", "scheduled_end"),
        ),
        list(
            "component without name",
            unset(l(), "/components/1/name"),
            Expect::Field("components[1].name", "missing field"),
        ),
        list(
            "archive entry without url",
            unset(l(), "/archive/0/url"),
            Expect::Field("archive[0].url", "missing field"),
        ),
        // Unknown enum values.
        list(
            "unknown status",
            set(l(), "/incidents/0/status", json!("on_fire")),
            Expect::Field("incidents[0].status", "unknown variant `on_fire`"),
        ),
        list(
            "status in capitals",
            set(l(), "/incidents/0/status", json!("RESOLVED")),
            Expect::Field("incidents[0].status", "unknown variant"),
        ),
        list(
            "status with a space",
            set(l(), "/incidents/0/status", json!(" resolved")),
            Expect::Field("incidents[0].status", "unknown variant"),
        ),
        list(
            "empty status",
            set(l(), "/incidents/0/status", json!("")),
            Expect::Field("incidents[0].status", "unknown variant"),
        ),
        list(
            "GitLab status in a native file",
            set(l(), "/incidents/0/status", json!("opened")),
            Expect::Field("incidents[0].status", "unknown variant"),
        ),
        list(
            "unknown kind",
            set(l(), "/incidents/0/kind", json!("outage")),
            Expect::Field("incidents[0].kind", "unknown variant `outage`"),
        ),
        list(
            "unknown impact",
            set(l(), "/incidents/0/impact", json!("apocalyptic")),
            Expect::Field("incidents[0].impact", "unknown variant `apocalyptic`"),
        ),
        list(
            "maintenance status on an incident",
            set(l(), "/incidents/0/status", json!("completed")),
            Expect::Field("incidents[0].status", "does not fit the kind"),
        ),
        list(
            "incident status on a maintenance",
            set(l(), "/incidents/1/status", json!("resolved")),
            Expect::Field("incidents[1].status", "does not fit the kind"),
        ),
        list(
            "unknown variant named in a huge string",
            set(l(), "/incidents/0/status", json!("x".repeat(100_000))),
            Expect::Field("incidents[0].status", "unknown variant"),
        ),
        // null where a string is expected.
        list(
            "null title",
            set(l(), "/incidents/0/title", Value::Null),
            Expect::Field("incidents[0].title", "invalid type: null"),
        ),
        list(
            "null id",
            set(l(), "/incidents/0/id", Value::Null),
            Expect::Field("incidents[0].id", "invalid type: null"),
        ),
        list(
            "null status",
            set(l(), "/incidents/0/status", Value::Null),
            Expect::Field("incidents[0].status", "wrong type (null)"),
        ),
        list(
            "null kind",
            set(l(), "/incidents/1/kind", Value::Null),
            Expect::Field("incidents[1].kind", "wrong type (null)"),
        ),
        list(
            "null updated_at",
            set(l(), "/incidents/0/updated_at", Value::Null),
            Expect::Field("incidents[0].updated_at", "invalid type: null"),
        ),
        list(
            "null started_at",
            set(l(), "/incidents/0/started_at", Value::Null),
            Expect::Field("incidents[0].started_at", "missing field `started_at`"),
        ),
        list(
            "null component id",
            set(l(), "/incidents/0/components", json!([null])),
            Expect::Field("incidents[0].components[0]", "invalid type: null"),
        ),
        list(
            "null components",
            set(l(), "/incidents/0/components", Value::Null),
            Expect::Field("incidents[0].components", "invalid type: null"),
        ),
        list(
            "null incidents",
            set(l(), "/incidents", Value::Null),
            Expect::Field("incidents", "invalid type: null"),
        ),
        list(
            "null component name",
            set(l(), "/components/0/name", Value::Null),
            Expect::Field("components[0].name", "invalid type: null"),
        ),
        list(
            "null in every optional field",
            set(
                set(
                    set(
                        set(
                            set(l(), "/incidents/0/latest_update", Value::Null),
                            "/incidents/0/resolved_at",
                            Value::Null,
                        ),
                        "/incidents/0/impact",
                        Value::Null,
                    ),
                    "/incidents/0/url",
                    Value::Null,
                ),
                "/archive/0/count",
                Value::Null,
            ),
            ok(|p| {
                let list = p.list();
                let incident = list
                    .incidents
                    .iter()
                    .find(|i| i.id == "api-errors")
                    .unwrap();
                assert_eq!(incident.latest_update, None);
                assert_eq!(incident.resolved_at, None);
                assert_eq!(
                    incident.impact,
                    Some(Impact::Minor),
                    "the documented default"
                );
                assert_eq!(incident.detail_path, "data/incident/api-errors.json");
                assert_eq!(list.archive[0].count, None);
            }),
        ),
        // Duplicate keys in one object.
        list(
            "the incidents key twice",
            r#"{"sitrep":1,"incidents":[],"incidents":[]}"#,
            Expect::Field("incidents", "duplicate field `incidents`"),
        ),
        list(
            "a title twice",
            r#"{"sitrep":1,"incidents":[{"id":"a","title":"x","title":"y","status":"resolved","started_at":"2026-11-23T07:40:00Z","updated_at":"2026-11-23T07:40:00Z"}]}"#,
            Expect::Field("incidents[0].title", "duplicate field `title`"),
        ),
        // Invalid ids.
        list(
            "id with a slash",
            set(l(), "/incidents/0/id", json!("../../etc/passwd")),
            Expect::Field("incidents[0].id", "not a valid id"),
        ),
        list(
            "id with markup",
            set(
                l(),
                "/incidents/0/id",
                json!("<img src=x onerror=alert(1)>"),
            ),
            Expect::Field("incidents[0].id", "not a valid id"),
        ),
        list(
            "id with a zero-width space",
            set(l(), "/incidents/0/id", json!("api\u{200B}errors")),
            Expect::Field("incidents[0].id", "not a valid id"),
        ),
        list(
            "id ..",
            set(l(), "/incidents/0/id", json!("..")),
            Expect::Field("incidents[0].id", "not a valid id"),
        ),
        list(
            "empty id",
            set(l(), "/incidents/0/id", json!("")),
            Expect::Field("incidents[0].id", "not a valid id"),
        ),
        list(
            "129-character id",
            set(l(), "/incidents/0/id", json!("a".repeat(129))),
            Expect::Field("incidents[0].id", "not a valid id"),
        ),
        list(
            "128-character id",
            set(l(), "/incidents/0/id", json!("a".repeat(128))),
            ok(|p| assert!(ids(p).contains(&"a".repeat(128).as_str()))),
        ),
        list(
            "100,000-character id",
            set(l(), "/incidents/0/id", json!("i".repeat(100_000))),
            Expect::Field("incidents[0].id", "not a valid id"),
        ),
    ]);
}

/// A feed file's content in a table: a JSON value, or raw text or bytes.
trait Doc {
    fn doc(self) -> Vec<u8>;
}

impl Doc for Value {
    fn doc(self) -> Vec<u8> {
        self.to_string().into_bytes()
    }
}

impl Doc for &str {
    fn doc(self) -> Vec<u8> {
        self.as_bytes().to_vec()
    }
}

impl Doc for String {
    fn doc(self) -> Vec<u8> {
        self.into_bytes()
    }
}

impl Doc for Vec<u8> {
    fn doc(self) -> Vec<u8> {
        self
    }
}

// ------------------------------------------------------------------ native detail and archive

#[test]
fn native_detail_and_archive_fields() {
    let d = native_detail;
    fn detail(name: &str, doc: impl Doc, expect: Expect) -> Case {
        case(name, Kindof::Detail, NATIVE, doc, expect)
    }
    fn archive(name: &str, doc: impl Doc, expect: Expect) -> Case {
        case(name, Kindof::Archive, AUTO, doc, expect)
    }
    let wrong = "invalid type";
    run(vec![
        detail("updates as an object", set(d(), "/updates", json!({})), Expect::Field("updates", wrong)),
        detail("null updates", set(d(), "/updates", Value::Null), Expect::Field("updates", "invalid type: null")),
        detail("update as a string", set(d(), "/updates/1", json!("u2")), Expect::Field("updates[1]", wrong)),
        detail("null update body", set(d(), "/updates/1/body", Value::Null), Expect::Field("updates[1].body", "invalid type: null")),
        detail("update body as an array", set(d(), "/updates/0/body", json!(["a"])), Expect::Field("updates[0].body", wrong)),
        detail("update without body", unset(d(), "/updates/1/body"), Expect::Field("updates[1].body", "missing field")),
        detail("update without at", unset(d(), "/updates/0/at"), Expect::Field("updates[0].at", "missing field")),
        detail("update without id", unset(d(), "/updates/0/id"), Expect::Field("updates[0].id", "missing field")),
        detail("update id as a number", set(d(), "/updates/0/id", json!(1)), Expect::Field("updates[0].id", wrong)),
        detail("update id with markup", set(d(), "/updates/1/id", json!("\"><svg onload=alert(1)>")), Expect::Field("updates[1].id", "not a valid id")),
        detail("update id with a space", set(d(), "/updates/0/id", json!("u 1")), Expect::Field("updates[0].id", "not a valid id")),
        detail("unknown update status", set(d(), "/updates/0/status", json!("on_fire")), Expect::Field("updates[0].status", "unknown variant `on_fire`")),
        detail("update status as a number", set(d(), "/updates/0/status", json!(2)), Expect::Field("updates[0].status", "wrong type (2)")),
        detail("update at Feb 30", set(d(), "/updates/0/at", json!("2026-02-30T07:46:00Z")), Expect::Field("updates[0].at", "day out of range")),
        detail("description as a number", set(d(), "/description", json!(5)), Expect::Field("description", wrong)),
        detail("null description", set(d(), "/description", Value::Null), ok(|p| assert_eq!(p.detail().description, Markup::Plain(String::new())))),
        detail("detail id with markup", set(d(), "/id", json!("<b>x</b>")), Expect::Field("id", "not a valid id")),
        detail("null detail title", set(d(), "/title", Value::Null), Expect::Field("title", "invalid type: null")),
        detail("detail without updated_at", unset(d(), "/updated_at"), Expect::Field("updated_at", "missing field")),
        detail("detail version 2", set(d(), "/sitrep", json!(2)), Expect::Field("sitrep", "not supported")),
        case("detail without version (format forced)", Kindof::Detail, SITREP_ONLY, unset(d(), "/sitrep"), Expect::Field("sitrep", "missing field `sitrep`")),
        // Without the version key, auto-detection reads the file as GitLab's, whose ids are numbers.
        case("detail without version (auto)", Kindof::Detail, AUTO, unset(d(), "/sitrep"), Expect::Field("id", "invalid type: string")),
        detail(
            "duplicate update ids: the first wins",
            set(d(), "/updates", json!([
                { "id": "u1", "status": "investigating", "at": "2026-11-23T07:46:00Z", "body": "first" },
                { "id": "u1", "status": "resolved", "at": "2026-11-23T09:00:00Z", "body": "second" },
                { "id": "u2", "status": "identified", "at": "2026-11-23T08:00:00Z", "body": "third" },
            ])),
            ok(|p| {
                let updates = &p.detail().updates;
                let ids: Vec<&str> = updates.iter().map(|u| u.id.as_str()).collect();
                assert_eq!(ids, ["u2", "u1"]);
                assert!(html(&updates[1].body).contains("first"));
            }),
        ),
        detail(
            "10,000 updates in random order",
            set(d(), "/updates", Value::Array((0..10_000).map(|i| {
                let minute = (i * 7919) % 10_000;
                json!({ "id": format!("u{i}"), "status": "monitoring", "at": format!("2026-11-{:02}T{:02}:{:02}:00Z", 1 + minute / 1440, minute % 1440 / 60, minute % 60), "body": "x" })
            }).collect())),
            ok(|p| {
                let updates = &p.detail().updates;
                assert_eq!(updates.len(), 10_000);
                assert!(updates.windows(2).all(|w| w[0].at >= w[1].at), "newest first");
            }),
        ),
        detail(
            "markdown with raw HTML and script URLs",
            set(set(d(), "/description", json!("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>")), "/updates/0/body", json!("![a](JaVaScRiPt:alert(1)) [b](data:text/html,<script>) <iframe src=javascript:alert(1)>")),
            ok(|p| {
                let detail = p.detail();
                for text in [html(&detail.description), html(&detail.updates[1].body)] {
                    let lower = text.to_ascii_lowercase();
                    for bad in ["<script", "<img src=x", "<iframe", "href=\"javascript", "src=\"javascript", "href=\"data:"] {
                        assert!(!lower.contains(bad), "{bad} in {text}");
                    }
                    assert!(text.contains("&lt;"), "raw HTML is shown as text: {text}");
                }
            }),
        ),
        archive("archive version 2", set(native_archive(), "/sitrep", json!(2)), Expect::Field("sitrep", "not supported")),
        archive("archive without incidents", unset(native_archive(), "/incidents"), Expect::Field("incidents", "missing field")),
        archive("archive without version", unset(native_archive(), "/sitrep"), Expect::Field("sitrep", "missing field")),
        archive("archive entry with an unknown status", set(native_archive(), "/incidents/0/status", json!("gone")), Expect::Field("incidents[0].status", "unknown variant")),
        archive("archive entry with a null title", set(native_archive(), "/incidents/0/title", Value::Null), Expect::Field("incidents[0].title", "invalid type: null")),
        archive("archive entry with a bad id", set(native_archive(), "/incidents/0/id", json!("a/b")), Expect::Field("incidents[0].id", "not a valid id")),
        archive("GitLab list as an archive", gitlab_list(), Expect::Field("incidents[0].id", "invalid type")),
        archive(
            "duplicate archive ids: the first wins",
            set(native_archive(), "/incidents/1", set(native_archive()["incidents"][0].clone(), "/title", json!("second"))),
            ok(|p| {
                let incidents = p.incidents();
                assert_eq!(incidents.len(), 1);
                assert_eq!(plain(&incidents[0].title), "Platform-wide outage");
            }),
        ),
    ]);
}

// ------------------------------------------------------------------ GitLab

#[test]
fn gitlab_wrong_types_missing_fields_and_unknown_values() {
    let l = gitlab_list;
    let d = gitlab_detail;
    fn list(name: &str, doc: impl Doc, expect: Expect) -> Case {
        case(name, Kindof::List, GITLAB, doc, expect)
    }
    fn detail(name: &str, doc: impl Doc, expect: Expect) -> Case {
        case(name, Kindof::Detail, GITLAB, doc, expect)
    }
    let wrong = "invalid type";
    run(vec![
        list("id as a string", set(l(), "/incidents/0/id", json!("7")), Expect::Field("incidents[0].id", wrong)),
        list("negative id", set(l(), "/incidents/0/id", json!(-7)), Expect::Field("incidents[0].id", "invalid value")),
        list("fractional id", set(l(), "/incidents/0/id", json!(7.5)), Expect::Field("incidents[0].id", wrong)),
        list("id beyond u64", l().to_string().replacen("\"id\":7", "\"id\":18446744073709551616", 1), Expect::Field("incidents[0].id", wrong)),
        list("null id", set(l(), "/incidents/0/id", Value::Null), Expect::Field("incidents[0].id", "invalid type: null")),
        list("id 0 and the largest id", set(set(l(), "/incidents/0/id", json!(0)), "/incidents/1/id", json!(u64::MAX)), ok(|p| {
            let mut ids = ids(p);
            ids.sort();
            assert_eq!(ids, ["0", "18446744073709551615"]);
        })),
        list("unknown status", set(l(), "/incidents/0/status", json!("reopened")), Expect::Field("incidents[0].status", "unknown variant `reopened`")),
        list("native status in a GitLab file", set(l(), "/incidents/0/status", json!("resolved")), Expect::Field("incidents[0].status", "unknown variant")),
        list("status as a number", set(l(), "/incidents/0/status", json!(1)), Expect::Field("incidents[0].status", "wrong type (1)")),
        list("null status", set(l(), "/incidents/0/status", Value::Null), Expect::Field("incidents[0].status", "wrong type (null)")),
        // The value as written, on one line: read from the file's text, not re-serialised.
        list("status as an array over lines", set(l(), "/incidents/0/status", json!([1, {"a": 2}])).to_string().replacen(r#"[1,{"a":2}]"#, "[\n  1,\n  {\"a\": 2}\n]", 1), Expect::Field("incidents[0].status", r#"wrong type ([ 1, {"a": 2} ])"#)),
        list("no status and no state", unset(l(), "/incidents/0/status"), Expect::Field("incidents[0].status", "missing field")),
        list("both status and state", set(l(), "/incidents/0/state", json!("closed")), Expect::Field("incidents[0].status", "duplicate field `status`")),
        list("legacy state key", unset(set(l(), "/incidents/1/state", json!("closed")), "/incidents/1/status"), ok(|p| {
            let closed = p.incidents().iter().find(|i| i.id == "3").unwrap();
            assert_eq!(closed.status, Status::Resolved);
        })),
        list("null title", set(l(), "/incidents/0/title", Value::Null), Expect::Field("incidents[0].title", "invalid type: null")),
        list("title as an object", set(l(), "/incidents/0/title", json!({})), Expect::Field("incidents[0].title", wrong)),
        list("no title", unset(l(), "/incidents/0/title"), Expect::Field("incidents[0].title", "missing field")),
        list("no created_at", unset(l(), "/incidents/1/created_at"), Expect::Field("incidents[1].created_at", "missing field")),
        list("no updated_at", unset(l(), "/incidents/1/updated_at"), Expect::Field("incidents[1].updated_at", "missing field")),
        list("created_at as a number", set(l(), "/incidents/0/created_at", json!(1_795_000_000_000u64)), Expect::Field("incidents[0].created_at", wrong)),
        list("created_at hour 25", set(l(), "/incidents/0/created_at", json!("2026-11-23T25:41:12.097Z")), Expect::Field("incidents[0].created_at", "time of day out of range")),
        list("updated_at Feb 30", set(l(), "/incidents/1/updated_at", json!("2026-02-30T09:00:00.000Z")), Expect::Field("incidents[1].updated_at", "day out of range")),
        list("links as a string", set(l(), "/incidents/0/links", json!("data/incident/7.json")), Expect::Field("incidents[0].links", wrong)),
        list("links.details as a number", set(l(), "/incidents/0/links/details", json!(7)), Expect::Field("incidents[0].links.details", wrong)),
        list("null links and details", set(set(l(), "/incidents/0/links", Value::Null), "/incidents/1/links/details", Value::Null), ok(|p| {
            for incident in p.incidents() {
                assert_eq!(incident.detail_path, format!("data/incident/{}.json", incident.id));
            }
        })),
        list("null incidents", set(l(), "/incidents", Value::Null), Expect::Field("incidents", "invalid type: null")),
        // Without `incidents` nothing marks the file as GitLab's: only a forced format reads it.
        case("no incidents (format forced)", Kindof::List, &[FormatChoice::Gitlab], json!({}), Expect::Field("incidents", "missing field `incidents`")),
        case("no incidents", Kindof::List, AUTO, json!({}), Expect::Field("(top level)", "tried sitrep")),
        list("incidents as an object", set(l(), "/incidents", json!({ "7": {} })), Expect::Field("incidents", wrong)),
        detail("null comments", set(d(), "/comments", Value::Null), Expect::Field("comments", "invalid type: null")),
        detail("comments as an object", set(d(), "/comments", json!({})), Expect::Field("comments", wrong)),
        detail("null comment note", set(d(), "/comments/1/note", Value::Null), Expect::Field("comments[1].note", "invalid type: null")),
        detail("comment without note", unset(d(), "/comments/0/note"), Expect::Field("comments[0].note", "missing field")),
        detail("comment without created_at", unset(d(), "/comments/1/created_at"), Expect::Field("comments[1].created_at", "missing field")),
        detail("comment at minute 60", set(d(), "/comments/0/created_at", json!("2026-11-23T07:60:00.000Z")), Expect::Field("comments[0].created_at", "out of range")),
        detail("description as a number", set(d(), "/description", json!(1)), Expect::Field("description", wrong)),
        detail("null description", set(d(), "/description", Value::Null), ok(|p| assert_eq!(p.detail().description, Markup::Html(String::new())))),
        detail("detail id as a string", set(d(), "/id", json!("7")), Expect::Field("id", wrong)),
        detail("comments with extra unknown fields", set(d(), "/comments/0/author", json!({ "name": "<script>" })), ok(|p| assert_eq!(p.detail().updates.len(), 2))),
        // Comments have no ids: their position in the file is their permalink, so a file
        // whose comments are out of time order keeps that order (newest position first).
        detail(
            "comments out of time order",
            set(
                d(),
                "/comments",
                json!([
                    { "note": "<p>a</p>", "created_at": "2026-11-23T09:00:00.000Z" },
                    { "note": "<p>b</p>", "created_at": "2020-01-01T00:00:00.000Z" },
                    { "note": "<p>c</p>", "created_at": "2026-11-23T08:00:00.000Z" },
                ]),
            ),
            ok(|p| {
                let updates = &p.detail().updates;
                let ids: Vec<&str> = updates.iter().map(|u| u.id.as_str()).collect();
                assert_eq!(ids, ["3", "2", "1"]);
                assert_eq!(html(&updates[0].body), "<p>c</p>");
            }),
        ),
        detail(
            "10,000 comments",
            set(d(), "/comments", Value::Array((0..10_000).map(|i| json!({ "note": format!("<p>{i}</p>"), "created_at": "2026-11-23T07:50:00.000Z" })).collect())),
            ok(|p| {
                let updates = &p.detail().updates;
                assert_eq!(updates.len(), 10_000);
                assert_eq!(updates[0].id, "10000", "newest (last) comment first");
                assert_eq!(html(&updates[9_999].body), "<p>0</p>");
            }),
        ),
    ]);
}

// ------------------------------------------------------------------ duplicates

#[test]
fn duplicate_ids_keep_the_first_entry() {
    // The second copy would sort first (it starts later), so "first" means first in the file.
    let native = json!({
        "sitrep": 1,
        "incidents": [
            set(native_entry("dup", "2026-11-20T07:00:00Z"), "/title", json!("first copy")),
            native_entry("other", "2026-11-21T07:00:00Z"),
            set(native_entry("dup", "2026-11-23T07:00:00Z"), "/title", json!("second copy")),
            set(native_entry("dup", "2026-11-22T07:00:00Z"), "/title", json!("third copy")),
        ],
    });
    let gitlab = json!({
        "incidents": [
            set(gitlab_entry(5, "closed", "2026-11-20T07:00:00Z", "2026-11-20T08:00:00Z"), "/title", json!("first copy")),
            gitlab_entry(6, "opened", "2026-11-21T07:00:00Z", "2026-11-21T07:00:00Z"),
            set(gitlab_entry(5, "opened", "2026-11-23T07:00:00Z", "2026-11-23T07:00:00Z"), "/title", json!("second copy")),
        ],
    });
    let first_wins = |p: &Parsed| {
        let incidents = p.incidents();
        assert_eq!(incidents.len(), 2, "{incidents:?}");
        let dup = incidents
            .iter()
            .find(|i| i.id == "dup" || i.id == "5")
            .unwrap();
        let title = match &dup.title {
            Markup::Plain(text) | Markup::Html(text) | Markup::Markdown(text) => text,
        };
        assert_eq!(title, "first copy");
        assert!(incidents
            .windows(2)
            .all(|w| w[0].started_at >= w[1].started_at));
    };
    run(vec![
        case(
            "native list",
            Kindof::List,
            NATIVE,
            native.clone(),
            ok(first_wins),
        ),
        case(
            "native archive",
            Kindof::Archive,
            AUTO,
            native,
            ok(first_wins),
        ),
        case("GitLab list", Kindof::List, GITLAB, gitlab, ok(first_wins)),
    ]);
}

// ------------------------------------------------------------------ long and unusual text

#[test]
fn crashbot_and_statuspage_keep_hostile_text_as_text_and_drop_unsafe_links() {
    let script = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    let long: String = "مرحبا👩\u{200D}💻x\u{200B}\n"
        .chars()
        .cycle()
        .take(100_000)
        .collect();
    let mut cases = Vec::new();
    for text in [script.to_string(), long]
        .into_iter()
        .chain(UNICODE_SAMPLES.iter().map(|s| s.to_string()))
    {
        let mut crashbot = crashbot_list();
        for field in ["title", "description", "point", "modified_by"] {
            crashbot["open"][0][field] = json!(text);
        }
        crashbot["open"][0]["rca_link"] = json!(format!("javascript:{text}"));
        let expected = text.clone();
        cases.push(case(
            format!("Crashbot text {:.20?}", text),
            Kindof::List,
            CRASHBOT,
            crashbot,
            ok(move |p| {
                let list = p.list();
                let incident = list.incidents.iter().find(|i| i.id == "12").unwrap();
                assert_eq!(incident.title, Markup::Plain(expected.clone()));
                assert_eq!(incident.root_cause_url, None);
                let detail = sitrep::feed::detail_in_list(list, "12").unwrap();
                // Markdown: rendered by the project's renderer, raw HTML shown as text.
                assert_eq!(detail.description, Markup::Markdown(expected.clone()));
                let html = html(&detail.description);
                assert!(
                    !html.contains("<script") && !html.contains("<img"),
                    "{html:.200}"
                );
            }),
        ));
        let mut statuspage = statuspage_summary();
        statuspage["incidents"][0]["name"] = json!(text);
        statuspage["incidents"][0]["incident_updates"][0]["body"] = json!(text);
        statuspage["incidents"][0]["shortlink"] = json!(format!("data:text/html,{text}"));
        statuspage["components"][1]["name"] = json!(text);
        let expected = text.clone();
        cases.push(case(
            format!("Statuspage text {:.20?}", text),
            Kindof::List,
            STATUSPAGE,
            statuspage,
            ok(move |p| {
                let list = p.list();
                assert_eq!(list.incidents[0].title, Markup::Plain(expected.clone()));
                assert_eq!(list.incidents[0].link, None);
                assert_eq!(list.components[0].name, expected);
                let detail = sitrep::feed::detail_in_list(list, "inc1").unwrap();
                // Plain text, line breaks and all: never turned into HTML.
                assert_eq!(detail.updates[0].body, Markup::Plain(expected.clone()));
                assert_eq!(detail.updates[0].body.html(BASE), None);
            }),
        ));
    }
    // The valid files themselves, as the model sees them.
    cases.push(case(
        "Crashbot list",
        Kindof::List,
        CRASHBOT,
        crashbot_list(),
        ok(|p| {
            let list = p.list();
            assert_eq!(list.format, Format::Crashbot);
            assert_eq!(ids(p), ["12", "9"]);
            assert_eq!(list.incidents[0].impact, Some(Impact::Major));
            assert_eq!(list.incidents[1].status, Status::Resolved);
        }),
    ));
    cases.push(case(
        "Statuspage summary",
        Kindof::List,
        STATUSPAGE,
        statuspage_summary(),
        ok(|p| {
            let list = p.list();
            assert_eq!(list.format, Format::Statuspage);
            assert_eq!(list.components[0].group.as_deref(), Some("Platform"));
            assert_eq!(
                list.incidents[0].link.as_deref(),
                Some("https://stspg.io/inc1")
            );
        }),
    ));
    // Ids: Crashbot's must be numbers, Statuspage's safe strings.
    cases.push(case(
        "Crashbot string id",
        Kindof::List,
        CRASHBOT,
        set(crashbot_list(), "/open/0/id", json!("../etc")),
        Expect::Field("open[0].id", "invalid type: string"),
    ));
    cases.push(case(
        "Statuspage path id",
        Kindof::List,
        STATUSPAGE,
        set(
            statuspage_summary(),
            "/incidents/0/id",
            json!("../etc/passwd"),
        ),
        Expect::Field("incidents[0].id", "is not a valid id"),
    ));
    cases.push(case(
        "Statuspage update id with a quote",
        Kindof::List,
        STATUSPAGE,
        set(
            statuspage_summary(),
            "/incidents/0/incident_updates/0/id",
            json!("u\"><script>"),
        ),
        Expect::Field("incidents[0].incident_updates[0].id", "is not a valid id"),
    ));
    // Each file is an incident list, never an incident file.
    cases.push(case(
        "Crashbot list read as an incident file",
        Kindof::Detail,
        &[FormatChoice::Crashbot],
        crashbot_list(),
        Expect::Field("(top level)", "no incident files"),
    ));
    run(cases);
}

#[test]
fn huge_titles_and_unusual_text_are_kept_intact() {
    let long_ascii = "A".repeat(100_000);
    let long_mixed: String = "مرحبا👩\u{200D}💻x\u{200B}"
        .chars()
        .cycle()
        .take(100_000)
        .collect();
    let mut cases = Vec::new();
    for (label, text) in [
        ("100,000 ASCII characters", long_ascii),
        ("100,000 mixed characters", long_mixed),
    ]
    .into_iter()
    .chain(
        UNICODE_SAMPLES
            .iter()
            .map(|s| ("Unicode sample", s.to_string())),
    ) {
        let native = set(
            set(
                set(native_list(), "/incidents/0/title", json!(text)),
                "/incidents/0/latest_update",
                json!(text),
            ),
            "/components/0/name",
            json!(text),
        );
        let native = set(native, "/incidents/1/components", json!([text]));
        let expected = text.clone();
        cases.push(case(
            format!("native list: {label}"),
            Kindof::List,
            NATIVE,
            native,
            ok(move |p| {
                let list = p.list();
                assert_eq!(list.format, Format::Native);
                let incident = list
                    .incidents
                    .iter()
                    .find(|i| i.id == "api-errors")
                    .unwrap();
                assert_eq!(plain(&incident.title), expected);
                assert_eq!(incident.latest_update.as_deref(), Some(expected.as_str()));
                assert_eq!(list.component_name("api"), expected);
                let maintenance = list
                    .incidents
                    .iter()
                    .find(|i| i.id == "db-upgrade")
                    .unwrap();
                assert_eq!(
                    maintenance.components,
                    std::slice::from_ref(&expected),
                    "component ids are kept as given"
                );
                assert_eq!(
                    list.component_name(&expected),
                    expected,
                    "an unnamed component shows its id"
                );
            }),
        ));

        let native_detail = set(
            set(
                set(native_detail(), "/title", json!(text)),
                "/description",
                json!(text),
            ),
            "/updates/0/body",
            json!(text),
        );
        let expected = text.clone();
        cases.push(case(
            format!("native detail: {label}"),
            Kindof::Detail,
            NATIVE,
            native_detail,
            ok(move |p| {
                let detail = p.detail();
                assert_eq!(plain(&detail.incident.title), expected);
                assert!(
                    html(&detail.description).contains(&expected),
                    "description keeps the text"
                );
                let body = detail.updates.iter().find(|u| u.id == "u1").unwrap();
                assert!(
                    html(&body.body).contains(&expected),
                    "update body keeps the text"
                );
            }),
        ));

        let gitlab = set(gitlab_list(), "/incidents/0/title", json!(text));
        let expected = text.clone();
        cases.push(case(
            format!("GitLab list: {label}"),
            Kindof::List,
            GITLAB,
            gitlab,
            ok(move |p| {
                let incident = p.incidents().iter().find(|i| i.id == "7").unwrap();
                assert_eq!(html(&incident.title), expected);
            }),
        ));

        let gitlab_detail = set(
            set(
                set(gitlab_detail(), "/title", json!(text)),
                "/description",
                json!(text),
            ),
            "/comments/0/note",
            json!(text),
        );
        let expected = text;
        cases.push(case(
            format!("GitLab detail: {label}"),
            Kindof::Detail,
            GITLAB,
            gitlab_detail,
            ok(move |p| {
                let detail = p.detail();
                assert_eq!(html(&detail.incident.title), expected);
                assert_eq!(html(&detail.description), expected);
                assert_eq!(html(&detail.updates[1].body), expected);
            }),
        ));
    }
    run(cases);
}

/// The same text written as raw UTF-8 in files (not as `\u` escapes), and escaped controls.
#[test]
fn unicode_fixture_files() {
    let samples: Vec<String> = UNICODE_SAMPLES.iter().map(|s| s.to_string()).collect();
    let expected = samples.clone();
    let gitlab_expected = samples;
    run(vec![
        case(
            "native list fixture",
            Kindof::List,
            NATIVE,
            fixture("unicode-native-list.json"),
            ok(move |p| {
                let titles: Vec<&str> =
                    p.list().incidents.iter().map(|i| plain(&i.title)).collect();
                for sample in &expected {
                    assert!(
                        titles.contains(&sample.as_str()),
                        "title {sample:?} kept in {titles:?}"
                    );
                }
                let control = p
                    .list()
                    .incidents
                    .iter()
                    .find(|i| i.id == "controls")
                    .unwrap();
                assert_eq!(
                    plain(&control.title),
                    "nul\u{0}bell\u{7}escape\u{1b}del\u{7f}c1\u{85}"
                );
            }),
        ),
        case(
            "GitLab detail fixture",
            Kindof::Detail,
            GITLAB,
            fixture("unicode-gitlab-detail.json"),
            ok(move |p| {
                let detail = p.detail();
                let notes: Vec<String> = detail.updates.iter().map(|u| html(&u.body)).collect();
                for sample in &gitlab_expected {
                    assert!(notes.contains(sample), "note {sample:?} kept");
                }
                assert_eq!(html(&detail.incident.title), "\u{202E}<code>txt.exe</code>");
            }),
        ),
    ]);
}

// ------------------------------------------------------------------ dates and times

const BAD_TIMESTAMPS: &[(&str, &str)] = &[
    ("2026-02-30T07:40:00Z", "day out of range"),
    ("2026-02-29T07:40:00Z", "day out of range"),
    ("2100-02-29T07:40:00Z", "day out of range"),
    ("2026-04-31T07:40:00Z", "day out of range"),
    ("2026-11-00T07:40:00Z", "day out of range"),
    ("2026-13-01T07:40:00Z", "month out of range"),
    ("2026-00-01T07:40:00Z", "month out of range"),
    ("2026-11-23T25:00:00Z", "time of day out of range"),
    ("2026-11-23T24:00:00Z", "time of day out of range"),
    ("2026-11-23T07:60:00Z", "time of day out of range"),
    ("2026-11-23T07:40:61Z", "time of day out of range"),
    ("2026-11-23T07:40:00+24:00", "offset out of range"),
    ("2026-11-23T07:40:00-00:60", "offset out of range"),
    ("2026-11-23T07:40:00", "too short"),
    ("2026-11-23T07:40:00.5", "time zone"),
    ("2026-11-23", "too short"),
    ("2026-11-23T07:40Z", "too short"),
    ("2026-11-23T07:40:00.Z", "empty fraction"),
    ("2026-11-23T07:40:00ZZ", "time zone"),
    ("2026-11-23T07:40:00+01:00:00", "time zone"),
    ("2026-11-23T07:40:00+0100", "time zone"),
    ("2026-11-23 07:40:00 UTC", "time zone"),
    ("+10000-01-01T00:00:00Z", "digit"),
    ("-0001-01-01T00:00:00Z", "digit"),
    ("２０２６-11-23T07:40:00Z", "digit"),
    ("2026-11-23T07:40:00Z\u{0}", "time zone"),
    ("2026-11-23T07:40:0é", "digit"),
    ("Mon, 23 Nov 2026 07:40:00 GMT", "digit"),
    ("1795000000", "too short"),
    ("", "too short"),
];

const GOOD_TIMESTAMPS: &[(&str, &str)] = &[
    ("0000-02-29T12:00:00Z", "0000-02-29T12:00:00Z"),
    ("0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"),
    ("1969-12-31T23:59:59.999Z", "1969-12-31T23:59:59Z"),
    ("2000-02-29T07:40:00Z", "2000-02-29T07:40:00Z"),
    ("2024-02-29T07:40:00Z", "2024-02-29T07:40:00Z"),
    ("2026-11-23t07:40:00z", "2026-11-23T07:40:00Z"),
    ("2026-11-23 07:40:00+01:00", "2026-11-23T06:40:00Z"),
    ("2026-12-31T23:59:60Z", "2026-12-31T23:59:59Z"),
    (
        "2026-11-23T07:40:00.123456789012345678901234567890Z",
        "2026-11-23T07:40:00Z",
    ),
    ("9999-12-31T23:59:59.999Z", "9999-12-31T23:59:59Z"),
    ("9999-12-31T23:59:60.999-23:59", "10000-01-01T23:58:59Z"),
];

#[test]
fn invalid_dates_name_the_field_in_every_timestamp_position() {
    let mut cases = Vec::new();
    for &(bad, reason) in BAD_TIMESTAMPS {
        let name = |field: &str| format!("{field} = {bad:?}");
        cases.push(case(
            name("native started_at"),
            Kindof::List,
            NATIVE,
            set(native_list(), "/incidents/0/started_at", json!(bad)),
            Expect::Field("incidents[0].started_at", reason),
        ));
        cases.push(case(
            name("native updated_at"),
            Kindof::List,
            NATIVE,
            set(native_list(), "/incidents/0/updated_at", json!(bad)),
            Expect::Field("incidents[0].updated_at", reason),
        ));
        cases.push(case(
            name("native resolved_at"),
            Kindof::List,
            NATIVE,
            set(native_list(), "/incidents/0/resolved_at", json!(bad)),
            Expect::Field("incidents[0].resolved_at", reason),
        ));
        cases.push(case(
            name("native scheduled_end"),
            Kindof::List,
            NATIVE,
            set(native_list(), "/incidents/1/scheduled_end", json!(bad)),
            Expect::Field("incidents[1].scheduled_end", reason),
        ));
        cases.push(case(
            name("native update at"),
            Kindof::Detail,
            NATIVE,
            set(native_detail(), "/updates/1/at", json!(bad)),
            Expect::Field("updates[1].at", reason),
        ));
        cases.push(case(
            name("archive started_at"),
            Kindof::Archive,
            AUTO,
            set(native_archive(), "/incidents/0/started_at", json!(bad)),
            Expect::Field("incidents[0].started_at", reason),
        ));
        cases.push(case(
            name("GitLab created_at"),
            Kindof::List,
            GITLAB,
            set(gitlab_list(), "/incidents/1/created_at", json!(bad)),
            Expect::Field("incidents[1].created_at", reason),
        ));
        cases.push(case(
            name("GitLab comment created_at"),
            Kindof::Detail,
            GITLAB,
            set(gitlab_detail(), "/comments/1/created_at", json!(bad)),
            Expect::Field("comments[1].created_at", reason),
        ));
    }
    // A 100,000-character timestamp is refused, and the message quotes only its start.
    let huge = format!("2026-11-23T07:40:00.{}Zjunk", "9".repeat(100_000));
    cases.push(case(
        "huge timestamp",
        Kindof::List,
        NATIVE,
        set(native_list(), "/incidents/0/started_at", json!(huge)),
        Expect::Field("incidents[0].started_at", "time zone"),
    ));
    run(cases);
}

#[test]
fn extreme_but_valid_dates_parse_and_sort() {
    let mut cases = Vec::new();
    for &(good, utc) in GOOD_TIMESTAMPS {
        let list = set(
            set(native_list(), "/incidents/0/started_at", json!(good)),
            "/incidents/0/updated_at",
            json!(good),
        );
        cases.push(case(
            format!("native {good:?}"),
            Kindof::List,
            NATIVE,
            list,
            ok(move |p| {
                let incident = p.incidents().iter().find(|i| i.id == "api-errors").unwrap();
                assert_eq!(incident.started_at.to_rfc3339(), utc);
                let incidents = p.incidents();
                assert!(incidents
                    .windows(2)
                    .all(|w| w[0].started_at >= w[1].started_at));
            }),
        ));
        let gitlab = set(
            set(gitlab_detail(), "/created_at", json!(good)),
            "/comments/0/created_at",
            json!(good),
        );
        cases.push(case(
            format!("GitLab {good:?}"),
            Kindof::Detail,
            GITLAB,
            gitlab,
            ok(move |p| {
                assert_eq!(p.detail().incident.started_at.to_rfc3339(), utc);
            }),
        ));
    }
    // The earliest instant the format can write lies before year 0 in UTC.
    let earliest = set(
        set(
            native_list(),
            "/incidents/0/started_at",
            json!("0000-01-01T00:00:00+23:59"),
        ),
        "/incidents/0/updated_at",
        json!("9999-12-31T23:59:60.999-23:59"),
    );
    cases.push(case(
        "native earliest and latest",
        Kindof::List,
        NATIVE,
        earliest,
        ok(|p| {
            let incidents = p.incidents();
            let first = incidents.iter().find(|i| i.id == "api-errors").unwrap();
            let year_zero = ts("0000-01-01T00:00:00Z").millis();
            assert_eq!(
                first.started_at.millis(),
                year_zero - (23 * 60 + 59) * 60_000
            );
            assert_eq!(
                incidents.last().unwrap().id,
                "api-errors",
                "the oldest sorts last"
            );
        }),
    ));
    run(cases);
}

#[test]
fn updated_or_resolved_before_started_is_accepted_and_lasts_no_time() {
    let native = set(
        set(
            native_list(),
            "/incidents/0/updated_at",
            json!("2026-11-23T06:00:00Z"),
        ),
        "/incidents/0/resolved_at",
        json!("0001-01-01T00:00:00Z"),
    );
    let native = set(native, "/incidents/0/status", json!("resolved"));
    let gitlab = set(
        gitlab_list(),
        "/incidents/1/updated_at",
        json!("2026-11-19T09:00:00.000Z"),
    );
    let check = |p: &Parsed| {
        for incident in p.incidents() {
            if let Some(end) = incident.resolved_at {
                let lasted = duration_parts(incident.started_at, end);
                assert_no_negative(lasted);
                if end < incident.started_at {
                    assert_eq!(lasted, DurationParts::default(), "lasted no time");
                }
            }
            let _ = relative_parts(incident.updated_at, incident.started_at);
        }
        assert!(p
            .incidents()
            .iter()
            .any(|i| i.resolved_at.is_some_and(|end| end < i.started_at)));
    };
    run(vec![
        case("native", Kindof::List, NATIVE, native, ok(check)),
        case(
            "GitLab closed incident",
            Kindof::List,
            GITLAB,
            gitlab,
            ok(check),
        ),
    ]);
}

#[test]
fn timestamp_parser_never_panics_on_hostile_strings() {
    for &(bad, reason) in BAD_TIMESTAMPS {
        let error = Timestamp::parse(bad).expect_err(bad);
        let message = error.to_string();
        assert!(message.contains(reason), "{bad:?}: {message}");
        assert!(
            message.chars().count() < 200,
            "message stays short: {message}"
        );
    }
    for &(good, utc) in GOOD_TIMESTAMPS {
        assert_eq!(Timestamp::parse(good).unwrap().to_rfc3339(), utc, "{good}");
    }
    // Every prefix and every single-byte corruption of a valid timestamp.
    let valid = "2026-11-23T07:40:00.250+01:00";
    for end in 0..valid.len() {
        assert!(
            Timestamp::parse(&valid[..end]).is_err(),
            "{:?}",
            &valid[..end]
        );
    }
    for at in 0..valid.len() {
        for replacement in ["0", "9", ":", "-", "T", "Z", "+", ".", " ", "é", "\u{0}"] {
            let mut text = valid.to_string();
            text.replace_range(at..at + 1, replacement);
            let _ = Timestamp::parse(&text);
        }
    }
}

fn assert_no_negative(parts: DurationParts) {
    assert!(
        parts.days >= 0 && parts.hours >= 0 && parts.minutes >= 0,
        "negative duration {parts:?}"
    );
    assert!(parts.hours < 24 && parts.minutes < 60, "{parts:?}");
}

fn assert_sane(t: DateTime) {
    assert!((1..=12).contains(&t.date.month), "{t:?}");
    assert!((1..=31).contains(&t.date.day), "{t:?}");
    assert!(t.hour < 24 && t.minute < 60 && t.second < 60, "{t:?}");
}

/// Every pure time function the page uses to show an instant: the wall-clock fields at a
/// zone, the machine-readable form, a day's noon (for day headings), "how long ago" and "how
/// long it lasted".
fn exercise_time(a: Timestamp, b: Timestamp, zones: &[Zone]) {
    for &zone in zones {
        let t = a.in_zone(zone);
        assert_sane(t);
        assert!(!t.date.iso().is_empty());
        let noon = t.date.noon_utc();
        assert_eq!(
            noon.in_zone(Zone::UTC).date,
            t.date,
            "noon_utc stays on its day"
        );
    }
    assert!(a.to_rfc3339().ends_with('Z'));
    let (amount, unit) = relative_parts(a, b);
    match a.cmp(&b) {
        std::cmp::Ordering::Less => assert!(amount <= 0, "past reads as past: {amount} {unit:?}"),
        std::cmp::Ordering::Greater => assert!(amount >= 0, "future reads as future"),
        std::cmp::Ordering::Equal => assert_eq!((amount, unit), (0, RelativeUnit::Second)),
    }
    let lasted = duration_parts(a, b);
    assert_no_negative(lasted);
    if b <= a {
        assert_eq!(
            lasted,
            DurationParts::default(),
            "a negative span lasts no time"
        );
    }
}

/// Instants a feed can hold (years 0000 to 9999 at any offset), seen at any zone offset, with
/// "now" anywhere in the same range.
#[test]
fn time_functions_cope_with_the_extremes_of_the_feed_format() {
    let instants = [
        ts("0000-01-01T00:00:00+23:59"),
        ts("0001-01-01T00:00:00Z"),
        ts("1970-01-01T00:00:00Z"),
        ts("2026-11-23T09:00:00Z"),
        ts("9999-12-31T23:59:59.999Z"),
        ts("9999-12-31T23:59:60.999-23:59"),
    ];
    let zones = [
        Zone::UTC,
        Zone::fixed(14 * 60),
        Zone::fixed(-12 * 60),
        Zone::fixed(23 * 60 + 59),
        Zone::fixed(-(23 * 60 + 59)),
        Zone::fixed(i32::MAX),
        Zone::fixed(i32::MIN),
    ];
    for &a in &instants {
        for &b in &instants {
            exercise_time(a, b, &zones);
        }
    }
    assert_eq!(
        ts("0001-01-01T00:00:00Z").to_rfc3339(),
        "0001-01-01T00:00:00Z"
    );
    assert_eq!(
        duration_parts(instants[0], instants[5]),
        DurationParts {
            days: 3_652_426,
            hours: 23,
            minutes: 0
        }
    );
    assert_eq!(
        relative_parts(instants[0], instants[5]),
        (-3_652_426, RelativeUnit::Day)
    );
}

/// The browser's clock (`Date.now()`) covers ±8.64e15 ms; the page passes its "now" in.
#[test]
fn time_functions_cope_with_every_instant_a_browser_clock_can_report() {
    const JS_DATE_LIMIT: i64 = 8_640_000_000_000_000;
    let instants = [-JS_DATE_LIMIT, -1, 0, 1, JS_DATE_LIMIT].map(Timestamp::from_millis);
    let zones = [Zone::UTC, Zone::fixed(24 * 60), Zone::fixed(-24 * 60)];
    for &a in &instants {
        for &b in &instants {
            exercise_time(a, b, &zones);
        }
    }
    for offset in [
        "",
        "GMT",
        "UTC",
        "GMT+",
        "GMT-",
        "GMT+99:99",
        "GMT+05:60",
        "GMT+-5",
        "GMT\u{2212}03:30",
        "GMT+１",
        "GMT+9999999999999999999",
        "GMT+05:",
        "GMT+:30",
        "\u{0}",
        "GMT+05:30:00",
        "ＧＭＴ+1",
    ] {
        if let Some(minutes) = parse_gmt_offset(offset) {
            assert!(minutes.abs() <= 18 * 60 + 59, "{offset:?} gave {minutes}");
        }
    }
}

/// `Timestamp` holds any i64; the time functions must not panic (or, in release builds, wrap
/// around) for any of them.
#[test]
fn time_functions_never_panic_on_any_i64_instant() {
    let instants =
        [i64::MIN, i64::MIN + 1, -1, 0, i64::MAX - 1, i64::MAX].map(Timestamp::from_millis);
    let mut failures = Vec::new();
    for &a in &instants {
        for &b in &instants {
            for zone in [Zone::UTC, Zone::fixed(60), Zone::fixed(-60)] {
                if let Err(p) = catch_unwind(|| exercise_time(a, b, &[zone])) {
                    failures.push(format!(
                        "({}, {}, {zone:?}): {}",
                        a.millis(),
                        b.millis(),
                        panic_text(p)
                    ));
                }
            }
        }
    }
    failures.dedup();
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

// ------------------------------------------------------------------ nesting and size

fn nested(open: &str, close: &str, depth: usize) -> String {
    let mut text = String::with_capacity((open.len() + close.len()) * depth);
    for _ in 0..depth {
        text.push_str(open);
    }
    for _ in 0..depth {
        text.push_str(close);
    }
    text
}

#[test]
fn deeply_nested_input_is_an_error_not_a_stack_overflow() {
    const DEPTH: usize = 100_000;
    let brackets = "[".repeat(DEPTH);
    let closed = nested("[", "]", DEPTH);
    let objects = nested("{\"a\":", "}", DEPTH).replace("\"a\":}", "\"a\":0}");
    let unclosed_objects = "{\"a\":".repeat(DEPTH);
    let mut cases = Vec::new();
    // No parser recurses into nesting it does not expect: each stops at the first level that
    // has the wrong type (or, skipping unknown fields, at the end of the file).
    for (kind, choices) in [
        (Kindof::List, ALL),
        (Kindof::Detail, ALL),
        (Kindof::Archive, AUTO),
    ] {
        for (name, doc) in [
            ("100,000 '['", &brackets),
            ("100,000 '[' closed", &closed),
            ("100,000 objects", &objects),
            ("100,000 unclosed objects", &unclosed_objects),
        ] {
            cases.push(case(name, kind, choices, doc.clone(), Expect::AnyError));
        }
    }
    // Nesting in a field the parser reads stops at the field, and the error names it.
    for (name, doc, kind, path) in [
        (
            "incidents",
            format!("{{\"sitrep\":1,\"incidents\":[{closed}]}}"),
            Kindof::List,
            "incidents[0]",
        ),
        (
            "title",
            format!("{{\"sitrep\":1,\"incidents\":[{{\"title\":{closed}}}]}}"),
            Kindof::List,
            "incidents[0].title",
        ),
        (
            "components",
            format!("{{\"sitrep\":1,\"incidents\":[],\"components\":[{objects}]}}"),
            Kindof::List,
            "components[0]",
        ),
        (
            "updates",
            format!("{{\"sitrep\":1,\"id\":\"a\",\"updates\":[{closed}]}}"),
            Kindof::Detail,
            "updates[0]",
        ),
    ] {
        cases.push(case(
            format!("native {name} nested 100,000 deep"),
            kind,
            SITREP_ONLY,
            doc,
            Expect::FieldUnder(path),
        ));
    }
    cases.push(case(
        "GitLab comments nested 100,000 deep",
        Kindof::Detail,
        GITLAB,
        format!("{{\"id\":1,\"comments\":[{closed}]}}"),
        Expect::FieldUnder("comments[0]"),
    ));
    cases.push(case(
        "GitLab incidents nested 100,000 deep",
        Kindof::List,
        GITLAB,
        format!("{{\"incidents\":[{objects}]}}"),
        Expect::FieldUnder("incidents[0]"),
    ));
    cases.push(case(
        "Crashbot rows nested 100,000 deep",
        Kindof::List,
        CRASHBOT,
        format!("{{\"open\":[{closed}],\"closed\":[]}}"),
        Expect::FieldUnder("open[0]"),
    ));
    cases.push(case(
        "Crashbot description nested 100,000 deep",
        Kindof::List,
        CRASHBOT,
        format!("{{\"closed\":[],\"open\":[{{\"description\":{objects}}}]}}"),
        Expect::FieldUnder("open[0].description"),
    ));
    cases.push(case(
        "Statuspage updates nested 100,000 deep",
        Kindof::List,
        STATUSPAGE,
        format!("{{\"page\":{{}},\"incidents\":[{{\"incident_updates\":[{closed}]}}]}}"),
        Expect::FieldUnder("incidents[0].incident_updates[0]"),
    ));
    cases.push(case(
        "deep page object in a Statuspage file",
        Kindof::List,
        STATUSPAGE,
        format!("{{\"page\":{{\"extra\":{closed}}},\"incidents\":[]}}"),
        ok(|p| assert!(p.list().incidents.is_empty())),
    ));
    // Unknown fields are skipped without recursing, however deep: the file is fine.
    let ignored_list =
        format!("{{\"sitrep\":1,\"incidents\":[],\"extra\":{closed},\"more\":{objects}}}");
    cases.push(case(
        "deep unknown fields in a native list",
        Kindof::List,
        NATIVE,
        ignored_list,
        ok(|p| assert!(p.list().incidents.is_empty())),
    ));
    let ignored_gitlab = format!("{{\"incidents\":[],\"extra\":{closed}}}");
    cases.push(case(
        "deep unknown fields in a GitLab list",
        Kindof::List,
        GITLAB,
        ignored_gitlab,
        ok(|p| assert!(p.list().incidents.is_empty())),
    ));
    // ... unless they never end.
    let unclosed_ignored = format!("{{\"sitrep\":1,\"incidents\":[],\"extra\":{brackets}");
    cases.push(case(
        "unclosed deep unknown field",
        Kindof::List,
        NATIVE,
        unclosed_ignored,
        Expect::Truncated,
    ));
    // Where a value of any shape is read (to quote it in a message), the depth limit applies.
    let quoted = format!(
        "{{\"sitrep\":1,\"incidents\":[{{\"id\":\"a\",\"title\":\"t\",\"status\":{closed}}}]}}"
    );
    cases.push(case(
        "deep value where an enum belongs",
        Kindof::List,
        SITREP_ONLY,
        quoted,
        Expect::Field("incidents[0].status", "wrong type"),
    ));
    run(cases);

    // The same for config.json.
    for doc in [
        brackets.as_str(),
        closed.as_str(),
        objects.as_str(),
        &format!("{{\"title\":{closed}}}"),
        &format!("{{\"x\":{closed}}}"),
    ] {
        match catch_unwind(|| Config::parse(doc.as_bytes())) {
            Ok(Err(error)) => assert!(error.to_string().starts_with(CONFIG_PATH), "{error}"),
            Ok(Ok(config)) => panic!("{:.40}: parsed as {config:?}", doc),
            Err(p) => panic!("{:.40}: panicked: {}", doc, panic_text(p)),
        }
    }
}

/// A valid file padded with whitespace to `size` bytes, so only its size is wrong.
fn padded(valid: &Value, size: usize) -> Vec<u8> {
    let mut bytes = valid.to_string().into_bytes();
    assert!(bytes.len() <= size);
    bytes.resize(size, b' ');
    bytes
}

#[test]
fn files_over_the_size_limit_are_refused() {
    const FIFTY_MB: usize = 50 * 1024 * 1024;
    assert_eq!(MAX_FILE_BYTES, 5 * 1024 * 1024);
    let mut cases = Vec::new();
    for (kind, choices, valid) in [
        (Kindof::List, NATIVE, native_list()),
        (Kindof::List, GITLAB, gitlab_list()),
        (Kindof::Detail, NATIVE, native_detail()),
        (Kindof::Detail, GITLAB, gitlab_detail()),
        (Kindof::Archive, AUTO, native_archive()),
        (Kindof::List, CRASHBOT, crashbot_list()),
        (Kindof::List, STATUSPAGE, statuspage_summary()),
    ] {
        cases.push(case(
            format!("{kind:?}: 50 MB"),
            kind,
            choices,
            padded(&valid, FIFTY_MB),
            Expect::TooLarge(FIFTY_MB),
        ));
        cases.push(case(
            format!("{kind:?}: one byte over"),
            kind,
            choices,
            padded(&valid, MAX_FILE_BYTES + 1),
            Expect::TooLarge(MAX_FILE_BYTES + 1),
        ));
        cases.push(case(
            format!("{kind:?}: exactly the limit"),
            kind,
            choices,
            padded(&valid, MAX_FILE_BYTES),
            ok(|_| {}),
        ));
    }
    // Refused before parsing: invalid JSON over the limit is still "too large".
    let mut garbage = vec![b'['; FIFTY_MB];
    garbage[0] = b'<';
    cases.push(case(
        "50 MB of garbage",
        Kindof::List,
        ALL,
        garbage,
        Expect::TooLarge(FIFTY_MB),
    ));
    run(cases);
}

// ------------------------------------------------------------------ config.json

fn config_field(text: &str) -> (String, String) {
    match Config::parse(text.as_bytes()) {
        Err(FeedError::Field {
            file,
            field,
            detail,
        }) => {
            assert_eq!(file, CONFIG_PATH, "{text}");
            (field, detail.to_string())
        }
        other => panic!("{text}: expected a field error, got {other:?}"),
    }
}

#[test]
fn config_with_hostile_values() {
    let field_errors: &[(&str, &str, &str)] = &[
        (r#"{"title": null}"#, "title", "invalid type: null"),
        (r#"{"title": 5}"#, "title", "invalid type"),
        (r#"{"title": ["a"]}"#, "title", "invalid type"),
        (
            r#"{"title": "a", "title": "b"}"#,
            "title",
            "duplicate field `title`",
        ),
        (
            r#"{"<img src=x onerror=alert(1)>": 1}"#,
            "<img src=x onerror=alert(1)>",
            "unknown field `<img src=x onerror=alert(1)>`",
        ),
        (r#"{"Title": "x"}"#, "Title", "unknown field `Title`"),
        (r#"{"title\u0000": "x"}"#, "title\0", "unknown field"),
        (
            r#"{"poll_interval_seconds": 0}"#,
            "poll_interval_seconds",
            "at least 5",
        ),
        (
            r#"{"poll_interval_seconds": 4}"#,
            "poll_interval_seconds",
            "at least 5",
        ),
        (
            r#"{"poll_interval_seconds": -1}"#,
            "poll_interval_seconds",
            "invalid value",
        ),
        (
            r#"{"poll_interval_seconds": 4294967296}"#,
            "poll_interval_seconds",
            "invalid value",
        ),
        (
            r#"{"poll_interval_seconds": 60.5}"#,
            "poll_interval_seconds",
            "invalid type",
        ),
        (
            r#"{"poll_interval_seconds": "60"}"#,
            "poll_interval_seconds",
            "invalid type",
        ),
        (
            r#"{"poll_interval_seconds": null}"#,
            "poll_interval_seconds",
            "invalid type: null",
        ),
        (
            r#"{"format": "GITLAB"}"#,
            "format",
            "unknown variant `GITLAB`",
        ),
        (r#"{"format": ""}"#, "format", "unknown variant"),
        (r#"{"format": null}"#, "format", "wrong type (null)"),
        (r#"{"format": 1}"#, "format", "wrong type (1)"),
        (r#"{"data_url": ""}"#, "data_url", "must not be empty"),
        (
            r#"{"data_url": " \t\n\r "}"#,
            "data_url",
            "must not be empty",
        ),
        (r#"{"data_url": null}"#, "data_url", "invalid type: null"),
        (r#"{"logo_url": 5}"#, "logo_url", "invalid type"),
        (
            r#"{"contact_url": {"href": "x"}}"#,
            "contact_url",
            "invalid type",
        ),
        (r#"{"feed_url": true}"#, "feed_url", "invalid type"),
    ];
    let mut failures = Vec::new();
    for &(text, want_field, want_detail) in field_errors {
        match catch_unwind(|| config_field(text)) {
            Ok((field, detail)) if field == want_field && detail.contains(want_detail) => {}
            Ok((field, detail)) => {
                failures.push(format!("{text}: field {field:?}, detail {detail:?}"))
            }
            Err(p) => failures.push(panic_text(p)),
        }
    }

    type IsExpected = fn(&FeedError) -> bool;
    let other_errors: &[(&str, IsExpected)] = &[
        ("", |e| matches!(e, FeedError::Truncated { .. })),
        (r#"{"title": "Sta"#, |e| {
            matches!(e, FeedError::Truncated { .. })
        }),
        ("<html><body>Not Found</body></html>", |e| {
            matches!(e, FeedError::HtmlInsteadOfJson { .. })
        }),
        ("\u{feff}{}", |e| matches!(e, FeedError::Syntax { .. })),
        (r#"{"title": "a",}"#, |e| {
            matches!(e, FeedError::Syntax { .. })
        }),
        (r#"{"poll_interval_seconds": 1e400}"#, |e| {
            matches!(e, FeedError::Syntax { .. } | FeedError::Field { .. })
        }),
        (r#"{} {}"#, |e| matches!(e, FeedError::TrailingData { .. })),
    ];
    for &(text, is_expected) in other_errors {
        match catch_unwind(|| Config::parse(text.as_bytes())) {
            Ok(Err(error)) if is_expected(&error) => {}
            Ok(other) => failures.push(format!("{text:?}: unexpected {other:?}")),
            Err(p) => failures.push(format!("{text:?}: panicked: {}", panic_text(p))),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn config_keeps_hostile_text_as_given_and_urls_go_through_the_policy() {
    let long_title = "T".repeat(100_000);
    for title in UNICODE_SAMPLES.iter().map(|s| s.to_string()).chain([
        long_title,
        "<script>window.__pwned=1</script>".to_string(),
        "\u{0}".to_string(),
    ]) {
        let config = Config::parse(json!({ "title": title }).to_string().as_bytes()).unwrap();
        assert_eq!(config.title, title);
    }

    let hostile_urls = [
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "\u{0}javascript:alert(1)",
        "\u{1}\u{2} javascript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+",
        "file:///etc/passwd",
        "blob:https://status.example.com/1",
        "filesystem:https://x/y",
        "jar:https://x!/y",
        "view-source:https://x",
        "ftp://example.com/",
        "ws://example.com/",
        "intent://x#Intent;end",
        "&#106;avascript:alert(1)",
        "%6Aavascript:alert(1)",
        "\\\\evil.example\\x",
        "/\\evil.example/x",
        "//evil.example/x",
        "\"><img src=x onerror=alert(1)>",
        "#\"><script>alert(1)</script>",
        "mailto:a@b.example?subject=<script>",
        "https://ok.example/\u{202E}gnp.exe",
        &"x".repeat(100_000),
    ];
    let mut failures = Vec::new();
    for url in hostile_urls {
        let text = json!({
            "logo_url": url, "contact_url": url, "feed_url": url, "data_url": url,
        })
        .to_string();
        let config = match Config::parse(text.as_bytes()) {
            Ok(config) => config,
            Err(e) => {
                failures.push(format!("{url:?}: config refused: {e}"));
                continue;
            }
        };
        assert_eq!(
            config.logo_url.as_deref(),
            Some(url),
            "URLs are kept as given"
        );
        assert!(config.poll_interval_seconds >= MIN_POLL_SECONDS);
        let root = config.data_root();
        for candidate in [
            config.logo_url.clone(),
            config.contact_url.clone(),
            config.feed_url.clone(),
            Some(root),
        ]
        .into_iter()
        .flatten()
        {
            match catch_unwind(|| resolve_url(PAGE, &candidate)) {
                Err(p) => failures.push(format!(
                    "resolve_url({candidate:?}) panicked: {}",
                    panic_text(p)
                )),
                Ok(Some(resolved)) if !is_policy_url(&resolved) => {
                    failures.push(format!("{candidate:?} resolved to {resolved:?}"))
                }
                Ok(_) => {}
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `https:evil.example` has a scheme but no `//`: a browser resolves it against the page (same
/// scheme) or as `https://evil.example` (other scheme), so the policy must not hand it on as is.
#[test]
fn urls_with_a_scheme_but_no_authority_are_not_handed_on_as_is() {
    let mut failures = Vec::new();
    for url in [
        "https:evil.example",
        "http:evil.example/x",
        "HTTPS:/evil.example",
        "http:\\\\evil.example",
        "https:/\\evil.example/x",
        "http:?q",
        "https:#x",
    ] {
        for base in [PAGE, BASE, "http://127.0.0.1:8080/"] {
            if let Some(resolved) = resolve_url(base, url) {
                if !is_policy_url(&resolved) {
                    failures.push(format!("resolve_url({base:?}, {url:?}) = {resolved:?}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// What may reach an `href` or `src`: absolute http(s) with an authority, mailto:, or #.
fn is_policy_url(url: &str) -> bool {
    (url.starts_with("http://")
        || url.starts_with("https://")
        || url.starts_with("mailto:")
        || url.starts_with('#'))
        && !url.chars().any(char::is_control)
}

// ------------------------------------------------------------------ pathological markdown

/// Inputs known to make markdown parsers slow or deeply recursive, each about 100 KB:
/// rendering finishes, and every URL that survives is one the policy allows.
#[test]
fn pathological_markdown_renders_without_hanging() {
    use sitrep::content::markdown::render_markdown;
    const N: usize = 25_000;
    let inputs: Vec<(&str, String)> = vec![
        ("nested brackets", "[".repeat(N)),
        ("nested links", "[a](".repeat(N)),
        ("nested images", "![".repeat(N)),
        ("emphasis runs", "*a".repeat(N)),
        ("mixed emphasis", "*_".repeat(N)),
        ("strikethrough runs", "~~a".repeat(N)),
        (
            "backtick runs",
            (1..200).map(|n| "`".repeat(n) + "a").collect(),
        ),
        ("nested block quotes", ">".repeat(N)),
        (
            "nested lists",
            (0..2_000)
                .map(|d| format!("{}- a\n", "  ".repeat(d)))
                .collect(),
        ),
        (
            "table with many columns",
            format!("{}\n{}\n", "|a".repeat(N / 2), "|-".repeat(N / 2)),
        ),
        (
            "footnote references",
            (0..N / 4).map(|i| format!("[^{i}]")).collect(),
        ),
        (
            "link reference definitions",
            (0..N / 8)
                .map(|i| format!("[r{i}]: javascript:alert({i})\n[x][r{i}]\n"))
                .collect(),
        ),
        ("autolink candidates", "www.a.b/".repeat(N / 2)),
        ("e-mail candidates", "a@b.c ".repeat(N / 2)),
        ("entities", "&#106;".repeat(N)),
        ("raw HTML", "<a href=\"javascript:x\">".repeat(N / 4)),
        (
            "unclosed code fence",
            format!("```\n{}", "<script>\n".repeat(N / 4)),
        ),
    ];
    let mut failures = Vec::new();
    for (name, source) in inputs {
        let started = std::time::Instant::now();
        let html = match catch_unwind(|| render_markdown(&source, BASE)) {
            Ok(html) => html,
            Err(p) => {
                failures.push(format!("{name}: panicked: {}", panic_text(p)));
                continue;
            }
        };
        let took = started.elapsed();
        // Generous: debug builds on a busy machine. A quadratic blow-up takes minutes.
        if took > std::time::Duration::from_secs(20) {
            failures.push(format!("{name}: took {took:?}"));
        }
        // Raw HTML is text: quotes may stay, but no `<` opens a tag.
        let lower = html.to_ascii_lowercase();
        for bad in ["<script", "<a href=\"javascript", "<img src=\"javascript"] {
            if lower.contains(bad) {
                failures.push(format!("{name}: {bad} in the output"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
