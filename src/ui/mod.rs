//! The browser app: loads `config.json`, polls the list, and shows the page the URL asks for.

mod api;
mod chrome;
mod clock;
mod components;
mod detail;
mod list;
mod live;
mod poll;
mod sanitize;

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::hooks::use_query_map;
use wasm_bindgen::JsValue;

use crate::changes::{incident_changes, Change};
use crate::config::Config;
use crate::content::url::resolve_url;
use crate::feed::model::{Incident, IncidentList};
use crate::feed::LIST_PATH;
use crate::overview::is_active_incident;
use crate::route::{incident_href, legacy_gitlab_incident, Route, INCIDENT_PARAM};
use api::{load_config, Bucket, LoadError};
use chrome::{Footer, Header};
use clock::Clock;
use components::ErrorPanel;
use detail::{DetailPage, NotFound};
use list::{ListPage, LoadingSkeleton};
use live::{Live, LiveRegion};
use poll::{use_polled, Polled};

/// Everything the pages need to know about this deployment, provided as context.
#[derive(Clone)]
pub struct Site {
    pub title: String,
    pub logo_url: Option<String>,
    pub contact_url: Option<String>,
    pub feed_url: Option<String>,
    pub poll_seconds: u32,
    pub bucket: Bucket,
    pub list: Polled<IncidentList>,
}

pub fn mount() {
    open_legacy_gitlab_link();
    // The static "loading" markup in index.html covers the time until the app runs.
    if let Some(boot) = document().get_element_by_id("boot") {
        boot.remove();
    }
    leptos::mount::mount_to_body(App);
}

/// GitLab's "published on status page" links look like `#/data%2Fincident%2F<iid>.json`.
fn open_legacy_gitlab_link() {
    let location = window().location();
    let Some(id) = location
        .hash()
        .ok()
        .and_then(|hash| legacy_gitlab_incident(&hash))
    else {
        return;
    };
    let path = location.pathname().unwrap_or_default();
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(
            &JsValue::NULL,
            "",
            Some(&format!("{path}{}", incident_href(&id))),
        );
    }
}

/// The folder `index.html` was served from: config and relative URLs resolve against it.
fn page_base() -> String {
    document()
        .base_uri()
        .ok()
        .flatten()
        .or_else(|| window().location().href().ok())
        .unwrap_or_default()
}

#[component]
fn App() -> impl IntoView {
    provide_context(Clock::start());
    let config = LocalResource::new(|| async { load_config(&page_base()).await });
    view! {
        <Router>
            {move || match config.get() {
                None => view! { <main id="main" class="wrap"><LoadingSkeleton/></main> }.into_any(),
                Some(Ok(config)) => match bucket_for(&config) {
                    Ok(bucket) => view! { <Shell config bucket/> }.into_any(),
                    Err(error) => view! { <ConfigError error/> }.into_any(),
                },
                Some(Err(error)) => view! { <ConfigError error/> }.into_any(),
            }}
        </Router>
    }
}

fn bucket_for(config: &Config) -> Result<Bucket, LoadError> {
    let root = resolve_url(&page_base(), &config.data_root()).ok_or_else(|| LoadError::BadUrl {
        file: "config.json: data_url".to_string(),
    })?;
    Ok(Bucket {
        root,
        format: config.format,
    })
}

#[component]
fn ConfigError(error: LoadError) -> impl IntoView {
    view! {
        <main id="main" class="wrap">
            <ErrorPanel error heading="This status page is not set up correctly" retry=None/>
            <p class="error-help">"The site owner needs to fix config.json beside index.html; the sitrep README describes every key."</p>
        </main>
    }
}

#[component]
fn Shell(config: Config, bucket: Bucket) -> impl IntoView {
    let page = page_base();
    let resolve_page = |url: Option<String>| url.and_then(|url| resolve_url(&page, &url));
    let live = Live::new();
    provide_context(live);
    let list = {
        let (fetch_from, parse_with) = (bucket.clone(), bucket.clone());
        use_polled(
            Duration::from_secs(config.poll_interval_seconds.into()),
            live.notify.into(),
            move || {
                let bucket = fetch_from.clone();
                async move { bucket.fetch(LIST_PATH).await }
            },
            move |bytes| parse_with.parse_list(bytes),
        )
    };
    let site = Site {
        logo_url: resolve_page(config.logo_url),
        contact_url: resolve_page(config.contact_url),
        feed_url: resolve_page(config.feed_url),
        title: config.title,
        poll_seconds: config.poll_interval_seconds,
        bucket,
        list,
    };
    provide_context(site.clone());

    // Mark and announce what changed since the last poll (never on the first load).
    Effect::new({
        let site_title = site.title.clone();
        move |previous: Option<Option<Arc<IncidentList>>>| {
            let current = list.data.get();
            if let (Some(Some(old)), Some(new)) = (&previous, &current) {
                let changes = incident_changes(&old.incidents, &new.incidents);
                for (incident, change) in &changes {
                    live.mark(&incident.id, *change);
                }
                if let Some(text) = announcement(&changes) {
                    live.announce(text, &site_title);
                }
            }
            current
        }
    });

    // "(2) Example Status": the tab shows how many incidents are open.
    Effect::new(move |_| {
        let active = list.data.with(|list| {
            list.as_ref().map_or(0, |l| {
                l.incidents.iter().filter(|i| is_active_incident(i)).count()
            })
        });
        let title = if active > 0 {
            format!("({active}) {}", site.title)
        } else {
            site.title.clone()
        };
        document().set_title(&title);
    });

    let query = use_query_map();
    let route = Memo::new(move |_| query.with(|q| Route::from_query(q.get_str(INCIDENT_PARAM))));
    view! {
        <Header/>
        <LiveRegion/>
        <main id="main" class="wrap" tabindex="-1">
            {move || match route.get() {
                Route::List => view! { <ListPage/> }.into_any(),
                Route::Incident(id) => view! { <DetailPage id/> }.into_any(),
                Route::InvalidIncident => view! { <NotFound/> }.into_any(),
            }}
        </main>
        <Footer/>
    }
}

/// One sentence for what changed: the incident's title when one changed, a count otherwise.
fn announcement(changes: &[(&Incident, Change)]) -> Option<String> {
    match changes {
        [] => None,
        [(incident, Change::New)] => Some(format!(
            "New incident: {}",
            sanitize::plain_text(&incident.title)
        )),
        [(incident, Change::Updated)] => Some(format!(
            "Incident updated: {} ({})",
            sanitize::plain_text(&incident.title),
            incident.status.label()
        )),
        many => Some(format!("{} incidents changed", many.len())),
    }
}
