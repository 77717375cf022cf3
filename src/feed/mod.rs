//! Feed files: each format has one parser, and all of them produce the model in [`model`].

mod crashbot;
mod error;
mod gitlab;
mod json_path;
pub mod model;
mod native;
mod statuspage;

use serde::de::{DeserializeOwned, IgnoredAny};
use serde::Deserialize;

use crate::time::Timestamp;
pub use error::{Detail, FeedError};
use model::{Format, Incident, IncidentDetail, IncidentList, Kind};
/// The `sitrep` version key of native files this viewer reads (and the publisher writes).
pub use native::FORMAT_VERSION as NATIVE_FORMAT_VERSION;
pub use statuspage::parse_statuspage;

/// The list file's path in the sitrep and GitLab formats, relative to the bucket root.
pub const LIST_PATH: &str = "data/list.json";

/// Statuspage's live file, relative to the page's root: overall status, components, and the
/// incidents and maintenance still open. It is the list a Statuspage page polls.
pub const STATUSPAGE_SUMMARY_PATH: &str = "api/v2/summary.json";

/// Statuspage's history, relative to the page's root: the latest 50 incidents with their
/// updates. Fetched with the page and again when the summary changes, not on every poll.
pub const STATUSPAGE_INCIDENTS_PATH: &str = "api/v2/incidents.json";

/// Feed files larger than this are refused before parsing. GitLab's publisher stops at 1 MB.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;

/// Which parser reads a bucket (the `format` config key).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FormatChoice {
    /// Decide per file by its content (see [`parse_list`]).
    #[default]
    Auto,
    Sitrep,
    Gitlab,
    Crashbot,
    Statuspage,
}

impl FormatChoice {
    /// Where the list is, relative to the data root, when the config does not say.
    pub fn default_list_path(self) -> &'static str {
        match self {
            FormatChoice::Statuspage => STATUSPAGE_SUMMARY_PATH,
            _ => LIST_PATH,
        }
    }
}

/// Reads a list file. With [`FormatChoice::Auto`] its top-level keys decide: `sitrep` is
/// sitrep's format, `open` or `closed` Crashbot's, `page` with `status`, `components` or
/// `incidents` Statuspage's (either of its files), and `incidents` alone GitLab's.
pub fn parse_list(
    file: &str,
    bytes: &[u8],
    choice: FormatChoice,
) -> Result<IncidentList, FeedError> {
    parse_list_as(list_format(file, bytes, choice)?, file, bytes)
}

/// Reads a list file of a known format (see [`list_format`]).
pub fn parse_list_as(format: Format, file: &str, bytes: &[u8]) -> Result<IncidentList, FeedError> {
    match format {
        Format::Native => native::parse_list(file, bytes),
        Format::GitLab => gitlab::parse_list(file, bytes),
        Format::Crashbot => crashbot::parse_list(file, bytes),
        Format::Statuspage => statuspage::parse_list(file, bytes),
    }
}

/// Reads a list file in sitrep's format: [`parse_list_as`] without the other formats' parsers,
/// for code that must not carry them (the browser loads those only for buckets that need them).
pub fn parse_native_list(file: &str, bytes: &[u8]) -> Result<IncidentList, FeedError> {
    native::parse_list(file, bytes)
}

/// Reads an incident file (sitrep's or GitLab's; the other formats have none: their list
/// carries each incident's detail, see [`detail_in_list`]).
pub fn parse_detail(
    file: &str,
    bytes: &[u8],
    choice: FormatChoice,
) -> Result<IncidentDetail, FeedError> {
    let format = match choice {
        FormatChoice::Auto => match probe(file, bytes)?.sitrep {
            true => Format::Native,
            // GitLab's incident files have no key of their own to recognise them by.
            false => Format::GitLab,
        },
        forced => forced_format(forced),
    };
    match format {
        Format::Native => native::parse_detail(file, bytes),
        Format::GitLab => gitlab::parse_detail(file, bytes),
        Format::Crashbot | Format::Statuspage => {
            Err(FeedError::field(file, "(top level)", Detail::NoDetailFiles))
        }
    }
}

/// An incident's detail from the list alone, for formats whose list carries it
/// ([`Format::details_in_list`]); `None` for other formats or an id not in the list.
pub fn detail_in_list(list: &IncidentList, id: &str) -> Option<IncidentDetail> {
    let listed = list.details.get(id)?;
    let incident = list.incidents.iter().find(|incident| incident.id == id)?;
    Some(IncidentDetail {
        incident: incident.clone(),
        description: listed.description.clone(),
        updates: listed.updates.clone(),
    })
}

