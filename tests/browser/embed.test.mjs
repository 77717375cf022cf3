// The embeddable widget on other sites: a host page on another origin puts it in with one
// <script src=".../embed.js">, the loader sizes the iframe from the widget's messages and
// re-dispatches its status, the widget obeys host messages only from allowed origins, its
// links open the full status page in a new tab, its options (theme, layout, transparent,
// show, lang) apply, and it stops polling while scrolled out of view.
//
// Three origins on 127.0.0.1: the status page (APP, nginx), its data (DATA, nginx), and
// host pages served by small HTTP servers started here: HOST, listed in the deployment's
// embed_allowed_origins, and FOREIGN, which is not.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { useServersAndBrowser, config, withPage, waitForView, textOf, DEMO_NOW } from './support/app.mjs';
import { nativeIncident, nativeUpdate } from './support/fixtures.mjs';
import { LiveBucket, instrument, fakeNow, pauseClock, settle, advance, waitUntil, sleep } from './support/live.mjs';

const INTERVAL = 5_000; // poll_interval_seconds: 5, the minimum
const MAX_DELAY = INTERVAL * 1.2; // jitter: each delay is interval × [0.8, 1.2]
const STEP = 250;
const TITLE = 'Embed Status';
const READY = '.embed #overall-status:not(.overall--loading)';
const SHOT_DIR = path.join(os.tmpdir(), 'sitrep-embed-screenshots');

// ---------------------------------------------------------------- data

const update = (id, status, at, body) => nativeUpdate({ id, status, at, body });

/** One open major incident and one resolved: "major", 1 active. */
function liveIncidents() {
  return [
    nativeIncident({
      id: 'db-slow', title: 'Database queries are slow', status: 'investigating', impact: 'major',
      started_at: '2026-11-23T08:20:00Z', updated_at: '2026-11-23T08:40:00Z',
      latest_update: 'We are still investigating slow queries.',
      updates: [update('u1', 'investigating', '2026-11-23T08:20:00Z', 'We are still investigating slow queries.')],
    }),
    nativeIncident({
      id: 'cdn-old', title: 'CDN errors in Europe', status: 'resolved', impact: 'minor',
      started_at: '2026-11-22T10:00:00Z', updated_at: '2026-11-22T11:00:00Z', resolved_at: '2026-11-22T11:00:00Z',
      updates: [update('c1', 'resolved', '2026-11-22T11:00:00Z', 'The CDN provider fixed the fault.')],
    }),
  ];
}

const NEW_TITLE = 'API requests fail with errors';
function newIncident() {
  return nativeIncident({
    id: 'api-errors', title: NEW_TITLE, status: 'investigating', impact: 'critical',
    started_at: '2026-11-23T08:55:00Z', updated_at: '2026-11-23T08:55:00Z',
    latest_update: 'Some API requests fail with HTTP 500.',
    updates: [update('a1', 'investigating', '2026-11-23T08:55:00Z', 'Some API requests fail with HTTP 500.')],
  });
}

/**
 * Two open incidents (major, minor), maintenance under way, maintenance to come and one
 * resolved incident. The embed lists the first three.
 */
function richIncidents() {
  return [
    ...liveIncidents(),
    nativeIncident({
      id: 'login-slow', title: 'Sign-in takes longer than usual', status: 'identified', impact: 'minor',
      started_at: '2026-11-23T07:30:00Z', updated_at: '2026-11-23T08:10:00Z',
      latest_update: 'A slow identity provider delays sign-in by a few seconds.',
      updates: [update('l1', 'identified', '2026-11-23T08:10:00Z', 'A slow identity provider delays sign-in.')],
    }),
    nativeIncident({
      id: 'db-upgrade', kind: 'maintenance', title: 'Database upgrade', status: 'in_progress', impact: 'none',
      started_at: '2026-11-22T20:00:00Z', updated_at: '2026-11-22T20:00:00Z',
      scheduled_start: '2026-11-22T20:00:00Z', scheduled_end: '2099-01-01T00:00:00Z',
      latest_update: 'The upgrade is under way; writes may be slower.',
      updates: [update('m1', 'in_progress', '2026-11-22T20:00:00Z', 'The upgrade is under way.')],
    }),
    nativeIncident({
      id: 'net-later', kind: 'maintenance', title: 'Network switch replacement', status: 'scheduled', impact: 'none',
      started_at: '2098-06-01T02:00:00Z', updated_at: '2026-11-20T12:00:00Z',
      scheduled_start: '2098-06-01T02:00:00Z', scheduled_end: '2098-06-01T04:00:00Z',
      updates: [update('n1', 'scheduled', '2026-11-20T12:00:00Z', 'Maintenance scheduled.')],
    }),
  ];
}
const RICH_LISTED = ['db-slow', 'login-slow', 'db-upgrade'];

// ---------------------------------------------------------------- host pages

/**
 * A plain HTTP server for host pages on its own origin: put(path, html) publishes a page;
 * html may be a list of { text, delay } parts, each sent `delay` ms after the one before
 * (a page that arrives slowly). Anything else is a 404 (favicon: 204).
 */
