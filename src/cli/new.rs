//! `sitrep new`: starts an incident file with the documented fields, ready to edit.

use std::io::Write;
use std::path::Path;

use crate::time::Zone;

use super::report::{Problem, Report};
use super::{time_expr, Failure, Outcome};

pub fn run(title: &str, dir: &Path, now: Option<&str>) -> Outcome {
    let now = time_expr::now(now).map_err(Failure)?;
    let at = now.start_of_minute().to_rfc3339();
    let id = format!("{}-{}", now.in_zone(Zone::UTC).date.iso(), slug(title));
    let path = dir.join(format!("{id}.md"));
    let shown = path.display().to_string();
    // A JSON string is also a TOML basic string: quotes, backslashes and controls escaped.
    let quoted = serde_json::to_string(title).map_err(Failure::from)?;
    let text = format!(
        "+++\n\
         title = {quoted}\n\
         impact = \"minor\"          # none, minor, major or critical\n\
         components = []             # component ids from sitrep.toml\n\
         started_at = \"{at}\"\n\
         +++\n\
         \n\
         What is affected, and what readers should do meanwhile.\n\
         \n\
         ## {at} — investigating\n\
         \n\
         We are investigating reports of problems. Next update within 30 minutes.\n"
    );
    std::fs::create_dir_all(dir).map_err(|e| Failure(format!("{}: {e}", dir.display())))?;
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Ok(Report {
                problems: vec![Problem::error(shown, "already exists; not overwritten")],
                summary: String::new(),
            })
        }
        Err(e) => return Err(Failure(format!("{shown}: {e}"))),
    };
    file.write_all(text.as_bytes())
        .map_err(|e| Failure(format!("{shown}: {e}")))?;
    println!("{shown}");
    Ok(Report {
        problems: Vec::new(),
        summary: format!("wrote {shown}"),
    })
}

/// Lower-case ASCII letters and digits joined by single hyphens, at most 60 characters.
fn slug(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            if slug.len() >= 60 {
                break;
            }
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "incident".to_string()
    } else {
        slug.to_string()
    }
}
