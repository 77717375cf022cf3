//! `sitrep check`: reads a whole bucket the way the viewer does (through `crate::feed`, so
//! every format the viewer reads is checked), and reports what it would refuse (errors) and
//! what it would tolerate but an author should fix (warnings).

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use serde_json::Value;

use crate::feed::model::{Format, Incident, IncidentDetail, IncidentList, Markup};
use crate::feed::{
    combine_lists, detail_in_list, parse_archive, parse_detail, parse_list, FormatChoice,
    LIST_PATH, MAX_FILE_BYTES, STATUSPAGE_INCIDENTS_PATH, STATUSPAGE_SUMMARY_PATH,
};

use super::bucket::{candidates, Bucket, Candidate};
use super::html::image_sources;
use super::progress::Progress;
use super::report::{Problem, Report};
use super::{Failure, Outcome};

/// GitLab's publisher does not upload JSON files larger than this.
const GITLAB_MAX_FILE_BYTES: usize = 1024 * 1024;

pub fn run(location: &str) -> Outcome {
    let mut inspection = inspect(location)?;
    if let (Some(bucket), Some(contents)) = (&inspection.bucket, &inspection.contents) {
        check_images(bucket, contents, &mut inspection.problems)?;
    }
    Ok(Report {
        problems: inspection.problems,
        summary: format!("{location}: checked {} files", inspection.files),
    })
}

/// What a bucket holds, as the viewer would show it.
pub struct Contents {
    /// Every incident of the list and then of its archives (the first of each id), with its
    /// detail file when that could be read.
    pub incidents: Vec<(Incident, Option<IncidentDetail>)>,
}

pub struct Inspection {
    /// The bucket the list was found in.
    pub bucket: Option<Bucket>,
    pub problems: Vec<Problem>,
    /// `None` when the list file itself is missing or refused.
    pub contents: Option<Contents>,
    pub files: usize,
}

/// The list file of a bucket, as the viewer shows it.
pub struct Listed {
    pub bucket: Bucket,
    /// Its path, as problems name it.
    pub file: String,
    pub bytes: Vec<u8>,
    /// Parsed; for a Statuspage page, with the history beside its summary.
    pub list: IncidentList,
}

/// Finds and reads the list at `location` (a bucket or a list file). What is wrong with it
/// goes to `problems`, and then there is no list; `files` counts the files read.
pub fn read_list(
    location: &str,
    problems: &mut Vec<Problem>,
    files: &mut usize,
) -> Result<Option<Listed>, Failure> {
    let mut found = None;
    let candidates = candidates(location)?;
    let last = candidates.len().saturating_sub(1);
    for (i, candidate) in candidates.into_iter().enumerate() {
        // A server may answer anything for a path that is not its list: only the last
        // place tried reports how it failed.
        let bytes = match read(&candidate.bucket, &candidate.list) {
            Err(failure) if i == last => return Err(failure),
            other => other.ok().flatten(),
        };
        if let Some(bytes) = bytes {
            found = Some((candidate, bytes));
            break;
        }
    }
    let Some((Candidate { bucket, list: file }, bytes)) = found else {
        problems.push(Problem::error(
            LIST_PATH,
            format!("missing: every bucket has a list file ({LIST_PATH}, or {STATUSPAGE_SUMMARY_PATH} for a Statuspage page)"),
        ));
        return Ok(None);
    };
    *files += 1;
    let list = match parse_list(&file, &bytes, FormatChoice::Auto) {
        Ok(list) => list,
        Err(error) => {
            problems.push(Problem::from_feed_error(&error, &file, &bytes));
            return Ok(None);
        }
    };
    let list = match list.format {
        Format::Statuspage => with_statuspage_history(&bucket, list, problems, files)?,
        _ => list,
    };
    Ok(Some(Listed {
        bucket,
        file,
        bytes,
        list,
    }))
}