async function startHostServer() {
  const pages = new Map();
  const server = http.createServer((req, res) => {
    const p = req.url.split(/[?#]/)[0];
    if (p === '/favicon.ico') { res.writeHead(204); res.end(); return; }
    const body = pages.get(p);
    if (body === undefined) { res.writeHead(404, { 'content-type': 'text/plain' }); res.end('not found\n'); return; }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    if (!Array.isArray(body)) { res.end(body); return; }
    (async () => {
      for (const part of body) {
        if (part.delay) await sleep(part.delay);
        if (res.destroyed) return;
        res.write(part.text);
      }
      res.end();
    })();
  });
  const sockets = new Set();
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    put(p, html) { pages.set(p, html); return `${origin}${p}`; },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Records, in the host page, every `sitrep:status` DOM event (which element it was
 * dispatched on) and every raw message with its origin and which window sent it.
 */
const HOST_RECORDER = `<script>
window.__host = { events: [], messages: [] };
// An iframe is named by the id of the nearest element (itself or an ancestor) that has one.
function __nameOf(el) {
  var named = el.closest && el.closest('[id]');
  return named ? named.id : '';
}
function __whichWindow(win) {
  if (win === window) return 'self';
  var frames = document.querySelectorAll('iframe');
  for (var i = 0; i < frames.length; i++) {
    if (frames[i].contentWindow === win) return __nameOf(frames[i]) || ('iframe' + i);
  }
  return 'other';
}
document.addEventListener('sitrep:status', function (e) {
  var el = e.target;
  window.__host.events.push({ detail: e.detail, tag: el.tagName, where: __nameOf(el), bubbles: e.bubbles });
});
window.addEventListener('message', function (e) {
  window.__host.messages.push({ origin: e.origin, data: e.data, from: __whichWindow(e.source) });
});
</script>`;

/** A host page: `body` is HTML; `style` extra CSS. */
function hostHtml({ title = 'Example host page', body, style = '' }) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
  body { margin: 0; font: 16px/1.5 Georgia, serif; color: #222; background: #fbf8f1; }
  .host-wrap { max-width: 960px; margin: 0 auto; padding: 16px; }
  ${style}
</style>
${HOST_RECORDER}
</head>
<body>
${body}
</body>
</html>`;
}

/** `<script src=".../embed.js" async data-…>` for a deployment URL, with data-* options. */
function loaderTag(app, data = {}) {
  const attrs = Object.entries(data).map(([k, v]) => ` data-${k}="${v}"`).join('');
  return `<script src="${app}embed.js" async${attrs}></script>`;
}

/** A container the loader fills (`[data-sitrep-embed]`), with data-* options. */
function targetTag(id, data = {}, style = '') {
  const attrs = Object.entries(data).map(([k, v]) => ` data-${k}="${v}"`).join('');
  return `<div id="${id}" data-sitrep-embed${attrs}${style ? ` style="${style}"` : ''}></div>`;
}

// ---------------------------------------------------------------- deployments

const apps = {};
const buckets = {};
let host;
let foreign;

const env = useServersAndBrowser(async () => {
  const srv = env.srv;
  host = await startHostServer();
  foreign = await startHostServer();
  const deploy = (name, data, { poll = 60, allowed = [host.origin] } = {}) => {
    buckets[name] = new LiveBucket(srv, `embed-${name}`, data);
    apps[name] = srv.deployApp(`status-${name}`, config({
      title: TITLE,
      data_url: srv.dataUrl(`embed-${name}/`),
      poll_interval_seconds: poll,
      embed_allowed_origins: allowed,
    }));
  };
  deploy('live', liveIncidents(), { poll: INTERVAL / 1000 });
  deploy('messages', liveIncidents());
  deploy('any', liveIncidents(), { allowed: ['*'] });
  deploy('rich', richIncidents());
  deploy('offscreen', liveIncidents(), { poll: INTERVAL / 1000 });
  // A deployment whose bucket is empty: data/list.json is a 404.
  apps.missing = srv.deployApp('status-missing', config({ title: TITLE, data_url: srv.dataUrl('embed-missing/') }));
});
after(async () => {
  await host?.close();
  await foreign?.close();
});

// ---------------------------------------------------------------- utilities

/** The iframe element (a handle in the host page) and its Frame, once the widget shows a status. */
async function widget(page, selector = 'iframe', { ready = true } = {}) {
  const locator = page.locator(selector);
  await locator.first().waitFor({ state: 'attached' });
  assert.equal(await locator.count(), 1, `exactly one ${selector} on the host page`);
  const element = await locator.elementHandle();
  const frame = await element.contentFrame();
  assert.ok(frame, `${selector} has a frame`);
  if (ready) await waitForView(frame, READY);
  return { element, frame, locator };
}

/** Heights: the iframe on the host page, and the widget inside it. */
async function sizes({ element, frame }) {
  const outer = await element.evaluate((f) => ({ client: f.clientHeight, width: f.clientWidth, style: f.style.height }));
  const inner = await frame.evaluate(() => {
    const root = document.documentElement;
    const embed = document.querySelector('.embed');
    return {
      embed: embed ? embed.getBoundingClientRect().height : -1,
      scrollHeight: root.scrollHeight,
      scrollWidth: root.scrollWidth,
      clientWidth: root.clientWidth,
    };
  });
  return { outer, inner };
}

const SIZE_TOL = 3;

/** Whether the iframe is as tall as the widget (within a few px) and nothing is cut off. */
function fits({ outer, inner }) {
  return inner.embed > 0
    && Math.abs(outer.client - inner.embed) <= SIZE_TOL
    && inner.scrollHeight <= outer.client + 1;
}

async function waitForFit(w, what) {
  await waitUntil(async () => fits(await sizes(w)), {
    timeout: 5_000,
    message: async () => `${what}: iframe height matching the widget's, got ${JSON.stringify(await sizes(w))}`,
  });
  return sizes(w);
}

function hostRecord(page) {
  return page.evaluate(() => structuredClone(window.__host));
}

/** Status messages (raw) the host received, in order. */
async function statusMessages(page, from) {
  const { messages } = await hostRecord(page);
  return messages.filter((m) => m.data && m.data.type === 'sitrep:status' && (!from || m.from === from));
}

/** The frame's request recorder with the page's clock, in the shape support/live.mjs expects. */
function frameView(page, frame) {
  return { clock: page.clock, evaluate: (fn, arg) => frame.evaluate(fn, arg) };
}

function embedItemIds(frame) {
  return frame.locator('li.embed-item').evaluateAll((rows) => rows.map((r) => r.dataset.incidentId));
}

function parseColor(text) {
  const nums = String(text).match(/[\d.]+/g)?.map(Number) ?? [];
  const [r = 0, g = 0, b = 0] = nums;
  const a = nums.length >= 4 ? nums[3] : 1;
  return { r, g, b, a, text };
}

/** WCAG relative luminance of an rgb() colour, 0 (black) to 1 (white). */
function luminance(text) {
  const { r, g, b } = parseColor(text);
  const lin = (c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** Theme state inside the frame: data-theme, colour scheme and computed colours. */
function themeOf(frame) {
  return frame.evaluate(() => {
    const root = document.documentElement;
    const item = document.querySelector('.embed-item') || document.querySelector('#overall-status');
    const cs = (el) => getComputedStyle(el);
    return {
      dataTheme: root.getAttribute('data-theme'),
      htmlClass: root.className,
      colorScheme: cs(root).colorScheme,
      bodyBg: cs(document.body).backgroundColor,
      htmlBg: cs(root).backgroundColor,
      bodyColor: cs(document.body).color,
      itemBg: cs(item).backgroundColor,
      itemColor: cs(item).color,
    };
  });
}

/** Dark: a dark card with light text (and the reverse for light). */
function assertPalette(t, want, what) {
  const bg = luminance(t.itemBg);
  const fg = luminance(t.itemColor);
  const shown = `${what}: ${JSON.stringify(t)}`;
  if (want === 'dark') {
    assert.ok(bg < 0.05, `dark card background (luminance ${bg.toFixed(3)}); ${shown}`);
    assert.ok(fg > 0.6, `light text (luminance ${fg.toFixed(3)}); ${shown}`);
  } else {
    assert.ok(bg > 0.8, `light card background (luminance ${bg.toFixed(3)}); ${shown}`);
    assert.ok(fg < 0.1, `dark text (luminance ${fg.toFixed(3)}); ${shown}`);
  }
}

/** The colour of one screen pixel of the page, as [r, g, b, a]. */
async function pixelAt(page, x, y) {
  const png = await page.screenshot({ clip: { x: Math.round(x), y: Math.round(y), width: 1, height: 1 } });
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = 1;
    canvas.height = 1;
    const g = canvas.getContext('2d');
    g.drawImage(img, 0, 0);
    return Array.from(g.getImageData(0, 0, 1, 1).data);
  }, png.toString('base64'));
}

function postFromHost(page, selector, message) {
  return page.evaluate(([sel, msg]) => {
    document.querySelector(sel).contentWindow.postMessage(msg, '*');
  }, [selector, message]);
}

/** Starts recording, inside the widget, every message it receives (to know one arrived). */
function recordFrameMessages(frame) {
  return frame.evaluate(() => {
    window.__received = [];
    window.addEventListener('message', (e) => window.__received.push({ origin: e.origin, type: e.data && e.data.type }));
  });
}

function frameReceived(frame) {
  return frame.evaluate(() => window.__received.slice());
}

// ---------------------------------------------------------------- tests

test('sizing and status: the iframe fits its content, follows a new incident without a reload, and the host hears each status', { timeout: 90_000 }, async () => {
  const bucket = buckets.live;
  const app = apps.live;
  const url = host.put('/sizing.html', hostHtml({
    body: `<div class="host-wrap"><h1>Our product</h1><p>Current service status:</p>
      <div id="w">${loaderTag(app)}</div><p id="below">Text below the widget.</p></div>`,
  }));
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    await instrument(page);
    await page.goto(url);
    const w = await widget(page, '#w iframe');
    const { element, frame } = w;

    // What the loader made.
    const attrs = await element.evaluate((f) => ({
      src: f.src, title: f.getAttribute('title'), loading: f.getAttribute('loading'),
      nextToScript: f.parentElement.previousElementSibling?.tagName,
    }));
    const src = new URL(attrs.src);
    assert.equal(`${src.origin}${src.pathname}`, app, 'the iframe shows the status page the script came from');
    assert.equal(src.searchParams.get('embed'), '1', 'with ?embed=1');
    assert.ok(attrs.title && attrs.title.trim().length > 0, 'the iframe has a title');
    assert.equal(attrs.loading, 'lazy', 'the iframe loads lazily');
    assert.equal(attrs.nextToScript, 'SCRIPT', 'the widget is inserted right after the <script>');

    // Sized to the content.
    const first = await waitForFit(w, 'after the first load');
    assert.ok(first.outer.client > 72, `the iframe grew beyond the loader's initial 72 px to show the list (${first.outer.client})`);
    assert.deepEqual(await embedItemIds(frame), ['db-slow'], 'the widget lists the open incident');

    // The host hears the status, as a DOM event on the iframe and as a raw message.
    await waitUntil(async () => (await hostRecord(page)).events.length >= 1, { message: 'a sitrep:status event on the host page' });
    let rec = await hostRecord(page);
    assert.deepEqual(rec.events.at(-1).detail, { overall: 'major', active: 1 }, 'status event: major, 1 active');
    assert.equal(rec.events.at(-1).tag, 'IFRAME', 'the event is dispatched on the iframe');
    assert.equal(rec.events.at(-1).bubbles, true, 'and bubbles to the document');
    const raw = await statusMessages(page);
    assert.ok(raw.length >= 1, 'a raw sitrep:status message reached the host');
    assert.deepEqual(raw.at(-1).data, { type: 'sitrep:status', version: 1, overall: 'major', active: 1 });
    const appOrigin = new URL(app).origin;
    for (const m of rec.messages.filter((x) => String(x.data?.type).startsWith('sitrep:'))) {
      assert.equal(m.origin, appOrigin, `every widget message comes from the status page's origin: ${JSON.stringify(m)}`);
      assert.equal(m.data.version, 1, `every widget message has version 1: ${JSON.stringify(m)}`);
    }
    const resizes = rec.messages.filter((m) => m.data?.type === 'sitrep:resize');
    assert.ok(resizes.length >= 1, 'the widget posted its height');
    assert.equal(resizes.at(-1).data.height, first.outer.client, 'the last posted height is the iframe height');

    // From here the clock is stepped; the widget polls every 5 s.
    await pauseClock(page);
    const view = frameView(page, frame);
    await settle(view);
    await frame.evaluate(() => { window.__sameDocument = true; });
    const eventsBefore = rec.events.length;

    // Unchanged polls post no status.
    const mark = env.srv.mark();
    await advance(view, 2 * MAX_DELAY);
    assert.ok(env.srv.requestsSince(mark, 'data').filter((r) => r.path === bucket.listPath).length >= 1, 'the widget polls');
    assert.equal((await hostRecord(page)).events.length, eventsBefore, 'no status event while nothing changed');

    // A new incident: the list and the iframe grow.
    bucket.add(newIncident());
    bucket.write();
    const added = frame.locator('li.embed-item[data-incident-id="api-errors"]');
    await advance(view, MAX_DELAY + 2 * STEP, { until: async () => (await added.count()) > 0 });
    assert.equal(await added.count(), 1, 'the new incident appears within one interval');
    assert.equal(await frame.evaluate(() => window.__sameDocument), true, 'the widget was not reloaded');
    assert.match(await textOf(added), /Some API requests fail with HTTP 500/, 'with its latest update');
    await waitUntil(async () => (await sizes(w)).outer.client > first.outer.client + 20, {
      message: async () => `the iframe to grow from ${first.outer.client} px; ${JSON.stringify(await sizes(w))}`,
    });
    const grown = await waitForFit(w, 'after the new incident');
    assert.ok(grown.outer.client > first.outer.client, `the iframe grew (${first.outer.client} → ${grown.outer.client})`);
    await waitUntil(async () => (await hostRecord(page)).events.length > eventsBefore, { message: 'a new sitrep:status event' });
    rec = await hostRecord(page);
    assert.deepEqual(rec.events.at(-1).detail, { overall: 'major', active: 2 }, 'new status: major, 2 active');
    assert.deepEqual((await statusMessages(page)).at(-1).data, { type: 'sitrep:status', version: 1, overall: 'major', active: 2 });

    // Everything resolved: operational, nothing listed, the iframe shrinks.
    const eventsMid = rec.events.length;
    for (const id of ['db-slow', 'api-errors']) {
      bucket.patch(id, { status: 'resolved', resolved_at: '2026-11-23T08:59:00Z', updated_at: '2026-11-23T08:59:00Z' });
    }
    bucket.write();
    await advance(view, MAX_DELAY + 2 * STEP, { until: async () => (await frame.locator('li.embed-item').count()) === 0 });
    assert.equal(await frame.locator('li.embed-item').count(), 0, 'resolved incidents leave the widget');
    assert.match(await frame.locator('#overall-status').getAttribute('class'), /overall--operational/, 'overall is operational');
    await waitUntil(async () => (await sizes(w)).outer.client < first.outer.client, {
      message: async () => `the iframe to shrink below ${first.outer.client} px; ${JSON.stringify(await sizes(w))}`,
    });
    await waitForFit(w, 'after everything resolved');
    await waitUntil(async () => (await hostRecord(page)).events.length > eventsMid, { message: 'a status event for operational' });
    assert.deepEqual((await hostRecord(page)).events.at(-1).detail, { overall: 'operational', active: 0 });
  });
});

