//! GitLab Status Page buckets, read unchanged; and how a bucket's format is chosen.

use std::path::PathBuf;

use serde_json::{json, Value};
use sitrep::feed::model::{Format, IncidentDetail, IncidentList, Kind, Markup, Status};
use sitrep::feed::{parse_detail, parse_list, FeedError, FormatChoice, LIST_PATH};
use sitrep::time::Timestamp;

fn ts(value: &str) -> Timestamp {
    Timestamp::parse(value).unwrap()
}

fn fixture(rel: &str) -> Vec<u8> {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "tests",
        "fixtures",
        "gitlab",
        rel,
    ]
    .iter()
    .collect();
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn list_with(bytes: &[u8], choice: FormatChoice) -> Result<IncidentList, FeedError> {
    parse_list(LIST_PATH, bytes, choice)
}

fn list(value: &Value) -> Result<IncidentList, FeedError> {
    list_with(value.to_string().as_bytes(), FormatChoice::Auto)
}

fn detail_with(
    file: &str,
    bytes: &[u8],
    choice: FormatChoice,
) -> Result<IncidentDetail, FeedError> {
    parse_detail(file, bytes, choice)
}

fn detail(value: &Value) -> Result<IncidentDetail, FeedError> {
    detail_with(
        "data/incident/7.json",
        value.to_string().as_bytes(),
        FormatChoice::Auto,
    )
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

fn field_error<T: std::fmt::Debug>(result: Result<T, FeedError>) -> (String, String, String) {
    match result {
        Err(FeedError::Field {
            file,
            field,
            detail,
        }) => (file, field, detail.to_string()),
        other => panic!("expected a field error, got {other:?}"),
    }
}

// ---------------------------------------------------------------- list files

#[test]
fn fixture_bucket_list_parses() {
    let parsed = list_with(&fixture("data/list.json"), FormatChoice::Auto).unwrap();
    assert_eq!(parsed.format, Format::GitLab);
    assert!(parsed.archive.is_empty());
    assert!(parsed.component_names.is_empty());
    let ids: Vec<&str> = parsed.incidents.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["3", "2", "1"]);

    let open = &parsed.incidents[0];
    assert_eq!(open.status, Status::Ongoing);
    assert_eq!(open.resolved_at, None);
    assert_eq!(open.impact, None);
    assert_eq!(open.kind, Kind::Incident);
    assert!(open.components.is_empty());
    assert_eq!(open.latest_update, None);
    assert_eq!(open.started_at, ts("2020-02-21T07:10:46.097Z"));
    assert_eq!(open.updated_at, ts("2020-02-21T09:32:11.512Z"));
    assert_eq!(open.detail_path, "data/incident/3.json");

    let closed = &parsed.incidents[1];
    assert_eq!(closed.status, Status::Resolved);
    assert_eq!(closed.resolved_at, Some(ts("2020-02-18T15:47:09.001Z")));
    assert_eq!(
        closed.title,
        Markup::Html("Slow <code>git push</code> over SSH".to_string())
    );
}

#[test]
fn titles_stay_html_unchanged() {
    let parsed = list_with(&fixture("data/list.json"), FormatChoice::Auto).unwrap();
    match &parsed.incidents[0].title {
        Markup::Html(html) => {
            assert!(
                html.starts_with("<gl-emoji title=\"warning sign\""),
                "{html}"
            );
            assert!(
                html.ends_with("</gl-emoji> Elevated API error rates"),
                "{html}"
            );
        }
        other => panic!("GitLab titles are HTML: {other:?}"),
    }
}

#[test]
fn opened_is_ongoing_and_closed_is_resolved_at_its_last_update() {
    let parsed = list(&json!({ "incidents": [
        gitlab_entry(10, "opened", "2026-11-23T07:00:00Z", "2026-11-23T08:00:00Z"),
        gitlab_entry(11, "closed", "2026-11-22T07:00:00Z", "2026-11-22T09:30:00Z"),
    ]}))
    .unwrap();
    assert_eq!(parsed.incidents[0].status, Status::Ongoing);
    assert!(!parsed.incidents[0].status.is_closed());
    assert_eq!(parsed.incidents[0].resolved_at, None);
    assert_eq!(parsed.incidents[1].status, Status::Resolved);
    assert!(parsed.incidents[1].status.is_closed());
    assert_eq!(
        parsed.incidents[1].resolved_at,
        Some(ts("2026-11-22T09:30:00Z"))
    );
    assert_eq!(
        parsed.incidents[1].resolved_at,
        Some(parsed.incidents[1].updated_at)
    );
}

