//! Which view the URL asks for. Routes live in the query string of `index.html`
//! (`?incident=<id>`, `#update-<id>` for one update) so that deep links work on any static
//! host without rewrite rules, and under any subpath.

use crate::feed::is_valid_id;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    List,
    Incident(String),
    /// `?incident=` named something that cannot be an incident id.
    InvalidIncident,
}

pub const INCIDENT_PARAM: &str = "incident";
/// The list's history filtered to one component's incidents (`?component=<id>`).
pub const COMPONENT_PARAM: &str = "component";
const UPDATE_ANCHOR_PREFIX: &str = "update-";

impl Route {
    pub fn from_query(incident: Option<&str>) -> Route {
        match incident {
            None => Route::List,
            Some(id) if is_valid_id(id) => Route::Incident(id.to_string()),
            Some(_) => Route::InvalidIncident,
        }
    }
}

/// The component a list link filters its history to; anything that cannot be an id is none.
pub fn component_filter(value: Option<&str>) -> Option<String> {
    value.filter(|id| is_valid_id(id)).map(str::to_string)
}

pub const LANG_PARAM: &str = "lang";
pub const TZ_PARAM: &str = "tz";

/// Reader choices that travel with every internal link, so a shared link shows the same
/// language and times.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Carried {
    pub lang: Option<String>,
    pub tz: Option<String>,
}

impl Carried {
    /// A link to the list (`incident` None) or an incident, optionally to one of its updates.
    pub fn href(&self, incident: Option<&str>, update: Option<&str>) -> String {
        self.link(incident, None, update)
    }

    /// A link to the list with its history filtered to one component.
    pub fn component_href(&self, component: &str) -> String {
        self.link(None, Some(component), None)
    }

    fn link(
        &self,
        incident: Option<&str>,
        component: Option<&str>,
        update: Option<&str>,
    ) -> String {
        let params: Vec<String> = [
            (INCIDENT_PARAM, incident),
            (COMPONENT_PARAM, component),
            (LANG_PARAM, self.lang.as_deref()),
            (TZ_PARAM, self.tz.as_deref()),
        ]
        .into_iter()
        .filter_map(|(name, value)| {
            value.map(|value| format!("{name}={}", encode_component(value)))
        })
        .collect();
        let mut href = if params.is_empty() {
            "./".to_string()
        } else {
            format!("?{}", params.join("&"))
        };
        if let Some(update) = update {
            href.push('#');
            href.push_str(&update_anchor(update));
        }
        href
    }
}

/// Percent-encodes a query value (RFC 3986 unreserved characters stay).
pub fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

pub fn update_anchor(update_id: &str) -> String {
    format!("{UPDATE_ANCHOR_PREFIX}{update_id}")
}

/// The update a URL fragment (`#update-3`) points at, if any.
pub fn update_from_hash(hash: &str) -> Option<&str> {
    hash.strip_prefix('#')
        .unwrap_or(hash)
        .strip_prefix(UPDATE_ANCHOR_PREFIX)
        .filter(|id| is_valid_id(id))
}

/// GitLab links incidents as `<page>/#/data%2Fincident%2F<iid>.json`; returns the iid.
pub fn legacy_gitlab_incident(hash: &str) -> Option<String> {
    let encoded = hash.strip_prefix("#/")?;
    let path = percent_decode(encoded)?;
    let id = path.strip_prefix("data/incident/")?.strip_suffix(".json")?;
    is_valid_id(id).then(|| id.to_string())
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A query string's parameters, decoded (`+` is a space, as in forms).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query(Vec<(String, String)>);

impl Query {
    /// From `location.search` (with or without its `?`). Undecodable pairs are left out.
    pub fn parse(search: &str) -> Query {
        let search = search.strip_prefix('?').unwrap_or(search);
        let decode = |text: &str| percent_decode(&text.replace('+', " "));
        Query(
            search
                .split('&')
                .filter(|pair| !pair.is_empty())
                .filter_map(|pair| {
                    let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                    Some((decode(name)?, decode(value)?))
                })
                .collect(),
        )
    }

    /// The first value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// A click on a link, as far as deciding who follows it matters.
#[derive(Clone, Copy, Debug, Default)]
pub struct LinkClick<'a> {
    /// 0 is the main button.
    pub button: i16,
    /// Ctrl, Meta, Shift or Alt held: the reader asked for a new tab, window or download.
    pub modified: bool,
    pub default_prevented: bool,
    /// The link's `target`, `download` and `rel` attributes.
    pub target: Option<&'a str>,
    pub download: bool,
    pub rel: Option<&'a str>,
}

/// Where an absolute URL points: its origin, path, query (`?…` or empty) and fragment.
#[derive(Clone, Copy, Debug, Default)]
pub struct Place<'a> {
    pub origin: &'a str,
    pub path: &'a str,
    pub search: &'a str,
    pub hash: &'a str,
}

/// Whether the page follows a click itself (a new query on the same page, no reload) rather
/// than the browser: a plain main-button click, not asking for another tab or window, on a
/// link to this same page. Everything else is the browser's, so modified clicks open tabs,
/// and a fragment of the page as it is (`#main`, `#update-3`) scrolls and focuses as usual.
pub fn followed_in_page(click: &LinkClick, page: Place, link: Place) -> bool {
    let own_window = click
        .target
        .is_none_or(|target| target.is_empty() || target == "_self");
    let external = click
        .rel
        .is_some_and(|rel| rel.split_ascii_whitespace().any(|r| r == "external"));
    click.button == 0
        && !click.modified
        && !click.default_prevented
        && own_window
        && !click.download
        && !external
        && link.origin == page.origin
        && same_page(page.path, link.path)
        && (link.search != page.search || link.hash.is_empty())
}

/// `/status/` and `/status/index.html` are the same page.
fn same_page(a: &str, b: &str) -> bool {
    let folder = |path: &str| path.strip_suffix("index.html").unwrap_or(path).to_string();
    folder(a) == folder(b)
}
