//! Keeping a file current. Fetches now, then on the [`Schedule`]'s timer; pauses in hidden tabs
//! and refreshes when the reader comes back (visible, online, focus). A response with the last
//! ETag is not even read, and one with identical bytes is dropped before parsing, so an
//! unchanged poll touches no signal and no DOM.
//! When a load fails the last good data stays and the error is shown beside it.

use std::cell::{Cell, RefCell};
use std::collections::hash_map::DefaultHasher;
use std::future::Future;
use std::hash::{Hash, Hasher};
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;
use web_sys::{AbortController, AbortSignal};

use super::api::{request, Early, LoadError, FEED_CACHE};
use super::clock::now;
use super::effect::effect;
use crate::schedule::{Next, Schedule};
use crate::time::Timestamp;

pub struct Polled<T: Send + Sync + 'static> {
    pub data: Signal<Option<Arc<T>>>,
    /// The last load's error; cleared by the next success.
    pub error: Signal<Option<LoadError>>,
    /// When the data was last confirmed current, to the minute.
    pub fetched_at: Signal<Option<Timestamp>>,
}

impl<T: Send + Sync + 'static> Clone for Polled<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for Polled<T> {}

impl<T: Send + Sync + 'static> Polled<T> {
    /// Whether the first answer is in: data, or the error of a failed load.
    pub fn answered(&self) -> bool {
        self.data.with(Option::is_some) || self.error.with(Option::is_some)
    }
}

/// Parses a new body and replaces the data if the result differs.
type Store = Box<dyn Fn(&[u8]) -> Result<(), LoadError>>;

/// What one poll loop shares between its timer, its listeners and its fetches. It does not
/// know the data's type (only `store` does), so its code is in the wasm once, not per file.
struct Loop {
    /// Checked once; a bad URL fails every poll with the same message.
    url: Result<String, LoadError>,
    file: String,
    store: Store,
    error: RwSignal<Option<LoadError>>,
    fetched_at: RwSignal<Option<Timestamp>>,
    schedule: RefCell<Schedule>,
    timer: Arc<Mutex<Option<TimeoutHandle>>>,
    /// Aborts the request in flight on cleanup: one for the loop's life, not one per poll
    /// (browser handles are not Send).
    cancel: SendWrapper<Option<AbortController>>,
    alive: Arc<AtomicBool>,
    in_flight: Cell<bool>,
    /// A request was sent: later ones cannot be js/early.js's.
    sent_before: Cell<bool>,
    /// Bumped whenever the pending timer is superseded: a timer from an older generation does
    /// nothing even if it fires, so there is never more than one poll loop.
    generation: Cell<u64>,
    last_body: Cell<Option<u64>>,
    /// The ETag of the last body stored: a response still carrying it is not read again.
    last_etag: RefCell<Option<String>>,
    load_code: Option<LoadCode>,
    options: PollOptions,
}

/// A body read because it may have changed.
struct Body {
    bytes: Vec<u8>,
    etag: Option<String>,
}

/// When a poll loop may run besides its interval.
#[derive(Clone, Copy)]
pub struct PollOptions {
    pub interval: Duration,
    /// Keep polling in hidden tabs (the reader asked for notifications).
    pub poll_while_hidden: Signal<bool>,
    /// The page is out of sight although its tab is visible (an embed scrolled off-screen).
    pub offscreen: Signal<bool>,
}

/// Loads code a parse said it lacked ([`LoadError::Code`]): parsers in a wasm chunk.
pub type LoadCode = fn() -> Pin<Box<dyn Future<Output = Result<(), LoadError>>>>;

/// Starts polling `url` (checked by [`super::api::file_url`]; `file` names it in errors);
/// `parse` turns its bytes into data. Stops when the calling component unmounts.
pub fn use_polled<T, P>(
    options: PollOptions,
    url: Result<String, LoadError>,
    file: &str,
    parse: P,
) -> Polled<T>
where
    T: PartialEq + Send + Sync + 'static,
    P: Fn(&[u8]) -> Result<T, LoadError> + 'static,
{
    use_polled_with_code(options, url, file, parse, None)
}

