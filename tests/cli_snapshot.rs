//! `sitrep snapshot`, run as the real binary on a site folder: the demo buckets' overview in
//! index.html (read back with scraper, a browser-grade HTML parser), hostile feed text inert,
//! determinism, replacing an earlier snapshot, and a broken bucket leaving index.html as it was.

// The binary and the parser these tests use are native only.
#![cfg(not(target_arch = "wasm32"))]

mod cli_support;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use cli_support::{repo, sitrep, temp_dir, write, DEMO_NOW};
use scraper::{Html, Selector};
use serde_json::{json, Value};

/// A deployed site: the app's index.html, a config.json and the catalogues.
fn site(name: &str, config: Value) -> PathBuf {
    let dir = temp_dir(name);
    std::fs::copy(repo("index.html"), dir.join("index.html")).unwrap();
    write(&dir.join("config.json"), config.to_string());
    std::fs::create_dir_all(dir.join("i18n")).unwrap();
    for entry in std::fs::read_dir(repo("i18n")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join("i18n").join(path.file_name().unwrap())).unwrap();
    }
    dir
}

fn demo_config() -> Value {
    json!({ "title": "Acme Cloud Status", "data_url": "demo/sitrep/", "logo_url": "demo/logo.svg" })
}

fn snapshot(site: &Path, bucket: &Path, now: &str) -> cli_support::Run {
    sitrep(&[
        "snapshot".to_string(),
        site.display().to_string(),
        "--bucket".to_string(),
        bucket.display().to_string(),
        "--now".to_string(),
        now.to_string(),
    ])
}

fn index(site: &Path) -> Html {
    Html::parse_document(&std::fs::read_to_string(site.join("index.html")).unwrap())
}

fn select<'a>(html: &'a Html, selector: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(selector).unwrap()).collect()
}

