//! Which parser reads a list: decided by content with `format: auto`, or forced by config.

use serde_json::json;
use sitrep::feed::model::Format;
use sitrep::feed::{parse_detail, parse_list, FeedError, FormatChoice};

fn detect(json: &str) -> Result<Format, FeedError> {
    parse_list("list", json.as_bytes(), FormatChoice::Auto).map(|list| list.format)
}

#[test]
fn each_format_is_recognised_by_its_keys() {
    let cases = [
        (r#"{"sitrep": 1, "incidents": []}"#, Format::Native),
        (r#"{"incidents": [], "sitrep": 1}"#, Format::Native),
        (" \n{ \"sitrep\" :1, \"incidents\": []}", Format::Native),
        (r#"{"sitr\u0065p": 1, "incidents": []}"#, Format::Native),
        (r#"{"open": [], "closed": []}"#, Format::Crashbot),
        (
            r#"{"page": {"id": "x"}, "status": {"indicator": "none"}, "components": [], "incidents": [], "scheduled_maintenances": []}"#,
            Format::Statuspage,
        ),
        (
            r#"{"page": {"id": "x"}, "incidents": []}"#,
            Format::Statuspage,
        ),
        (r#"{"incidents": []}"#, Format::GitLab),
    ];
    for (json, format) in cases {
        assert_eq!(detect(json).unwrap(), format, "{json}");
    }
}

#[test]
fn gitlabs_early_state_style_lists_are_still_gitlab() {
    let list = json!({ "incidents": [{
        "id": 3, "state": "closed", "title": "<p>Old</p>", "description": "<p>d</p>",
        "created_at": "2020-05-01T10:00:00Z", "updated_at": "2020-05-01T11:00:00Z"
    }]});
    let parsed = parse_list("list", list.to_string().as_bytes(), FormatChoice::Auto).unwrap();
    assert_eq!(parsed.format, Format::GitLab);
    assert_eq!(parsed.incidents[0].id, "3");
    // And GitLab incident files, which have no key of their own, still read as GitLab.
    let detail = json!({
        "id": 3, "state": "opened", "title": "<p>Old</p>", "description": "<p>d</p>",
        "comments": [], "created_at": "2020-05-01T10:00:00Z", "updated_at": "2020-05-01T11:00:00Z"
    });
    let parsed = parse_detail("3.json", detail.to_string().as_bytes(), FormatChoice::Auto).unwrap();
    assert_eq!(parsed.incident.id, "3");
}

#[test]
fn a_list_opening_with_the_sitrep_key_is_still_checked_to_its_end() {
    // Told apart by its first key alone, a list must still be read whole: broken JSON or a
    // wrong field further on is named, not taken as an empty or partial list.
    let broken = r#"{"sitrep": 1, "incidents": [], "components": [}"#;
    match detect(broken) {
        Err(FeedError::Syntax { line: 1, .. }) => {}
        other => panic!("expected a syntax error on line 1, got {other:?}"),
    }
    match detect(r#"{"sitrep": 1, "incidents": 7}"#) {
        Err(FeedError::Field { field, .. }) => assert_eq!(field, "incidents"),
        other => panic!("expected a field error, got {other:?}"),
    }
    // Its other keys do not matter: the first one decides, as the probe would.
    assert_eq!(
        detect(r#"{"sitrep": 1, "open": [], "incidents": []}"#).unwrap(),
        Format::Native
    );
}

#[test]
fn a_present_key_picks_the_format_so_its_parser_names_the_broken_field() {
    let field = |json: &str| match detect(json) {
        Err(FeedError::Field { field, .. }) => field,
        other => panic!("expected a field error for {json}, got {other:?}"),
    };
    assert_eq!(field(r#"{"sitrep": null, "incidents": []}"#), "sitrep");
    assert_eq!(field(r#"{"open": []}"#), "closed");
    assert_eq!(field(r#"{"closed": [], "open": 3}"#), "open");
    assert_eq!(
        field(r#"{"page": {}, "status": {"indicator": "x"}, "incidents": []}"#),
        "status.indicator"
    );
    assert_eq!(field(r#"{"page": {}, "components": []}"#), "incidents");
    assert_eq!(field(r#"{"incidents": {}}"#), "incidents");
}

#[test]
fn unknown_shapes_list_every_format_tried() {
    for json in [
        "{}",
        r#"{"items": []}"#,
        r#"{"page": {"id": "x"}}"#,
        r#"{"data": {"incidents": []}}"#,
    ] {
        match detect(json) {
            Err(FeedError::Field {
                file,
                field,
                detail,
            }) => {
                assert_eq!(file, "list");
                assert_eq!(field, "(top level)");
                for name in ["sitrep", "Crashbot", "Statuspage", "GitLab"] {
                    assert!(detail.to_string().contains(name), "{json}: {detail}");
                }
            }
            other => panic!("expected an unknown-format error for {json}, got {other:?}"),
        }
    }
    // What is not an object at all is still said to be so.
    assert!(matches!(detect("[]"), Err(FeedError::Field { .. })));
    assert!(matches!(detect("nonsense"), Err(FeedError::Syntax { .. })));
}

#[test]
fn a_forced_format_skips_detection() {
    let crashbot = r#"{"open": [], "closed": []}"#;
    for (choice, expected) in [
        (FormatChoice::Crashbot, Some(Format::Crashbot)),
        (FormatChoice::Gitlab, None),
        (FormatChoice::Sitrep, None),
        (FormatChoice::Statuspage, None),
    ] {
        let parsed = parse_list("list", crashbot.as_bytes(), choice).map(|l| l.format);
        assert_eq!(parsed.ok(), expected, "{choice:?}");
    }
    let statuspage = r#"{"page": {}, "incidents": []}"#;
    assert_eq!(
        parse_list("list", statuspage.as_bytes(), FormatChoice::Statuspage)
            .unwrap()
            .format,
        Format::Statuspage
    );
    // Forced GitLab reads a Statuspage file's `incidents` as GitLab's, and fails on it.
    assert_eq!(
        parse_list("list", statuspage.as_bytes(), FormatChoice::Gitlab)
            .unwrap()
            .format,
        Format::GitLab
    );
    // Only sitrep and GitLab have incident files.
    for choice in [FormatChoice::Crashbot, FormatChoice::Statuspage] {
        assert!(matches!(
            parse_detail("x.json", b"{}", choice),
            Err(FeedError::Field { .. })
        ));
    }
}

#[test]
fn details_are_in_the_list_only_for_crashbot_and_statuspage() {
    assert!(Format::Crashbot.details_in_list());
    assert!(Format::Statuspage.details_in_list());
    assert!(!Format::Native.details_in_list());
    assert!(!Format::GitLab.details_in_list());
    let gitlab = parse_list("list", br#"{"incidents": []}"#, FormatChoice::Auto).unwrap();
    assert!(gitlab.details.is_empty());
}