/// Reads and checks the list, archive and detail files of the bucket (or list) at `location`.
pub fn inspect(location: &str) -> Result<Inspection, Failure> {
    let mut inspection = Inspection {
        bucket: None,
        problems: Vec::new(),
        contents: None,
        files: 0,
    };
    let problems = &mut inspection.problems;
    let Some(Listed {
        bucket,
        file: list_file,
        bytes,
        list,
    }) = read_list(location, problems, &mut inspection.files)?
    else {
        return Ok(inspection);
    };
    check_size(&list_file, &bytes, list.format, problems);
    // Formats whose list carries everything have no other files to check.
    if list.format.details_in_list() {
        let incidents = list
            .incidents
            .iter()
            .map(|incident| (incident.clone(), detail_in_list(&list, &incident.id)))
            .collect();
        inspection.contents = Some(Contents { incidents });
        inspection.bucket = Some(bucket);
        return Ok(inspection);
    }
    let list_ids = IdIndex::new(&list_file, &bytes, problems);

    // Where each incident was first listed: the viewer keeps the first of a repeated id.
    let mut listed_in: HashMap<String, String> = HashMap::new();
    let mut incidents: Vec<(Incident, IdPlace)> = Vec::new();
    for incident in &list.incidents {
        listed_in.insert(incident.id.clone(), list_file.clone());
        incidents.push((incident.clone(), list_ids.place(&incident.id)));
    }
    for (i, archive) in list.archive.iter().enumerate() {
        let field = format!("archive[{i}]");
        let Some(path) = bucket.inside(&archive.path) else {
            problems.push(
                Problem::error(
                    &list_file,
                    format!("{:?} is not a file in this bucket", archive.path),
                )
                .in_field(&bytes, &format!("{field}.url")),
            );
            continue;
        };
        let Some(archive_bytes) = read(&bucket, &path)? else {
            problems.push(
                Problem::error(&list_file, format!("the archive file {path} is missing"))
                    .in_field(&bytes, &format!("{field}.url")),
            );
            continue;
        };
        inspection.files += 1;
        let archived = match parse_archive(&path, &archive_bytes) {
            Ok(archived) => archived,
            Err(error) => {
                problems.push(Problem::from_feed_error(&error, &path, &archive_bytes));
                continue;
            }
        };
        check_size(&path, &archive_bytes, list.format, problems);
        let ids = IdIndex::new(&path, &archive_bytes, problems);
        if let Some(count) = archive.count.filter(|&n| n != archived.len() as u64) {
            problems.push(
                Problem::warning(
                    &list_file,
                    format!(
                        "count is {count}, but {path} holds {} incidents",
                        archived.len()
                    ),
                )
                .in_field(&bytes, &format!("{field}.count")),
            );
        }
        for incident in archived {
            let place = ids.place(&incident.id);
            match listed_in.get(&incident.id) {
                Some(first) => problems.push(place.warning(format!(
                    "incident {} is also in {first}; the viewer shows only that one",
                    incident.id
                ))),
                None => {
                    listed_in.insert(incident.id.clone(), path.clone());
                    incidents.push((incident, place));
                }
            }
        }
    }

    let progress = Progress::new(incidents.len(), "reading detail files");
    let mut checked = Vec::with_capacity(incidents.len());
    for (incident, place) in incidents {
        progress.tick();
        let detail = check_detail(&bucket, &incident, &place, list.format, problems)?;
        inspection.files += usize::from(detail.is_some());
        checked.push((incident, detail));
    }
    progress.finish();
    inspection.contents = Some(Contents { incidents: checked });
    inspection.bucket = Some(bucket);
    Ok(inspection)
}

/// A Statuspage summary with the page's incidents file (its history) beside it, as the
/// viewer shows them together.
fn with_statuspage_history(
    bucket: &Bucket,
    summary: IncidentList,
    problems: &mut Vec<Problem>,
    files: &mut usize,
) -> Result<IncidentList, Failure> {
    let path = STATUSPAGE_INCIDENTS_PATH;
    let Some(bytes) = read(bucket, path)? else {
        problems.push(Problem::warning(
            path,
            "missing: the page shows no past incidents without it",
        ));
        return Ok(summary);
    };
    *files += 1;
    match parse_list(path, &bytes, FormatChoice::Statuspage) {
        Ok(history) => Ok(combine_lists(&summary, &history)),
        Err(error) => {
            problems.push(Problem::from_feed_error(&error, path, &bytes));
            Ok(summary)
        }
    }
}

