//! Each mandated crate used once, so the optimiser keeps what a real page needs of it: a
//! list read with serde_json from the URL's hash, and markdown rendered into it.

use leptos::prelude::*;
use pulldown_cmark::{html, Options, Parser};

#[derive(Clone, serde::Deserialize)]
struct Entry {
    title: String,
    body: String,
}

fn markdown(text: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    let mut out = String::new();
    html::push_html(&mut out, Parser::new_ext(text, options));
    out
}

fn main() {
    let hash = window().location().hash().unwrap_or_default();
    let entries: Vec<Entry> =
        serde_json::from_str(hash.trim_start_matches('#')).unwrap_or_default();
    leptos::mount::mount_to_body(move || {
        let entries = entries.clone();
        view! {
            <main>
                <h1>"Status"</h1>
                <ul>
                    {entries.iter().map(|entry| view! {
                        <li><b>{entry.title.clone()}</b><div inner_html=markdown(&entry.body)></div></li>
                    }).collect_view()}
                </ul>
            </main>
        }
    })
}
