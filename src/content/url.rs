//! The one URL policy for everything sitrep puts in an `href` or `src`.
//!
//! Feed content and config values are untrusted. A URL survives only if it is http(s), mailto,
//! an in-page fragment, or relative; relative ones are resolved against a base (the bucket
//! root for feed content, so GitLab's `data/incident/<iid>/<secret>/<file>` paths load from the
//! bucket and not from the page's own folder).

/// Resolves `raw` against `base` (an absolute http(s) URL of a folder or file).
/// Returns `None` when the URL must not be used.
pub fn resolve_url(base: &str, raw: &str) -> Option<String> {
    let cleaned = cleaned(raw)?;
    if let Some(scheme) = scheme_of(&cleaned) {
        let scheme = scheme.to_ascii_lowercase();
        let rest = &cleaned[scheme.len() + 1..];
        return match scheme.as_str() {
            "mailto" => Some(format!("mailto:{rest}")),
            // Browsers read `\` as `/` here, and `https:host` (no `//`) as relative to the
            // page: only `scheme://host...` is handed on.
            "http" | "https" => {
                let rest = rest.replace('\\', "/");
                let host = rest.strip_prefix("//")?;
                (!host.is_empty() && !host.starts_with('/')).then(|| format!("{scheme}://{host}"))
            }
            _ => None,
        };
    }
    if cleaned.starts_with('#') {
        return Some(cleaned);
    }
    // Browsers read `\` as `/` in http(s) URLs, so `/\evil.example` would be protocol-relative.
    let reference = cleaned.replace('\\', "/");
    let base = BaseUrl::parse(base)?;
    Some(base.join(&reference))
}

/// `raw` for markup written without knowing the page's address (the snapshot): a relative
/// reference stays as written, for the browser to resolve against the page; anything else
/// passes the policy as in [`resolve_url`].
pub fn page_relative_url(raw: &str) -> Option<String> {
    let cleaned = cleaned(raw)?;
    let reference = cleaned.replace('\\', "/");
    if scheme_of(&cleaned).is_some() || cleaned.starts_with('#') {
        return resolve_url("", raw);
    }
    // Protocol-relative (`//host`): another site, which needs a base to check.
    (!reference.starts_with("//")).then_some(reference)
}

/// A link a feed gives as a field of its own (a root-cause analysis, an incident's page at
/// its source): kept only if it is absolute (http, https, mailto) and passes the policy.
/// There is no sensible base for a relative one, so it is dropped too.
pub fn absolute_url(raw: &str) -> Option<String> {
    // With no base, only URLs with a scheme (or in-page fragments) resolve.
    resolve_url("", raw).filter(|url| !url.starts_with('#'))
}

/// Browsers drop tabs and newlines anywhere in a URL and trim C0 controls and spaces at the
/// ends; so does this, first, so `java\nscript:` cannot slip past the scheme check. `None`
/// for what is empty or keeps a control character.
fn cleaned(raw: &str) -> Option<String> {
    let cleaned: String = raw
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    (!cleaned.is_empty() && !cleaned.chars().any(|c| c.is_control())).then_some(cleaned)
}

/// The scheme of an absolute URL, if `url` has one.
fn scheme_of(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let candidate = &url[..colon];
    if url[..colon].contains(['/', '?', '#']) {
        return None;
    }
    let mut chars = candidate.chars();
    let first_is_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (first_is_letter && rest_ok).then_some(candidate)
}

struct BaseUrl<'a> {
    scheme: &'a str,
    authority: &'a str,
    /// Path up to and including the last `/`.
    dir: &'a str,
    path: &'a str,
}

impl<'a> BaseUrl<'a> {
    fn parse(base: &'a str) -> Option<BaseUrl<'a>> {
        let (scheme, rest) = base.split_once(':')?;
        let rest = rest.strip_prefix("//")?;
        if !matches!(scheme, "http" | "https") {
            return None;
        }
        let rest = rest.split(['?', '#']).next().unwrap_or_default();
        let (authority, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        if authority.is_empty() {
            return None;
        }
        let dir = &path[..=path.rfind('/').unwrap_or(0)];
        Some(BaseUrl {
            scheme,
            authority,
            dir,
            path,
        })
    }

    fn join(&self, reference: &str) -> String {
        if let Some(rest) = reference.strip_prefix("//") {
            return format!("{}://{rest}", self.scheme);
        }
        let origin = format!("{}://{}", self.scheme, self.authority);
        if reference.starts_with('?') {
            return format!("{origin}{}{reference}", self.path);
        }
        let (path, tail) = match reference.find(['?', '#']) {
            Some(i) => reference.split_at(i),
            None => (reference, ""),
        };
        let joined = if path.starts_with('/') {
            path.to_string()
        } else {
            format!("{}{path}", self.dir)
        };
        format!("{origin}{}{tail}", remove_dot_segments(&joined))
    }
}

/// RFC 3986 section 5.2.4, for an absolute path.
fn remove_dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    for (i, segment) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *segment {
            "." => {
                if last {
                    out.push("");
                }
            }
            ".." => {
                out.pop();
                if last {
                    out.push("");
                }
            }
            other => out.push(other),
        }
    }
    format!("/{}", out.join("/"))
}

/// `scheme://host[:port]` of an absolute http(s) URL.
pub fn origin_of(url: &str) -> Option<&str> {
    let (scheme, rest) = url.split_once(':')?;
    let rest = rest.strip_prefix("//")?;
    if !matches!(scheme, "http" | "https") {
        return None;
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    (end > 0).then(|| &url[..scheme.len() + 3 + end])
}

/// Browsers refuse http resources on an https page; say so before trying.
pub fn is_mixed_content(page: &str, resource: &str) -> bool {
    page.starts_with("https://") && resource.starts_with("http://")
}