#[test]
fn early_publishers_state_key_is_accepted() {
    let mut entry = gitlab_entry(5, "closed", "2026-11-23T07:00:00Z", "2026-11-23T08:00:00Z");
    let status = entry.as_object_mut().unwrap().remove("status").unwrap();
    entry["state"] = status;
    // Early publishers also put the description in the list.
    entry["description"] = json!("<p>In the list.</p>");
    let parsed = list(&json!({ "incidents": [entry] })).unwrap();
    assert_eq!(parsed.incidents[0].status, Status::Resolved);
    assert_eq!(
        parsed.incidents[0].resolved_at,
        Some(ts("2026-11-23T08:00:00Z"))
    );

    let mut opened = gitlab_entry(6, "opened", "2026-11-23T07:00:00Z", "2026-11-23T08:00:00Z");
    let status = opened.as_object_mut().unwrap().remove("status").unwrap();
    opened["state"] = status;
    assert_eq!(
        list(&json!({ "incidents": [opened] })).unwrap().incidents[0].status,
        Status::Ongoing
    );
}

#[test]
fn links_details_is_used_and_defaults_when_absent() {
    let mut custom = gitlab_entry(8, "opened", "2026-11-23T07:00:00Z", "2026-11-23T07:00:00Z");
    custom["links"] = json!({ "details": "data/incident/8-renamed.json" });
    let mut missing = gitlab_entry(9, "opened", "2026-11-22T07:00:00Z", "2026-11-22T07:00:00Z");
    missing.as_object_mut().unwrap().remove("links");
    let mut empty_links =
        gitlab_entry(12, "opened", "2026-11-21T07:00:00Z", "2026-11-21T07:00:00Z");
    empty_links["links"] = json!({});
    let parsed = list(&json!({ "incidents": [custom, missing, empty_links] })).unwrap();
    assert_eq!(
        parsed.incidents[0].detail_path,
        "data/incident/8-renamed.json"
    );
    assert_eq!(parsed.incidents[1].detail_path, "data/incident/9.json");
    assert_eq!(parsed.incidents[2].detail_path, "data/incident/12.json");
}

#[test]
fn list_is_newest_first_and_deduplicated() {
    let parsed = list(&json!({ "incidents": [
        gitlab_entry(1, "closed", "2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z"),
        gitlab_entry(3, "opened", "2026-03-01T00:00:00Z", "2026-03-01T00:00:00Z"),
        gitlab_entry(2, "closed", "2026-02-01T00:00:00Z", "2026-02-01T01:00:00Z"),
        gitlab_entry(3, "closed", "2026-04-01T00:00:00Z", "2026-04-01T00:00:00Z"),
    ]}))
    .unwrap();
    let ids: Vec<&str> = parsed.incidents.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["3", "2", "1"]);
    // The first entry with an id wins.
    assert_eq!(parsed.incidents[0].status, Status::Ongoing);
}

