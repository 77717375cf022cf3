// Live updates: the open view polls what it shows, unchanged data costs a 304 and no DOM
// work, failures keep the last good data with a stale notice and back off, hidden tabs do
// not poll, what changed is marked and announced, and views clean up when they unmount.
//
// Time is Playwright's fake clock: it runs normally while a page loads, is then paused and
// advanced in small steps (support/live.mjs), while every request is real and served by
// nginx, directly or through a proxy that breaks on demand (support/faulty-proxy.mjs).
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { useServersAndBrowser, config, withPage, waitForView, textOf, DEMO_NOW } from './support/app.mjs';
import { nativeIncident, nativeUpdate } from './support/fixtures.mjs';
import { startFaultyProxy } from './support/faulty-proxy.mjs';
import {
  LiveBucket, instrument, pageRequests, announcements, fakeNow, pauseClock, settle, advance, waitUntil, sleep,
} from './support/live.mjs';

const INTERVAL = 5_000; // poll_interval_seconds: 5, the minimum
const MIN_DELAY = INTERVAL * 0.8; // jitter: each delay is interval × [0.8, 1.2]
const MAX_DELAY = INTERVAL * 1.2;
const STEP = 250; // fake-clock step; a measured gap is at most one step longer than the delay
const TOL = STEP + 50;
const TITLE = 'Live Status';

// ---------------------------------------------------------------- data

const update = (id, status, at, body) => nativeUpdate({ id, status, at, body });

function baseIncidents() {
  return [
    nativeIncident({
      id: 'db-slow', title: 'Database queries are slow', status: 'investigating', impact: 'major',
      started_at: '2026-11-23T08:20:00Z', updated_at: '2026-11-23T08:40:00Z',
      latest_update: 'We are still investigating slow queries.',
      description: 'Queries against the main database take longer than usual.',
      updates: [
        update('u1', 'investigating', '2026-11-23T08:20:00Z', 'We are looking into slow database queries.'),
        update('u2', 'investigating', '2026-11-23T08:40:00Z', 'We are still investigating slow queries.'),
      ],
    }),
    nativeIncident({
      id: 'cdn-old', title: 'CDN errors in Europe', status: 'resolved', impact: 'minor',
      started_at: '2026-11-22T10:00:00Z', updated_at: '2026-11-22T11:00:00Z', resolved_at: '2026-11-22T11:00:00Z',
      description: 'Some requests from Europe failed.',
      updates: [update('c1', 'resolved', '2026-11-22T11:00:00Z', 'The CDN provider fixed the fault.')],
    }),
  ];
}

const NEW_TITLE = 'API requests fail with errors';
function newIncident() {
  return nativeIncident({
    id: 'api-errors', title: NEW_TITLE, status: 'investigating', impact: 'critical',
    started_at: '2026-11-23T08:55:00Z', updated_at: '2026-11-23T08:55:00Z',
    latest_update: 'Some API requests fail.', description: 'Some API requests fail.',
    updates: [update('a1', 'investigating', '2026-11-23T08:55:00Z', 'Some API requests fail with HTTP 500.')],
  });
}

// ---------------------------------------------------------------- deployments

const DIRECT = ['appear', 'detail', 'unchanged', 'hidden', 'wake', 'remount', 'notify', 'tick'];
const PROXIED = ['faults', 'backoff'];
const apps = {};
const buckets = {};
let proxy;

const env = useServersAndBrowser(async () => {
  const srv = env.srv;
  proxy = await startFaultyProxy({ target: srv.dataOrigin });
  for (const name of [...DIRECT, ...PROXIED]) {
    buckets[name] = new LiveBucket(srv, name, baseIncidents());
    const dataUrl = PROXIED.includes(name) ? proxy.url(`${name}/`) : srv.dataUrl(`${name}/`);
    apps[name] = srv.deployApp(`live-${name}`, config({
      title: TITLE,
      data_url: dataUrl,
      poll_interval_seconds: name === 'tick' ? 300 : INTERVAL / 1000,
    }));
  }
});
after(async () => { await proxy?.close(); });

// ---------------------------------------------------------------- helpers

/** A fresh page with the fake clock at the demo's "now" and the request recorder. */
function livePage(opts, fn) {
  if (typeof opts === 'function') { fn = opts; opts = {}; }
  return withPage(env, { clock: DEMO_NOW, ...opts }, async (session) => {
    await instrument(session.page);
    await fn(session);
  });
}

/** Opens `url`, waits for `selector`, then pauses the clock with no request in flight. */
async function load(page, url, selector) {
  await page.goto(url);
  await waitForView(page, selector);
  await pauseClock(page);
  await settle(page);
  await page.evaluate(() => { window.__sameDocument = true; });
}

async function assertSameDocument(page) {
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the page was not reloaded');
}

/** Requests the DATA origin logged since `mark` for exactly this path. */
function logged(mark, path) {
  return env.srv.requestsSince(mark, 'data').filter((r) => r.path === path);
}

