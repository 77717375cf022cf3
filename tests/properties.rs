//! Property tests: for arbitrary input the parsers never panic, and the HTML and URLs that
//! sitrep produces from feed text can never run script.
//!
//! Case counts are modest so the suite takes seconds; `PROPTEST_CASES=5000 cargo test --test
//! properties` runs more. Failures are shrunk and printed, not written to disk: add a
//! shrunk counterexample to the regression tests at the end of this file.

// proptest is a native-only dev-dependency: these tests do not build for wasm32.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::PathBuf;

use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;
use serde_json::{json, Map, Value};
use sitrep::config::Config;
use sitrep::content::markdown::render_markdown;
use sitrep::content::url::absolute_url;
use sitrep::content::url::resolve_url;
use sitrep::feed::model::{Format, Incident, IncidentDetail, IncidentList, Kind, Markup};
use sitrep::feed::{
    detail_in_list, is_valid_id, parse_archive, parse_detail, parse_list, parse_statuspage,
    FormatChoice, LIST_PATH,
};

#[path = "../fuzz/src/markup_check.rs"]
mod markup_check;

use markup_check::{check_rendered_html, check_resolved_url, check_url_scheme};

const BASE: &str = "https://status.example.com/feed/";
const CHOICES: [FormatChoice; 5] = [
    FormatChoice::Auto,
    FormatChoice::Sitrep,
    FormatChoice::Gitlab,
    FormatChoice::Crashbot,
    FormatChoice::Statuspage,
];

fn config(default_cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default_cases);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ------------------------------------------------------------------ strategies

const FIELD_NAMES: &[&str] = &[
    "sitrep",
    "generated_at",
    "components",
    "incidents",
    "archive",
    "id",
    "kind",
    "title",
    "status",
    "state",
    "impact",
    "started_at",
    "updated_at",
    "resolved_at",
    "scheduled_start",
    "scheduled_end",
    "latest_update",
    "url",
    "description",
    "updates",
    "at",
    "body",
    "name",
    "group",
    "count",
    "comments",
    "note",
    "created_at",
    "links",
    "details",
];

const WORDS: &[&str] = &[
    "investigating",
    "identified",
    "monitoring",
    "resolved",
    "scheduled",
    "in_progress",
    "completed",
    "opened",
    "closed",
    "incident",
    "maintenance",
    "none",
    "minor",
    "major",
    "critical",
    "on_fire",
    "RESOLVED",
    "",
    "a",
    "api",
    "u1",
    "u2",
    "7",
    "..",
    "a/b",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "data/incident/a.json",
];

fn timestamp() -> BoxedStrategy<String> {
    let zone = prop_oneof![
        4 => Just("Z".to_string()),
        1 => Just("z".to_string()),
        4 => (any::<bool>(), 0..24u32, 0..60u32)
            .prop_map(|(minus, h, m)| format!("{}{h:02}:{m:02}", if minus { '-' } else { '+' })),
    ];
    let odd_zone = prop_oneof![
        (any::<bool>(), 0..100u32, 0..100u32)
            .prop_map(|(minus, h, m)| format!("{}{h:02}:{m:02}", if minus { '-' } else { '+' })),
        Just(String::new()),
        Just("+0100".to_string()),
    ];
    let fraction = prop::option::of("[0-9]{1,12}")
        .prop_map(|f| f.map(|f| format!(".{f}")).unwrap_or_default());
    prop_oneof![
        // Valid, anywhere in the years the format can write.
        30 => (0..10_000u32, 1..13u32, 1..29u32, 0..24u32, 0..60u32, 0..61u32, fraction.clone(), zone)
            .prop_map(|(y, mo, d, h, mi, s, frac, zone)| format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{frac}{zone}")),
        // Every field possibly out of range.
        2 => (0..10_000u32, 0..100u32, 0..100u32, 0..100u32, 0..100u32, 0..100u32, fraction, odd_zone)
            .prop_map(|(y, mo, d, h, mi, s, frac, zone)| format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{frac}{zone}")),
        1 => prop::sample::select(vec![
            "2026-11-23T07:40:00Z", "0000-01-01T00:00:00+23:59", "9999-12-31T23:59:60.999-23:59",
            "2026-02-30T00:00:00Z", "2026-11-23", "", "2026-11-23T07:40:00.Z",
        ]).prop_map(str::to_string),
        1 => any::<String>(),
    ]
    .boxed()
}

fn text() -> BoxedStrategy<String> {
    prop_oneof![
        2 => prop::sample::select(WORDS).prop_map(str::to_string),
        1 => any::<String>(),
        1 => "[a-z0-9._-]{1,12}",
    ]
    .boxed()
}

/// Any JSON value, nested a few levels, with the feeds' field names as object keys.
fn any_json() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        (0..3u32).prop_map(|n| json!(n)),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        text().prop_map(Value::String),
        timestamp().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(FIELD_NAMES), inner), 0..6).prop_map(
                |fields| Value::Object(
                    fields
                        .into_iter()
                        .map(|(k, v)| (k.to_string(), v))
                        .collect()
                )
            ),
        ]
    })
    .boxed()
}