/// One list from two reads of the same feed: `live` (polled often: Statuspage's summary)
/// and `history` (fetched rarely: its incidents file). An incident in both is taken from the
/// one updated last, `live` on a tie; components and the declared status come from `live`.
pub fn combine_lists(live: &IncidentList, history: &IncidentList) -> IncidentList {
    let mut combined = live.clone();
    for incident in &history.incidents {
        let newer = match combined.incidents.iter().position(|i| i.id == incident.id) {
            Some(at) if combined.incidents[at].updated_at >= incident.updated_at => false,
            Some(at) => {
                combined.incidents[at] = incident.clone();
                true
            }
            None => {
                combined.incidents.push(incident.clone());
                true
            }
        };
        if newer {
            match history.details.get(&incident.id) {
                Some(detail) => combined.details.insert(incident.id.clone(), detail.clone()),
                None => combined.details.remove(&incident.id),
            };
        }
    }
    for (id, name) in &history.component_names {
        combined
            .component_names
            .entry(id.clone())
            .or_insert_with(|| name.clone());
    }
    sort_newest_first(&mut combined.incidents);
    combined
}

/// Older incidents referenced by a native list's `archive`.
pub fn parse_archive(file: &str, bytes: &[u8]) -> Result<Vec<Incident>, FeedError> {
    native::parse_archive(file, bytes)
}

/// The field path (as in [`FeedError::Field`]) of the value that holds byte `offset` of a
/// JSON file, and its 1-based line and column: for tools that point at a place in a file.
pub fn field_at(bytes: &[u8], offset: usize) -> (String, (usize, usize)) {
    let path = json_path::site_at(bytes, offset).value.to_string();
    (path, json_path::line_column(bytes, offset))
}

/// 1-based line and column where the value at `field` (a path as in [`FeedError::Field`])
/// starts in a JSON file.
pub fn field_position(bytes: &[u8], field: &str) -> Option<(usize, usize)> {
    json_path::value_offset(bytes, field).map(|offset| json_path::line_column(bytes, offset))
}

