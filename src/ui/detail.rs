//! One incident: its facts, description and updates timeline, each update with a permalink.

use std::collections::HashSet;
use std::sync::Arc;

use leptos::prelude::*;

use super::api::{file_url, LoadError};
use super::archives::use_archives;
use super::components::{
    component_names, use_reported_wording, RichText, SeverityBadge, StaleNotice, StatusBadge,
    TimeStyle, TimeView, TitleText, WhenLoaded,
};
use super::effect::{effect, effect_with};
use super::frame::draw_in_batches;
use super::live::use_live;
use super::locale::use_locale;
use super::poll::use_polled;
use super::sanitize::title_text;
use super::settings::use_settings;
use super::source::use_list;
use crate::batches::Batches;
use crate::changes::new_updates;
use crate::feed::model::{Incident, IncidentDetail, Kind, Markup, Update as IncidentUpdate};
use crate::feed::{default_detail_path, detail_in_list};
use crate::route::{update_anchor, update_from_hash};
use crate::time::Timestamp;

/// Where an incident's text comes from: its own file, or the list that carries it.
#[derive(Clone, Copy, PartialEq)]
enum Source {
    File,
    List,
    /// Only the list can tell, and it has not answered yet.
    Undecided,
}

#[component]
pub fn DetailPage(id: String) -> impl IntoView {
    let (settings, list) = (use_settings(), use_list());
    let may_be_listed = settings.with(|about| about.bucket.list_may_carry_details());
    let source = Memo::new(move |_| {
        match list
            .data
            .with(|list| list.as_ref().map(|l| l.format.details_in_list()))
        {
            Some(true) => Source::List,
            Some(false) => Source::File,
            // Most buckets keep incident files: fetch one at once, beside the list.
            None if !may_be_listed => Source::File,
            None => Source::Undecided,
        }
    });
    move || {
        let id = id.clone();
        match source.get() {
            Source::File => view! { <FileDetail id/> }.into_any(),
            Source::List => view! { <ListedDetail id/> }.into_any(),
            Source::Undecided => view! {
                <DetailView
                    detail=Signal::stored(None)
                    error=list.error
                    fetched_at=list.fetched_at
                    missing=Signal::stored(false)
                />
            }
            .into_any(),
        }
    }
}

/// An incident with a file of its own.
#[component]
fn FileDetail(id: String) -> impl IntoView {
    let (settings, list) = (use_settings(), use_list());
    let archives = use_archives();
    // The list or a loaded archive may name another file (an archive entry's `url`, GitLab's
    // links.details); until then, both formats keep incidents at the same default path.
    let path = Memo::new(move |_| {
        let named = |incident: &Incident| (incident.id == id).then(|| incident.detail_path.clone());
        list.data
            .with(|list| {
                list.as_ref()
                    .and_then(|list| list.incidents.iter().find_map(named))
            })
            .or_else(|| archives.with_incidents(|mut archived| (&mut archived).find_map(named)))
            .unwrap_or_else(|| default_detail_path(&id))
    });
    move || {
        let path = path.get();
        let detail = {
            let (parse_with, parse_path) = (settings.bucket(), path.clone());
            use_polled(
                settings.poll,
                file_url(&parse_with.root, &path),
                &path,
                move |bytes| parse_with.parse_detail(&parse_path, bytes),
            )
        };
        let missing = Signal::derive(move || {
            detail.data.with(Option::is_none)
                && detail
                    .error
                    .with(|e| matches!(e, Some(LoadError::NotFound { .. })))
        });
        view! {
            <DetailView detail=detail.data error=detail.error fetched_at=detail.fetched_at missing search_archives=true/>
        }
    }
}

/// An incident whose text the list carries (Crashbot, Statuspage): no request of its own.
#[component]
fn ListedDetail(id: String) -> impl IntoView {
    let list = use_list();
    let detail = Memo::new(move |_| {
        list.data
            .with(|l| l.as_ref().and_then(|l| detail_in_list(l, &id)))
            .map(Arc::new)
    });
    let missing =
        Signal::derive(move || list.data.with(Option::is_some) && detail.with(Option::is_none));
    view! { <DetailView detail=detail.into() error=list.error fetched_at=list.fetched_at missing/> }
}

