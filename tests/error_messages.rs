//! Error messages are worded in the reader's language; file names, field paths and HTTP codes
//! stay as written, and the English (logs, command line) reads as before.

use sitrep::feed::{parse_list, Detail, FeedError, FormatChoice};
use sitrep::i18n::{Catalogue, Messages};
use sitrep::load_error::LoadError;

fn messages(code: &str) -> Messages {
    let text = match code {
        "de" => include_str!("../i18n/de.json"),
        "fr" => include_str!("../i18n/fr.json"),
        "es" => include_str!("../i18n/es.json"),
        "ja" => include_str!("../i18n/ja.json"),
        "ar" => include_str!("../i18n/ar.json"),
        other => panic!("no catalogue {other}"),
    };
    let chosen = Catalogue::parse(&format!("i18n/{code}.json"), text.as_bytes()).unwrap();
    Messages::new(chosen, Catalogue::english())
}

const LANGUAGES: [&str; 5] = ["de", "fr", "es", "ja", "ar"];

fn list_error(json: &str) -> FeedError {
    parse_list("data/list.json", json.as_bytes(), FormatChoice::Auto).unwrap_err()
}

/// Every kind of error the page can show, with recognisable values.
fn every_error() -> Vec<LoadError> {
    let field = |detail: Detail| {
        LoadError::Feed(FeedError::field(
            "data/list.json",
            "incidents[3].status",
            detail,
        ))
    };
    vec![
        LoadError::Unreachable {
            url: "https://data.example/data/list.json".into(),
        },
        LoadError::Cors {
            url: "https://data.example/data/list.json".into(),
            page_origin: "https://status.example".into(),
        },
        LoadError::MixedContent {
            url: "http://data.example/data/list.json".into(),
        },
        LoadError::Timeout {
            file: "data/list.json".into(),
        },
        LoadError::NotFound {
            file: "data/list.json".into(),
            status: 404,
        },
        LoadError::Http {
            file: "data/list.json".into(),
            status: 503,
        },
        LoadError::TooLarge {
            file: "data/list.json".into(),
        },
        LoadError::BadUrl {
            file: "config.json: data_url".into(),
        },
        LoadError::Code,
        LoadError::Feed(list_error("{\"incidents\": [}")),
        LoadError::Feed(list_error("{\"incidents\": []} x")),
        LoadError::Feed(list_error("{\"incidents\": [")),
        LoadError::Feed(list_error("<!doctype html><p>502</p>")),
        field(Detail::Missing {
            name: "status".into(),
        }),
        field(Detail::AtLeast { min: 5 }),
        field(Detail::Empty),
        field(Detail::Between { min: 1, max: 365 }),
        field(Detail::InvalidId { id: "a b".into() }),
        field(Detail::Version {
            found: 2,
            supported: 1,
        }),
        field(Detail::StatusDoesNotFitKind { maintenance: true }),
        field(Detail::StatusDoesNotFitKind { maintenance: false }),
        field(Detail::MaintenanceNeedsWindow {
            start: "scheduled_start",
            end: "scheduled_end",
        }),
        field(Detail::RowInWrongArray { array: "open" }),
        field(Detail::ClosedNeedsTime),
        field(Detail::NoDetailFiles),
        field(Detail::UnknownFormat),
        field(Detail::EndsBeforeStart),
        field(Detail::OutOfRange),
        field(Detail::NotAnObject),
    ]
}

#[test]
fn every_error_is_translated_in_every_language() {
    let english = Messages::new(Catalogue::english(), Catalogue::english());
    for code in LANGUAGES {
        let messages = messages(code);
        for error in every_error() {
            let translated = error.sentence().words(&messages);
            let in_english = error.sentence().words(&english);
            assert_ne!(
                translated, in_english,
                "{code}: not translated: {in_english}"
            );
            assert!(
                !translated.contains("error."),
                "{code}: a message key shows: {translated}"
            );
        }
    }
}