/// A field that is nearly always plausible, now and then any JSON value or missing: most
/// documents then parse (or fail late), which exercises the code after deserialisation.
fn field(
    name: &'static str,
    plausible: BoxedStrategy<Value>,
) -> BoxedStrategy<Option<(String, Value)>> {
    prop_oneof![
        60 => plausible.prop_map(move |v| Some((name.to_string(), v))),
        1 => any_json().prop_map(move |v| Some((name.to_string(), v))),
        1 => Just(None),
    ]
    .boxed()
}

/// An optional field: present (plausible) or absent, rarely anything.
fn optional(
    name: &'static str,
    plausible: BoxedStrategy<Value>,
) -> BoxedStrategy<Option<(String, Value)>> {
    prop_oneof![
        30 => plausible.prop_map(move |v| Some((name.to_string(), v))),
        30 => Just(None),
        1 => any_json().prop_map(move |v| Some((name.to_string(), v))),
    ]
    .boxed()
}

fn object(fields: Vec<BoxedStrategy<Option<(String, Value)>>>) -> BoxedStrategy<Value> {
    fields
        .prop_map(|fields| {
            Value::Object(fields.into_iter().flatten().collect::<Map<String, Value>>())
        })
        .boxed()
}

fn string_of(strategy: BoxedStrategy<String>) -> BoxedStrategy<Value> {
    strategy.prop_map(Value::String).boxed()
}

/// One of the valid words, or now and then a wrong one.
fn words(words: &'static [&'static str]) -> BoxedStrategy<Value> {
    prop_oneof![
        30 => prop::sample::select(words).prop_map(|w| json!(w)),
        1 => prop::sample::select(WORDS).prop_map(|w| json!(w)),
    ]
    .boxed()
}

fn id() -> BoxedStrategy<Value> {
    prop_oneof![20 => "[a-z0-9][a-z0-9._-]{0,9}", 1 => text()]
        .prop_map(Value::String)
        .boxed()
}

fn markdown_value() -> BoxedStrategy<Value> {
    markdown().prop_map(Value::String).boxed()
}

fn native_update(statuses: &'static [&'static str]) -> BoxedStrategy<Value> {
    object(vec![
        field("id", id()),
        field("status", words(statuses)),
        field("at", string_of(timestamp())),
        field("body", markdown_value()),
    ])
}

const INCIDENT_STATUSES: &[&str] = &["investigating", "identified", "monitoring", "resolved"];
const MAINTENANCE_STATUSES: &[&str] = &["scheduled", "in_progress", "completed"];

fn native_incident(detail: bool) -> BoxedStrategy<Value> {
    let shape = prop_oneof![
        6 => Just((None, INCIDENT_STATUSES)),
        2 => Just((Some("incident"), INCIDENT_STATUSES)),
        3 => Just((Some("maintenance"), MAINTENANCE_STATUSES)),
        1 => Just((Some("maintenance"), INCIDENT_STATUSES)),
    ];
    shape
        .prop_flat_map(move |(kind, statuses)| {
            let mut fields = vec![
                field("id", id()),
                match kind {
                    Some(kind) => field("kind", Just(json!(kind)).boxed()),
                    None => Just(None).boxed(),
                },
                field("title", string_of(text())),
                field("status", words(statuses)),
                optional("impact", words(&["none", "minor", "major", "critical"])),
                optional(
                    "components",
                    prop::collection::vec(string_of(text()), 0..3)
                        .prop_map(Value::Array)
                        .boxed(),
                ),
                if kind == Some("maintenance") {
                    optional("started_at", string_of(timestamp()))
                } else {
                    field("started_at", string_of(timestamp()))
                },
                field("updated_at", string_of(timestamp())),
                optional("resolved_at", string_of(timestamp())),
                optional("latest_update", string_of(text())),
                optional("url", string_of(text())),
            ];
            if kind == Some("maintenance") {
                fields.push(field("scheduled_start", string_of(timestamp())));
                fields.push(field("scheduled_end", string_of(timestamp())));
            }
            if detail {
                fields.push(field("sitrep", Just(json!(1)).boxed()));
                fields.push(optional("description", markdown_value()));
                fields.push(optional(
                    "updates",
                    prop::collection::vec(native_update(statuses), 0..5)
                        .prop_map(Value::Array)
                        .boxed(),
                ));
            }
            object(fields)
        })
        .boxed()
}

