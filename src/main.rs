// The app only runs in the browser; natively this crate is a library with tests.
fn main() {
    #[cfg(target_arch = "wasm32")]
    sitrep::ui::mount();
}
