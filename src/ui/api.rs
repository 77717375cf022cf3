//! Fetching config and feed files; responses are read through gloo-net. Requests revalidate
//! (`cache: no-cache`) so a CDN or the browser cache never hands out stale data, and are cut off
//! when they hang.

use gloo_net::http::Response;
use gloo_utils::errors::JsError;
use leptos::prelude::window;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, RequestCache, RequestInit, RequestMode};

use crate::config::{Config, CONFIG_PATH};
use crate::content::url::{is_mixed_content, origin_of, resolve_url};
use crate::feed::model::{Incident, IncidentDetail, IncidentList};
use crate::feed::{self, FormatChoice, MAX_FILE_BYTES};
pub use crate::load_error::LoadError;
use crate::load_error::REQUEST_TIMEOUT;

use super::formats;

#[wasm_bindgen]
extern "C" {
    /// The request for `url` that js/early.js started before the wasm ran, if any (once).
    /// Throws if that script did not run (blocked, or a page without it).
    #[wasm_bindgen(js_namespace = sitrepEarly, js_name = take, catch)]
    fn take_early(url: &str) -> Result<Option<js_sys::Promise>, JsValue>;
}

/// Fetches `path` below `root` (an absolute folder URL).
pub async fn fetch_file(root: &str, path: &str, cache: RequestCache) -> Result<Vec<u8>, LoadError> {
    request(&file_url(root, path)?, path, cache, None, Early::Ask)
        .await?
        .body()
        .await
}

/// The URL of `path` below `root`, once checked: resolvable, and not plain http on an https
/// page (which the browser would block).
pub fn file_url(root: &str, path: &str) -> Result<String, LoadError> {
    let url = resolve_url(root, path).ok_or_else(|| LoadError::BadUrl {
        file: path.to_string(),
    })?;
    reachable(url)
}

/// `url`, unless the browser would block it as mixed content on this page.
pub fn reachable(url: String) -> Result<String, LoadError> {
    if is_mixed_content(&page_url(), &url) {
        return Err(LoadError::MixedContent { url });
    }
    Ok(url)
}

fn page_url() -> String {
    window().location().href().unwrap_or_default()
}

/// A GET request for `url` with `init`'s settings: `fetch(url, init)`. Not gloo-net's
/// `Request::send`, which needs a `Request` object that fetch() then copies into one of its
/// own: a tenth of a millisecond more on every poll.
fn get(url: &str, init: &RequestInit) -> js_sys::Promise {
    window().fetch_with_str_and_init(url, init)
}

/// Whether js/early.js may have started a request already: only a file's first request in the
/// page can have been, so later polls skip asking (a call into JavaScript with the URL).
#[derive(Clone, Copy)]
pub enum Early {
    Ask,
    Skip,
}

/// A successful response whose body is not read yet.
pub struct Answer {
    response: Response,
    url: String,
    file: String,
}

/// Requests `url` (checked by [`file_url`]); `file` names it in errors. The page's first
/// config and list requests are already under way (js/early.js), with the same settings.
/// `cancel` aborts the request, e.g. when the view that wanted it is gone.
pub async fn request(
    url: &str,
    file: &str,
    cache: RequestCache,
    cancel: Option<&AbortSignal>,
    early: Early,
) -> Result<Answer, LoadError> {
    let taken = match early {
        Early::Ask => take_early(url).ok().flatten(),
        Early::Skip => None,
    };
    let sent = taken.unwrap_or_else(|| {
        let init = RequestInit::new();
        init.set_cache(cache);
        init.set_signal(request_signal(cancel).as_ref());
        get(url, &init)
    });
    let response = match JsFuture::from(sent).await {
        Ok(response) => Response::from(response.unchecked_into::<web_sys::Response>()),
        Err(thrown) => {
            let error = fetch_error(js_error(thrown).as_ref(), url, file);
            return Err(diagnose(error, &page_url()).await);
        }
    };
    let file = file.to_string();
    match response.status() {
        200..=299 => {}
        // S3 answers 403 for a missing key when listing is not allowed.
        status @ (404 | 403) => return Err(LoadError::NotFound { file, status }),
        status => return Err(LoadError::Http { file, status }),
    }
    Ok(Answer {
        response,
        url: url.to_string(),
        file,
    })
}

impl Answer {
    /// The ETag, when the server lets the page read it (same origin, or CORS exposes it).
    pub fn etag(&self) -> Option<String> {
        self.response.headers().get("etag")
    }

    /// Lets go of a body that will not be read: an unread stream would hold the request
    /// open until garbage collection.
    pub fn discard(self) {
        if let Some(body) = self.response.body() {
            let _ = body.cancel();
        }
    }

    pub async fn body(self) -> Result<Vec<u8>, LoadError> {
        let declared = self
            .response
            .headers()
            .get("content-length")
            .and_then(|len| len.parse::<usize>().ok());
        if declared.is_some_and(|len| len > MAX_FILE_BYTES) {
            return Err(LoadError::TooLarge { file: self.file });
        }
        // An undeclared length is checked again by the parser (FeedError::TooLarge).
        self.response
            .binary()
            .await
            .map_err(|error| fetch_error(gloo_error(error).as_ref(), &self.url, &self.file))
    }
}