fn native_list() -> BoxedStrategy<Value> {
    object(vec![
        field(
            "sitrep",
            prop_oneof![9 => Just(json!(1)), 1 => Just(json!(2))].boxed(),
        ),
        optional("generated_at", string_of(timestamp())),
        optional(
            "components",
            prop::collection::vec(
                object(vec![
                    field("id", string_of(text())),
                    field("name", string_of(text())),
                    optional("group", string_of(text())),
                ]),
                0..3,
            )
            .prop_map(Value::Array)
            .boxed(),
        ),
        field(
            "incidents",
            prop::collection::vec(native_incident(false), 0..6)
                .prop_map(Value::Array)
                .boxed(),
        ),
        optional(
            "archive",
            prop::collection::vec(
                object(vec![
                    field("url", string_of(text())),
                    field("title", string_of(text())),
                    optional("count", (0..100u64).prop_map(|n| json!(n)).boxed()),
                ]),
                0..2,
            )
            .prop_map(Value::Array)
            .boxed(),
        ),
    ])
}

fn gitlab_incident(detail: bool) -> BoxedStrategy<Value> {
    let mut fields = vec![
        field("id", prop_oneof![4 => (0..50u64).prop_map(|n| json!(n)), 1 => any::<u64>().prop_map(|n| json!(n))].boxed()),
        field(if detail { "state" } else { "status" }, words(&["opened", "closed"])),
        field("title", string_of(text())),
        optional("links", object(vec![optional("details", string_of(text()))])),
        field("created_at", string_of(timestamp())),
        field("updated_at", string_of(timestamp())),
    ];
    if detail {
        fields.push(optional("description", string_of(text())));
        fields.push(optional(
            "comments",
            prop::collection::vec(
                object(vec![
                    field("note", string_of(text())),
                    field("created_at", string_of(timestamp())),
                ]),
                0..5,
            )
            .prop_map(Value::Array)
            .boxed(),
        ));
    }
    object(fields)
}

fn gitlab_list() -> BoxedStrategy<Value> {
    object(vec![field(
        "incidents",
        prop::collection::vec(gitlab_incident(false), 0..6)
            .prop_map(Value::Array)
            .boxed(),
    )])
}

fn nullable(plausible: BoxedStrategy<Value>) -> BoxedStrategy<Value> {
    prop_oneof![3 => plausible, 1 => Just(Value::Null)].boxed()
}

fn crashbot_row(status: &'static str) -> BoxedStrategy<Value> {
    object(vec![
        field("id", prop_oneof![4 => (0..50u64).prop_map(|n| json!(n)), 1 => any::<u64>().prop_map(|n| json!(n))].boxed()),
        optional("update_number", (0..9u32).prop_map(|n| json!(n)).boxed()),
        optional("modified_by", string_of(text())),
        field("modified_at", string_of(timestamp())),
        field("reported_at", string_of(timestamp())),
        field("closed_at", nullable(string_of(timestamp()))),
        field("status", words(if status == "open" { &["open"] } else { &["closed"] })),
        field("severity", words(&["sev-1", "sev-2", "sev-3", "sev-4", "sev-5"])),
        field("title", string_of(text())),
        field("description", nullable(markdown_value())),
        field("point", nullable(string_of(text()))),
        field("contact", nullable(string_of(text()))),
        field("rca_link", nullable(string_of(url_like()))),
    ])
}

fn crashbot_list() -> BoxedStrategy<Value> {
    object(vec![
        field(
            "open",
            prop::collection::vec(crashbot_row("open"), 0..5)
                .prop_map(Value::Array)
                .boxed(),
        ),
        field(
            "closed",
            prop::collection::vec(crashbot_row("closed"), 0..5)
                .prop_map(Value::Array)
                .boxed(),
        ),
    ])
}

