//! Parts of the app kept out of the first download. Each is compiled into a wasm chunk of its
//! own (scripts/postbuild.mjs splits the build at these functions) and loaded the first time
//! it is shown. Natively (the snapshot) they are plain calls.
//!
//! Only these functions may reach a part's code: a call from the list page's code would pull
//! it back into the first download (see `TitleText`, which keeps markdown out of the list).

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_split_helpers::{wasm_split, SplitLoaderError};

use super::api::LoadError;
use super::archives::Archive;
use super::bars::{draw_bar, shared_bars, BarsView};
use super::choices::draw_choices;
use super::component_panel::Panel;
use super::components::ErrorPanel;
use super::detail::DetailPage;
use super::effect::effect;
use super::embed::EmbedPage;
use super::frame::{after_next_paint, when_idle};
use super::live::use_change_announcements;
use super::locale::use_locale;
use super::poll::Polled;
use super::sanitize::sanitizer_loaded;
use crate::embed::{EmbedOptions, Theme};
use crate::feed::model::{Format, IncidentList};
use crate::feed::{self, FeedError};
use crate::route::Route;

/// How a part draws itself, once its chunk is in.
pub type Draw<A> = fn(A) -> AnyView;

/// A part that did not load, its chunk or the sanitiser it needs (a deploy in progress, the
/// network): worded as a [`LoadError`].
#[derive(Clone, Copy)]
pub struct ChunkMissing;

impl From<SplitLoaderError> for ChunkMissing {
    fn from(_: SplitLoaderError) -> ChunkMissing {
        ChunkMissing
    }
}

/// The incident page, with the timeline and the markdown renderer.
#[wasm_split(incident, fallible)]
pub fn incident_page() -> Result<Draw<String>, ChunkMissing> {
    Ok(|id| view! { <DetailPage id/> }.into_any())
}

/// The incident page once its chunk and the sanitiser (for its markdown) are in, fetched side
/// by side: it never shows its text before the markup.
pub async fn incident_page_ready() -> Result<Draw<String>, ChunkMissing> {
    let sanitizer = sanitizer_loaded();
    let page = incident_page().await?;
    match sanitizer.await {
        true => Ok(page),
        false => Err(ChunkMissing),
    }
}

/// What only buckets in GitLab's, Crashbot's or Statuspage's format need: their lists' parsers
/// and Statuspage's merge of its two files. Only the pages of such a bucket load them.
#[derive(Clone, Copy)]
pub struct OtherFormats {
    /// Reads a list in a known format ([`feed::parse_list_as`]).
    pub parse: fn(Format, &str, &[u8]) -> Result<IncidentList, FeedError>,
    /// [`feed::combine_lists`].
    pub combine: fn(&IncidentList, &IncidentList) -> IncidentList,
}

#[wasm_split(formats, fallible)]
pub fn other_formats() -> Result<OtherFormats, ChunkMissing> {
    Ok(OtherFormats {
        parse: feed::parse_list_as,
        combine: feed::combine_lists,
    })
}

/// The embed's page, for `?embed=1`.
#[wasm_split(embed, fallible, preload(preload_embed_page))]
pub fn embed_page() -> Result<Draw<(EmbedOptions, RwSignal<Theme>)>, ChunkMissing> {
    Ok(|(options, theme)| view! { <EmbedPage options theme/> }.into_any())
}

/// The embed's chunk is fetched at once, beside the list's request.
pub fn prefetch_embed_page() {
    spawn_local(async { _ = preload_embed_page().await });
}

/// What pages draw only once they have painted: the components' history bars, the archive
/// buttons and the footer's choices (time zone, language, notifications); and the
/// announcements of what changes from then on.
#[derive(Clone, Copy)]
pub struct Later {
    /// What every bar of a components panel shares (made once per panel).
    pub bars: fn(Panel, u32) -> BarsView,
    /// One row's bar: the shared part, the row's key and its label.
    pub bar: fn(BarsView, String, String) -> AnyView,
    pub choices: fn() -> AnyView,
    /// The buttons that load older incidents from archive files.
    pub archive: fn() -> AnyView,
    /// Marks and announces the list's changes (see `use_change_announcements`).
    pub announce_changes: fn(Polled<IncidentList>, String, Option<Arc<IncidentList>>),
}

#[wasm_split(later, fallible)]
fn later_parts() -> Result<Later, ChunkMissing> {
    Ok(Later {
        bars: shared_bars,
        bar: draw_bar,
        choices: draw_choices,
        archive: || view! { <Archive/> }.into_any(),
        announce_changes: use_change_announcements,
    })
}

/// The [`Later`] parts as a page's context: none until their chunk is in (or did not come).
#[derive(Clone, Copy)]
pub struct LaterParts(RwSignal<Option<Result<Later, ChunkMissing>>>);

impl LaterParts {
    /// In the browser: fetched by [`LaterParts::fetch_after_paint`].
    pub fn new() -> LaterParts {
        LaterParts(RwSignal::new(None))
    }

