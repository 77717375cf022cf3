//! Message catalogues: every shipped language matches English key for key, placeholder for
//! placeholder, with the plural forms its language needs; negotiation, lookup with the English
//! fallback, and the placeholder helpers.

use std::collections::{BTreeMap, BTreeSet};

use sitrep::feed::FeedError;
use sitrep::i18n::{
    fill, negotiate, split_slot, Catalogue, Direction, Message, Messages, DEFAULT_LANGUAGE,
    ENGLISH, LANGUAGES,
};

/// Every shipped catalogue: (code, file, contents).
const SHIPPED: &[(&str, &str, &str)] = &[
    ("en", "i18n/en.json", ENGLISH),
    ("de", "i18n/de.json", include_str!("../i18n/de.json")),
    ("fr", "i18n/fr.json", include_str!("../i18n/fr.json")),
    ("es", "i18n/es.json", include_str!("../i18n/es.json")),
    ("ja", "i18n/ja.json", include_str!("../i18n/ja.json")),
    ("ar", "i18n/ar.json", include_str!("../i18n/ar.json")),
];

/// The CLDR plural categories each language uses for cardinal numbers (CLDR 42+: French and
/// Spanish have `many` for millions, e.g. "1 000 000 d'incidents").
fn plural_categories(language: &str) -> BTreeSet<&'static str> {
    let categories: &[&str] = match language {
        "en" | "de" => &["one", "other"],
        "fr" | "es" => &["one", "many", "other"],
        "ja" => &["other"],
        "ar" => &["zero", "one", "two", "few", "many", "other"],
        other => panic!("no plural categories listed for {other}"),
    };
    categories.iter().copied().collect()
}

fn catalogue(code: &str) -> Catalogue {
    let (_, file, text) = SHIPPED
        .iter()
        .find(|(c, _, _)| *c == code)
        .unwrap_or_else(|| panic!("no catalogue for {code}"));
    Catalogue::parse(file, text.as_bytes()).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// The `{name}` placeholders of one string.
fn placeholders(text: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        names.insert(after[..close].to_string());
        rest = &after[close + 1..];
    }
    names
}

/// Each form of a message (one entry, "", for a plain text message).
fn forms(message: &Message) -> BTreeMap<String, String> {
    match message {
        Message::Text(text) => BTreeMap::from([(String::new(), text.clone())]),
        Message::Plural(forms) => forms.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
    }
}

fn all_placeholders(message: &Message) -> BTreeSet<String> {
    forms(message)
        .values()
        .flat_map(|t| placeholders(t))
        .collect()
}

fn small(json: &str) -> Catalogue {
    Catalogue::parse("i18n/test.json", json.as_bytes()).expect("test catalogue parses")
}

// ---------------------------------------------------------------- shipped catalogues

#[test]
fn every_shipped_language_has_a_catalogue_that_parses() {
    let listed: BTreeSet<&str> = LANGUAGES.iter().map(|(code, _)| *code).collect();
    let shipped: BTreeSet<&str> = SHIPPED.iter().map(|(code, _, _)| *code).collect();
    assert_eq!(
        listed, shipped,
        "LANGUAGES and the catalogues in i18n/ agree"
    );
    assert!(listed.contains(DEFAULT_LANGUAGE));
    for (code, name) in LANGUAGES {
        assert!(!name.trim().is_empty(), "{code} has a display name");
        let catalogue = catalogue(code);
        assert_eq!(
            catalogue.language, *code,
            "i18n/{code}.json names its own language"
        );
        let (_, file, text) = SHIPPED.iter().find(|(c, _, _)| c == code).unwrap();
        let json: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(
            json["name"].as_str(),
            Some(*name),
            "the picker shows {file}'s top-level \"name\""
        );
    }
    assert_eq!(
        Catalogue::english(),
        catalogue("en"),
        "the built-in English catalogue parses"
    );
}

