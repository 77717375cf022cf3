//! Header and footer around every page, with the reader's language and time zone pickers.

use leptos::prelude::*;

use super::clock::use_clock;
use super::components::Slotted;
use super::frame::after_next_paint;
use super::live::NotifyToggle;
use super::locale::{all_zones, use_locale, ZoneChoice};
use super::location::{use_location, Entry};
use super::poll::Polled;
use super::settings::use_settings;
use super::source::use_list;
use crate::feed::model::IncidentList;
use crate::i18n::LANGUAGES;
use crate::overview::is_active_incident;
use crate::route::{Carried, INCIDENT_PARAM};
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
    let locale = use_locale();
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
                <ZonePicker/>
                <LanguagePicker/>
                <p class="notify"><NotifyToggle/></p>
                <p class="powered">{move || locale.t("footer.powered")}</p>
            </div>
        </footer>
    }
}

/// "(2) Example Status": the tab shows how many incidents are open.
pub fn use_tab_title(list: Polled<IncidentList>, site_title: String) {
    Effect::new(move |_| {
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

/// Puts a changed choice in the URL (so a shared link keeps it) without leaving the page.
fn use_choose() -> impl Fn(Carried) + Clone {
    let location = use_location();
    move |carried: Carried| {
        let incident = location
            .query()
            .with_untracked(|q| q.get(INCIDENT_PARAM).map(str::to_string));
        let hash = window().location().hash().unwrap_or_default();
        let href = format!("{}{hash}", carried.href(incident.as_deref(), None));
        location.navigate(&href, Entry::Replace);
    }
}

#[component]
fn ZonePicker() -> impl IntoView {
    let locale = use_locale();
    let choose = use_choose();
    let pick = {
        let choose = choose.clone();
        move |choice: ZoneChoice| {
            locale.store_zone(&choice);
            let mut carried = locale.carried.get_untracked();
            carried.tz = (choice != ZoneChoice::Local).then(|| choice.value().to_string());
            choose(carried);
        }
    };
    let on_select = {
        let pick = pick.clone();
        move |event: leptos::ev::Event| {
            let value = event_target_value(&event);
            pick(match value.as_str() {
                "local" => ZoneChoice::Local,
                "UTC" => ZoneChoice::Utc,
                name => ZoneChoice::Named(name.to_string()),
            });
        }
    };
    let is_utc = move || locale.zone.get() == ZoneChoice::Utc;
    let toggle_utc = move |_| {
        pick(if is_utc() {
            ZoneChoice::Local
        } else {
            ZoneChoice::Utc
        })
    };
    // The ~420 zones are only needed once the reader opens the picker, so they are added after
    // the page has shown its data, not in its first render. The zone in use is there from the
    // start, so the picker shows it.
    let in_use = match locale.zone.get_untracked() {
        ZoneChoice::Named(zone) => Some(zone),
        ZoneChoice::Local | ZoneChoice::Utc => None,
    };
    let all_shown = RwSignal::new(false);
    let list = use_list();
    Effect::new(move |_| {
        if list.answered() && !all_shown.get_untracked() {
            after_next_paint(move || {
                if all_shown.try_get_untracked() == Some(false) {
                    all_shown.set(true);
                }
            });
        }
    });
    let others = {
        let in_use = in_use.clone();
        move || {
            all_shown.get().then(|| {
                all_zones()
                    .into_iter()
                    .filter(|zone| zone != "UTC" && Some(zone) != in_use.as_ref())
                    .map(zone_option)
                    .collect_view()
            })
        }
    };
    view! {
        <p class="zone">
            <label for="tz-select">{move || locale.t("footer.zone")}</label>
            " "
            <select id="tz-select" on:change=on_select prop:value=move || locale.zone.get().value().to_string() disabled=!locale.is_live()>
                <option value="local">{move || locale.local_zone_label()}</option>
                // Chosen in the markup too, for the snapshot (a property is not markup).
                <option value="UTC" selected=is_utc>{move || locale.t("footer.zone-utc")}</option>
                {in_use.map(zone_option)}
                {others}
            </select>
            " "
            <button type="button" class="tz-toggle" aria-pressed=move || is_utc().to_string() on:click=toggle_utc disabled=!locale.is_live()>
                {move || locale.t("footer.show-utc")}
            </button>
        </p>
    }
}

fn zone_option(zone: String) -> impl IntoView {
    let label = zone.clone();
    view! { <option value=zone>{label}</option> }
}

#[component]
fn LanguagePicker() -> impl IntoView {
    let locale = use_locale();
    let choose = use_choose();
    let on_select = move |event: leptos::ev::Event| {
        let mut carried = locale.carried.get_untracked();
        carried.lang = Some(event_target_value(&event));
        choose(carried);
    };
    view! {
        <p class="language">
            <label for="language-select">{move || locale.t("footer.language")}</label>
            " "
            <select id="language-select" on:change=on_select prop:value=move || locale.lang() disabled=!locale.is_live()>
                {LANGUAGES
                    .iter()
                    .map(|(code, name)| view! {
                        <option value=*code lang=*code selected=move || locale.lang() == *code>{*name}</option>
                    })
                    .collect_view()}
            </select>
        </p>
    }
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
