//! Small building blocks shared by the pages.

use leptos::prelude::*;

use super::api::LoadError;
use super::clock::use_clock;
use super::sanitize::sanitize;
use super::Site;
use crate::feed::model::{Impact, Markup, Status};
use crate::time::{format_full, format_relative, format_short, Timestamp};

/// Status as an icon AND text, never colour alone.
#[component]
pub fn StatusBadge(status: Status) -> impl IntoView {
    view! {
        <span class=format!("status-badge status--{}", status.key())>
            <span class="status-icon" aria-hidden="true"></span>
            {status.label()}
        </span>
    }
}

#[component]
pub fn ImpactBadge(impact: Impact) -> impl IntoView {
    view! { <span class=format!("impact-badge impact--{}", impact.key())>{impact.label()}</span> }
}

#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub enum TimeStyle {
    /// "23 Nov 07:40", or just "07:40" today.
    #[default]
    Short,
    /// "12 min ago".
    Relative,
}

/// A `<time>` in the reader's zone; the full timestamp shows on hover and keyboard focus.
#[component]
pub fn TimeView(at: Timestamp, #[prop(optional)] style: TimeStyle) -> impl IntoView {
    let clock = use_clock();
    let text = move || match style {
        TimeStyle::Short => format_short(at, clock.now.get(), clock.zone_at(at)),
        TimeStyle::Relative => format_relative(at, clock.now.get()),
    };
    let full = move || format_full(at, clock.zone_at(at));
    view! {
        <time datetime=at.to_rfc3339() title=full data-full=full>
            {text}
        </time>
    }
}

/// Feed text: plain text as text, HTML only after sanitising (never raw).
#[component]
pub fn RichText(
    markup: Markup,
    #[prop(into)] class: String,
    #[prop(optional)] inline: bool,
) -> impl IntoView {
    let site = expect_context::<Site>();
    match markup {
        Markup::Plain(text) if inline => view! { <span class=class>{text}</span> }.into_any(),
        Markup::Plain(text) => view! { <div class=class><p>{text}</p></div> }.into_any(),
        Markup::Html(html) => match sanitize(&html, &site.bucket.root, inline) {
            Some(safe) if inline => view! { <span class=class inner_html=safe></span> }.into_any(),
            Some(safe) => view! { <div class=class inner_html=safe></div> }.into_any(),
            // Without the sanitiser, show the markup as text rather than risk running it.
            None => view! { <span class=class>{html}</span> }.into_any(),
        },
    }
}

/// Nothing could be shown: say what failed, in the deployer's terms.
#[component]
pub fn ErrorPanel(
    error: LoadError,
    #[prop(into)] heading: String,
    /// Seconds until the next try, when the page retries by itself.
    retry: Option<u32>,
) -> impl IntoView {
    view! {
        <div class="error-panel" role="alert">
            <h1 tabindex="-1">{heading}</h1>
            <p class="error-detail">{error.to_string()}</p>
            {retry.map(|seconds| view! {
                <p class="error-retry">{format!("This page tries again every {seconds} seconds.")}</p>
            })}
        </div>
    }
}

/// Data is on screen but the last refresh failed: never show stale data as fresh.
#[component]
pub fn StaleNotice(
    error: Signal<Option<LoadError>>,
    fetched_at: Signal<Option<Timestamp>>,
) -> impl IntoView {
    let clock = use_clock();
    move || {
        error.get().map(|error| {
            let age = fetched_at
                .get()
                .map(|at| format!("Last updated {}", format_relative(at, clock.now.get())))
                .unwrap_or_else(|| "This data may be out of date".to_string());
            view! {
                <div class="stale-notice" role="status">
                    <strong>{format!("{age} — retrying.")}</strong>
                    " "
                    <span class="stale-reason">{error.to_string()}</span>
                </div>
            }
        })
    }
}
