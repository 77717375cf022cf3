//! The deployer's config.json.

use sitrep::config::{Config, CONFIG_PATH, MIN_POLL_SECONDS};
use sitrep::feed::{FeedError, FormatChoice};

fn parse(text: &str) -> Result<Config, FeedError> {
    Config::parse(text.as_bytes())
}

fn field_error(result: Result<Config, FeedError>) -> (String, String) {
    match result {
        Err(FeedError::Field {
            file,
            field,
            detail,
        }) => {
            assert_eq!(file, CONFIG_PATH);
            (field, detail.to_string())
        }
        other => panic!("expected a field error, got {other:?}"),
    }
}

#[test]
fn empty_object_gives_the_defaults() {
    let config = parse("{}").unwrap();
    assert_eq!(config.title, "Status");
    assert_eq!(config.logo_url, None);
    assert_eq!(config.data_url, "./");
    assert_eq!(config.format, FormatChoice::Auto);
    assert_eq!(config.contact_url, None);
    assert_eq!(config.feed_url, None);
    assert_eq!(config.poll_interval_seconds, 60);
    assert_eq!(config.data_root(), "./");
    assert_eq!(CONFIG_PATH, "config.json");
}

#[test]
fn every_key_is_read() {
    let config = parse(
        r#"{
            "title": "Acme Cloud status",
            "logo_url": "logo.svg",
            "data_url": "https://bucket.example.com/status",
            "format": "gitlab",
            "contact_url": "mailto:support@example.com",
            "feed_url": "https://status.example.com/feed.xml",
            "poll_interval_seconds": 30
        }"#,
    )
    .unwrap();
    assert_eq!(config.title, "Acme Cloud status");
    assert_eq!(config.logo_url.as_deref(), Some("logo.svg"));
    assert_eq!(config.data_url, "https://bucket.example.com/status");
    assert_eq!(config.format, FormatChoice::Gitlab);
    assert_eq!(
        config.contact_url.as_deref(),
        Some("mailto:support@example.com")
    );
    assert_eq!(
        config.feed_url.as_deref(),
        Some("https://status.example.com/feed.xml")
    );
    assert_eq!(config.poll_interval_seconds, 30);
    assert_eq!(
        parse(r#"{"format": "sitrep"}"#).unwrap().format,
        FormatChoice::Sitrep
    );
    assert_eq!(
        parse(r#"{"format": "auto"}"#).unwrap().format,
        FormatChoice::Auto
    );
}

#[test]
fn unknown_keys_are_rejected_and_named() {
    for key in ["titel", "pollIntervalSeconds", "data-url", "theme"] {
        let result = parse(&format!("{{\"title\": \"x\", \"{key}\": 1}}"));
        let error = result.unwrap_err();
        let message = error.to_string();
        assert!(message.contains(key), "{message}");
        assert!(message.contains(CONFIG_PATH), "{message}");
        assert!(matches!(error, FeedError::Field { .. }), "{error:?}");
    }
}

#[test]
fn poll_interval_has_a_minimum() {
    assert_eq!(MIN_POLL_SECONDS, 5);
    for too_fast in [0, 1, 4] {
        let (field, detail) =
            field_error(parse(&format!("{{\"poll_interval_seconds\": {too_fast}}}")));
        assert_eq!(field, "poll_interval_seconds");
        assert!(detail.contains('5'), "{detail}");
    }
    assert_eq!(
        parse(r#"{"poll_interval_seconds": 5}"#)
            .unwrap()
            .poll_interval_seconds,
        5
    );
    assert_eq!(
        parse(r#"{"poll_interval_seconds": 3600}"#)
            .unwrap()
            .poll_interval_seconds,
        3600
    );
    for wrong_type in ["-1", "\"60\"", "1.5", "null"] {
        let (field, _) = field_error(parse(&format!(
            "{{\"poll_interval_seconds\": {wrong_type}}}"
        )));
        assert_eq!(field, "poll_interval_seconds", "{wrong_type}");
    }
}

#[test]
fn wrong_values_name_the_key() {
    let (field, _) = field_error(parse(r#"{"format": "GitLab"}"#));
    assert_eq!(field, "format");
    let (field, _) = field_error(parse(r#"{"format": "native"}"#));
    assert_eq!(field, "format");
    let (field, _) = field_error(parse(r#"{"title": 42}"#));
    assert_eq!(field, "title");
    let (field, _) = field_error(parse(r#"{"data_url": ""}"#));
    assert_eq!(field, "data_url");
    let (field, _) = field_error(parse(r#"{"data_url": "   "}"#));
    assert_eq!(field, "data_url");
}

#[test]
fn data_root_always_ends_with_a_slash() {
    let root = |data_url: &str| {
        parse(&format!("{{\"data_url\": \"{data_url}\"}}"))
            .unwrap()
            .data_root()
    };
    assert_eq!(
        root("https://bucket.example.com/status"),
        "https://bucket.example.com/status/"
    );
    assert_eq!(
        root("https://bucket.example.com/status/"),
        "https://bucket.example.com/status/"
    );
    assert_eq!(
        root("https://bucket.example.com"),
        "https://bucket.example.com/"
    );
    assert_eq!(root("data"), "data/");
    assert_eq!(root("./"), "./");
    assert_eq!(root("/"), "/");
    assert_eq!(
        root("  https://bucket.example.com/x  "),
        "https://bucket.example.com/x/"
    );
    assert!(!root("https://bucket.example.com/x/").ends_with("//"));
}

#[test]
fn broken_config_files_are_classified() {
    match parse("{\"title\": ") {
        Err(FeedError::Truncated { file, .. }) => assert_eq!(file, CONFIG_PATH),
        other => panic!("{other:?}"),
    }
    match parse("{title: 1}") {
        Err(FeedError::Syntax { file, .. }) => assert_eq!(file, CONFIG_PATH),
        other => panic!("{other:?}"),
    }
    // A static host answering with its index page instead of config.json.
    match parse("<!DOCTYPE html><html><head><title>Status</title></head></html>") {
        Err(FeedError::HtmlInsteadOfJson { file }) => assert_eq!(file, CONFIG_PATH),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        parse("[]"),
        Err(FeedError::Field { .. }) | Err(FeedError::Syntax { .. })
    ));
}

#[test]
fn list_url_defaults_to_the_formats_list_below_data_url() {
    let config = parse("{}").unwrap();
    assert_eq!(config.list_url, None);
    assert_eq!(config.list_location(), "./data/list.json");
    let config = parse(r#"{"data_url": "https://bucket.example.com/status"}"#).unwrap();
    assert_eq!(
        config.list_location(),
        "https://bucket.example.com/status/data/list.json"
    );
    // Statuspage's list is its summary, below the page's root.
    let config =
        parse(r#"{"data_url": "https://status.acme.example", "format": "statuspage"}"#).unwrap();
    assert_eq!(config.format, FormatChoice::Statuspage);
    assert_eq!(
        config.list_location(),
        "https://status.acme.example/api/v2/summary.json"
    );
}

#[test]
fn list_url_points_anywhere_independent_of_the_bucket_layout() {
    let config = parse(
        r#"{"data_url": "https://bucket.example.com/", "list_url": " https://crashbot.example.com/list ", "format": "crashbot"}"#,
    )
    .unwrap();
    assert_eq!(config.format, FormatChoice::Crashbot);
    assert_eq!(
        config.list_url.as_deref(),
        Some(" https://crashbot.example.com/list ")
    );
    assert_eq!(config.list_location(), "https://crashbot.example.com/list");
    // The data root stays where data_url says.
    assert_eq!(config.data_root(), "https://bucket.example.com/");
}

#[test]
fn list_url_goes_through_the_url_policy_like_data_url() {
    let page = "https://status.example.com/status/index.html";
    let list_url = |value: &str| {
        parse(&format!("{{\"list_url\": {}}}", serde_json::json!(value)))
            .unwrap()
            .list_url_from(page)
    };
    assert_eq!(
        list_url("feeds/list.json").as_deref(),
        Some("https://status.example.com/status/feeds/list.json")
    );
    assert_eq!(
        list_url("/api/list").as_deref(),
        Some("https://status.example.com/api/list")
    );
    assert_eq!(
        list_url("https://crashbot.example.com/list?team=sre").as_deref(),
        Some("https://crashbot.example.com/list?team=sre")
    );
    for refused in [
        "javascript:alert(1)",
        "data:application/json,{}",
        "ftp://example.com/list.json",
    ] {
        assert_eq!(list_url(refused), None, "{refused}");
    }
    // Unset: the default, resolved the same way.
    assert_eq!(
        parse(r#"{"data_url": "data-bucket/"}"#)
            .unwrap()
            .list_url_from(page)
            .as_deref(),
        Some("https://status.example.com/status/data-bucket/data/list.json")
    );
}

#[test]
fn list_url_and_the_new_formats_are_checked() {
    let (field, detail) = field_error(parse(r#"{"list_url": ""}"#));
    assert_eq!(field, "list_url");
    assert!(detail.contains("must not be empty"), "{detail}");
    let (field, _) = field_error(parse(r#"{"list_url": "  "}"#));
    assert_eq!(field, "list_url");
    let (field, _) = field_error(parse(r#"{"list_url": 7}"#));
    assert_eq!(field, "list_url");
    assert_eq!(parse(r#"{"list_url": null}"#).unwrap().list_url, None);
    for (name, choice) in [
        ("crashbot", FormatChoice::Crashbot),
        ("statuspage", FormatChoice::Statuspage),
    ] {
        let config = parse(&format!("{{\"format\": \"{name}\"}}")).unwrap();
        assert_eq!(config.format, choice);
    }
    for wrong in ["Crashbot", "status_page", "atlassian"] {
        let (field, _) = field_error(parse(&format!("{{\"format\": \"{wrong}\"}}")));
        assert_eq!(field, "format", "{wrong}");
    }
    // A misspelt key is still named.
    let message = parse(r#"{"listurl": "x"}"#).unwrap_err().to_string();
    assert!(message.contains("listurl"), "{message}");
}

#[test]
fn components_panel_settings() {
    let config = Config::parse(b"{}").unwrap();
    assert!(config.components, "shown by default");
    assert_eq!(config.component_days, 90);
    let config = Config::parse(br#"{"components": false, "component_days": 30}"#).unwrap();
    assert!(!config.components);
    assert_eq!(config.component_days, 30);
    for days in ["0", "366"] {
        let text = format!(r#"{{"component_days": {days}}}"#);
        match Config::parse(text.as_bytes()) {
            Err(FeedError::Field { field, detail, .. }) => {
                assert_eq!(field, "component_days");
                assert_eq!(detail.to_string(), "must be between 1 and 365");
            }
            other => panic!("{days}: {other:?}"),
        }
    }
}
