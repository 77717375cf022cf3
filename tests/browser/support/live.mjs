// Helpers for the live-update tests: an in-page recorder of requests, announcements and
// notifications; stepping Playwright's fake clock while real requests complete; and native
// buckets whose files are rewritten during a test.
import fs from 'node:fs';
import path from 'node:path';
import { putNativeBucket } from './fixtures.mjs';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------- page recorder

/**
 * Runs in the page before any of its scripts. Records, in fake time (Date is
 * the installed fake clock):
 *   reqs           every fetch: { id, url, path, t, cache, status, outcome, end }
 *   pending        ids of requests whose response (or 2xx body) has not finished
 *   announcements  each distinct non-empty text #live-region has held
 *   permissionRequests / notifications  Notification.requestPermission calls and
 *                  notifications created
 * Nothing the page sees changes: the originals are called and their results
 * returned unchanged.
 */
function recorder() {
  if (window.__live) return;
  const live = {
    seq: 0, reqs: [], pending: {}, announcements: [], lastAnnouncement: '',
    permissionRequests: 0, notifications: [], notificationErrors: [],
  };
  window.__live = live;

  const bodyDone = new WeakMap();
  const origFetch = window.fetch;
  window.fetch = function fetch(input, init) {
    const id = String(++live.seq);
    let url = typeof input === 'string' ? input : (input && input.url) || String(input);
    try { url = new URL(url, document.baseURI).href; } catch {}
    let pathname = url;
    try { pathname = new URL(url).pathname; } catch {}
    const rec = {
      id, url, path: pathname, t: Date.now(),
      cache: (init && init.cache) || (input && typeof input === 'object' && input.cache) || 'default',
      status: null, outcome: 'pending', end: null,
    };
    live.reqs.push(rec);
    live.pending[id] = true;
    const done = (outcome) => {
      if (rec.outcome !== 'pending') return;
      rec.outcome = outcome;
      rec.end = Date.now();
      delete live.pending[id];
    };
    let promise;
    try {
      promise = origFetch.apply(this, arguments);
    } catch (err) {
      done('threw');
      throw err;
    }
    promise.then((resp) => {
      rec.status = resp.status;
      if (resp.ok) bodyDone.set(resp, done);
      else done('http');
    }, (err) => done(`error:${err && err.name}`));
    return promise;
  };
  for (const method of ['arrayBuffer', 'text', 'json', 'blob', 'bytes', 'formData']) {
    const orig = Response.prototype[method];
    if (typeof orig !== 'function') continue;
    Response.prototype[method] = function (...args) {
      const done = bodyDone.get(this);
      const result = orig.apply(this, args);
      if (done) {
        bodyDone.delete(this);
        result.then(() => done('ok'), (err) => done(`body-error:${err && err.name}`));
      }
      return result;
    };
  }

  const watchRegion = () => {
    const region = document.getElementById('live-region');
    const text = region ? region.textContent.replace(/\s+/g, ' ').trim() : '';
    if (text && text !== live.lastAnnouncement) live.announcements.push(text);
    live.lastAnnouncement = text;
  };
  new MutationObserver(watchRegion).observe(document, { subtree: true, childList: true, characterData: true });

  if (typeof window.Notification === 'function') {
    const Orig = window.Notification;
    const requestPermission = function requestPermission(...args) {
      live.permissionRequests++;
      return Orig.requestPermission.apply(Orig, args);
    };
    const spy = new Proxy(Orig, {
      construct(target, args) {
        const options = args[1] || {};
        live.notifications.push({ title: String(args[0]), body: String(options.body || ''), t: Date.now() });
        try {
          return Reflect.construct(target, args);
        } catch (err) {
          live.notificationErrors.push(String(err));
          return new EventTarget();
        }
      },
      get(target, prop) {
        if (prop === 'requestPermission') return requestPermission;
        return Reflect.get(target, prop, target);
      },
    });
    window.Notification = spy;
  }
}

/** Adds the recorder to a page; call before the first goto. */
export async function instrument(page) {
  await page.addInitScript(recorder);
}

/** Requests recorded in the page, optionally only those whose path ends with `suffix`. */
export async function pageRequests(page, suffix) {
  const reqs = await page.evaluate(() => window.__live.reqs);
  return suffix ? reqs.filter((r) => r.path.endsWith(suffix)) : reqs;
}

export async function announcements(page) {
  return page.evaluate(() => window.__live.announcements.slice());
}

// ---------------------------------------------------------------- fake clock

const hungByPage = new WeakMap();

