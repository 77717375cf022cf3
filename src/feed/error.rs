use std::fmt;

use serde_json::error::Category;

use super::json_path::{line_column, offset_of, site_at, value_offset, value_span, JsonPath};
use crate::i18n::Sentence;
use crate::time::Timestamp;

/// Why a feed file could not be used. Every variant names the file; schema problems name the
/// field as a path such as `incidents[3].status`. Worded through the message catalogue
/// ([`FeedError::sentence`]), so the page can say it in the reader's language; `Display` is
/// the English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedError {
    Syntax {
        file: String,
        line: usize,
        column: usize,
    },
    /// A complete JSON value followed by more text.
    TrailingData {
        file: String,
        line: usize,
        column: usize,
    },
    NotUtf8 {
        file: String,
    },
    HtmlInsteadOfJson {
        file: String,
    },
    Truncated {
        file: String,
        line: usize,
        column: usize,
    },
    TooLarge {
        file: String,
        size: usize,
        limit: usize,
    },
    Field {
        file: String,
        field: String,
        detail: Detail,
    },
}

/// What is wrong with one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detail {
    Missing {
        name: String,
    },
    /// serde's wording of the types (`integer \`5\``, `a string`) is kept: like field paths, it
    /// is what an author searches the file for.
    WrongType {
        found: String,
        expected: String,
    },
    WrongValue {
        found: String,
        expected: String,
    },
    UnknownValue {
        found: String,
        expected: String,
    },
    UnknownField {
        found: String,
        expected: String,
    },
    DuplicateField {
        name: String,
    },
    OutOfRange,
    /// A number or boolean where one of the documented words belongs.
    NotText {
        found: String,
    },
    NotAnObject,
    Timestamp {
        value: String,
        reason: String,
    },
    Version {
        found: u32,
        supported: u32,
    },
    InvalidId {
        id: String,
    },
    StatusDoesNotFitKind {
        maintenance: bool,
    },
    /// Names the format's two window fields.
    MaintenanceNeedsWindow {
        start: &'static str,
        end: &'static str,
    },
    EndsBeforeStart,
    /// A Crashbot row in `open` whose status is not `open`, or the other way round.
    RowInWrongArray {
        array: &'static str,
    },
    ClosedNeedsTime,
    /// A detail file asked of a format whose list carries every detail.
    NoDetailFiles,
    /// The file has the shape of none of the formats.
    UnknownFormat,
    AtLeast {
        min: u32,
    },
    Between {
        min: u32,
        max: u32,
    },
    Empty,
    PluralNeedsOther,
    /// A problem without a message of its own, shown as written.
    Other(String),
}

impl From<String> for Detail {
    fn from(text: String) -> Detail {
        Detail::Other(text)
    }
}

impl From<&str> for Detail {
    fn from(text: &str) -> Detail {
        Detail::Other(text.to_string())
    }
}