fn statuspage_incident(maintenance: bool) -> BoxedStrategy<Value> {
    let statuses: &'static [&'static str] = if maintenance {
        &["scheduled", "in_progress", "verifying", "completed"]
    } else {
        &[
            "investigating",
            "identified",
            "monitoring",
            "resolved",
            "postmortem",
        ]
    };
    let update = object(vec![
        field("id", id()),
        field("status", words(statuses)),
        field("body", nullable(string_of(text()))),
        field("created_at", string_of(timestamp())),
        optional("display_at", nullable(string_of(timestamp()))),
        optional("affected_components", Just(Value::Null).boxed()),
    ]);
    object(vec![
        field("id", id()),
        field("name", string_of(text())),
        field("status", words(statuses)),
        field(
            "impact",
            words(&["none", "minor", "major", "critical", "maintenance"]),
        ),
        field("created_at", string_of(timestamp())),
        field("updated_at", string_of(timestamp())),
        optional("started_at", nullable(string_of(timestamp()))),
        optional("resolved_at", nullable(string_of(timestamp()))),
        field("scheduled_for", nullable(string_of(timestamp()))),
        field("scheduled_until", nullable(string_of(timestamp()))),
        optional("shortlink", nullable(string_of(url_like()))),
        optional(
            "components",
            prop::collection::vec(
                object(vec![field("id", id()), field("name", string_of(text()))]),
                0..3,
            )
            .prop_map(Value::Array)
            .boxed(),
        ),
        optional(
            "incident_updates",
            prop::collection::vec(update, 0..4)
                .prop_map(Value::Array)
                .boxed(),
        ),
    ])
}

fn statuspage_file() -> BoxedStrategy<Value> {
    let component = object(vec![
        field("id", id()),
        field("name", string_of(text())),
        field(
            "status",
            words(&[
                "operational",
                "degraded_performance",
                "partial_outage",
                "major_outage",
                "under_maintenance",
            ]),
        ),
        optional("group_id", nullable(id())),
        optional("group", any::<bool>().prop_map(|b| json!(b)).boxed()),
        optional(
            "only_show_if_degraded",
            any::<bool>().prop_map(|b| json!(b)).boxed(),
        ),
    ]);
    object(vec![
        field(
            "page",
            object(vec![
                optional("id", id()),
                optional("name", string_of(text())),
            ]),
        ),
        optional(
            "status",
            object(vec![field(
                "indicator",
                words(&["none", "minor", "major", "critical", "maintenance"]),
            )]),
        ),
        optional(
            "components",
            prop::collection::vec(component, 0..5)
                .prop_map(Value::Array)
                .boxed(),
        ),
        field(
            "incidents",
            prop::collection::vec(statuspage_incident(false), 0..4)
                .prop_map(Value::Array)
                .boxed(),
        ),
        optional(
            "scheduled_maintenances",
            prop::collection::vec(statuspage_incident(true), 0..3)
                .prop_map(Value::Array)
                .boxed(),
        ),
    ])
}

/// A document shaped like one of the feed files, with random damage.
fn feed_document() -> BoxedStrategy<Value> {
    prop_oneof![
        3 => native_list(),
        3 => native_incident(true),
        2 => gitlab_list(),
        2 => gitlab_incident(true),
        2 => crashbot_list(),
        2 => statuspage_file(),
        1 => any_json(),
    ]
    .boxed()
}

const MARKDOWN_TOKENS: &[&str] = &[
    "[",
    "]",
    "(",
    ")",
    "](",
    "![",
    "<",
    ">",
    "\"",
    "'",
    "`",
    "```",
    "*",
    "**",
    "_",
    "~~",
    "~",
    "\\",
    "&",
    "&amp;",
    "&#106;",
    "&#x6A;",
    "&lt;",
    "#",
    "# ",
    "\n",
    "\n\n",
    "    ",
    "\t",
    " ",
    "|",
    "|---|",
    "- ",
    "1. ",
    "> ",
    "- [x] ",
    "[^1]",
    "[^1]: ",
    "---",
    "===",
    ":",
    "//",
    "/\\",
    "?",
    "=",
    "javascript:",
    "JaVaScRiPt:",
    "java\tscript:",
    "java\nscript:",
    "vbscript:",
    "data:",
    "data:text/html,",
    "http://",
    "https://",
    "HTTP://",
    "mailto:",
    "https:",
    "http:",
    "www.example.com",
    "ops@example.com",
    "example.org",
    "%0a",
    "%6a",
    "\u{0}",
    "\u{a0}",
    "\u{200b}",
    "\u{202e}",
    "<script>",
    "</script>",
    "<img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">",
    "<svg onload=alert(1)>",
    "<style>",
    "<iframe>",
    "onerror=",
    "onclick=",
    "alert(1)",
    "\"title\"",
    "'title'",
    "(title)",
    "<https://",
    "<mailto:",
    "[ref]: ",
    "[ref]",
    "{#id}",
    "{.class}",
    "$x$",
];

