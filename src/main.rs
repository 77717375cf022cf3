// One binary: the status page app in the browser (wasm32), the publisher on the command line.
#[cfg(target_arch = "wasm32")]
fn main() {
    sitrep::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    sitrep::cli::main()
}
