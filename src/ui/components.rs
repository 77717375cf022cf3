//! Small building blocks shared by the pages.

use leptos::prelude::*;

use super::api::LoadError;
use super::clock::use_clock;
use super::locale::use_locale;
#[cfg(target_arch = "wasm32")]
use super::sanitize::{sanitized, FeedHtml};
use super::settings::use_settings;
use super::source::use_list;
use crate::feed::model::{Format, Impact, Incident, Inline, Markup, Status};
use crate::time::Timestamp;

/// The display names of components, joined for a sentence; follows renames in the list.
pub fn component_names(ids: Vec<String>) -> Signal<String> {
    let list = use_list();
    Signal::derive(move || {
        list.data.with(|list| {
            let names: Vec<&str> = ids
                .iter()
                .map(|id| list.as_ref().map_or(id.as_str(), |l| l.component_name(id)))
                .collect();
            names.join(", ")
        })
    })
}

/// The overall status box: its colour and icon follow `status` (an [`Overall`] key, or
/// "loading"); the words are the page's own.
#[component]
pub fn OverallBox(status: Signal<&'static str>, children: Children) -> impl IntoView {
    view! {
        <section id="overall-status" class=move || format!("overall overall--{}", status.get()) role="status">
            <span class="overall-icon" aria-hidden="true"></span>
            {children()}
        </section>
    }
}

/// An incident's title as a link to its page (in a new tab from the embed, which lives in
/// someone else's page).
#[component]
pub fn IncidentLink(
    id: String,
    title: Markup,
    #[prop(optional)] new_tab: bool,
    #[prop(optional)] class: Option<&'static str>,
) -> impl IntoView {
    let locale = use_locale();
    view! {
        <a
            class=class
            href=move || locale.href(Some(&id), None)
            target=new_tab.then_some("_blank")
            rel=new_tab.then_some("noopener")
        >
            <TitleText markup=title class="incident-link-text"/>
        </a>
    }
}

/// Status as an icon AND text, never colour alone.
#[component]
pub fn StatusBadge(status: Status) -> impl IntoView {
    let locale = use_locale();
    view! {
        <span class=format!("status-badge status--{}", status.key())>
            <span class="status-icon" aria-hidden="true"></span>
            {move || locale.name(status)}
        </span>
    }
}

/// How severe an incident is: the feed's own severity (SEV-1 …) where it has one, styled by
/// the impact it maps to, otherwise the impact.
#[component]
pub fn SeverityBadge(incident: Incident) -> impl IntoView {
    let locale = use_locale();
    match (incident.severity, incident.impact) {
        (Some(severity), impact) => {
            let impact = impact.unwrap_or(severity.impact()).key();
            Some(view! {
                <span class=format!("impact-badge severity-badge impact--{impact}")>{move || locale.name(severity)}</span>
            }.into_any())
        }
        (None, Some(impact)) => Some(view! { <ImpactBadge impact/> }.into_any()),
        (None, None) => None,
    }
}

/// Whether the feed words an incident's start and end as reported and closed (Crashbot).
pub fn use_reported_wording() -> Signal<bool> {
    let list = use_list();
    Signal::derive(move || {
        list.data
            .with(|l| l.as_ref().is_some_and(|l| l.format == Format::Crashbot))
    })
}

#[component]
pub fn ImpactBadge(impact: Impact) -> impl IntoView {
    let locale = use_locale();
    view! { <span class=format!("impact-badge impact--{}", impact.key())>{move || locale.name(impact)}</span> }
}

#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub enum TimeStyle {
    /// "07:40" today, "23 Nov, 07:40" this year, with the year otherwise.
    #[default]
    Short,
    /// "12 minutes ago".
    Relative,
}

/// A `<time>` in the reader's language and zone; the full timestamp shows on hover (title)
/// and is what screen readers hear.
#[component]
pub fn TimeView(
    at: Timestamp,
    #[prop(optional)] style: TimeStyle,
    /// Keyboard users reach it and see the full timestamp (few per page: the detail facts).
    #[prop(optional)]
    focusable: bool,
) -> impl IntoView {
    let (clock, locale) = (use_clock(), use_locale());
    let text = move || match style {
        TimeStyle::Short => locale.short_time(at, clock.minute.get()),
        TimeStyle::Relative => locale.relative(at, clock.minute.get()),
    };
    view! {
        <time datetime=at.to_rfc3339() title=move || locale.full_time(at) tabindex=focusable.then_some("0")>
            {text}
        </time>
    }
}

/// A message with an element in its `{slot}`: "Started {time}" around a `<TimeView>`.
#[component]
pub fn Slotted(key: &'static str, placeholder: &'static str, children: Children) -> impl IntoView {
    let locale = use_locale();
    let parts = Memo::new(move |_| locale.around(key, placeholder));
    view! { {move || parts.get().0} {children()} {move || parts.get().1} }
}