/// Before saying an incident does not exist, look for it in the archive files the reader has
/// not opened: a link to an archived incident whose file lies elsewhere must still work.
#[component]
fn NotFoundUnlessArchived() -> impl IntoView {
    let (settings, list) = (use_settings(), use_list());
    let archives = use_archives();
    let unreadable = RwSignal::new(Vec::<String>::new());
    let next_archive = Memo::new(move |_| {
        list.data.with(|list| {
            list.as_ref().and_then(|list| {
                list.archive
                    .iter()
                    .map(|archive| archive.path.clone())
                    .find(|path| {
                        !archives.is_loaded(path) && !unreadable.with(|u| u.contains(path))
                    })
            })
        })
    });
    effect(move || {
        let Some(path) = next_archive.get() else {
            return;
        };
        let bucket = settings.bucket();
        leptos::task::spawn_local(async move {
            if archives.load(&bucket, &path, false).await.is_err() {
                unreadable.try_update(|paths| paths.push(path));
            }
        });
    });
    move || match next_archive.with(Option::is_some) {
        true => view! { <IncidentLoading/> }.into_any(),
        false => view! { <NotFound/> }.into_any(),
    }
}

#[component]
pub fn IncidentLoading() -> impl IntoView {
    let locale = use_locale();
    view! { <p class="loading" aria-busy="true">{move || locale.t("loading.incident")}</p> }
}