/// What a failed fetch or body read threw, by its name (`TimeoutError`, `TypeError`, …).
fn js_error(thrown: JsValue) -> Option<JsError> {
    JsError::try_from(thrown).ok()
}

fn gloo_error(error: gloo_net::Error) -> Option<JsError> {
    match error {
        gloo_net::Error::JsError(error) => Some(error),
        _ => None,
    }
}

/// A request or body read that failed: the timeout, or the network.
fn fetch_error(error: Option<&JsError>, url: &str, file: &str) -> LoadError {
    if error.is_some_and(|error| error.name == "TimeoutError") {
        LoadError::Timeout {
            file: file.to_string(),
        }
    } else {
        LoadError::Unreachable {
            url: url.to_string(),
        }
    }
}

/// The request's timeout, joined with `cancel` when there is one. The browser runs the
/// timeout (no timer of ours per request). Browsers without AbortSignal.timeout (before 2022)
/// get no timeout, and those without AbortSignal.any (before 2024) only the cancel signal.
fn request_signal(cancel: Option<&AbortSignal>) -> Option<AbortSignal> {
    let (has_timeout, has_any) = SIGNAL_SUPPORT.with(|support| *support);
    let timeout =
        has_timeout.then(|| AbortSignal::timeout_with_u32(REQUEST_TIMEOUT.as_millis() as u32));
    match (timeout, cancel) {
        (Some(timeout), Some(cancel)) if has_any => {
            Some(AbortSignal::any(&js_sys::Array::of2(&timeout, cancel)))
        }
        (_, Some(cancel)) => Some(cancel.clone()),
        (timeout, None) => timeout,
    }
}

thread_local! {
    /// Whether the browser has `AbortSignal.timeout` and `AbortSignal.any`: asked once, not on
    /// every request.
    static SIGNAL_SUPPORT: (bool, bool) = (supports_signal("timeout"), supports_signal("any"));
}

fn supports_signal(method: &str) -> bool {
    js_sys::Reflect::get(&js_sys::global(), &"AbortSignal".into())
        .and_then(|signal| js_sys::Reflect::has(&signal, &method.into()))
        .unwrap_or(false)
}

/// A failed cross-origin request looks the same to a page whether the server is down or
/// refuses CORS. An opaque `no-cors` request tells them apart: if it gets an answer, the
/// server is up and CORS is what is missing. (Only after a failure; readers never pay for it.)
async fn diagnose(error: LoadError, page: &str) -> LoadError {
    let LoadError::Unreachable { url } = &error else {
        return error;
    };
    let (Some(page_origin), Some(data_origin)) = (origin_of(page), origin_of(url)) else {
        return error;
    };
    if page_origin == data_origin {
        return error;
    }
    let init = RequestInit::new();
    init.set_mode(RequestMode::NoCors);
    init.set_cache(RequestCache::NoStore);
    let answered = JsFuture::from(get(url, &init)).await.is_ok();
    if answered {
        LoadError::Cors {
            url: url.clone(),
            page_origin: page_origin.to_string(),
        }
    } else {
        error
    }
}

pub async fn load_config(page_base: &str) -> Result<Config, LoadError> {
    // The default cache mode lets the browser reuse index.html's preload of config.json
    // (deployers serve it with Cache-Control: no-cache, so it is still revalidated).
    let bytes = fetch_file(page_base, CONFIG_PATH, RequestCache::Default).await?;
    Ok(Config::parse(&bytes)?)
}

/// Where the feed lives and how to read it; shared by every view.
#[derive(Clone, Debug, PartialEq)]
pub struct Bucket {
    /// Absolute URL of the bucket root, ending in `/`.
    pub root: String,
    pub format: FormatChoice,
    /// Absolute URL of the polled list: `list_url`, or the format's list below the root.
    pub list_url: String,
    /// How messages name the list: its path below the root, or the configured `list_url`.
    pub list_file: String,
}

/// Feed files always revalidate: never stale data from a cache.
pub const FEED_CACHE: RequestCache = RequestCache::NoCache;

impl Bucket {
    pub fn parse_list(&self, bytes: &[u8]) -> Result<IncidentList, LoadError> {
        formats::parse_list(&self.list_file, bytes, self.format)
    }

    /// Whether opening an incident may need no file of its own, which only the list can
    /// tell: the format says so, or a list at its own URL may be of any format.
    pub fn list_may_carry_details(&self) -> bool {
        matches!(
            self.format,
            FormatChoice::Crashbot | FormatChoice::Statuspage
        ) || self.list_file != self.format.default_list_path()
    }

    /// Statuspage's incidents file (the history beside its polled summary).
    pub async fn statuspage_history(&self) -> Result<IncidentList, LoadError> {
        let path = feed::STATUSPAGE_INCIDENTS_PATH;
        let bytes = fetch_file(&self.root, path, FEED_CACHE).await?;
        formats::load_other_formats().await?;
        formats::parse_list(path, &bytes, FormatChoice::Statuspage)
    }

    pub fn parse_detail(&self, path: &str, bytes: &[u8]) -> Result<IncidentDetail, LoadError> {
        Ok(feed::parse_detail(path, bytes, self.format)?)
    }

    pub async fn archive(&self, path: &str) -> Result<Vec<Incident>, LoadError> {
        let bytes = fetch_file(&self.root, path, FEED_CACHE).await?;
        Ok(feed::parse_archive(path, &bytes)?)
    }
}
