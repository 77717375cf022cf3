//! Reading a bucket that is a local directory or lives at an http(s) URL.

use std::io::Read;
use std::path::PathBuf;
use std::time::Duration;

use crate::content::url::resolve_url;
use crate::feed::{LIST_PATH, MAX_FILE_BYTES, STATUSPAGE_SUMMARY_PATH};

use super::Failure;

/// Stands for a local bucket's root where a URL is needed to resolve relative references.
const LOCAL_BASE: &str = "https://bucket.invalid/";

#[derive(Clone)]
pub enum Bucket {
    Dir(PathBuf),
    Url { root: String, agent: ureq::Agent },
}

/// Where a list may be: its bucket and its path below the bucket's root.
pub struct Candidate {
    pub bucket: Bucket,
    pub list: String,
}

/// The places `location` may name, in the order to try them. `location` is a bucket (a
/// directory, or an http(s) URL of its root) with a sitrep or GitLab list or a Statuspage
/// summary, or a list file itself (a file, or an endpoint such as a Crashbot `/list`).
pub fn candidates(location: &str) -> Result<Vec<Candidate>, Failure> {
    let in_bucket = |bucket: &Bucket| {
        [LIST_PATH, STATUSPAGE_SUMMARY_PATH].map(|list| Candidate {
            bucket: bucket.clone(),
            list: list.to_string(),
        })
    };
    if location.starts_with("http://") || location.starts_with("https://") {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(30)))
            .http_status_as_error(false)
            .build()
            .into();
        let root = format!("{}/", location.trim_end_matches('/'));
        let mut found: Vec<Candidate> = in_bucket(&Bucket::Url {
            root,
            agent: agent.clone(),
        })
        .into();
        // Not a bucket root: perhaps the list's own URL.
        if let Some((parent, name)) = location.rsplit_once('/').filter(|(_, n)| !n.is_empty()) {
            found.push(Candidate {
                bucket: Bucket::Url {
                    root: format!("{parent}/"),
                    agent,
                },
                list: name.to_string(),
            });
        }
        return Ok(found);
    }
    let path = PathBuf::from(location);
    if path.is_dir() {
        return Ok(in_bucket(&Bucket::Dir(path)).into());
    }
    match (path.is_file(), path.file_name()) {
        (true, Some(name)) => {
            let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
            Ok(vec![Candidate {
                bucket: Bucket::Dir(parent.map_or_else(|| PathBuf::from("."), PathBuf::from)),
                list: name.to_string_lossy().into_owned(),
            }])
        }
        _ => Err(Failure(format!(
            "{location} is neither a directory nor a file"
        ))),
    }
}

impl Bucket {
    /// The URL relative references in the bucket resolve against.
    pub fn base(&self) -> &str {
        match self {
            Bucket::Dir(_) => LOCAL_BASE,
            Bucket::Url { root, .. } => root,
        }
    }

    /// Where a reference found in the bucket (a detail path, an image URL) points inside it,
    /// as a path below the root, resolved as the viewer resolves it. `None` for anything
    /// outside the bucket or not allowed by the URL policy.
    pub fn inside(&self, reference: &str) -> Option<String> {
        let url = resolve_url(self.base(), reference)?;
        let path = url.strip_prefix(self.base())?;
        let path = &path[..path.find(['?', '#']).unwrap_or(path.len())];
        (!path.is_empty()).then(|| path.to_string())
    }

    /// A file's bytes, `None` when it does not exist (for a URL: 404, 403 or 410, which is how
    /// buckets answer for a missing or unpublished file). Reads at most one byte more than
    /// the viewer's size limit, so the parser can refuse an oversized file.
    pub fn read(&self, path: &str) -> Result<Option<Vec<u8>>, String> {
        match self {
            Bucket::Dir(dir) => match local_path(path).map(|p| std::fs::read(dir.join(p))) {
                None => Ok(None),
                Some(read) => match read {
                    Ok(bytes) => Ok(Some(bytes)),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                    Err(e) => Err(e.to_string()),
                },
            },
            Bucket::Url { root, agent } => {
                let mut response = agent
                    .get(format!("{root}{path}"))
                    .call()
                    .map_err(|e| e.to_string())?;
                match response.status().as_u16() {
                    200..=299 => {
                        let mut bytes = Vec::new();
                        response
                            .body_mut()
                            .as_reader()
                            .take(MAX_FILE_BYTES as u64 + 1)
                            .read_to_end(&mut bytes)
                            .map_err(|e| e.to_string())?;
                        Ok(Some(bytes))
                    }
                    403 | 404 | 410 => Ok(None),
                    status => Err(format!("HTTP status {status}")),
                }
            }
        }
    }

    /// Whether a file (an image) exists, without reading it.
    pub fn exists(&self, path: &str) -> Result<bool, String> {
        match self {
            Bucket::Dir(dir) => Ok(local_path(path).is_some_and(|p| dir.join(p).is_file())),
            Bucket::Url { root, agent } => {
                let response = agent
                    .head(format!("{root}{path}"))
                    .call()
                    .map_err(|e| e.to_string())?;
                match response.status().as_u16() {
                    200..=299 => Ok(true),
                    403 | 404 | 410 => Ok(false),
                    status => Err(format!("HTTP status {status}")),
                }
            }
        }
    }
}

/// A path below the root as a relative file path: percent-escapes decoded (a URL path names
/// `a b.png` as `a%20b.png`). `None` if it would leave the root (an escaped `..`).
fn local_path(path: &str) -> Option<PathBuf> {
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escape = (bytes[i] == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escape {
            Some(byte) => {
                decoded.push(byte);
                i += 3;
            }
            None => {
                decoded.push(bytes[i]);
                i += 1;
            }
        }
    }
    let path = PathBuf::from(String::from_utf8_lossy(&decoded).into_owned());
    path.components()
        .all(|c| matches!(c, std::path::Component::Normal(_)))
        .then_some(path)
}
