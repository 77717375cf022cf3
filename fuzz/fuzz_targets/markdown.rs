//! Markdown rendering and the URL policy: the HTML must not be able to run script, and no
//! URL the policy lets through may have another scheme than http, https or mailto.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep::content::markdown::render_markdown;
use sitrep::content::url::resolve_url;
use sitrep_fuzz::markup_check::{check_rendered_html, check_url_scheme};
use sitrep_fuzz::BASE;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let html = render_markdown(text, BASE);
    if let Err(problem) = check_rendered_html(&html) {
        panic!("unsafe HTML from markdown {text:?}: {problem}\n{html}");
    }
    // The whole input, and each line, as a URL (as in a link, an image or a config value).
    for raw in std::iter::once(text).chain(text.lines().take(8)) {
        for base in [BASE, "http://127.0.0.1:8080/status/index.html?x=1#y"] {
            if let Some(url) = resolve_url(base, raw) {
                if let Err(problem) = check_url_scheme(&url) {
                    panic!("resolve_url({base:?}, {raw:?}) = {url:?}: {problem}");
                }
            }
        }
    }
});
