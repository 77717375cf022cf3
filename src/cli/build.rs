//! `sitrep build`: incident sources become a native bucket. Everything is read, checked and
//! generated in memory first, then parsed back with the viewer's own parsers; files are
//! written only when all of that succeeded.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::feed::{self, FormatChoice, LIST_PATH};
use crate::time::{Timestamp, Zone};

use super::author::{self, Impact, Kind, Settings, Source, Text, DEFAULT_LIST_LIMIT};
use super::output::{hex_digest, Output};
use super::progress::Progress;
use super::report::{Problem, Report};
use super::{time_expr, Failure, Outcome};

/// Lists the files the previous build wrote, so files it no longer generates can be removed.
pub const MANIFEST: &str = ".sitrep-build";

pub fn run(incidents: &Path, bucket: &Path, now: Option<&str>) -> Outcome {
    let now = time_expr::now(now).map_err(Failure)?;
    let (output, problems, count) = generate(incidents, now)?;
    if !problems.is_empty() {
        return Ok(Report {
            problems,
            summary: format!("{}: nothing written", incidents.display()),
        });
    }
    let written = output.write(bucket, Some(MANIFEST))?;
    let problems = written
        .kept
        .iter()
        .map(|path| {
            Problem::warning(
                bucket.join(path).display().to_string(),
                "no longer generated, but changed since sitrep wrote it: left in place",
            )
        })
        .collect();
    Ok(Report {
        problems,
        summary: format!(
            "{}: {count} incidents; {}",
            bucket.display(),
            written.describe()
        ),
    })
}

/// Reads every source and generates the bucket's files: the problems found (then the output
/// must not be written) and the number of incidents.
pub fn generate(
    incidents: &Path,
    now: Timestamp,
) -> Result<(Output, Vec<Problem>, usize), Failure> {
    let mut problems = Vec::new();
    let settings = author::read_settings(incidents).unwrap_or_else(|problem| {
        problems.push(problem);
        Settings::default()
    });
    let mut paths: Vec<PathBuf> = std::fs::read_dir(incidents)
        .map_err(|e| Failure(format!("{}: {e}", incidents.display())))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "md") && path.is_file())
        .collect();
    paths.sort();

    let progress = Progress::new(paths.len(), "reading incidents");
    let mut sources = Vec::with_capacity(paths.len());
    for path in &paths {
        progress.tick();
        let file = path.display().to_string();
        let parsed = std::fs::read_to_string(path)
            .map_err(|e| Problem::error(&file, e.to_string()))
            .and_then(|text| author::parse_source(&file, path, &text, now));
        match parsed {
            Ok(source) => sources.push(source),
            Err(problem) => problems.push(problem),
        }
    }
    progress.finish();

    let mut first_file: HashMap<&str, &Source> = HashMap::new();
    for source in &sources {
        if let Some(first) = first_file.insert(&source.id, source) {
            problems.push(
                Problem::error(
                    &source.file,
                    format!("id {} is also used by {}", source.id, first.file),
                )
                .at_line(source.id_line),
            );
        }
    }
    let known: HashSet<&str> = settings.components.iter().map(|c| c.id.as_str()).collect();
    let mut images = Images::default();
    let mut built = Vec::with_capacity(sources.len());
    for source in &sources {
        match assemble(source, &known, &mut images) {
            Ok(incident) => built.push(incident),
            Err(problem) => problems.push(problem),
        }
    }
    if !problems.is_empty() {
        return Ok((Output::default(), problems, sources.len()));
    }
    let output = bucket_files(&settings, built, images);
    problems.extend(parse_back(&output));
    Ok((output, problems, sources.len()))
}

