//! Reading a bucket that is a local directory or lives at an http(s) URL.

use std::io::Read;
use std::path::PathBuf;
use std::time::Duration;

use crate::content::url::resolve_url;
use crate::feed::MAX_FILE_BYTES;

use super::Failure;

/// Stands for a local bucket's root where a URL is needed to resolve relative references.
const LOCAL_BASE: &str = "https://bucket.invalid/";

pub enum Bucket {
    Dir(PathBuf),
    Url { root: String, agent: ureq::Agent },
}

impl Bucket {
    /// `location` is an http(s) URL or a directory, which must exist.
    pub fn open(location: &str) -> Result<Bucket, Failure> {
        if location.starts_with("http://") || location.starts_with("https://") {
            let root = if location.ends_with('/') {
                location.to_string()
            } else {
                format!("{location}/")
            };
            let agent = ureq::Agent::config_builder()
                .timeout_global(Some(Duration::from_secs(30)))
                .http_status_as_error(false)
                .build()
                .into();
            return Ok(Bucket::Url { root, agent });
        }
        let dir = PathBuf::from(location);
        if !dir.is_dir() {
            return Err(Failure(format!("{location} is not a directory")));
        }
        Ok(Bucket::Dir(dir))
    }

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
