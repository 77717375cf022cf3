//! The reader's choices in the footer: time zone, language and notifications. Not needed for
//! a page's first paint, so they come in a chunk of their own (see `chunks::Later`).

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Notification, NotificationPermission};

use super::effect::effect;
use super::frame::when_idle;
use super::live::use_live;
use super::locale::{all_zones, use_locale, ZoneChoice};
use super::location::{use_location, Entry};
use super::source::use_list;
use crate::i18n::LANGUAGES;
use crate::route::{Carried, INCIDENT_PARAM};

/// The footer's controls.
pub fn draw_choices() -> AnyView {
    view! {
        <ZonePicker/>
        <LanguagePicker/>
        <p class="notify"><NotifyToggle/></p>
    }
    .into_any()
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
    // The ~420 zones are only needed once the reader opens the picker, so they are added when
    // the browser is idle after the page has shown its data: drawing them takes a task of tens
    // of milliseconds, which must not delay the paint of a page's data. The zone in use is there from the
    // start, so the picker shows it.
    let in_use = match locale.zone.get_untracked() {
        ZoneChoice::Named(zone) => Some(zone),
        ZoneChoice::Local | ZoneChoice::Utc => None,
    };
    let all_shown = RwSignal::new(false);
    let list = use_list();
    effect(move || {
        if list.answered() && !all_shown.get_untracked() {
            when_idle(move || {
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

/// Opt-in notifications: the browser is asked only after this button is pressed.
#[component]
pub fn NotifyToggle() -> impl IntoView {
    let (live, locale) = (use_live(), use_locale());
    if !live.notifications {
        return None;
    }
    let blocked = RwSignal::new(false);
    let toggle = move |_| {
        if live.notify.get_untracked() {
            live.set_notify(false);
            return;
        }
        match Notification::permission() {
            NotificationPermission::Granted => live.set_notify(true),
            NotificationPermission::Denied => blocked.set(true),
            _ => spawn_local(async move {
                let Ok(request) = Notification::request_permission() else {
                    return;
                };
                let granted = JsFuture::from(request)
                    .await
                    .ok()
                    .and_then(|answer| answer.as_string())
                    .is_some_and(|answer| answer == "granted");
                live.set_notify(granted);
                blocked.set(!granted);
            }),
        }
    };
    Some(view! {
        <button
            type="button"
            class="notify-toggle"
            aria-pressed=move || live.notify.get().to_string()
            on:click=toggle
        >
            {move || locale.t("footer.notify")}
        </button>
        {move || blocked.get().then(|| view! {
            <span class="notify-blocked">{locale.t("footer.notify-blocked")}</span>
        })}
    })
}