/// The viewer must read every generated file; anything it refuses is a bug worth stopping for.
fn parse_back(output: &Output) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (path, bytes) in &output.files {
        let parsed = if path == LIST_PATH {
            feed::parse_list(path, bytes, FormatChoice::Sitrep).map(drop)
        } else if path.starts_with("data/archive/") {
            feed::parse_archive(path, bytes).map(drop)
        } else if path.starts_with("data/incident/") {
            feed::parse_detail(path, bytes, FormatChoice::Sitrep).map(drop)
        } else {
            Ok(())
        };
        if let Err(error) = parsed {
            problems.push(Problem::from_feed_error(&error, path, bytes));
        }
    }
    problems
}

#[derive(Serialize)]
struct Summary {
    id: String,
    kind: &'static str,
    title: String,
    status: &'static str,
    impact: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    components: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    started_at: Option<String>,
    updated_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    resolved_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scheduled_start: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scheduled_end: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    latest_update: Option<String>,
}

#[derive(Serialize)]
struct Detail<'a> {
    sitrep: u32,
    #[serde(flatten)]
    summary: &'a Summary,
    description: &'a str,
    updates: &'a [Update],
}

#[derive(Serialize)]
struct Update {
    id: String,
    status: &'static str,
    at: String,
    body: String,
}

#[derive(Serialize)]
struct List<'a> {
    sitrep: u32,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    components: Vec<ComponentOut<'a>>,
    incidents: Vec<&'a Summary>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    archive: Vec<ArchiveEntry>,
}

#[derive(Serialize)]
struct ComponentOut<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<&'a str>,
}

#[derive(Serialize)]
struct ArchiveEntry {
    url: String,
    title: String,
    count: usize,
}

#[derive(Serialize)]
struct Archive<'a> {
    sitrep: u32,
    incidents: Vec<&'a Summary>,
}

struct Built {
    summary: Summary,
    description: String,
    updates: Vec<Update>,
    closed: bool,
    /// For ordering: when it started, or its window starts.
    start: Timestamp,
}