test('links: "View status page" and incident links open the full status page in a new tab; the frame stays put', { timeout: 60_000 }, async () => {
  const app = apps.rich;
  const url = host.put('/links.html', hostHtml({
    body: `<div class="host-wrap"><h1>Links</h1><div id="w">${loaderTag(app)}</div></div>`,
  }));
  await withPage(env, async ({ page, context }) => {
    await page.goto(url);
    const { frame } = await widget(page, '#w iframe');
    await page.evaluate(() => { window.__sameDocument = true; });
    await frame.evaluate(() => { window.__sameDocument = true; });
    const frameUrl = frame.url();

    const links = await frame.locator('a').evaluateAll((as) => as.map((a) => ({
      cls: a.className, href: a.href, target: a.getAttribute('target'), rel: a.getAttribute('rel') || '',
    })));
    const relevant = links.filter((l) => /\b(embed-more|incident-link)\b/.test(l.cls));
    assert.equal(relevant.filter((l) => l.cls.includes('embed-more')).length, 1, 'one "View status page" link');
    assert.equal(relevant.filter((l) => l.cls.includes('incident-link')).length, RICH_LISTED.length, 'one link per listed incident');
    for (const link of links) {
      assert.ok(['_blank', '_top'].includes(link.target), `every link leaves the frame (target _blank or _top): ${JSON.stringify(link)}`);
      if (link.target === '_blank') {
        assert.ok(link.rel.split(/\s+/).includes('noopener'), `rel="noopener" on new-tab links: ${JSON.stringify(link)}`);
      }
      assert.equal(new URL(link.href).searchParams.has('embed'), false, `links lead to the full page, not the widget: ${link.href}`);
    }

    async function clickAndCatch(locator) {
      const before = context.pages().length;
      const [popup] = await Promise.all([context.waitForEvent('page', { timeout: 10_000 }), locator.click()]);
      await popup.waitForLoadState('domcontentloaded');
      assert.equal(context.pages().length, before + 1, 'one new page');
      return popup;
    }

    // "View status page" → the list page.
    const more = frame.locator('a.embed-more');
    assert.equal(await more.getAttribute('target'), '_blank');
    const listPage = await clickAndCatch(more);
    assert.equal(listPage.url(), app, 'the new tab shows the status page itself');
    await waitForView(listPage, 'li.incident-row[data-incident-id="db-slow"]');
    assert.equal(await listPage.locator('.embed').count(), 0, 'the new tab is the full page, not the widget');
    assert.equal(await listPage.evaluate(() => window.opener), null, 'the new tab has no opener (noopener)');
    await listPage.close();

    // An incident link → that incident's page.
    const link = frame.locator('li.embed-item[data-incident-id="db-slow"] a.incident-link');
    const detailPage = await clickAndCatch(link);
    const opened = new URL(detailPage.url());
    assert.equal(`${opened.origin}${opened.pathname}`, app, 'on the status page');
    assert.equal(opened.searchParams.get('incident'), 'db-slow', 'for the clicked incident');
    assert.equal(opened.searchParams.has('embed'), false, 'without ?embed');
    await waitForView(detailPage, 'article.incident-detail[data-incident-id="db-slow"]');
    assert.equal(await detailPage.evaluate(() => window.opener), null, 'no opener');
    await detailPage.close();

    // The widget and the host page stayed where they were.
    assert.equal(frame.url(), frameUrl, 'the frame did not navigate');
    assert.equal(await frame.evaluate(() => window.__sameDocument), true, 'the widget document is the same');
    assert.equal(await frame.locator(READY).count(), 1, 'the widget still shows its status');
    assert.equal(page.url(), url, 'the host page did not navigate');
    assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the host document is the same');
  });
});

