//! `sitrep build` and `sitrep new`, run as the real binary: the demo sources, determinism,
//! unchanged files, every error path, and output read back by the viewer's parsers and by an
//! independent JSON Schema validator.

// The binary and the readers these tests use are native only.
#![cfg(not(target_arch = "wasm32"))]

mod cli_support;

use std::path::Path;

use cli_support::{files, mtimes, repo, sitrep, temp_dir, write, DEMO_NOW};
use serde_json::Value;
use sitrep::feed::{parse_archive, parse_detail, parse_list, FormatChoice, LIST_PATH};

const SETTINGS: &str =
    "list_limit = 2\n\n[[components]]\nid = \"api\"\nname = \"Public API\"\ngroup = \"API\"\n";

const GOOD: &str = "+++\ntitle = \"API errors\"\nimpact = \"major\"\ncomponents = [\"api\"]\n+++\n\nSome requests fail.\n\n## now-2h — investigating\n\nLooking.\n\n## now-1h — resolved\n\nFixed.\n";

fn build(sources: &Path, bucket: &Path) -> cli_support::Run {
    sitrep(&[
        "build".as_ref(),
        sources.as_os_str(),
        bucket.as_os_str(),
        "--now".as_ref(),
        DEMO_NOW.as_ref(),
    ])
}

