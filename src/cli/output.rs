//! Writing generated files: only once all of them exist in memory, each through a temporary
//! file and a rename (never half-written), and only when its bytes changed (so an unchanged
//! file keeps its modification time and a sync uploads nothing).

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use sha2::{Digest, Sha256};

use super::Failure;

/// Generated files by path below the output directory. Written in path order, which puts a
/// bucket's detail files (`data/incident/`) before its list (`data/list.json`): a reader who
/// sees a new incident in the list can open it at once.
#[derive(Default)]
pub struct Output {
    pub files: BTreeMap<String, Vec<u8>>,
}

/// What writing did.
#[derive(Debug, Default)]
pub struct Written {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
    /// Files a previous run wrote that are no longer generated but were edited since, so
    /// they were left in place.
    pub kept: Vec<String>,
}

impl Written {
    pub fn describe(&self) -> String {
        let mut text = format!("{} written, {} unchanged", self.written, self.unchanged);
        if self.removed > 0 {
            text.push_str(&format!(", {} removed", self.removed));
        }
        text
    }
}

impl Output {
    pub fn add(&mut self, path: String, bytes: Vec<u8>) {
        self.files.insert(path, bytes);
    }

    /// Writes every file below `dir`. With a `manifest` name, also records what was written
    /// in that file, and removes the files the previous run's manifest lists that this run
    /// no longer generates, unless they were changed since (those are kept and reported).
    pub fn write(mut self, dir: &Path, manifest: Option<&str>) -> Result<Written, Failure> {
        let mut written = Written::default();
        let previous = match manifest {
            Some(name) => read_manifest(&dir.join(name))?,
            None => BTreeMap::new(),
        };
        if let Some(name) = manifest {
            let listing: String = self
                .files
                .iter()
                .map(|(path, bytes)| format!("{}  {path}\n", hex_digest(bytes)))
                .collect();
            self.files.insert(name.to_string(), listing.into_bytes());
        }
        for (path, bytes) in &self.files {
            if write_if_changed(&dir.join(path), bytes)? {
                written.written += 1;
            } else {
                written.unchanged += 1;
            }
        }
        for (path, digest) in previous {
            if self.files.contains_key(&path) {
                continue;
            }
            let target = dir.join(&path);
            match fs::read(&target) {
                Ok(bytes) if hex_digest(&bytes) == digest => {
                    fs::remove_file(&target).map_err(|e| io_failure(&target, e))?;
                    remove_empty_parents(dir, &target);
                    written.removed += 1;
                }
                Ok(_) => written.kept.push(path),
                Err(_) => {}
            }
        }
        Ok(written)
    }
}

/// Hex SHA-256 of `bytes`.
pub fn hex_digest(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `<digest>  <path>` lines (sha256sum's format) of a previous run; none if it never ran.
/// Only plain relative paths are taken, so a tampered manifest cannot point outside.
fn read_manifest(file: &Path) -> Result<BTreeMap<String, String>, Failure> {
    let text = match fs::read_to_string(file) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(e) => return Err(io_failure(file, e)),
    };
    Ok(text
        .lines()
        .filter_map(|line| line.split_once("  "))
        .filter(|(_, path)| {
            Path::new(path)
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)))
        })
        .map(|(digest, path)| (path.to_string(), digest.to_string()))
        .collect())
}

/// Whether it wrote: a file whose bytes are already `bytes` is left alone.
fn write_if_changed(target: &Path, bytes: &[u8]) -> Result<bool, Failure> {
    if fs::read(target).is_ok_and(|existing| existing == bytes) {
        return Ok(false);
    }
    let parent = target.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(|e| io_failure(parent, e))?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = parent.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = fs::write(&temporary, bytes).and_then(|()| fs::rename(&temporary, target));
    if let Err(e) = result {
        let _ = fs::remove_file(&temporary);
        return Err(io_failure(target, e));
    }
    Ok(true)
}

/// Folders emptied by a removal go too, up to (not including) the output directory.
fn remove_empty_parents(root: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(current) = dir.filter(|d| *d != root && d.starts_with(root)) {
        if fs::remove_dir(current).is_err() {
            break;
        }
        dir = current.parent();
    }
}

fn io_failure(path: &Path, error: std::io::Error) -> Failure {
    Failure(format!("{}: {error}", path.display()))
}
