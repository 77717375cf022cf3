//! Incident sources (docs/authoring.md): one markdown file per incident, front matter in TOML
//! (`+++`) or YAML (`---`), the description, then one `## <time> — <status>` section per
//! update, oldest first. Site settings are in `sitrep.toml`.

use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag};
use serde::Deserialize;

use crate::time::Timestamp;

use super::report::Problem;
use super::time_expr;

pub const SETTINGS_FILE: &str = "sitrep.toml";

/// The list holds at most this many incidents by default; older closed ones are archived.
pub const DEFAULT_LIST_LIMIT: usize = 50;

/// `sitrep.toml`.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    #[serde(default)]
    pub components: Vec<Component>,
    /// Once there are more incidents than this, the oldest closed ones go to yearly archives.
    pub list_limit: Option<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Component {
    pub id: String,
    pub name: String,
    pub group: Option<String>,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Default, Debug)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    #[default]
    Incident,
    Maintenance,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Investigating,
    Identified,
    Monitoring,
    Resolved,
    Scheduled,
    InProgress,
    Completed,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Investigating,
        Status::Identified,
        Status::Monitoring,
        Status::Resolved,
        Status::Scheduled,
        Status::InProgress,
        Status::Completed,
    ];

    /// The name in sources and in the native format.
    pub fn name(self) -> &'static str {
        match self {
            Status::Investigating => "investigating",
            Status::Identified => "identified",
            Status::Monitoring => "monitoring",
            Status::Resolved => "resolved",
            Status::Scheduled => "scheduled",
            Status::InProgress => "in_progress",
            Status::Completed => "completed",
        }
    }

    pub fn kind(self) -> Kind {
        match self {
            Status::Scheduled | Status::InProgress | Status::Completed => Kind::Maintenance,
            _ => Kind::Incident,
        }
    }

    pub fn is_closed(self) -> bool {
        matches!(self, Status::Resolved | Status::Completed)
    }
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    None,
    Minor,
    Major,
    Critical,
}

/// Front matter, with the feed format's field names. Times are text: RFC 3339 or relative.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    id: Option<String>,
    title: String,
    #[serde(default)]
    kind: Kind,
    status: Option<Status>,
    impact: Option<Impact>,
    #[serde(default)]
    components: Vec<String>,
    started_at: Option<String>,
    updated_at: Option<String>,
    resolved_at: Option<String>,
    scheduled_start: Option<String>,
    scheduled_end: Option<String>,
    latest_update: Option<String>,
}

/// One incident as its source file has it, times resolved.
#[derive(Debug)]
pub struct Source {
    /// As shown in messages.
    pub file: String,
    pub dir: PathBuf,
    pub id: String,
    /// Where the id is set: its front matter line, or 1 when it is the file name.
    pub id_line: usize,
    pub title: String,
    pub kind: Kind,
    pub status: Option<Status>,
    pub status_line: usize,
    pub impact: Option<Impact>,
    pub components: Vec<(String, usize)>,
    pub started_at: Option<Timestamp>,
    pub updated_at: Option<Timestamp>,
    pub resolved_at: Option<Timestamp>,
    pub scheduled: Option<(Timestamp, Timestamp)>,
    pub latest_update: Option<String>,
    pub description: Text,
    /// Oldest first, as in the file.
    pub updates: Vec<SourceUpdate>,
}

/// Markdown and the line it starts on in its file.
#[derive(Debug)]
pub struct Text {
    pub markdown: String,
    pub line: usize,
}

#[derive(Debug)]
pub struct SourceUpdate {
    pub id: String,
    pub status: Status,
    pub at: Timestamp,
    pub body: Text,
    pub line: usize,
}