/// The incident page around its data, wherever that comes from: the article, or why it is
/// not there (loading, an error, not found).
#[component]
fn DetailView(
    detail: Signal<Option<Arc<IncidentDetail>>>,
    error: Signal<Option<LoadError>>,
    fetched_at: Signal<Option<Timestamp>>,
    /// The source has answered that there is no such incident.
    missing: Signal<bool>,
    /// Look in unopened archives before saying so.
    #[prop(optional)]
    search_archives: bool,
) -> impl IntoView {
    let settings = use_settings();
    let (live, locale) = (use_live(), use_locale());
    // Updates that arrived while the page was open.
    let fresh = RwSignal::new(HashSet::<String>::new());
    effect_with({
        let site_title = settings.title();
        move |previous: Option<Option<Arc<IncidentDetail>>>| {
            let current = detail.get();
            if let (Some(Some(old)), Some(new)) = (&previous, &current) {
                let added = new_updates(&old.updates, &new.updates);
                if !added.is_empty() {
                    fresh.update(|ids| ids.extend(added.iter().map(|u| u.id.clone())));
                    let title = title_text(&new.incident.title);
                    live.announce(
                        locale.t_with("announce.new-update", &[("title", &title)]),
                        &site_title,
                    );
                }
            }
            current
        }
    });
    let loaded = Memo::new(move |_| detail.with(Option::is_some));
    view! {
        <nav class="back-nav" aria-label=move || locale.t("detail.breadcrumb")>
            <a href=move || locale.href(None, None)>
                <span aria-hidden="true" class="back-arrow">"←"</span>
                {move || locale.t("detail.back")}
            </a>
        </nav>
        <StaleNotice error fetched_at data_shown=loaded.into()/>
        {move || match missing.get() && !loaded.get() {
            true if search_archives => view! { <NotFoundUnlessArchived/> }.into_any(),
            true => view! { <NotFound/> }.into_any(),
            false => view! {
                <WhenLoaded loaded=loaded.into() error error_heading="error.incident" loading=move || view! { <IncidentLoading/> }>
                    <IncidentArticle detail fresh/>
                </WhenLoaded>
            }
            .into_any(),
        }}
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    let locale = use_locale();
    view! {
        <div class="not-found">
            <h1 tabindex="-1">{move || locale.t("not-found.title")}</h1>
            <p>{move || locale.t("not-found.text")}</p>
            <p><a href=move || locale.href(None, None)>{move || locale.t("not-found.link")}</a></p>
        </div>
    }
}

/// Updates drawn with the rest of the page, then a batch per animation frame, the first of
/// `NEXT_UPDATES` and the rest sized by how long the frames before took (`crate::batches`):
/// each stays well under the 50 ms that make a frame feel stuck.
const FIRST_UPDATES: usize = 10;
const NEXT_UPDATES: usize = 25;
/// From this many updates, off-screen ones are not drawn until scrolled near (style/main.css).
/// Not fewer: a full-page capture (the browser's own, screenshot tools) leaves them blank.
const LONG_TIMELINE: usize = 50;

#[component]
fn IncidentArticle(
    detail: Signal<Option<Arc<IncidentDetail>>>,
    fresh: RwSignal<HashSet<String>>,
) -> impl IntoView {
    // Three parts that change independently, so a new update does not rebuild the rest.
    let incident = Memo::new(move |_| detail.with(|d| d.as_ref().map(|d| d.incident.clone())));
    let description =
        Memo::new(move |_| detail.with(|d| d.as_ref().map(|d| d.description.clone())));
    // Shared, so drawing the timeline a chunk at a time copies pointers, not updates.
    let updates = Memo::new(move |_| {
        detail.with(|d| {
            d.as_ref()
                .map(|d| d.updates.iter().cloned().map(Arc::new).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let incident_id =
        incident.with_untracked(|i| i.as_ref().map(|i| i.id.clone()).unwrap_or_default());
    // "No updates yet" would mislead where the feed keeps no timeline at all.
    let list = use_list();
    let no_timeline = Memo::new(move |_| {
        updates.with(Vec::is_empty)
            && list
                .data
                .with(|l| l.as_ref().is_some_and(|l| !l.format.has_timeline()))
    });
    let article_id = incident_id.clone();
    let scroll_target = update_from_hash(&window_hash()).map(str::to_string);
    // A long timeline is drawn a chunk per frame: the first screen at once, and no frame
    // blocked. A deep link's update is in the first chunk.
    let first_chunk = scroll_target.as_ref().map_or(FIRST_UPDATES, |target| {
        updates.with_untracked(|all| {
            all.iter()
                .position(|update| &update.id == target)
                .map_or(FIRST_UPDATES, |index| (index + 1).max(FIRST_UPDATES))
        })
    });
    // `None` once all are drawn (then also those a later poll adds).
    let limit =
        RwSignal::new((first_chunk < updates.with_untracked(Vec::len)).then_some(first_chunk));
    if limit.get_untracked().is_some() {
        draw_in_batches(Batches::new(NEXT_UPDATES), move |more| {
            let total = updates.try_with_untracked(Vec::len).unwrap_or(0);
            limit
                .try_update(|limit| {
                    *limit = limit
                        .map(|shown| shown.saturating_add(more))
                        .filter(|&shown| shown < total);
                    limit.is_some()
                })
                .unwrap_or(false)
        });
    }
    let locale = use_locale();
    let article = view! {
        <article class="incident-detail" data-incident-id=article_id>
            {move || incident.get().map(|incident| view! { <Summary incident/> })}
            {move || {
                let description = description.get()?;
                let empty = matches!(&description, Markup::Plain(text) if text.is_empty());
                (!empty).then(|| view! {
                    <section class="description-section" aria-label=move || locale.t("detail.description")>
                        <RichText markup=description class="description rich-text"/>
                    </section>
                })
            }}
            <section class="updates" aria-labelledby="updates-heading" hidden=no_timeline>
                <h2 id="updates-heading">{move || locale.plural("detail.updates", updates.with(Vec::len), &[])}</h2>
                {move || updates.with(Vec::is_empty).then(|| view! { <p class="empty-note">{move || locale.t("detail.no-updates")}</p> })}
                <ol class="timeline" class=("long-timeline", move || updates.with(Vec::len) >= LONG_TIMELINE)>
                    <For
                        each=move || match limit.get() {
                            Some(shown) => updates.with(|all| all.iter().take(shown).cloned().collect()),
                            None => updates.get(),
                        }
                        key=|update| (update.id.clone(), update.at)
                        children=move |update| {
                            // The new update renders before the change is recorded: stay reactive.
                            let id = update.id.clone();
                            let is_new = Signal::derive(move || fresh.with(|fresh| fresh.contains(&id)));
                            view! { <UpdateItem incident_id=incident_id.clone() update is_new/> }
                        }
                    />
                </ol>
            </section>
        </article>
    };
    // Deep links to one update: the element exists only now, after the data arrived.
    if let Some(target) = scroll_target.as_deref().map(update_anchor) {
        request_animation_frame(move || scroll_to_update(&target));
    }
    article
}

#[component]
fn Summary(incident: Incident) -> impl IntoView {
    let components = component_names(incident.components.clone());
    let locale = use_locale();
    let reported = use_reported_wording();
    let label = move |usual: &'static str, reported_key: &'static str| {
        move || locale.t(if reported.get() { reported_key } else { usual })
    };
    let window = match incident.kind {
        Kind::Maintenance { start, end } => Some(view! {
            <div class="fact"><dt>{move || locale.t("detail.window")}</dt><dd><TimeView at=start focusable=true/> " – " <TimeView at=end focusable=true/></dd></div>
        }),
        Kind::Incident => None,
    };
    let started = incident.started_at;
    let end = incident.resolved_at.map(|end| view! {
        <div class="fact"><dt>{label("detail.resolved", "detail.closed")}</dt><dd><TimeView at=end focusable=true/></dd></div>
        <div class="fact"><dt>{move || locale.t("detail.duration")}</dt><dd>{move || locale.duration(started, end)}</dd></div>
    });
    view! {
        <header class="detail-header">
            <h1 class="incident-title" tabindex="-1">
                <TitleText markup=incident.title.clone() class="incident-title-text"/>
            </h1>
            <div class="badges">
                <StatusBadge status=incident.status/>
                <SeverityBadge incident=incident.clone()/>
            </div>
        </header>
        <dl class="facts">
            {window}
            <div class="fact"><dt>{label("detail.started", "detail.reported")}</dt><dd><TimeView at=incident.started_at focusable=true/></dd></div>
            {end}
            <div class="fact"><dt>{move || locale.t("detail.last-update")}</dt><dd><TimeView at=incident.updated_at style=TimeStyle::Relative focusable=true/></dd></div>
            {(!incident.components.is_empty()).then(|| view! {
                <div class="fact"><dt>{move || locale.t("detail.affected")}</dt><dd dir="auto">{components}</dd></div>
            })}
            {(!incident.contacts.is_empty()).then(|| view! {
                <div class="fact"><dt>{move || locale.t("detail.contact")}</dt><dd dir="auto">{incident.contacts.join(", ")}</dd></div>
            })}
            {incident.root_cause_url.clone().map(|url| view! {
                <div class="fact"><dt>{move || locale.t("detail.root-cause")}</dt><dd><a class="external-link" href=url.clone() target="_blank" rel="noopener noreferrer">{url.clone()}</a></dd></div>
            })}
            {incident.link.clone().map(|url| view! {
                <div class="fact"><dt>{move || locale.t("detail.source-link")}</dt><dd><a class="external-link" href=url.clone() target="_blank" rel="noopener noreferrer">{url.clone()}</a></dd></div>
            })}
        </dl>
    }
}

#[component]
fn UpdateItem(
    incident_id: String,
    update: Arc<IncidentUpdate>,
    is_new: Signal<bool>,
) -> impl IntoView {
    let anchor = update_anchor(&update.id);
    let locale = use_locale();
    let href = {
        let update_id = update.id.clone();
        move || locale.href(Some(&incident_id), Some(&update_id))
    };
    view! {
        <li class="update" class:is-new=move || is_new.get() id=anchor>
            <div class="update-content">
                <div class="update-head">
                    {move || is_new.get().then(|| view! { <span class="new-badge">{locale.t("change.new")}</span> })}
                    {update.status.map(|status| view! { <StatusBadge status/> })}
                    <TimeView at=update.at/>
                    <a class="permalink" href=href aria-label=move || locale.t("detail.permalink")>"#"</a>
                </div>
                <RichText markup=update.body.clone() class="update-body rich-text"/>
            </div>
        </li>
    }
}

fn window_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

fn scroll_to_update(anchor: &str) {
    let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(anchor))
    else {
        return;
    };
    let _ = element.class_list().add_1("is-target");
    element.scroll_into_view();
}
