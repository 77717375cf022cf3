use sitrep::changes::{incident_changes, new_updates, Change};
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
