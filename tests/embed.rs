//! The embed's options from its query string and the messages it exchanges with its host.

use sitrep::embed::{
    origin_allowed, parse_host_message, resize_message, status_message, EmbedOptions, HostRequest,
    Layout, Theme,
};

fn options(query: &[(&str, &str)]) -> EmbedOptions {
    EmbedOptions::from_query(|key| {
        query
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.to_string())
    })
}

#[test]
fn defaults_and_each_option() {
    assert_eq!(options(&[]), EmbedOptions::default());
    let all = options(&[
        ("theme", "dark"),
        ("layout", "banner"),
        ("transparent", "1"),
        ("show", "maintenance"),
        ("components", "1"),
    ]);
    assert_eq!(all.theme, Theme::Dark);
    assert_eq!(all.layout, Layout::Banner);
    assert!(all.transparent);
    assert!(!all.show_active && all.show_maintenance);
    assert!(all.show_components);
    assert!(
        !EmbedOptions::default().show_components,
        "components are opt-in"
    );
}

#[test]
fn malformed_options_keep_their_defaults() {
    let odd = options(&[
        ("theme", "purple"),
        ("layout", "grid"),
        ("show", "nothing"),
        ("components", "no"),
    ]);
    assert_eq!(odd, EmbedOptions::default());
}

#[test]
fn messages_to_and_from_the_host() {
    assert_eq!(
        resize_message(120),
        r#"{"type":"sitrep:resize","version":1,"height":120}"#
    );
    assert_eq!(
        status_message("major", 2),
        r#"{"type":"sitrep:status","version":1,"overall":"major","active":2}"#
    );
    assert_eq!(
        parse_host_message(r#"{"type":"sitrep:hello","version":1}"#),
        Some(HostRequest::Hello)
    );
    assert_eq!(
        parse_host_message(r#"{"type":"sitrep:theme","version":1,"theme":"dark"}"#),
        Some(HostRequest::Theme(Theme::Dark))
    );
    assert_eq!(
        parse_host_message(r#"{"type":"sitrep:hello","version":2}"#),
        None
    );
    assert_eq!(parse_host_message("not json"), None);
    let allowed = vec!["https://help.example.com/".to_string()];
    assert!(origin_allowed("https://help.example.com", &allowed));
    assert!(!origin_allowed("https://evil.example", &allowed));
    assert!(origin_allowed("https://any.example", &["*".to_string()]));
}