test('host messages: theme and hello are obeyed from allowed origins only', { timeout: 60_000 }, async () => {
  const app = apps.messages;
  const body = `<div class="host-wrap"><h1>Messages</h1><div id="w">${loaderTag(app)}</div></div>`;
  const allowedUrl = host.put('/messages.html', hostHtml({ body }));
  const foreignUrl = foreign.put('/messages.html', hostHtml({ body }));
  const THEME_DARK = { type: 'sitrep:theme', version: 1, theme: 'dark' };
  const HELLO = { type: 'sitrep:hello', version: 1 };

  // A page on an origin that is not in embed_allowed_origins.
  await withPage(env, async ({ page }) => {
    await page.goto(foreignUrl);
    const { frame } = await widget(page, '#w iframe');
    await waitUntil(async () => (await statusMessages(page)).length >= 1, { message: 'the initial status' });
    assert.equal(await frame.evaluate(() => document.documentElement.dataset.theme), 'auto', 'theme starts as auto');
    const statusBefore = (await statusMessages(page)).length;
    await recordFrameMessages(frame);
    await postFromHost(page, '#w iframe', THEME_DARK);
    await postFromHost(page, '#w iframe', HELLO);
    await waitUntil(async () => (await frameReceived(frame)).length >= 2, { message: 'both messages to reach the widget' });
    assert.ok((await frameReceived(frame)).every((m) => m.origin === foreign.origin), 'they came from the foreign origin');
    await sleep(500);
    assert.equal(await frame.evaluate(() => document.documentElement.dataset.theme), 'auto', 'a theme message from a foreign origin is ignored');
    assertPalette(await themeOf(frame), 'light', 'foreign theme message ignored');
    assert.equal((await statusMessages(page)).length, statusBefore, 'a hello from a foreign origin gets no answer');
  });

  // The same page on the allowed origin.
  await withPage(env, async ({ page }) => {
    await page.goto(allowedUrl);
    const { frame } = await widget(page, '#w iframe');
    await waitUntil(async () => (await statusMessages(page)).length >= 1, { message: 'the initial status' });
    assert.equal(await frame.evaluate(() => document.documentElement.dataset.theme), 'auto');

    await postFromHost(page, '#w iframe', THEME_DARK);
    await waitUntil(async () => (await frame.evaluate(() => document.documentElement.dataset.theme)) === 'dark',
      { message: 'data-theme="dark" after the allowed theme message' });
    assertPalette(await themeOf(frame), 'dark', 'after sitrep:theme dark');

    // Malformed or other-version requests change nothing.
    await recordFrameMessages(frame);
    await postFromHost(page, '#w iframe', { type: 'sitrep:theme', version: 1, theme: 'purple' });
    await postFromHost(page, '#w iframe', { type: 'sitrep:theme', version: 2, theme: 'light' });
    await postFromHost(page, '#w iframe', JSON.stringify({ type: 'sitrep:theme', version: 1, theme: 'light' }));
    await waitUntil(async () => (await frameReceived(frame)).length >= 3, { message: 'the malformed messages to arrive' });
    await sleep(300);
    assert.equal(await frame.evaluate(() => document.documentElement.dataset.theme), 'dark',
      'unknown themes, other versions and strings are ignored');

    await postFromHost(page, '#w iframe', { type: 'sitrep:theme', version: 1, theme: 'light' });
    await waitUntil(async () => (await frame.evaluate(() => document.documentElement.dataset.theme)) === 'light',
      { message: 'data-theme="light"' });
    assertPalette(await themeOf(frame), 'light', 'after sitrep:theme light');
    await postFromHost(page, '#w iframe', { type: 'sitrep:theme', version: 1, theme: 'auto' });
    await waitUntil(async () => (await frame.evaluate(() => document.documentElement.dataset.theme)) === 'auto',
      { message: 'data-theme="auto"' });

    const before = await hostRecord(page);
    const statusBefore = (await statusMessages(page)).length;
    await postFromHost(page, '#w iframe', HELLO);
    await waitUntil(async () => (await statusMessages(page)).length > statusBefore, { message: 'a status reply to hello' });
    const reply = (await statusMessages(page)).at(-1);
    assert.deepEqual(reply.data, { type: 'sitrep:status', version: 1, overall: 'major', active: 1 }, 'the reply carries the status');
    assert.equal(reply.origin, new URL(app).origin, 'from the status page');
    assert.equal(reply.from, 'w', 'from the widget frame');
    await waitUntil(async () => (await hostRecord(page)).events.length > before.events.length, { message: 'the reply as a DOM event' });
    assert.deepEqual((await hostRecord(page)).events.at(-1).detail, { overall: 'major', active: 1 });
  });

  // embed_allowed_origins ["*"]: any origin may ask.
  await withPage(env, async ({ page }) => {
    const anyUrl = foreign.put('/messages-any.html', hostHtml({
      body: `<div class="host-wrap"><div id="w">${loaderTag(apps.any)}</div></div>`,
    }));
    await page.goto(anyUrl);
    const { frame } = await widget(page, '#w iframe');
    await waitUntil(async () => (await statusMessages(page)).length >= 1, { message: 'the initial status' });
    await postFromHost(page, '#w iframe', THEME_DARK);
    await waitUntil(async () => (await frame.evaluate(() => document.documentElement.dataset.theme)) === 'dark',
      { message: 'with "*" a theme message from any origin applies' });
    const statusBefore = (await statusMessages(page)).length;
    await postFromHost(page, '#w iframe', HELLO);
    await waitUntil(async () => (await statusMessages(page)).length > statusBefore, { message: 'with "*" any origin gets a reply to hello' });
  });
});