/// Ids become URL query values and file names, so only a safe alphabet is accepted.
pub fn is_valid_id(id: &str) -> bool {
    (1..=128).contains(&id.len())
        && id != "."
        && id != ".."
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// Where an incident's file lives when the list does not say: the same in both formats.
pub fn default_detail_path(id: &str) -> String {
    format!("data/incident/{id}.json")
}

/// Which top-level keys a file has. A key that is present at all (even `null`) counts, so
/// the chosen parser reports what is wrong with its value, naming the field.
#[derive(Deserialize)]
struct Probe {
    #[serde(default, deserialize_with = "present")]
    sitrep: bool,
    #[serde(default, deserialize_with = "present")]
    open: bool,
    #[serde(default, deserialize_with = "present")]
    closed: bool,
    #[serde(default, deserialize_with = "present")]
    page: bool,
    #[serde(default, deserialize_with = "present")]
    status: bool,
    #[serde(default, deserialize_with = "present")]
    components: bool,
    #[serde(default, deserialize_with = "present")]
    incidents: bool,
}

fn present<'de, D: serde::Deserializer<'de>>(de: D) -> Result<bool, D::Error> {
    IgnoredAny::deserialize(de).map(|_| true)
}

/// Whether the file opens with the key `"sitrep"`, as sitrep's own writer puts it: then the
/// probe would say sitrep's format, and a long list is not read twice (skipping its values
/// still scans every byte of them). Anything else, or malformed JSON, goes to the probe or the
/// parser, which name what is wrong.
fn sitrep_key_first(bytes: &[u8]) -> bool {
    bytes
        .trim_ascii_start()
        .strip_prefix(b"{")
        .and_then(|rest| rest.trim_ascii_start().strip_prefix(b"\"sitrep\""))
        .and_then(|rest| rest.trim_ascii_start().strip_prefix(b":"))
        .is_some()
}

/// Reads only the keys (values are skipped unparsed), so detection costs one light pass.
fn probe(file: &str, bytes: &[u8]) -> Result<Probe, FeedError> {
    deserialize_json(file, bytes)
}

fn forced_format(choice: FormatChoice) -> Format {
    match choice {
        FormatChoice::Sitrep | FormatChoice::Auto => Format::Native,
        FormatChoice::Gitlab => Format::GitLab,
        FormatChoice::Crashbot => Format::Crashbot,
        FormatChoice::Statuspage => Format::Statuspage,
    }
}

/// The format of a list file: the configured one, or with [`FormatChoice::Auto`] the one its
/// top-level keys say (see [`parse_list`]).
pub fn list_format(file: &str, bytes: &[u8], choice: FormatChoice) -> Result<Format, FeedError> {
    if choice != FormatChoice::Auto {
        return Ok(forced_format(choice));
    }
    if sitrep_key_first(bytes) {
        return Ok(Format::Native);
    }
    let keys = probe(file, bytes)?;
    if keys.sitrep {
        Ok(Format::Native)
    } else if keys.open || keys.closed {
        Ok(Format::Crashbot)
    } else if keys.page && (keys.status || keys.components || keys.incidents) {
        Ok(Format::Statuspage)
    } else if keys.incidents {
        Ok(Format::GitLab)
    } else {
        Err(FeedError::field(file, "(top level)", Detail::UnknownFormat))
    }
}

/// Every file is read through here, so the size limit and the top-level shape hold for all.
pub(crate) fn deserialize_json<T: DeserializeOwned>(
    file: &str,
    bytes: &[u8],
) -> Result<T, FeedError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(FeedError::TooLarge {
            file: file.to_string(),
            size: bytes.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    // serde's derived structs also accept arrays; every sitrep file is an object.
    match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') | None => {}
        Some(b'[') => return Err(FeedError::field(file, "(top level)", Detail::NotAnObject)),
        Some(_) => {}
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = T::deserialize(&mut de).map_err(|e| FeedError::from_serde(file, bytes, e))?;
    de.end().map_err(|e| FeedError::trailing(file, &e))?;
    Ok(value)
}

/// A maintenance window from the feed's two fields (their names for messages): both must be
/// there, and the end not before the start. An error names the field to fix.
pub(crate) fn maintenance_window(
    start: Option<Timestamp>,
    end: Option<Timestamp>,
    (start_field, end_field): (&'static str, &'static str),
) -> Result<Kind, (&'static str, Detail)> {
    let needs_both = Detail::MaintenanceNeedsWindow {
        start: start_field,
        end: end_field,
    };
    match (start, end) {
        (None, _) => Err((start_field, needs_both)),
        (_, None) => Err((end_field, needs_both)),
        (Some(start), Some(end)) if end < start => Err((end_field, Detail::EndsBeforeStart)),
        (Some(start), Some(end)) => Ok(Kind::Maintenance { start, end }),
    }
}

/// The list's incidents and those loaded from archive files as one list, newest first as the
/// overview expects, each id once: the list's entry wins, being the newer file.
pub fn with_archived<'a>(
    current: &[Incident],
    archived: impl IntoIterator<Item = &'a Incident>,
) -> Vec<Incident> {
    let mut seen: std::collections::HashSet<&str> = current
        .iter()
        .map(|incident| incident.id.as_str())
        .collect();
    let mut all = current.to_vec();
    for incident in archived {
        if seen.insert(incident.id.as_str()) {
            all.push(incident.clone());
        }
    }
    sort_newest_first(&mut all);
    all
}

fn sort_newest_first(incidents: &mut Vec<Incident>) {
    crate::sort::sort_stable_by(incidents, |a, b| {
        b.started_at
            .cmp(&a.started_at)
            .then_with(|| a.id.cmp(&b.id))
    });
}

/// Where an entry sits in its file (`incidents[3].`), for naming its wrong fields. Written out
/// only when a field is wrong: lists have thousands of entries.
#[derive(Clone, Copy)]
pub(crate) struct EntryPath<'a> {
    array: &'a str,
    index: Option<usize>,
}

impl<'a> EntryPath<'a> {
    /// A file that is one entry (an incident file).
    pub(crate) const WHOLE_FILE: EntryPath<'static> = EntryPath {
        array: "",
        index: None,
    };

    /// The entry at `index` of the top-level array `array`.
    pub(crate) fn item(array: &'a str, index: usize) -> EntryPath<'a> {
        EntryPath {
            array,
            index: Some(index),
        }
    }

    /// The path of the entry's field `name`.
    pub(crate) fn field(self, name: &str) -> String {
        match self.index {
            Some(index) => format!("{}[{index}].{name}", self.array),
            None => name.to_string(),
        }
    }
}

/// A list entry that must be a JSON object: serde's derive would also read an array.
pub(crate) struct Object<T>(pub T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectVisitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for ObjectVisitor<T> {
            type Value = T;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(serde::de::value::MapAccessDeserializer::new(map))
            }
        }
        deserializer
            .deserialize_map(ObjectVisitor(std::marker::PhantomData))
            .map(Object)
    }
}
