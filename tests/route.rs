//! Query-string routes, update anchors and GitLab's legacy hash links.

use sitrep::route::{
    component_filter, encode_component, legacy_gitlab_incident, update_anchor, update_from_hash,
    Carried, Route, INCIDENT_PARAM,
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