/// Checks one source against the format's rules and fills in what it leaves to defaults.
fn assemble(source: &Source, known: &HashSet<&str>, images: &mut Images) -> Result<Built, Problem> {
    let fail = |line: usize, message: String| Problem::error(&source.file, message).at_line(line);
    if source.title.trim().is_empty() {
        return Err(fail(1, "the title is empty".to_string()));
    }
    let kind_words = |kind: Kind| match kind {
        Kind::Incident => "an incident: investigating, identified, monitoring or resolved",
        Kind::Maintenance => "maintenance: scheduled, in_progress or completed",
    };
    for update in &source.updates {
        if update.status.kind() != source.kind {
            return Err(fail(
                update.line,
                format!(
                    "status {} does not fit {}",
                    update.status.name(),
                    kind_words(source.kind)
                ),
            ));
        }
    }
    let newest = source.updates.last();
    let status = source.status.or(newest.map(|u| u.status)).ok_or_else(|| {
        fail(
            1,
            "no status: set status in the front matter or add an update".to_string(),
        )
    })?;
    if status.kind() != source.kind {
        return Err(fail(
            source.status_line,
            format!(
                "status {} does not fit {}",
                status.name(),
                kind_words(source.kind)
            ),
        ));
    }
    for (component, line) in &source.components {
        if component.is_empty() || (!known.is_empty() && !known.contains(component.as_str())) {
            return Err(fail(
                *line,
                format!(
                    "unknown component {component:?}; {} lists: {}",
                    author::SETTINGS_FILE,
                    known
                        .iter()
                        .copied()
                        .collect::<std::collections::BTreeSet<_>>()
                        .into_iter()
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
    }
    let started_at = source.started_at.or(match source.kind {
        Kind::Incident => source.updates.first().map(|u| u.at),
        Kind::Maintenance => None,
    });
    let start = match (started_at, source.scheduled) {
        (Some(at), _) => at,
        (None, Some((scheduled_start, _))) => scheduled_start,
        (None, None) => {
            return Err(fail(
                1,
                "started_at is missing: set it or add an update".to_string(),
            ))
        }
    };
    let updated_at = source.updated_at.or(newest.map(|u| u.at)).unwrap_or(start);
    let resolved_at = source.resolved_at.or_else(|| {
        status
            .is_closed()
            .then(|| newest.map_or(updated_at, |u| u.at))
    });
    let latest_update = source
        .latest_update
        .clone()
        .or_else(|| newest.map(|u| first_paragraph_text(&u.body.markdown)));
    let summary = Summary {
        id: source.id.clone(),
        kind: match source.kind {
            Kind::Incident => "incident",
            Kind::Maintenance => "maintenance",
        },
        title: source.title.clone(),
        status: status.name(),
        impact: impact_name(source.impact.unwrap_or(match source.kind {
            Kind::Incident => Impact::Minor,
            Kind::Maintenance => Impact::None,
        })),
        components: source.components.iter().map(|(c, _)| c.clone()).collect(),
        started_at: started_at.map(rfc3339),
        updated_at: rfc3339(updated_at),
        resolved_at: resolved_at.map(rfc3339),
        scheduled_start: source.scheduled.map(|(start, _)| rfc3339(start)),
        scheduled_end: source.scheduled.map(|(_, end)| rfc3339(end)),
        latest_update: latest_update.filter(|text| !text.is_empty()),
    };
    let description = images.rewrite(source, &source.description)?;
    let mut updates = Vec::with_capacity(source.updates.len());
    for update in &source.updates {
        updates.push(Update {
            id: update.id.clone(),
            status: update.status.name(),
            at: rfc3339(update.at),
            body: images.rewrite(source, &update.body)?,
        });
    }
    Ok(Built {
        summary,
        description,
        updates,
        closed: status.is_closed(),
        start,
    })
}

/// RFC 3339 in UTC, with milliseconds only when there are any.
fn rfc3339(at: Timestamp) -> String {
    let text = at.to_rfc3339();
    match at.millis().rem_euclid(1000) {
        0 => text,
        ms => format!("{}.{ms:03}Z", text.trim_end_matches('Z')),
    }
}

fn impact_name(impact: Impact) -> &'static str {
    match impact {
        Impact::None => "none",
        Impact::Minor => "minor",
        Impact::Major => "major",
        Impact::Critical => "critical",
    }
}

/// One line of plain text: the first paragraph of an update, for `latest_update`.
fn first_paragraph_text(markdown: &str) -> String {
    let mut text = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph) => break,
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The list, detail, archive and image files, with the list bounded as documented: open
/// incidents always, then the newest closed ones up to the limit; the rest go to one archive
/// file per year of their start.
fn bucket_files(settings: &Settings, mut built: Vec<Built>, images: Images) -> Output {
    let mut output = Output::default();
    crate::sort::sort_stable_by(&mut built, |a, b| {
        b.start
            .cmp(&a.start)
            .then_with(|| a.summary.id.cmp(&b.summary.id))
    });
    for incident in &built {
        let detail = Detail {
            sitrep: feed::NATIVE_FORMAT_VERSION,
            summary: &incident.summary,
            description: &incident.description,
            updates: &incident.updates,
        };
        output.add(
            feed::default_detail_path(&incident.summary.id),
            to_json(&detail),
        );
    }
    let limit = settings.list_limit.unwrap_or(DEFAULT_LIST_LIMIT);
    let mut listed = Vec::new();
    let mut by_year: BTreeMap<i64, Vec<&Summary>> = BTreeMap::new();
    let room = limit.saturating_sub(built.iter().filter(|b| !b.closed).count());
    let mut closed_listed = 0;
    for incident in &built {
        if built.len() <= limit || !incident.closed {
            listed.push(&incident.summary);
        } else if closed_listed < room {
            closed_listed += 1;
            listed.push(&incident.summary);
        } else {
            let year = incident.start.in_zone(Zone::UTC).date.year;
            by_year.entry(year).or_default().push(&incident.summary);
        }
    }
    let mut archive = Vec::new();
    for (year, incidents) in by_year.into_iter().rev() {
        let url = format!("data/archive/{year}.json");
        archive.push(ArchiveEntry {
            url: url.clone(),
            title: year.to_string(),
            count: incidents.len(),
        });
        let file = Archive {
            sitrep: feed::NATIVE_FORMAT_VERSION,
            incidents,
        };
        output.add(url, to_json(&file));
    }
    let list = List {
        sitrep: feed::NATIVE_FORMAT_VERSION,
        components: settings
            .components
            .iter()
            .map(|c| ComponentOut {
                id: &c.id,
                name: &c.name,
                group: c.group.as_deref(),
            })
            .collect(),
        incidents: listed,
        archive,
    };
    output.add(LIST_PATH.to_string(), to_json(&list));
    output.files.extend(images.files);
    output
}

/// Pretty JSON with a final newline: readable diffs when a bucket is kept in git.
fn to_json(value: &impl Serialize) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// Images beside the sources, copied under content-hashed names: a changed image gets a new
/// name, so caches never show a stale one, and an unchanged one is never rewritten.
#[derive(Default)]
struct Images {
    files: BTreeMap<String, Vec<u8>>,
    by_source: HashMap<PathBuf, String>,
}

impl Images {
    /// The markdown with each local image path replaced by its path in the bucket.
    fn rewrite(&mut self, source: &Source, text: &Text) -> Result<String, Problem> {
        let markdown = &text.markdown;
        if !markdown.contains("![") {
            return Ok(markdown.clone());
        }
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_FOOTNOTES;
        let mut edits = Vec::new();
        for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
            let Event::Start(Tag::Image { dest_url, .. }) = event else {
                continue;
            };
            if !is_local(&dest_url) {
                continue;
            }
            let line = text.line + markdown[..range.start].matches('\n').count();
            let fail = |message: String| Problem::error(&source.file, message).at_line(line);
            let path = source.dir.join(dest_url.as_ref());
            let bucket_path = match self.by_source.get(&path) {
                Some(known) => known.clone(),
                None => {
                    let bytes = std::fs::read(&path).map_err(|e| {
                        fail(format!(
                            "image {dest_url} not found ({}: {e})",
                            path.display()
                        ))
                    })?;
                    let bucket_path = hashed_name(&path, &bytes);
                    self.files.insert(bucket_path.clone(), bytes);
                    self.by_source.insert(path, bucket_path.clone());
                    bucket_path
                }
            };
            let Some(at) = markdown[range.clone()].rfind(dest_url.as_ref()) else {
                return Err(fail(format!(
                    "write image {dest_url} as ![alt]({dest_url}) so its path can be rewritten"
                )));
            };
            let start = range.start + at;
            edits.push((start..start + dest_url.len(), bucket_path));
        }
        let mut rewritten = markdown.clone();
        for (range, replacement) in edits.into_iter().rev() {
            rewritten.replace_range(range, &replacement);
        }
        Ok(rewritten)
    }
}

/// A path relative to the source file: no scheme, not absolute, not a fragment.
fn is_local(url: &str) -> bool {
    !url.is_empty()
        && !url.starts_with(['/', '#', '\\'])
        && url
            .split(['/', '?', '#'])
            .next()
            .is_some_and(|first| !first.contains(':'))
}

/// `data/images/<name>-<first 16 hex digits of its SHA-256>.<extension>`.
fn hashed_name(path: &Path, bytes: &[u8]) -> String {
    let stem: String = path
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let digest = &hex_digest(bytes)[..16];
    match path.extension() {
        Some(ext) => format!(
            "data/images/{stem}-{digest}.{}",
            ext.to_string_lossy().to_ascii_lowercase()
        ),
        None => format!("data/images/{stem}-{digest}"),
    }
}
