//! Crashbot's `/list` answer: `{"open": [row…], "closed": [row…]}`. A row is a whole incident
//! (markdown description, severity, contacts, root-cause link), so the list is also every
//! incident's detail and there are no other files.

use std::collections::HashSet;

use serde::Deserialize;

use super::model::{Format, Incident, IncidentList, Kind, ListedDetail, Markup, Severity, Status};
use super::{deserialize_json as deserialize, is_valid_id, Detail, EntryPath, FeedError, Object};
use crate::content::url::absolute_url;
use crate::time::Timestamp;

#[derive(Deserialize)]
struct ListFile {
    open: Vec<Object<Row>>,
    closed: Vec<Object<Row>>,
}

// `update_number` and `modified_by` are not shown; `modified_at` says when it changed.
#[derive(Deserialize)]
struct Row {
    id: u64,
    status: StatusTag,
    severity: SeverityTag,
    title: String,
    description: Option<String>,
    point: Option<String>,
    contact: Option<String>,
    rca_link: Option<String>,
    modified_at: Timestamp,
    reported_at: Timestamp,
    closed_at: Option<Timestamp>,
}

#[derive(Deserialize, Clone, Copy, PartialEq)]
#[serde(rename_all = "lowercase")]
enum StatusTag {
    Open,
    Closed,
}

#[derive(Deserialize, Clone, Copy)]
enum SeverityTag {
    #[serde(rename = "sev-1", alias = "SEV-1")]
    Sev1,
    #[serde(rename = "sev-2", alias = "SEV-2")]
    Sev2,
    #[serde(rename = "sev-3", alias = "SEV-3")]
    Sev3,
    #[serde(rename = "sev-4", alias = "SEV-4")]
    Sev4,
    #[serde(rename = "sev-5", alias = "SEV-5")]
    Sev5,
}

impl SeverityTag {
    fn severity(self) -> Severity {
        match self {
            SeverityTag::Sev1 => Severity::Sev1,
            SeverityTag::Sev2 => Severity::Sev2,
            SeverityTag::Sev3 => Severity::Sev3,
            SeverityTag::Sev4 => Severity::Sev4,
            SeverityTag::Sev5 => Severity::Sev5,
        }
    }
}

pub(super) fn parse_list(file: &str, bytes: &[u8]) -> Result<IncidentList, FeedError> {
    let list: ListFile = deserialize(file, bytes)?;
    let mut parsed = IncidentList::new(Format::Crashbot);
    let mut seen = HashSet::new();
    let arrays = [
        ("open", StatusTag::Open, list.open),
        ("closed", StatusTag::Closed, list.closed),
    ];
    for (array, expected, rows) in arrays {
        for (i, Object(row)) in rows.into_iter().enumerate() {
            let (incident, detail) = normalise(file, EntryPath::item(array, i), expected, row)?;
            // A repeated id would make two rows share one link; the first one wins.
            if seen.insert(incident.id.clone()) {
                parsed.details.insert(incident.id.clone(), detail);
                parsed.incidents.push(incident);
            }
        }
    }
    // Newest first like every list; the page orders open incidents by severity itself
    // (crate::overview::active_order).
    super::sort_newest_first(&mut parsed.incidents);
    Ok(parsed)
}

fn normalise(
    file: &str,
    path: EntryPath,
    expected: StatusTag,
    row: Row,
) -> Result<(Incident, ListedDetail), FeedError> {
    let fail = |name: &str, detail: Detail| Err(FeedError::field(file, path.field(name), detail));
    let id = row.id.to_string();
    if !is_valid_id(&id) {
        return fail("id", Detail::InvalidId { id });
    }
    if row.status != expected {
        let array = match expected {
            StatusTag::Open => "open",
            StatusTag::Closed => "closed",
        };
        return fail("status", Detail::RowInWrongArray { array });
    }
    // An open row may keep the closed_at of an earlier close (reopened); it is not shown.
    let resolved_at = match (row.status, row.closed_at) {
        (StatusTag::Open, _) => None,
        (StatusTag::Closed, Some(at)) => Some(at),
        (StatusTag::Closed, None) => return fail("closed_at", Detail::ClosedNeedsTime),
    };
    let mut contacts: Vec<String> = Vec::new();
    for name in [row.point, row.contact].into_iter().flatten() {
        let name = name.trim();
        if !name.is_empty() && !contacts.iter().any(|c| c == name) {
            contacts.push(name.to_string());
        }
    }
    let severity = row.severity.severity();
    let incident = Incident {
        id,
        kind: Kind::Incident,
        title: Markup::Plain(row.title),
        status: match row.status {
            StatusTag::Open => Status::Ongoing,
            StatusTag::Closed => Status::Resolved,
        },
        impact: Some(severity.impact()),
        components: Vec::new(),
        started_at: row.reported_at,
        updated_at: row.modified_at,
        resolved_at,
        latest_update: None,
        detail_path: String::new(),
        severity: Some(severity),
        contacts,
        root_cause_url: row.rca_link.as_deref().and_then(absolute_url),
        link: None,
    };
    let description = match row.description {
        Some(text) if !text.trim().is_empty() => Markup::Markdown(text),
        _ => Markup::Plain(String::new()),
    };
    Ok((
        incident,
        ListedDetail {
            description,
            updates: Vec::new(),
        },
    ))
}