impl Detail {
    pub fn sentence(&self) -> Sentence {
        let pair = |key, found: &str, expected: &str| {
            Sentence::new(key)
                .with("found", found)
                .with("expected", expected)
        };
        match self {
            Detail::Missing { name } => Sentence::new("error.detail.missing").with("name", name),
            Detail::WrongType { found, expected } => {
                pair("error.detail.wrong-type", found, expected)
            }
            Detail::WrongValue { found, expected } => {
                pair("error.detail.wrong-value", found, expected)
            }
            Detail::UnknownValue { found, expected } => {
                pair("error.detail.unknown-value", found, expected)
            }
            Detail::UnknownField { found, expected } => {
                pair("error.detail.unknown-field", found, expected)
            }
            Detail::DuplicateField { name } => {
                Sentence::new("error.detail.duplicate-field").with("name", name)
            }
            Detail::OutOfRange => Sentence::new("error.detail.out-of-range"),
            Detail::NotText { found } => {
                Sentence::new("error.detail.not-text").with("found", found)
            }
            Detail::NotAnObject => Sentence::new("error.detail.not-an-object"),
            Detail::Timestamp { value, reason } => Sentence::new("error.detail.timestamp")
                .with("value", format!("{value:?}"))
                .with("reason", reason),
            Detail::Version { found, supported } => Sentence::new("error.detail.version")
                .with("found", found.to_string())
                .with("supported", supported.to_string()),
            Detail::InvalidId { id } => Sentence::new("error.detail.invalid-id").with(
                "id",
                format!("{:?}", id.chars().take(40).collect::<String>()),
            ),
            Detail::StatusDoesNotFitKind { maintenance: true } => {
                Sentence::new("error.detail.status-maintenance")
            }
            Detail::StatusDoesNotFitKind { maintenance: false } => {
                Sentence::new("error.detail.status-incident")
            }
            Detail::MaintenanceNeedsWindow { start, end } => {
                Sentence::new("error.detail.maintenance-window")
                    .with("start", *start)
                    .with("end", *end)
            }
            Detail::RowInWrongArray { array } => {
                Sentence::new("error.detail.row-in-wrong-array").with("array", *array)
            }
            Detail::ClosedNeedsTime => Sentence::new("error.detail.closed-needs-time"),
            Detail::NoDetailFiles => Sentence::new("error.detail.no-detail-files"),
            Detail::UnknownFormat => Sentence::new("error.detail.unknown-format"),
            Detail::EndsBeforeStart => Sentence::new("error.detail.ends-before-start"),
            Detail::AtLeast { min } => {
                Sentence::new("error.detail.at-least").with("min", min.to_string())
            }
            Detail::Between { min, max } => Sentence::new("error.detail.between")
                .with("min", min.to_string())
                .with("max", max.to_string()),
            Detail::Empty => Sentence::new("error.detail.empty"),
            Detail::PluralNeedsOther => Sentence::new("error.detail.plural-other"),
            Detail::Other(text) => Sentence::new("error.detail.other").with("text", text),
        }
    }

    /// Reads serde's English message back into a detail the catalogue can word.
    fn from_serde_message(message: &str) -> Detail {
        let quoted = |text: &str| -> Option<String> {
            text.strip_prefix('`')
                .and_then(|rest| rest.split('`').next())
                .map(str::to_string)
        };
        let found_expected = |rest: &str| -> Option<(String, String)> {
            let (found, expected) = split_at_last(rest, ", expected ")?;
            Some((found.to_string(), expected.to_string()))
        };
        if let Some(name) = message.strip_prefix("missing field ").and_then(quoted) {
            return Detail::Missing { name };
        }
        if let Some(name) = message.strip_prefix("duplicate field ").and_then(quoted) {
            return Detail::DuplicateField { name };
        }
        if let Some((found, expected)) = message
            .strip_prefix("invalid type: ")
            .and_then(found_expected)
        {
            return Detail::WrongType { found, expected };
        }
        if let Some((found, expected)) = message
            .strip_prefix("invalid value: ")
            .and_then(found_expected)
        {
            return Detail::WrongValue { found, expected };
        }
        for (prefix, unknown_field) in [("unknown variant ", false), ("unknown field ", true)] {
            let Some(rest) = message.strip_prefix(prefix) else {
                continue;
            };
            let Some(found) = quoted(rest) else { break };
            let expected = rest[found.len() + 2..]
                .strip_prefix(", ")
                .map_or("", |rest| rest.strip_prefix("expected ").unwrap_or(rest))
                .to_string();
            return if unknown_field {
                Detail::UnknownField { found, expected }
            } else {
                Detail::UnknownValue { found, expected }
            };
        }
        Detail::Other(message.to_string())
    }
}

impl fmt::Display for Detail {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.sentence().english())
    }
}

impl FeedError {
    pub fn field(file: &str, field: impl Into<String>, detail: impl Into<Detail>) -> FeedError {
        FeedError::Field {
            file: file.to_string(),
            field: field.into(),
            detail: detail.into(),
        }
    }

