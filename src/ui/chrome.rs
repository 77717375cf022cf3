//! Header and footer around every page; the footer's choices come once the page has painted
//! (src/ui/choices.rs).

use leptos::prelude::*;

use super::chunks::use_later;
use super::clock::use_clock;
use super::components::Slotted;
use super::effect::effect;
use super::locale::use_locale;
use super::poll::Polled;
use super::settings::use_settings;
use super::source::use_list;
use crate::feed::model::IncidentList;
use crate::overview::is_active_incident;
use crate::time::Timestamp;

#[component]
pub fn Header() -> impl IntoView {
    let settings = use_settings();
    let locale = use_locale();
    let (logo_url, title, feed_url, contact_url) = settings.with(|about| {
        (
            about.logo_url.clone(),
            about.title.clone(),
            about.feed_url.clone(),
            about.contact_url.clone(),
        )
    });
    view! {
        <a class="skip-link" href="#main" on:click=skip_to_main>{move || locale.t("skip-link")}</a>
        <header class="site-header">
            <div class="wrap header-row">
                <a class="brand" href=move || locale.href(None, None)>
                    {logo_url.map(|src| view! { <img class="site-logo" src=src alt="" width="32" height="32"/> })}
                    <span class="site-title">{title}</span>
                </a>
                <nav class="header-links" aria-label=move || locale.t("header.links")>
                    {feed_url.map(|href| view! { <a class="subscribe-link" href=href>{move || locale.t("header.subscribe")}</a> })}
                    {contact_url.map(|href| view! { <a class="contact-link" href=href>{move || locale.t("header.contact")}</a> })}
                </nav>
            </div>
        </header>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let (locale, later) = (use_locale(), use_later());
    let fetched_at = use_list().fetched_at;
    let checked = Memo::new(move |_| fetched_at.with(Option::is_some));
    view! {
        <footer class="site-footer">
            <div class="wrap footer-row">
                <p class="fetched">
                    {move || {
                        if checked.get() {
                            view! { <Slotted key="footer.checked" placeholder="time"><CheckedAt at=fetched_at/></Slotted> }.into_any()
                        } else {
                            view! { {move || locale.t("footer.checking")} }.into_any()
                        }
                    }}
                </p>
                {later.choices()}
                <p class="powered">{move || locale.t("footer.powered")}</p>
            </div>
        </footer>
    }
}

/// "(2) Example Status": the tab shows how many incidents are open.
pub fn use_tab_title(list: Polled<IncidentList>, site_title: String) {
    effect(move || {
        let active = list.data.with(|list| {
            list.as_ref().map_or(0, |l| {
                l.incidents.iter().filter(|i| is_active_incident(i)).count()
            })
        });
        let title = if active > 0 {
            format!("({active}) {site_title}")
        } else {
            site_title.clone()
        };
        document().set_title(&title);
    });
}

/// The router would treat `#main` as a navigation and only scroll; a skip link must move
/// keyboard focus too.
fn skip_to_main(event: leptos::ev::MouseEvent) {
    event.prevent_default();
    if let Some(main) = document().get_element_by_id("main") {
        if let Some(main) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&main) {
            let _ = main.focus();
            main.scroll_into_view();
        }
    }
}

/// When the data was last confirmed (to the minute, as relative times are shown).
#[component]
pub fn CheckedAt(at: Signal<Option<Timestamp>>) -> impl IntoView {
    let (clock, locale) = (use_clock(), use_locale());
    let at = move || at.get().unwrap_or(Timestamp::from_millis(0));
    view! {
        <time datetime=move || at().to_rfc3339() title=move || locale.full_minute(at())>
            {move || locale.checked(at(), clock.minute.get())}
        </time>
    }
}
