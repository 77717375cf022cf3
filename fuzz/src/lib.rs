//! What every fuzz target checks about a successful parse. A failed check panics, which
//! libFuzzer reports as a crash with the input saved under `fuzz/artifacts/<target>/`.

pub mod markup_check;

use std::collections::HashSet;

use sitrep::feed::is_valid_id;
use sitrep::feed::model::{Format, Incident, IncidentDetail, IncidentList, Kind, Markup};
use sitrep::time::{duration_parts, relative_parts, Timestamp, Zone};

/// The bucket root relative URLs resolve against.
pub const BASE: &str = "https://status.example.com/feed/";

/// A parsed list: sorted newest first, ids unique and safe, formats consistent.
pub fn check_list(list: &IncidentList) {
    // Only GitLab's ids are numbers and its titles HTML; every other format's are safe
    // strings and plain text.
    check_incidents(&list.incidents, list.format != Format::GitLab);
    for incident in &list.incidents {
        let title_is_plain = matches!(incident.title, Markup::Plain(_));
        assert_eq!(title_is_plain, list.format != Format::GitLab);
    }
    if list.format == Format::GitLab {
        assert!(list.archive.is_empty() && list.component_names.is_empty());
    }
}

/// Summaries from a list or archive file.
pub fn check_incidents(incidents: &[Incident], native: bool) {
    let mut seen = HashSet::new();
    for incident in incidents {
        assert!(seen.insert(&incident.id), "duplicate id {:?}", incident.id);
        if native {
            assert!(is_valid_id(&incident.id), "unsafe id {:?}", incident.id);
        } else {
            assert!(
                !incident.id.is_empty() && incident.id.bytes().all(|b| b.is_ascii_digit()),
                "GitLab id {:?}",
                incident.id
            );
        }
        check_incident(incident);
    }
    for pair in incidents.windows(2) {
        assert!(
            pair[0].started_at >= pair[1].started_at,
            "not sorted newest first: {:?} before {:?}",
            pair[0].id,
            pair[1].id
        );
    }
}

/// A parsed detail file: updates newest first with unique, safe ids; markdown made safe.
pub fn check_detail(detail: &IncidentDetail) {
    check_incident(&detail.incident);
    // Native titles are plain text; GitLab's are HTML.
    let native = matches!(detail.incident.title, Markup::Plain(_));
    if native {
        check_markup(&detail.description);
    }
    let mut seen = HashSet::new();
    for update in &detail.updates {
        assert!(
            seen.insert(&update.id),
            "duplicate update id {:?}",
            update.id
        );
        assert!(is_valid_id(&update.id), "unsafe update id {:?}", update.id);
        if native {
            check_markup(&update.body);
        }
        exercise_time(update.at, detail.incident.updated_at);
    }
    // Native updates are sorted by time. GitLab's comments carry no ids, so their position
    // is their permalink and the file's (oldest-first) order is kept as it is, reversed.
    if native {
        for pair in detail.updates.windows(2) {
            assert!(pair[0].at >= pair[1].at, "updates not sorted newest first");
        }
    } else {
        let n = detail.updates.len();
        for (i, update) in detail.updates.iter().enumerate() {
            assert_eq!(
                update.id,
                (n - i).to_string(),
                "GitLab update ids are positions"
            );
        }
    }
}

fn check_incident(incident: &Incident) {
    if let Kind::Maintenance { start, end } = incident.kind {
        assert!(end >= start, "maintenance window ends before it starts");
        exercise_time(start, end);
    }
    exercise_time(incident.started_at, incident.updated_at);
    if let Some(resolved) = incident.resolved_at {
        exercise_time(incident.started_at, resolved);
    }
}

/// Native markdown is rendered by sitrep and must come out safe. (GitLab HTML is passed on
/// to the browser's sanitiser as it is, so it is not checked here.)
fn check_markup(markup: &Markup) {
    if let Markup::Markdown(_) = markup {
        let html = markup.html(BASE).unwrap_or_default();
        if let Err(problem) = markup_check::check_rendered_html(&html) {
            panic!("unsafe HTML in a native detail file: {problem}\n{html}");
        }
    }
}

/// Every time function the page uses to show an instant must cope with whatever instants a
/// feed can hold.
fn exercise_time(a: Timestamp, b: Timestamp) {
    for zone in [Zone::UTC, Zone::fixed(14 * 60), Zone::fixed(-12 * 60)] {
        let t = a.in_zone(zone);
        assert!((1..=12).contains(&t.date.month) && (1..=31).contains(&t.date.day));
        assert!(t.hour < 24 && t.minute < 60 && t.second < 60);
        let _ = t.date.iso();
        assert_eq!(t.date.noon_utc().in_zone(Zone::UTC).date, t.date);
    }
    let _ = a.to_rfc3339();
    let _ = relative_parts(a, b);
    let _ = relative_parts(b, a);
    let lasted = duration_parts(a, b);
    assert!(
        lasted.days >= 0 && lasted.hours >= 0 && lasted.minutes >= 0,
        "negative duration"
    );
    let _ = duration_parts(b, a);
}