fn text(element: &scraper::ElementRef) -> String {
    element
        .text()
        .collect::<Vec<_>>()
        .join("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn demo_list(name: &str) -> Value {
    let path = repo(&format!("demo/{name}/data/list.json"));
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn the_native_demo_snapshot_has_its_sections_incidents_and_age() {
    let dir = site("snapshot-native", demo_config());
    let run = snapshot(&dir, &repo("demo/sitrep"), DEMO_NOW);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = index(&dir);
    let snapshot = select(&html, "#boot > #snapshot");
    assert_eq!(
        snapshot.len(),
        1,
        "one snapshot, first in the boot container"
    );
    assert_eq!(snapshot[0].attr("lang"), Some("en"));
    assert_eq!(snapshot[0].attr("data-as-of"), Some(DEMO_NOW));
    assert_eq!(
        select(&html, "#boot > .boot-loading").len(),
        1,
        "the skeleton stays"
    );

    let banner = &select(&html, "#snapshot #overall-status")[0];
    assert_eq!(
        text(&select(&html, "#overall-status h1")[0]),
        "Major outage"
    );
    assert!(
        text(banner).contains("Status as of 2026-11-23 09:00 UTC"),
        "{}",
        text(banner)
    );

    let list = demo_list("sitrep");
    let ids = |kind: Option<&str>, open: bool| -> HashSet<String> {
        list["incidents"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| kind.is_none_or(|kind| i["kind"].as_str().unwrap_or("incident") == kind))
            .filter(|i| !matches!(i["status"].as_str(), Some("resolved" | "completed")) == open)
            .map(|i| i["id"].as_str().unwrap().to_string())
            .collect()
    };
    let rows = |section: &str| -> HashSet<String> {
        select(&html, &format!("#snapshot {section} li.incident-row"))
            .iter()
            .map(|row| row.attr("data-incident-id").unwrap().to_string())
            .collect()
    };
    assert_eq!(rows(".active-incidents"), ids(Some("incident"), true));
    assert_eq!(rows(".maintenance"), ids(Some("maintenance"), true));
    let history = rows(".history");
    assert!(
        !history.is_empty() && history.is_subset(&ids(None, false)),
        "{history:?}"
    );
    for row in select(&html, "#snapshot .active-incidents li.incident-row") {
        let link = &select(&html, "#snapshot .active-incidents a.incident-link")[0];
        assert!(link.attr("href").unwrap().starts_with("?incident="));
        assert!(
            text(&row).contains("UTC"),
            "times are absolute, in UTC: {}",
            text(&row)
        );
    }

    // The components panel, with each component's status and its history bar.
    let components = select(&html, "#snapshot .components");
    assert_eq!(
        components.len(),
        1,
        "the components panel is in the snapshot"
    );
    let names = text(&components[0]);
    for component in list["components"].as_array().unwrap() {
        assert!(
            names.contains(component["name"].as_str().unwrap()),
            "{names}"
        );
    }
    // Each component and group has its 90-day history bar, drawn in the snapshot too.
    let bars = select(&html, "#snapshot .components .history-bar");
    let groups: HashSet<&str> = list["components"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["group"].as_str())
        .collect();
    assert_eq!(
        bars.len(),
        list["components"].as_array().unwrap().len() + groups.len()
    );
    for bar in &bars {
        assert_eq!(bar.select(&Selector::parse(".cell").unwrap()).count(), 90);
    }

    // Page-relative URLs stay relative: the same snapshot works at any address.
    let logo = &select(&html, "#snapshot img.site-logo")[0];
    assert_eq!(logo.attr("src"), Some("demo/logo.svg"));
    let ids: Vec<&str> = select(&html, "[id]")
        .iter()
        .map(|e| e.attr("id").unwrap())
        .collect();
    let unique: HashSet<&&str> = ids.iter().collect();
    assert_eq!(ids.len(), unique.len(), "no id twice: {ids:?}");
}

#[test]
fn gitlab_titles_are_their_text_and_the_configured_language_is_used() {
    let dir = site(
        "snapshot-gitlab",
        json!({ "title": "GitLab", "data_url": "./", "language": "de" }),
    );
    let run = snapshot(&dir, &repo("demo/gitlab"), DEMO_NOW);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = index(&dir);
    assert_eq!(select(&html, "#snapshot")[0].attr("lang"), Some("de"));
    assert!(text(&select(&html, "#overall-status")[0]).contains("Stand: 2026-11-23 09:00 UTC"));
    let titles: Vec<String> = select(&html, "#snapshot .incident-link-text")
        .iter()
        .map(text)
        .collect();
    assert!(
        titles
            .iter()
            .any(|t| t == "⚠ Elevated error rates on the Public API"),
        "{titles:?}"
    );
    assert!(titles.iter().all(|t| !t.contains('<')), "{titles:?}");
    // GitLab's lists carry no components: no panel, not an empty one.
    assert!(select(&html, "#snapshot .components").is_empty());
}

#[test]
fn hostile_feed_text_stays_text() {
    let vectors: Value = serde_json::from_str(
        &std::fs::read_to_string(repo("tests/fixtures/hostile/xss-vectors.json")).unwrap(),
    )
    .unwrap();
    let payloads: Vec<String> = vectors["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["payload"].as_str().unwrap().replace("$N", "1"))
        .collect();
    let incidents: Vec<Value> = payloads
        .iter()
        .enumerate()
        .map(|(i, payload)| {
            json!({
                "id": format!("x{i}"), "title": payload, "status": "investigating",
                "impact": "major", "components": [format!("c{i}")],
                "started_at": "2026-11-23T08:00:00Z", "updated_at": "2026-11-23T08:30:00Z",
                "latest_update": payload,
            })
        })
        .collect();
    let components: Vec<Value> = payloads
        .iter()
        .enumerate()
        .map(|(i, payload)| json!({ "id": format!("c{i}"), "name": payload, "group": payload }))
        .collect();
    let bucket = temp_dir("snapshot-hostile-bucket");
    write(
        &bucket.join("data/list.json"),
        json!({ "sitrep": 1, "components": components, "incidents": incidents }).to_string(),
    );
    let dir = site(
        "snapshot-hostile",
        json!({ "title": payloads[0], "data_url": "./" }),
    );
    let before = index(&dir);
    let run = snapshot(&dir, &bucket, DEMO_NOW);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = index(&dir);
    // Only index.html's own scripts, and nothing in the snapshot that runs or loads.
    assert_eq!(
        select(&html, "script").len(),
        select(&before, "script").len()
    );
    let active = [
        "script", "iframe", "object", "embed", "svg", "math", "form", "style", "link", "meta",
        "base",
    ];
    for tag in active {
        assert!(
            select(&html, &format!("#snapshot {tag}")).is_empty(),
            "a <{tag}> in the snapshot"
        );
    }
    for element in select(&html, "#snapshot *") {
        for (name, value) in element.value().attrs() {
            assert!(!name.starts_with("on"), "{name}={value:?}");
            assert!(
                !value
                    .trim_start()
                    .to_ascii_lowercase()
                    .starts_with("javascript:"),
                "{name}={value:?}"
            );
        }
    }
    // Every payload is shown as the text it is (HTML parsers drop a NUL in text).
    let titles: HashSet<String> = select(&html, "#snapshot .incident-link-text")
        .iter()
        .map(|e| e.text().collect::<String>().replace('\u{FFFD}', ""))
        .collect();
    let payloads: Vec<String> = payloads.iter().map(|p| p.replace('\0', "")).collect();
    for payload in &payloads {
        assert!(
            titles.contains(payload.trim()) || titles.contains(payload),
            "{payload:?} not shown as text"
        );
    }
}

#[test]
fn the_same_bucket_and_clock_give_the_same_bytes_and_a_new_run_replaces_the_old_snapshot() {
    let dir = site("snapshot-again", demo_config());
    let read = || std::fs::read(dir.join("index.html")).unwrap();
    assert_eq!(snapshot(&dir, &repo("demo/sitrep"), DEMO_NOW).code, 0);
    let first = read();
    assert_eq!(snapshot(&dir, &repo("demo/sitrep"), DEMO_NOW).code, 0);
    assert_eq!(read(), first, "deterministic");
    let run = snapshot(&dir, &repo("demo/sitrep"), "2026-11-23T10:15:00Z");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = index(&dir);
    let snapshots = select(&html, "#snapshot");
    assert_eq!(snapshots.len(), 1, "replaced, not added");
    assert_eq!(
        snapshots[0].attr("data-as-of"),
        Some("2026-11-23T10:15:00Z")
    );
    // Only the snapshot changed: the rest of index.html is as the build wrote it.
    let source = std::fs::read_to_string(repo("index.html")).unwrap();
    let written = String::from_utf8(read()).unwrap();
    let (start, end) = (
        written.find("<div id=\"snapshot\"").unwrap(),
        written.find("<div class=\"boot-loading\">").unwrap(),
    );
    assert_eq!(format!("{}{}", &written[..start], &written[end..]), source);
}

#[test]
fn a_bucket_that_cannot_be_read_leaves_index_html_as_it_was() {
    let dir = site("snapshot-broken", demo_config());
    assert_eq!(snapshot(&dir, &repo("demo/sitrep"), DEMO_NOW).code, 0);
    let good = std::fs::read(dir.join("index.html")).unwrap();
    let modified = std::fs::metadata(dir.join("index.html"))
        .unwrap()
        .modified()
        .unwrap();

    let bucket = temp_dir("snapshot-broken-bucket");
    write(
        &bucket.join("data/list.json"),
        "{\n  \"sitrep\": 1,\n  \"incidents\": [\n    {\"id\": }\n  ]\n}\n",
    );
    let run = snapshot(&dir, &bucket, DEMO_NOW);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("data/list.json:4:"),
        "names the file and line: {}",
        run.stderr
    );
    assert!(
        run.stderr.contains("index.html left as it was"),
        "{}",
        run.stderr
    );

    write(
        &bucket.join("data/list.json"),
        r#"{"sitrep": 1, "incidents": [{"id": "a", "title": "A", "status": "sideways"}]}"#,
    );
    let run = snapshot(&dir, &bucket, DEMO_NOW);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("data/list.json") && run.stderr.contains("status"),
        "names the field: {}",
        run.stderr
    );

    let run = snapshot(&dir, &temp_dir("snapshot-empty-bucket"), DEMO_NOW);
    assert_ne!(run.code, 0);

    // A page that is not sitrep's: nothing to put the snapshot in.
    let other = site("snapshot-not-sitrep", demo_config());
    write(
        &other.join("index.html"),
        "<!doctype html><title>Other</title><p>Hello</p>",
    );
    let run = snapshot(&other, &repo("demo/sitrep"), DEMO_NOW);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("index.html") && run.stderr.contains("id=\"boot\""),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(other.join("index.html")).unwrap(),
        "<!doctype html><title>Other</title><p>Hello</p>"
    );

    assert_eq!(
        std::fs::read(dir.join("index.html")).unwrap(),
        good,
        "left as it was"
    );
    assert_eq!(
        std::fs::metadata(dir.join("index.html"))
            .unwrap()
            .modified()
            .unwrap(),
        modified
    );
}
