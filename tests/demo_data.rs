//! The bundled demo buckets and the examples in the format reference must all be valid.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde_json::Value;
use sitrep::feed::model::{Format, Impact, Incident, IncidentList, Kind, Markup, Status};
use sitrep::feed::{is_valid_id, parse_archive, parse_detail, parse_list, FormatChoice, LIST_PATH};
use sitrep::overview::{overview, Overall};
use sitrep::time::{Timestamp, Zone};

const BASE: &str = "https://status.example.com/";
const DEMO_NOW: &str = "2026-11-23T09:00:00Z";

fn repo_path(parts: &[&str]) -> PathBuf {
    let mut path = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    path.extend(parts);
    path
}

fn read(root: &Path, rel: &str) -> Vec<u8> {
    let path = root.join(rel);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn ts(value: &str) -> Timestamp {
    Timestamp::parse(value).unwrap()
}

/// Every `.json` file directly in `data/incident/`, as bucket-relative paths.
fn detail_files(root: &Path) -> Vec<String> {
    let dir = root.join("data").join("incident");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".json"))
        .map(|name| format!("data/incident/{name}"))
        .collect();
    files.sort();
    files
}

/// Values of `attr="…"` in an HTML string.
fn attribute_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!("{attr}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect()
}

fn html(markup: &Markup) -> String {
    match markup.html(BASE) {
        Some(html) => html.into_owned(),
        None => markup_text(markup),
    }
}

fn markup_text(markup: &Markup) -> String {
    match markup {
        Markup::Plain(text) => text.clone(),
        rich => panic!("not plain text: {rich:?}"),
    }
}

// ---------------------------------------------------------------- native demo

fn native_root() -> PathBuf {
    repo_path(&["demo", "sitrep"])
}

fn native_list() -> IncidentList {
    let root = native_root();
    parse_list(LIST_PATH, &read(&root, LIST_PATH), FormatChoice::Auto).unwrap()
}

fn native_archived() -> Vec<Incident> {
    let root = native_root();
    let list = native_list();
    let mut all = Vec::new();
    for archive in &list.archive {
        let incidents = parse_archive(&archive.path, &read(&root, &archive.path))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            archive.count,
            Some(incidents.len() as u64),
            "{}",
            archive.path
        );
        all.extend(incidents);
    }
    all
}

#[test]
fn native_demo_list_parses() {
    let list = native_list();
    assert_eq!(list.format, Format::Native);
    assert!(!list.incidents.is_empty());
    assert!(!list.archive.is_empty());
    assert!(!list.component_names.is_empty());
    // Every component an incident names has a display name.
    for incident in &list.incidents {
        for component in &incident.components {
            assert!(
                list.component_names.contains_key(component),
                "{}: unknown component {component}",
                incident.id
            );
        }
    }
    // Newest first.
    assert!(list
        .incidents
        .windows(2)
        .all(|w| w[0].started_at >= w[1].started_at));
}

#[test]
fn native_demo_list_parses_when_forced() {
    let root = native_root();
    let forced = parse_list(LIST_PATH, &read(&root, LIST_PATH), FormatChoice::Sitrep).unwrap();
    assert_eq!(forced, native_list());
}

#[test]
fn native_demo_archive_parses() {
    let archived = native_archived();
    assert!(!archived.is_empty());
    assert!(
        archived
            .iter()
            .all(|i| i.resolved_at.is_some() && i.status.is_closed()),
        "archives hold closed incidents"
    );
}

#[test]
fn native_demo_ids_are_unique_across_list_and_archives() {
    let mut seen = HashSet::new();
    for incident in native_list()
        .incidents
        .iter()
        .chain(native_archived().iter())
    {
        assert!(is_valid_id(&incident.id));
        assert!(
            seen.insert(incident.id.clone()),
            "{} appears twice",
            incident.id
        );
    }
}

#[test]
fn native_demo_every_detail_file_parses() {
    let root = native_root();
    let files = detail_files(&root);
    assert!(!files.is_empty());
    for file in &files {
        let detail = parse_detail(file, &read(&root, file), FormatChoice::Auto)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(format!("data/incident/{}.json", detail.incident.id), *file);
        assert!(!detail.updates.is_empty(), "{file} has no updates");
        assert!(
            detail.updates.windows(2).all(|w| w[0].at >= w[1].at),
            "{file}: updates newest first"
        );
        let mut ids = HashSet::new();
        for update in &detail.updates {
            assert!(
                ids.insert(update.id.clone()),
                "{file}: update {} twice",
                update.id
            );
            assert!(update.status.is_some());
            let body = html(&update.body);
            assert!(!body.to_ascii_lowercase().contains("<script"), "{file}");
        }
    }
}

