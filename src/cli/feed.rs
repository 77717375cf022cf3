//! `sitrep feed`: Atom, RSS and JSON Feed files from any bucket the viewer reads, one entry
//! per incident update, newest first. Entries link to the deployed page, titles are plain
//! text, and content is sanitised HTML whose URLs are absolute.

use std::path::Path;

use atom_syndication as atom;
use serde::Serialize;

use crate::content::url::resolve_url;
use crate::feed::model::{Incident, IncidentDetail, Markup, Status};
use crate::time::Timestamp;

use super::check::inspect;
use super::html::Sanitizer;
use super::output::Output;
use super::report::{Report, Severity};
use super::{Failure, Outcome};

pub const ATOM_FILE: &str = "feed.atom";
pub const RSS_FILE: &str = "feed.rss";
pub const JSON_FILE: &str = "feed.json";

pub struct Options<'a> {
    pub bucket: &'a str,
    pub site_url: &'a str,
    pub data_url: Option<&'a str>,
    pub title: &'a str,
    pub limit: usize,
    pub out: &'a Path,
}

pub fn run(options: &Options) -> Outcome {
    let page = options
        .site_url
        .split(['?', '#'])
        .next()
        .unwrap_or_default();
    // The page's folder: where the feed files are served, and the default bucket root.
    let folder = resolve_url(page, "./").ok_or_else(|| {
        Failure(format!(
            "--site-url {:?} is not an absolute http(s) URL",
            options.site_url
        ))
    })?;
    let data_base = match options.data_url {
        Some(data_url) => resolve_url(&folder, data_url)
            .filter(|url| url.starts_with("https://") || url.starts_with("http://"))
            .ok_or_else(|| Failure(format!("--data-url {data_url:?} is not an http(s) URL")))?,
        None => folder.clone(),
    };
    let inspection = inspect(options.bucket)?;
    let errors: Vec<_> = inspection
        .problems
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    let Some(contents) = inspection.contents.filter(|_| errors.is_empty()) else {
        return Ok(Report {
            problems: errors,
            summary: format!("{}: no feed written", options.bucket),
        });
    };
    let site = Site {
        page,
        title: options.title,
        feed_base: folder,
        sanitizer: Sanitizer::new(&data_base),
        data_base: &data_base,
    };
    let entries = entries(&site, &contents.incidents, options.limit);
    let mut output = Output::default();
    output.add(ATOM_FILE.to_string(), atom_feed(&site, &entries)?);
    output.add(RSS_FILE.to_string(), rss_feed(&site, &entries)?);
    output.add(JSON_FILE.to_string(), json_feed(&site, &entries));
    let written = output.write(options.out, None)?;
    Ok(Report {
        problems: Vec::new(),
        summary: format!(
            "{}: {} entries; {}",
            options.out.display(),
            entries.len(),
            written.describe()
        ),
    })
}

struct Site<'a> {
    page: &'a str,
    title: &'a str,
    /// The folder of the page, where the feed files are served.
    feed_base: String,
    data_base: &'a str,
    sanitizer: Sanitizer,
}

struct Entry {
    /// The permalink, also the entry's id.
    url: String,
    title: String,
    html: String,
    at: Timestamp,
}

/// The newest `limit` updates of all incidents; an incident without updates is one entry.
fn entries(
    site: &Site,
    incidents: &[(Incident, Option<IncidentDetail>)],
    limit: usize,
) -> Vec<Entry> {
    // Sorted as (time, link) pairs first: only the entries kept are rendered.
    let mut candidates: Vec<(Timestamp, String, usize, Option<usize>)> = Vec::new();
    for (i, (incident, detail)) in incidents.iter().enumerate() {
        let incident_url = format!("{}?incident={}", site.page, incident.id);
        match detail.as_ref().filter(|d| !d.updates.is_empty()) {
            Some(detail) => {
                for (u, update) in detail.updates.iter().enumerate() {
                    let url = format!("{incident_url}#update-{}", update.id);
                    candidates.push((update.at, url, i, Some(u)));
                }
            }
            None => candidates.push((incident.updated_at, incident_url, i, None)),
        }
    }
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    candidates.truncate(limit);
    candidates
        .into_iter()
        .map(|(at, url, i, update)| {
            let (incident, detail) = &incidents[i];
            let incident_title = text_of(site, &incident.title);
            let (title, body) = match (detail, update) {
                (Some(detail), Some(u)) => {
                    let update = &detail.updates[u];
                    let title = match update.status {
                        Some(status) => format!("{incident_title}: {}", status_label(status)),
                        None => incident_title,
                    };
                    (title, html_of(site, &update.body))
                }
                (Some(detail), None) => (incident_title, html_of(site, &detail.description)),
                (None, _) => (
                    incident_title,
                    html_of(
                        site,
                        &Markup::Plain(incident.latest_update.clone().unwrap_or_default()),
                    ),
                ),
            };
            Entry {
                url,
                title,
                html: body,
                at,
            }
        })
        .collect()
}

