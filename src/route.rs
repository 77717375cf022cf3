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

pub fn incident_href(id: &str) -> String {
    format!("?{INCIDENT_PARAM}={id}")
}

pub fn update_anchor(update_id: &str) -> String {
    format!("{UPDATE_ANCHOR_PREFIX}{update_id}")
}

pub fn update_href(incident_id: &str, update_id: &str) -> String {
    format!(
        "{}#{}",
        incident_href(incident_id),
        update_anchor(update_id)
    )
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