    /// Rendered without a browser (a snapshot): there at once, as the split is a plain call.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn at_once() -> LaterParts {
        use std::task::{Context, Poll, Waker};
        let mut parts = std::pin::pin!(later_parts());
        let parts = match parts.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(parts) => parts,
            Poll::Pending => Err(ChunkMissing),
        };
        LaterParts(RwSignal::new(Some(parts)))
    }

    pub fn parts(self) -> Option<Later> {
        self.0.get().and_then(Result::ok)
    }

    fn parts_untracked(self) -> Option<Later> {
        self.0.get_untracked().and_then(Result::ok)
    }

    fn fetch(self) {
        self.0.set(None);
        spawn_local(async move {
            self.0.try_set(Some(later_parts().await));
        });
    }

    /// Fetched once `page_drawn`, after its paint: the first paint never waits for it.
    pub fn fetch_after_paint(self, page_drawn: Memo<bool>) {
        once(
            move || page_drawn.get().then_some(()),
            move |()| after_next_paint(move || self.fetch()),
        );
    }

    /// Runs `run` with the parts: at once if they are in, else when they come. What it makes
    /// belongs to the caller's owner, not to the effect that waited.
    pub fn when_in(self, run: impl FnOnce(Later) + 'static) {
        if let Some(parts) = self.parts_untracked() {
            return run(parts);
        }
        let owner = Owner::current();
        once(
            move || self.parts(),
            move |parts| match owner {
                Some(owner) => owner.with(|| run(parts)),
                None => run(parts),
            },
        );
    }

    /// Changes to `list` are marked and announced once the parts are in (shortly after the
    /// first paint), against the first list the page showed: a change a poll brings before
    /// they come is announced when they do. The first load is never announced.
    pub fn announce_changes(self, list: Polled<IncidentList>, site_title: String) {
        let first_shown = Rc::new(Cell::new(None));
        once(move || list.data.get(), {
            let first_shown = Rc::clone(&first_shown);
            move |data| first_shown.set(Some(data))
        });
        self.when_in(move |parts| (parts.announce_changes)(list, site_title, first_shown.take()));
    }

    /// The footer's choices, or why they are missing with a button to try again.
    pub fn choices(self) -> impl IntoView {
        let locale = use_locale();
        move || {
            match self.0.get() {
            None => ().into_any(),
            Some(Ok(parts)) => (parts.choices)(),
            Some(Err(ChunkMissing)) => view! {
                <p class="later-missing" role="status">
                    {move || locale.t("error.code")} ": " {move || locale.words(&LoadError::Code.sentence())}
                    " "
                    <button type="button" class="retry-button" on:click=move |_| self.fetch()>{move || locale.t("error.try-again")}</button>
                </p>
            }
            .into_any(),
        }
        }
    }
}

pub fn use_later() -> LaterParts {
    expect_context::<LaterParts>()
}

/// The incident page's chunk and the sanitiser: at once for a link to an incident; from the
/// list, once it has painted and the browser is idle, so opening an incident does not wait for
/// the network.
pub fn prefetch_incident_page(route: Route, list_ready: Memo<bool>) {
    let fetch = || spawn_local(async { _ = incident_page_ready().await });
    if matches!(route, Route::Incident(_)) {
        fetch();
        return;
    }
    once(
        move || list_ready.get().then_some(()),
        move |()| when_idle(fetch),
    );
}

/// Runs `run` once, the first time `ready` gives a value; `ready` is tracked only until then.
fn once<T: 'static>(ready: impl Fn() -> Option<T> + 'static, run: impl FnOnce(T) + 'static) {
    let mut run = Some(run);
    effect(move || {
        if run.is_none() {
            return;
        }
        if let Some(value) = ready() {
            if let Some(run) = run.take() {
                run(value);
            }
        }
    });
}

/// A part of the page from its chunk: the loading state while it comes, then the part; if it
/// does not come, an error that names the cause and a button to try again.
#[component]
pub fn InChunk<A, Load>(
    load: fn() -> Load,
    args: A,
    /// What shows until the chunk is in (the part's own loading state).
    loading: fn() -> AnyView,
) -> impl IntoView
where
    A: Clone + Send + Sync + 'static,
    Load: Future<Output = Result<Draw<A>, ChunkMissing>> + 'static,
{
    let drawn = RwSignal::new(None::<Result<Draw<A>, ChunkMissing>>);
    let fetch = move || {
        spawn_local(async move {
            drawn.try_set(Some(load().await));
        })
    };
    fetch();
    let locale = use_locale();
    move || match drawn.get() {
        None => loading(),
        Some(Ok(draw)) => draw(args.clone()),
        Some(Err(ChunkMissing)) => {
            let retry = move |_| {
                drawn.set(None);
                fetch();
            };
            view! {
                <ErrorPanel error=LoadError::Code heading="error.code" retry=None/>
                <p class="retry"><button type="button" class="retry-button" on:click=retry>{move || locale.t("error.try-again")}</button></p>
            }
            .into_any()
        }
    }
}
