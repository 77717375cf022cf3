//! The embed's options from its query string and the messages it exchanges with its host.

use sitrep::embed::{
    origin_allowed, parse_host_message, resize_message, status_message, EmbedOptions, EmbedView,
    HostRequest, Layout, Theme,
};
use sitrep::feed::model::{Incident, Kind, Markup, Status};
use sitrep::overview::{Overall, Overview};
use sitrep::time::Timestamp;

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

fn incident(id: &str, kind: Kind, status: Status) -> Incident {
    Incident {
        id: id.to_string(),
        kind,
        title: Markup::Plain(id.to_string()),
        status,
        impact: None,
        components: Vec::new(),
        started_at: Timestamp(0),
        updated_at: Timestamp(0),
        resolved_at: None,
        latest_update: None,
        detail_path: String::new(),
        severity: None,
        contacts: Vec::new(),
        root_cause_url: None,
        link: None,
    }
}

#[test]
fn the_widget_shows_what_its_options_ask_for_open_incidents_then_maintenance_under_way() {
    let now = Timestamp(10_000);
    let window = |start, end| Kind::Maintenance {
        start: Timestamp(start),
        end: Timestamp(end),
    };
    let overview = Overview {
        overall: Overall::MajorOutage,
        active: vec![
            incident("a", Kind::Incident, Status::Investigating),
            incident("b", Kind::Incident, Status::Monitoring),
        ],
        maintenance: vec![
            incident("now", window(5_000, 20_000), Status::InProgress),
            incident("later", window(50_000, 60_000), Status::Scheduled),
        ],
        history: Vec::new(),
    };
    let ids = |view: &EmbedView| view.shown.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
    let all = EmbedView::new(&overview, &EmbedOptions::default(), now);
    assert_eq!((all.overall, all.active), (Overall::MajorOutage, 2));
    assert_eq!(
        ids(&all),
        ["a", "b", "now"],
        "upcoming maintenance is not shown"
    );
    let only_active = options(&[("show", "active")]);
    assert_eq!(
        ids(&EmbedView::new(&overview, &only_active, now)),
        ["a", "b"]
    );
    let none = EmbedOptions {
        show_active: false,
        show_maintenance: false,
        ..EmbedOptions::default()
    };
    let view = EmbedView::new(&overview, &none, now);
    assert!(view.shown.is_empty());
    assert_eq!(
        view.active, 2,
        "the count stays: the host is told how many are open"
    );
}
