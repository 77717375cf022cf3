//! The URL policy: only http(s), mailto, fragments and relative URLs survive, and relative ones
//! resolve against the bucket root.

use sitrep::content::url::resolve_url;

const BASE: &str = "https://status.example.com/bucket/";
const BASE_WITH_FILE: &str = "https://status.example.com/bucket/index.html";

fn resolve(raw: &str) -> Option<String> {
    resolve_url(BASE, raw)
}

/// Whatever comes out must be something a browser treats as http(s), mailto or in-page.
fn assert_safe(raw: &str, out: &Option<String>) {
    if let Some(url) = out {
        let ok = url.starts_with("https:")
            || url.starts_with("http:")
            || url.starts_with("mailto:")
            || url.starts_with('#');
        assert!(ok, "{raw:?} became {url:?}");
        assert!(
            !url.chars().any(|c| c.is_control()),
            "{raw:?} became {url:?} with a control character"
        );
    }
}

#[test]
fn javascript_urls_are_dropped_in_every_disguise() {
    for raw in [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "JAVASCRIPT:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "java\rscript:alert(1)",
        "\tjavascript:alert(1)",
        " javascript:alert(1)",
        "   javascript:alert(1)",
        "\u{1}javascript:alert(1)",
        "\u{0}javascript:alert(1)",
        "\u{1f}javascript:alert(1)",
        "javascript:alert(1)  ",
        "j\na\tv\ra\nscript:alert(1)",
        "javascript://example.com/%0aalert(1)",
        "javascript:",
    ] {
        let out = resolve(raw);
        assert_eq!(out, None, "{raw:?} must be dropped, got {out:?}");
    }
}

#[test]
fn other_dangerous_or_unsupported_schemes_are_dropped() {
    for raw in [
        "vbscript:msgbox(1)",
        "VBScript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "data:image/png;base64,iVBORw0KGgo=",
        "DATA:text/html;base64,PHNjcmlwdD4=",
        "file:///etc/passwd",
        "file://server/share",
        "blob:https://status.example.com/1234",
        "ftp://files.example.com/x",
        "tel:+15550100",
        "about:blank",
        "chrome://settings",
        "x-unknown+scheme:payload",
        "a:b",
    ] {
        let out = resolve(raw);
        assert_eq!(out, None, "{raw:?} must be dropped, got {out:?}");
    }
}

#[test]
fn control_characters_and_empty_values_are_dropped() {
    for raw in [
        "",
        " ",
        "\t\n",
        "\u{0}",
        "https://example.com/a\u{0}b",
        "https://example.com/\u{7f}",
        "pic\u{1}.png",
        "/a\u{85}b",
    ] {
        let out = resolve(raw);
        assert_eq!(out, None, "{raw:?} must be dropped, got {out:?}");
    }
}

#[test]
fn tabs_and_newlines_inside_allowed_urls_are_removed() {
    assert_eq!(
        resolve("https://exa\nmple.com/a\tb").as_deref(),
        Some("https://example.com/ab")
    );
    assert_eq!(
        resolve("  https://example.com/  ").as_deref(),
        Some("https://example.com/")
    );
}

#[test]
fn http_https_and_mailto_are_kept() {
    for raw in [
        "https://docs.example.com/api/retries",
        "https://docs.example.com/a?b=c&d=e#f",
        "http://example.com/",
        "https://user@example.com:8443/x",
        "mailto:ops@example.com",
        "mailto:ops@example.com?subject=Outage",
    ] {
        assert_eq!(resolve(raw).as_deref(), Some(raw), "{raw}");
    }
    // The scheme is normalised to lower case; the rest is left alone.
    assert_eq!(
        resolve("HTTPS://Example.com/Path").as_deref(),
        Some("https://Example.com/Path")
    );
    assert_eq!(
        resolve("MailTo:ops@example.com").as_deref(),
        Some("mailto:ops@example.com")
    );
}

#[test]
fn fragments_are_kept_as_is() {
    assert_eq!(resolve("#update-3").as_deref(), Some("#update-3"));
    assert_eq!(resolve("#").as_deref(), Some("#"));
    assert_eq!(
        resolve_url(BASE_WITH_FILE, "#fn-1").as_deref(),
        Some("#fn-1")
    );
}

