//! The bridge to the browser-side sanitiser (js/sanitize.js, around DOMPurify).

use wasm_bindgen::prelude::*;

use crate::content::url::resolve_url;
use crate::feed::model::Markup;

#[wasm_bindgen(module = "/js/sanitize.js")]
extern "C" {
    fn sanitize_html(html: &str, resolve: &js_sys::Function, inline: bool) -> Option<String>;
    fn html_to_text(html: &str) -> String;
}

/// Feed text as plain text (for announcements, notifications and the tab title).
pub fn plain_text(markup: &Markup) -> String {
    match markup {
        Markup::Plain(text) => text.clone(),
        Markup::Html(html) => html_to_text(html),
    }
}

/// Sanitised HTML with every URL passed through the URL policy against `base`, or `None` when
/// the sanitiser is unavailable (callers then show the text as plain text).
pub fn sanitize(html: &str, base: &str, inline: bool) -> Option<String> {
    let base = base.to_string();
    let resolve = Closure::<dyn Fn(String) -> Option<String>>::new(move |raw: String| {
        resolve_url(&base, &raw)
    });
    sanitize_html(html, resolve.as_ref().unchecked_ref(), inline)
}
