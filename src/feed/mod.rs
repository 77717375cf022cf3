//! Feed files: each format has one parser, and all of them produce the model in [`model`].

mod error;
mod gitlab;
mod json_path;
pub mod model;
mod native;

use serde::de::{DeserializeOwned, IgnoredAny};
use serde::Deserialize;

pub use error::FeedError;
use model::{Format, Incident, IncidentDetail, IncidentList};
/// The `sitrep` version key of native files this viewer reads (and the publisher writes).
pub use native::FORMAT_VERSION as NATIVE_FORMAT_VERSION;

/// The list file's path in both formats, relative to the bucket root.
pub const LIST_PATH: &str = "data/list.json";

/// Feed files larger than this are refused before parsing. GitLab's publisher stops at 1 MB.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;

/// Which parser reads a bucket (the `format` config key).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FormatChoice {
    /// Decide per file by its content: native files carry a `sitrep` version key.
    #[default]
    Auto,
    Sitrep,
    Gitlab,
}

pub fn parse_list(
    file: &str,
    bytes: &[u8],
    choice: FormatChoice,
) -> Result<IncidentList, FeedError> {
    match detect(file, bytes, choice)? {
        Format::Native => native::parse_list(file, bytes),
        Format::GitLab => gitlab::parse_list(file, bytes),
    }
}

pub fn parse_detail(
    file: &str,
    bytes: &[u8],
    choice: FormatChoice,
) -> Result<IncidentDetail, FeedError> {
    match detect(file, bytes, choice)? {
        Format::Native => native::parse_detail(file, bytes),
        Format::GitLab => gitlab::parse_detail(file, bytes),
    }
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

fn detect(file: &str, bytes: &[u8], choice: FormatChoice) -> Result<Format, FeedError> {
    #[derive(Deserialize)]
    struct Probe {
        // Present at all (even `null`) marks a native file.
        #[serde(default, deserialize_with = "present")]
        sitrep: bool,
    }
    fn present<'de, D: serde::Deserializer<'de>>(de: D) -> Result<bool, D::Error> {
        IgnoredAny::deserialize(de).map(|_| true)
    }
    Ok(match choice {
        FormatChoice::Sitrep => Format::Native,
        FormatChoice::Gitlab => Format::GitLab,
        FormatChoice::Auto => match deserialize_json::<Probe>(file, bytes)?.sitrep {
            true => Format::Native,
            false => Format::GitLab,
        },
    })
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
        Some(b'[') => {
            return Err(FeedError::field(
                file,
                "(top level)",
                "expected a JSON object, found an array",
            ))
        }
        Some(_) => {}
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = T::deserialize(&mut de).map_err(|e| FeedError::from_serde(file, bytes, e))?;
    de.end().map_err(|e| FeedError::Syntax {
        file: file.to_string(),
        detail: e.to_string(),
    })?;
    Ok(value)
}

fn sort_newest_first(incidents: &mut Vec<Incident>) {
    crate::sort::sort_stable_by(incidents, |a, b| {
        b.started_at
            .cmp(&a.started_at)
            .then_with(|| a.id.cmp(&b.id))
    });
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