#[test]
fn protocol_relative_urls_keep_the_base_scheme() {
    assert_eq!(
        resolve("//cdn.example.net/a.png").as_deref(),
        Some("https://cdn.example.net/a.png")
    );
    assert_eq!(
        resolve_url("http://status.example.com/", "//cdn.example.net/a.png").as_deref(),
        Some("http://cdn.example.net/a.png")
    );
}

#[test]
fn backslashes_are_read_as_slashes_like_browsers_do() {
    // `/\evil.example` is protocol-relative to a browser: it must not be resolved as a path
    // on the bucket's host, it must say honestly where it goes.
    let out = resolve("/\\evil.example/x").unwrap();
    assert!(out.starts_with("https://evil.example"), "{out}");
    let out = resolve("\\\\evil.example").unwrap();
    assert!(out.starts_with("https://evil.example"), "{out}");
    assert_eq!(
        resolve("img\\a.png").as_deref(),
        Some("https://status.example.com/bucket/img/a.png")
    );
}

#[test]
fn absolute_paths_resolve_against_the_origin() {
    assert_eq!(
        resolve("/data/list.json").as_deref(),
        Some("https://status.example.com/data/list.json")
    );
    assert_eq!(resolve("/").as_deref(), Some("https://status.example.com/"));
    assert_eq!(
        resolve_url("https://status.example.com:8443/a/b/", "/c?d=1#e").as_deref(),
        Some("https://status.example.com:8443/c?d=1#e")
    );
}

#[test]
fn query_only_references_keep_the_base_path() {
    assert_eq!(
        resolve("?incident=42").as_deref(),
        Some("https://status.example.com/bucket/?incident=42")
    );
    assert_eq!(
        resolve_url(BASE_WITH_FILE, "?incident=42").as_deref(),
        Some("https://status.example.com/bucket/index.html?incident=42")
    );
    // The base's own query and fragment are replaced.
    assert_eq!(
        resolve_url(
            "https://status.example.com/bucket/index.html?old=1#top",
            "?q=2"
        )
        .as_deref(),
        Some("https://status.example.com/bucket/index.html?q=2")
    );
}

#[test]
fn relative_paths_resolve_against_the_base_folder() {
    let expected = "https://status.example.com/bucket/data/incident/42/0123456789abcdef0123456789abcdef/graph.png";
    let relative = "data/incident/42/0123456789abcdef0123456789abcdef/graph.png";
    assert_eq!(resolve_url(BASE, relative).as_deref(), Some(expected));
    // A trailing file name in the base is not part of the folder.
    assert_eq!(
        resolve_url(BASE_WITH_FILE, relative).as_deref(),
        Some(expected)
    );
    // A base with a query or fragment.
    assert_eq!(
        resolve_url("https://status.example.com/bucket/?x=1#y", relative).as_deref(),
        Some(expected)
    );
    // A base with no path at all is the origin root.
    assert_eq!(
        resolve_url("https://status.example.com", "data/a.png").as_deref(),
        Some("https://status.example.com/data/a.png")
    );
    // A base folder without its trailing slash is a file: its parent is used.
    assert_eq!(
        resolve_url("https://status.example.com/bucket", "data/a.png").as_deref(),
        Some("https://status.example.com/data/a.png")
    );
    assert_eq!(
        resolve("a.png?v=2#x").as_deref(),
        Some("https://status.example.com/bucket/a.png?v=2#x")
    );
    assert_eq!(
        resolve("./a.png").as_deref(),
        Some("https://status.example.com/bucket/a.png")
    );
}

#[test]
fn dot_segments_are_removed_and_cannot_climb_above_the_root() {
    let base = "https://status.example.com/a/b/";
    let cases = [
        ("../x", "https://status.example.com/a/x"),
        ("../../x", "https://status.example.com/x"),
        ("../../../x", "https://status.example.com/x"),
        (
            "../../../../../../etc/passwd",
            "https://status.example.com/etc/passwd",
        ),
        ("/../../etc/passwd", "https://status.example.com/etc/passwd"),
        ("./x", "https://status.example.com/a/b/x"),
        ("c/./d/../e", "https://status.example.com/a/b/c/e"),
        ("..", "https://status.example.com/a/"),
        (".", "https://status.example.com/a/b/"),
        ("c/..", "https://status.example.com/a/b/"),
        ("../?q=1", "https://status.example.com/a/?q=1"),
        ("../x#../../y", "https://status.example.com/a/x#../../y"),
    ];
    for (raw, expected) in cases {
        assert_eq!(resolve_url(base, raw).as_deref(), Some(expected), "{raw}");
    }
}