/// Markdown-ish text: syntax tokens, URL tricks and raw HTML glued with random text.
fn markdown() -> BoxedStrategy<String> {
    prop_oneof![
        4 => prop::collection::vec(
            prop_oneof![
                6 => prop::sample::select(MARKDOWN_TOKENS).prop_map(str::to_string),
                2 => "[a-z]{1,6}",
                1 => any::<String>(),
            ],
            0..48,
        )
        .prop_map(|parts| parts.concat()),
        1 => any::<String>(),
    ]
    .boxed()
}

const URL_PREFIXES: &[&str] = &[
    "",
    "javascript:",
    "JaVaScRiPt:",
    " javascript:",
    "\u{0}javascript:",
    "\u{1}\u{1f} javascript:",
    "java\tscript:",
    "java\nscript:",
    "java\rscript:",
    "jav&#x09;ascript:",
    "&#106;avascript:",
    "%6Aavascript:",
    "\u{a0}javascript:",
    "\u{200b}javascript:",
    "\u{feff}javascript:",
    "vbscript:",
    "data:",
    "data:text/html;base64,",
    "DATA:",
    "file:",
    "blob:",
    "about:",
    "http:",
    "https:",
    "HTTP:",
    "Https:",
    "http://",
    "https://",
    "HTTPS://",
    "http:/",
    "https:\\\\",
    "http:\\",
    "mailto:",
    "MAILTO:",
    "//",
    "///",
    "\\\\",
    "/\\",
    "\\/",
    "/",
    "./",
    "../",
    "../../",
    "?",
    "#",
    "# ",
    "%23",
    "data/incident/",
    "a:b",
    "+:",
    "-:",
    "1http:",
    "h t t p:",
];

const BASES: &[&str] = &[
    BASE,
    "https://status.example.com",
    "http://127.0.0.1:8080/status/index.html?x=1#y",
    "https://status.example.com/a/b/c/",
    "HTTPS://Status.Example.com/",
    "not a url",
    "javascript:alert(1)//",
    "",
    "file:///etc/",
];

fn url_like() -> BoxedStrategy<String> {
    prop_oneof![
        4 => (prop::sample::select(URL_PREFIXES), prop::sample::select(URL_PREFIXES), "[ -~]{0,16}", any::<String>())
            .prop_map(|(a, b, ascii, any)| format!("{a}{b}{ascii}{}", any.chars().take(4).collect::<String>())),
        1 => any::<String>(),
    ]
    .boxed()
}

// ------------------------------------------------------------------ checks on a parse

fn check_markup_safe(markup: &Markup) -> Result<(), String> {
    match markup.html(BASE) {
        Some(html) => check_rendered_html(&html),
        None => Ok(()),
    }
}

/// What holds for any list the parsers accept; a list that carries its details is checked
/// like a detail file, and its links like any URL.
fn check_list(list: &IncidentList) -> Result<(), String> {
    check_incidents(&list.incidents, list.format != Format::GitLab)?;
    let has_details = !list.details.is_empty();
    if list.format.details_in_list() != has_details && !list.incidents.is_empty() {
        return Err(format!(
            "{:?} list with {} details",
            list.format,
            list.details.len()
        ));
    }
    for incident in &list.incidents {
        for url in incident.root_cause_url.iter().chain(&incident.link) {
            check_url_scheme(url)?;
            if absolute_url(url).as_deref() != Some(url.as_str()) {
                return Err(format!("link {url:?} is not what the policy keeps"));
            }
        }
        if list.format.details_in_list() {
            let detail = detail_in_list(list, &incident.id)
                .ok_or_else(|| format!("no detail for {:?} in the list", incident.id))?;
            check_detail(&detail)?;
        }
    }
    Ok(())
}

