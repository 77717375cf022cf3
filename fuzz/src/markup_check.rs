//! Checks that HTML produced by `render_markdown` cannot run script, and that a URL from
//! `resolve_url` is one the URL policy allows.
//!
//! Shared by the fuzz targets (`fuzz/fuzz_targets/`) and the property tests
//! (`tests/properties.rs`, which includes this file with `#[path]`), so both check the same
//! rules. The scanner is deliberately small and strict: pulldown-cmark escapes every `<` in
//! text, so any `<` in its output must open or close one of the tags it emits.

/// Every element pulldown-cmark's HTML writer can emit with the options sitrep enables.
pub const ALLOWED_TAGS: &[&str] = &[
    "a",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "img",
    "input",
    "li",
    "ol",
    "p",
    "pre",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Every attribute it can write on them.
pub const ALLOWED_ATTRIBUTES: &[&str] = &[
    "alt", "checked", "class", "disabled", "href", "id", "src", "start", "style", "title", "type",
];

/// A tag found in the HTML, with its attributes (values entity-decoded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub name: String,
    pub closing: bool,
    pub attributes: Vec<(String, String)>,
}

/// Splits `html` into tags. Text between tags is skipped; a `<` that does not start a
/// well-formed tag is an error.
pub fn scan_tags(html: &str) -> Result<Vec<Tag>, String> {
    let bytes = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(offset) = html[i..].find('<') {
        let start = i + offset;
        let mut j = start + 1;
        let closing = bytes.get(j) == Some(&b'/');
        if closing {
            j += 1;
        }
        let name_start = j;
        while j < bytes.len() && bytes[j].is_ascii_alphanumeric() {
            j += 1;
        }
        if j == name_start || !bytes[name_start].is_ascii_alphabetic() {
            return Err(format!(
                "'<' at byte {start} does not start a tag: {:?}",
                excerpt(html, start)
            ));
        }
        let name = html[name_start..j].to_ascii_lowercase();
        let mut attributes = Vec::new();
        loop {
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            match bytes.get(j) {
                None => return Err(format!("unterminated tag <{name} at byte {start}")),
                Some(b'>') => {
                    j += 1;
                    break;
                }
                Some(b'/') if bytes.get(j + 1) == Some(&b'>') => {
                    j += 2;
                    break;
                }
                Some(_) => {}
            }
            let attr_start = j;
            while j < bytes.len()
                && !matches!(bytes[j], b'=' | b'>' | b'/')
                && !bytes[j].is_ascii_whitespace()
            {
                j += 1;
            }
            if j == attr_start {
                return Err(format!("stray '/' in <{name} at byte {start}"));
            }
            let attr = html[attr_start..j].to_ascii_lowercase();
            let mut value = String::new();
            if bytes.get(j) == Some(&b'=') {
                j += 1;
                match bytes.get(j) {
                    Some(&quote @ (b'"' | b'\'')) => {
                        let value_start = j + 1;
                        let Some(len) = html[value_start..].find(quote as char) else {
                            return Err(format!("unterminated attribute {attr} in <{name}"));
                        };
                        value = decode_entities(&html[value_start..value_start + len]);
                        j = value_start + len + 1;
                    }
                    _ => {
                        let value_start = j;
                        while j < bytes.len() && bytes[j] != b'>' && !bytes[j].is_ascii_whitespace()
                        {
                            j += 1;
                        }
                        value = decode_entities(&html[value_start..j]);
                    }
                }
            }
            attributes.push((attr, value));
        }
        if closing && !attributes.is_empty() {
            return Err(format!("closing tag </{name}> has attributes"));
        }
        tags.push(Tag {
            name,
            closing,
            attributes,
        });
        i = j;
    }
    Ok(tags)
}

