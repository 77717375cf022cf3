//! sitrep's own format (docs/feed-format.md): plain-text titles, markdown bodies, a lifecycle
//! status, impact, components, maintenance windows and an updates timeline.

use std::collections::{BTreeMap, HashSet};

use serde::Deserialize;

use super::model::{
    ArchiveRef, Component, Format, Impact, Incident, IncidentDetail, IncidentList, Kind, Markup,
    Status, Update,
};
use super::{
    default_detail_path, deserialize_json as deserialize, is_valid_id, maintenance_window, Detail,
    EntryPath, FeedError, Object,
};
use crate::time::Timestamp;

pub const FORMAT_VERSION: u32 = 1;

#[derive(Deserialize)]
struct ListFile {
    sitrep: u32,
    #[serde(default)]
    components: Vec<ComponentEntry>,
    incidents: Vec<Object<IncidentEntry>>,
    #[serde(default)]
    archive: Vec<ArchiveEntry>,
}

#[derive(Deserialize)]
struct ComponentEntry {
    id: String,
    name: String,
    group: Option<String>,
}

#[derive(Deserialize)]
struct ArchiveEntry {
    url: String,
    title: String,
    count: Option<u64>,
}

/// One incident, as a list entry or (with `sitrep`, `description` and `updates`) a detail file.
#[derive(Deserialize)]
struct IncidentEntry {
    sitrep: Option<u32>,
    id: String,
    #[serde(default)]
    kind: KindTag,
    title: String,
    status: StatusTag,
    impact: Option<ImpactTag>,
    #[serde(default)]
    components: Vec<String>,
    started_at: Option<Timestamp>,
    updated_at: Timestamp,
    resolved_at: Option<Timestamp>,
    scheduled_start: Option<Timestamp>,
    scheduled_end: Option<Timestamp>,
    latest_update: Option<String>,
    url: Option<String>,
    description: Option<String>,
    #[serde(default)]
    updates: Vec<UpdateEntry>,
}

#[derive(Deserialize)]
struct UpdateEntry {
    id: String,
    status: StatusTag,
    at: Timestamp,
    body: String,
}

