//! Query-string routes, update anchors and GitLab's legacy hash links.

use sitrep::route::{
    component_filter, encode_component, followed_in_page, legacy_gitlab_incident, update_anchor,
    update_from_hash, Carried, LinkClick, Place, Query, Route, COMPONENT_PARAM, INCIDENT_PARAM,
    LANG_PARAM, TZ_PARAM,
};

#[test]
fn component_filter_links_carry_the_readers_choices() {
    assert_eq!(Carried::default().component_href("api"), "?component=api");
    let carried = Carried {
        lang: Some("de".to_string()),
        tz: Some("Asia/Tokyo".to_string()),
    };
    assert_eq!(
        carried.component_href("db-eu"),
        "?component=db-eu&lang=de&tz=Asia%2FTokyo"
    );
    assert_eq!(component_filter(Some("api")), Some("api".to_string()));
    assert_eq!(component_filter(Some("../x")), None, "not an id");
    assert_eq!(component_filter(None), None);
}

#[test]
fn routes_from_the_query() {
    assert_eq!(Route::from_query(None), Route::List);
    assert_eq!(
        Route::from_query(Some("2026-11-23-api-errors")),
        Route::Incident("2026-11-23-api-errors".to_string())
    );
    assert_eq!(
        Route::from_query(Some("42")),
        Route::Incident("42".to_string())
    );
}

#[test]
fn invalid_incident_ids_are_rejected() {
    for bad in [
        "../x",
        "..",
        ".",
        "",
        "a/b",
        "a\\b",
        "x y",
        "<script>",
        "%2e%2e",
        "é",
        "a?b=c",
        &"a".repeat(129),
    ] {
        assert_eq!(
            Route::from_query(Some(bad)),
            Route::InvalidIncident,
            "{bad:?}"
        );
    }
}

#[test]
fn hrefs_and_anchors() {
    assert_eq!(INCIDENT_PARAM, "incident");
    let plain = Carried::default();
    assert_eq!(plain.href(None, None), "./");
    assert_eq!(plain.href(Some("42"), None), "?incident=42");
    assert_eq!(update_anchor("u3"), "update-u3");
    assert_eq!(
        plain.href(Some("2026-11-23-api-errors"), Some("u3")),
        "?incident=2026-11-23-api-errors#update-u3"
    );
    let carried = Carried {
        lang: Some("de".to_string()),
        tz: Some("America/Argentina/Buenos_Aires".to_string()),
    };
    assert_eq!(
        carried.href(None, None),
        "?lang=de&tz=America%2FArgentina%2FBuenos_Aires"
    );
    assert_eq!(
        carried.href(Some("42"), Some("1")),
        "?incident=42&lang=de&tz=America%2FArgentina%2FBuenos_Aires#update-1"
    );
    assert_eq!(encode_component("Etc/GMT+5"), "Etc%2FGMT%2B5");
    assert_eq!(encode_component("a b&c=d#é"), "a%20b%26c%3Dd%23%C3%A9");
}

#[test]
fn update_from_the_hash() {
    assert_eq!(update_from_hash("#update-3"), Some("3"));
    assert_eq!(update_from_hash("#update-u4"), Some("u4"));
    assert_eq!(update_from_hash("update-3"), Some("3"));
    assert_eq!(update_from_hash("#update-"), None);
    assert_eq!(update_from_hash("#update-../x"), None);
    assert_eq!(update_from_hash("#update-a/b"), None);
    assert_eq!(update_from_hash("#other"), None);
    assert_eq!(update_from_hash("#"), None);
    assert_eq!(update_from_hash(""), None);
    assert_eq!(update_from_hash("#Update-3"), None);
    assert_eq!(update_from_hash("#/data%2Fincident%2F42.json"), None);
    // An href built for an update leads back to the same update.
    let href = Carried::default().href(Some("db"), Some("u2"));
    let hash = &href[href.find('#').unwrap()..];
    assert_eq!(update_from_hash(hash), Some("u2"));
}

#[test]
fn legacy_gitlab_links_encoded_and_plain() {
    assert_eq!(
        legacy_gitlab_incident("#/data%2Fincident%2F42.json").as_deref(),
        Some("42")
    );
    assert_eq!(
        legacy_gitlab_incident("#/data%2fincident%2f42.json").as_deref(),
        Some("42")
    );
    assert_eq!(
        legacy_gitlab_incident("#/data/incident/42.json").as_deref(),
        Some("42")
    );
    assert_eq!(
        legacy_gitlab_incident("#/data%2Fincident/7.json").as_deref(),
        Some("7")
    );
    assert_eq!(
        legacy_gitlab_incident("#/data%2Fincident%2F%34%32.json").as_deref(),
        Some("42")
    );
    assert_eq!(
        legacy_gitlab_incident("#/data%2Fincident%2Fabc-1.json").as_deref(),
        Some("abc-1")
    );
}

#[test]
fn legacy_links_that_are_not_incidents() {
    for hash in [
        "",
        "#",
        "#/",
        "#update-3",
        "#data%2Fincident%2F42.json",
        "/data%2Fincident%2F42.json",
        "#/data%2Fincident%2F42",
        "#/data%2Fincident%2F.json",
        "#/data%2Flist.json",
        "#/other%2Fincident%2F42.json",
        "#/data%2Fincident%2F42.json.bak",
    ] {
        assert_eq!(legacy_gitlab_incident(hash), None, "{hash:?}");
    }
}