#[test]
fn demo_sources_build_the_committed_demo_bucket() {
    // The committed demo bucket (used by the browser tests at the demo's fixed time) is
    // exactly this build; regenerate it with
    // `sitrep build demo/sitrep/incidents demo/sitrep --now 2026-11-23T09:00:00Z`.
    let out = temp_dir("demo-build");
    let run = build(&repo("demo/sitrep/incidents"), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("27 incidents; 31 written, 0 unchanged"),
        "{}",
        run.stderr
    );
    let committed = files(&repo("demo/sitrep"), &["incidents"]);
    let built = files(&out, &[]);
    assert_eq!(
        committed.keys().collect::<Vec<_>>(),
        built.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &built {
        assert!(
            committed[path] == *bytes,
            "demo/sitrep/{path} is not what the sources build"
        );
    }
}

#[test]
fn output_is_read_by_the_viewer_and_matches_the_schemas() {
    let out = temp_dir("demo-schemas");
    assert_eq!(build(&repo("demo/sitrep/incidents"), &out).code, 0);
    let schema = |name: &str| -> Value {
        serde_json::from_slice(
            &std::fs::read(repo(&format!("schema/sitrep-{name}.schema.json"))).unwrap(),
        )
        .unwrap()
    };
    let (list_schema, incident_schema, archive_schema) =
        (schema("list"), schema("incident"), schema("archive"));
    let registry = jsonschema::Registry::new()
        .add(
            incident_schema["$id"].as_str().unwrap(),
            incident_schema.clone(),
        )
        .unwrap()
        .prepare()
        .unwrap();
    let validator = |schema: &Value| {
        jsonschema::options()
            .with_registry(&registry)
            .should_validate_formats(true)
            .build(schema)
            .unwrap()
    };
    let (list_v, incident_v, archive_v) = (
        validator(&list_schema),
        validator(&incident_schema),
        validator(&archive_schema),
    );
    let mut checked = 0;
    for (path, bytes) in files(&out, &[]) {
        let json = || serde_json::from_slice::<Value>(&bytes).unwrap();
        let errors: Vec<String> = if path == LIST_PATH {
            let list = parse_list(&path, &bytes, FormatChoice::Auto).unwrap();
            assert_eq!(list.incidents.len(), 15);
            assert_eq!(list.archive.len(), 1);
            list_v.iter_errors(&json()).map(|e| e.to_string()).collect()
        } else if path.starts_with("data/archive/") {
            assert_eq!(parse_archive(&path, &bytes).unwrap().len(), 12);
            archive_v
                .iter_errors(&json())
                .map(|e| e.to_string())
                .collect()
        } else if path.starts_with("data/incident/") {
            let detail = parse_detail(&path, &bytes, FormatChoice::Auto).unwrap();
            assert!(path.ends_with(&format!("/{}.json", detail.incident.id)));
            incident_v
                .iter_errors(&json())
                .map(|e| e.to_string())
                .collect()
        } else {
            continue;
        };
        assert!(errors.is_empty(), "{path}: {errors:?}");
        checked += 1;
    }
    assert_eq!(checked, 29);
    // The schemas are really applied: a wrong status is caught.
    let mut broken: Value =
        serde_json::from_slice(&std::fs::read(out.join(LIST_PATH)).unwrap()).unwrap();
    broken["incidents"][0]["status"] = "on_fire".into();
    assert!(!list_v.is_valid(&broken));
}

#[test]
fn relative_times_count_from_now_and_images_get_hashed_names() {
    let sources = temp_dir("relative-sources");
    write(&sources.join("sitrep.toml"), SETTINGS);
    write(
        &sources.join("api.md"),
        GOOD.replace("Fixed.", "Fixed.\n\n![graph](graph.png)"),
    );
    write(&sources.join("graph.png"), b"not really a png");
    let out = temp_dir("relative-out");
    assert_eq!(build(&sources, &out).code, 0);
    let detail: Value =
        serde_json::from_slice(&std::fs::read(out.join("data/incident/api.json")).unwrap())
            .unwrap();
    assert_eq!(detail["started_at"], "2026-11-23T07:00:00Z");
    assert_eq!(detail["updated_at"], "2026-11-23T08:00:00Z");
    assert_eq!(detail["resolved_at"], "2026-11-23T08:00:00Z");
    assert_eq!(detail["status"], "resolved");
    assert_eq!(detail["latest_update"], "Fixed.");
    assert_eq!(detail["updates"][0]["id"], "u1");
    let image = "data/images/graph-8b9b0c3f1f2f4a0e.png";
    let hashed = files(&out, &[])
        .into_keys()
        .find(|p| p.starts_with("data/images/graph-"))
        .unwrap();
    assert_eq!(hashed.len(), image.len(), "{hashed}");
    assert!(detail["updates"][1]["body"]
        .as_str()
        .unwrap()
        .ends_with(&format!("![graph]({hashed})")));
}

#[test]
fn same_input_gives_the_same_bytes_and_unchanged_files_keep_their_time() {
    let first = temp_dir("determinism-a");
    let second = temp_dir("determinism-b");
    assert_eq!(build(&repo("demo/sitrep/incidents"), &first).code, 0);
    assert_eq!(build(&repo("demo/sitrep/incidents"), &second).code, 0);
    assert_eq!(files(&first, &[]), files(&second, &[]));

    let before = mtimes(&first);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let again = build(&repo("demo/sitrep/incidents"), &first);
    assert_eq!(again.code, 0);
    assert!(
        again.stderr.contains("0 written, 31 unchanged"),
        "{}",
        again.stderr
    );
    assert_eq!(before, mtimes(&first));
}

#[test]
fn a_failed_build_writes_nothing() {
    let sources = temp_dir("failure-sources");
    write(&sources.join("sitrep.toml"), SETTINGS);
    write(&sources.join("api.md"), GOOD);
    let out = temp_dir("failure-out");
    assert_eq!(build(&sources, &out).code, 0);
    let (before, times) = (files(&out, &[]), mtimes(&out));
    write(
        &sources.join("api.md"),
        GOOD.replace("Some requests fail.", "Changed."),
    );
    write(&sources.join("broken.md"), "+++\ntitle = \n+++\n");
    let run = build(&sources, &out);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("nothing written"), "{}", run.stderr);
    assert_eq!(before, files(&out, &[]));
    assert_eq!(times, mtimes(&out));
}

