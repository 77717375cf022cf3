//! Atlassian Statuspage's public API v2, read from a page's root: `api/v2/summary.json` (the
//! overall status, components, and what is still open) and `api/v2/incidents.json` (the latest
//! 50 incidents). Both have the same shape where they overlap, so one parser reads either;
//! [`parse_statuspage`] combines them. Incidents carry their updates, so there are no detail
//! files. Update bodies are plain text.

use std::collections::{BTreeMap, HashSet};

use serde::de::IgnoredAny;
use serde::Deserialize;

use super::model::{
    Component, ComponentStatus, Format, Impact, Incident, IncidentList, Kind, ListedDetail, Markup,
    Overall, Status, Update,
};
use super::{
    combine_lists, deserialize_json as deserialize, is_valid_id, maintenance_window, Detail,
    EntryPath, FeedError, Object, STATUSPAGE_INCIDENTS_PATH, STATUSPAGE_SUMMARY_PATH,
};
use crate::content::url::absolute_url;
use crate::time::Timestamp;

#[derive(Deserialize)]
struct PageFile {
    // Only checked to be there: the page's name and URL come from config.json.
    #[serde(rename = "page")]
    _page: Object<IgnoredAny>,
    status: Option<Object<PageStatus>>,
    #[serde(default)]
    components: Vec<Object<ComponentEntry>>,
    incidents: Vec<Object<IncidentEntry>>,
    #[serde(default)]
    scheduled_maintenances: Vec<Object<IncidentEntry>>,
}