/// `valid_ids`: every format but GitLab's, whose ids are numbers.
fn check_incidents(incidents: &[Incident], valid_ids: bool) -> Result<(), String> {
    let native = valid_ids;
    let mut seen = std::collections::HashSet::new();
    for incident in incidents {
        if !seen.insert(&incident.id) {
            return Err(format!("duplicate id {:?}", incident.id));
        }
        if native && !is_valid_id(&incident.id) {
            return Err(format!("unsafe id {:?}", incident.id));
        }
        if !native && !incident.id.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("GitLab id {:?}", incident.id));
        }
        if let Kind::Maintenance { start, end } = incident.kind {
            if end < start {
                return Err("maintenance ends before it starts".to_string());
            }
        }
    }
    if incidents
        .windows(2)
        .any(|w| w[0].started_at < w[1].started_at)
    {
        return Err("not sorted newest first".to_string());
    }
    Ok(())
}

fn check_detail(detail: &IncidentDetail) -> Result<(), String> {
    let native = matches!(detail.incident.title, Markup::Plain(_));
    if native {
        check_markup_safe(&detail.description)?;
    }
    let mut seen = std::collections::HashSet::new();
    for update in &detail.updates {
        if !seen.insert(&update.id) {
            return Err(format!("duplicate update id {:?}", update.id));
        }
        if !is_valid_id(&update.id) {
            return Err(format!("unsafe update id {:?}", update.id));
        }
        if native {
            check_markup_safe(&update.body)?;
        }
    }
    // Native updates are sorted by time; GitLab's keep the file's order (their position is
    // their permalink), newest (last) first.
    if native && detail.updates.windows(2).any(|w| w[0].at < w[1].at) {
        return Err("updates not sorted newest first".to_string());
    }
    let n = detail.updates.len();
    if !native
        && detail
            .updates
            .iter()
            .enumerate()
            .any(|(i, u)| u.id != (n - i).to_string())
    {
        return Err("GitLab update ids are not their positions".to_string());
    }
    Ok(())
}

/// Runs every parser with every format setting; panics propagate as test failures.
fn parse_everything(bytes: &[u8]) -> Result<(), String> {
    let list_source = LIST_PATH;
    let detail_source = "data/incident/x.json";
    for choice in CHOICES {
        if let Ok(list) = parse_list(list_source, bytes, choice) {
            check_list(&list)?;
        }
        if let Ok(detail) = parse_detail(detail_source, bytes, choice) {
            check_detail(&detail)?;
        }
    }
    if let Ok(incidents) = parse_archive("data/archive/x.json", bytes) {
        check_incidents(&incidents, true)?;
    }
    if let Ok(list) = parse_statuspage(bytes, Some(bytes)) {
        check_list(&list)?;
    }
    let _ = Config::parse(bytes);
    Ok(())
}

