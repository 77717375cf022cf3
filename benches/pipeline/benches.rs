use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};
use serde::de::IgnoredAny;
use sitrep::content::markdown::render_markdown;
use sitrep::feed::{parse_detail, parse_list, FormatChoice};
use sitrep::overview::overview;
use sitrep::time::{Timestamp, Zone};

const BASE: &str = "https://status.example.com/feed/";
/// 2026-11-23T09:00:00Z, the demo data's "now".
const NOW_MS: i64 = 1_795_424_400_000;
const HOUR_MS: i64 = 3_600_000;

/// Small deterministic generator (xorshift), so every run parses the same bytes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const COMPONENTS: &[&str] = &["api", "dashboard", "database", "webhooks", "cdn", "auth"];
const SUBJECTS: &[&str] = &[
    "Elevated error rates on the Public API",
    "Dashboard sign-in page slow to load",
    "Webhooks delivered late",
    "Write errors during database failover",
    "CDN serving stale assets in Europe",
    "Single sign-on failures for some organisations",
    "Delayed notification emails",
    "Build queue backlog",
];
const WORDS: &str = "requests gateway region latency deploy rollback queue workers customers \
    retries database replica cache certificate endpoint traffic timeouts backlog recovered \
    monitoring investigating the a of to and is are we some";

fn iso(ms: i64) -> String {
    Timestamp::from_millis(ms).to_rfc3339()
}

fn sentence(rng: &mut Rng, count: usize) -> String {
    let words: Vec<&str> = WORDS.split_whitespace().collect();
    let mut s = String::new();
    for i in 0..count {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(rng.pick(&words));
    }
    s.push('.');
    s
}

/// One update body of about 400 bytes, using the markdown the format allows.
fn markdown_body(rng: &mut Rng, i: usize) -> String {
    let mut body = String::new();
    let _ = write!(
        body,
        "{} Requests to `/v2/deployments` fail with **502** in *eu-west-{}*.",
        sentence(rng, 10),
        i % 3 + 1
    );
    match i % 5 {
        0 => {
            let _ = write!(
                body,
                "\n\n| Region | Error rate |\n| --- | ---: |\n| eu-west-1 | {}.{}% |\n| us-east-1 | {}.0% |",
                rng.below(20),
                rng.below(10),
                rng.below(9)
            );
        }
        1 => {
            let _ = write!(
                body,
                "\n\n- {}\n- {}\n- [x] {}",
                sentence(rng, 6),
                sentence(rng, 5),
                sentence(rng, 4)
            );
        }
        2 => {
            let _ = write!(
                body,
                "\n\nDetails: https://docs.example.com/incidents/{i} or write to support@example.com."
            );
        }
        3 => {
            let _ = write!(
                body,
                "\n\n```\nERR_READ_ONLY: write rejected on node db-{}\n```",
                rng.below(8)
            );
        }
        _ => {
            let _ = write!(
                body,
                "\n\n![Error rate](data/incident/big/graph-{i}.png) See [the runbook](https://runbooks.example.com/{i})."
            );
        }
    }
    let _ = write!(body, "\n\n{}", sentence(rng, 26));
    body
}