#[test]
fn files_no_longer_generated_are_removed_unless_edited() {
    let sources = temp_dir("stale-sources");
    write(&sources.join("sitrep.toml"), SETTINGS);
    for name in ["a", "b", "c"] {
        write(&sources.join(format!("{name}.md")), GOOD);
    }
    let out = temp_dir("stale-out");
    write(&out.join("data/incident/hand-written.json"), "{}");
    assert_eq!(build(&sources, &out).code, 0);
    assert!(
        out.join("data/archive/2026.json").exists(),
        "three incidents, list_limit 2"
    );
    std::fs::remove_file(sources.join("a.md")).unwrap();
    std::fs::remove_file(sources.join("b.md")).unwrap();
    write(&out.join("data/incident/b.json"), "edited by hand");
    let run = build(&sources, &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!out.join("data/incident/a.json").exists());
    assert!(
        !out.join("data/archive/2026.json").exists(),
        "one incident needs no archive"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("data/incident/b.json")).unwrap(),
        "edited by hand"
    );
    assert!(
        out.join("data/incident/hand-written.json").exists(),
        "never written by sitrep"
    );
    assert!(
        run.stderr.contains("b.json: warning: no longer generated, but changed since sitrep wrote it: left in place"),
        "{}",
        run.stderr
    );
}

/// Each broken source, and the `file:line: message` the build must give for it.
#[test]
fn every_error_names_the_file_and_line() {
    let cases: &[(&str, &str, &str)] = &[
        ("no-front.md", "# Title\n", "no-front.md:1: expected front matter: the file starts with +++ (TOML) or --- (YAML)"),
        ("unclosed.md", "+++\ntitle = \"x\"\n", "unclosed.md:1: the front matter is not closed by a +++ line"),
        ("toml-syntax.md", "+++\ntitle = \"x\"\nimpact = major\n+++\n", "toml-syntax.md:3: front matter: "),
        ("yaml-syntax.md", "---\ntitle: x\ncomponents: [api\n---\n", "yaml-syntax.md:"),
        ("unknown-field.md", "+++\ntitle = \"x\"\nseverity = \"high\"\n+++\n", "unknown-field.md:3: front matter: unknown field `severity`"),
        ("bad-status.md", "+++\ntitle = \"x\"\nstarted_at = \"now\"\nstatus = \"on_fire\"\n+++\n", "bad-status.md:4: front matter: unknown variant `on_fire`"),
        ("heading-status.md", "+++\ntitle = \"x\"\n+++\n\n## now-1h — on_fire\n\nHm.\n", "heading-status.md:5: unknown status \"on_fire\""),
        ("heading-shape.md", "+++\ntitle = \"x\"\n+++\n\n## Something happened\n", "heading-shape.md:5: an update heading is `## <time> — <status>`"),
        ("order.md", "+++\ntitle = \"x\"\n+++\n\n## now-1h — investigating\n\nA.\n\n## now-2h — identified\n\nB.\n", "order.md:9: this update (2026-11-23T07:00:00Z) is older than the one before it (2026-11-23T08:00:00Z, line 5): updates go oldest first"),
        ("bad-time.md", "+++\ntitle = \"x\"\nstarted_at = \"yesterday\"\n+++\n", "bad-time.md:3: started_at: invalid timestamp \"yesterday\""),
        ("bad-relative.md", "+++\ntitle = \"x\"\n+++\n\n## now-2x — investigating\n", "bad-relative.md:5: invalid relative time \"now-2x\""),
        ("wrong-kind.md", "+++\ntitle = \"x\"\n+++\n\n## now — scheduled\n", "wrong-kind.md:5: status scheduled does not fit an incident"),
        ("no-window.md", "+++\ntitle = \"x\"\nkind = \"maintenance\"\nstatus = \"scheduled\"\n+++\n", "no-window.md:3: scheduled_start is missing"),
        ("component.md", "+++\ntitle = \"x\"\ncomponents = [\"apii\"]\n+++\n\n## now — investigating\n", "component.md:3: unknown component \"apii\"; sitrep.toml lists: api"),
        ("image.md", "+++\ntitle = \"x\"\n+++\n\n## now — investigating\n\nSee:\n\n![graph](missing.png)\n", "image.md:9: image missing.png not found"),
        ("no-status.md", "+++\ntitle = \"x\"\nstarted_at = \"now\"\n+++\n", "no-status.md:1: no status: set status in the front matter or add an update"),
        ("bad id.md", "+++\ntitle = \"x\"\n+++\n\n## now — investigating\n", "bad id.md:1: \"bad id\" is not a valid id"),
        ("update-id.md", "+++\ntitle = \"x\"\n+++\n\n## now-1h — investigating {#a}\n\n## now — resolved {#a}\n", "update-id.md:7: update id a is used twice (also line 5)"),
    ];
    for (name, text, expected) in cases {
        let sources = temp_dir("errors");
        write(&sources.join("sitrep.toml"), SETTINGS);
        write(&sources.join(name), text);
        let out = temp_dir("errors-out");
        let run = build(&sources, &out);
        assert_eq!(run.code, 1, "{name}: {}", run.stderr);
        let shown = format!("{}{expected}", sources.join("").display());
        assert!(
            run.stderr.contains(&shown),
            "{name}: expected {shown:?} in\n{}",
            run.stderr
        );
        assert!(files(&out, &[]).is_empty(), "{name}: nothing is written");
    }
}