/// An incident's title: its text, or the feed's HTML after sanitising (inline formatting only).
/// Its direction comes from its own text (`dir="auto"`), not the page language: an English
/// title on an Arabic page reads correctly.
#[component]
pub fn TitleText(markup: Markup, #[prop(into)] class: String) -> impl IntoView {
    match markup.inline() {
        Inline::Text(text) => {
            view! { <span class=class dir="auto">{text.to_string()}</span> }.into_any()
        }
        Inline::Html(html) => feed_html(html.to_string(), class, true, bucket_root()),
    }
}

/// Feed text in a block (descriptions, updates): plain text as text, HTML and markdown only
/// after sanitising (never raw).
#[component]
pub fn RichText(markup: Markup, #[prop(into)] class: String) -> impl IntoView {
    match markup {
        // Plain text keeps its line breaks (Statuspage's update bodies).
        Markup::Plain(text) => {
            view! { <div class=class dir="auto"><p class="plain-text">{text}</p></div> }.into_any()
        }
        rich => {
            let base = bucket_root();
            let html = rich.html(&base).unwrap_or_default().into_owned();
            feed_html(html, class, false, base)
        }
    }
}

/// What relative URLs in feed text resolve against.
fn bucket_root() -> String {
    use_settings().with(|about| about.bucket.root.clone())
}

/// Feed HTML in the browser: sanitised into the element by the page's sanitiser, relative
/// URLs resolved against the bucket root.
#[cfg(target_arch = "wasm32")]
fn feed_html(html: String, class: String, inline: bool, base: String) -> AnyView {
    let content = FeedHtml { html, base, inline };
    if inline {
        view! { <span class=class dir="auto" use:sanitized=content></span> }.into_any()
    } else {
        view! { <div class=class dir="auto" use:sanitized=content></div> }.into_any()
    }
}

/// Feed HTML rendered without a browser (a snapshot): as its text only, read by a real HTML
/// parser; the live page shows the markup once it takes over.
#[cfg(not(target_arch = "wasm32"))]
fn feed_html(html: String, class: String, inline: bool, base: String) -> AnyView {
    let text = crate::cli::html::Sanitizer::new(&base).plain_text(&html);
    if inline {
        view! { <span class=class dir="auto">{text}</span> }.into_any()
    } else {
        view! { <div class=class dir="auto"><p class="plain-text">{text}</p></div> }.into_any()
    }
}

/// A page's content once its data is there; until then why not: the error that stopped the
/// last load (retried every poll), or that it is loading.
#[component]
pub fn WhenLoaded(
    loaded: Signal<bool>,
    error: Signal<Option<LoadError>>,
    /// The error panel's heading.
    error_heading: &'static str,
    #[prop(into)] loading: ViewFn,
    children: ChildrenFn,
) -> impl IntoView {
    let retry = use_settings().poll_seconds();
    move || {
        if loaded.get() {
            children().into_any()
        } else {
            match error.get() {
                Some(error) => {
                    view! { <ErrorPanel error heading=error_heading retry=Some(retry)/> }.into_any()
                }
                None => loading.run(),
            }
        }
    }
}

/// Nothing could be shown: say what failed, in the deployer's terms.
#[component]
pub fn ErrorPanel(
    error: LoadError,
    heading: &'static str,
    /// Seconds between tries, when the page retries by itself.
    retry: Option<u32>,
) -> impl IntoView {
    let locale = use_locale();
    view! {
        <div class="error-panel" role="alert">
            <h1 tabindex="-1">{move || locale.t(heading)}</h1>
            <p class="error-detail">{move || locale.words(&error.sentence())}</p>
            {retry.map(|seconds| view! {
                <p class="error-retry">{move || locale.plural("error.retry", seconds as usize, &[])}</p>
            })}
        </div>
    }
}

/// Data is on screen but the last refresh failed: never show stale data as fresh.
#[component]
pub fn StaleNotice(
    error: Signal<Option<LoadError>>,
    fetched_at: Signal<Option<Timestamp>>,
    /// Whether data is on screen; without it the error panel says everything.
    data_shown: Signal<bool>,
) -> impl IntoView {
    let (clock, locale) = (use_clock(), use_locale());
    move || {
        error.get().filter(|_| data_shown.get()).map(|error| {
            let age = match fetched_at.get() {
                Some(at) => locale.t_with(
                    "stale.age",
                    &[("time", &locale.relative(at, clock.minute.get()))],
                ),
                None => locale.t("stale.unknown"),
            };
            view! {
                <div class="stale-notice" role="status">
                    <strong>{age}</strong>
                    " "
                    <span class="stale-reason">{locale.words(&error.sentence())}</span>
                </div>
            }
        })
    }
}
