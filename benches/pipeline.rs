//! Micro-benchmarks of the pure pipeline that runs in the browser on every load and poll:
//! the four parsers, normalisation into the list page's view model, and markdown rendering.
//!
//! Inputs are generated here, deterministically, in the shapes the browser benchmarks use
//! (benches/browser/data.mjs). Throughput is declared in bytes of input, so `scripts/bench.sh` can
//! report time per KB. Run with `cargo bench --bench pipeline`.

// criterion does not build for wasm32; there this target is an empty program.
#![cfg_attr(target_arch = "wasm32", no_main)]

#[cfg(not(target_arch = "wasm32"))]
include!("pipeline/benches.rs");