// ------------------------------------------------------------------ properties

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn parsers_never_panic_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        parse_everything(&bytes).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn parsers_never_panic_on_json_shaped_like_a_feed(doc in feed_document()) {
        let text = doc.to_string();
        parse_everything(text.as_bytes()).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn parsers_never_panic_on_damaged_feed_json(doc in feed_document(), cut in any::<prop::sample::Index>(), byte in any::<u8>()) {
        // One byte replaced, then the file cut short: what a broken upload looks like.
        let mut bytes = doc.to_string().into_bytes();
        if !bytes.is_empty() {
            let at = cut.index(bytes.len());
            bytes[at] = byte;
            bytes.truncate(at + 1 + (bytes.len() - at) / 2);
        }
        parse_everything(&bytes).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn markdown_never_emits_script_capable_markup(source in markdown(), base in prop::sample::select(BASES)) {
        let html = render_markdown(&source, base);
        if let Err(problem) = check_rendered_html(&html) {
            return Err(TestCaseError::fail(format!("{problem}\nsource: {source:?}\nhtml: {html}")));
        }
    }

    #[test]
    fn markdown_links_and_images_only_keep_policy_urls(target in url_like(), text in "[a-z ]{0,8}") {
        for source in [
            format!("[{text}]({target})"),
            format!("![{text}]({target})"),
            format!("[{text}](<{target}>)"),
            format!("<{target}>"),
            format!("[{text}][r]\n\n[r]: {target}"),
            format!("see {target} now"),
        ] {
            let html = render_markdown(&source, BASE);
            if let Err(problem) = check_rendered_html(&html) {
                return Err(TestCaseError::fail(format!("{problem}\nsource: {source:?}\nhtml: {html}")));
            }
        }
    }

    #[test]
    fn resolve_url_only_returns_absolute_policy_urls(raw in url_like(), base in prop::sample::select(BASES)) {
        if let Some(url) = resolve_url(base, &raw) {
            if let Err(problem) = check_resolved_url(&url) {
                return Err(TestCaseError::fail(format!("resolve_url({base:?}, {raw:?}): {problem}")));
            }
        }
    }

    #[test]
    fn resolve_url_never_lets_another_scheme_through(raw in url_like(), base in prop::sample::select(BASES)) {
        // The security half of the property above: whatever the form, the scheme a browser
        // reads is http, https or mailto (or the URL is a fragment).
        if let Some(url) = resolve_url(base, &raw) {
            check_url_scheme(&url).map_err(|p| TestCaseError::fail(format!("resolve_url({base:?}, {raw:?}): {p}")))?;
        }
    }

    #[test]
    fn config_parse_never_panics(doc in prop_oneof![
        any_json(),
        object(vec![
            field("title", string_of(text())),
            field("logo_url", string_of(url_like())),
            field("data_url", string_of(url_like())),
            field("format", words(&["auto", "sitrep", "gitlab", "crashbot", "statuspage"])),
            optional("list_url", string_of(url_like())),
            field("contact_url", string_of(url_like())),
            field("feed_url", string_of(url_like())),
            field("poll_interval_seconds", (0..100u32).prop_map(|n| json!(n)).boxed()),
        ]),
    ]) {
        if let Ok(config) = Config::parse(doc.to_string().as_bytes()) {
            prop_assert!(config.poll_interval_seconds >= sitrep::config::MIN_POLL_SECONDS);
            prop_assert!(!config.data_url.trim().is_empty());
            prop_assert!(config.data_root().ends_with('/'));
            prop_assert!(!config.list_location().is_empty());
            if let Some(url) = config.list_url_from(BASE) {
                check_resolved_url(&url).map_err(TestCaseError::fail)?;
            }
        }
    }
}

// ------------------------------------------------------------------ the browser test's corpus

fn xss_vectors() -> Vec<(String, String)> {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "tests",
        "fixtures",
        "hostile",
        "xss-vectors.json",
    ]
    .iter()
    .collect();
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let corpus: Value = serde_json::from_str(&text).unwrap();
    corpus["vectors"]
        .as_array()
        .expect("vectors")
        .iter()
        .map(|v| {
            let id = v["id"].as_str().expect("id").to_string();
            let payload = v["payload"].as_str().expect("payload").replace("$N", "1");
            (id, payload)
        })
        .collect()
}

