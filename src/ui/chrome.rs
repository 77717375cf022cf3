//! Header and footer around every page.

use leptos::prelude::*;

use super::clock::{local_zone_at, use_clock};
use super::components::{TimeStyle, TimeView};
use super::live::NotifyToggle;
use super::Site;

#[component]
pub fn Header() -> impl IntoView {
    let site = expect_context::<Site>();
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="site-header">
            <div class="wrap header-row">
                <a class="brand" href="./">
                    {site.logo_url.clone().map(|src| view! { <img class="site-logo" src=src alt="" width="32" height="32"/> })}
                    <span class="site-title">{site.title.clone()}</span>
                </a>
                <nav class="header-links" aria-label="Status page links">
                    {site.feed_url.clone().map(|href| view! { <a class="subscribe-link" href=href>"Subscribe"</a> })}
                    {site.contact_url.clone().map(|href| view! { <a class="contact-link" href=href>"Contact support"</a> })}
                </nav>
            </div>
        </header>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let clock = use_clock();
    let site = expect_context::<Site>();
    let fetched_at = site.list.fetched_at;
    let zone_name = move || {
        if clock.utc.get() {
            "UTC".to_string()
        } else {
            format!("local time ({})", local_zone_at(clock.now.get()).label())
        }
    };
    view! {
        <footer class="site-footer">
            <div class="wrap footer-row">
                <p class="fetched">
                    {move || match fetched_at.get() {
                        Some(at) => view! { "Data checked " <TimeView at=at style=TimeStyle::Relative/> }.into_any(),
                        None => view! { "Checking for data…" }.into_any(),
                    }}
                </p>
                <p class="zone">
                    "Times in " {zone_name} " "
                    <button
                        type="button"
                        class="tz-toggle"
                        aria-pressed=move || clock.utc.get().to_string()
                        on:click=move |_| clock.set_utc(!clock.utc.get_untracked())
                    >
                        "Show UTC"
                    </button>
                </p>
                <p class="notify"><NotifyToggle/></p>
                <p class="powered">"Powered by sitrep"</p>
            </div>
        </footer>
    }
}