#[test]
fn every_catalogue_has_exactly_the_english_keys() {
    let english = catalogue("en");
    let keys: BTreeSet<&String> = english.messages.keys().collect();
    assert!(
        keys.len() > 50,
        "English has the full set of messages ({})",
        keys.len()
    );
    for (code, _, _) in SHIPPED {
        let other = catalogue(code);
        let theirs: BTreeSet<&String> = other.messages.keys().collect();
        let missing: Vec<_> = keys.difference(&theirs).collect();
        let extra: Vec<_> = theirs.difference(&keys).collect();
        assert!(missing.is_empty(), "{code} lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "{code} has keys English does not: {extra:?}"
        );
    }
}

#[test]
fn every_message_keeps_the_english_placeholders() {
    let english = catalogue("en");
    for (code, _, _) in SHIPPED {
        let other = catalogue(code);
        for (key, en) in &english.messages {
            let Some(message) = other.messages.get(key) else {
                continue;
            };
            assert_eq!(
                all_placeholders(message),
                all_placeholders(en),
                "{code}: {key} uses the same placeholders as English"
            );
            // Every form needs every placeholder except the count, which a form may spell out
            // ("every second", "two incidents").
            let needed: BTreeSet<String> = all_placeholders(en)
                .into_iter()
                .filter(|p| p != "count")
                .collect();
            for (form, text) in forms(message) {
                let has = placeholders(&text);
                assert!(
                    needed.is_subset(&has),
                    "{code}: {key} {form}: {text:?} lacks one of {needed:?}"
                );
            }
        }
    }
}

#[test]
fn every_message_is_well_formed_text() {
    for (code, _, _) in SHIPPED {
        for (key, message) in &catalogue(code).messages {
            for (form, text) in forms(message) {
                assert!(!text.trim().is_empty(), "{code}: {key} {form} is empty");
                assert_eq!(
                    text.trim(),
                    text,
                    "{code}: {key} {form} has spaces around it"
                );
                let (opens, closes) = (text.matches('{').count(), text.matches('}').count());
                assert_eq!(
                    opens, closes,
                    "{code}: {key} {form}: unbalanced braces in {text:?}"
                );
                for name in placeholders(&text) {
                    assert!(
                        !name.is_empty()
                            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
                        "{code}: {key} {form}: odd placeholder {{{name}}}"
                    );
                }
            }
        }
    }
}

#[test]
fn plural_messages_have_the_forms_their_language_uses() {
    let english = catalogue("en");
    for (code, _, _) in SHIPPED {
        let needed = plural_categories(code);
        for (key, message) in &catalogue(code).messages {
            let en = &english.messages[key];
            match (en, message) {
                (Message::Text(_), Message::Text(_)) => {}
                (Message::Plural(_), Message::Plural(forms)) => {
                    let have: BTreeSet<&str> = forms.keys().map(String::as_str).collect();
                    assert!(
                        have.contains("other"),
                        "{code}: {key} has an \"other\" form"
                    );
                    assert_eq!(
                        have, needed,
                        "{code}: {key} has exactly the plural forms of {code}"
                    );
                }
                _ => panic!("{code}: {key} is a plural message in one language only"),
            }
        }
    }
}

#[test]
fn only_arabic_is_right_to_left() {
    for (code, _, text) in SHIPPED {
        let catalogue = catalogue(code);
        let expected = if *code == "ar" {
            Direction::Rtl
        } else {
            Direction::Ltr
        };
        assert_eq!(catalogue.direction, expected, "{code} direction");
        // Written out in every file, so nobody has to know the default.
        let raw: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(
            raw["direction"],
            expected.as_str(),
            "{code} says its direction"
        );
        let messages = Messages::new(catalogue, Catalogue::english());
        assert_eq!(messages.direction(), expected);
        assert_eq!(messages.language(), *code);
    }
}