test('options: theme, layout, transparent, show and lang apply; bad values fall back to the defaults', { timeout: 90_000 }, async () => {
  const app = apps.rich;
  let n = 0;
  /** Opens a host page with one loader-made widget with `data` options. */
  async function open(page, data) {
    const url = host.put(`/options-${++n}.html`, hostHtml({
      body: `<div class="host-wrap"><h1>Options ${JSON.stringify(data).replace(/[<>&"]/g, '')}</h1><div id="w">${loaderTag(app, data)}</div></div>`,
    }));
    await page.goto(url);
    const w = await widget(page, '#w iframe');
    await waitForFit(w, JSON.stringify(data));
    return w;
  }

  // The reader prefers dark.
  await withPage(env, { colorScheme: 'dark' }, async ({ page }) => {
    let { frame } = await open(page, { theme: 'light' });
    let t = await themeOf(frame);
    assert.equal(t.dataTheme, 'light');
    assertPalette(t, 'light', 'theme=light in a dark browser');
    assert.ok(luminance(t.bodyBg) > 0.8, `light page background: ${t.bodyBg}`);

    ({ frame } = await open(page, {}));
    t = await themeOf(frame);
    assert.equal(t.dataTheme, 'auto', 'no theme: auto');
    assertPalette(t, 'dark', 'theme auto follows the dark preference');

    ({ frame } = await open(page, { theme: 'purple' }));
    t = await themeOf(frame);
    assert.equal(t.dataTheme, 'auto', 'theme=purple falls back to auto');
    assertPalette(t, 'dark', 'theme=purple behaves like auto');

    ({ frame } = await open(page, { theme: 'dark' }));
    t = await themeOf(frame);
    assert.equal(t.dataTheme, 'dark');
    assertPalette(t, 'dark', 'theme=dark');
    assert.ok(luminance(t.bodyBg) < 0.05, `dark page background: ${t.bodyBg}`);
    assert.ok(parseColor(t.bodyBg).a > 0, 'not transparent unless asked');
  });

  // The reader prefers light.
  await withPage(env, { colorScheme: 'light' }, async ({ page }) => {
    let { frame } = await open(page, { theme: 'dark' });
    let t = await themeOf(frame);
    assertPalette(t, 'dark', 'theme=dark in a light browser');
    assert.ok(luminance(t.bodyBg) < 0.05, `dark page background: ${t.bodyBg}`);
    assert.ok(luminance(t.bodyColor) > 0.6, `light body text: ${t.bodyColor}`);

    ({ frame } = await open(page, {}));
    assertPalette(await themeOf(frame), 'light', 'theme auto follows the light preference');

    // transparent
    ({ frame } = await open(page, { transparent: '1' }));
    t = await themeOf(frame);
    assert.match(t.htmlClass, /\btransparent\b/, 'html has class transparent');
    assert.equal(parseColor(t.bodyBg).a, 0, `transparent body background: ${t.bodyBg}`);
    assert.equal(parseColor(t.htmlBg).a, 0, `transparent html background: ${t.htmlBg}`);
    ({ frame } = await open(page, {}));
    t = await themeOf(frame);
    assert.doesNotMatch(t.htmlClass, /\btransparent\b/, 'no class transparent by default');
    assert.ok(parseColor(t.bodyBg).a > 0, `opaque body background by default: ${t.bodyBg}`);

    // layout
    const list = await open(page, {});
    assert.deepEqual(await embedItemIds(list.frame), RICH_LISTED,
      'default list: open incidents (most severe first) and maintenance under way; not upcoming or resolved');
    for (const id of RICH_LISTED) {
      const item = list.frame.locator(`li.embed-item[data-incident-id="${id}"]`);
      assert.equal(await item.locator('a.incident-link').count(), 1, `${id} links to its page`);
      assert.ok((await textOf(item.locator('.latest-update'))).length > 0, `${id} shows its latest update`);
    }
    const listHeight = (await sizes(list)).outer.client;
    const banner = await open(page, { layout: 'banner' });
    assert.equal(await banner.frame.locator('.embed-list').count(), 0, 'layout=banner has no list');
    assert.match(await banner.frame.locator('#overall-status').getAttribute('class'), /overall--major/, 'the banner shows the overall status');
    assert.equal(await banner.frame.locator('a.embed-more').count(), 1, 'and the link to the page');
    const bannerHeight = (await sizes(banner)).outer.client;
    assert.ok(bannerHeight < listHeight, `the banner iframe is shorter than the list (${bannerHeight} < ${listHeight})`);
    const bad = await open(page, { layout: 'x' });
    assert.equal(await bad.frame.locator('.embed-list').count(), 1, 'layout=x falls back to the list');
    assert.deepEqual(await embedItemIds(bad.frame), RICH_LISTED);

    // show
    ({ frame } = await open(page, { show: 'active' }));
    assert.deepEqual(await embedItemIds(frame), ['db-slow', 'login-slow'], 'show=active: open incidents only');
    ({ frame } = await open(page, { show: 'maintenance' }));
    assert.deepEqual(await embedItemIds(frame), ['db-upgrade'], 'show=maintenance: maintenance under way only');
    assert.match(await frame.locator('#overall-status').getAttribute('class'), /overall--major/, 'the overall status still counts every incident');
    ({ frame } = await open(page, { show: 'bogus' }));
    assert.deepEqual(await embedItemIds(frame), RICH_LISTED, 'show=bogus falls back to both');

    // lang
    ({ frame } = await open(page, { lang: 'de' }));
    await waitUntil(async () => (await textOf(frame.locator('a.embed-more'))) === 'Statusseite öffnen',
      { message: async () => `the German link text, got "${await textOf(frame.locator('a.embed-more'))}"` });
    assert.equal(await frame.evaluate(() => document.documentElement.lang), 'de', 'lang=de');
    assert.equal(new URL(await frame.locator('a.embed-more').evaluate((a) => a.href)).searchParams.get('lang'), 'de',
      'the link keeps the language');
  });
});