/// Script-capable markup in `html`, or `Ok` when every tag, attribute and URL is one
/// `render_markdown` may emit.
pub fn check_rendered_html(html: &str) -> Result<(), String> {
    for tag in scan_tags(html)? {
        if !ALLOWED_TAGS.contains(&tag.name.as_str()) {
            return Err(format!(
                "tag <{}> is not one pulldown-cmark emits",
                tag.name
            ));
        }
        for (name, value) in &tag.attributes {
            if name.starts_with("on") {
                return Err(format!("event handler {name}={value:?} on <{}>", tag.name));
            }
            if !ALLOWED_ATTRIBUTES.contains(&name.as_str()) {
                return Err(format!("attribute {name} on <{}>", tag.name));
            }
            match name.as_str() {
                "href" | "src" => {
                    check_url_scheme(value).map_err(|e| format!("<{} {name}>: {e}", tag.name))?
                }
                "style"
                    if !matches!(
                        value.as_str(),
                        "text-align: left" | "text-align: center" | "text-align: right"
                    ) =>
                {
                    return Err(format!("style {value:?} on <{}>", tag.name));
                }
                "type" if value != "checkbox" => {
                    return Err(format!("type {value:?} on <{}>", tag.name));
                }
                _ => {}
            }
        }
    }
    Ok(())
}

/// A URL in an `href` or `src` must be http(s), mailto or an in-page fragment, read the way
/// a browser reads it (leading controls and spaces dropped, tabs and newlines ignored, the
/// scheme case-insensitive).
pub fn check_url_scheme(url: &str) -> Result<(), String> {
    let browser_view: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if browser_view.starts_with('#') {
        return Ok(());
    }
    let scheme = browser_view
        .split_once(':')
        .map(|(scheme, _)| scheme.to_ascii_lowercase());
    match scheme.as_deref() {
        Some("http" | "https" | "mailto") => Ok(()),
        _ => Err(format!("URL {url:?} is not http(s), mailto or #fragment")),
    }
}

/// What `resolve_url` returns must be usable as is, whatever page it ends up on: an absolute
/// http(s) URL with an authority, a mailto: URL, or an in-page fragment. (`https:evil` would
/// be resolved by the browser against the page, not the bucket.)
pub fn check_resolved_url(url: &str) -> Result<(), String> {
    let ok = url.starts_with("http://")
        || url.starts_with("https://")
        || url.starts_with("mailto:")
        || url.starts_with('#');
    if !ok {
        return Err(format!(
            "resolved URL {url:?} does not start with http://, https://, mailto: or #"
        ));
    }
    if url.chars().any(|c| c.is_control()) {
        return Err(format!("resolved URL {url:?} contains a control character"));
    }
    Ok(())
}

fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.find(';').and_then(|semi| {
            let entity = &rest[1..semi];
            let ch = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => entity.strip_prefix('#').and_then(|num| {
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => num.parse().ok(),
                    };
                    code.and_then(char::from_u32)
                }),
            };
            ch.map(|ch| (ch, semi + 1))
        });
        match decoded {
            Some((ch, len)) => {
                out.push(ch);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn excerpt(html: &str, at: usize) -> String {
    html[at..].chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_what_pulldown_cmark_writes() {
        let html = "<p><a href=\"https://x.example/?a=1&amp;b=2\" title=\"t\">x</a> \
                    <img src=\"https://x.example/i.png\" alt=\"&lt;script&gt;\" /><br />\n\
                    <input disabled=\"\" type=\"checkbox\" checked=\"\"/></p>\
                    <table><thead><tr><th style=\"text-align: center\">h</th></tr></thead></table>\
                    <sup class=\"footnote-reference\"><a href=\"#n\">1</a></sup>";
        assert_eq!(check_rendered_html(html), Ok(()));
    }

    #[test]
    fn rejects_script_capable_markup() {
        for bad in [
            "<script>x</script>",
            "<p onclick=\"x\">",
            "<a href=\"javascript:x\">",
            "<a href=\"&#106;avascript:x\">",
            "<a href=\" java\tscript:x\">",
            "<img src=\"data:image/svg+xml,x\" />",
            "<iframe src=\"https://x\">",
            "<p style=\"position:fixed\">",
            "<!-- x -->",
            "<a href=\"x",
            "<svg>",
        ] {
            assert!(check_rendered_html(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn resolved_urls() {
        for good in ["https://a/b", "http://a", "mailto:x@y", "#f"] {
            assert_eq!(check_resolved_url(good), Ok(()));
        }
        for bad in [
            "javascript:x",
            "https:evil",
            "//evil",
            "data:x",
            "https://a/\u{0}",
        ] {
            assert!(check_resolved_url(bad).is_err(), "{bad}");
        }
    }
}