#[test]
fn translations_fill_in_like_english() {
    let german = Messages::new(catalogue("de"), Catalogue::english());
    assert_eq!(
        german.plural("overall.open", "one", "1", &[]),
        "1 Störung ist offen."
    );
    assert_eq!(
        german.plural("archive.show", "other", "12", &[("title", "Oktober 2025")]),
        "12 Störungen aus Oktober 2025 anzeigen"
    );
    let arabic = Messages::new(catalogue("ar"), Catalogue::english());
    assert_eq!(
        arabic.plural("overall.open", "few", "3", &[]),
        "توجد 3 حوادث مفتوحة."
    );
    assert_eq!(
        arabic.plural("overall.open", "two", "2", &[]),
        "توجد حادثتان مفتوحتان."
    );
    let japanese = Messages::new(catalogue("ja"), Catalogue::english());
    // Japanese has no "one": every count uses "other".
    assert_eq!(
        japanese.plural("overall.open", "one", "1", &[]),
        "対応中のインシデントが1件あります。"
    );
}

// ---------------------------------------------------------------- parsing

#[test]
fn a_plural_message_without_other_is_refused() {
    let result = Catalogue::parse(
        "i18n/xx.json",
        br#"{"language": "xx", "messages": {"n": {"one": "{count} thing"}}}"#,
    );
    match result {
        Err(FeedError::Field {
            file,
            field,
            detail,
        }) => {
            assert_eq!(file, "i18n/xx.json");
            assert_eq!(field, "messages.n");
            assert!(detail.to_string().contains("other"), "{detail}");
        }
        other => panic!("expected a field error, got {other:?}"),
    }
}

