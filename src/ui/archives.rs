//! Older incidents from archive files. A file is fetched once and kept for the whole visit;
//! it joins the history only once the reader asks for it (the components' bars and a link to
//! an archived incident may need it before that).

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::api::{Bucket, LoadError};
use super::locale::use_locale;
use super::settings::use_settings;
use super::source::use_list;
use crate::feed::model::{ArchiveRef, Incident};

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

/// Buttons that load older incidents from archive files, one file at a time. Follows the
/// list: an archive a later poll adds gets its button.
#[component]
pub fn Archive() -> impl IntoView {
    let list = use_list();
    let locale = use_locale();
    let refs = Memo::new(move |_| {
        list.data
            .with(|list| list.as_ref().map(|l| l.archive.clone()).unwrap_or_default())
    });
    move || {
        (!refs.with(Vec::is_empty)).then(|| {
            view! {
                <section class="archive" aria-label=move || locale.t("archive.label")>
                    <For each=move || refs.get() key=|archive| (archive.path.clone(), archive.title.clone(), archive.count) children=|archive| view! { <ArchiveButton archive/> }/>
                </section>
            }
        })
    }
}

#[component]
fn ArchiveButton(archive: ArchiveRef) -> impl IntoView {
    let (settings, archives) = (use_settings(), use_archives());
    let failed = RwSignal::new(None::<LoadError>);
    let busy = RwSignal::new(false);
    let locale = use_locale();
    let label = move || match archive.count {
        Some(count) => locale.plural("archive.show", count as usize, &[("title", &archive.title)]),
        None => locale.t_with("archive.show-unknown", &[("title", &archive.title)]),
    };
    let path = archive.path.clone();
    let load = move |_| {
        let (bucket, path) = (settings.bucket(), archive.path.clone());
        busy.set(true);
        spawn_local(async move {
            let result = archives.load(&bucket, &path, true).await;
            busy.try_set(false);
            failed.try_set(result.err());
        });
    };
    move || {
        (!archives.is_shown(&path)).then(|| view! {
            <div class="archive-item">
                <button type="button" class="archive-button" on:click=load.clone() disabled=move || busy.get()>
                    {label.clone()}
                </button>
                {move || failed.get().map(|error| view! { <p class="error-detail" role="alert">{move || locale.words(&error.sentence())}</p> })}
            </div>
        })
    }
}
