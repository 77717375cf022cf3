//! Components at a glance: what state each component is in now, in its group, so a reader
//! sees whether the part they use works without reading every incident.

use crate::feed::model::{ComponentStatus, Impact, Incident, IncidentList, Kind};
use crate::overview::{is_active_incident, maintenance_phase, MaintenancePhase};
use crate::time::Timestamp;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComponentState {
    pub id: String,
    pub name: String,
    pub status: ComponentStatus,
}

/// A top-level entry of the panel: a component of its own, or a group showing its worst member.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PanelEntry {
    Component(ComponentState),
    Group {
        name: String,
        status: ComponentStatus,
        members: Vec<ComponentState>,
    },
}

impl PanelEntry {
    pub fn status(&self) -> ComponentStatus {
        match self {
            PanelEntry::Component(component) => component.status,
            PanelEntry::Group { status, .. } => *status,
        }
    }
}

/// What an open incident of this impact does to the components it names.
pub fn status_for_impact(impact: Option<Impact>) -> ComponentStatus {
    match impact {
        Some(Impact::Critical) => ComponentStatus::MajorOutage,
        Some(Impact::Major) => ComponentStatus::PartialOutage,
        // An open incident whose feed gives no impact still affects what it names.
        Some(Impact::Minor | Impact::None) | None => ComponentStatus::DegradedPerformance,
    }
}

/// What `incident` does to the components it names at `now`, if anything.
fn incident_effect(incident: &Incident, now: Timestamp) -> Option<ComponentStatus> {
    match incident.kind {
        Kind::Maintenance { .. } => (maintenance_phase(incident, now)
            == Some(MaintenancePhase::InProgress))
        .then_some(ComponentStatus::UnderMaintenance),
        Kind::Incident => is_active_incident(incident).then(|| status_for_impact(incident.impact)),
    }
}

/// Every component's status at `now`, in the feed's order, grouped (a group at the place of
/// its first member). A feed that tracks statuses itself (Statuspage) is taken at its word;
/// otherwise a component takes the worst effect of the open incidents and the maintenance in
/// progress that name it, and reads "operational" when none does. Empty for formats without
/// components.
pub fn component_panel(list: &IncidentList, now: Timestamp) -> Vec<PanelEntry> {
    let effects: Vec<(&Incident, ComponentStatus)> = list
        .incidents
        .iter()
        .filter_map(|incident| incident_effect(incident, now).map(|effect| (incident, effect)))
        .collect();
    let mut entries: Vec<PanelEntry> = Vec::new();
    for component in &list.components {
        let status = component.status.unwrap_or_else(|| {
            effects
                .iter()
                .filter(|(incident, _)| incident.components.contains(&component.id))
                .map(|(_, effect)| *effect)
                .max()
                .unwrap_or(ComponentStatus::Operational)
        });
        if component.only_if_degraded && status == ComponentStatus::Operational {
            continue;
        }
        let state = ComponentState {
            id: component.id.clone(),
            name: component.name.clone(),
            status,
        };
        let Some(group) = &component.group else {
            entries.push(PanelEntry::Component(state));
            continue;
        };
        let existing = entries.iter_mut().find_map(|entry| match entry {
            PanelEntry::Group {
                name,
                status,
                members,
            } if name == group => Some((status, members)),
            _ => None,
        });
        match existing {
            Some((worst, members)) => {
                *worst = (*worst).max(state.status);
                members.push(state);
            }
            None => entries.push(PanelEntry::Group {
                name: group.clone(),
                status: state.status,
                members: vec![state],
            }),
        }
    }
    entries
}
