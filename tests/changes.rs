use sitrep::changes::{incident_changes, new_updates, Announcement, Change, Marks, MARK_MS};
use sitrep::feed::model::{Incident, Kind, Markup, Status, Update};
use sitrep::time::Timestamp;

fn incident(id: &str, updated: i64, status: Status) -> Incident {
    Incident {
        id: id.to_string(),
        kind: Kind::Incident,
        title: Markup::Plain(format!("Incident {id}")),
        status,
        impact: None,
        components: Vec::new(),
        started_at: Timestamp(0),
        updated_at: Timestamp(updated),
        resolved_at: None,
        latest_update: None,
        detail_path: format!("data/incident/{id}.json"),
        severity: None,
        contacts: Vec::new(),
        root_cause_url: None,
        link: None,
    }
}

fn update(id: &str) -> Update {
    Update {
        id: id.to_string(),
        status: None,
        at: Timestamp(0),
        body: Markup::Plain(String::new()),
    }
}

#[test]
fn new_and_updated_incidents_are_found_and_unchanged_ones_are_not() {
    let old = [
        incident("a", 1, Status::Investigating),
        incident("b", 1, Status::Identified),
        incident("c", 1, Status::Monitoring),
    ];
    let new = [
        incident("a", 1, Status::Investigating),
        incident("b", 2, Status::Identified),
        incident("c", 1, Status::Resolved),
        incident("d", 1, Status::Investigating),
    ];
    let found: Vec<(&str, Change)> = incident_changes(&old, &new)
        .into_iter()
        .map(|(i, c)| (i.id.as_str(), c))
        .collect();
    assert_eq!(
        found,
        [
            ("b", Change::Updated),
            ("c", Change::Updated),
            ("d", Change::New)
        ]
    );
    assert!(
        incident_changes(&new, &new).is_empty(),
        "identical data changes nothing"
    );
}

#[test]
fn removed_incidents_are_not_changes() {
    assert!(incident_changes(&[incident("a", 1, Status::Resolved)], &[]).is_empty());
}

#[test]
fn new_updates_are_those_with_unseen_ids() {
    let old = [update("u1"), update("u2")];
    let new = [update("u3"), update("u2"), update("u1")];
    let ids: Vec<&str> = new_updates(&old, &new)
        .into_iter()
        .map(|u| u.id.as_str())
        .collect();
    assert_eq!(ids, ["u3"]);
}

#[test]
fn marks_show_for_fifteen_minutes() {
    let seen = Timestamp(1_000_000);
    let mut marks = Marks::default();
    marks.mark("a", Change::Updated, seen);
    assert_eq!(marks.get("a", seen), Some(Change::Updated));
    assert_eq!(
        marks.get("a", Timestamp(seen.0 + MARK_MS - 1)),
        Some(Change::Updated)
    );
    assert_eq!(marks.get("a", Timestamp(seen.0 + MARK_MS)), None);
    assert_eq!(marks.get("b", seen), None);
}

#[test]
fn expired_marks_are_dropped_when_a_new_one_is_added() {
    let start = Timestamp(0);
    let mut marks = Marks::default();
    for i in 0..1000 {
        marks.mark(&format!("old-{i}"), Change::New, start);
    }
    let later = Timestamp(MARK_MS);
    marks.mark("recent", Change::Updated, later);

    let mut only_recent = Marks::default();
    only_recent.mark("recent", Change::Updated, later);
    assert_eq!(
        marks, only_recent,
        "marks older than the mark time are pruned"
    );
}

#[test]
fn marks_still_fresh_survive_pruning() {
    let mut marks = Marks::default();
    marks.mark("a", Change::New, Timestamp(0));
    marks.mark("b", Change::New, Timestamp(MARK_MS - 1));
    assert_eq!(marks.get("a", Timestamp(MARK_MS - 1)), Some(Change::New));
    assert_eq!(marks.get("b", Timestamp(MARK_MS - 1)), Some(Change::New));
}

#[test]
fn one_change_is_announced_by_its_incident_and_several_by_their_count() {
    let (a, b) = (
        incident("a", 1, Status::Investigating),
        incident("b", 1, Status::Resolved),
    );
    assert_eq!(Announcement::of(&[]), None);
    assert_eq!(
        Announcement::of(&[(&a, Change::New)]),
        Some(Announcement::New(&a))
    );
    assert_eq!(
        Announcement::of(&[(&b, Change::Updated)]),
        Some(Announcement::Updated(&b))
    );
    assert_eq!(
        Announcement::of(&[(&a, Change::New), (&b, Change::Updated)]),
        Some(Announcement::Many(2))
    );
}