/** Fake-clock requests recorded by the page for this path (from index `from`). */
async function recorded(page, path, from = 0) {
  return (await pageRequests(page)).filter((r) => r.path === path).slice(from);
}

function rowIds(page) {
  return page.locator('li.incident-row').evaluateAll((rows) => rows.map((r) => r.dataset.incidentId));
}

function row(page, id) {
  return page.locator(`li.incident-row[data-incident-id="${id}"]`);
}

async function hasClass(locator, cls) {
  return locator.evaluate((el, c) => el.classList.contains(c), cls);
}

async function setVisibility(page, state) {
  await page.evaluate((s) => {
    if (s === 'visible') {
      delete document.visibilityState;
      delete document.hidden;
    } else {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => s });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    }
    // Like the browser's own: fired at the document, bubbling to window.
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  }, state);
  assert.equal(await page.evaluate(() => document.visibilityState), state);
}

async function fire(page, target, type) {
  await page.evaluate(([t, e]) => (t === 'window' ? window : document).dispatchEvent(new Event(e)), [target, type]);
}

/** Advances until the page has recorded one more request for `path`; returns it. */
async function nextRequest(page, path, budget = MAX_DELAY + 2 * STEP) {
  const before = (await recorded(page, path)).length;
  await advance(page, budget, { until: async () => (await recorded(page, path)).length > before });
  const after = await recorded(page, path, before);
  assert.ok(after.length >= 1, `a request for ${path} within ${budget} ms of fake time`);
  return after[0];
}

/**
 * Advances three intervals and expects about one request for `path` per
 * interval (2 to 4 with jitter): a second poll loop would make about 6.
 */
async function assertOneLoop(page, path, what) {
  const mark = env.srv.mark();
  const t0 = await fakeNow(page);
  await advance(page, 3 * INTERVAL);
  const n = logged(mark, path).length;
  assert.ok(n >= 2 && n <= 4, `${what}: about one request per interval over ${fmt(3 * INTERVAL)}, got ${n}: ${await timeline(page, t0)}`);
}

function gapsOf(reqs) {
  return reqs.slice(1).map((r, i) => r.t - reqs[i].t);
}

const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;

/** "which file at what fake time" for assertion messages, relative to `since`. */
async function timeline(page, since) {
  return (await pageRequests(page))
    .filter((r) => r.t >= since && r.path.includes('/data/'))
    .map((r) => `${r.path.replace(/^.*\/data\//, '')}@+${fmt(r.t - since)}(${r.status ?? r.outcome})`)
    .join(', ');
}

// ---------------------------------------------------------------- tests