fn check_detail(
    bucket: &Bucket,
    incident: &Incident,
    place: &IdPlace,
    format: Format,
    problems: &mut Vec<Problem>,
) -> Result<Option<IncidentDetail>, Failure> {
    let Some(path) = bucket.inside(&incident.detail_path) else {
        problems.push(place.warning(format!(
            "the detail file {:?} of incident {} is not in this bucket",
            incident.detail_path, incident.id
        )));
        return Ok(None);
    };
    let Some(bytes) = read(bucket, &path)? else {
        problems.push(place.warning(format!(
            "the detail file {path} of incident {} is missing: readers who open it see \
             \"not found\"",
            incident.id
        )));
        return Ok(None);
    };
    let detail = match parse_detail(&path, &bytes, FormatChoice::Auto) {
        Ok(detail) => detail,
        Err(error) => {
            problems.push(Problem::from_feed_error(&error, &path, &bytes));
            return Ok(None);
        }
    };
    check_size(&path, &bytes, format, problems);
    IdIndex::new(&path, &bytes, problems);
    if detail.incident.id != incident.id {
        problems.push(
            Problem::warning(
                &path,
                format!(
                    "this file is about incident {}, but {} links it for incident {}",
                    detail.incident.id, place.file, incident.id
                ),
            )
            .in_field(&bytes, "id"),
        );
    } else {
        let differing = differing_fields(incident, &detail.incident);
        if !differing.is_empty() {
            problems.push(Problem::warning(
                &path,
                format!(
                    "{} differ from the summary in {}; write both from the same data",
                    differing.join(", "),
                    place.file
                ),
            ));
        }
    }
    Ok(Some(detail))
}

/// Images that markdown or HTML in detail files show from the bucket must be there.
fn check_images(
    bucket: &Bucket,
    contents: &Contents,
    problems: &mut Vec<Problem>,
) -> Result<(), Failure> {
    let mut known: HashMap<String, bool> = HashMap::new();
    for (incident, detail) in &contents.incidents {
        let Some(detail) = detail else { continue };
        let texts =
            std::iter::once(&detail.description).chain(detail.updates.iter().map(|u| &u.body));
        for markup in texts.filter(|m| may_show_images(m)) {
            let Some(html) = markup.html(bucket.base()) else {
                continue;
            };
            for source in image_sources(&html) {
                let Some(path) = bucket.inside(&source) else {
                    continue;
                };
                let exists = match known.get(&path) {
                    Some(exists) => *exists,
                    None => {
                        let exists = bucket
                            .exists(&path)
                            .map_err(|e| Failure(format!("{path}: {e}")))?;
                        known.insert(path.clone(), exists);
                        exists
                    }
                };
                if !exists {
                    problems.push(missing_image(bucket, incident, &path)?);
                }
            }
        }
    }
    Ok(())
}

/// Rendering every text to find images is the slow part of a check: skip texts without any.
fn may_show_images(markup: &Markup) -> bool {
    match markup {
        Markup::Plain(_) => false,
        Markup::Markdown(source) => source.contains("!["),
        Markup::Html(html) => html.contains("<img") || html.contains("<IMG"),
    }
}

/// Points at the text that refers to the image, found by its path in the file.
fn missing_image(bucket: &Bucket, incident: &Incident, image: &str) -> Result<Problem, Failure> {
    let file = bucket.inside(&incident.detail_path).unwrap_or_default();
    let message = format!("image {image} is not in the bucket");
    let bytes = read(bucket, &file)?.unwrap_or_default();
    let found = bytes
        .windows(image.len())
        .position(|window| window == image.as_bytes());
    let mut problem = Problem::warning(&file, message);
    if let Some(offset) = found {
        let (field, (line, column)) = crate::feed::field_at(&bytes, offset);
        problem.field = Some(field);
        problem.line = Some(line);
        problem.column = Some(column);
    }
    Ok(problem)
}

fn read(bucket: &Bucket, path: &str) -> Result<Option<Vec<u8>>, Failure> {
    bucket
        .read(path)
        .map_err(|e| Failure(format!("{path}: {e}")))
}