#[test]
fn relative_urls_need_an_http_base() {
    assert_eq!(resolve_url("file:///srv/bucket/", "a.png"), None);
    assert_eq!(resolve_url("javascript:alert(1)//", "a.png"), None);
    assert_eq!(resolve_url("https:///no-host/", "a.png"), None);
    assert_eq!(resolve_url("not a url", "a.png"), None);
    // Absolute allowed URLs and fragments do not need the base.
    assert_eq!(
        resolve_url("not a url", "https://example.com/").as_deref(),
        Some("https://example.com/")
    );
    assert_eq!(resolve_url("not a url", "#x").as_deref(), Some("#x"));
}

#[test]
fn colons_after_a_slash_or_in_a_later_segment_are_not_schemes() {
    assert_eq!(
        resolve("./javascript:alert(1)").as_deref(),
        Some("https://status.example.com/bucket/javascript:alert(1)")
    );
    assert_eq!(
        resolve("docs/a:b").as_deref(),
        Some("https://status.example.com/bucket/docs/a:b")
    );
    assert_eq!(
        resolve("?next=javascript:alert(1)").as_deref(),
        Some("https://status.example.com/bucket/?next=javascript:alert(1)")
    );
}

#[test]
fn nothing_unsafe_ever_comes_out() {
    let inputs = [
        "javascript:alert(1)",
        "\u{a0}javascript:alert(1)",
        "\u{feff}javascript:alert(1)",
        "javascript%3Aalert(1)",
        "&#106;avascript:alert(1)",
        "//evil.example",
        "/\\evil.example",
        "\\/evil.example",
        "https:evil",
        "HTTP://x",
        "mailto:",
        "#javascript:alert(1)",
        "../../../../",
        "?",
        "data:,x",
        "ja\u{0}vascript:alert(1)",
        "\u{2028}javascript:alert(1)",
        "%0ajavascript:alert(1)",
    ];
    for raw in inputs {
        for base in [
            BASE,
            BASE_WITH_FILE,
            "http://localhost:8080/",
            "https://x.example",
        ] {
            let out = resolve_url(base, raw);
            assert_safe(raw, &out);
        }
    }
}

#[test]
fn origins_and_mixed_content() {
    use sitrep::content::url::{is_mixed_content, origin_of};
    assert_eq!(
        origin_of("https://status.example.com/data/list.json"),
        Some("https://status.example.com")
    );
    assert_eq!(
        origin_of("http://127.0.0.1:8080"),
        Some("http://127.0.0.1:8080")
    );
    assert_eq!(
        origin_of("http://127.0.0.1:8080?x#y"),
        Some("http://127.0.0.1:8080")
    );
    assert_eq!(origin_of("mailto:a@example.com"), None);
    assert_eq!(origin_of("https:///path"), None);
    assert!(is_mixed_content(
        "https://status.example.com/",
        "http://bucket.example.com/data/list.json"
    ));
    assert!(!is_mixed_content(
        "https://status.example.com/",
        "https://bucket.example.com/"
    ));
    assert!(!is_mixed_content(
        "http://127.0.0.1:8080/",
        "http://127.0.0.1:9090/"
    ));
}

#[test]
fn links_given_as_fields_must_be_absolute_and_pass_the_policy() {
    use sitrep::content::url::absolute_url;
    let kept = [
        ("https://stspg.io/abc", "https://stspg.io/abc"),
        (
            "  https://wiki.example.com/rca?id=1#top ",
            "https://wiki.example.com/rca?id=1#top",
        ),
        ("HTTPS://Example.com/x", "https://Example.com/x"),
        ("mailto:sre@example.com", "mailto:sre@example.com"),
    ];
    for (raw, expected) in kept {
        assert_eq!(absolute_url(raw).as_deref(), Some(expected), "{raw:?}");
    }
    for refused in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:x",
        "file:///etc/passwd",
        "https:stspg.io/abc",
        "https:///path",
        "//stspg.io/abc",
        "/relative",
        "relative/path",
        "#fragment",
        "",
        " ",
    ] {
        assert_eq!(absolute_url(refused), None, "{refused:?}");
    }
}