test('list: a new incident and a changed one appear within one interval, marked and announced', { timeout: 90_000 }, async () => {
  const bucket = buckets.appear;
  await livePage(async ({ page }) => {
    await load(page, apps.appear, 'li.incident-row[data-incident-id="db-slow"]');
    await waitUntil(async () => (await page.title()) === `(1) ${TITLE}`, { message: async () => `title "(1) ${TITLE}", is "${await page.title()}"` });

    const region = page.locator('#live-region');
    assert.equal(await region.count(), 1, 'the page has one #live-region');
    assert.equal(await region.getAttribute('aria-live'), 'polite', '#live-region is polite');
    const look = await region.evaluate((el) => {
      const s = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return {
        display: s.display, visibility: s.visibility, width: r.width, height: r.height,
        clipped: s.clip !== 'auto' || s.clipPath !== 'none',
      };
    });
    assert.ok(look.display !== 'none' && look.visibility !== 'hidden', `#live-region stays in the accessibility tree: ${JSON.stringify(look)}`);
    assert.ok((look.width <= 1 && look.height <= 1) || look.clipped, `#live-region is visually hidden: ${JSON.stringify(look)}`);

    // First load and unchanged polls: nothing marked, nothing announced.
    await advance(page, 2 * MAX_DELAY);
    assert.equal(await textOf(region), '', '#live-region says nothing on the first load');
    assert.deepEqual(await announcements(page), [], 'nothing announced before anything changed');
    assert.equal(await page.locator('main .is-new').count(), 0, 'no row is marked on the first load');
    assert.equal(await page.locator('main .new-badge').count(), 0, 'no badge on the first load');

    // A new incident.
    bucket.add(newIncident());
    bucket.write();
    const added = row(page, 'api-errors');
    const took = await advance(page, MAX_DELAY + 2 * STEP, { until: async () => (await added.count()) > 0 });
    assert.equal(await added.count(), 1, `the new incident is listed within one interval (waited ${fmt(took)} of fake time)`);
    await assertSameDocument(page);
    assert.ok(await hasClass(added, 'is-new'), 'the new row has class is-new');
    assert.equal(await added.locator('.new-badge').count(), 1, 'the new row has a badge');
    assert.match(await textOf(added.locator('.new-badge')), /^New$/i, 'the new row\'s badge says "New"');
    for (const id of ['db-slow', 'cdn-old']) {
      assert.equal(await hasClass(row(page, id), 'is-new'), false, `unchanged row ${id} is not marked`);
      assert.equal(await row(page, id).locator('.new-badge').count(), 0, `unchanged row ${id} has no badge`);
    }
    await waitUntil(async () => (await page.title()) === `(2) ${TITLE}`, { message: async () => `title "(2) ${TITLE}", is "${await page.title()}"` });
    await waitUntil(async () => (await announcements(page)).some((a) => a.includes(`New incident: ${NEW_TITLE}`)),
      { message: async () => `#live-region announcing "New incident: ${NEW_TITLE}"; heard ${JSON.stringify(await announcements(page))}` });

    // A changed incident (updated_at moves).
    bucket.addUpdate('db-slow', update('u3', 'identified', '2026-11-23T08:58:00Z', 'A missing index slows down queries.'),
      { status: 'identified', latest_update: 'A missing index slows down queries.' });
    bucket.write();
    const changed = row(page, 'db-slow');
    await advance(page, MAX_DELAY + 2 * STEP, { until: async () => (await changed.count()) > 0 && (await hasClass(changed, 'is-new')) });
    assert.ok(await hasClass(changed, 'is-new'), 'the changed row has class is-new');
    assert.equal(await changed.locator('.new-badge').count(), 1, 'the changed row has a badge');
    assert.match(await textOf(changed.locator('.new-badge')), /^Updated$/i, 'the changed row\'s badge says "Updated"');
    assert.match(await textOf(changed), /missing index/, 'the changed row shows the new text');
    assert.ok(await hasClass(added, 'is-new'), 'the incident that arrived after the page loaded stays marked');
    assert.equal(await hasClass(row(page, 'cdn-old'), 'is-new'), false, 'the untouched row is still not marked');
    await waitUntil(async () => (await announcements(page)).some((a) => a.includes('Incident updated: Database queries are slow')),
      { message: async () => `"Incident updated: Database queries are slow"; heard ${JSON.stringify(await announcements(page))}` });

    // Everything resolved: no count in the title.
    bucket.patch('db-slow', { status: 'resolved', resolved_at: '2026-11-23T08:59:30Z', updated_at: '2026-11-23T08:59:30Z' });
    bucket.patch('api-errors', { status: 'resolved', resolved_at: '2026-11-23T08:59:30Z', updated_at: '2026-11-23T08:59:30Z' });
    bucket.write();
    await advance(page, MAX_DELAY + 2 * STEP, { until: async () => (await page.title()) === TITLE });
    assert.equal(await page.title(), TITLE, 'no "(N)" prefix once no incident is active');
    await assertSameDocument(page);
  });
});

test('detail: a new update appears within one interval, marked and announced; the list is polled too', { timeout: 90_000 }, async () => {
  const bucket = buckets.detail;
  await livePage(async ({ page }) => {
    const mark = env.srv.mark();
    await load(page, `${apps.detail}?incident=db-slow`, 'article.incident-detail[data-incident-id="db-slow"]');
    const updates = page.locator('article.incident-detail ol.timeline > li.update');
    assert.equal(await updates.count(), 2);
    await waitUntil(async () => (await page.title()) === `(1) ${TITLE}`, { message: async () => `title "(1) ${TITLE}", is "${await page.title()}"` });
    await advance(page, 2 * MAX_DELAY);
    assert.equal(await page.locator('li.update.is-new').count(), 0, 'no update is marked on the first load');
    assert.deepEqual(await announcements(page), [], 'nothing announced before anything changed');

    bucket.addUpdate('db-slow', update('u3', 'identified', '2026-11-23T08:58:00Z', 'A missing index slows down queries.'),
      { status: 'identified' });
    bucket.add(newIncident()); // changes the active count: only the list poll can show it
    bucket.write();
    const took = await advance(page, MAX_DELAY + 2 * STEP, {
      until: async () => (await page.locator('li.update.is-new').count()) > 0 && (await page.title()) === `(2) ${TITLE}`,
    });
    assert.equal(await page.locator('li.update#update-u3').count(), 1, `the new update is shown within one interval (${fmt(took)})`);
    assert.ok(await hasClass(page.locator('li.update#update-u3'), 'is-new'), 'the new update has class is-new');
    for (const id of ['u1', 'u2']) {
      assert.equal(await hasClass(page.locator(`li.update#update-${id}`), 'is-new'), false, `old update ${id} is not marked`);
    }
    assert.equal(await page.title(), `(2) ${TITLE}`, 'the list is polled on a detail page as well (title count)');
    await waitUntil(async () => (await announcements(page)).some((a) => /New update on this incident/i.test(a)),
      { message: async () => `"New update on this incident"; heard ${JSON.stringify(await announcements(page))}` });
    await assertSameDocument(page);

    const details = env.srv.requestsSince(mark, 'data').filter((r) => r.path.includes('/data/incident/'));
    assert.ok(details.length >= 2, 'the detail file is polled');
    assert.deepEqual([...new Set(details.map((r) => r.path))], [bucket.detailPath('db-slow')],
      'only the open incident\'s detail file is requested');
    assert.ok(logged(mark, bucket.listPath).length >= 2, 'the list is polled on a detail page');
  });
});

