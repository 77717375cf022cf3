use serde_json::error::Category;

use super::json_path::{line_column, offset_of, site_at, value_offset, JsonPath, Segment};

/// Why a feed file could not be used. Every variant names the file; schema problems name the
/// field as a path such as `incidents[3].status`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FeedError {
    #[error("{file} is not valid JSON: {detail}")]
    Syntax { file: String, detail: String },
    #[error(
        "{file} is an HTML page, not JSON: the server answered with a web page (often an error \
         page), so check that data_url points at the bucket root"
    )]
    HtmlInsteadOfJson { file: String },
    #[error("{file} ends too early (truncated?): {detail}")]
    Truncated { file: String, detail: String },
    #[error("{file} is {size} bytes, over the {limit}-byte limit for feed files")]
    TooLarge {
        file: String,
        size: usize,
        limit: usize,
    },
    #[error("{file}: field {field}: {detail}")]
    Field {
        file: String,
        field: String,
        detail: String,
    },
}

impl FeedError {
    pub fn field(file: &str, field: impl Into<String>, detail: impl Into<String>) -> FeedError {
        FeedError::Field {
            file: file.to_string(),
            field: field.into(),
            detail: detail.into(),
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
            // Found again by reading the file as plain JSON: the same reader, the same place.
            _ => serde_json::from_slice::<serde::de::IgnoredAny>(bytes)
                .err()
                // At the very start of a line (end of input) serde_json says column 0.
                .map(|e| (e.line(), e.column().max(1))),
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
        let found = found_value(bytes, &at);
        let file = file.to_string();
        match inner.classify() {
            Category::Eof => FeedError::Truncated {
                file,
                detail: inner.to_string(),
            },
            Category::Syntax | Category::Io if looks_like_html(bytes) => {
                FeedError::HtmlInsteadOfJson { file }
            }
            // serde_json reports a number or boolean where a text value belongs (an enum) as
            // a syntax error; in valid JSON it is a field with the wrong type.
            Category::Syntax if std::str::from_utf8(bytes).is_err() => FeedError::Syntax {
                file,
                detail: "the file is not valid UTF-8 text".to_string(),
            },
            // In valid JSON, serde_json's "syntax" errors concern one value: a number out of
            // range, or a non-string where text belongs (an enum).
            Category::Syntax if is_valid_json(bytes) => FeedError::Field {
                field: field_name(&path, ""),
                file,
                detail: if inner.to_string().starts_with("number out of range") {
                    "number out of range".to_string()
                } else {
                    format!(
                        "has the wrong type ({}): expected one of the documented text values",
                        found.unwrap_or_else(|| "not text".to_string())
                    )
                },
            },
            Category::Syntax | Category::Io => FeedError::Syntax {
                file,
                detail: inner.to_string(),
            },
            Category::Data => {
                let detail = strip_location(&inner.to_string());
                let field = field_name(&path, &detail);
                FeedError::Field {
                    file,
                    field,
                    detail,
                }
            }
        }
    }
}

/// The JSON value at `path`, shortened for a message.
fn found_value(bytes: &[u8], path: &JsonPath) -> Option<String> {
    let mut value: serde_json::Value = serde_json::from_slice(bytes).ok()?;
    for segment in &path.0 {
        value = match segment {
            Segment::Index(index) => value.get_mut(*index)?.take(),
            Segment::Key(key) => value.get_mut(key.as_str())?.take(),
        };
    }
    let text = value.to_string();
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
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(64)]);
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('<')
}

/// serde_json appends " at line L column C"; the field path says more for data errors.
fn strip_location(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// serde reports a missing field at its parent; name the missing field itself.
fn field_name(path: &str, detail: &str) -> String {
    let missing = detail
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next());
    match (path, missing) {
        (".", Some(name)) => name.to_string(),
        (".", None) => "(top level)".to_string(),
        (parent, Some(name)) => format!("{parent}.{name}"),
        (parent, None) => parent.to_string(),
    }
}