test('transparent: the host page background shows through the widget, in light and in dark', { timeout: 60_000 }, async () => {
  const app = apps.rich;
  const HOST_BG = [255, 0, 255];
  const results = [];
  for (const [scheme, theme] of [['light', 'auto'], ['dark', 'light'], ['dark', 'auto'], ['light', 'dark']]) {
    await withPage(env, { colorScheme: scheme }, async ({ page }) => {
      const url = host.put(`/transparent-${scheme}-${theme}.html`, hostHtml({
        style: 'body { background: rgb(255, 0, 255); }',
        body: `<div class="host-wrap"><div id="w">${loaderTag(app, { transparent: '1', theme })}</div></div>`,
      }));
      await page.goto(url);
      const w = await widget(page, '#w iframe');
      await waitForFit(w, 'transparent');
      const box = await w.element.boundingBox();
      // The gap between the overall status and the list shows the page behind the widget.
      const gap = await w.frame.evaluate(() => {
        const over = document.querySelector('#overall-status').getBoundingClientRect();
        const list = document.querySelector('.embed-list').getBoundingClientRect();
        return { y: (over.bottom + list.top) / 2, x: over.left + 20, height: list.top - over.bottom };
      });
      assert.ok(gap.height >= 3, `there is a gap to look through: ${JSON.stringify(gap)}`);
      const px = await pixelAt(page, box.x + gap.x, box.y + gap.y);
      results.push({ scheme, theme, px });
    });
  }
  const wrong = results.filter((r) => HOST_BG.some((c, i) => Math.abs(c - r.px[i]) > 8));
  assert.deepEqual(wrong, [], `the host page's magenta shows through a transparent widget: ${JSON.stringify(results)}`);
});