#[test]
fn native_demo_details_agree_with_their_summaries() {
    let root = native_root();
    let summaries: Vec<Incident> = native_list()
        .incidents
        .into_iter()
        .chain(native_archived())
        .collect();
    let files: HashSet<String> = detail_files(&root).into_iter().collect();
    assert_eq!(summaries.len(), files.len(), "one detail file per summary");
    for summary in &summaries {
        assert!(
            files.contains(&summary.detail_path),
            "{} has no detail file",
            summary.id
        );
        let detail = parse_detail(
            &summary.detail_path,
            &read(&root, &summary.detail_path),
            FormatChoice::Auto,
        )
        .unwrap();
        let d = &detail.incident;
        assert_eq!(d.id, summary.id);
        assert_eq!(d.kind, summary.kind, "{}", summary.id);
        assert_eq!(d.title, summary.title, "{}", summary.id);
        assert_eq!(d.status, summary.status, "{}", summary.id);
        assert_eq!(d.impact, summary.impact, "{}", summary.id);
        assert_eq!(d.components, summary.components, "{}", summary.id);
        assert_eq!(d.started_at, summary.started_at, "{}", summary.id);
        assert_eq!(d.updated_at, summary.updated_at, "{}", summary.id);
        assert_eq!(d.resolved_at, summary.resolved_at, "{}", summary.id);
        assert_eq!(d.latest_update, summary.latest_update, "{}", summary.id);
        // The newest update carries the incident's current status.
        assert_eq!(
            detail.updates[0].status,
            Some(summary.status),
            "{}",
            summary.id
        );
    }
}

#[test]
fn native_demo_images_resolve_to_files_in_the_bucket() {
    let root = native_root();
    let mut images = 0;
    for file in detail_files(&root) {
        let detail = parse_detail(&file, &read(&root, &file), FormatChoice::Auto).unwrap();
        let texts =
            std::iter::once(&detail.description).chain(detail.updates.iter().map(|u| &u.body));
        for text in texts {
            for src in attribute_values(&html(text), "src") {
                let rel = src
                    .strip_prefix(BASE)
                    .unwrap_or_else(|| panic!("{file}: image {src} is outside the bucket"));
                assert!(root.join(rel).is_file(), "{file}: {rel} does not exist");
                images += 1;
            }
            for href in attribute_values(&html(text), "href") {
                assert!(
                    href.starts_with("https://")
                        || href.starts_with("mailto:")
                        || href.starts_with('#'),
                    "{file}: {href}"
                );
            }
        }
    }
    assert!(images > 0, "the demo shows at least one image");
}

#[test]
fn native_demo_overview_at_the_demo_time() {
    let list = native_list();
    let view = overview(&list.incidents, ts(DEMO_NOW), |_| Zone::UTC);
    assert_eq!(view.overall, Overall::MajorOutage);
    let active: Vec<&str> = view.active.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(
        active,
        ["2026-11-23-api-errors", "2026-11-22-dashboard-sso"]
    );
    assert_eq!(view.active[0].impact, Some(Impact::Major));
    let maintenance: Vec<&str> = view.maintenance.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(
        maintenance,
        ["2026-11-23-cdn-migration", "2026-11-26-database-upgrade"]
    );
    assert!(matches!(view.maintenance[0].kind, Kind::Maintenance { .. }));
    let in_history: usize = view.history.iter().map(|g| g.incidents.len()).sum();
    assert_eq!(
        in_history + active.len() + maintenance.len(),
        list.incidents.len()
    );
    assert!(view.history.windows(2).all(|w| w[0].date > w[1].date));
    let dates: Vec<String> = view.history.iter().map(|g| g.date.iso()).collect();
    let unique: HashSet<&String> = dates.iter().collect();
    assert_eq!(unique.len(), dates.len(), "one group per day: {dates:?}");
    let september = view
        .history
        .iter()
        .find(|g| g.date.iso() == "2026-09-02")
        .unwrap();
    let ids: Vec<&str> = september.incidents.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(
        ids,
        ["2026-09-02-dashboard-stale-status", "2026-09-02-api-outage"]
    );
}

// ---------------------------------------------------------------- GitLab demo

fn gitlab_root() -> PathBuf {
    repo_path(&["demo", "gitlab"])
}

fn gitlab_list() -> IncidentList {
    let root = gitlab_root();
    parse_list(LIST_PATH, &read(&root, LIST_PATH), FormatChoice::Auto).unwrap()
}

#[test]
fn gitlab_demo_list_parses() {
    let list = gitlab_list();
    assert_eq!(list.format, Format::GitLab);
    assert!(!list.incidents.is_empty());
    assert!(
        list.incidents.len() <= 20,
        "GitLab publishes at most 20 incidents"
    );
    for incident in &list.incidents {
        assert!(incident.id.parse::<u64>().is_ok(), "{}", incident.id);
        assert!(matches!(incident.title, Markup::Html(_)));
        assert!(matches!(
            incident.status,
            Status::Ongoing | Status::Resolved
        ));
        assert_eq!(incident.impact, None);
        assert_eq!(
            incident.status == Status::Resolved,
            incident.resolved_at == Some(incident.updated_at)
        );
    }
    let root = gitlab_root();
    let forced = parse_list(LIST_PATH, &read(&root, LIST_PATH), FormatChoice::Gitlab).unwrap();
    assert_eq!(forced, list);
}

