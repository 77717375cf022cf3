//! The page around every route: header, live region, the route's page, footer. The live app
//! and `sitrep snapshot` render this same shell.

use std::cell::Cell;
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::chrome::{Footer, Header};
use super::chunks::{incident_page_ready, InChunk};
use super::detail::{IncidentLoading, NotFound};
use super::effect::effect_with;
use super::list::ListPage;
use super::live::LiveRegion;
use super::location::use_query;
use crate::route::{Route, INCIDENT_PARAM};

#[component]
pub fn Page(route: Signal<Route>) -> impl IntoView {
    view! {
        <Header/>
        <LiveRegion/>
        <main id="main" class="wrap" tabindex="-1">
            {move || match route.get() {
                Route::List => view! { <ListPage/> }.into_any(),
                Route::Incident(id) => {
                    let loading = || view! { <IncidentLoading/> }.into_any();
                    view! { <InChunk load=incident_page_ready args=id loading/> }.into_any()
                }
                Route::InvalidIncident => view! { <NotFound/> }.into_any(),
            }}
        </main>
        <Footer/>
    }
}

/// The page the URL asks for; after each client-side navigation, focus moves to its heading.
pub fn use_route() -> Memo<Route> {
    let query = use_query();
    let route = Memo::new(move |_| query.with(|q| Route::from_query(q.get(INCIDENT_PARAM))));
    effect_with(move |previous: Option<Route>| {
        let current = route.get();
        if previous.is_some_and(|previous| previous != current) {
            focus_page_heading();
        }
        current
    });
    route
}

/// Moves focus to the new page's heading (it may appear only once its data has loaded),
/// unless the reader has already moved focus elsewhere. The next navigation ends the previous
/// one's retries.
fn focus_page_heading() {
    thread_local! {
        static NAVIGATION: Cell<u64> = const { Cell::new(0) };
    }
    let navigation = NAVIGATION.with(|n| {
        n.set(n.get().wrapping_add(1));
        n.get()
    });
    let current = move || NAVIGATION.with(Cell::get) == navigation;
    fn attempt(tries_left: u32, current: impl Fn() -> bool + Copy + 'static) {
        if !current() {
            return;
        }
        let document = document();
        let focus_is_free = document
            .active_element()
            .is_none_or(|el| el.tag_name() == "BODY" || el.id() == "main");
        if !focus_is_free {
            return;
        }
        match document.query_selector("#main h1").ok().flatten() {
            Some(heading) => {
                if let Some(heading) = heading.dyn_ref::<web_sys::HtmlElement>() {
                    let _ = heading.focus();
                }
            }
            None if tries_left > 0 => {
                set_timeout(
                    move || attempt(tries_left - 1, current),
                    Duration::from_millis(100),
                );
            }
            None => {}
        }
    }
    request_animation_frame(move || attempt(100, current));
}
