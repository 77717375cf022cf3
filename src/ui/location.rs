//! The page's URL as a signal: the query every page reads, back and forward, and clicks on
//! links to this page followed without a reload. Which clicks those are is decided in
//! [`crate::route::followed_in_page`].

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::route::{followed_in_page, LinkClick, Place, Query};

#[derive(Clone, Copy)]
pub struct Location {
    query: RwSignal<Query>,
}

/// How a navigation enters the history.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// A new entry that Back returns from; the page starts at its top.
    Push,
    /// The current entry changed in place (a reader's choice, a legacy link): no scrolling.
    Replace,
}

impl Location {
    /// Follows the browser's URL from now on.
    pub fn start() -> Location {
        let location = Location {
            query: RwSignal::new(Query::parse(&current_search())),
        };
        let back_or_forward = window_event_listener(ev::popstate, move |_| {
            location.query.set(Query::parse(&current_search()));
        });
        let clicks = window_event_listener(ev::click, move |event| {
            if let Some(href) = link_followed_in_page(&event) {
                event.prevent_default();
                location.navigate(&href, Entry::Push);
            }
        });
        on_cleanup(move || {
            back_or_forward.remove();
            clicks.remove();
        });
        location
    }

    /// A URL that never changes (rendering without a browser).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn fixed(query: Query) -> Location {
        Location {
            query: RwSignal::new(query),
        }
    }

    pub fn query(self) -> ReadSignal<Query> {
        self.query.read_only()
    }

    /// Goes to `href` (relative to the page) without reloading.
    pub fn navigate(self, href: &str, entry: Entry) {
        let Ok(base) = window().location().href() else {
            return;
        };
        let Ok(url) = web_sys::Url::new_with_base(href, &base) else {
            return;
        };
        let Ok(history) = window().history() else {
            return;
        };
        let state = wasm_bindgen::JsValue::NULL;
        let moved = match entry {
            Entry::Push => history.push_state_with_url(&state, "", Some(&url.href())),
            Entry::Replace => history.replace_state_with_url(&state, "", Some(&url.href())),
        };
        if moved.is_err() {
            return;
        }
        // A new page starts at its top; one with a fragment scrolls there itself.
        if entry == Entry::Push && url.hash().is_empty() {
            window().scroll_to_with_x_and_y(0.0, 0.0);
        }
        self.query.set(Query::parse(&url.search()));
    }
}

pub fn use_location() -> Location {
    expect_context()
}

/// The page's query, tracked.
pub fn use_query() -> ReadSignal<Query> {
    use_location().query()
}

fn current_search() -> String {
    window().location().search().unwrap_or_default()
}

/// The link `event` clicked, when the page should follow it itself.
fn link_followed_in_page(event: &web_sys::MouseEvent) -> Option<String> {
    let anchor = event
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("a[href]")
        .ok()??
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .ok()?;
    let (target, rel) = (anchor.target(), anchor.rel());
    let click = LinkClick {
        button: event.button(),
        modified: event.ctrl_key() || event.meta_key() || event.shift_key() || event.alt_key(),
        default_prevented: event.default_prevented(),
        target: Some(target.as_str()),
        download: anchor.has_attribute("download"),
        rel: Some(rel.as_str()),
    };
    let page = window().location();
    let (page_origin, page_path, page_search) = (
        page.origin().ok()?,
        page.pathname().ok()?,
        page.search().ok()?,
    );
    let (origin, path, search, hash) = (
        anchor.origin(),
        anchor.pathname(),
        anchor.search(),
        anchor.hash(),
    );
    let followed = followed_in_page(
        &click,
        Place {
            origin: &page_origin,
            path: &page_path,
            search: &page_search,
            hash: "",
        },
        Place {
            origin: &origin,
            path: &path,
            search: &search,
            hash: &hash,
        },
    );
    followed.then(|| anchor.href())
}