/// [`use_polled`] whose `parse` may need code loaded first: when it answers
/// [`LoadError::Code`], `load_code` runs and the same bytes are parsed again.
pub fn use_polled_with_code<T, P>(
    options: PollOptions,
    url: Result<String, LoadError>,
    file: &str,
    parse: P,
    load_code: Option<LoadCode>,
) -> Polled<T>
where
    T: PartialEq + Send + Sync + 'static,
    P: Fn(&[u8]) -> Result<T, LoadError> + 'static,
{
    let (data, error, fetched_at) = (
        RwSignal::new(None),
        RwSignal::new(None),
        RwSignal::new(None),
    );
    let store = move |body: &[u8]| {
        let value = parse(body)?;
        let changed = data
            .try_with_untracked(|old| old.as_deref() != Some(&value))
            .unwrap_or(false);
        if changed {
            data.try_set(Some(Arc::new(value)));
        }
        Ok(())
    };
    let this = Rc::new(Loop {
        url,
        file: file.to_string(),
        store: Box::new(store),
        error,
        fetched_at,
        schedule: RefCell::new(Schedule::new(options.interval.as_millis() as u64)),
        timer: Arc::default(),
        cancel: SendWrapper::new(AbortController::new().ok()),
        alive: Arc::new(AtomicBool::new(true)),
        in_flight: Cell::new(false),
        sent_before: Cell::new(false),
        generation: Cell::new(0),
        last_body: Cell::new(None),
        last_etag: RefCell::new(None),
        load_code,
        options,
    });
    this.schedule.borrow_mut().set_hidden(this.out_of_sight());
    Loop::fetch_now(&this);

    let listeners = [
        window_event_listener_untyped("visibilitychange", {
            let this = Rc::clone(&this);
            move |_| Loop::sight_changed(&this)
        }),
        window_event_listener_untyped("online", {
            let this = Rc::clone(&this);
            move |_| Loop::fetch_now(&this)
        }),
        window_event_listener_untyped("focus", {
            let this = Rc::clone(&this);
            move |_| {
                if this.schedule.borrow().refresh_on_focus(now().millis()) {
                    Loop::fetch_now(&this);
                }
            }
        }),
    ];
    // Notifications switched on or off: hidden tabs start or stop polling.
    effect({
        let this = Rc::clone(&this);
        move || {
            let enabled = this.options.poll_while_hidden.get();
            this.schedule.borrow_mut().set_poll_while_hidden(enabled);
            if enabled && this.out_of_sight() && !this.in_flight.get() {
                Loop::fetch_now(&this);
            }
        }
    });
    // An embed scrolled out of or into view.
    effect({
        let this = Rc::clone(&this);
        move || {
            this.options.offscreen.track();
            Loop::sight_changed(&this);
        }
    });

    let (timer, alive) = (Arc::clone(&this.timer), Arc::clone(&this.alive));
    let cancel = this.cancel.clone();
    on_cleanup(move || {
        alive.store(false, Ordering::Relaxed);
        if let Some(controller) = cancel.as_ref() {
            controller.abort();
        }
        if let Some(handle) = timer.lock().ok().and_then(|mut t| t.take()) {
            handle.clear();
        }
        for listener in listeners {
            listener.remove();
        }
    });
    Polled {
        data: data.into(),
        error: error.into(),
        fetched_at: fetched_at.into(),
    }
}

impl Loop {
    fn fetch_now(this: &Rc<Self>) {
        // One request at a time: a slow response must not pile up requests behind it.
        if !this.alive.load(Ordering::Relaxed) || this.in_flight.replace(true) {
            return;
        }
        this.supersede_timer();
        // Polled once here, the fetch goes out now, before the caller renders anything (a
        // spawned future would start only after this task), so rendering overlaps the network.
        // Aborted when the view unmounts: a slow answer must not outlive its page.
        let cancel = this.cancel.as_ref().map(AbortController::signal);
        let early = match this.sent_before.replace(true) {
            false => Early::Ask,
            true => Early::Skip,
        };
        let mut pending = Box::pin(fetch(
            this.url.clone(),
            this.file.clone(),
            this.last_etag.borrow().clone(),
            cancel,
            early,
        ));
        let early = pending
            .as_mut()
            .poll(&mut Context::from_waker(Waker::noop()));
        let this = Rc::clone(this);
        spawn_local(async move {
            let result = match early {
                Poll::Ready(result) => result,
                Poll::Pending => pending.await,
            };
            this.in_flight.set(false);
            if !this.alive.load(Ordering::Relaxed) {
                return;
            }
            let accepted = match result {
                Ok(body) => this.accept_loading_code(body).await,
                Err(error) => Err(error),
            };
            let random = js_sys::Math::random();
            let next = match accepted {
                Ok(()) => this.schedule.borrow_mut().succeeded(now().millis(), random),
                Err(error) => {
                    this.error.try_set(Some(error));
                    this.schedule.borrow_mut().failed(random)
                }
            };
            if let Next::In(ms) = next {
                Loop::start_timer(&this, ms);
            }
        });
    }