#[derive(Deserialize)]
struct PageStatus {
    indicator: IndicatorTag,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum IndicatorTag {
    None,
    Minor,
    Major,
    Critical,
    Maintenance,
}

#[derive(Deserialize)]
struct ComponentEntry {
    id: String,
    name: String,
    status: ComponentStatusTag,
    group_id: Option<String>,
    #[serde(default)]
    group: bool,
    #[serde(default)]
    only_show_if_degraded: bool,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum ComponentStatusTag {
    Operational,
    DegradedPerformance,
    PartialOutage,
    MajorOutage,
    UnderMaintenance,
}

#[derive(Deserialize)]
struct IncidentEntry {
    id: String,
    name: String,
    status: StatusTag,
    impact: ImpactTag,
    created_at: Timestamp,
    updated_at: Timestamp,
    started_at: Option<Timestamp>,
    resolved_at: Option<Timestamp>,
    scheduled_for: Option<Timestamp>,
    scheduled_until: Option<Timestamp>,
    shortlink: Option<String>,
    #[serde(default)]
    components: Vec<Object<ComponentRef>>,
    #[serde(default)]
    incident_updates: Vec<Object<UpdateEntry>>,
}

#[derive(Deserialize)]
struct ComponentRef {
    id: String,
    name: String,
}

#[derive(Deserialize)]
struct UpdateEntry {
    id: String,
    status: StatusTag,
    body: Option<String>,
    created_at: Timestamp,
    display_at: Option<Timestamp>,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum StatusTag {
    Investigating,
    Identified,
    Monitoring,
    Resolved,
    Postmortem,
    Scheduled,
    InProgress,
    Verifying,
    Completed,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum ImpactTag {
    None,
    Minor,
    Major,
    Critical,
    Maintenance,
}

impl StatusTag {
    /// Statuspage's words onto the model's (docs/feed-format.md has the table).
    fn status(self) -> Status {
        match self {
            StatusTag::Investigating => Status::Investigating,
            StatusTag::Identified => Status::Identified,
            StatusTag::Monitoring => Status::Monitoring,
            // A postmortem is published after the incident was resolved.
            StatusTag::Resolved | StatusTag::Postmortem => Status::Resolved,
            StatusTag::Scheduled => Status::Scheduled,
            // Verifying: the work is done and being checked; the window is still open.
            StatusTag::InProgress | StatusTag::Verifying => Status::InProgress,
            StatusTag::Completed => Status::Completed,
        }
    }

    fn is_maintenance(self) -> bool {
        matches!(
            self,
            StatusTag::Scheduled
                | StatusTag::InProgress
                | StatusTag::Verifying
                | StatusTag::Completed
        )
    }
}

impl ComponentStatusTag {
    fn status(self) -> ComponentStatus {
        match self {
            ComponentStatusTag::Operational => ComponentStatus::Operational,
            ComponentStatusTag::DegradedPerformance => ComponentStatus::DegradedPerformance,
            ComponentStatusTag::PartialOutage => ComponentStatus::PartialOutage,
            ComponentStatusTag::MajorOutage => ComponentStatus::MajorOutage,
            ComponentStatusTag::UnderMaintenance => ComponentStatus::UnderMaintenance,
        }
    }
}

/// Reads `api/v2/summary.json` and, when it has been fetched, `api/v2/incidents.json`, into
/// one list: the summary's live state with the history around it.
pub fn parse_statuspage(
    summary: &[u8],
    incidents: Option<&[u8]>,
) -> Result<IncidentList, FeedError> {
    let live = parse_list(STATUSPAGE_SUMMARY_PATH, summary)?;
    match incidents {
        Some(bytes) => Ok(combine_lists(
            &live,
            &parse_list(STATUSPAGE_INCIDENTS_PATH, bytes)?,
        )),
        None => Ok(live),
    }
}

/// Either file: `status` and `components` are only in the summary.
pub(super) fn parse_list(file: &str, bytes: &[u8]) -> Result<IncidentList, FeedError> {
    let page: PageFile = deserialize(file, bytes)?;
    let mut list = IncidentList::new(Format::Statuspage);
    list.overall = page.status.map(|Object(status)| match status.indicator {
        IndicatorTag::None => Overall::Operational,
        IndicatorTag::Minor => Overall::Degraded,
        IndicatorTag::Major | IndicatorTag::Critical => Overall::MajorOutage,
        IndicatorTag::Maintenance => Overall::Maintenance,
    });
    // Groups are headings for their members, not entries of their own.
    let group_names: BTreeMap<&str, &str> = page
        .components
        .iter()
        .filter(|Object(c)| c.group)
        .map(|Object(c)| (c.id.as_str(), c.name.as_str()))
        .collect();
    for Object(entry) in &page.components {
        list.component_names
            .insert(entry.id.clone(), entry.name.clone());
        if !entry.group {
            list.components.push(Component {
                id: entry.id.clone(),
                name: entry.name.clone(),
                group: entry
                    .group_id
                    .as_deref()
                    .and_then(|id| group_names.get(id))
                    .map(|name| name.to_string()),
                status: Some(entry.status.status()),
                only_if_degraded: entry.only_show_if_degraded,
            });
        }
    }
    let mut seen = HashSet::new();
    let entries = [
        ("incidents", page.incidents),
        ("scheduled_maintenances", page.scheduled_maintenances),
    ];
    for (array, entries) in entries {
        for (i, Object(entry)) in entries.into_iter().enumerate() {
            for Object(component) in &entry.components {
                list.component_names
                    .entry(component.id.clone())
                    .or_insert_with(|| component.name.clone());
            }
            let (incident, detail) = normalise(file, EntryPath::item(array, i), entry)?;
            // The same maintenance can be listed twice; the first one wins.
            if seen.insert(incident.id.clone()) {
                list.details.insert(incident.id.clone(), detail);
                list.incidents.push(incident);
            }
        }
    }
    super::sort_newest_first(&mut list.incidents);
    Ok(list)
}

fn normalise(
    file: &str,
    path: EntryPath,
    entry: IncidentEntry,
) -> Result<(Incident, ListedDetail), FeedError> {
    let fail = |name: &str, detail: Detail| Err(FeedError::field(file, path.field(name), detail));
    if !is_valid_id(&entry.id) {
        return fail("id", Detail::InvalidId { id: entry.id });
    }
    let kind = if entry.status.is_maintenance() {
        let window = (entry.scheduled_for, entry.scheduled_until);
        match maintenance_window(window.0, window.1, ("scheduled_for", "scheduled_until")) {
            Ok(kind) => kind,
            Err((name, detail)) => return fail(name, detail),
        }
    } else {
        Kind::Incident
    };
    let mut seen = HashSet::new();
    let mut updates = Vec::with_capacity(entry.incident_updates.len());
    for (i, Object(update)) in entry.incident_updates.into_iter().enumerate() {
        if !is_valid_id(&update.id) {
            return fail(
                &format!("incident_updates[{i}].id"),
                Detail::InvalidId { id: update.id },
            );
        }
        // A repeated update id would give two elements one permalink; show the first.
        if !seen.insert(update.id.clone()) {
            continue;
        }
        updates.push(Update {
            id: update.id,
            status: Some(update.status.status()),
            // display_at is the time the page shows (it can be backdated).
            at: update.display_at.unwrap_or(update.created_at),
            body: Markup::Plain(update.body.unwrap_or_default()),
        });
    }
    crate::sort::sort_stable_by(&mut updates, |a, b| b.at.cmp(&a.at));
    // What the list row shows under the title: the newest update's first line.
    let latest_update = updates.first().and_then(|update| match &update.body {
        Markup::Plain(body) => body
            .lines()
            .map(str::trim)
            .find(|line| !line.is_empty())
            .map(str::to_string),
        _ => None,
    });
    let started_at = match kind {
        // The window is what readers plan around; Statuspage's started_at is when it was
        // announced.
        Kind::Maintenance { start, .. } => start,
        Kind::Incident => entry.started_at.unwrap_or(entry.created_at),
    };
    let impact = match entry.impact {
        ImpactTag::None | ImpactTag::Maintenance => Impact::None,
        ImpactTag::Minor => Impact::Minor,
        ImpactTag::Major => Impact::Major,
        ImpactTag::Critical => Impact::Critical,
    };
    let incident = Incident {
        id: entry.id,
        kind,
        title: Markup::Plain(entry.name),
        status: entry.status.status(),
        impact: Some(impact),
        components: entry
            .components
            .into_iter()
            .map(|Object(component)| component.id)
            .collect(),
        started_at,
        updated_at: entry.updated_at,
        resolved_at: entry.resolved_at,
        latest_update,
        detail_path: String::new(),
        severity: None,
        contacts: Vec::new(),
        root_cause_url: None,
        link: entry.shortlink.as_deref().and_then(absolute_url),
    };
    Ok((
        incident,
        ListedDetail {
            description: Markup::Plain(String::new()),
            updates,
        },
    ))
}
