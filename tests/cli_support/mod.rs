//! Runs the real `sitrep` binary and compares what it writes. Golden files are regenerated
//! with `SITREP_BLESS=1 cargo test --test cli_feed`.
#![allow(dead_code)] // Each test file uses its own part of this module.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const DEMO_NOW: &str = "2026-11-23T09:00:00Z";

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn sitrep<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Run {
    let Output {
        status,
        stdout,
        stderr,
    } = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .output()
        .expect("the sitrep binary runs");
    Run {
        code: status.code().expect("exited, not killed"),
        stdout: String::from_utf8(stdout).unwrap(),
        stderr: String::from_utf8(stderr).unwrap(),
    }
}

pub fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// A new, empty directory for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn write(path: &Path, text: impl AsRef<[u8]>) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Every file below `dir` by relative path (with `/`), skipping `skip` folders.
pub fn files(dir: &Path, skip: &[&str]) -> BTreeMap<String, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            let rel = path
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if skip.contains(&rel.as_str()) {
                continue;
            }
            if path.is_dir() {
                pending.push(path);
            } else {
                found.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    found
}

pub fn mtimes(dir: &Path) -> BTreeMap<String, std::time::SystemTime> {
    files(dir, &[])
        .into_keys()
        .map(|rel| {
            let time = std::fs::metadata(dir.join(&rel))
                .unwrap()
                .modified()
                .unwrap();
            (rel, time)
        })
        .collect()
}

/// Compares `actual` with the files in `expected`, or (with `SITREP_BLESS=1`) replaces them.
pub fn golden(expected: &Path, actual: &BTreeMap<String, Vec<u8>>) {
    if std::env::var_os("SITREP_BLESS").is_some() {
        let _ = std::fs::remove_dir_all(expected);
        for (rel, bytes) in actual {
            write(&expected.join(rel), bytes);
        }
        return;
    }
    let wanted = files(expected, &[]);
    assert_eq!(
        wanted.keys().collect::<Vec<_>>(),
        actual.keys().collect::<Vec<_>>(),
        "files differ from {} (SITREP_BLESS=1 regenerates it)",
        expected.display()
    );
    for (rel, bytes) in actual {
        assert!(
            wanted[rel] == *bytes,
            "{rel} differs from {} (SITREP_BLESS=1 regenerates it):\n{}",
            expected.display(),
            String::from_utf8_lossy(bytes)
        );
    }
}
