//! What changed between two versions of the data, so the page can mark it and announce it.

use std::collections::HashMap;

use crate::feed::model::{Incident, Update};
use crate::time::Timestamp;

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

/// What to tell screen readers (and notifications) about a poll's changes: one sentence.
#[derive(Debug, PartialEq)]
pub enum Announcement<'a> {
    /// One incident appeared: its title.
    New(&'a Incident),
    /// One incident changed: its title and its status now.
    Updated(&'a Incident),
    /// Several changed: how many.
    Many(usize),
}

impl<'a> Announcement<'a> {
    /// Nothing to say when nothing changed.
    pub fn of(changes: &[(&'a Incident, Change)]) -> Option<Announcement<'a>> {
        match changes {
            [] => None,
            [(incident, Change::New)] => Some(Announcement::New(incident)),
            [(incident, Change::Updated)] => Some(Announcement::Updated(incident)),
            many => Some(Announcement::Many(many.len())),
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

/// How long a change stays marked as new.
pub const MARK_MS: i64 = 15 * 60 * 1000;

/// The "New"/"Updated" marks: incident id to what changed and when the page saw it. Expired
/// marks are dropped whenever one is added, so a tab left open for days holds only the
/// marks of the last [`MARK_MS`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Marks(HashMap<String, (Change, Timestamp)>);

impl Marks {
    pub fn mark(&mut self, id: &str, change: Change, now: Timestamp) {
        self.0.retain(|_, (_, seen)| is_fresh(*seen, now));
        self.0.insert(id.to_string(), (change, now));
    }

    /// The mark to show on an incident at `now`, if it changed recently.
    pub fn get(&self, id: &str, now: Timestamp) -> Option<Change> {
        self.0
            .get(id)
            .filter(|(_, seen)| is_fresh(*seen, now))
            .map(|(change, _)| *change)
    }
}

fn is_fresh(seen: Timestamp, now: Timestamp) -> bool {
    now.millis().saturating_sub(seen.millis()) < MARK_MS
}