    /// The message, to be worded in any language; file names and field paths stay as written.
    pub fn sentence(&self) -> Sentence {
        let at = |key, file: &str, line: &usize, column: &usize| {
            Sentence::new(key)
                .with("file", file)
                .with("line", line.to_string())
                .with("column", column.to_string())
        };
        match self {
            FeedError::Syntax { file, line, column } => at("error.feed.syntax", file, line, column),
            FeedError::TrailingData { file, line, column } => {
                at("error.feed.trailing", file, line, column)
            }
            FeedError::Truncated { file, line, column } => {
                at("error.feed.truncated", file, line, column)
            }
            FeedError::NotUtf8 { file } => Sentence::new("error.feed.not-utf8").with("file", file),
            FeedError::HtmlInsteadOfJson { file } => {
                Sentence::new("error.feed.html").with("file", file)
            }
            FeedError::TooLarge { file, size, limit } => Sentence::new("error.feed.too-large")
                .with("file", file)
                .with("size", size.to_string())
                .with("limit", limit.to_string()),
            FeedError::Field {
                file,
                field,
                detail,
            } => Sentence::new("error.feed.field")
                .with("file", file)
                .with("field", field)
                .with_sentence("detail", detail.sentence()),
        }
    }

    /// Where in `bytes` (the file the error is about) the problem is, as 1-based line and
    /// column: the field's value, or for a missing field the object that lacks it. For tools
    /// that point at the problem; the app shows the field path instead.
    pub fn position(&self, bytes: &[u8]) -> Option<(usize, usize)> {
        match self {
            FeedError::Field { field, .. } => {
                let mut path = field.as_str();
                loop {
                    if let Some(offset) = value_offset(bytes, path) {
                        return Some(line_column(bytes, offset));
                    }
                    // A missing field is placed at the object that lacks it.
                    path = match path.rfind(['.', '[']) {
                        Some(end) => &path[..end],
                        None if path != "." => ".",
                        None => return None,
                    };
                }
            }
            FeedError::TooLarge { .. } => None,
            // At the very start of a line (end of input) serde_json says column 0.
            FeedError::Syntax { line, column, .. }
            | FeedError::TrailingData { line, column, .. }
            | FeedError::Truncated { line, column, .. } => Some((*line, (*column).max(1))),
            // Found again by reading the file as plain JSON: the same reader, the same place.
            FeedError::NotUtf8 { .. } | FeedError::HtmlInsteadOfJson { .. } => {
                serde_json::from_slice::<serde::de::IgnoredAny>(bytes)
                    .err()
                    .map(|e| (e.line(), e.column().max(1)))
            }
        }
    }

    /// Classifies a serde error, turning its path into a readable field name.
    pub(crate) fn from_serde(file: &str, bytes: &[u8], inner: serde_json::Error) -> FeedError {
        let message = inner.to_string();
        let site = site_at(bytes, offset_of(bytes, inner.line(), inner.column()));
        // A missing field is reported at its object; any other error at the value it is about.
        let at = match (site.last_member, site.next_element) {
            (Some(member), _) if !message.starts_with("missing field") => member,
            (_, Some((first, element))) if is_invalid_type_of(&message, first) => element,
            _ => site.value,
        };
        let path = at.to_string();
        let file = file.to_string();
        let (line, column) = (inner.line(), inner.column());
        match inner.classify() {
            Category::Eof => FeedError::Truncated { file, line, column },
            Category::Syntax | Category::Io if looks_like_html(bytes) => {
                FeedError::HtmlInsteadOfJson { file }
            }
            Category::Syntax if std::str::from_utf8(bytes).is_err() => FeedError::NotUtf8 { file },
            // In valid JSON, serde_json's "syntax" errors concern one value: a number out of
            // range, or a non-string where text belongs (an enum).
            Category::Syntax if is_valid_json(bytes) => FeedError::Field {
                field: field_name(&path, None),
                file,
                detail: if message.starts_with("number out of range") {
                    Detail::OutOfRange
                } else {
                    Detail::NotText {
                        found: found_value(bytes, &at).unwrap_or_else(|| "?".to_string()),
                    }
                },
            },
            Category::Syntax | Category::Io => FeedError::Syntax { file, line, column },
            Category::Data => {
                let mut detail = Detail::from_serde_message(strip_location(&message));
                // The timestamp parser's own error, read back from the value it refused.
                if message.starts_with("invalid timestamp ") {
                    if let Some(Err(error)) = found_text(bytes, &at).map(|v| Timestamp::parse(&v)) {
                        detail = Detail::Timestamp {
                            value: error.value,
                            reason: error.reason.to_string(),
                        };
                    }
                }
                let field = field_name(&path, Some(&detail));
                FeedError::Field {
                    file,
                    field,
                    detail,
                }
            }
        }
    }

