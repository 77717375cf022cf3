//! GitLab's Status Page publisher, read unchanged: `data/list.json` is `{"incidents":[...]}`,
//! titles, descriptions and comment notes are pre-rendered HTML, status is opened/closed.

use std::collections::HashSet;

use serde::Deserialize;

use super::model::{Format, Incident, IncidentDetail, IncidentList, Kind, Markup, Status, Update};
use super::{default_detail_path, deserialize_json as deserialize, FeedError, Object};
use crate::time::Timestamp;

#[derive(Deserialize)]
struct ListFile {
    incidents: Vec<Object<IncidentEntry>>,
}

#[derive(Deserialize)]
struct IncidentEntry {
    id: u64,
    // Early publishers wrote `state`.
    #[serde(alias = "state")]
    status: StatusTag,
    title: String,
    description: Option<String>,
    #[serde(default)]
    comments: Vec<Comment>,
    links: Option<Links>,
    created_at: Timestamp,
    updated_at: Timestamp,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum StatusTag {
    Opened,
    Closed,
}

#[derive(Deserialize)]
struct Comment {
    note: String,
    created_at: Timestamp,
}

#[derive(Deserialize)]
struct Links {
    details: Option<String>,
}

pub(super) fn parse_list(file: &str, bytes: &[u8]) -> Result<IncidentList, FeedError> {
    let list: ListFile = deserialize(file, bytes)?;
    let mut seen = HashSet::new();
    let mut incidents: Vec<Incident> = list
        .incidents
        .into_iter()
        .map(|Object(entry)| summary(entry))
        .filter(|incident| seen.insert(incident.id.clone()))
        .collect();
    super::sort_newest_first(&mut incidents);
    Ok(IncidentList {
        incidents,
        ..IncidentList::new(Format::GitLab)
    })
}

pub(super) fn parse_detail(file: &str, bytes: &[u8]) -> Result<IncidentDetail, FeedError> {
    let mut entry: IncidentEntry = deserialize(file, bytes)?;
    let description = Markup::Html(entry.description.take().unwrap_or_default());
    // Comments come oldest first; their position is their permalink (`update-1` is the first).
    let mut updates: Vec<Update> = std::mem::take(&mut entry.comments)
        .into_iter()
        .enumerate()
        .map(|(i, comment)| Update {
            id: (i + 1).to_string(),
            status: None,
            at: comment.created_at,
            body: Markup::Html(comment.note),
        })
        .collect();
    updates.reverse();
    Ok(IncidentDetail {
        incident: summary(entry),
        description,
        updates,
    })
}

fn summary(entry: IncidentEntry) -> Incident {
    let id = entry.id.to_string();
    let closed = matches!(entry.status, StatusTag::Closed);
    Incident {
        detail_path: entry
            .links
            .and_then(|links| links.details)
            .unwrap_or_else(|| default_detail_path(&id)),
        id,
        kind: Kind::Incident,
        title: Markup::Html(entry.title),
        status: if closed {
            Status::Resolved
        } else {
            Status::Ongoing
        },
        impact: None,
        components: Vec::new(),
        started_at: entry.created_at,
        updated_at: entry.updated_at,
        // GitLab records no close time; the last update of a closed incident is its close.
        resolved_at: closed.then_some(entry.updated_at),
        latest_update: None,
        severity: None,
        contacts: Vec::new(),
        root_cause_url: None,
        link: None,
    }
}
