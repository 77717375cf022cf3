//! The one model every feed format is normalised into; views only ever see this.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::content::markdown::render_markdown;
use crate::time::Timestamp;

/// Text from a feed. HTML is untrusted and must be sanitised before it reaches the DOM.
#[derive(Clone, Debug, PartialEq)]
pub enum Markup {
    Plain(String),
    /// HTML as the feed published it (GitLab's pre-rendered notes).
    Html(String),
    /// sitrep's markdown, turned into HTML only when shown: a long timeline drawn a chunk at a
    /// time renders each update's markdown when its chunk is drawn, not all of it up front.
    Markdown(String),
}

impl Markup {
    /// The (still unsanitised) HTML to show, or `None` for plain text. Relative URLs in
    /// markdown resolve against `base`, the bucket root.
    pub fn html(&self, base: &str) -> Option<Cow<'_, str>> {
        match self {
            Markup::Plain(_) => None,
            Markup::Html(html) => Some(Cow::Borrowed(html)),
            Markup::Markdown(source) => Some(Cow::Owned(render_markdown(source, base))),
        }
    }

    /// The markup as a title shows it: plain text, or the HTML a feed published. No format
    /// writes markdown titles; one would show as written. Titles never need the markdown
    /// renderer, so the list page's code does not carry it.
    pub fn inline(&self) -> Inline<'_> {
        match self {
            Markup::Plain(text) | Markup::Markdown(text) => Inline::Text(text),
            Markup::Html(html) => Inline::Html(html),
        }
    }
}

/// A title (see [`Markup::inline`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Inline<'a> {
    Text(&'a str),
    /// Unsanitised, like all feed HTML.
    Html(&'a str),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// sitrep's own format (`"sitrep": 1`).
    Native,
    /// GitLab's Status Page publisher.
    GitLab,
    /// Crashbot's `/list` answer: every incident, open and closed, in one file.
    Crashbot,
    /// Atlassian Statuspage's public API (`api/v2/summary.json`, `api/v2/incidents.json`).
    Statuspage,
}

impl Format {
    /// Whether the list carries each incident's description and updates, so opening an
    /// incident needs no request of its own (see [`super::detail_in_list`]).
    pub fn details_in_list(self) -> bool {
        matches!(self, Format::Crashbot | Format::Statuspage)
    }

    /// Whether incidents have a timeline of updates: Crashbot keeps one text per incident.
    pub fn has_timeline(self) -> bool {
        self != Format::Crashbot
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    Investigating,
    Identified,
    Monitoring,
    Resolved,
    /// An open incident whose feed has no lifecycle phases (GitLab's `opened`).
    Ongoing,
    Scheduled,
    InProgress,
    Completed,
}

impl Status {
    /// Stable name for CSS classes, data attributes and message keys (`status.<key>`).
    pub fn key(self) -> &'static str {
        match self {
            Status::Investigating => "investigating",
            Status::Identified => "identified",
            Status::Monitoring => "monitoring",
            Status::Resolved => "resolved",
            Status::Ongoing => "ongoing",
            Status::Scheduled => "scheduled",
            Status::InProgress => "in-progress",
            Status::Completed => "completed",
        }
    }

    pub fn is_closed(self) -> bool {
        matches!(self, Status::Resolved | Status::Completed)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Impact {
    None,
    Minor,
    Major,
    Critical,
}

impl Impact {
    /// Stable name for CSS classes and message keys (`impact.<key>`).
    pub fn key(self) -> &'static str {
        match self {
            Impact::None => "none",
            Impact::Minor => "minor",
            Impact::Major => "major",
            Impact::Critical => "critical",
        }
    }
}

/// Crashbot's severity, SEV-1 (worst) to SEV-5. Kept beside the impact it maps to, so the
/// page can show the feed's own word and order open incidents by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Sev1,
    Sev2,
    Sev3,
    Sev4,
    Sev5,
}

impl Severity {
    /// Stable name for CSS classes and message keys (`severity.<key>`).
    pub fn key(self) -> &'static str {
        match self {
            Severity::Sev1 => "sev-1",
            Severity::Sev2 => "sev-2",
            Severity::Sev3 => "sev-3",
            Severity::Sev4 => "sev-4",
            Severity::Sev5 => "sev-5",
        }
    }

    /// The impact level the overall status is computed from (docs/feed-format.md).
    pub fn impact(self) -> Impact {
        match self {
            Severity::Sev1 => Impact::Critical,
            Severity::Sev2 => Impact::Major,
            Severity::Sev3 | Severity::Sev4 => Impact::Minor,
            Severity::Sev5 => Impact::None,
        }
    }
}

/// The status of the whole page, computed from the incidents or declared by the feed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Overall {
    Operational,
    Maintenance,
    Degraded,
    MajorOutage,
}

impl Overall {
    /// Stable name for CSS classes and message keys (`overall.<key>`).
    pub fn key(self) -> &'static str {
        match self {
            Overall::Operational => "operational",
            Overall::Maintenance => "maintenance",
            Overall::Degraded => "degraded",
            Overall::MajorOutage => "major",
        }
    }
}