#[test]
fn legacy_links_with_unsafe_ids_are_rejected() {
    for hash in [
        "#/data%2Fincident%2F..%2Fx.json",
        "#/data%2Fincident%2F%2E%2E%2Fx.json",
        "#/data/incident/../x.json",
        "#/data%2Fincident%2F%2E%2E.json",
        "#/data%2Fincident%2F..json",
        "#/data%2Fincident%2Fa%2Fb.json",
        "#/data%2Fincident%2Fa%20b.json",
        "#/data%2Fincident%2F%00.json",
        "#/data%2Fincident%2F%3Cscript%3E.json",
    ] {
        assert_eq!(legacy_gitlab_incident(hash), None, "{hash:?}");
    }
}

#[test]
fn malformed_percent_encoding_does_not_panic() {
    for hash in [
        "#/data%2Fincident%2F4%ZZ.json",
        "#/data%2Fincident%2F42.json%",
        "#/data%2Fincident%2F42.json%2",
        "#/%",
        "#/%%",
        "#/data%2Fincident%2F%C3.json",
        "#/data%2Fincident%2F%FF%FE.json",
        "#/é%",
        "#/%é",
        "#/%€€",
    ] {
        assert_eq!(legacy_gitlab_incident(hash), None, "{hash:?}");
    }
}

#[test]
fn a_query_reads_back_what_a_link_carries() {
    let carried = Carried {
        lang: Some("de".to_string()),
        tz: Some("America/Argentina/Buenos_Aires".to_string()),
    };
    let href = carried.href(Some("db-1"), Some("u2"));
    let search = href.split('#').next().unwrap();
    let query = Query::parse(search);
    assert_eq!(query.get(INCIDENT_PARAM), Some("db-1"));
    assert_eq!(query.get(LANG_PARAM), Some("de"));
    assert_eq!(query.get(TZ_PARAM), Some("America/Argentina/Buenos_Aires"));
    assert_eq!(query.get(COMPONENT_PARAM), None);
    let filtered = Query::parse(&carried.component_href("api"));
    assert_eq!(filtered.get(COMPONENT_PARAM), Some("api"));
    assert_eq!(
        filtered.get(TZ_PARAM),
        query.get(TZ_PARAM),
        "the zone travels along"
    );
}

#[test]
fn a_query_decodes_like_a_browser_and_never_fails() {
    let query = Query::parse("?a=x+y&b=%C3%A9t%C3%A9&flag&a=second&=empty&c=%ZZ&d=%E2%82");
    assert_eq!(query.get("a"), Some("x y"), "the first value, + as a space");
    assert_eq!(query.get("b"), Some("été"));
    assert_eq!(
        query.get("flag"),
        Some(""),
        "a name alone has an empty value"
    );
    assert_eq!(query.get(""), Some("empty"));
    assert_eq!(query.get("c"), None, "bad escapes are left out");
    assert_eq!(query.get("d"), None, "so is broken UTF-8");
    assert_eq!(Query::parse(""), Query::default());
    assert_eq!(Query::parse("?"), Query::default());
    assert_eq!(Query::parse("?embed").get("embed"), Some(""));
}

const PAGE: Place = Place {
    origin: "https://status.example.com",
    path: "/status/",
    search: "?incident=db-1",
    hash: "",
};

fn link(path: &'static str) -> Place<'static> {
    Place {
        path,
        search: "?lang=de",
        ..PAGE
    }
}

#[test]
fn plain_clicks_on_links_to_this_page_stay_in_the_page() {
    let plain = LinkClick::default();
    assert!(followed_in_page(&plain, PAGE, link("/status/")));
    assert!(
        followed_in_page(&plain, PAGE, link("/status/index.html")),
        "index.html is the same page"
    );
    let self_target = LinkClick {
        target: Some("_self"),
        ..plain
    };
    assert!(followed_in_page(&self_target, PAGE, link("/status/")));
    let other_update = Place {
        search: "?incident=db-2",
        hash: "#update-3",
        ..PAGE
    };
    assert!(
        followed_in_page(&plain, PAGE, other_update),
        "an update of another incident"
    );
}

#[test]
fn modified_clicks_other_targets_and_other_pages_are_the_browsers() {
    let plain = LinkClick::default();
    let cases = [
        (
            "ctrl, meta, shift or alt",
            LinkClick {
                modified: true,
                ..plain
            },
        ),
        ("middle button", LinkClick { button: 1, ..plain }),
        (
            "already handled",
            LinkClick {
                default_prevented: true,
                ..plain
            },
        ),
        (
            "new tab",
            LinkClick {
                target: Some("_blank"),
                ..plain
            },
        ),
        (
            "download",
            LinkClick {
                download: true,
                ..plain
            },
        ),
        (
            "rel=external",
            LinkClick {
                rel: Some("noopener external"),
                ..plain
            },
        ),
    ];
    for (what, click) in cases {
        assert!(!followed_in_page(&click, PAGE, link("/status/")), "{what}");
    }
    assert!(
        !followed_in_page(&plain, PAGE, link("/status/feed.xml")),
        "another file"
    );
    assert!(!followed_in_page(&plain, PAGE, link("/")), "another folder");
    let elsewhere = Place {
        origin: "https://example.com",
        ..link("/status/")
    };
    let fragment = Place {
        hash: "#update-3",
        ..PAGE
    };
    assert!(
        !followed_in_page(&plain, PAGE, fragment),
        "a fragment of this very page"
    );
    assert!(!followed_in_page(&plain, PAGE, elsewhere), "another origin");
}