#[test]
fn list_errors_name_the_field() {
    let (file, field, _) = field_error(list(&json!({ "incidents": [
        gitlab_entry(1, "opened", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"),
        gitlab_entry(2, "reopened", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"),
    ]})));
    assert_eq!(file, LIST_PATH);
    assert_eq!(field, "incidents[1].status");

    let mut string_id = gitlab_entry(1, "opened", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z");
    string_id["id"] = json!("1");
    let (_, field, _) = field_error(list(&json!({ "incidents": [string_id] })));
    assert_eq!(field, "incidents[0].id");

    let mut negative = gitlab_entry(1, "opened", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z");
    negative["id"] = json!(-1);
    let (_, field, _) = field_error(list(&json!({ "incidents": [negative] })));
    assert_eq!(field, "incidents[0].id");

    let mut no_created = gitlab_entry(1, "opened", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z");
    no_created.as_object_mut().unwrap().remove("created_at");
    let (_, field, _) = field_error(list(&json!({ "incidents": [no_created] })));
    assert_eq!(field, "incidents[0].created_at");

    let (_, field, _) = field_error(list(
        &json!({ "incidents": [gitlab_entry(1, "opened", "2026-01-01T00:00:00Z", "20 Feb 2020")] }),
    ));
    assert_eq!(field, "incidents[0].updated_at");

    let mut null_title = gitlab_entry(1, "opened", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z");
    null_title["title"] = Value::Null;
    let (_, field, _) = field_error(list(&json!({ "incidents": [null_title] })));
    assert_eq!(field, "incidents[0].title");

    let (_, field, _) = field_error(list(&json!({ "incidents": null })));
    assert_eq!(field, "incidents");
}

#[test]
fn numeric_status_names_the_field() {
    // Valid JSON with a wrong value type is a field error, not a syntax error.
    let mut entry = gitlab_entry(1, "opened", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z");
    entry["status"] = json!(42);
    let (file, field, _) = field_error(list(&json!({ "incidents": [entry] })));
    assert_eq!(file, LIST_PATH);
    assert_eq!(field, "incidents[0].status");
}

#[test]
fn html_and_broken_files_are_classified() {
    assert!(matches!(
        list_with(
            b"<!DOCTYPE html><html><body>Access Denied</body></html>",
            FormatChoice::Gitlab
        ),
        Err(FeedError::HtmlInsteadOfJson { .. })
    ));
    assert!(matches!(
        list_with(
            b"<!DOCTYPE html><html><body>Access Denied</body></html>",
            FormatChoice::Auto
        ),
        Err(FeedError::HtmlInsteadOfJson { .. })
    ));
    assert!(matches!(
        list_with(b"{\"incidents\": [{\"id\": 1,", FormatChoice::Auto),
        Err(FeedError::Truncated { .. })
    ));
    assert!(matches!(
        list_with(b"{\"incidents\": [,]}", FormatChoice::Auto),
        Err(FeedError::Syntax { .. })
    ));
}

// ---------------------------------------------------------------- detail files

#[test]
fn fixture_detail_comments_become_updates_newest_first() {
    let parsed = detail_with(
        "data/incident/3.json",
        &fixture("data/incident/3.json"),
        FormatChoice::Auto,
    )
    .unwrap();
    assert_eq!(parsed.incident.id, "3");
    assert_eq!(parsed.incident.status, Status::Ongoing);
    let ids: Vec<&str> = parsed.updates.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, ["3", "2", "1"]);
    let times: Vec<Timestamp> = parsed.updates.iter().map(|u| u.at).collect();
    assert_eq!(
        times,
        [
            ts("2020-02-21T09:32:11.512Z"),
            ts("2020-02-21T08:01:44.000Z"),
            ts("2020-02-21T07:15:02.120Z")
        ]
    );
    assert!(parsed.updates.iter().all(|u| u.status.is_none()));
    assert_eq!(
        parsed.updates[2].body,
        Markup::Html(
            "<p data-sourcepos=\"1:1-1:40\" dir=\"auto\">Incident Responder is investigating.</p>"
                .to_string()
        )
    );
}

#[test]
fn fixture_description_is_kept_as_html() {
    let parsed = detail_with(
        "data/incident/3.json",
        &fixture("data/incident/3.json"),
        FormatChoice::Auto,
    )
    .unwrap();
    match &parsed.description {
        Markup::Html(html) => {
            assert!(html.contains("<code>502</code>"), "{html}");
            // Upload paths stay relative: the view resolves them against the bucket root.
            assert!(
                html.contains("src=\"data/incident/3/0123456789abcdef0123456789abcdef/graph.png\""),
                "{html}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn fixture_details_agree_with_the_list() {
    let parsed = list_with(&fixture("data/list.json"), FormatChoice::Auto).unwrap();
    for incident in &parsed.incidents {
        let bytes = fixture(&incident.detail_path);
        let detail = detail_with(&incident.detail_path, &bytes, FormatChoice::Auto).unwrap();
        assert_eq!(&detail.incident, incident, "{}", incident.detail_path);
    }
}

#[test]
fn comment_ids_count_from_the_oldest() {
    let comments: Vec<Value> = (0..100)
        .map(|i| json!({ "note": format!("<p>note {}</p>", i + 1), "created_at": format!("2026-11-23T07:{:02}:{:02}Z", i / 60, i % 60) }))
        .collect();
    let mut value = gitlab_entry(7, "opened", "2026-11-23T07:00:00Z", "2026-11-23T08:00:00Z");
    value["comments"] = json!(comments);
    value["description"] = json!("<p>desc</p>");
    let parsed = detail(&value).unwrap();
    assert_eq!(parsed.updates.len(), 100);
    assert_eq!(parsed.updates[0].id, "100");
    assert_eq!(
        parsed.updates[0].body,
        Markup::Html("<p>note 100</p>".to_string())
    );
    assert_eq!(parsed.updates[99].id, "1");
    assert_eq!(
        parsed.updates[99].body,
        Markup::Html("<p>note 1</p>".to_string())
    );
    for (i, update) in parsed.updates.iter().enumerate() {
        assert_eq!(update.id, (100 - i).to_string());
    }
    assert_eq!(parsed.description, Markup::Html("<p>desc</p>".to_string()));
}

#[test]
fn detail_without_description_or_comments() {
    let parsed = detail(&gitlab_entry(
        7,
        "closed",
        "2026-11-23T07:00:00Z",
        "2026-11-23T08:00:00Z",
    ))
    .unwrap();
    assert_eq!(parsed.description, Markup::Html(String::new()));
    assert!(parsed.updates.is_empty());
    assert_eq!(parsed.incident.status, Status::Resolved);
    assert_eq!(
        parsed.incident.resolved_at,
        Some(ts("2026-11-23T08:00:00Z"))
    );
}

#[test]
fn detail_comment_errors_name_the_field() {
    let mut value = gitlab_entry(7, "opened", "2026-11-23T07:00:00Z", "2026-11-23T08:00:00Z");
    value["comments"] = json!([
        { "note": "<p>ok</p>", "created_at": "2026-11-23T07:05:00Z" },
        { "note": "<p>no time</p>" }
    ]);
    let (file, field, _) = field_error(detail(&value));
    assert_eq!(file, "data/incident/7.json");
    assert_eq!(field, "comments[1].created_at");
    value["comments"] = json!([{ "note": null, "created_at": "2026-11-23T07:05:00Z" }]);
    let (_, field, _) = field_error(detail(&value));
    assert_eq!(field, "comments[0].note");
}

// ---------------------------------------------------------------- format detection

#[test]
fn auto_detection_picks_gitlab_without_the_version_key() {
    let parsed = list_with(b"{\"incidents\":[]}", FormatChoice::Auto).unwrap();
    assert_eq!(parsed.format, Format::GitLab);
    assert!(parsed.incidents.is_empty());
}

#[test]
fn auto_detection_picks_native_with_the_version_key() {
    let parsed = list_with(b"{\"sitrep\":1,\"incidents\":[]}", FormatChoice::Auto).unwrap();
    assert_eq!(parsed.format, Format::Native);
    // Even a wrong version is read as native, so the version error is reported.
    let (_, field, _) = field_error(list_with(
        b"{\"sitrep\":7,\"incidents\":[]}",
        FormatChoice::Auto,
    ));
    assert_eq!(field, "sitrep");
    // The key's position does not matter.
    let parsed = list_with(b"{\"incidents\":[],\"sitrep\":1}", FormatChoice::Auto).unwrap();
    assert_eq!(parsed.format, Format::Native);
}

#[test]
fn auto_detection_per_detail_file() {
    let native = json!({
        "sitrep": 1, "id": "a", "title": "t", "status": "resolved",
        "started_at": "2026-11-23T07:00:00Z", "updated_at": "2026-11-23T08:00:00Z"
    });
    let parsed = detail_with(
        "data/incident/a.json",
        native.to_string().as_bytes(),
        FormatChoice::Auto,
    )
    .unwrap();
    assert_eq!(parsed.incident.title, Markup::Plain("t".to_string()));
    let parsed = detail_with(
        "data/incident/2.json",
        &fixture("data/incident/2.json"),
        FormatChoice::Auto,
    )
    .unwrap();
    assert!(matches!(parsed.incident.title, Markup::Html(_)));
}

#[test]
fn forcing_the_format() {
    // Forced GitLab: the version key is just an unknown field.
    let parsed = list_with(b"{\"sitrep\":1,\"incidents\":[]}", FormatChoice::Gitlab).unwrap();
    assert_eq!(parsed.format, Format::GitLab);
    // Forced GitLab on a native list with entries: string ids do not fit.
    let native = json!({ "sitrep": 1, "incidents": [{
        "id": "a", "title": "t", "status": "resolved",
        "started_at": "2026-11-23T07:00:00Z", "updated_at": "2026-11-23T08:00:00Z"
    }]});
    let (_, field, _) = field_error(list_with(
        native.to_string().as_bytes(),
        FormatChoice::Gitlab,
    ));
    assert_eq!(field, "incidents[0].id");
    // Forced native on a GitLab list: the version key is missing, and numeric ids do not fit.
    let (file, field, _) = field_error(list_with(b"{\"incidents\":[]}", FormatChoice::Sitrep));
    assert_eq!(file, LIST_PATH);
    assert_eq!(field, "sitrep");
    let (_, field, _) = field_error(list_with(&fixture("data/list.json"), FormatChoice::Sitrep));
    assert!(
        field == "sitrep" || field.starts_with("incidents[0]."),
        "{field}"
    );
    // Forced GitLab on the GitLab fixture is the same as auto.
    assert_eq!(
        list_with(&fixture("data/list.json"), FormatChoice::Gitlab).unwrap(),
        list_with(&fixture("data/list.json"), FormatChoice::Auto).unwrap()
    );
}

#[test]
fn format_choice_reads_lowercase_names() {
    assert_eq!(
        serde_json::from_str::<FormatChoice>("\"auto\"").unwrap(),
        FormatChoice::Auto
    );
    assert_eq!(
        serde_json::from_str::<FormatChoice>("\"sitrep\"").unwrap(),
        FormatChoice::Sitrep
    );
    assert_eq!(
        serde_json::from_str::<FormatChoice>("\"gitlab\"").unwrap(),
        FormatChoice::Gitlab
    );
    assert!(serde_json::from_str::<FormatChoice>("\"GitLab\"").is_err());
    assert!(serde_json::from_str::<FormatChoice>("\"native\"").is_err());
    assert_eq!(FormatChoice::default(), FormatChoice::Auto);
}
