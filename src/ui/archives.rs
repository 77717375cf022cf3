//! Older incidents from archive files, loaded when the reader asks for them. Kept for the
//! whole visit, so they survive opening an incident and coming back.

use std::sync::Arc;

use leptos::prelude::*;

use super::api::{Bucket, LoadError};
use crate::feed::model::Incident;

#[derive(Clone, Copy)]
pub struct Archives {
    /// Loaded files: (path, incidents), in the order they were loaded.
    loaded: RwSignal<Vec<(String, Arc<Vec<Incident>>)>>,
}

impl Archives {
    pub fn new() -> Archives {
        Archives {
            loaded: RwSignal::new(Vec::new()),
        }
    }

    pub fn is_loaded(&self, path: &str) -> bool {
        self.loaded
            .with(|files| files.iter().any(|(loaded, _)| loaded == path))
    }

    /// Runs `f` on every loaded archived incident (tracks new loads).
    pub fn with_incidents<R>(&self, f: impl FnOnce(&mut dyn Iterator<Item = &Incident>) -> R) -> R {
        self.loaded
            .with(|files| f(&mut files.iter().flat_map(|(_, incidents)| incidents.iter())))
    }

    /// Fetches and keeps one archive file (once).
    pub async fn load(self, bucket: &Bucket, path: &str) -> Result<(), LoadError> {
        if self
            .loaded
            .with_untracked(|files| files.iter().any(|(p, _)| p == path))
        {
            return Ok(());
        }
        let incidents = bucket.archive(path).await?;
        self.loaded.try_update(|files| {
            if !files.iter().any(|(p, _)| p == path) {
                files.push((path.to_string(), Arc::new(incidents)));
            }
        });
        Ok(())
    }
}

pub fn use_archives() -> Archives {
    expect_context::<Archives>()
}