fn text_of(site: &Site, markup: &Markup) -> String {
    match markup {
        Markup::Plain(text) | Markup::Markdown(text) => text.clone(),
        Markup::Html(html) => site.sanitizer.plain_text(html),
    }
}

fn html_of(site: &Site, markup: &Markup) -> String {
    match markup.html(site.data_base) {
        Some(html) => site.sanitizer.clean(&html),
        None => match markup {
            Markup::Plain(text) if !text.is_empty() => {
                format!("<p>{}</p>", ammonia::clean_text(text))
            }
            _ => String::new(),
        },
    }
}

fn status_label(status: Status) -> &'static str {
    match status {
        Status::Investigating => "Investigating",
        Status::Identified => "Identified",
        Status::Monitoring => "Monitoring",
        Status::Resolved => "Resolved",
        Status::Ongoing => "Ongoing",
        Status::Scheduled => "Scheduled",
        Status::InProgress => "In progress",
        Status::Completed => "Completed",
    }
}

/// When the feed last changed: its newest entry (not the time of the run, so an unchanged
/// bucket gives byte-identical feeds).
fn updated(entries: &[Entry]) -> Timestamp {
    entries.first().map_or(Timestamp::from_millis(0), |e| e.at)
}

fn chrono_time(at: Timestamp) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::from_timestamp_millis(at.millis())
        .unwrap_or_default()
        .fixed_offset()
}

fn link(href: &str, rel: &str) -> atom::Link {
    let mut link = atom::Link::default();
    link.set_href(href);
    link.set_rel(rel);
    link
}

fn atom_feed(site: &Site, entries: &[Entry]) -> Result<Vec<u8>, Failure> {
    let mut feed = atom::Feed::default();
    feed.set_title(atom::Text::plain(site.title));
    feed.set_id(site.page);
    feed.set_updated(chrono_time(updated(entries)));
    let mut author = atom::Person::default();
    author.set_name(site.title);
    feed.set_authors(vec![author]);
    feed.set_links(vec![
        link(site.page, "alternate"),
        link(&format!("{}{ATOM_FILE}", site.feed_base), "self"),
    ]);
    feed.set_entries(
        entries
            .iter()
            .map(|e| {
                let mut entry = atom::Entry::default();
                entry.set_title(atom::Text::plain(e.title.clone()));
                entry.set_id(e.url.clone());
                entry.set_updated(chrono_time(e.at));
                entry.set_published(Some(chrono_time(e.at)));
                entry.set_links(vec![link(&e.url, "alternate")]);
                let mut content = atom::Content::default();
                content.set_content_type(Some("html".to_string()));
                content.set_value(Some(e.html.clone()));
                entry.set_content(Some(content));
                entry
            })
            .collect::<Vec<_>>(),
    );
    let mut bytes = feed.write_to(Vec::new())?;
    bytes.push(b'\n');
    Ok(bytes)
}

fn rss_feed(site: &Site, entries: &[Entry]) -> Result<Vec<u8>, Failure> {
    let mut channel = rss::Channel::default();
    channel.set_title(site.title);
    channel.set_link(site.page);
    channel.set_description(format!("Incidents and maintenance: {}", site.title));
    channel.set_last_build_date(Some(chrono_time(updated(entries)).to_rfc2822()));
    channel.set_items(
        entries
            .iter()
            .map(|e| {
                let mut item = rss::Item::default();
                item.set_title(Some(e.title.clone()));
                item.set_link(Some(e.url.clone()));
                let mut guid = rss::Guid::default();
                guid.set_value(e.url.clone());
                guid.set_permalink(true);
                item.set_guid(Some(guid));
                item.set_pub_date(Some(chrono_time(e.at).to_rfc2822()));
                item.set_description(Some(e.html.clone()));
                item
            })
            .collect::<Vec<_>>(),
    );
    let mut bytes = channel.write_to(Vec::new())?;
    bytes.push(b'\n');
    Ok(bytes)
}

fn json_feed(site: &Site, entries: &[Entry]) -> Vec<u8> {
    #[derive(Serialize)]
    struct Feed<'a> {
        version: &'static str,
        title: &'a str,
        home_page_url: &'a str,
        feed_url: String,
        items: Vec<Item<'a>>,
    }
    #[derive(Serialize)]
    struct Item<'a> {
        id: &'a str,
        url: &'a str,
        title: &'a str,
        content_html: &'a str,
        date_published: String,
    }
    let feed = Feed {
        version: "https://jsonfeed.org/version/1.1",
        title: site.title,
        home_page_url: site.page,
        feed_url: format!("{}{JSON_FILE}", site.feed_base),
        items: entries
            .iter()
            .map(|e| Item {
                id: &e.url,
                url: &e.url,
                title: &e.title,
                content_html: &e.html,
                date_published: e.at.to_rfc3339(),
            })
            .collect(),
    };
    let mut bytes = serde_json::to_vec_pretty(&feed).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}