#[test]
fn a_message_neither_text_nor_plural_forms_is_refused_by_name() {
    for (json, found) in [("3", "integer"), ("[\"a\"]", "sequence"), ("null", "null")] {
        let file = format!(r#"{{"language": "xx", "messages": {{"n": {json}}}}}"#);
        match Catalogue::parse("i18n/xx.json", file.as_bytes()) {
            Err(FeedError::Field { field, detail, .. }) => {
                assert_eq!(field, "messages.n", "{json}");
                let detail = detail.to_string();
                assert!(detail.contains(found), "{json}: {detail}");
                assert!(
                    detail.contains("a text or an object of plural forms"),
                    "{json}: {detail}"
                );
            }
            other => panic!("{json}: expected a field error, got {other:?}"),
        }
    }
    let forms =
        small(r#"{"language": "xx", "messages": {"n": {"one": "a", "other": "b"}, "t": "c"}}"#);
    assert_eq!(forms.messages["t"], Message::Text("c".to_string()));
    assert!(
        matches!(&forms.messages["n"], Message::Plural(f) if f["one"] == "a" && f["other"] == "b")
    );
}

#[test]
fn direction_defaults_to_ltr_and_bad_files_name_the_file() {
    let catalogue = small(r#"{"language": "xx", "messages": {}}"#);
    assert_eq!(catalogue.direction, Direction::Ltr);
    let error = Catalogue::parse(
        "i18n/xx.json",
        br#"{"language": "xx", "direction": "up", "messages": {}}"#,
    )
    .unwrap_err();
    assert!(error.to_string().contains("i18n/xx.json"), "{error}");
    let error = Catalogue::parse("i18n/xx.json", b"{\"language\": ").unwrap_err();
    assert!(error.to_string().contains("i18n/xx.json"), "{error}");
}

// ---------------------------------------------------------------- negotiation

#[test]
fn negotiate_matches_the_primary_language() {
    assert_eq!(negotiate(["de-AT"]), Some("de"));
    assert_eq!(negotiate(["de"]), Some("de"));
    assert_eq!(negotiate(["DE-ch"]), Some("de"), "case does not matter");
    assert_eq!(negotiate(["es_MX"]), Some("es"), "underscores work too");
    assert_eq!(negotiate(["ar-EG"]), Some("ar"));
    assert_eq!(negotiate(["ja-JP"]), Some("ja"));
    assert_eq!(
        negotiate(["en-GB", "de"]),
        Some("en"),
        "the first preference wins"
    );
}

#[test]
fn negotiate_falls_through_unknown_languages() {
    assert_eq!(negotiate(["xx", "pt-BR", "fr-CA", "de"]), Some("fr"));
    assert_eq!(negotiate(["zh-Hant-TW", "ja"]), Some("ja"));
    assert_eq!(negotiate(["xx", "pt-BR"]), None);
    assert_eq!(negotiate(["", "-", "de-"]), Some("de"));
    assert_eq!(negotiate(Vec::<&str>::new()), None);
    assert_eq!(
        negotiate(["german"]),
        None,
        "no prefix matching of whole names"
    );
}

// ---------------------------------------------------------------- lookup

const PARTIAL_GERMAN: &str = r#"{
  "language": "de",
  "messages": {
    "greeting": "Hallo {name}",
    "items": { "one": "{count} Eintrag in {place}", "other": "{count} Einträge in {place}" },
    "flat": "{count} Dinge"
  }
}"#;

const TEST_ENGLISH: &str = r#"{
  "language": "en",
  "messages": {
    "greeting": "Hello {name}",
    "farewell": "Goodbye {name}",
    "items": { "one": "{count} item in {place}", "other": "{count} items in {place}" },
    "days": { "one": "one day", "other": "{count} days" },
    "flat": "{count} things"
  }
}"#;

fn partial() -> Messages {
    Messages::new(small(PARTIAL_GERMAN), small(TEST_ENGLISH))
}

#[test]
fn text_fills_placeholders_and_falls_back_to_english() {
    let messages = partial();
    assert_eq!(messages.language(), "de");
    assert_eq!(messages.text("greeting", &[("name", "Welt")]), "Hallo Welt");
    assert_eq!(
        messages.text("farewell", &[("name", "Welt")]),
        "Goodbye Welt",
        "a key the catalogue lacks comes from English"
    );
    assert_eq!(
        messages.text("nowhere", &[]),
        "nowhere",
        "an unknown key shows itself"
    );
    assert_eq!(
        messages.text("greeting", &[]),
        "Hallo {name}",
        "a missing argument stays visible"
    );
    assert_eq!(
        messages.text("greeting", &[("name", "A"), ("unused", "B")]),
        "Hallo A",
        "extra arguments are ignored"
    );
    assert_eq!(
        messages.text("items", &[("count", "3"), ("place", "Berlin")]),
        "3 Einträge in Berlin",
        "text() of a plural message uses its other form"
    );
}

#[test]
fn plural_picks_the_form_and_fills_count() {
    let messages = partial();
    let place = [("place", "Köln")];
    assert_eq!(
        messages.plural("items", "one", "1", &place),
        "1 Eintrag in Köln"
    );
    assert_eq!(
        messages.plural("items", "other", "5", &place),
        "5 Einträge in Köln"
    );
    assert_eq!(
        messages.plural("items", "few", "3", &place),
        "3 Einträge in Köln",
        "a category the message lacks uses other"
    );
    assert_eq!(
        messages.plural("days", "one", "1", &[]),
        "one day",
        "a plural message the catalogue lacks comes from English"
    );
    assert_eq!(messages.plural("days", "other", "4", &[]), "4 days");
    assert_eq!(
        messages.plural("flat", "one", "1", &[]),
        "1 Dinge",
        "plain messages get count too"
    );
    assert_eq!(messages.plural("nowhere", "one", "1", &[]), "nowhere");
}

#[test]
fn english_alone_works_as_both_catalogues() {
    let messages = Messages::new(Catalogue::english(), Catalogue::english());
    assert_eq!(messages.text("skip-link", &[]), "Skip to content");
    assert_eq!(
        messages.plural("overall.open", "one", "1", &[]),
        "1 incident is open."
    );
    assert_eq!(
        messages.plural("overall.open", "other", "4", &[]),
        "4 incidents are open."
    );
    assert_eq!(
        messages.plural("error.retry", "one", "1", &[]),
        "This page tries again every second."
    );
    assert_eq!(
        messages.text(
            "announce.updated",
            &[("title", "API"), ("status", "Resolved")]
        ),
        "Incident updated: API (Resolved)"
    );
}

// ---------------------------------------------------------------- helpers

#[test]
fn fill_edge_cases() {
    assert_eq!(fill("", &[]), "");
    assert_eq!(fill("no placeholders", &[("a", "1")]), "no placeholders");
    assert_eq!(fill("{a}", &[("a", "1")]), "1");
    assert_eq!(
        fill("{a}{a} and {a}", &[("a", "x")]),
        "xx and x",
        "every occurrence is filled"
    );
    assert_eq!(
        fill("{a} {b}", &[("a", "1")]),
        "1 {b}",
        "a missing placeholder stays"
    );
    assert_eq!(
        fill("a {b", &[("b", "1")]),
        "a {b",
        "an unclosed brace stays as text"
    );
    assert_eq!(fill("{a} then {", &[("a", "1")]), "1 then {");
    assert_eq!(fill("closing } alone", &[]), "closing } alone");
    assert_eq!(
        fill("{}", &[("a", "1")]),
        "{}",
        "empty braces are not a placeholder"
    );
    assert_eq!(
        fill("{a}", &[("a", "{b}"), ("b", "x")]),
        "{b}",
        "values are not expanded again"
    );
    assert_eq!(
        fill("{a}", &[("a", "1"), ("a", "2")]),
        "1",
        "the first value wins"
    );
    assert_eq!(
        fill(
            "تم تحديث {title} ({status})",
            &[("title", "API"), ("status", "تم الحل")]
        ),
        "تم تحديث API (تم الحل)"
    );
    assert_eq!(fill("{count}件", &[("count", "3")]), "3件");
}

#[test]
fn split_slot_edge_cases() {
    let pair = |text, slot| {
        let (before, after) = split_slot(text, slot);
        (before.into_owned(), after.into_owned())
    };
    assert_eq!(
        pair("Started {time} ago", "time"),
        ("Started ".into(), " ago".into())
    );
    assert_eq!(
        pair("{time}に更新", "time"),
        (String::new(), "に更新".into())
    );
    assert_eq!(
        pair("Updated {time}", "time"),
        ("Updated ".into(), String::new())
    );
    assert_eq!(pair("{time}", "time"), (String::new(), String::new()));
    assert_eq!(
        pair("no slot here", "time"),
        ("no slot here".into(), String::new()),
        "without the slot, everything comes before it"
    );
    assert_eq!(
        pair("Window {start} – {end}", "time"),
        ("Window {start} – {end}".into(), String::new()),
        "another placeholder is not the slot"
    );
    assert_eq!(
        pair("Window {start} – {end}", "end"),
        ("Window {start} – ".into(), String::new())
    );
    assert_eq!(
        pair("{time} and {time}", "time"),
        (String::new(), " and {time}".into()),
        "only the first occurrence splits"
    );
    assert_eq!(
        pair("Started {time", "time"),
        ("Started {time".into(), String::new()),
        "an unclosed slot is not a slot"
    );
    assert_eq!(
        pair("آخر تحديث {time} — جارٍ", "time"),
        ("آخر تحديث ".into(), " — جارٍ".into())
    );
}

#[test]
fn split_slot_and_fill_work_on_every_shipped_time_message() {
    // The UI puts a <time> element where {time} stands: both halves must hold no slot.
    for (code, _, _) in SHIPPED {
        let catalogue = catalogue(code);
        for (key, message) in &catalogue.messages {
            for (_, text) in forms(message) {
                if !text.contains("{time}") {
                    continue;
                }
                let (before, after) = split_slot(&text, "time");
                assert!(
                    !before.contains("{time}") && !after.contains("{time}"),
                    "{code}: {key}"
                );
                assert_eq!(format!("{before}{{time}}{after}"), text, "{code}: {key}");
                let filled = fill(&text, &[("time", "T")]);
                assert!(!filled.contains('{'), "{code}: {key}: {filled}");
            }
        }
    }
}

#[test]
fn the_language_list_comes_from_the_catalogue_files() {
    let mut files: Vec<String> = std::fs::read_dir("i18n")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut listed: Vec<String> = sitrep::i18n::LANGUAGES
        .iter()
        .map(|(c, _)| c.to_string())
        .collect();
    assert_eq!(listed[0], "en", "English comes first");
    listed.sort();
    assert_eq!(
        listed, files,
        "every catalogue file is a language, and nothing else"
    );
    let arabic = sitrep::i18n::LANGUAGES
        .iter()
        .find(|(c, _)| *c == "ar")
        .unwrap();
    assert_eq!(arabic.1, "العربية", "names come from the catalogues");
}

#[test]
fn every_fixed_message_the_pages_use_is_in_every_catalogue() {
    // The model's worded values are checked by every_worded_value_has_its_message_in_every_catalogue.
    let keys = [
        "severity.label",
        "detail.contact",
        "detail.root-cause",
        "detail.reported",
        "detail.closed",
        "detail.source-link",
    ];
    for (code, _, _) in SHIPPED {
        let messages = catalogue(code).messages;
        for key in keys {
            assert!(messages.contains_key(key), "{code}: no message {key}");
        }
    }
}

#[test]
fn every_worded_value_has_its_message_in_every_catalogue() {
    use sitrep::feed::model::{ComponentStatus, Impact, Overall, Severity, Status};
    use sitrep::i18n::Worded;
    fn keys<T: Worded>(values: &[T]) -> Vec<String> {
        values.iter().map(|v| v.message_key()).collect()
    }
    let mut all = keys(&[
        Status::Investigating,
        Status::Identified,
        Status::Monitoring,
        Status::Resolved,
        Status::Ongoing,
        Status::Scheduled,
        Status::InProgress,
        Status::Completed,
    ]);
    all.extend(keys(&[
        Impact::None,
        Impact::Minor,
        Impact::Major,
        Impact::Critical,
    ]));
    all.extend(keys(&[
        Overall::Operational,
        Overall::Maintenance,
        Overall::Degraded,
        Overall::MajorOutage,
    ]));
    all.extend(keys(&[
        ComponentStatus::Operational,
        ComponentStatus::UnderMaintenance,
        ComponentStatus::DegradedPerformance,
        ComponentStatus::PartialOutage,
        ComponentStatus::MajorOutage,
    ]));
    all.extend(keys(&[
        Severity::Sev1,
        Severity::Sev2,
        Severity::Sev3,
        Severity::Sev4,
        Severity::Sev5,
    ]));
    assert_eq!(Status::Identified.message_key(), "status.identified");
    for (code, _) in sitrep::i18n::LANGUAGES {
        let path = format!("{}/i18n/{code}.json", env!("CARGO_MANIFEST_DIR"));
        let catalogue: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let messages = catalogue["messages"].as_object().unwrap();
        for key in &all {
            assert!(messages.contains_key(key), "{code}: {key}");
        }
    }
}

#[test]
fn shipped_languages_are_the_catalogues_by_their_exact_code() {
    use sitrep::i18n::{is_shipped, LANGUAGES};
    for (code, _) in LANGUAGES {
        assert!(is_shipped(code), "{code}");
    }
    for other in ["DE", "de-AT", "xx", ""] {
        assert!(!is_shipped(other), "{other:?} is no shipped code");
    }
}
