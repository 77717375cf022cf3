//! The embeddable widget's options (query parameters) and its message protocol with the host
//! page. Version 1 messages, all plain JSON objects:
//!
//! - embed → host `{"type":"sitrep:resize","version":1,"height":<px>}` whenever its content
//!   height changes;
//! - embed → host `{"type":"sitrep:status","version":1,"overall":"<operational|maintenance|
//!   degraded|major>","active":<open incidents>}` on load and whenever either changes;
//! - host → embed `{"type":"sitrep:hello","version":1}` asks for the status again, and
//!   `{"type":"sitrep:theme","version":1,"theme":"light|dark|auto"}` switches the theme. The
//!   embed acts on these only from origins listed in `embed_allowed_origins`.

use serde::Deserialize;

use crate::feed::model::Incident;
use crate::overview::{maintenance_phase, MaintenancePhase, Overall, Overview};
use crate::time::Timestamp;

pub const EMBED_PARAM: &str = "embed";
pub const PROTOCOL_VERSION: u32 = 1;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    fn parse(value: &str) -> Option<Theme> {
        match value {
            "auto" => Some(Theme::Auto),
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Layout {
    /// The overall status and the open incidents with their latest update.
    #[default]
    List,
    /// One line: the overall status.
    Banner,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EmbedOptions {
    pub theme: Theme,
    pub layout: Layout,
    pub transparent: bool,
    pub show_active: bool,
    pub show_maintenance: bool,
    /// The components and their status (`components=1`).
    pub show_components: bool,
}

impl Default for EmbedOptions {
    fn default() -> Self {
        EmbedOptions {
            theme: Theme::Auto,
            layout: Layout::List,
            transparent: false,
            show_active: true,
            show_maintenance: true,
            show_components: false,
        }
    }
}

impl EmbedOptions {
    /// Reads `theme`, `layout`, `transparent` and `show` from the query; anything unknown or
    /// malformed keeps its default, so a typo never breaks a host page.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> EmbedOptions {
        let mut options = EmbedOptions::default();
        if let Some(theme) = get("theme").as_deref().and_then(Theme::parse) {
            options.theme = theme;
        }
        if get("layout").as_deref() == Some("banner") {
            options.layout = Layout::Banner;
        }
        options.transparent = matches!(get("transparent").as_deref(), Some("1" | "true" | ""));
        options.show_components = matches!(get("components").as_deref(), Some("1" | "true" | ""));
        if let Some(show) = get("show") {
            let parts: Vec<&str> = show.split(',').map(str::trim).collect();
            let active = parts.contains(&"active");
            let maintenance = parts.contains(&"maintenance");
            // A list naming neither part is malformed: keep both.
            if active || maintenance {
                options.show_active = active;
                options.show_maintenance = maintenance;
            }
        }
        options
    }
}

pub fn resize_message(height: u32) -> String {
    format!(r#"{{"type":"sitrep:resize","version":{PROTOCOL_VERSION},"height":{height}}}"#)
}

pub fn status_message(overall: &str, active: usize) -> String {
    format!(
        r#"{{"type":"sitrep:status","version":{PROTOCOL_VERSION},"overall":"{overall}","active":{active}}}"#
    )
}

/// What a host page may ask of the embed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostRequest {
    Hello,
    Theme(Theme),
}

/// Reads a message from the host; anything else (other types, versions, shapes) is `None`.
pub fn parse_host_message(json: &str) -> Option<HostRequest> {
    #[derive(Deserialize)]
    struct Incoming {
        #[serde(rename = "type")]
        kind: String,
        version: u32,
        theme: Option<Theme>,
    }
    let message: Incoming = serde_json::from_str(json).ok()?;
    if message.version != PROTOCOL_VERSION {
        return None;
    }
    match (message.kind.as_str(), message.theme) {
        ("sitrep:hello", _) => Some(HostRequest::Hello),
        ("sitrep:theme", Some(theme)) => Some(HostRequest::Theme(theme)),
        _ => None,
    }
}

/// Whether `origin` is one the deployer allowed to talk to the embed.
pub fn origin_allowed(origin: &str, allowed: &[String]) -> bool {
    allowed
        .iter()
        .any(|a| a == "*" || a.trim_end_matches('/') == origin)
}

/// What the embed shows: the overall status, how many incidents are open, and the incidents
/// its options ask for (open ones, then maintenance under way).
#[derive(Clone, Debug, PartialEq)]
pub struct EmbedView {
    pub overall: Overall,
    pub active: usize,
    pub shown: Vec<Incident>,
}

impl EmbedView {
    pub fn new(overview: &Overview, options: &EmbedOptions, now: Timestamp) -> EmbedView {
        let active = options.show_active.then_some(&overview.active);
        let in_progress = overview.maintenance.iter().filter(|maintenance| {
            options.show_maintenance
                && maintenance_phase(maintenance, now) == Some(MaintenancePhase::InProgress)
        });
        EmbedView {
            overall: overview.overall,
            active: overview.active.len(),
            shown: active
                .into_iter()
                .flatten()
                .chain(in_progress)
                .cloned()
                .collect(),
        }
    }
}
