//! The bridge to the browser-side sanitiser (js/sanitize.js, around DOMPurify).

use wasm_bindgen::prelude::*;

#[cfg(target_arch = "wasm32")]
use crate::content::url::resolve_url;

use crate::feed::model::{Inline, Markup};

#[wasm_bindgen(module = "/js/sanitize.js")]
extern "C" {
    fn sanitize_into(
        element: &web_sys::Element,
        html: &str,
        resolve: &js_sys::Function,
        inline: bool,
    );
    fn html_to_text(html: &str) -> String;
}

/// A title's words (for announcements and notifications).
pub fn title_text(title: &Markup) -> String {
    match title.inline() {
        Inline::Text(text) => text.to_string(),
        Inline::Html(html) => html_to_text(html),
    }
}

/// Feed HTML to show in an element: how [`sanitized`] fills it.
#[cfg(target_arch = "wasm32")]
#[derive(Clone)]
pub struct FeedHtml {
    pub html: String,
    /// The bucket root, which relative URLs resolve against.
    pub base: String,
    /// Titles: inline formatting only.
    pub inline: bool,
}

/// A directive (`use:sanitized`): fills the element with sanitised HTML, every URL passed
/// through the URL policy. Without the sanitiser the element gets the markup as plain text.
#[cfg(target_arch = "wasm32")]
pub fn sanitized(element: web_sys::Element, content: FeedHtml) {
    let FeedHtml { html, base, inline } = content;
    let resolve = Closure::<dyn Fn(String) -> Option<String>>::new(move |raw: String| {
        resolve_url(&base, &raw)
    });
    sanitize_into(&element, &html, resolve.as_ref().unchecked_ref(), inline);
}
