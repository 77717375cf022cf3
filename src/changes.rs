//! What changed between two versions of the data, so the page can mark it and announce it.

use std::collections::HashMap;

use crate::feed::model::{Incident, Update};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    New,
    Updated,
}

impl Change {
    /// Its message key.
    pub fn key(self) -> &'static str {
        match self {
            Change::New => "change.new",
            Change::Updated => "change.updated",
        }
    }
}

/// Incidents that appeared, or whose status or last update changed, from `old` to `new`.
pub fn incident_changes<'a>(old: &[Incident], new: &'a [Incident]) -> Vec<(&'a Incident, Change)> {
    let before: HashMap<&str, &Incident> = old.iter().map(|i| (i.id.as_str(), i)).collect();
    new.iter()
        .filter_map(|incident| match before.get(incident.id.as_str()) {
            None => Some((incident, Change::New)),
            Some(previous)
                if previous.updated_at != incident.updated_at
                    || previous.status != incident.status =>
            {
                Some((incident, Change::Updated))
            }
            Some(_) => None,
        })
        .collect()
}

/// Updates in `new` that were not in `old`, by id.
pub fn new_updates<'a>(old: &[Update], new: &'a [Update]) -> Vec<&'a Update> {
    new.iter()
        .filter(|update| !old.iter().any(|o| o.id == update.id))
        .collect()
}