#[test]
fn every_xss_vector_renders_to_safe_markdown_html() {
    let vectors = xss_vectors();
    assert!(vectors.len() >= 100, "{} vectors", vectors.len());
    let all: Vec<&str> = vectors.iter().map(|(_, p)| p.as_str()).collect();
    let mut failures = Vec::new();
    for (id, source) in vectors
        .iter()
        .map(|(id, p)| (id.as_str(), p.clone()))
        .chain([("all", all.join("\n\n")), ("all inline", all.join(" "))])
    {
        let html = render_markdown(&source, BASE);
        if let Err(problem) = check_rendered_html(&html) {
            failures.push(format!("{id}: {problem}"));
        }
        if let Some(url) = resolve_url(BASE, &source) {
            if let Err(problem) = check_url_scheme(&url) {
                failures.push(format!("{id} as a URL: {problem}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_xss_vector_is_kept_as_plain_text_in_native_titles() {
    let vectors = xss_vectors();
    let incidents: Vec<Value> = vectors
        .iter()
        .enumerate()
        .map(|(i, (_, payload))| {
            json!({
                "id": format!("v{i}"), "title": payload, "status": "investigating",
                "components": [payload], "latest_update": payload,
                "started_at": "2026-11-23T07:40:00Z", "updated_at": "2026-11-23T07:40:00Z",
            })
        })
        .collect();
    let doc = json!({ "sitrep": 1, "components": [{ "id": "api", "name": vectors[0].1 }], "incidents": incidents });
    let list = parse_list(LIST_PATH, doc.to_string().as_bytes(), FormatChoice::Auto).unwrap();
    assert_eq!(list.incidents.len(), vectors.len());
    for incident in &list.incidents {
        let i: usize = incident.id[1..].parse().unwrap();
        assert_eq!(incident.title, Markup::Plain(vectors[i].1.clone()));
        assert_eq!(
            incident.latest_update.as_deref(),
            Some(vectors[i].1.as_str())
        );
    }
}

#[test]
fn every_xss_vector_stays_inert_in_crashbot_and_statuspage_feeds() {
    let vectors = xss_vectors();
    let rows: Vec<Value> = vectors
        .iter()
        .enumerate()
        .map(|(i, (_, payload))| {
            json!({
                "id": i, "update_number": 1, "modified_by": payload,
                "modified_at": "2026-11-23T07:40:00Z", "reported_at": "2026-11-23T07:40:00Z",
                "closed_at": null, "status": "open", "severity": "sev-3",
                "title": payload, "description": payload, "point": payload,
                "contact": payload, "rca_link": payload,
            })
        })
        .collect();
    let doc = json!({ "open": rows, "closed": [] });
    let list = parse_list(
        "crashbot/list",
        doc.to_string().as_bytes(),
        FormatChoice::Auto,
    )
    .unwrap();
    assert_eq!(list.incidents.len(), vectors.len());
    let mut failures = Vec::new();
    for incident in &list.incidents {
        let i: usize = incident.id.parse().unwrap();
        let (id, payload) = &vectors[i];
        // Titles and names are text; the description goes through the markdown renderer.
        assert_eq!(incident.title, Markup::Plain(payload.clone()), "{id}");
        assert!(
            incident.contacts.iter().all(|c| c == payload.trim()),
            "{id}"
        );
        let detail = detail_in_list(&list, &incident.id).unwrap();
        if let Err(problem) = check_markup_safe(&detail.description) {
            failures.push(format!("{id} description: {problem}"));
        }
        if let Some(url) = &incident.root_cause_url {
            if let Err(problem) = check_url_scheme(url) {
                failures.push(format!("{id} rca_link: {problem}"));
            }
        }
    }

    let incidents: Vec<Value> = vectors
        .iter()
        .enumerate()
        .map(|(i, (_, payload))| {
            json!({
                "id": format!("v{i}"), "name": payload, "status": "investigating", "impact": "minor",
                "created_at": "2026-11-23T07:40:00Z", "updated_at": "2026-11-23T07:40:00Z",
                "shortlink": payload, "scheduled_for": null, "scheduled_until": null,
                "components": [{ "id": "c1", "name": payload }],
                "incident_updates": [{ "id": "u1", "status": "investigating", "body": payload,
                    "created_at": "2026-11-23T07:40:00Z", "display_at": null, "affected_components": null }],
            })
        })
        .collect();
    let doc = json!({ "page": {}, "status": { "indicator": "minor" },
        "components": [{ "id": "c1", "name": vectors[0].1, "status": "operational" }], "incidents": incidents });
    let list = parse_statuspage(doc.to_string().as_bytes(), None).unwrap();
    assert_eq!(list.incidents.len(), vectors.len());
    assert_eq!(list.components[0].name, vectors[0].1);
    for incident in &list.incidents {
        let i: usize = incident.id[1..].parse().unwrap();
        let (id, payload) = &vectors[i];
        assert_eq!(incident.title, Markup::Plain(payload.clone()), "{id}");
        // Bodies are plain text: never HTML, kept exactly as written.
        let detail = detail_in_list(&list, &incident.id).unwrap();
        assert_eq!(
            detail.updates[0].body,
            Markup::Plain(payload.clone()),
            "{id}"
        );
        assert_eq!(detail.updates[0].body.html(BASE), None, "{id}");
        if let Some(url) = &incident.link {
            if let Err(problem) = check_url_scheme(url) {
                failures.push(format!("{id} shortlink: {problem}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ------------------------------------------------------------------ regressions

/// Shrunk counterexamples found by the properties above.
#[test]
fn regressions() {
    for source in [
        "[a](<javascript:x>)",
        "<javascript:alert(1)>",
        "[^x]: y\n\n[^x]",
        "www.example.com/\u{0}",
    ] {
        assert_eq!(
            check_rendered_html(&render_markdown(source, BASE)),
            Ok(()),
            "{source:?}"
        );
    }
}