test('loader: only its own frames size it; resize and status messages from the host or other frames are ignored', { timeout: 60_000 }, async () => {
  const app = apps.messages;
  const url = host.put('/loader.html', hostHtml({
    body: `<div class="host-wrap"><h1>Two widgets and a plain frame</h1>
      ${targetTag('list')}
      <p>Between the widgets.</p>
      ${targetTag('banner', { layout: 'banner', title: 'Status banner' })}
      <p>A frame of the same status page that the loader did not make:</p>
      <iframe id="manual" src="${app}?embed=1" style="width: 320px; height: 40px; border: 0"></iframe>
      ${loaderTag(app)}</div>`,
  }));
  await withPage(env, async ({ page }) => {
    await page.goto(url);
    assert.equal(await page.locator('iframe').count(), 3, 'one iframe per [data-sitrep-embed] element and nothing after the script');
    const list = await widget(page, '#list iframe');
    const banner = await widget(page, '#banner iframe');
    const manual = await widget(page, '#manual');
    assert.equal(await banner.element.getAttribute('title'), 'Status banner', 'data-title names the iframe');
    assert.equal(new URL(await banner.element.getAttribute('src')).searchParams.get('layout'), 'banner', 'each target has its own options');
    assert.equal(await banner.frame.locator('.embed-list').count(), 0);
    assert.equal(await list.frame.locator('.embed-list').count(), 1);
    const listFit = await waitForFit(list, 'list widget');
    const bannerFit = await waitForFit(banner, 'banner widget');
    assert.notEqual(listFit.outer.client, bannerFit.outer.client, 'each iframe has its own height');

    // The plain frame posts too, but the loader neither sizes it nor forwards its status.
    await waitUntil(async () => (await hostRecord(page)).messages.some((m) => m.from === 'manual' && m.data?.type === 'sitrep:resize'),
      { message: 'the plain frame to post its height' });
    assert.equal(await manual.element.evaluate((f) => f.style.height), '40px', 'the loader leaves other frames alone');
    await waitUntil(async () => {
      const where = new Set((await hostRecord(page)).events.map((e) => e.where));
      return where.has('list') && where.has('banner');
    }, { message: 'a status event from each widget' });
    const events = (await hostRecord(page)).events;
    assert.deepEqual(events.filter((e) => !['list', 'banner'].includes(e.where)), [], 'no status event for the plain frame');

    // The host page itself posts what looks like the widget's messages.
    const heights = async () => ({
      list: await list.element.evaluate((f) => f.style.height),
      banner: await banner.element.evaluate((f) => f.style.height),
    });
    const before = await heights();
    const eventsBefore = events.length;
    await page.evaluate(() => {
      window.postMessage({ type: 'sitrep:resize', version: 1, height: 999 }, '*');
      window.postMessage({ type: 'sitrep:status', version: 1, overall: 'operational', active: 0 }, '*');
    });
    await waitUntil(async () => (await hostRecord(page)).messages.filter((m) => m.from === 'self').length >= 2,
      { message: 'the fake messages to be delivered' });
    await sleep(300);
    assert.deepEqual(await heights(), before, 'a resize message from the host origin does not change any iframe');
    assert.equal((await hostRecord(page)).events.length, eventsBefore, 'a status message from the host origin is not re-dispatched');
    await waitForFit(list, 'list widget after the fake messages');
    await waitForFit(banner, 'banner widget after the fake messages');
  });
});

test('loader: a target after the script, as in its usage example, gets the widget even when the script runs first', { timeout: 60_000 }, async () => {
  const app = apps.messages;
  // The page arrives in two parts: the loader's <script> first, the target 800 ms later.
  const url = host.put('/slow.html', [
    {
      text: hostHtml({ body: '' }).replace('</body>\n</html>', '') + `<div class="host-wrap"><h1>Slow page</h1>
        <script>
          window.__targetAddedAt = null;
          new MutationObserver(function () {
            if (window.__targetAddedAt === null && document.getElementById('target')) window.__targetAddedAt = performance.now();
          }).observe(document.documentElement, { childList: true, subtree: true });
        </script>
        <div id="script-box">${loaderTag(app)}</div>${' '.repeat(4096)}\n`,
    },
    { delay: 800, text: `${targetTag('target', { layout: 'banner' })}<p>The rest of the page.</p></div></body></html>` },
  ]);
  await withPage(env, async ({ page }) => {
    await page.goto(url);
    await page.locator('#target').waitFor({ state: 'attached' });
    await page.waitForLoadState('load');
    const timing = await page.evaluate((src) => {
      const entry = performance.getEntriesByType('resource').find((e) => e.name === src);
      return { scriptLoadedAt: entry ? entry.responseEnd : null, targetAddedAt: window.__targetAddedAt };
    }, `${app}embed.js`);
    assert.ok(timing.scriptLoadedAt !== null && timing.scriptLoadedAt < timing.targetAddedAt,
      `precondition: embed.js had arrived before the target was parsed: ${JSON.stringify(timing)}`);
    await sleep(500);
    const frames = await page.locator('iframe').evaluateAll((fs) => fs.map((f) => ({
      inTarget: !!f.closest('#target'), src: f.getAttribute('src'),
    })));
    assert.deepEqual(frames.map((f) => f.inTarget), [true],
      `exactly one widget, inside the [data-sitrep-embed] target with its options: ${JSON.stringify(frames)}`);
    assert.equal(new URL(frames[0].src).searchParams.get('layout'), 'banner', "with the target's data-layout");
  });
});

test('no data: a widget whose list cannot be loaded does not claim that all systems are operational', { timeout: 60_000 }, async () => {
  const app = apps.missing;
  const url = host.put('/missing.html', hostHtml({
    body: `<div class="host-wrap"><h1>Broken bucket</h1><div id="w">${loaderTag(app)}</div></div>`,
  }));
  await withPage(env, async ({ page }) => {
    const mark = env.srv.mark();
    await page.goto(url);
    const { frame } = await widget(page, '#w iframe', { ready: false });
    await frame.locator('.embed #overall-status').waitFor();
    await waitUntil(() => env.srv.requestsSince(mark, 'data').some((r) => r.path === '/embed-missing/data/list.json' && r.status === 404),
      { message: 'the list request and its 404' });
    await sleep(1_000);
    const shown = {
      heading: await textOf(frame.locator('#overall-status')),
      cls: await frame.locator('#overall-status').getAttribute('class'),
    };
    assert.doesNotMatch(shown.cls, /overall--operational/, `not marked operational: ${JSON.stringify(shown)}`);
    assert.doesNotMatch(shown.heading, /operational/i, `the widget does not say all is well when it has no data: ${JSON.stringify(shown)}`);
    const claims = (await statusMessages(page)).map((m) => m.data.overall);
    assert.ok(!claims.includes('operational'), `no status message claims operational: ${JSON.stringify(claims)}`);
  });
});

