//! `sitrep feed`, run as the real binary: golden feeds for the demo buckets, every feed read
//! back by an independent parser, sanitised content with absolute URLs, determinism.

// The binary and the readers these tests use are native only.
#![cfg(not(target_arch = "wasm32"))]

mod cli_support;

use std::path::Path;

use cli_support::{files, golden, mtimes, repo, sitrep, temp_dir, write};
use serde_json::Value;

const SITE: &str = "https://status.example.com/";

fn feed(bucket: &Path, out: &Path, extra: &[&str]) -> cli_support::Run {
    let mut args = vec![
        "feed".to_string(),
        bucket.display().to_string(),
        "--site-url".to_string(),
        SITE.to_string(),
        out.display().to_string(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    sitrep(&args)
}

fn read_back(out: &Path) -> [feed_rs::model::Feed; 3] {
    ["feed.atom", "feed.rss", "feed.json"].map(|name| {
        feed_rs::parser::parse(std::fs::read(out.join(name)).unwrap().as_slice())
            .unwrap_or_else(|e| panic!("{name}: {e}"))
    })
}

/// The content of every JSON Feed item.
fn all_html(json: &Value) -> String {
    json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["content_html"].as_str().unwrap())
        .collect()
}

#[test]
fn demo_feeds_match_the_golden_files_and_read_back() {
    let out = temp_dir("feed-demo");
    let run = feed(
        &repo("demo/sitrep"),
        &out,
        &["--data-url", "demo/sitrep/", "--title", "Acme Cloud Status"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("50 entries; 3 written, 0 unchanged"),
        "{}",
        run.stderr
    );
    golden(&repo("tests/fixtures/feeds/sitrep"), &files(&out, &[]));
    for parsed in read_back(&out) {
        assert_eq!(parsed.entries.len(), 50);
        assert_eq!(parsed.title.as_ref().unwrap().content, "Acme Cloud Status");
        let first = &parsed.entries[0];
        assert_eq!(
            first.title.as_ref().unwrap().content,
            "Elevated error rates on the Public API: Identified"
        );
        assert_eq!(
            first.links[0].href,
            "https://status.example.com/?incident=2026-11-23-api-errors#update-u4"
        );
        assert!(first
            .id
            .ends_with("?incident=2026-11-23-api-errors#update-u4"));
        // Newest first.
        let times: Vec<_> = parsed
            .entries
            .iter()
            .map(|e| e.published.unwrap())
            .collect();
        assert!(times.windows(2).all(|w| w[0] >= w[1]));
    }
    // The image in the demo is served from the bucket, by an absolute URL.
    let json: Value =
        serde_json::from_slice(&std::fs::read(out.join("feed.json")).unwrap()).unwrap();
    assert!(
        all_html(&json)
            .contains("src=\"https://status.example.com/demo/sitrep/data/images/error-rate-"),
        "absolute image URL"
    );
    assert_eq!(json["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(json["feed_url"], "https://status.example.com/feed.json");
    assert_eq!(json["items"].as_array().unwrap().len(), 50);
    for item in json["items"].as_array().unwrap() {
        for key in ["id", "url", "title", "content_html", "date_published"] {
            assert!(item[key].is_string(), "{key} in {item}");
        }
    }
}

#[test]
fn gitlab_feeds_have_plain_titles_and_read_back() {
    let out = temp_dir("feed-gitlab");
    let run = feed(&repo("demo/gitlab"), &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    golden(&repo("tests/fixtures/feeds/gitlab"), &files(&out, &[]));
    for parsed in read_back(&out) {
        for entry in &parsed.entries {
            let title = &entry.title.as_ref().unwrap().content;
            assert!(
                !title.contains('<') && !title.contains("&lt;"),
                "plain text: {title}"
            );
        }
        assert!(
            parsed
                .entries
                .iter()
                .any(|e| e.title.as_ref().unwrap().content.starts_with("⚠ ")),
            "gl-emoji text kept"
        );
    }
}

#[test]
fn untrusted_html_is_sanitised() {
    let bucket = temp_dir("feed-hostile");
    write(
        &bucket.join("data/list.json"),
        r#"{"incidents": [{"id": 1, "status": "opened", "title": "<b>Bold</b> &amp; <script>alert(1)</script>title", "links": {"details": "data/incident/1.json"}, "created_at": "2026-11-20T10:00:00Z", "updated_at": "2026-11-20T11:00:00Z"}]}"#,
    );
    write(
        &bucket.join("data/incident/1.json"),
        r#"{"id": 1, "status": "opened", "title": "<b>Bold</b> &amp; <script>alert(1)</script>title", "description": "<p>d</p>", "comments": [{"note": "<p onclick=\"x()\">Hi <a href=\"javascript:alert(1)\">js</a> <a href=\"data/incident/1/a/b.pdf\">pdf</a><img src=\"x\" onerror=\"alert(1)\"><script>alert(2)</script><iframe src=\"https://evil.example/\"></iframe></p>", "created_at": "2026-11-20T10:30:00Z"}], "links": {"details": "data/incident/1.json"}, "created_at": "2026-11-20T10:00:00Z", "updated_at": "2026-11-20T11:00:00Z"}"#,
    );
    let out = temp_dir("feed-hostile-out");
    let run = feed(
        &bucket,
        &out,
        &["--data-url", "https://data.example.com/bucket/"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let [atom, rss, json] = read_back(&out);
    for parsed in [&atom, &rss, &json] {
        let entry = &parsed.entries[0];
        assert_eq!(entry.title.as_ref().unwrap().content, "Bold & title");
    }
    let json: Value =
        serde_json::from_slice(&std::fs::read(out.join("feed.json")).unwrap()).unwrap();
    let html = json["items"][0]["content_html"].as_str().unwrap();
    for banned in [
        "javascript:",
        "onclick",
        "onerror",
        "<script",
        "<iframe",
        "alert",
    ] {
        assert!(!html.contains(banned), "{banned} in {html}");
    }
    assert!(
        html.contains("href=\"https://data.example.com/bucket/data/incident/1/a/b.pdf\""),
        "{html}"
    );
    assert!(
        html.contains("src=\"https://data.example.com/bucket/x\""),
        "{html}"
    );
    assert_eq!(
        json["items"][0]["url"],
        "https://status.example.com/?incident=1#update-1"
    );
}

#[test]
fn same_bucket_same_bytes_and_unchanged_feeds_are_not_rewritten() {
    let out = temp_dir("feed-stable");
    assert_eq!(feed(&repo("demo/gitlab"), &out, &[]).code, 0);
    let (before, times) = (files(&out, &[]), mtimes(&out));
    std::thread::sleep(std::time::Duration::from_millis(20));
    let run = feed(&repo("demo/gitlab"), &out, &[]);
    assert!(
        run.stderr.contains("0 written, 3 unchanged"),
        "{}",
        run.stderr
    );
    assert_eq!(before, files(&out, &[]));
    assert_eq!(times, mtimes(&out));
}

#[test]
fn a_bucket_the_viewer_refuses_gives_no_feed() {
    let bucket = temp_dir("feed-broken");
    write(
        &bucket.join("data/list.json"),
        "{\"sitrep\": 1, \"incidents\": 3}",
    );
    let out = temp_dir("feed-broken-out");
    let run = feed(&bucket, &out, &[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "data/list.json:1:28: field incidents: invalid type: integer `3`, expected a sequence"
        ),
        "{}",
        run.stderr
    );
    assert!(files(&out, &[]).is_empty());

    let run = sitrep(&[
        "feed",
        "demo/gitlab",
        "--site-url",
        "status.example.com",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is not an absolute http(s) URL"),
        "{}",
        run.stderr
    );
}

/// A Statuspage page laid out as its API serves it.
fn statuspage_dir() -> std::path::PathBuf {
    let dir = temp_dir("statuspage-page");
    for name in ["summary.json", "incidents.json"] {
        let text = std::fs::read(repo("tests/fixtures/statuspage").join(name)).unwrap();
        write(&dir.join("api/v2").join(name), text);
    }
    dir
}

#[test]
fn statuspage_and_crashbot_sources_give_feeds_that_read_back() {
    let out = temp_dir("feed-statuspage");
    let run = feed(&statuspage_dir(), &out, &["--title", "Acme Cloud"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let [atom, ..] = read_back(&out);
    // Every update of the summary and of the history, newest first, with its permalink.
    let links: Vec<String> = atom
        .entries
        .iter()
        .map(|e| e.links[0].href.clone())
        .collect();
    for incident in ["j8k9l0m1n2p3", "p31zjtct2jer"] {
        let permalink = format!("{SITE}?incident={incident}#update-");
        assert!(links.iter().any(|l| l.starts_with(&permalink)), "{links:?}");
    }
    assert!(links
        .iter()
        .any(|l| l.starts_with(&format!("{SITE}?incident=p31zjtct2jer#update-"))));
    let dates: Vec<_> = atom.entries.iter().map(|e| e.updated).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");

    // A Crashbot list given as a file: one entry per incident (it keeps no timeline).
    let out = temp_dir("feed-crashbot");
    let run = feed(
        &repo("tests/fixtures/crashbot/list.json"),
        &out,
        &["--title", "Bot"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let [atom, ..] = read_back(&out);
    let titles: Vec<String> = atom
        .entries
        .iter()
        .filter_map(|e| e.title.as_ref().map(|t| t.content.clone()))
        .collect();
    assert!(
        titles
            .iter()
            .any(|t| t.contains("Checkout API returns 503")),
        "{titles:?}"
    );
    let json: Value =
        serde_json::from_slice(&std::fs::read(out.join("feed.json")).unwrap()).unwrap();
    assert!(
        !all_html(&json).contains("javascript:"),
        "unsafe links are dropped"
    );
}

#[test]
fn check_reads_statuspage_pages_and_crashbot_lists() {
    let page = statuspage_dir();
    let run = sitrep(&["check", &page.display().to_string()]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let run = sitrep(&[
        "check",
        &repo("tests/fixtures/crashbot/list.json")
            .display()
            .to_string(),
    ]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    // Without its history a Statuspage page still checks, with a warning.
    std::fs::remove_file(page.join("api/v2/incidents.json")).unwrap();
    let run = sitrep(&["check", &page.display().to_string()]);
    assert!(
        format!("{}{}", run.stdout, run.stderr).contains("api/v2/incidents.json"),
        "{}{}",
        run.stdout,
        run.stderr
    );
}
