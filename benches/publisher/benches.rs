use std::path::{Path, PathBuf};
use std::process::Command;

use criterion::{criterion_group, criterion_main, Criterion};

const INCIDENTS: usize = 10_000;
const NOW: &str = "2026-11-23T09:00:00Z";

fn sitrep(args: &[&str]) {
    let output = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .output()
        .expect("sitrep runs");
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// 10,000 incident files of three updates each, a day apart, with five components.
fn sources(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let mut settings = String::from("list_limit = 50\n");
    for id in ["api", "web", "db", "cdn", "hooks"] {
        settings.push_str(&format!(
            "\n[[components]]\nid = \"{id}\"\nname = \"{id}\"\n"
        ));
    }
    std::fs::write(dir.join("sitrep.toml"), settings).unwrap();
    for i in 0..INCIDENTS {
        let text = format!(
            "+++\ntitle = \"Incident number {i}\"\nimpact = \"minor\"\ncomponents = [\"api\", \"db\"]\n+++\n\n\
             Requests to the **API** failed for some customers.\n\n\
             ## now-{start}h — investigating\n\nWe are looking into `5xx` errors. See https://example.com/{i}.\n\n\
             ## now-{mid}h — identified\n\n| Region | Errors |\n| --- | ---: |\n| eu | 3% |\n\n\
             ## now-{end}h — resolved\n\nFixed; all requests succeed again.\n",
            start = 3 * i + 3,
            mid = 3 * i + 2,
            end = 3 * i + 1,
        );
        std::fs::write(dir.join(format!("incident-{i:05}.md")), text).unwrap();
    }
}

fn publisher(c: &mut Criterion) {
    let root = std::env::temp_dir().join(format!("sitrep-bench-{}", std::process::id()));
    let incidents = root.join("incidents");
    sources(&incidents);
    let bucket = root.join("bucket");
    sitrep(&[
        "build",
        incidents.to_str().unwrap(),
        bucket.to_str().unwrap(),
        "--now",
        NOW,
    ]);

    let mut group = c.benchmark_group("publisher (10,000 incidents)");
    group.sample_size(10);
    let mut run = 0;
    group.bench_function("build into an empty bucket", |b| {
        b.iter_batched(
            || {
                run += 1;
                root.join(format!("fresh-{run}"))
            },
            |out: PathBuf| {
                sitrep(&[
                    "build",
                    incidents.to_str().unwrap(),
                    out.to_str().unwrap(),
                    "--now",
                    NOW,
                ]);
                out
            },
            criterion::BatchSize::PerIteration,
        )
    });
    group.bench_function("build, nothing changed", |b| {
        b.iter(|| {
            sitrep(&[
                "build",
                incidents.to_str().unwrap(),
                bucket.to_str().unwrap(),
                "--now",
                NOW,
            ])
        })
    });
    group.bench_function("check", |b| {
        b.iter(|| sitrep(&["check", bucket.to_str().unwrap()]))
    });
    let feeds = root.join("feeds");
    group.bench_function("feed", |b| {
        b.iter(|| {
            sitrep(&[
                "feed",
                bucket.to_str().unwrap(),
                "--site-url",
                "https://status.example.com/",
                feeds.to_str().unwrap(),
            ])
        })
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&root);
}

criterion_group!(benches, publisher);
criterion_main!(benches);