#[derive(Deserialize, Default, Clone, Copy, PartialEq)]
#[serde(rename_all = "snake_case")]
enum KindTag {
    #[default]
    Incident,
    Maintenance,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum StatusTag {
    Investigating,
    Identified,
    Monitoring,
    Resolved,
    Scheduled,
    InProgress,
    Completed,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum ImpactTag {
    None,
    Minor,
    Major,
    Critical,
}

impl StatusTag {
    fn status(self) -> Status {
        match self {
            StatusTag::Investigating => Status::Investigating,
            StatusTag::Identified => Status::Identified,
            StatusTag::Monitoring => Status::Monitoring,
            StatusTag::Resolved => Status::Resolved,
            StatusTag::Scheduled => Status::Scheduled,
            StatusTag::InProgress => Status::InProgress,
            StatusTag::Completed => Status::Completed,
        }
    }

    fn is_maintenance(self) -> bool {
        matches!(
            self,
            StatusTag::Scheduled | StatusTag::InProgress | StatusTag::Completed
        )
    }
}

impl ImpactTag {
    fn impact(self) -> Impact {
        match self {
            ImpactTag::None => Impact::None,
            ImpactTag::Minor => Impact::Minor,
            ImpactTag::Major => Impact::Major,
            ImpactTag::Critical => Impact::Critical,
        }
    }
}

pub(super) fn parse_list(file: &str, bytes: &[u8]) -> Result<IncidentList, FeedError> {
    let list: ListFile = deserialize(file, bytes)?;
    check_version(file, "sitrep", list.sitrep)?;
    // Inserted one by one: collecting into a BTreeMap sorts first, with a copy of the standard
    // library's sort in the wasm for this one type.
    let mut component_names = BTreeMap::new();
    for c in &list.components {
        component_names.insert(c.id.clone(), c.name.clone());
    }
    let components = list
        .components
        .into_iter()
        .map(|c| Component {
            id: c.id,
            name: c.name,
            group: c.group,
            status: None,
            only_if_degraded: false,
        })
        .collect();
    let incidents = normalise_entries(file, "incidents", list.incidents)?;
    let archive = list
        .archive
        .into_iter()
        .map(|a| ArchiveRef {
            path: a.url,
            title: a.title,
            count: a.count,
        })
        .collect();
    Ok(IncidentList {
        incidents,
        archive,
        component_names,
        components,
        ..IncidentList::new(Format::Native)
    })
}

/// An archive file: `{"sitrep": 1, "incidents": [...]}` of older list entries.
pub(super) fn parse_archive(file: &str, bytes: &[u8]) -> Result<Vec<Incident>, FeedError> {
    #[derive(Deserialize)]
    struct ArchiveFile {
        sitrep: u32,
        incidents: Vec<Object<IncidentEntry>>,
    }
    let archive: ArchiveFile = deserialize(file, bytes)?;
    check_version(file, "sitrep", archive.sitrep)?;
    normalise_entries(file, "incidents", archive.incidents)
}

pub(super) fn parse_detail(file: &str, bytes: &[u8]) -> Result<IncidentDetail, FeedError> {
    let entry: IncidentEntry = deserialize(file, bytes)?;
    let version = entry.sitrep.ok_or_else(|| {
        FeedError::field(
            file,
            "sitrep",
            Detail::Missing {
                name: "sitrep".to_string(),
            },
        )
    })?;
    check_version(file, "sitrep", version)?;
    let description = entry
        .description
        .as_deref()
        .map(|text| Markup::Markdown(text.to_string()))
        .unwrap_or(Markup::Plain(String::new()));
    let mut seen = HashSet::new();
    let mut updates = Vec::with_capacity(entry.updates.len());
    for (i, update) in entry.updates.iter().enumerate() {
        if !is_valid_id(&update.id) {
            return Err(FeedError::field(
                file,
                format!("updates[{i}].id"),
                Detail::InvalidId {
                    id: update.id.clone(),
                },
            ));
        }
        // A repeated update id would give two elements one permalink; show the first.
        if !seen.insert(update.id.as_str()) {
            continue;
        }
        updates.push(Update {
            id: update.id.clone(),
            status: Some(update.status.status()),
            at: update.at,
            body: Markup::Markdown(update.body.clone()),
        });
    }
    crate::sort::sort_stable_by(&mut updates, |a, b| b.at.cmp(&a.at));
    let incident = normalise_entry(file, EntryPath::WHOLE_FILE, entry)?;
    Ok(IncidentDetail {
        incident,
        description,
        updates,
    })
}

fn check_version(file: &str, field: &str, version: u32) -> Result<(), FeedError> {
    if version == FORMAT_VERSION {
        Ok(())
    } else {
        Err(FeedError::field(
            file,
            field,
            Detail::Version {
                found: version,
                supported: FORMAT_VERSION,
            },
        ))
    }
}

fn normalise_entries(
    file: &str,
    field: &str,
    entries: Vec<Object<IncidentEntry>>,
) -> Result<Vec<Incident>, FeedError> {
    let mut seen = HashSet::new();
    let mut incidents = Vec::with_capacity(entries.len());
    for (i, Object(entry)) in entries.into_iter().enumerate() {
        let incident = normalise_entry(file, EntryPath::item(field, i), entry)?;
        // Duplicate ids would make two rows share one link; the first one wins.
        if seen.insert(incident.id.clone()) {
            incidents.push(incident);
        }
    }
    super::sort_newest_first(&mut incidents);
    Ok(incidents)
}

/// Checks what serde cannot and builds the model. `path` is where the entry sits.
fn normalise_entry(
    file: &str,
    path: EntryPath,
    entry: IncidentEntry,
) -> Result<Incident, FeedError> {
    let fail = |name: &str, detail: Detail| Err(FeedError::field(file, path.field(name), detail));
    if !is_valid_id(&entry.id) {
        return fail("id", Detail::InvalidId { id: entry.id });
    }
    let is_maintenance = entry.kind == KindTag::Maintenance;
    if entry.status.is_maintenance() != is_maintenance {
        return fail(
            "status",
            Detail::StatusDoesNotFitKind {
                maintenance: is_maintenance,
            },
        );
    }
    let kind = if is_maintenance {
        let window = (entry.scheduled_start, entry.scheduled_end);
        match maintenance_window(window.0, window.1, ("scheduled_start", "scheduled_end")) {
            Ok(kind) => kind,
            Err((name, detail)) => return fail(name, detail),
        }
    } else {
        Kind::Incident
    };
    let started_at = match (entry.started_at, kind) {
        (Some(at), _) => at,
        (None, Kind::Maintenance { start, .. }) => start,
        (None, Kind::Incident) => {
            return fail(
                "started_at",
                Detail::Missing {
                    name: "started_at".to_string(),
                },
            )
        }
    };
    let default_impact = if is_maintenance {
        Impact::None
    } else {
        Impact::Minor
    };
    let detail_path = entry.url.unwrap_or_else(|| default_detail_path(&entry.id));
    Ok(Incident {
        id: entry.id,
        kind,
        title: Markup::Plain(entry.title),
        status: entry.status.status(),
        impact: Some(entry.impact.map_or(default_impact, ImpactTag::impact)),
        components: entry.components,
        started_at,
        updated_at: entry.updated_at,
        resolved_at: entry.resolved_at,
        latest_update: entry.latest_update,
        detail_path,
        severity: None,
        contacts: Vec::new(),
        root_cause_url: None,
        link: None,
    })
}
