//! The embeddable widget (`?embed`): the overall status and what is open, sized to its
//! content. It tells the host page its height and status by `postMessage` (src/embed.rs has
//! the protocol) and stops polling while it is scrolled out of view.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{IntersectionObserver, IntersectionObserverEntry, MessageEvent, ResizeObserver};

use super::clock::use_clock;
use super::component_panel::ComponentPanel;
use super::components::{IncidentLink, OverallBox, Slotted, StatusBadge, TimeStyle, TimeView};
use super::effect::effect;
use super::list::row_key;
use super::locale::use_locale;
use super::settings::use_settings;
use super::source::{use_list, use_overview};
use crate::embed::{
    origin_allowed, parse_host_message, resize_message, status_message, EmbedOptions, EmbedView,
    HostRequest, Layout, Theme,
};
use crate::feed::model::Incident;

#[component]
pub fn EmbedPage(options: EmbedOptions, theme: RwSignal<Theme>) -> impl IntoView {
    let (settings, list) = (use_settings(), use_list());
    let (clock, locale) = (use_clock(), use_locale());
    let overview = use_overview(false);
    let view_model = Memo::new(move |_| {
        overview.with(|o| {
            o.as_ref()
                .map(|o| EmbedView::new(o, &options, clock.minute.get()))
        })
    });
    let status = Memo::new(move |_| view_model.with(|v| v.as_ref().map(|v| (v.overall, v.active))));
    let root = NodeRef::<leptos::html::Div>::new();

    // Tell the host about every status change, and answer its allowed requests.
    effect(move || {
        if let Some((overall, active)) = status.get() {
            post_to_host(&status_message(overall.key(), active));
        }
    });
    let allowed = settings.with(|about| about.embed_allowed_origins.clone());
    let listener = window_event_listener_untyped("message", move |event| {
        let Some(event) = event.dyn_ref::<MessageEvent>() else {
            return;
        };
        let from_parent = match (event.source(), window().parent()) {
            (Some(source), Ok(Some(parent))) => js_sys::Object::is(&source, &parent),
            _ => false,
        };
        if !from_parent || !origin_allowed(&event.origin(), &allowed) {
            return;
        }
        let text = js_sys::JSON::stringify(&event.data())
            .ok()
            .and_then(|s| s.as_string());
        match text.as_deref().and_then(parse_host_message) {
            Some(HostRequest::Hello) => {
                if let Some((overall, active)) = status.get_untracked() {
                    post_to_host(&status_message(overall.key(), active));
                }
            }
            Some(HostRequest::Theme(chosen)) => theme.set(chosen),
            None => {}
        }
    });
    on_cleanup(move || listener.remove());
    effect(move || {
        if let Some(element) = root.get() {
            observe_size(&element);
            observe_visibility(&element, settings.offscreen);
        }
    });

    // Never claim "all systems operational" without data to say so.
    let heading = move || match (status.get(), list.error.with(Option::is_some)) {
        (Some((overall, _)), _) => locale.name(overall),
        (None, true) => locale.t("error.list"),
        (None, false) => locale.t("loading.status"),
    };
    let overall_key = move || status.get().map_or("loading", |(overall, _)| overall.key());
    view! {
        <div class="embed" node_ref=root>
            <OverallBox status=Signal::derive(overall_key)>
                <p class="embed-heading">{heading}</p>
                <a class="embed-more" href=move || locale.href(None, None) target="_blank" rel="noopener">
                    {move || locale.t("embed.view-page")}
                </a>
            </OverallBox>
            {(options.layout == Layout::List).then(|| view! {
                <ul class="embed-list">
                    <For
                        each=move || view_model.with(|v| v.as_ref().map(|v| v.shown.clone()).unwrap_or_default())
                        key=row_key
                        children=move |incident| view! { <EmbedItem incident/> }
                    />
                </ul>
            })}
            {options.show_components.then(|| view! { <ComponentPanel/> })}
        </div>
    }
}

/// The embed until its code is in: the loading state it starts with.
#[component]
pub fn EmbedLoading() -> impl IntoView {
    let locale = use_locale();
    view! {
        <div class="embed">
            <OverallBox status=Signal::stored("loading")>
                <p class="embed-heading">{move || locale.t("loading.status")}</p>
            </OverallBox>
        </div>
    }
}

#[component]
fn EmbedItem(incident: Incident) -> impl IntoView {
    view! {
        <li class="embed-item" data-incident-id=incident.id.clone()>
            <div class="row-head">
                <IncidentLink id=incident.id.clone() title=incident.title.clone() class="incident-link" new_tab=true/>
                <StatusBadge status=incident.status/>
            </div>
            {match incident.latest_update.clone() {
                Some(text) => view! { <p class="latest-update" dir="auto">{text}</p> }.into_any(),
                None => view! {
                    <p class="row-meta">
                        <Slotted key="row.updated" placeholder="time"><TimeView at=incident.updated_at style=TimeStyle::Relative/></Slotted>
                    </p>
                }
                .into_any(),
            }}
        </li>
    }
}

/// Only the documented messages are ever posted. The status is public, so any host may read it.
fn post_to_host(message: &str) {
    let Ok(Some(parent)) = window().parent() else {
        return;
    };
    if let Ok(value) = js_sys::JSON::parse(message) {
        let _ = parent.post_message(&value, "*");
    }
}

/// Reports the content height to the host whenever it changes.
fn observe_size(element: &web_sys::HtmlDivElement) {
    let target = element.clone();
    let last = std::cell::Cell::new(0u32);
    let callback = Closure::<dyn Fn()>::new(move || {
        let height = target.get_bounding_client_rect().height().ceil() as u32;
        if height != last.replace(height) {
            post_to_host(&resize_message(height));
        }
    });
    if let Ok(observer) = ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(element);
        let held = SendWrapper::new((observer, callback));
        on_cleanup(move || held.0.disconnect());
    }
}

/// Pauses polling while the frame is scrolled out of the host page's view.
fn observe_visibility(element: &web_sys::HtmlDivElement, offscreen: RwSignal<bool>) {
    let callback = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
        if let Some(entry) = entries.get(0).dyn_ref::<IntersectionObserverEntry>() {
            offscreen.set(!entry.is_intersecting());
        }
    });
    if let Ok(observer) = IntersectionObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(element);
        let held = SendWrapper::new((observer, callback));
        on_cleanup(move || held.0.disconnect());
    }
}