#[test]
fn file_names_field_paths_and_codes_stay_as_written() {
    for code in LANGUAGES {
        let messages = messages(code);
        let missing = LoadError::Feed(FeedError::field(
            "data/list.json",
            "incidents[3].status",
            Detail::Missing {
                name: "status".into(),
            },
        ));
        let text = missing.sentence().words(&messages);
        assert!(text.contains("data/list.json"), "{code}: {text}");
        assert!(text.contains("incidents[3].status"), "{code}: {text}");
        let http = LoadError::Http {
            file: "data/incident/7.json".into(),
            status: 503,
        };
        let text = http.sentence().words(&messages);
        assert!(
            text.contains("data/incident/7.json") && text.contains("503"),
            "{code}: {text}"
        );
    }
}

#[test]
fn a_field_error_is_worded_entirely_in_german() {
    let error = list_error(r#"{"sitrep": 1, "incidents": [{"id": "a"}]}"#);
    let text = LoadError::Feed(error).sentence().words(&messages("de"));
    assert!(
        text.starts_with("data/list.json: Feld incidents[0]."),
        "{text}"
    );
    assert!(text.contains("fehlt"), "{text}");
    assert!(!text.contains("missing"), "{text}");
}

#[test]
fn invalid_json_names_line_and_column() {
    let error = list_error("{\n  \"incidents\": [\n    }\n");
    assert!(
        matches!(
            error,
            FeedError::Syntax {
                line: 3,
                column: 5,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "data/list.json is not valid JSON at line 3, column 5"
    );
    let text = error.sentence().words(&messages("fr"));
    assert!(
        text.contains("ligne 3") && text.contains("colonne 5"),
        "{text}"
    );
}

#[test]
fn english_wording_is_unchanged_for_logs_and_the_command_line() {
    let error = list_error(r#"{"sitrep": 1, "incidents": [{"id": "a"}]}"#);
    let text = error.to_string();
    assert!(
        text.starts_with("data/list.json: field incidents[0]."),
        "{text}"
    );
    assert!(text.contains(": missing field `"), "{text}");
    assert_eq!(
        LoadError::Timeout {
            file: "data/list.json".into()
        }
        .to_string(),
        "data/list.json did not answer within 20 seconds."
    );
    assert_eq!(
        LoadError::NotFound {
            file: "data/list.json".into(),
            status: 404
        }
        .to_string(),
        "data/list.json was not found (HTTP 404)."
    );
}

#[test]
fn serde_details_are_read_into_kinds_the_catalogue_words() {
    let wrong_type = list_error(r#"{"incidents": [{"id": 1, "title": 5, "status": "opened"}]}"#);
    let FeedError::Field { detail, .. } = &wrong_type else {
        panic!("{wrong_type:?}")
    };
    assert!(matches!(detail, Detail::WrongType { .. }), "{detail:?}");

    let unknown = list_error(
        r#"{"sitrep": 1, "incidents": [{"id": "a", "title": "t", "status": "exploded",
            "started_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"}]}"#,
    );
    let FeedError::Field { field, detail, .. } = &unknown else {
        panic!("{unknown:?}")
    };
    assert_eq!(field, "incidents[0].status");
    let Detail::UnknownValue { found, .. } = detail else {
        panic!("{detail:?}")
    };
    assert_eq!(found, "exploded");

    let timestamp = list_error(
        r#"{"sitrep": 1, "incidents": [{"id": "a", "title": "t", "status": "resolved",
            "started_at": "yesterday", "updated_at": "2026-01-01T00:00:00Z"}]}"#,
    );
    let FeedError::Field { detail, .. } = &timestamp else {
        panic!("{timestamp:?}")
    };
    assert!(
        matches!(detail, Detail::Timestamp { value, .. } if value == "yesterday"),
        "{detail:?}"
    );
    let text = timestamp.sentence().words(&messages("es"));
    assert!(
        text.contains("marca de tiempo no válida \"yesterday\""),
        "{text}"
    );
}
