//! The browser app: loads `config.json`, polls the list, and shows the page the URL asks for.

mod api;
mod archives;
mod chrome;
mod clock;
mod component_panel;
mod components;
mod detail;
mod embed;
mod frame;
mod list;
mod live;
mod locale;
mod poll;
mod sanitize;
mod source;

use std::cell::Cell;
use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use wasm_bindgen::{JsCast, JsValue};

use crate::changes::{incident_changes, Change};
use crate::config::Config;
use crate::content::url::resolve_url;
use crate::embed::{EmbedOptions, EMBED_PARAM};
use crate::feed::model::{Incident, IncidentList};
use crate::overview::is_active_incident;
use crate::route::{legacy_gitlab_incident, Carried, Route, INCIDENT_PARAM};
use api::{load_config, Bucket, LoadError};
use archives::Archives;
use chrome::{Footer, Header};
use clock::Clock;
use components::ErrorPanel;
use detail::{DetailPage, NotFound};
use embed::EmbedPage;
use list::ListPage;
use live::{Live, LiveRegion};
use locale::{use_locale, Locale};
use poll::{PollOptions, Polled};
use source::use_incident_list;

/// Everything the pages need to know about this deployment, provided as context.
#[derive(Clone)]
pub struct Site {
    pub title: String,
    pub logo_url: Option<String>,
    pub contact_url: Option<String>,
    pub feed_url: Option<String>,
    /// How every poll loop on the page runs.
    pub poll: PollOptions,
    /// Set by the embed while it is scrolled out of view.
    pub offscreen: RwSignal<bool>,
    pub embed_allowed_origins: Vec<String>,
    /// Whether to show the components panel, and how many days its bars cover.
    pub components: bool,
    pub component_days: u32,
    pub bucket: Bucket,
    pub list: Polled<IncidentList>,
}

impl Site {
    /// Seconds between polls, as error messages state it.
    pub fn poll_seconds(&self) -> u32 {
        self.poll.interval.as_secs() as u32
    }
}

/// How long the page waits for the first answer about the list before it is drawn without it.
const FIRST_ANSWER_WAIT: Duration = Duration::from_secs(1);

pub fn mount() {
    open_legacy_gitlab_link();
    leptos::mount::mount_to_body(App);
}

/// The static "loading" markup in index.html covers the time until the app has a page to show.
/// It is removed in the same task as that page is drawn, so every frame shows one or the other.
fn remove_boot_skeleton() {
    if let Some(boot) = document().get_element_by_id("boot") {
        boot.remove();
    }
}

/// GitLab's "published on status page" links look like `#/data%2Fincident%2F<iid>.json`:
/// where the address bar's link points, as this page's path with `href`'s query, if it is one.
fn legacy_gitlab_target(href: impl Fn(&str) -> String) -> Option<String> {
    let location = window().location();
    let id = location
        .hash()
        .ok()
        .and_then(|hash| legacy_gitlab_incident(&hash))?;
    Some(format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        href(&id)
    ))
}

fn open_legacy_gitlab_link() {
    let Some(target) = legacy_gitlab_target(|id| Carried::default().href(Some(id), None)) else {
        return;
    };
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&target));
    }
}

/// A GitLab link pasted into an open page changes only the hash: open its incident then too.
fn follow_legacy_gitlab_links(locale: Locale) {
    let navigate = use_navigate();
    let listener = window_event_listener_untyped("hashchange", move |_| {
        let Some(target) = legacy_gitlab_target(|id| locale.href(Some(id), None)) else {
            return;
        };
        navigate(
            &target,
            NavigateOptions {
                replace: true,
                ..NavigateOptions::default()
            },
        );
    });
    on_cleanup(move || listener.remove());
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
    view! {
        <Router>
            <Root/>
        </Router>
    }
}

/// Inside the router: the language can follow `?lang=` from the first render on.
#[component]
fn Root() -> impl IntoView {
    let config = LocalResource::new(|| async { load_config(&page_base()).await });
    let config_language =
        Signal::derive(move || config.get().and_then(Result::ok).and_then(|c| c.language));
    provide_context(Locale::start(config_language, page_base()));
    view! {
            {move || match config.get() {
                // index.html's skeleton is still on screen.
                None => ().into_any(),
                Some(Ok(config)) => match bucket_for(&config) {
                    Ok(bucket) => view! { <Shell config bucket/> }.into_any(),
                    Err(error) => view! { <ConfigError error/> }.into_any(),
                },
                Some(Err(error)) => view! { <ConfigError error/> }.into_any(),
            }}
    }
}

