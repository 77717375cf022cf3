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
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// sitrep's own format (`"sitrep": 1`).
    Native,
    /// GitLab's Status Page publisher.
    GitLab,
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
    /// Detail file, relative to the bucket root.
    pub detail_path: String,
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

/// The polled list file, newest incident first.
#[derive(Clone, Debug, PartialEq)]
pub struct IncidentList {
    pub format: Format,
    pub incidents: Vec<Incident>,
    pub archive: Vec<ArchiveRef>,
    /// Component id to display name (empty for formats without components).
    pub component_names: BTreeMap<String, String>,
}

impl IncidentList {
    pub fn component_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.component_names.get(id).map_or(id, String::as_str)
    }
}