fn check_size(file: &str, bytes: &[u8], format: Format, problems: &mut Vec<Problem>) {
    if format == Format::GitLab && bytes.len() > GITLAB_MAX_FILE_BYTES {
        problems.push(Problem::warning(
            file,
            format!(
                "{} bytes: GitLab's publisher does not upload files over {GITLAB_MAX_FILE_BYTES} \
                 bytes, so this one would not be published",
                bytes.len()
            ),
        ));
    }
    // Larger files are refused by the parser (an error); close to the limit is a warning.
    if bytes.len() > MAX_FILE_BYTES / 5 * 4 {
        problems.push(Problem::warning(
            file,
            format!(
                "{} bytes, close to the {MAX_FILE_BYTES}-byte limit over which the viewer \
                 refuses a file",
                bytes.len()
            ),
        ));
    }
}

fn differing_fields(listed: &Incident, detail: &Incident) -> Vec<&'static str> {
    let checks = [
        ("kind", listed.kind == detail.kind),
        ("title", listed.title == detail.title),
        ("status", listed.status == detail.status),
        ("impact", listed.impact == detail.impact),
        ("components", listed.components == detail.components),
        ("started_at", listed.started_at == detail.started_at),
        ("updated_at", listed.updated_at == detail.updated_at),
        ("resolved_at", listed.resolved_at == detail.resolved_at),
        (
            "latest_update",
            listed.latest_update == detail.latest_update,
        ),
    ];
    checks
        .into_iter()
        .filter(|(_, same)| !same)
        .map(|(name, _)| name)
        .collect()
}

/// Where an incident's entry is in the file that lists it.
struct IdPlace {
    file: String,
    field: Option<String>,
    bytes: Rc<[u8]>,
}

impl IdPlace {
    fn warning(&self, message: String) -> Problem {
        let problem = Problem::warning(&self.file, message);
        match &self.field {
            Some(field) => problem.in_field(&self.bytes, field),
            None => problem,
        }
    }
}

/// The objects with an `id` in each array of a JSON file, found without knowing its format
/// (incidents in a list, updates in a detail file): ids repeated in one array are reported,
/// since the viewer shows only the first.
struct IdIndex {
    file: String,
    bytes: Rc<[u8]>,
    /// Id to the field path of its first entry (placed in the file only when reported).
    first: HashMap<String, String>,
}

impl IdIndex {
    fn new(file: &str, bytes: &[u8], problems: &mut Vec<Problem>) -> IdIndex {
        let mut index = IdIndex {
            file: file.to_string(),
            bytes: Rc::from(bytes),
            first: HashMap::new(),
        };
        let Ok(value) = serde_json::from_slice::<Value>(bytes) else {
            return index;
        };
        let mut arrays = Vec::new();
        collect_id_arrays(&value, String::new(), &mut arrays);
        for (array_path, ids) in arrays {
            let mut seen = HashSet::new();
            for (i, id) in ids {
                let field = format!("{array_path}[{i}].id");
                if seen.insert(id.clone()) {
                    index.first.entry(id).or_insert(field);
                } else {
                    problems.push(
                        Problem::warning(
                            file,
                            format!(
                                "id {id} appears more than once; the viewer shows only the first"
                            ),
                        )
                        .in_field(bytes, &field),
                    );
                }
            }
        }
        index
    }

    fn place(&self, id: &str) -> IdPlace {
        IdPlace {
            file: self.file.clone(),
            field: self.first.get(id).cloned(),
            bytes: Rc::clone(&self.bytes),
        }
    }
}

/// Every array holding objects with an `id` (a string or number), with the ids by position.
type IdArray = (String, Vec<(usize, String)>);

fn collect_id_arrays(value: &Value, path: String, out: &mut Vec<IdArray>) {
    match value {
        Value::Object(members) => {
            for (key, member) in members {
                let child = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                collect_id_arrays(member, child, out);
            }
        }
        Value::Array(items) => {
            let ids: Vec<(usize, String)> = items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| match item.get("id")? {
                    Value::String(id) => Some((i, id.clone())),
                    Value::Number(id) => Some((i, id.to_string())),
                    _ => None,
                })
                .collect();
            if !ids.is_empty() {
                out.push((path.clone(), ids));
            }
            for (i, item) in items.iter().enumerate() {
                collect_id_arrays(item, format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}