#[test]
fn gitlab_demo_every_detail_file_parses_and_agrees_with_the_list() {
    let root = gitlab_root();
    let list = gitlab_list();
    let files = detail_files(&root);
    assert_eq!(files.len(), list.incidents.len());
    for summary in &list.incidents {
        assert!(
            files.contains(&summary.detail_path),
            "{} has no detail file",
            summary.id
        );
        let bytes = read(&root, &summary.detail_path);
        let detail = parse_detail(&summary.detail_path, &bytes, FormatChoice::Auto)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(&detail.incident, summary);
        // Comments become updates numbered from the oldest, shown newest first.
        let raw: Value = serde_json::from_slice(&bytes).unwrap();
        let comments = raw["comments"].as_array().map_or(0, Vec::len);
        assert_eq!(detail.updates.len(), comments, "{}", summary.id);
        for (i, update) in detail.updates.iter().enumerate() {
            assert_eq!(update.id, (comments - i).to_string());
            assert_eq!(update.status, None);
            let note = raw["comments"][comments - i - 1]["note"].as_str().unwrap();
            assert_eq!(update.body, Markup::Html(note.to_string()));
        }
        assert!(
            detail.updates.windows(2).all(|w| w[0].at >= w[1].at),
            "{}",
            summary.id
        );
    }
}

#[test]
fn gitlab_demo_uploads_exist_in_the_bucket() {
    let root = gitlab_root();
    let mut uploads = 0;
    for file in detail_files(&root) {
        let detail = parse_detail(&file, &read(&root, &file), FormatChoice::Auto).unwrap();
        let texts =
            std::iter::once(&detail.description).chain(detail.updates.iter().map(|u| &u.body));
        for text in texts {
            for src in attribute_values(&html(text), "src") {
                assert!(src.starts_with("data/incident/"), "{file}: {src}");
                assert!(root.join(&src).is_file(), "{file}: {src} does not exist");
                uploads += 1;
            }
        }
    }
    assert!(uploads > 0, "the GitLab demo shows at least one upload");
}

#[test]
fn gitlab_demo_overview() {
    let list = gitlab_list();
    let view = overview(&list.incidents, ts(DEMO_NOW), |_| Zone::UTC);
    // GitLab incidents have no impact: open ones mean degraded service.
    assert_eq!(view.overall, Overall::Degraded);
    assert!(!view.active.is_empty());
    assert!(view.active.iter().all(|i| i.status == Status::Ongoing));
    assert!(view.maintenance.is_empty());
    let closed = list
        .incidents
        .iter()
        .filter(|i| i.status == Status::Resolved)
        .count();
    assert_eq!(
        view.history
            .iter()
            .map(|g| g.incidents.len())
            .sum::<usize>(),
        closed
    );
}

// ---------------------------------------------------------------- format reference

/// The JSON code blocks of docs/feed-format.md.
fn doc_examples() -> Vec<Value> {
    let path = repo_path(&["docs", "feed-format.md"]);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut blocks = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        let fence: String = trimmed.chars().take_while(|&c| c == '`').collect();
        if fence.len() >= 3 && trimmed[fence.len()..].trim() == "json" {
            let body: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != fence).collect();
            let joined = body.join("\n");
            blocks.push(
                serde_json::from_str(&joined)
                    .unwrap_or_else(|e| panic!("example is not JSON ({e}):\n{joined}")),
            );
        }
    }
    blocks
}

#[test]
fn format_reference_examples_parse() {
    let examples = doc_examples();
    let mut parsed = 0;
    for example in &examples {
        let bytes = example.to_string();
        let file = "example.json";
        if example.get("sitrep").is_none() {
            continue;
        }
        if example.get("id").is_some() {
            parse_detail(file, bytes.as_bytes(), FormatChoice::Auto)
                .unwrap_or_else(|e| panic!("{e}\n{example:#}"));
        } else {
            let list = parse_list(file, bytes.as_bytes(), FormatChoice::Auto)
                .unwrap_or_else(|e| panic!("{e}\n{example:#}"));
            assert_eq!(list.format, Format::Native);
            let object = example.as_object().unwrap();
            if object.keys().all(|k| k == "sitrep" || k == "incidents") {
                parse_archive(file, bytes.as_bytes())
                    .unwrap_or_else(|e| panic!("{e}\n{example:#}"));
            }
        }
        parsed += 1;
    }
    assert!(parsed >= 3, "found {parsed} examples");
}
