//! Lists in formats other than sitrep's own are read by parsers in a wasm chunk of their own
//! ([`other_formats`]), with Statuspage's merge of its two files: a bucket in sitrep's format
//! never downloads them.

use std::cell::Cell;

use super::api::LoadError;
use super::chunks::{other_formats, ChunkMissing, OtherFormats};
use crate::feed::model::{Format, IncidentList};
use crate::feed::{self, FormatChoice};

thread_local! {
    static OTHER_FORMATS: Cell<Option<OtherFormats>> = const { Cell::new(None) };
}

/// Reads a list. One in another format than sitrep's needs its parser in first: until then
/// [`LoadError::Code`], upon which the poll loop calls [`load_other_formats`] and reads again.
pub fn parse_list(
    file: &str,
    bytes: &[u8],
    choice: FormatChoice,
) -> Result<IncidentList, LoadError> {
    match feed::list_format(file, bytes, choice)? {
        Format::Native => Ok(feed::parse_native_list(file, bytes)?),
        other => match OTHER_FORMATS.get() {
            Some(formats) => Ok((formats.parse)(other, file, bytes)?),
            None => Err(LoadError::Code),
        },
    }
}

/// Loads the other formats' parsers, once.
pub async fn load_other_formats() -> Result<(), LoadError> {
    if OTHER_FORMATS.get().is_none() {
        let formats = other_formats()
            .await
            .map_err(|ChunkMissing| LoadError::Code)?;
        OTHER_FORMATS.set(Some(formats));
    }
    Ok(())
}

/// Statuspage's summary (`live`) and incidents file (`history`) as one list
/// ([`feed::combine_lists`]); `None` until the parsers are in, which reading either file needs.
pub fn combine_lists(live: &IncidentList, history: &IncidentList) -> Option<IncidentList> {
    OTHER_FORMATS
        .get()
        .map(|formats| (formats.combine)(live, history))
}

/// Whether the configured format is one whose parsers are not in the first download.
pub fn needs_other_formats(choice: FormatChoice) -> bool {
    !matches!(choice, FormatChoice::Auto | FormatChoice::Sitrep)
}