    /// [`Loop::accept`], and once more after loading the code its parse said it lacked. Bytes
    /// that need no code are taken in this task.
    async fn accept_loading_code(&self, body: Option<Body>) -> Result<(), LoadError> {
        match (self.accept(body.as_ref()), self.load_code) {
            (Err(LoadError::Code), Some(load)) => {
                load().await?;
                self.accept(body.as_ref())
            }
            (accepted, _) => accepted,
        }
    }

    /// Takes a poll's answer: an unchanged ETag (`None`) or identical bytes change nothing;
    /// new bytes are parsed and replace the data only if the result differs.
    fn accept(&self, body: Option<&Body>) -> Result<(), LoadError> {
        if let Some(Body { bytes, etag }) = body {
            let digest = {
                let mut hasher = DefaultHasher::new();
                bytes.hash(&mut hasher);
                hasher.finish()
            };
            if self.last_body.get() != Some(digest) {
                (self.store)(bytes)?;
                self.last_body.set(Some(digest));
            }
            self.last_etag.borrow_mut().clone_from(etag);
        }
        if self.error.try_with_untracked(Option::is_some) == Some(true) {
            self.error.try_set(None);
        }
        // To the minute, as it is shown: the polls within a minute touch no signal at all.
        let confirmed = Some(now().start_of_minute());
        if self.fetched_at.try_get_untracked() != Some(confirmed) {
            self.fetched_at.try_set(confirmed);
        }
        Ok(())
    }

    fn out_of_sight(&self) -> bool {
        document().hidden() || self.options.offscreen.get_untracked()
    }

    /// Pauses when the page went out of sight; fetches at once when it came back.
    fn sight_changed(this: &Rc<Self>) {
        let back = this.schedule.borrow_mut().set_hidden(this.out_of_sight());
        if back {
            Loop::fetch_now(this);
        } else if this.schedule.borrow().is_paused() {
            this.supersede_timer();
        }
    }

    fn start_timer(this: &Rc<Self>, ms: u64) {
        this.supersede_timer();
        let generation = this.generation.get();
        let handle = set_timeout_with_handle(
            {
                let this = Rc::clone(this);
                move || {
                    if this.generation.get() == generation {
                        Loop::fetch_now(&this);
                    }
                }
            },
            Duration::from_millis(ms),
        )
        .ok();
        if let Ok(mut timer) = this.timer.lock() {
            *timer = handle;
        }
    }

    /// Cancels the pending timer, and disarms it should it fire anyway.
    fn supersede_timer(&self) {
        self.generation.set(self.generation.get().wrapping_add(1));
        if let Some(handle) = self.timer.lock().ok().and_then(|mut t| t.take()) {
            handle.clear();
        }
    }
}

/// One poll's request. A response with the ETag of the data already shown is that data: its
/// body is not read (`None`), which is most polls for a page whose server exposes ETags.
async fn fetch(
    url: Result<String, LoadError>,
    file: String,
    known_etag: Option<String>,
    cancel: Option<AbortSignal>,
    early: Early,
) -> Result<Option<Body>, LoadError> {
    let answer = request(&url?, &file, FEED_CACHE, cancel.as_ref(), early).await?;
    let etag = answer.etag();
    if etag.is_some() && etag == known_etag {
        answer.discard();
        return Ok(None);
    }
    Ok(Some(Body {
        bytes: answer.body().await?,
        etag,
    }))
}