#[test]
fn duplicate_ids_and_bad_settings_are_errors() {
    let sources = temp_dir("duplicates");
    write(&sources.join("sitrep.toml"), SETTINGS);
    write(&sources.join("a.md"), GOOD);
    write(
        &sources.join("b.md"),
        GOOD.replace("+++\ntitle", "+++\nid = \"a\"\ntitle"),
    );
    let run = build(&sources, &temp_dir("duplicates-out"));
    assert_eq!(run.code, 1);
    let expected = format!(
        "{}:2: id a is also used by {}",
        sources.join("b.md").display(),
        sources.join("a.md").display()
    );
    assert!(run.stderr.contains(&expected), "{}", run.stderr);

    write(
        &sources.join("sitrep.toml"),
        "list_limit = 2\ncolour = \"red\"\n",
    );
    let run = build(&sources, &temp_dir("duplicates-out"));
    assert_eq!(run.code, 1);
    let expected = format!(
        "{}:2: unknown field `colour`",
        sources.join("sitrep.toml").display()
    );
    assert!(run.stderr.contains(&expected), "{}", run.stderr);
}

#[test]
fn build_cannot_run_without_its_sources() {
    let run = build(
        &temp_dir("nothing").join("missing"),
        &temp_dir("nothing-out"),
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.starts_with("sitrep: "), "{}", run.stderr);
}

#[test]
fn new_writes_a_buildable_incident_and_never_overwrites() {
    let dir = temp_dir("new");
    let args = [
        "new",
        "Database: slow queries!",
        "--dir",
        dir.to_str().unwrap(),
        "--now",
        "2026-11-23T08:59:30Z",
    ];
    let run = sitrep(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let file = dir.join("2026-11-23-database-slow-queries.md");
    assert_eq!(run.stdout.trim(), file.display().to_string());
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.starts_with("+++\ntitle = \"Database: slow queries!\"\n"),
        "{text}"
    );
    assert!(
        text.contains("started_at = \"2026-11-23T08:59:00Z\""),
        "{text}"
    );
    assert!(
        text.contains("## 2026-11-23T08:59:00Z — investigating"),
        "{text}"
    );
    assert_eq!(
        build(&dir, &temp_dir("new-out")).code,
        0,
        "a new file builds as it is"
    );

    std::fs::write(&file, "edited").unwrap();
    let again = sitrep(&args);
    assert_eq!(again.code, 1);
    assert!(
        again
            .stderr
            .contains("2026-11-23-database-slow-queries.md: already exists; not overwritten"),
        "{}",
        again.stderr
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "edited");
}

#[test]
fn every_subcommand_has_help() {
    for command in ["check", "build", "new", "feed"] {
        let run = sitrep(&[command, "--help"]);
        assert_eq!(run.code, 0);
        assert!(
            run.stdout.contains("Usage: sitrep"),
            "{command}: {}",
            run.stdout
        );
    }
    let run = sitrep(&["frobnicate"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("unrecognized subcommand"),
        "{}",
        run.stderr
    );
}