test('unchanged data: conditional requests answered 304 and no DOM mutation in main', { timeout: 90_000 }, async () => {
  const bucket = buckets.unchanged;
  await livePage(async ({ page }) => {
    // Only a file's first request can be one js/early.js started: polls after it do not ask.
    await page.addInitScript(() => {
      window.__earlyAsks = [];
      let early;
      Object.defineProperty(globalThis, 'sitrepEarly', {
        configurable: true,
        get: () => early,
        set: (real) => { early = { take: (url) => { window.__earlyAsks.push(new URL(url).pathname); return real.take(url); } }; },
      });
    });
    await load(page, apps.unchanged, 'li.incident-row[data-incident-id="db-slow"]');
    await page.evaluate(() => {
      window.__mutations = [];
      const describe = (n) => (n.nodeType === 1 ? `${n.tagName.toLowerCase()}${n.id ? `#${n.id}` : ''}.${[...n.classList].join('.')}` : `#${n.nodeName}`);
      new MutationObserver((list) => {
        for (const m of list) {
          const el = m.target.nodeType === 1 ? m.target : m.target.parentElement;
          // Relative times tick by themselves; only they may change.
          if (el && el.closest('time')) continue;
          window.__mutations.push(`${m.type} on ${describe(m.target)}${m.attributeName ? ` [${m.attributeName}]` : ''}`
            + ` +${m.addedNodes.length} -${m.removedNodes.length}`);
        }
      }).observe(document.querySelector('main'), { subtree: true, childList: true, attributes: true, characterData: true });
    });
    const mark = env.srv.mark();
    const pageMark = (await recorded(page, bucket.listPath)).length;
    await advance(page, 4 * MAX_DELAY);
    const polls = logged(mark, bucket.listPath);
    assert.ok(polls.length >= 3, `the list is polled repeatedly (${polls.length} requests in ${fmt(4 * MAX_DELAY)})`);
    for (const r of polls) {
      assert.ok(r.if_none_match, `each poll is conditional (If-None-Match sent): ${JSON.stringify(r)}`);
      assert.equal(r.status, 304, `an unchanged file is answered 304: ${JSON.stringify(r)}`);
    }
    const others = env.srv.requestsSince(mark, 'data').filter((r) => r.path !== bucket.listPath);
    assert.deepEqual(others.map((r) => r.path), [], 'the list view requests nothing but the list');
    const modes = (await recorded(page, bucket.listPath, pageMark)).map((r) => r.cache);
    assert.ok(modes.length >= 3 && modes.every((m) => m === 'no-cache'), `requests use cache: "no-cache": ${modes}`);
    assert.deepEqual(await page.evaluate(() => window.__mutations), [], 'no DOM mutation in main across 304 polls');
    const asks = (await page.evaluate(() => window.__earlyAsks)).filter((path) => path === bucket.listPath);
    assert.equal(asks.length, 1, `js/early.js is asked for the list once, by the first request, not by each of ${polls.length} polls`);

    // Same body with a new ETag: a 200 that must not touch the DOM either.
    const mark2 = env.srv.mark();
    bucket.rewriteListUnchanged();
    await advance(page, 2 * MAX_DELAY, { until: async () => logged(mark2, bucket.listPath).some((r) => r.status === 200) });
    assert.ok(logged(mark2, bucket.listPath).some((r) => r.status === 200), 'the rewritten list was served 200');
    await advance(page, MAX_DELAY);
    assert.deepEqual(await page.evaluate(() => window.__mutations), [], 'no DOM mutation in main for an identical body');
    assert.equal(await page.locator('.stale-notice').count(), 0);

    // Control: a real change is seen by the same observer.
    bucket.patch('db-slow', { latest_update: 'Queries are fast again for most customers.', updated_at: '2026-11-23T08:59:00Z' });
    bucket.write();
    await advance(page, MAX_DELAY + 2 * STEP, { until: async () => /fast again/.test(await textOf(row(page, 'db-slow'))) });
    assert.match(await textOf(row(page, 'db-slow')), /fast again/, 'the change is shown');
    assert.ok((await page.evaluate(() => window.__mutations.length)) > 0, 'the observer does see real changes');
  });
});

test('faults: the last good data stays with a stale notice, and recovery clears it', { timeout: 150_000 }, async (t) => {
  await livePage(async ({ page }) => {
    proxy.setMode('pass');
    await load(page, apps.faults, 'li.incident-row[data-incident-id="db-slow"]');
    const notice = page.locator('.stale-notice');

    /** Gets back to a good state: passes requests through until no notice is shown. */
    async function recover(what) {
      proxy.setMode('pass');
      const took = await advance(page, 12 * MAX_DELAY + 2 * STEP, { step: 500, until: async () => (await notice.count()) === 0 });
      assert.equal(await notice.count(), 0, `${what}: the stale notice is gone after the first success (waited ${fmt(took)})`);
    }

    /** Breaks the data with `mode`; expects the notice while `snapshot()` stays the same. */
    async function breakWith(mode, { only, snapshot, label, st }) {
      await recover(`before ${label}`);
      const before = await snapshot();
      const pmark = proxy.mark();
      proxy.setMode(mode, { only });
      const slow = mode === 'hang' || mode === 'stall';
      const startedFake = await fakeNow(page);
      await advance(page, slow ? MAX_DELAY + 22_000 : MAX_DELAY + 4 * STEP, { until: async () => (await notice.count()) > 0 });
      if (slow && await notice.count() === 0) {
        // The timeout may run on a timer the fake clock does not drive: wait in real time.
        const realStart = Date.now();
        await waitUntil(async () => (await notice.count()) > 0, { timeout: 25_000, interval: 200, message: `${label}: stale notice after a real 20 s timeout` });
        assert.ok(Date.now() - realStart >= 15_000, `${label}: not given up long before 20 s`);
      }
      const served = proxy.requestsSince(pmark).filter((r) => r.mode === mode);
      assert.ok(served.length >= 1, `${label}: the proxy served the fault (${JSON.stringify(proxy.requestsSince(pmark))})`);
      assert.ok(await notice.first().isVisible(), `${label}: .stale-notice is shown`);
      assert.equal(await notice.first().getAttribute('role'), 'status', `${label}: .stale-notice has role=status`);
      const text = await textOf(notice.first());
      assert.match(text, /Last updated/, `${label}: notice says when the data was last updated: ${text}`);
      assert.match(text, /retrying/i, `${label}: notice says it is retrying: ${text}`);
      assert.deepEqual(await snapshot(), before, `${label}: the last good data stays on screen`);
      assert.equal(await page.locator('.error-panel').count(), 0, `${label}: no error panel replaces the data`);
      if (slow) {
        const hung = (await pageRequests(page)).filter((r) => r.t >= startedFake && /^(body-)?error/.test(r.outcome));
        const fakeElapsed = (await fakeNow(page)) - startedFake;
        if (fakeElapsed >= 20_000) {
          assert.ok(hung.length >= 1, `${label}: the hanging request was aborted: ${JSON.stringify(await pageRequests(page))}`);
          const first = hung.find((r) => r.end !== null);
          if (first) {
            const waited = first.end - first.t;
            st?.diagnostic(`gave up after ${fmt(waited)} of fake time`);
            assert.ok(waited >= 19_500 && waited <= 20_000 + 2 * TOL, `${label}: gave up after about 20 s (${fmt(waited)})`);
          }
        }
      }
      await recover(`after ${label}`);
      assert.deepEqual(await snapshot(), before, `${label}: data still shown after recovery`);
    }

    const listSnapshot = async () => ({ rows: await rowIds(page), title: await page.title() });
    for (const [mode, label] of [
      ['500', 'HTTP 500'],
      ['reset', 'connection reset (network failure)'],
      ['garbage', 'HTML instead of JSON'],
      ['truncate', 'truncated JSON (complete response)'],
      ['cut', 'connection dropped mid-body'],
      ['hang', 'no answer (timeout)'],
      ['stall', 'body stalls (timeout)'],
    ]) {
      await t.test(`list: ${label}`, (st) => breakWith(mode, { snapshot: listSnapshot, label, st }));
    }

    await t.test('detail: HTTP 500 for the detail file only, then for everything', async () => {
      await recover('before detail');
      await row(page, 'db-slow').locator('a.incident-link').click();
      await waitForView(page, 'article.incident-detail[data-incident-id="db-slow"]');
      await settle(page);
      const detailSnapshot = async () => ({
        updates: await page.locator('ol.timeline > li.update').evaluateAll((els) => els.map((e) => e.id)),
        title: await textOf(page.locator('h1.incident-title')),
      });
      await breakWith('500', { only: /\/data\/incident\//, snapshot: detailSnapshot, label: 'detail file 500' });
      await breakWith('500', { snapshot: detailSnapshot, label: 'detail and list 500' });
    });
    proxy.setMode('pass');
  });
});

test('backoff: failing polls space out, doubling up to 10 × interval, and return to the interval after recovery', { timeout: 120_000 }, async (t) => {
  const bucket = buckets.backoff;
  await livePage(async ({ page }) => {
    proxy.setMode('pass');
    await load(page, apps.backoff, 'li.incident-row[data-incident-id="db-slow"]');
    const list = bucket.listPath;

    // Normal polling first.
    const start = (await recorded(page, list)).length;
    await advance(page, 4 * MAX_DELAY, { until: async () => (await recorded(page, list, start)).length >= 3 });
    const normal = gapsOf(await recorded(page, list, Math.max(0, start - 1)));
    assert.ok(normal.length >= 3, `normal polls: ${normal.map(fmt)}`);
    for (const g of normal.slice(-2)) {
      assert.ok(g >= MIN_DELAY - TOL && g <= MAX_DELAY + TOL, `normal gap ${fmt(g)} is interval × [0.8, 1.2]`);
    }

    // The data origin fails. Bigger steps from here: a gap is measured up to one step long.
    const LONG_STEP = 500;
    const LONG_TOL = LONG_STEP + 50;
    const rowsBefore = await rowIds(page);
    const failFrom = (await recorded(page, list)).length;
    const lastGood = (await recorded(page, list)).at(-1);
    const pmark = proxy.mark();
    proxy.setMode('500');
    const WANT = 7;
    await advance(page, 360_000, { step: LONG_STEP, until: async () => (await recorded(page, list, failFrom)).length >= WANT });
    const failed = await recorded(page, list, failFrom);
    const gaps = gapsOf(failed);
    const seen = `gaps between failing polls: ${gaps.map(fmt).join(', ')}`;
    t.diagnostic(seen);
    assert.ok(failed.length >= WANT, `${WANT} failing polls within 6 min of fake time (${failed.length}); ${seen}`);
    assert.equal(proxy.requestsSince(pmark).filter((r) => r.path === list).length, failed.length,
      'every recorded poll reached the server');
    assert.ok(failed.every((r) => r.status === 500), 'every failing poll got the 500');
    assert.ok(failed[0].t - lastGood.t <= MAX_DELAY + TOL, 'the first failing poll came on the normal schedule');
    assert.ok(failed.every((r) => r.cache === 'no-cache'), 'retries revalidate too (cache: "no-cache")');
    assert.ok(await page.locator('.stale-notice').isVisible(), 'the stale notice is shown while failing');
    assert.deepEqual(await rowIds(page), rowsBefore, 'the rows stay while failing');

    assert.ok(gaps[0] >= MIN_DELAY - TOL, `the first retry is not sooner than the interval; ${seen}`);
    assert.ok(gaps[0] <= 2 * MAX_DELAY + LONG_TOL, `the first retry comes within 2 × interval; ${seen}`);
    // Doubling with jitter on both sides: 2 × 0.8 / 1.2 = 1.33 up to 2 × 1.2 / 0.8 = 3, less or
    // more by one step. Only the first two ratios: later ones may meet the cap.
    for (const k of [0, 1]) {
      const ratio = gaps[k + 1] / gaps[k];
      assert.ok(ratio >= 1.2 && ratio <= 3.2, `gap ${k + 2} roughly doubles gap ${k + 1} (× ${ratio.toFixed(2)}); ${seen}`);
    }
    const cap = 10 * INTERVAL;
    for (const g of gaps) assert.ok(g <= cap * 1.2 + LONG_TOL, `no gap exceeds 10 × interval (+ jitter); ${seen}`);
    assert.ok(Math.max(...gaps) >= 6 * INTERVAL, `the gaps grow to near the cap; ${seen}`);
    assert.ok(gaps.at(-1) >= cap * 0.75, `the gaps stay near the cap; ${seen}`);

    // Recovery.
    const recFrom = (await recorded(page, list)).length;
    const recFake = await fakeNow(page);
    proxy.setMode('pass');
    await advance(page, cap * 1.2 + 4 * MAX_DELAY, { step: LONG_STEP, until: async () => (await recorded(page, list, recFrom)).length >= 1 });
    await advance(page, 3 * MAX_DELAY, { until: async () => (await recorded(page, list, recFrom)).length >= 3 });
    const rec = await recorded(page, list, recFrom);
    assert.ok(rec.length >= 3, `polls after recovery: ${rec.length}`);
    assert.ok(rec[0].status === 200 || rec[0].status === 304, `first poll after recovery succeeds (${rec[0].status})`);
    assert.ok(rec[0].t - recFake <= cap * 1.2 + LONG_TOL, `the pending retry still comes within the cap (${fmt(rec[0].t - recFake)})`);
    assert.equal(await page.locator('.stale-notice').count(), 0, 'the first success clears the stale notice');
    const after = gapsOf(rec);
    t.diagnostic(`after recovery: first success ${fmt(rec[0].t - recFake)} after the fix, then gaps ${after.map(fmt).join(', ')}`);
    for (const g of after.slice(0, 2)) {
      assert.ok(g >= MIN_DELAY - LONG_TOL && g <= MAX_DELAY + LONG_TOL, `after recovery the gap is interval × [0.8, 1.2] again: ${after.map(fmt)}`);
    }
  });
});

test('hidden tab: no polling while hidden, one request as soon as it is visible again', { timeout: 90_000 }, async () => {
  const bucket = buckets.hidden;
  await livePage(async ({ page }) => {
    await load(page, apps.hidden, 'li.incident-row[data-incident-id="db-slow"]');
    await nextRequest(page, bucket.listPath); // polling runs while visible

    const mark = env.srv.mark();
    const hiddenAt = await fakeNow(page);
    await setVisibility(page, 'hidden');
    await advance(page, 5 * MAX_DELAY);
    await sleep(300);
    assert.deepEqual(env.srv.requestsSince(mark, 'data').map((r) => r.path), [],
      `no requests while hidden over ${fmt(5 * MAX_DELAY)} of fake time: ${await timeline(page, hiddenAt)}`);

    const mark2 = env.srv.mark();
    const visibleAt = await fakeNow(page);
    await setVisibility(page, 'visible');
    await advance(page, 500, { step: 100, until: async () => logged(mark2, bucket.listPath).length > 0 });
    const prompt = logged(mark2, bucket.listPath);
    assert.equal(prompt.length, 1, `one request right after becoming visible: ${await timeline(page, visibleAt)}`);
    const [first] = await recorded(page, bucket.listPath, -1);
    assert.ok(first.t - visibleAt <= 500, `it came promptly (${fmt(first.t - visibleAt)} after visibilitychange)`);
    await advance(page, INTERVAL / 2);
    assert.equal(logged(mark2, bucket.listPath).length, 1, `exactly one, no second request right behind it: ${await timeline(page, visibleAt)}`);
    await advance(page, 2 * MAX_DELAY, { until: async () => logged(mark2, bucket.listPath).length >= 2 });
    assert.ok(logged(mark2, bucket.listPath).length >= 2, `regular polling resumes: ${await timeline(page, visibleAt)}`);
    await assertOneLoop(page, bucket.listPath, 'after becoming visible polling goes on in one loop');
  });
});

test('online and focus: an immediate request when back online, and on focus only if the data is older than half the interval', { timeout: 90_000 }, async () => {
  const bucket = buckets.wake;
  const list = bucket.listPath;
  await livePage(async ({ page }) => {
    await load(page, apps.wake, 'li.incident-row[data-incident-id="db-slow"]');
    const t0 = await fakeNow(page);
    const events = [];
    const dispatch = async (type) => { events.push(`${type}@+${fmt((await fakeNow(page)) - t0)}`); await fire(page, 'window', type); };
    const story = async () => `events ${events.join(', ')}; requests ${await timeline(page, t0)}`;

    await nextRequest(page, list);
    let mark = env.srv.mark();
    await dispatch('online');
    await advance(page, 200, { step: 100 });
    assert.equal(logged(mark, list).length, 1, `the online event triggers one request at once; ${await story()}`);
    await assertOneLoop(page, list, 'after the online event polling goes on in one loop');

    const last = await nextRequest(page, list); // a regular poll just happened
    mark = env.srv.mark();
    await dispatch('focus');
    await advance(page, 200, { step: 100 });
    assert.equal(logged(mark, list).length, 0, `focus right after a fetch does not fetch again; ${await story()}`);

    // Let the last fetch age past half the interval, still before the next regular poll.
    const target = last.t + 0.55 * INTERVAL;
    await advance(page, target - (await fakeNow(page)), { step: 100 });
    assert.equal(logged(mark, list).length, 0, `no regular poll yet; ${await story()}`);
    mark = env.srv.mark();
    await dispatch('focus');
    await advance(page, 200, { step: 100 });
    assert.equal(logged(mark, list).length, 1, `focus with data older than half the interval fetches once; ${await story()}`);
    await assertOneLoop(page, list, 'after the focus event polling goes on in one loop');
  });
});

test('unmount: after 20 round trips between list and incident, one list poll loop and no detail loop remain', { timeout: 120_000 }, async () => {
  const bucket = buckets.remount;
  const list = bucket.listPath;
  const detail = bucket.detailPath('db-slow');
  await livePage(async ({ page }) => {
    await load(page, apps.remount, 'li.incident-row[data-incident-id="db-slow"]');
    for (let i = 0; i < 20; i++) {
      await row(page, 'db-slow').locator('a.incident-link').click();
      await waitForView(page, 'article.incident-detail[data-incident-id="db-slow"]');
      if (i % 2 === 0) await page.locator('nav.back-nav a').click();
      else await page.goBack();
      await waitForView(page, 'li.incident-row[data-incident-id="db-slow"]');
    }
    await settle(page);

    // On the list: one list loop, and the detail loops of the 20 visits are gone.
    let mark = env.srv.mark();
    let t0 = await fakeNow(page);
    await advance(page, 3 * INTERVAL);
    const polls = logged(mark, list).length;
    assert.ok(polls >= 2 && polls <= 4, `about one list request per interval over ${fmt(3 * INTERVAL)}, got ${polls}: ${await timeline(page, t0)}`);
    assert.equal(logged(mark, detail).length, 0, `no detail file is polled on the list: ${await timeline(page, t0)}`);

    // On the incident page: one detail loop and one list loop.
    await row(page, 'db-slow').locator('a.incident-link').click();
    await waitForView(page, 'article.incident-detail[data-incident-id="db-slow"]');
    await settle(page);
    mark = env.srv.mark();
    t0 = await fakeNow(page);
    await advance(page, 3 * INTERVAL);
    const d = logged(mark, detail).length;
    const l = logged(mark, list).length;
    assert.ok(d >= 2 && d <= 4, `about one detail request per interval, got ${d}: ${await timeline(page, t0)}`);
    assert.ok(l >= 2 && l <= 4, `about one list request per interval on the detail page, got ${l}: ${await timeline(page, t0)}`);

    // Back on the list, the window and document listeners of earlier views are gone too:
    // each wake-up event causes exactly one request.
    await page.goBack();
    await waitForView(page, 'li.incident-row[data-incident-id="db-slow"]');
    await nextRequest(page, list);
    mark = env.srv.mark();
    t0 = await fakeNow(page);
    await fire(page, 'window', 'online');
    await advance(page, 200, { step: 100 });
    assert.equal(logged(mark, list).length, 1, `the online event triggers exactly one request: ${await timeline(page, t0)}`);
    assert.equal(logged(mark, detail).length, 0, 'and no detail request');
  });
});

test('notifications: off by default, and only clicking the footer toggle asks for permission', { timeout: 90_000 }, async () => {
  const bucket = buckets.notify;
  await livePage(async ({ page }) => {
    await load(page, apps.notify, 'li.incident-row[data-incident-id="db-slow"]');
    assert.equal(await page.evaluate(() => Notification.permission), 'default', 'precondition: permission not decided yet');
    const toggle = page.locator('footer button.notify-toggle');
    // The footer's choices come after the first paint.
    await toggle.waitFor();
    assert.equal(await toggle.count(), 1, 'the footer has a notify toggle');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false', 'notifications start off');
    bucket.add(newIncident());
    bucket.write();
    await advance(page, MAX_DELAY + 2 * STEP, { until: async () => (await row(page, 'api-errors').count()) > 0 });
    assert.equal(await row(page, 'api-errors').count(), 1);
    const before = await page.evaluate(() => ({ asked: window.__live.permissionRequests, shown: window.__live.notifications.length }));
    assert.deepEqual(before, { asked: 0, shown: 0 }, 'no permission request and no notification without a click');
    await toggle.click();
    await waitUntil(() => page.evaluate(() => window.__live.permissionRequests === 1), { message: 'a permission request after the click' });
  });

  // Permission already granted: still off until clicked, and the button toggles.
  bucket.incidents = baseIncidents();
  bucket.write();
  await livePage({ permissions: ['notifications'] }, async ({ page }) => {
    await load(page, apps.notify, 'li.incident-row[data-incident-id="db-slow"]');
    const toggle = page.locator('footer button.notify-toggle');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false', 'off until the reader switches it on');
    bucket.add(newIncident());
    bucket.write();
    await advance(page, MAX_DELAY + 2 * STEP, { until: async () => (await row(page, 'api-errors').count()) > 0 });
    assert.equal(await row(page, 'api-errors').count(), 1);
    assert.deepEqual(await page.evaluate(() => window.__live.notifications), [], 'no notification while switched off');
    await toggle.click();
    await waitUntil(async () => (await toggle.getAttribute('aria-pressed')) === 'true', { message: 'aria-pressed="true" after switching on' });
    await toggle.click();
    await waitUntil(async () => (await toggle.getAttribute('aria-pressed')) === 'false', { message: 'aria-pressed="false" after switching off' });
  });
});

test('relative times tick every 15 s without a request', { timeout: 60_000 }, async () => {
  const bucket = buckets.tick;
  await livePage(async ({ page }) => {
    await load(page, apps.tick, 'li.incident-row[data-incident-id="db-slow"]');
    const updated = row(page, 'db-slow').locator('time', { hasText: /ago/ });
    assert.equal(await textOf(updated), '20 minutes ago', 'updated_at 08:40 at 09:00');
    const mark = env.srv.mark();
    const minute = DEMO_NOW.getTime() + 60_000; // 09:01:00: "21 minutes ago" from here
    await advance(page, minute - (await fakeNow(page)) + 20_000, { step: 500, until: async () => (await textOf(updated)) !== '20 minutes ago' });
    assert.equal(await textOf(updated), '21 minutes ago', 'the relative time moved on');
    const late = (await fakeNow(page)) - minute;
    assert.ok(late <= 15_000 + 500 + TOL, `within 15 s of the minute changing (${fmt(late)})`);
    assert.deepEqual(env.srv.requestsSince(mark, 'data').map((r) => r.path), [], 'no request was needed');
  });
});
