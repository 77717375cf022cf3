//! `sitrep check`, run as the real binary on the demo and fixture buckets, on broken buckets
//! (every problem placed by file, field, line and column), and on a bucket served over HTTP.

// The binary and the readers these tests use are native only.
#![cfg(not(target_arch = "wasm32"))]

mod cli_support;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;

use cli_support::{repo, sitrep, temp_dir, write};
use serde_json::Value;

fn check(bucket: &Path) -> cli_support::Run {
    sitrep(&["check".as_ref(), bucket.as_os_str()])
}

const LIST: &str = r#"{
  "sitrep": 1,
  "incidents": [
    { "id": "a", "title": "A", "status": "resolved", "started_at": "2026-01-02T00:00:00Z", "updated_at": "2026-01-02T01:00:00Z" }
  ]
}
"#;

const DETAIL_A: &str = r#"{ "sitrep": 1, "id": "a", "title": "A", "status": "resolved", "started_at": "2026-01-02T00:00:00Z", "updated_at": "2026-01-02T01:00:00Z" }
"#;

#[test]
fn demo_buckets_are_clean() {
    for bucket in ["demo/sitrep", "demo/gitlab"] {
        let run = check(&repo(bucket));
        assert_eq!(run.code, 0, "{bucket}: {}", run.stderr);
        assert!(
            run.stderr.trim_end().ends_with("files"),
            "{bucket}: {}",
            run.stderr
        );
    }
    let run = check(&repo("demo/sitrep"));
    assert!(run.stderr.contains("checked 29 files"), "{}", run.stderr);
}

#[test]
fn gitlab_fixture_image_that_is_not_in_the_bucket_is_a_warning() {
    let run = check(&repo("tests/fixtures/gitlab"));
    assert_eq!(run.code, 0, "warnings alone pass: {}", run.stderr);
    assert!(
        run.stderr.contains("data/incident/3.json:5:201: warning: field description: image data/incident/3/0123456789abcdef0123456789abcdef/graph.png is not in the bucket"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("0 errors, 1 warning"), "{}", run.stderr);
}

#[test]
fn refused_files_are_errors_with_field_line_and_column() {
    let cases: &[(&str, &str, &str)] = &[
        ("{\"sitrep\": 1,\n \"incidents\": [\n", "", "data/list.json:3:1: ends too early (truncated?)"),
        ("{\"sitrep\": 1, \"incidents\": [}\n", "", "data/list.json:1:29: is not valid JSON"),
        (
            "{\"sitrep\": 1,\n  \"incidents\": [\n    {\"id\": \"a\", \"title\": \"A\", \"status\": \"on_fire\", \"updated_at\": \"2026-01-01T00:00:00Z\"}]}",
            "",
            "data/list.json:3:41: field incidents[0].status: unknown variant `on_fire`",
        ),
        (
            "{\"sitrep\": 1,\n  \"incidents\": [\n    {\"id\": \"a\", \"title\": \"A\", \"status\": \"resolved\"}]}",
            "",
            "data/list.json:3:5: field incidents[0].updated_at: missing field `updated_at`",
        ),
        (LIST, "{\"sitrep\": 2}", "data/incident/a.json:1:1: field id: missing field `id`"),
        ("<html>oops</html>", "", "data/list.json:1:1: is an HTML page, not JSON"),
    ];
    for (list, detail, expected) in cases {
        let bucket = temp_dir("refused");
        write(&bucket.join("data/list.json"), list);
        if !detail.is_empty() {
            write(&bucket.join("data/incident/a.json"), detail);
        }
        let run = check(&bucket);
        assert_eq!(run.code, 1, "{expected}: {}", run.stderr);
        assert!(
            run.stderr.contains(expected),
            "expected {expected:?} in\n{}",
            run.stderr
        );
    }
    let run = check(&temp_dir("empty-bucket"));
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("data/list.json: missing: every bucket has a list file"),
        "{}",
        run.stderr
    );
}