    /// The error for text after a complete JSON value.
    pub(crate) fn trailing(file: &str, inner: &serde_json::Error) -> FeedError {
        FeedError::TrailingData {
            file: file.to_string(),
            line: inner.line(),
            column: inner.column(),
        }
    }
}

impl fmt::Display for FeedError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.sentence().english())
    }
}

impl std::error::Error for FeedError {}

/// The JSON string at `path`, if it is one.
fn found_text(bytes: &[u8], path: &JsonPath) -> Option<String> {
    serde_json::from_slice(value_text(bytes, path)?).ok()
}

/// The JSON text of the value at `path`.
fn value_text<'a>(bytes: &'a [u8], path: &JsonPath) -> Option<&'a [u8]> {
    bytes.get(value_span(bytes, &path.0)?)
}

/// The JSON value at `path` as written, on one line and shortened for a message (none if it
/// is not UTF-8).
fn found_value(bytes: &[u8], path: &JsonPath) -> Option<String> {
    let text = std::str::from_utf8(value_text(bytes, path)?).ok()?;
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(if text.chars().count() > 40 {
        format!("{}…", text.chars().take(40).collect::<String>())
    } else {
        text
    })
}

/// Whether `message` is serde's "invalid type: …" for a value that starts with `first`.
fn is_invalid_type_of(message: &str, first: u8) -> bool {
    let Some(found) = message.strip_prefix("invalid type: ") else {
        return false;
    };
    match first {
        b'[' => found.starts_with("sequence"),
        b'{' => found.starts_with("map"),
        b'"' => found.starts_with("string"),
        b't' | b'f' => found.starts_with("boolean"),
        b'n' => found.starts_with("null"),
        b'-' | b'0'..=b'9' => found.starts_with("integer") || found.starts_with("floating point"),
        _ => false,
    }
}

fn is_valid_json(bytes: &[u8]) -> bool {
    serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_ok()
}

fn looks_like_html(bytes: &[u8]) -> bool {
    const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";
    bytes
        .strip_prefix(BYTE_ORDER_MARK)
        .unwrap_or(bytes)
        .trim_ascii_start()
        .starts_with(b"<")
}

/// serde_json appends " at line L column C"; the field path says more for data errors.
fn strip_location(message: &str) -> &str {
    split_at_last(message, " at line ").map_or(message, |(message, _)| message)
}

/// `text` around the last `marker`. Found from the marker's first character: the standard
/// library's substring search is 2.5 KB of wasm, in the first download.
fn split_at_last<'a>(text: &'a str, marker: &str) -> Option<(&'a str, &'a str)> {
    let first = marker.chars().next()?;
    text.rmatch_indices(first)
        .find(|(at, _)| text[*at..].starts_with(marker))
        .map(|(at, _)| (&text[..at], &text[at + marker.len()..]))
}

/// serde reports a missing field at its parent; name the missing field itself.
fn field_name(path: &str, detail: Option<&Detail>) -> String {
    let missing = match detail {
        Some(Detail::Missing { name }) => Some(name.as_str()),
        _ => None,
    };
    match (path, missing) {
        (".", Some(name)) => name.to_string(),
        (".", None) => "(top level)".to_string(),
        (parent, Some(name)) => format!("{parent}.{name}"),
        (parent, None) => parent.to_string(),
    }
}