/// Reads `sitrep.toml` in the incidents directory; none means no components and defaults.
pub fn read_settings(dir: &Path) -> Result<Settings, Problem> {
    let path = dir.join(SETTINGS_FILE);
    let shown = path.display().to_string();
    match std::fs::read_to_string(&path) {
        Ok(text) => toml::from_str(&text).map_err(|e| {
            let line = unknown_field_line(&text, e.message())
                .or_else(|| e.span().map(|span| line_of(&text, span.start)))
                .map_or(1, |line| line + 1);
            Problem::error(shown, e.message().trim_end().to_string()).at_line(line)
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Settings::default()),
        Err(e) => Err(Problem::error(shown, e.to_string())),
    }
}

/// Parses one incident file. `file` is how messages name it.
pub fn parse_source(
    file: &str,
    path: &Path,
    text: &str,
    now: Timestamp,
) -> Result<Source, Problem> {
    let fail = |line: usize, message: String| Problem::error(file, message).at_line(line);
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or_default();
    let opening = first.trim_end();
    let is_toml = match opening {
        "+++" => true,
        "---" => false,
        _ => {
            return Err(fail(
                1,
                "expected front matter: the file starts with +++ (TOML) or --- (YAML)".to_string(),
            ))
        }
    };
    let front_start = first.len();
    let mut offset = front_start;
    let mut front_end = None;
    for line in lines {
        if line.trim_end() == opening {
            front_end = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((front_end, body_start)) = front_end else {
        return Err(fail(
            1,
            format!("the front matter is not closed by a {opening} line"),
        ));
    };
    let front = &text[front_start..front_end];
    // The front matter starts on the file's line 2.
    let front_line = |offset: usize| 2 + line_of(front, offset);
    let matter: FrontMatter = if is_toml {
        toml::from_str(front).map_err(|e| {
            let line = match unknown_field_line(front, e.message()) {
                Some(line) => line + 2,
                None => e.span().map_or(1, |span| front_line(span.start)),
            };
            fail(line, format!("front matter: {}", e.message().trim_end()))
        })?
    } else {
        serde_norway::from_str(front).map_err(|e| {
            let line = e.location().map_or(1, |l| l.line() + 1);
            // serde_norway appends " at line L column C"; the message has the line already.
            let message = e.to_string();
            let message = message
                .split(" at line ")
                .next()
                .unwrap_or_default()
                .to_string();
            fail(line, format!("front matter: {message}"))
        })?
    };
    let key_line = |key: &str| front_key_line(front, key).map_or(1, |l| l + 2);
    let time = |key: &str, value: &Option<String>| -> Result<Option<Timestamp>, Problem> {
        value
            .as_deref()
            .map(|v| {
                time_expr::parse(v, now).map_err(|e| fail(key_line(key), format!("{key}: {e}")))
            })
            .transpose()
    };
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (id, id_line) = match &matter.id {
        Some(id) => (id.clone(), key_line("id")),
        None => (stem, 1),
    };
    if !crate::feed::is_valid_id(&id) {
        return Err(fail(
            id_line,
            format!(
                "{id:?} is not a valid id (1 to 128 characters of A-Z, a-z, 0-9, '.', '_', '-'); \
                 rename the file or set id in the front matter"
            ),
        ));
    }
    let scheduled = match (
        time("scheduled_start", &matter.scheduled_start)?,
        time("scheduled_end", &matter.scheduled_end)?,
    ) {
        (Some(start), Some(end)) if end < start => {
            return Err(fail(
                key_line("scheduled_end"),
                "scheduled_end is before scheduled_start".to_string(),
            ))
        }
        (Some(start), Some(end)) => Some((start, end)),
        (None, None) if matter.kind == Kind::Incident => None,
        (start, _) => {
            let missing = if start.is_none() {
                "scheduled_start"
            } else {
                "scheduled_end"
            };
            return Err(fail(
                key_line("kind"),
                format!("{missing} is missing: maintenance needs scheduled_start and scheduled_end (and incidents have neither)"),
            ));
        }
    };
    let body_line = 1 + line_of(text, body_start);
    let (description, updates) = split_updates(file, &text[body_start..], body_line, now)?;
    let components = matter
        .components
        .into_iter()
        .map(|c| (c, key_line("components")))
        .collect();
    Ok(Source {
        file: file.to_string(),
        dir: path.parent().map(Path::to_path_buf).unwrap_or_default(),
        id,
        id_line,
        title: matter.title,
        kind: matter.kind,
        status: matter.status,
        status_line: key_line("status"),
        impact: matter.impact,
        components,
        started_at: time("started_at", &matter.started_at)?,
        updated_at: time("updated_at", &matter.updated_at)?,
        resolved_at: time("resolved_at", &matter.resolved_at)?,
        scheduled,
        latest_update: matter.latest_update,
        description,
        updates,
    })
}

/// The description (before the first level-2 heading) and the updates (one per level-2
/// heading). Headings are found by the markdown parser, so a `##` in a code block is text.
fn split_updates(
    file: &str,
    body: &str,
    first_line: usize,
    now: Timestamp,
) -> Result<(Text, Vec<SourceUpdate>), Problem> {
    let headings: Vec<std::ops::Range<usize>> = Parser::new(body)
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                ..
            }) => Some(range),
            _ => None,
        })
        .collect();
    let line_at = |offset: usize| first_line + line_of(body, offset);
    let text_between = |start: usize, end: usize| Text {
        markdown: body[start..end].trim().to_string(),
        line: line_at(start + (body[start..end].len() - body[start..end].trim_start().len())),
    };
    let description = text_between(0, headings.first().map_or(body.len(), |h| h.start));
    let mut updates: Vec<SourceUpdate> = Vec::with_capacity(headings.len());
    for (i, heading) in headings.iter().enumerate() {
        let line = line_at(heading.start);
        let fail = |message: String| Problem::error(file, message).at_line(line);
        let title = body[heading.clone()].lines().next().unwrap_or_default();
        let title = title.trim_start_matches('#').trim();
        let (at, status, id) = parse_heading(title).map_err(fail)?;
        let at = time_expr::parse(at, now).map_err(fail)?;
        let id = id.map_or_else(|| format!("u{}", i + 1), str::to_string);
        if !crate::feed::is_valid_id(&id) {
            return Err(fail(format!("{id:?} is not a valid update id")));
        }
        if let Some(previous) = updates.last() {
            if at < previous.at {
                return Err(fail(format!(
                    "this update ({at}) is older than the one before it ({}, line {}): updates go oldest first",
                    previous.at, previous.line
                )));
            }
        }
        if let Some(same) = updates.iter().find(|u| u.id == id) {
            return Err(fail(format!(
                "update id {id} is used twice (also line {})",
                same.line
            )));
        }
        let end = headings.get(i + 1).map_or(body.len(), |h| h.start);
        updates.push(SourceUpdate {
            id,
            status,
            at,
            body: text_between(heading.end, end),
            line,
        });
    }
    Ok((description, updates))
}

