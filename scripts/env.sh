# Sourced by the other scripts: tool locations, npm's wasm-opt ahead of any system one.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Release build of the site into dist/, with the installed tools only (never a download).
build_release() {
  trunk build --release --offline
}