/// A component's current state, as a feed that tracks it declares it (Statuspage).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ComponentStatus {
    Operational,
    UnderMaintenance,
    DegradedPerformance,
    PartialOutage,
    MajorOutage,
}

impl ComponentStatus {
    /// Stable name for CSS classes and message keys (`component.<key>`).
    pub fn key(self) -> &'static str {
        match self {
            ComponentStatus::Operational => "operational",
            ComponentStatus::UnderMaintenance => "under-maintenance",
            ComponentStatus::DegradedPerformance => "degraded-performance",
            ComponentStatus::PartialOutage => "partial-outage",
            ComponentStatus::MajorOutage => "major-outage",
        }
    }
}

/// One entry of a components panel, in the feed's order.
#[derive(Clone, Debug, PartialEq)]
pub struct Component {
    pub id: String,
    /// Plain text.
    pub name: String,
    /// The display name of the group it belongs to; groups themselves are not entries.
    pub group: Option<String>,
    /// `None` when the feed does not track it (sitrep's format): derive it from incidents.
    pub status: Option<ComponentStatus>,
    /// Listed only while it is not operational (Statuspage's `only_show_if_degraded`).
    pub only_if_degraded: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Incident,
    Maintenance { start: Timestamp, end: Timestamp },
}

/// What the list file says about an incident.
#[derive(Clone, Debug, PartialEq)]
pub struct Incident {
    /// Safe for URLs and file names (see [`super::is_valid_id`]).
    pub id: String,
    pub kind: Kind,
    pub title: Markup,
    pub status: Status,
    /// `None` when the feed does not say (GitLab).
    pub impact: Option<Impact>,
    /// Component ids; [`IncidentList::component_names`] has their display names.
    pub components: Vec<String>,
    pub started_at: Timestamp,
    pub updated_at: Timestamp,
    pub resolved_at: Option<Timestamp>,
    pub latest_update: Option<String>,
    /// Detail file, relative to the bucket root. Empty when the list carries the detail
    /// ([`Format::details_in_list`]): there is no file to fetch.
    pub detail_path: String,
    /// The feed's own severity (Crashbot); `impact` holds what it maps to.
    pub severity: Option<Severity>,
    /// People to contact about it, plain text (Crashbot's `point` then `contact`).
    pub contacts: Vec<String>,
    /// Root-cause analysis, an absolute URL that passed the URL policy (Crashbot).
    pub root_cause_url: Option<String>,
    /// The incident's own page at its source, an absolute URL that passed the URL policy
    /// (Statuspage's `shortlink`).
    pub link: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Update {
    pub id: String,
    pub status: Option<Status>,
    pub at: Timestamp,
    pub body: Markup,
}

/// An incident file: the summary plus its text and timeline (newest update first).
#[derive(Clone, Debug, PartialEq)]
pub struct IncidentDetail {
    pub incident: Incident,
    pub description: Markup,
    pub updates: Vec<Update>,
}

/// An older file of incidents, loaded only when the reader asks for it.
#[derive(Clone, Debug, PartialEq)]
pub struct ArchiveRef {
    pub path: String,
    pub title: String,
    pub count: Option<u64>,
}

/// What a detail file adds to its summary, when the list itself carries it.
#[derive(Clone, Debug, PartialEq)]
pub struct ListedDetail {
    pub description: Markup,
    /// Newest first.
    pub updates: Vec<Update>,
}

/// The polled list file, newest incident first.
#[derive(Clone, Debug, PartialEq)]
pub struct IncidentList {
    pub format: Format,
    pub incidents: Vec<Incident>,
    pub archive: Vec<ArchiveRef>,
    /// Component id to display name (empty for formats without components).
    pub component_names: BTreeMap<String, String>,
    /// Components for a panel, in the feed's order (empty for formats without components).
    pub components: Vec<Component>,
    /// The overall status the feed declares (Statuspage's `status.indicator`); it replaces
    /// the one computed from the incidents.
    pub overall: Option<Overall>,
    /// Incident id to its description and updates, for formats whose list carries them
    /// ([`Format::details_in_list`]); empty otherwise.
    pub details: BTreeMap<String, ListedDetail>,
}

impl IncidentList {
    /// An empty list of `format`, for parsers to fill.
    pub fn new(format: Format) -> IncidentList {
        IncidentList {
            format,
            incidents: Vec::new(),
            archive: Vec::new(),
            component_names: BTreeMap::new(),
            components: Vec::new(),
            overall: None,
            details: BTreeMap::new(),
        }
    }

    pub fn component_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.component_names.get(id).map_or(id, String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_show_feed_html_or_the_text_as_written() {
        let html = Markup::Html("<em>API</em> errors".into());
        assert_eq!(html.inline(), Inline::Html("<em>API</em> errors"));
        let plain = Markup::Plain("API <errors>".into());
        assert_eq!(plain.inline(), Inline::Text("API <errors>"));
        // Never rendered: a markdown title keeps its characters.
        let markdown = Markup::Markdown("**API** errors".into());
        assert_eq!(markdown.inline(), Inline::Text("**API** errors"));
    }
}