test('off-screen: a widget far down a long page loads when scrolled near, and polls only while in view', { timeout: 120_000 }, async () => {
  const bucket = buckets.offscreen;
  const app = apps.offscreen;
  const list = bucket.listPath;
  const url = host.put('/long.html', hostHtml({
    body: `<div class="host-wrap"><h1 id="top">A long article</h1>
      <div style="height: 6000px; background: linear-gradient(#fbf8f1, #e8e0cc)">Lots of text.</div>
      ${targetTag('far')}
      <div style="height: 1500px">More text.</div>
      ${loaderTag(app)}</div>`,
  }));
  const listRequests = (mark) => env.srv.requestsSince(mark, 'data').filter((r) => r.path === list);
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    await instrument(page);
    const start = env.srv.mark();
    await page.goto(url);
    await page.locator('#far iframe').waitFor({ state: 'attached' });
    await sleep(1_000);
    const early = env.srv.requestsSince(start, 'app').filter((r) => r.uri.includes('embed=1'));
    assert.deepEqual(early.map((r) => r.uri), [], 'a lazy widget far below the fold is not loaded yet');
    assert.deepEqual(listRequests(start).map((r) => r.uri), [], 'nor is the list fetched');

    // Scrolled to, it loads and shows the status.
    await page.locator('#far').scrollIntoViewIfNeeded();
    const w = await widget(page, '#far iframe');
    assert.ok(listRequests(start).length >= 1, 'the list is fetched once the widget is in view');
    await waitForFit(w, 'far widget');
    await pauseClock(page);
    const view = frameView(page, w.frame);
    await settle(view);

    // In view: it polls about once per interval.
    let mark = env.srv.mark();
    await advance(view, 3 * INTERVAL);
    const inView = listRequests(mark).length;
    assert.ok(inView >= 2 && inView <= 4, `while in view about one poll per interval over 15 s, got ${inView}`);

    // Scrolled away: no polls at all.
    await page.evaluate(() => window.scrollTo(0, 0));
    await sleep(500); // the IntersectionObserver reports on the next frames
    await settle(view);
    mark = env.srv.mark();
    const awayAt = await fakeNow(view);
    await advance(view, 5 * MAX_DELAY);
    await sleep(300);
    assert.deepEqual(listRequests(mark).map((r) => r.uri), [],
      `no poll while the widget is scrolled out of view, over ${5 * MAX_DELAY / 1000} s from ${new Date(awayAt).toISOString()}`);

    // Changes made meanwhile show as soon as it is back in view, and polling resumes.
    bucket.add(newIncident());
    bucket.write();
    mark = env.srv.mark();
    await page.locator('#far').scrollIntoViewIfNeeded();
    await waitUntil(async () => listRequests(mark).length >= 1, { timeout: 5_000, message: 'a request as soon as the widget is in view again' });
    await settle(view);
    assert.equal(listRequests(mark).length, 1, 'one request on coming back into view');
    const added = w.frame.locator('li.embed-item[data-incident-id="api-errors"]');
    await advance(view, 500, { step: 100, until: async () => (await added.count()) > 0 });
    assert.equal(await added.count(), 1, 'what changed while away shows at once');
    await advance(view, 2 * MAX_DELAY, { until: async () => listRequests(mark).length >= 3 });
    assert.ok(listRequests(mark).length >= 3, `polling resumes: ${listRequests(mark).length} requests`);
  });
});

test('full page: the status page without ?embed works inside a frame on another origin', { timeout: 60_000 }, async () => {
  const app = apps.rich;
  const url = foreign.put('/full.html', hostHtml({
    body: `<div class="host-wrap"><h1>Our status</h1>
      <iframe id="full" src="${app}" title="Status page" style="width: 100%; height: 900px; border: 1px solid #ccc"></iframe></div>`,
  }));
  await withPage(env, async ({ page }) => {
    await page.goto(url);
    const element = await page.locator('#full').elementHandle();
    const frame = await element.contentFrame();
    await waitForView(frame, 'li.incident-row[data-incident-id="db-slow"]');
    for (const id of ['db-slow', 'login-slow', 'db-upgrade', 'net-later', 'cdn-old']) {
      assert.equal(await frame.locator(`li.incident-row[data-incident-id="${id}"]`).count(), 1, `the full list shows ${id}`);
    }
    assert.match(await textOf(frame.locator('#overall-status')), /Major outage/i, 'the overall status');
    assert.equal(await frame.locator('.embed').count(), 0, 'not the widget');
    assert.doesNotMatch(await frame.evaluate(() => document.documentElement.className), /embed-mode/, 'no embed-mode');
    assert.match(await frame.locator('.site-title').first().innerText(), new RegExp(TITLE), 'the header with the title');

    // Navigating inside the frame works as on its own.
    await frame.locator('li.incident-row[data-incident-id="db-slow"] a.incident-link').click();
    await waitForView(frame, 'article.incident-detail[data-incident-id="db-slow"]');
    assert.equal(page.url(), url, 'the host page stays');
  });
});

test('screenshots: a host page with the widget at 1280 px and 375 px', { timeout: 60_000 }, async (t) => {
  const app = apps.rich;
  fs.mkdirSync(SHOT_DIR, { recursive: true });
  const url = host.put('/shot.html', hostHtml({
    title: 'Example Cloud – Dashboard',
    style: `
      header { background: #1f2a44; color: #fff; padding: 12px 16px; font: 600 18px system-ui, sans-serif; }
      .grid { display: grid; grid-template-columns: 2fr 1fr; gap: 24px; }
      @media (max-width: 700px) { .grid { grid-template-columns: 1fr; } }
      aside h2 { font: 600 15px system-ui, sans-serif; margin: 0 0 8px; }`,
    body: `<header>Example Cloud</header>
      <div class="host-wrap grid">
        <main><h1>Welcome back</h1>
          <p>Your projects, deployments and invoices are below. If something looks slow, the
          status widget on the right shows what we are working on.</p>
          <p>Lorem ipsum dolor sit amet, consectetur adipiscing elit. Integer nec odio. Praesent
          libero. Sed cursus ante dapibus diam. Sed nisi. Nulla quis sem at nibh elementum
          imperdiet.</p></main>
        <aside><h2>Service status</h2>${loaderTag(app)}</aside>
      </div>`,
  }));
  const shots = [];
  for (const [width, height] of [[1280, 800], [375, 812]]) {
    await withPage(env, { viewport: { width, height } }, async ({ page }) => {
      await page.goto(url);
      const w = await widget(page, 'aside iframe');
      const fit = await waitForFit(w, `${width} px`);
      assert.ok(fit.inner.scrollWidth <= fit.inner.clientWidth + 1, `nothing overflows sideways inside the widget at ${width} px: ${JSON.stringify(fit)}`);
      await w.frame.evaluate(() => document.fonts.ready);
      await sleep(200);
      const file = path.join(SHOT_DIR, `embed-host-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      assert.ok(fs.statSync(file).size > 1000, `${file} was written`);
      shots.push(file);
    });
  }
  t.diagnostic(`screenshots: ${shots.join(' ')}`);
});
