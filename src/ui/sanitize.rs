//! The bridge to the browser-side sanitiser (js/sanitize.js, around DOMPurify). DOMPurify is
//! fetched the first time feed HTML is shown, or with the incident page (its markdown).

use std::future::Future;

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

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
    fn load_sanitizer() -> js_sys::Promise;
    fn sanitizer_ready() -> bool;
}

/// Starts fetching the sanitiser (once; a failed fetch is tried again on the next call); the
/// future says whether it is in.
pub fn sanitizer_loaded() -> impl Future<Output = bool> {
    let loading = JsFuture::from(load_sanitizer());
    async move { loading.await.is_ok() }
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
/// through the URL policy. Until the sanitiser is in, the element shows the markup's text.
#[cfg(target_arch = "wasm32")]
pub fn sanitized(element: web_sys::Element, content: FeedHtml) {
    fill(&element, &content);
    if !sanitizer_ready() {
        leptos::task::spawn_local(async move {
            if sanitizer_loaded().await {
                fill(&element, &content);
            }
        });
    }
}

#[cfg(target_arch = "wasm32")]
fn fill(element: &web_sys::Element, content: &FeedHtml) {
    let base = content.base.clone();
    let resolve = Closure::<dyn Fn(String) -> Option<String>>::new(move |raw: String| {
        resolve_url(&base, &raw)
    });
    sanitize_into(
        element,
        &content.html,
        resolve.as_ref().unchecked_ref(),
        content.inline,
    );
}
