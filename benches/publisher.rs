//! The `sitrep` command on 10,000 incidents, run as the real binary: `build` from markdown
//! sources into an empty bucket (goal < 2 s), `check` of that bucket (< 1 s) and `feed` from
//! it (< 1 s). The inputs are generated here.

// criterion does not build for wasm32; there this target is an empty program.
#![cfg_attr(target_arch = "wasm32", no_main)]

#[cfg(not(target_arch = "wasm32"))]
include!("publisher/benches.rs");