#[test]
fn tolerated_problems_are_warnings() {
    let bucket = temp_dir("warnings");
    write(
        &bucket.join("data/list.json"),
        r#"{
  "sitrep": 1,
  "incidents": [
    { "id": "a", "title": "A", "status": "resolved", "started_at": "2026-01-02T00:00:00Z", "updated_at": "2026-01-02T01:00:00Z" },
    { "id": "gone", "title": "Gone", "status": "resolved", "started_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T01:00:00Z" },
    { "id": "a", "title": "A again", "status": "resolved", "started_at": "2026-01-03T00:00:00Z", "updated_at": "2026-01-03T01:00:00Z" }
  ],
  "archive": [
    { "url": "data/archive/2025.json", "title": "2025", "count": 3 }
  ]
}
"#,
    );
    write(
        &bucket.join("data/incident/a.json"),
        r#"{ "sitrep": 1, "id": "a", "title": "A, renamed", "status": "resolved", "started_at": "2026-01-02T00:00:00Z", "updated_at": "2026-01-02T01:00:00Z",
  "updates": [
    { "id": "u1", "status": "resolved", "at": "2026-01-02T01:00:00Z", "body": "Fixed. ![graph](data/images/none.png)" },
    { "id": "u1", "status": "resolved", "at": "2026-01-02T01:00:00Z", "body": "Again." }
  ]
}
"#,
    );
    write(
        &bucket.join("data/archive/2025.json"),
        r#"{ "sitrep": 1, "incidents": [
  { "id": "a", "title": "A", "status": "resolved", "started_at": "2025-01-02T00:00:00Z", "updated_at": "2025-01-02T01:00:00Z" }
] }
"#,
    );
    let run = check(&bucket);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for expected in [
        "data/list.json:6:13: warning: field incidents[2].id: id a appears more than once; the viewer shows only the first",
        "data/list.json:9:66: warning: field archive[0].count: count is 3, but data/archive/2025.json holds 1 incidents",
        "data/archive/2025.json:2:11: warning: field incidents[0].id: incident a is also in data/list.json; the viewer shows only that one",
        "data/incident/a.json:4:13: warning: field updates[1].id: id u1 appears more than once; the viewer shows only the first",
        "data/incident/a.json: warning: title differ from the summary in data/list.json; write both from the same data",
        "data/list.json:5:13: warning: field incidents[1].id: the detail file data/incident/gone.json of incident gone is missing",
        "data/incident/a.json:3:96: warning: field updates[0].body: image data/images/none.png is not in the bucket",
        "0 errors, 7 warnings",
    ] {
        assert!(run.stderr.contains(expected), "expected {expected:?} in\n{}", run.stderr);
    }

    // Refused archive: an error.
    std::fs::remove_file(bucket.join("data/archive/2025.json")).unwrap();
    let run = check(&bucket);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("data/list.json:9:14: field archive[0].url: the archive file data/archive/2025.json is missing"), "{}", run.stderr);
}

#[test]
fn size_limits() {
    let bucket = temp_dir("sizes");
    let padding = " ".repeat(1024 * 1024);
    write(
        &bucket.join("data/list.json"),
        format!("{{\"incidents\": []{padding}}}"),
    );
    let run = check(&bucket);
    assert_eq!(run.code, 0);
    assert!(run.stderr.contains("data/list.json: warning: 1048593 bytes: GitLab's publisher does not upload files over 1048576 bytes"), "{}", run.stderr);

    let padding = " ".repeat(5 * 1024 * 1024);
    write(
        &bucket.join("data/list.json"),
        format!("{{\"incidents\": []{padding}}}"),
    );
    let run = check(&bucket);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "data/list.json: is 5242897 bytes, over the 5242880-byte limit for feed files"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn json_report_for_ci() {
    let run = sitrep(&[
        "check",
        repo("tests/fixtures/gitlab").to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["errors"], 0);
    assert_eq!(report["warnings"], 1);
    let problem = &report["problems"][0];
    assert_eq!(problem["severity"], "warning");
    assert_eq!(problem["file"], "data/incident/3.json");
    assert_eq!(problem["field"], "description");
    assert_eq!(problem["line"], 5);
    assert_eq!(problem["column"], 201);
}

#[test]
fn cannot_run_is_exit_code_2() {
    let run = check(&temp_dir("gone").join("missing"));
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is neither a directory nor a file"),
        "{}",
        run.stderr
    );
    let run = sitrep(&["check", "http://127.0.0.1:9/"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

/// Serves files from `root` on 127.0.0.1 for a bounded number of requests (GET and HEAD).
fn serve(root: &'static Path, requests: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/bucket/", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().take(requests) {
            let Ok(mut stream) = stream else { continue };
            let mut line = String::new();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            reader.read_line(&mut line).unwrap();
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).unwrap() <= 2 {
                    break;
                }
            }
            let mut parts = line.split_whitespace();
            let method = parts.next().unwrap_or_default();
            let path = parts
                .next()
                .unwrap_or_default()
                .trim_start_matches("/bucket/");
            let body = std::fs::read(root.join(path)).ok();
            let status = if body.is_some() {
                "200 OK"
            } else {
                "404 Not Found"
            };
            let body = body.unwrap_or_default();
            let head = format!(
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            if method == "GET" {
                let _ = stream.write_all(&body);
            }
        }
    });
    url
}

#[test]
fn checks_a_bucket_over_http() {
    let root: &'static Path = Box::leak(repo("tests/fixtures/gitlab").into_boxed_path());
    let url = serve(root, 20);
    let run = sitrep(&["check", &url]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("data/incident/3.json:5:201: warning: field description: image data/incident/3/0123456789abcdef0123456789abcdef/graph.png is not in the bucket"), "{}", run.stderr);
    assert!(
        run.stderr.contains("checked 4 files: 0 errors, 1 warning"),
        "{}",
        run.stderr
    );

    let root: &'static Path = Box::leak(repo("demo/sitrep").into_boxed_path());
    let url = serve(root, 40);
    let run = sitrep(&["check", url.trim_end_matches('/')]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("checked 29 files"), "{}", run.stderr);
}

#[test]
fn a_detail_file_in_another_format_is_checked_too() {
    let bucket = temp_dir("detail-format");
    write(&bucket.join("data/list.json"), LIST);
    write(
        &bucket.join("data/incident/a.json"),
        DETAIL_A.replace("\"resolved\"", "\"fixed\""),
    );
    let run = check(&bucket);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("data/incident/a.json:1:51: field status: unknown variant `fixed`"),
        "{}",
        run.stderr
    );
}
