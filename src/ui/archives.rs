//! Older incidents from archive files. A file is fetched once and kept for the whole visit;
//! it joins the history only once the reader asks for it (the components' bars and a link to
//! an archived incident may need it before that).

use std::sync::Arc;

use leptos::prelude::*;

use super::api::{Bucket, LoadError};
use crate::feed::model::Incident;

struct Loaded {
    path: String,
    incidents: Arc<Vec<Incident>>,
    /// The reader asked for it: its incidents are in the history.
    shown: bool,
}

#[derive(Clone, Copy)]
pub struct Archives {
    /// In the order they were loaded.
    loaded: RwSignal<Vec<Loaded>>,
}

impl Archives {
    pub fn new() -> Archives {
        Archives {
            loaded: RwSignal::new(Vec::new()),
        }
    }

    pub fn is_loaded(&self, path: &str) -> bool {
        self.loaded
            .with(|files| files.iter().any(|f| f.path == path))
    }

    /// Whether the reader asked for the file, so its incidents are in the history.
    pub fn is_shown(&self, path: &str) -> bool {
        self.loaded
            .with(|files| files.iter().any(|f| f.path == path && f.shown))
    }

    /// Runs `f` on every archived incident loaded, shown or not (tracks new loads).
    pub fn with_incidents<R>(&self, f: impl FnOnce(&mut dyn Iterator<Item = &Incident>) -> R) -> R {
        self.with(false, f)
    }

    /// Runs `f` on the archived incidents the reader asked for (tracks new loads).
    pub fn with_shown<R>(&self, f: impl FnOnce(&mut dyn Iterator<Item = &Incident>) -> R) -> R {
        self.with(true, f)
    }

    fn with<R>(
        &self,
        shown_only: bool,
        f: impl FnOnce(&mut dyn Iterator<Item = &Incident>) -> R,
    ) -> R {
        self.loaded.with(|files| {
            f(&mut files
                .iter()
                .filter(|file| file.shown || !shown_only)
                .flat_map(|file| file.incidents.iter()))
        })
    }

    /// Fetches and keeps one archive file (once); `show` puts it in the history.
    pub async fn load(self, bucket: &Bucket, path: &str, show: bool) -> Result<(), LoadError> {
        let known = |files: &Vec<Loaded>| files.iter().position(|f| f.path == path);
        if let Some(at) = self.loaded.with_untracked(known) {
            if show && !self.loaded.with_untracked(|files| files[at].shown) {
                self.loaded.try_update(|files| files[at].shown = true);
            }
            return Ok(());
        }
        let incidents = bucket.archive(path).await?;
        self.loaded.try_update(|files| match known(files) {
            Some(at) => files[at].shown |= show,
            None => files.push(Loaded {
                path: path.to_string(),
                incidents: Arc::new(incidents),
                shown: show,
            }),
        });
        Ok(())
    }
}

pub fn use_archives() -> Archives {
    expect_context::<Archives>()
}
