//! Problems found in files, and how they are reported: text for people, JSON for CI.

use std::io::{self, Write};

use serde::Serialize;

use crate::feed::FeedError;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The viewer would refuse it, or the command cannot produce correct output.
    Error,
    /// Tolerated by the viewer, but an author should fix it.
    Warning,
}

/// One problem, placed as precisely as the file allows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub severity: Severity,
    /// Relative to the bucket root (check, feed) or as given on the command line (build).
    pub file: String,
    /// The JSON field path, e.g. `incidents[3].status`, when the problem is in one field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    pub message: String,
}

impl Problem {
    pub fn error(file: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Error,
            file: file.into(),
            field: None,
            line: None,
            column: None,
            message: message.into(),
        }
    }

    pub fn warning(file: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(file, message)
        }
    }

    pub fn at_line(mut self, line: usize) -> Problem {
        self.line = Some(line);
        self
    }

    /// Places the problem at a field of a JSON file, finding its line and column in `bytes`.
    pub fn in_field(mut self, bytes: &[u8], field: &str) -> Problem {
        if let Some((line, column)) = crate::feed::field_position(bytes, field) {
            self.line = Some(line);
            self.column = Some(column);
        }
        self.field = Some(field.to_string());
        self
    }

    /// A file the viewer's parsers refused; `bytes` is that file.
    pub fn from_feed_error(error: &FeedError, file: &str, bytes: &[u8]) -> Problem {
        let (field, message) = match error {
            FeedError::Field { field, detail, .. } => (Some(field.clone()), detail.to_string()),
            // The other messages start with the file name, which the report shows already.
            other => {
                let text = other.to_string();
                let message = text
                    .strip_prefix(file)
                    .map(|rest| rest.trim_start_matches(':').trim_start())
                    .unwrap_or(&text)
                    .to_string();
                (None, message)
            }
        };
        let position = error.position(bytes);
        Problem {
            severity: Severity::Error,
            file: file.to_string(),
            field,
            line: position.map(|(line, _)| line),
            column: position.map(|(_, column)| column),
            message,
        }
    }
}

impl std::fmt::Display for Problem {
    /// `file:line:column: message`, with `warning: ` before the message of a warning and the
    /// field path after it.
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        f.write_str(": ")?;
        if self.severity == Severity::Warning {
            f.write_str("warning: ")?;
        }
        if let Some(field) = &self.field {
            write!(f, "field {field}: ")?;
        }
        f.write_str(&self.message)
    }
}

/// What a command found and a one-line account of what it did.
#[derive(Debug, Default)]
pub struct Report {
    pub problems: Vec<Problem>,
    pub summary: String,
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error)
    }

    fn count(&self, severity: Severity) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == severity)
            .count()
    }

    pub fn write_text(&self, out: &mut impl Write) -> io::Result<()> {
        for problem in &self.problems {
            writeln!(out, "{problem}")?;
        }
        let (errors, warnings) = (self.count(Severity::Error), self.count(Severity::Warning));
        if errors + warnings > 0 {
            writeln!(
                out,
                "{}: {errors} {}, {warnings} {}",
                self.summary,
                plural(errors, "error", "errors"),
                plural(warnings, "warning", "warnings"),
            )
        } else if self.summary.is_empty() {
            Ok(())
        } else {
            writeln!(out, "{}", self.summary)
        }
    }

    pub fn write_json(&self, out: &mut impl Write) -> io::Result<()> {
        #[derive(Serialize)]
        struct Json<'a> {
            summary: &'a str,
            errors: usize,
            warnings: usize,
            problems: &'a [Problem],
        }
        let json = Json {
            summary: &self.summary,
            errors: self.count(Severity::Error),
            warnings: self.count(Severity::Warning),
            problems: &self.problems,
        };
        serde_json::to_writer_pretty(&mut *out, &json)?;
        writeln!(out)
    }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}