fn native_summary(rng: &mut Rng, i: usize, now: i64) -> String {
    let started = now - (i as i64 + 1) * 7 * HOUR_MS;
    let resolved = started + (rng.below(5) as i64 + 1) * HOUR_MS;
    let (status, resolved_at) = if i < 2 {
        ("identified", String::new())
    } else {
        ("resolved", format!(r#","resolved_at":"{}""#, iso(resolved)))
    };
    format!(
        r#"{{"id":"inc-{i:05}","title":"{} #{i}","status":"{status}","impact":"{}","components":["{}"],"started_at":"{}","updated_at":"{}"{resolved_at},"latest_update":"{}"}}"#,
        rng.pick(SUBJECTS),
        rng.pick(&["minor", "major", "critical"]),
        rng.pick(COMPONENTS),
        iso(started),
        iso(resolved),
        sentence(rng, 12),
    )
}

fn native_list(count: usize) -> String {
    let mut rng = Rng(0x5eed_0001);
    let components: Vec<String> = COMPONENTS
        .iter()
        .map(|c| format!(r#"{{"id":"{c}","name":"{c} service"}}"#))
        .collect();
    let incidents: Vec<String> = (0..count)
        .map(|i| native_summary(&mut rng, i, NOW_MS))
        .collect();
    format!(
        r#"{{"sitrep":1,"components":[{}],"incidents":[{}]}}"#,
        components.join(","),
        incidents.join(",\n")
    )
}

fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A detail file with `updates` updates of ~400 bytes of markdown each.
fn native_detail(updates: usize) -> (String, String) {
    let mut rng = Rng(0x5eed_0002);
    let start = NOW_MS - 40 * 24 * HOUR_MS;
    let mut all_markdown = String::new();
    let items: Vec<String> = (0..updates)
        .map(|i| {
            let body = markdown_body(&mut rng, i);
            all_markdown.push_str(&body);
            all_markdown.push_str("\n\n");
            let status = if i + 1 == updates {
                "resolved"
            } else {
                "monitoring"
            };
            format!(
                r#"{{"id":"u{i}","status":"{status}","at":"{}","body":{}}}"#,
                iso(start + i as i64 * 60_000),
                json_string(&body)
            )
        })
        .collect();
    let json = format!(
        r#"{{"sitrep":1,"id":"big","title":"A long incident","status":"resolved","impact":"major","components":["api"],"started_at":"{}","updated_at":"{}","resolved_at":"{}","description":{},"updates":[{}]}}"#,
        iso(start),
        iso(start + updates as i64 * 60_000),
        iso(start + updates as i64 * 60_000),
        json_string("Some requests fail with `502 Bad Gateway`. See https://docs.example.com/api."),
        items.join(",\n")
    );
    (json, all_markdown)
}

fn gitlab_html(rng: &mut Rng, i: usize) -> String {
    let text = sentence(rng, 14);
    let mut html = format!(
        r#"<p data-sourcepos="1:1-1:{}" dir="auto">{text} Requests fail with <code>ERR_READ_ONLY</code>.</p>"#,
        text.len() + 40
    );
    if i % 4 == 0 {
        let _ = write!(
            html,
            "\n<ul data-sourcepos=\"3:1-4:40\" dir=\"auto\">\n<li data-sourcepos=\"3:1-3:20\">{}</li>\n<li data-sourcepos=\"4:1-4:20\">{}</li>\n</ul>",
            sentence(rng, 5),
            sentence(rng, 6)
        );
    }
    if i % 7 == 0 {
        let _ = write!(
            html,
            "\n<p data-sourcepos=\"6:1-6:61\" dir=\"auto\"><a class=\"no-attachment-icon\" href=\"data/incident/3/4f9e2b0c6d7a8e1f3b5c9d2a7e6f4b1c/graph.png\" target=\"_blank\" rel=\"noopener noreferrer\"><img class=\"gl-image\" alt=\"graph\" src=\"data/incident/3/4f9e2b0c6d7a8e1f3b5c9d2a7e6f4b1c/graph.png\"></a></p>"
        );
    }
    html
}

fn gitlab_entry(rng: &mut Rng, iid: usize, extra: &str) -> String {
    let created = NOW_MS - (iid as i64 + 1) * 9 * HOUR_MS;
    let status = if iid < 2 { "opened" } else { "closed" };
    format!(
        r#"{{"id":{iid},"status":"{status}","title":{},"links":{{"details":"data/incident/{iid}.json"}},"created_at":"{}","updated_at":"{}"{extra}}}"#,
        json_string(&format!(
            "<code>{}</code> {}",
            rng.pick(COMPONENTS),
            rng.pick(SUBJECTS)
        )),
        iso(created),
        iso(created + 2 * HOUR_MS),
    )
}

/// GitLab's publisher keeps at most 20 incidents in the list.
fn gitlab_list(count: usize) -> String {
    let mut rng = Rng(0x5eed_0003);
    let entries: Vec<String> = (0..count)
        .map(|iid| gitlab_entry(&mut rng, iid, ""))
        .collect();
    format!(r#"{{"incidents":[{}]}}"#, entries.join(","))
}

/// GitLab publishes at most 100 comments per incident.
fn gitlab_detail(comments: usize) -> String {
    let mut rng = Rng(0x5eed_0004);
    let created = NOW_MS - 30 * HOUR_MS;
    let notes: Vec<String> = (0..comments)
        .map(|i| {
            format!(
                r#"{{"note":{},"created_at":"{}"}}"#,
                json_string(&gitlab_html(&mut rng, i)),
                iso(created + i as i64 * 60_000)
            )
        })
        .collect();
    let description = json_string(&gitlab_html(&mut rng, 0));
    gitlab_entry(
        &mut rng,
        7,
        &format!(
            r#","description":{description},"comments":[{}]"#,
            notes.join(",")
        ),
    )
}

fn configure<'a>(
    c: &'a mut Criterion,
    name: &str,
) -> BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let mut group = c.benchmark_group(name);
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    group
}

fn parsers(c: &mut Criterion) {
    let list = native_list(1000);
    let (detail, _) = native_detail(500);
    let gl_list = gitlab_list(20);
    let gl_detail = gitlab_detail(100);
    let list_file = "data/list.json";
    let detail_file = "data/incident/big.json";
    // Fail loudly (not in the timing loop) if the generated inputs stop being valid.
    parse_list(list_file, list.as_bytes(), FormatChoice::Auto).expect("native list");
    parse_detail(detail_file, detail.as_bytes(), FormatChoice::Auto).expect("native detail");
    parse_list(list_file, gl_list.as_bytes(), FormatChoice::Auto).expect("gitlab list");
    parse_detail(detail_file, gl_detail.as_bytes(), FormatChoice::Auto).expect("gitlab detail");

    let mut group = configure(c, "parse");
    let cases: [(&str, &str, bool, FormatChoice); 6] = [
        (
            "native list, 1000 incidents",
            &list,
            true,
            FormatChoice::Auto,
        ),
        (
            "native list, 1000 incidents, format forced",
            &list,
            true,
            FormatChoice::Sitrep,
        ),
        (
            "native detail, 500 updates",
            &detail,
            false,
            FormatChoice::Auto,
        ),
        (
            "GitLab list, 20 incidents",
            &gl_list,
            true,
            FormatChoice::Auto,
        ),
        (
            "GitLab detail, 100 comments",
            &gl_detail,
            false,
            FormatChoice::Auto,
        ),
        (
            "GitLab detail, 100 comments, format forced",
            &gl_detail,
            false,
            FormatChoice::Gitlab,
        ),
    ];
    for (name, input, is_list, choice) in cases {
        group.throughput(Throughput::Bytes(input.len() as u64));
        if is_list {
            group.bench_function(name, |b| {
                b.iter(|| parse_list(list_file, black_box(input.as_bytes()), choice))
            });
        } else {
            group.bench_function(name, |b| {
                b.iter(|| parse_detail(detail_file, black_box(input.as_bytes()), choice))
            });
        }
    }
    // The floor for any parser: serde_json reading the same bytes into nothing.
    group.throughput(Throughput::Bytes(list.len() as u64));
    group.bench_function("JSON syntax only (serde_json), native list", |b| {
        b.iter(|| serde_json::from_slice::<IgnoredAny>(black_box(list.as_bytes())))
    });
    group.finish();
}

fn normalisation(c: &mut Criterion) {
    let list = native_list(1000);
    let parsed = parse_list("data/list.json", list.as_bytes(), FormatChoice::Auto).expect("native list");
    let now = Timestamp::from_millis(NOW_MS);
    let mut group = configure(c, "normalise");
    // Per KB of the list file the incidents came from.
    group.throughput(Throughput::Bytes(list.len() as u64));
    group.bench_function("overview of 1000 incidents (list page model)", |b| {
        b.iter(|| overview(black_box(&parsed.incidents), now, |_| Zone::fixed(60)))
    });
    group.finish();
}

fn markdown(c: &mut Criterion) {
    let (_, document) = native_detail(500);
    let mut rng = Rng(0x5eed_0005);
    let typical = markdown_body(&mut rng, 1);
    let mut group = configure(c, "markdown");
    group.throughput(Throughput::Bytes(document.len() as u64));
    group.bench_function("render 500 update bodies as one document", |b| {
        b.iter(|| render_markdown(black_box(&document), BASE))
    });
    group.throughput(Throughput::Bytes(typical.len() as u64));
    group.bench_function("render one typical update body", |b| {
        b.iter(|| render_markdown(black_box(&typical), BASE))
    });
    group.finish();
}

criterion_group!(benches, parsers, normalisation, markdown);
criterion_main!(benches);
