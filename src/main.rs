// One binary: the status page app in the browser (wasm32), the publisher on the command line.
// Talc rather than the default dlmalloc: smaller wasm, faster allocation (see Cargo.toml).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(target_arch = "wasm32")]
fn main() {
    sitrep::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    sitrep::cli::main()
}