fn bucket_for(config: &Config) -> Result<Bucket, LoadError> {
    let page = page_base();
    let bad = |key: &str| LoadError::BadUrl {
        file: format!("config.json: {key}"),
    };
    let root = resolve_url(&page, &config.data_root()).ok_or_else(|| bad("data_url"))?;
    let list_url = config.list_url_from(&page).ok_or_else(|| bad("list_url"))?;
    let list_file = match &config.list_url {
        Some(url) => url.trim().to_string(),
        None => config.format.default_list_path().to_string(),
    };
    Ok(Bucket {
        root,
        format: config.format,
        list_url,
        list_file,
    })
}

#[component]
fn ConfigError(error: LoadError) -> impl IntoView {
    let locale = use_locale();
    remove_boot_skeleton();
    view! {
        <main id="main" class="wrap" tabindex="-1">
            <ErrorPanel error heading="error.config" retry=None/>
            <p class="error-help">{move || locale.t("error.config-help")}</p>
        </main>
    }
}

#[component]
fn Shell(config: Config, bucket: Bucket) -> impl IntoView {
    let page = page_base();
    let resolve_page = |url: Option<String>| url.and_then(|url| resolve_url(&page, &url));
    let live = Live::new();
    provide_context(live);
    provide_context(Archives::new());
    let locale = use_locale();
    let offscreen = RwSignal::new(false);
    let poll = PollOptions {
        interval: Duration::from_secs(config.poll_interval_seconds.into()),
        poll_while_hidden: live.notify.into(),
        offscreen: offscreen.into(),
    };
    let list = use_incident_list(poll, &bucket);
    let site = Site {
        logo_url: resolve_page(config.logo_url),
        contact_url: resolve_page(config.contact_url),
        feed_url: resolve_page(config.feed_url),
        title: config.title,
        poll,
        offscreen,
        embed_allowed_origins: config.embed_allowed_origins,
        components: config.components,
        component_days: config.component_days,
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
                if let Some(text) = announcement(locale, &changes) {
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

    // The page is drawn once the first answer about the list is in, so it appears with its
    // data in one go rather than empty first (js/early.js has usually fetched the list by
    // now); a slow data server gets FIRST_ANSWER_WAIT before the page is drawn without it.
    let waited = RwSignal::new(false);
    set_timeout(
        move || {
            waited.try_set(true);
        },
        FIRST_ANSWER_WAIT,
    );
    let ready = Memo::new(move |_| waited.get() || list.answered());

    let query = use_query_map();
    // ?theme= forces light or dark (the embed's hosts use it; a host message may change it).
    let theme =
        RwSignal::new(EmbedOptions::from_query(|key| query.with_untracked(|q| q.get(key))).theme);
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-theme", theme.get().as_str());
        }
    });
    if query.with_untracked(|q| q.get(EMBED_PARAM).is_some()) {
        let options = EmbedOptions::from_query(|key| query.with_untracked(|q| q.get(key)));
        if let Some(root) = document().document_element() {
            let class = if options.transparent {
                "embed-mode transparent"
            } else {
                "embed-mode"
            };
            let _ = root.set_attribute("class", class);
        }
        return when_ready(ready, move || {
            view! { <EmbedPage options theme/> }.into_any()
        })
        .into_any();
    }
    follow_legacy_gitlab_links(locale);
    let route = Memo::new(move |_| query.with(|q| Route::from_query(q.get_str(INCIDENT_PARAM))));
    Effect::new(move |previous: Option<Route>| {
        let current = route.get();
        if previous.is_some_and(|previous| previous != current) {
            focus_page_heading();
        }
        current
    });
    when_ready(ready, move || {
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
        .into_any()
    })
    .into_any()
}

/// The page, drawn once `ready`; index.html's skeleton stays until then.
fn when_ready(
    ready: Memo<bool>,
    page: impl Fn() -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    move || {
        ready.get().then(|| {
            remove_boot_skeleton();
            page()
        })
    }
}

/// One sentence for what changed: the incident's title when one changed, a count otherwise.
fn announcement(locale: Locale, changes: &[(&Incident, Change)]) -> Option<String> {
    match changes {
        [] => None,
        [(incident, change)] => {
            let title = sanitize::plain_text(&incident.title);
            Some(match change {
                Change::New => locale.t_with("announce.new", &[("title", &title)]),
                Change::Updated => {
                    let status = locale.t(&format!("status.{}", incident.status.key()));
                    locale.t_with(
                        "announce.updated",
                        &[("title", &title), ("status", &status)],
                    )
                }
            })
        }
        many => Some(locale.plural("announce.many", many.len(), &[])),
    }
}

/// After a client-side navigation, move focus to the new page's heading (it may appear only
/// once its data has loaded), unless the reader has already moved focus elsewhere. The next
/// navigation ends the previous one's retries.
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
