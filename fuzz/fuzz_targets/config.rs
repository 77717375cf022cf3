//! `config.json`, and the URLs the page derives from it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep::config::{Config, MIN_POLL_SECONDS};
use sitrep::content::url::resolve_url;
use sitrep_fuzz::markup_check::check_url_scheme;

const PAGE: &str = "https://status.example.com/status/";

fuzz_target!(|data: &[u8]| {
    let Ok(config) = Config::parse(data) else {
        return;
    };
    assert!(config.poll_interval_seconds >= MIN_POLL_SECONDS);
    assert!(!config.data_url.trim().is_empty());
    let root = config.data_root();
    assert!(root.ends_with('/'), "data_root {root:?}");
    let urls = [
        Some(root),
        config.logo_url.clone(),
        config.contact_url.clone(),
        config.feed_url.clone(),
    ];
    for url in urls.into_iter().flatten() {
        if let Some(resolved) = resolve_url(PAGE, &url) {
            if let Err(problem) = check_url_scheme(&resolved) {
                panic!("config URL {url:?} resolved to {resolved:?}: {problem}");
            }
        }
    }
});