/// `<time> — <status> {#id}` (the dash may be `—`, `–` or `-`; the id is optional).
fn parse_heading(title: &str) -> Result<(&str, Status, Option<&str>), String> {
    let expected = "an update heading is `## <time> — <status>`, e.g. `## 2026-11-23T07:46:00Z — investigating` or `## now-2h — identified {#u2}`";
    let mut words: Vec<&str> = title.split_whitespace().collect();
    let id = match words.last() {
        Some(last) if last.starts_with("{#") && last.ends_with('}') => {
            words.pop().map(|w| &w[2..w.len() - 1])
        }
        _ => None,
    };
    let (at, status) = match words.as_slice() {
        [at, "—" | "–" | "-", status] | [at, status]
            if at.starts_with("now") || at.starts_with(|c: char| c.is_ascii_digit()) =>
        {
            (*at, *status)
        }
        _ => return Err(expected.to_string()),
    };
    let status = Status::ALL
        .into_iter()
        .find(|s| s.name() == status)
        .ok_or_else(|| {
            format!(
                "unknown status {status:?}: one of {}",
                Status::ALL.map(Status::name).join(", ")
            )
        })?;
    Ok((at, status, id))
}

/// 0-based line of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
}

/// serde names an unknown key but may place the error at its table: find the key's line.
fn unknown_field_line(text: &str, message: &str) -> Option<usize> {
    let name = message.strip_prefix("unknown field `")?.split('`').next()?;
    front_key_line(text, name)
}

/// 0-based line of a top-level key in front matter, for messages about its value. TOML and
/// YAML both start such a line with the key, then `=` or `:`.
fn front_key_line(front: &str, key: &str) -> Option<usize> {
    front.lines().position(|line| {
        line.strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(['=', ':']))
    })
}
