//! `sitrep snapshot`: the current overview, rendered by the app's own components, put into a
//! deployed site's `index.html`, so readers see the incidents before any script has run. The
//! live page replaces it when it is ready.

use std::fs;
use std::path::Path;

use crate::config::{Config, CONFIG_PATH};
use crate::content::url::page_relative_url;
use crate::i18n::{is_shipped, Catalogue, Messages};
use crate::time::Timestamp;
use crate::ui::snapshot::{render, Bucket, Snapshot};

use super::check::{read_list, Listed};
use super::output::Output;
use super::report::{Problem, Report, Severity};
use super::time_expr;
use super::{Failure, Outcome};

pub const INDEX_PATH: &str = "index.html";

/// The snapshot's own element; everything from it to the loading skeleton is the previous
/// snapshot, replaced on every run.
const SNAPSHOT_ID: &str = "snapshot";
/// index.html's boot container: the snapshot goes first inside it.
const BOOT_ID: &str = "boot";
/// The loading skeleton that follows the snapshot inside the boot container.
const LOADING_CLASS: &str = "boot-loading";

pub struct Options<'a> {
    /// The deployed site: index.html, config.json and i18n/ side by side.
    pub site: &'a Path,
    /// Where the incidents are; by default where the site's config.json points.
    pub bucket: Option<&'a str>,
    pub now: Option<&'a str>,
}

pub fn run(options: &Options) -> Outcome {
    let now = time_expr::now(options.now).map_err(Failure)?;
    let site = options.site;
    let config_bytes = read(site, CONFIG_PATH)?;
    let config = match Config::parse(&config_bytes) {
        Ok(config) => config,
        Err(error) => {
            return Ok(untouched(vec![Problem::from_feed_error(
                &error,
                CONFIG_PATH,
                &config_bytes,
            )]))
        }
    };
    let location = match options.bucket {
        Some(location) => location.to_string(),
        None => data_location(site, &config),
    };
    let mut problems = Vec::new();
    let listed = read_list(&location, &mut problems, &mut 0)?;
    let errors: Vec<Problem> = problems
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    let Some(Listed { list, .. }) = listed.filter(|_| errors.is_empty()) else {
        return Ok(untouched(errors));
    };
    let count = list.incidents.len();
    let index = String::from_utf8(read(site, INDEX_PATH)?)
        .map_err(|_| Failure(format!("{INDEX_PATH}: not UTF-8 text")))?;
    let language = config.language.clone().unwrap_or_else(|| "en".to_string());
    let bucket = Bucket {
        root: page_relative_url(&config.data_root()).unwrap_or_default(),
        format: config.format,
        list_url: location.clone(),
        list_file: location,
    };
    let page = render(Snapshot {
        config,
        bucket,
        list,
        messages: messages(site, &language)?,
        now,
    });
    let element = snapshot_element(&page, &language, now);
    let updated = place(&index, &element).map_err(|e| Failure(format!("{INDEX_PATH}: {e}")))?;
    let mut output = Output::default();
    output.add(INDEX_PATH.to_string(), updated.into_bytes());
    let written = output.write(site, None)?;
    Ok(Report {
        problems: Vec::new(),
        summary: format!(
            "{}: snapshot of {count} incidents as of {}; {}",
            site.join(INDEX_PATH).display(),
            now.to_rfc3339(),
            written.describe()
        ),
    })
}

fn untouched(problems: Vec<Problem>) -> Report {
    Report {
        problems,
        summary: format!("{INDEX_PATH} left as it was"),
    }
}

fn read(site: &Path, file: &str) -> Result<Vec<u8>, Failure> {
    let path = site.join(file);
    fs::read(&path).map_err(|e| Failure(format!("{}: {e}", path.display())))
}

/// Where config.json's list is, as the site's own files see it: an absolute URL as written,
/// a relative one below the site folder.
fn data_location(site: &Path, config: &Config) -> String {
    // Without a list_url, the data folder: each format's list is looked for in it.
    let location = match config.list_url {
        Some(_) => config.list_location(),
        None => config.data_root(),
    };
    if location.starts_with("http://") || location.starts_with("https://") {
        return location;
    }
    site.join(location.trim_start_matches("./"))
        .to_string_lossy()
        .into_owned()
}

/// The configured language's catalogue from the site (English when it is not shipped).
fn messages(site: &Path, language: &str) -> Result<Messages, Failure> {
    let english = Catalogue::english();
    if language == "en" || !is_shipped(language) {
        return Ok(Messages::new(english.clone(), english));
    }
    let file = format!("i18n/{language}.json");
    let bytes = read(site, &file)?;
    let catalogue = Catalogue::parse(&file, &bytes).map_err(|e| Failure(e.to_string()))?;
    Ok(Messages::new(catalogue, english))
}

/// The snapshot's element: the page's markup, in its language, with the time it shows.
fn snapshot_element(page: &str, language: &str, now: Timestamp) -> String {
    let direction = if language == "ar" { "rtl" } else { "ltr" };
    format!(
        "<div id=\"{SNAPSHOT_ID}\" lang=\"{language}\" dir=\"{direction}\" data-as-of=\"{}\">{page}</div>",
        now.start_of_minute().to_rfc3339()
    )
}

/// `index` with `element` as the first element in its boot container, in place of any earlier
/// snapshot. The markers are found as tags: feed text in the snapshot is escaped, so it cannot
/// imitate them, and a snapshot that did would be refused rather than misplaced.
pub fn place(index: &str, element: &str) -> Result<String, String> {
    let boot = tag_position(index, "id", BOOT_ID, 0).ok_or_else(|| {
        format!("no element with id=\"{BOOT_ID}\" (is this sitrep's index.html?)")
    })?;
    let loading = tag_position(index, "class", LOADING_CLASS, boot)
        .ok_or_else(|| format!("no element with class=\"{LOADING_CLASS}\" inside #{BOOT_ID}"))?;
    if tag_position(element, "class", LOADING_CLASS, 0).is_some()
        || tag_position(element, "id", BOOT_ID, 0).is_some()
    {
        return Err("the snapshot's markup imitates index.html's own; nothing was written".into());
    }
    // An earlier snapshot runs from its own tag up to the skeleton.
    let start = tag_position(&index[..loading], "id", SNAPSHOT_ID, boot).unwrap_or(loading);
    Ok(format!("{}{element}{}", &index[..start], &index[loading..]))
}

/// Where the first `<div` tag at or after `from` whose `attribute` is `value` starts (quoted
/// or, as minifiers write it, not).
fn tag_position(html: &str, attribute: &str, value: &str, from: usize) -> Option<usize> {
    let forms = [
        format!("{attribute}=\"{value}\""),
        format!("{attribute}='{value}'"),
        format!("{attribute}={value}"),
    ];
    let mut at = from;
    while let Some(found) = html[at..].find("<div") {
        let start = at + found;
        let end = start + html[start..].find('>')?;
        let tag = &html[start..end];
        let matches = forms.iter().any(|form| {
            tag.match_indices(form.as_str()).any(|(i, _)| {
                let before = tag[..i].chars().last();
                let after = tag[i + form.len()..].chars().next();
                before.is_some_and(char::is_whitespace)
                    && after.is_none_or(|c| c.is_whitespace() || c == '/')
            })
        });
        if matches {
            return Some(start);
        }
        at = end;
    }
    None
}