/** The page's fake "now" in ms. */
export function fakeNow(page) {
  return page.evaluate(() => Date.now());
}

/** Pauses the (already installed and running) fake clock where it is now. */
export async function pauseClock(page) {
  const now = await fakeNow(page);
  await page.clock.pauseAt(now + 250);
}

/**
 * Waits (in real time) until every request the page started has finished and
 * the page had a moment to use the answer. A request that makes no progress
 * for 300 ms counts as hanging (a held connection) and is not waited for again.
 */
export async function settle(page) {
  let hung = hungByPage.get(page);
  if (!hung) hungByPage.set(page, (hung = new Set()));
  let lastKey = null;
  let since = Date.now();
  let waited = false;
  for (;;) {
    const pending = await page.evaluate(() => Object.keys(window.__live.pending));
    const fresh = pending.filter((id) => !hung.has(id));
    if (fresh.length === 0) break;
    waited = true;
    const key = fresh.join(',');
    if (key !== lastKey) {
      lastKey = key;
      since = Date.now();
    } else if (Date.now() - since > 300) {
      for (const id of fresh) hung.add(id);
      break;
    }
    await sleep(10);
  }
  // Give nginx time to write its access log line and the page time to render.
  await sleep(waited ? 25 : 0);
}

/**
 * Advances the paused fake clock by `ms` in steps of `step`, letting real
 * requests complete between steps. Stops early once `until()` resolves truthy
 * (checked after every step). Returns how much fake time passed.
 */
export async function advance(page, ms, { step = 250, until } = {}) {
  let passed = 0;
  await settle(page);
  if (until && await until()) return passed;
  while (passed < ms) {
    const dt = Math.min(step, ms - passed);
    const before = await page.evaluate(() => window.__live.seq);
    await page.clock.runFor(dt);
    passed += dt;
    const afterSeq = await page.evaluate(() => window.__live.seq);
    if (afterSeq !== before || (await page.evaluate(() => Object.keys(window.__live.pending).length)) > 0) {
      await settle(page);
    }
    if (until && await until()) return passed;
  }
  return passed;
}

/**
 * Polls `fn` in real time until it returns a truthy value; fails with
 * `message` (a string, or a function called at the time of failure).
 */
export async function waitUntil(fn, { timeout = 5_000, interval = 50, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > deadline) {
      const what = typeof message === 'function' ? await message() : message;
      throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    }
    await sleep(interval);
  }
}

// ---------------------------------------------------------------- data

let lastMtime = 0;

/**
 * Gives the file a modification time later than any given before, so nginx's
 * ETag and Last-Modified change even when two writes fall in the same second
 * and have the same size.
 */
export function touch(file) {
  lastMtime = Math.max(lastMtime + 1, Math.floor(Date.now() / 1000));
  fs.utimesSync(file, lastMtime, lastMtime);
}

/**
 * A native bucket under `prefix` in the DATA root whose incidents the test
 * edits; write() publishes the current state (list + every detail file).
 */
export class LiveBucket {
  constructor(srv, prefix, incidents) {
    this.srv = srv;
    this.prefix = prefix.replace(/^\/+|\/+$/g, '');
    this.incidents = structuredClone(incidents);
    this.write();
  }

  write() {
    putNativeBucket(this.srv, this.prefix, this.incidents);
    const data = path.join(this.srv.dataRoot, this.prefix, 'data');
    touch(path.join(data, 'list.json'));
    for (const inc of this.incidents) touch(path.join(data, 'incident', `${inc.id}.json`));
  }

  /** Rewrites list.json with the same content (new ETag and Last-Modified, same body). */
  rewriteListUnchanged() {
    const file = path.join(this.srv.dataRoot, this.prefix, 'data', 'list.json');
    fs.writeFileSync(file, fs.readFileSync(file));
    touch(file);
  }

  get(id) {
    const inc = this.incidents.find((i) => i.id === id);
    if (!inc) throw new Error(`no incident ${id} in ${this.prefix}`);
    return inc;
  }

  add(incident) { this.incidents.push(structuredClone(incident)); }

  patch(id, fields) { Object.assign(this.get(id), structuredClone(fields)); }

  addUpdate(id, update, fields = {}) {
    const inc = this.get(id);
    inc.updates.push(structuredClone(update));
    Object.assign(inc, { updated_at: update.at, ...fields });
  }

  /** Request paths of this bucket's files, as the DATA origin logs them. */
  get listPath() { return `/${this.prefix}/data/list.json`; }
  detailPath(id) { return `/${this.prefix}/data/incident/${id}.json`; }
}
