//! The browser app: loads `config.json`, polls the list, and shows the page the URL asks for.

mod api;
mod archives;
mod bars;
mod choices;
mod chrome;
mod chunks;
mod clock;
mod component_panel;
mod components;
mod detail;
mod effect;
mod embed;
mod formats;
mod frame;
mod list;
mod live;
mod locale;
mod location;
mod page;
mod poll;
mod sanitize;
mod settings;
#[cfg(not(target_arch = "wasm32"))]
pub mod snapshot;
mod source;

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;

use crate::config::Config;
use crate::content::url::resolve_url;
use crate::embed::{EmbedOptions, Theme, EMBED_PARAM};
use crate::route::{legacy_gitlab_incident, Carried};
use api::{load_config, Bucket, LoadError};
use archives::Archives;
use chrome::use_tab_title;
use chunks::{embed_page, prefetch_embed_page, prefetch_incident_page, InChunk, LaterParts};
use clock::Clock;
use components::ErrorPanel;
use effect::effect;
use embed::EmbedLoading;
use live::Live;
use locale::{use_locale, Locale};
use location::{use_location, use_query, Entry, Location};
use page::{use_route, Page};
use settings::Settings;
use source::{use_first_answer, use_incident_list};

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
    let location = use_location();
    let listener = window_event_listener_untyped("hashchange", move |_| {
        let Some(target) = legacy_gitlab_target(|id| locale.href(Some(id), None)) else {
            return;
        };
        location.navigate(&target, Entry::Replace);
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
    provide_context(Location::start());
    view! { <Root/> }
}

/// With the URL's query: the language can follow `?lang=` from the first render on.
#[component]
fn Root() -> impl IntoView {
    // A signal set by one task, not a LocalResource: config.json is read once, and the
    // resource's async machinery would be about 5 KB (brotli) of the first download for it.
    let config = RwSignal::new(None::<Result<Config, LoadError>>);
    spawn_local(async move { config.set(Some(load_config(&page_base()).await)) });
    let config_language = Signal::derive(move || {
        config.with(|c| c.as_ref().and_then(|c| c.as_ref().ok()?.language.clone()))
    });
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
    let live = Live::start();
    provide_context(live);
    provide_context(Archives::new());
    let later = LaterParts::new();
    provide_context(later);
    let page = page_base();
    let settings = Settings::new(
        config,
        bucket,
        |url| resolve_url(&page, url),
        live.notify.into(),
    );
    provide_context(settings);
    let list = use_incident_list(settings.poll, &settings.bucket());
    provide_context(list);
    later.announce_changes(list, settings.title());
    use_tab_title(list, settings.title());
    let ready = use_first_answer(list, FIRST_ANSWER_WAIT);

    let query = use_query();
    let options =
        EmbedOptions::from_query(|key| query.with_untracked(|q| q.get(key).map(str::to_string)));
    // ?theme= forces light or dark (the embed's hosts use it; a host message may change it).
    let theme = use_theme(options.theme);
    if query.with_untracked(|q| q.get(EMBED_PARAM).is_some()) {
        prefetch_embed_page();
        set_embed_mode(&options);
        return when_ready(ready, move || {
            let args = (options, theme);
            let loading = || view! { <EmbedLoading/> }.into_any();
            view! { <InChunk load=embed_page args loading/> }.into_any()
        })
        .into_any();
    }
    follow_legacy_gitlab_links(use_locale());
    let route = use_route();
    prefetch_incident_page(route.get_untracked(), ready);
    later.fetch_after_paint(ready);
    when_ready(ready, move || {
        view! { <Page route=route.into()/> }.into_any()
    })
    .into_any()
}

/// The page's theme, on `<html data-theme>`: what `?theme=` asked for, until changed.
fn use_theme(asked: Theme) -> RwSignal<Theme> {
    let theme = RwSignal::new(asked);
    effect(move || {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-theme", theme.get().as_str());
        }
    });
    theme
}

/// The embed's page styles apply from `<html class>`.
fn set_embed_mode(options: &EmbedOptions) {
    if let Some(root) = document().document_element() {
        let class = if options.transparent {
            "embed-mode transparent"
        } else {
            "embed-mode"
        };
        let _ = root.set_attribute("class", class);
    }
}

/// The page, drawn once `ready`; index.html's skeleton (or snapshot) stays until then and
/// goes in the same task, so every frame shows one or the other.
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
