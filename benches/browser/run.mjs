// Browser benchmarks of the release build in dist/: first incident visible (app vs a static
// HTML page, unthrottled and on emulated slow 4G), rendering 10,000 incidents and a 500-update
// incident, scrolling them, and 1,000 accelerated polls. Prints one JSON object on stdout;
// benches/browser/report.mjs turns it into BENCHMARKS.md. Progress goes to stderr.
//
//   node benches/browser/run.mjs > results.json
//
// Environment: BENCH_COLD_RUNS (default 7), BENCH_SCALE_RUNS (3), BENCH_SCALE_BUDGET_MS
// (150000: fewer scale runs when they are slow), BENCH_POLLS (1000), BENCH_SCROLL_MS (16000:
// longer than the app's 15 s relative-time tick, so one tick always falls inside the scroll),
// BENCH_ONLY (first,scale,steady), SITREP_DIST (default dist/), SITREP_BIN (the sitrep command
// that writes the snapshot; default target/release/sitrep).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../../tests/browser/support/browser.mjs';
import { config } from '../../tests/browser/support/app.mjs';
import { DIST_DIR } from '../../tests/browser/support/servers.mjs';
import { png } from '../../tests/browser/support/fixtures.mjs';
import { nativeList, nativeDetail, markdownBytes, staticReferencePage, withManyComponents } from './data.mjs';
import { startStaticServer, precompressTree, replaceFile } from './server.mjs';
import { measure, referencedFiles } from './sizes.mjs';

const SITREP_BIN = process.env.SITREP_BIN || 'target/release/sitrep';
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS || 7);
const SCALE_RUNS = Number(process.env.BENCH_SCALE_RUNS || 3);
const POLLS = Number(process.env.BENCH_POLLS || 1000);
const SCROLL_MS = Number(process.env.BENCH_SCROLL_MS || 16_000);
const SCALE_BUDGET_MS = Number(process.env.BENCH_SCALE_BUDGET_MS || 150_000);
const POLL_SECONDS = 5; // the smallest interval config.json allows
const CHANGE_EVERY = 10;

/** Emulated network conditions (Chrome DevTools protocol). */
export const NETWORKS = {
  unthrottled: null,
  'slow 4G': {
    offline: false,
    latency: 150, // ms added to every request
    downloadThroughput: 1_600_000 / 8, // 1.6 Mbit/s
    uploadThroughput: 750_000 / 8,
    connectionType: 'cellular4g',
  },
};

const log = (...args) => console.error('[bench]', ...args);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- site

const NOW = Math.floor(Date.now() / 60_000) * 60_000;

const json = (value) => JSON.stringify(value);

/** The least a polling page can do: re-fetch the list on a timer and read the body. */
const POLLER_PAGE = `<!doctype html>
<meta charset="utf-8">
<title>poller</title>
<script>
let inFlight = false;
setInterval(async () => {
  if (inFlight) return;
  inFlight = true;
  try {
    const response = await fetch('data/list.json', { cache: 'no-cache' });
    await response.arrayBuffer();
  } finally {
    inFlight = false;
  }
}, ${POLL_SECONDS * 1000});
</script>
`;

/** Copies dist/ (without the demo buckets) to `dest` and writes config.json and data files. */
function deploy(dest, cfg, files) {
  fs.cpSync(DIST_DIR, dest, {
    recursive: true,
    filter: (src) => path.relative(DIST_DIR, src).split(path.sep)[0] !== 'demo',
  });
  fs.writeFileSync(path.join(dest, 'config.json'), json(cfg));
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dest, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

function buildSite(root) {
  if (!fs.existsSync(path.join(DIST_DIR, 'index.html'))) {
    throw new Error(`no build in ${DIST_DIR}: run the release build first`);
  }
  const css = fs.readdirSync(DIST_DIR).find((f) => /\.css$/.test(f));
  const list20 = nativeList(20, { now: NOW });
  const list10k = nativeList(10_000, { now: NOW, seed: 3 });
  const list50 = nativeList(50, { now: NOW, seed: 4 });
  const detail = nativeDetail('big', 500, { now: NOW });
  deploy(path.join(root, 'cold'), config(), {
    'data/list.json': json(list20),
    // The physical limit: the same 20 incidents as static HTML, same stylesheet, same server.
    'static.html': staticReferencePage(list20, { title: 'Example Status', cssHref: css }),
  });
  // The same app and incidents with the status already in index.html (sitrep snapshot).
  deploy(path.join(root, 'snapshot'), config(), { 'data/list.json': json(list20) });
  execFileSync(SITREP_BIN, ['snapshot', path.join(root, 'snapshot'), '--now', new Date(NOW).toISOString()], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  deploy(path.join(root, 'scale'), config(), { 'data/list.json': json(list10k) });
  deploy(path.join(root, 'components'), config(), { 'data/list.json': json(withManyComponents(list10k, 50)) });
  // The markdown shows an image every fifth update (loaded lazily while scrolling).
  const images = {};
  const image = png(600, 200, [40, 110, 200]);
  for (const m of JSON.stringify(detail).matchAll(/\((data\/incident\/big\/[^)]+\.png)\)/g)) {
    images[m[1]] = image;
  }
  deploy(path.join(root, 'detail'), config(), {
    'data/list.json': json(list20),
    'data/incident/big.json': json(detail),
    ...images,
  });
  deploy(path.join(root, 'steady'), config({ poll_interval_seconds: POLL_SECONDS }), {
    'data/list.json': json(list50),
    'poller.html': POLLER_PAGE,
  });
  // The same app with polling effectively off, to separate its other timers from polling.
  deploy(path.join(root, 'idle'), config({ poll_interval_seconds: 86_400 }), {
    'data/list.json': json(list50),
  });
  precompressTree(root);
  const size = (rel) => fs.statSync(path.join(root, rel)).size;
  return {
    list10k,
    list50,
    detail,
    inputs: {
      list20Bytes: size('cold/data/list.json'),
      list10kBytes: size('scale/data/list.json'),
      list10kBrotliBytes: size('scale/data/list.json.br'),
      detailBytes: size('detail/data/incident/big.json'),
      detailMarkdownBytes: markdownBytes(detail),
      detailUpdates: detail.updates.length,
      list50Bytes: size('steady/data/list.json'),
    },
  };
}

// ---------------------------------------------------------------- in-page probes

/**
 * Runs in every page before its own scripts. Records (performance.now(), i.e. ms since
 * navigation start): when the first incident link with text is in the DOM and when it is
 * painted (Element Timing), when `target` is in the DOM and the frame after, long tasks,
 * and the wasm instance trunk's loader announces.
 */
function probe(opts) {
  const b = {
    firstLink: null, firstLinkFrame: null, firstLinkPaint: null,
    target: null, targetFrame: null, targetPaint: null, complete: null, completeFrame: null, longtasks: [], wasm: null,
    layoutShift: 0, takeover: null,
  };
  Object.defineProperty(window, '__bench', { value: b });
  const afterFrame = (key) => requestAnimationFrame(() => setTimeout(() => { b[key] = performance.now(); }, 0));
  const check = () => {
    if (b.firstLink === null) {
      const a = document.querySelector('a.incident-link');
      if (a && a.textContent.trim()) {
        b.firstLink = performance.now();
        for (const el of [a, ...a.querySelectorAll('*')]) el.setAttribute('elementtiming', 'first-incident');
        afterFrame('firstLinkFrame');
      }
    }
    if (opts.target && b.target === null && document.querySelector(opts.target)) {
      b.target = performance.now();
      afterFrame('targetFrame');
      // Element Timing only reports what is painted in the viewport: the top of the view.
      const top = opts.paintTarget && document.querySelector(opts.paintTarget);
      if (top) for (const el of [top, ...top.querySelectorAll('*')]) el.setAttribute('elementtiming', 'target');
    }
    if (opts.complete && b.complete === null && document.querySelector(opts.complete)) {
      b.complete = performance.now();
      afterFrame('completeFrame');
    }
    return b.firstLink !== null && (!opts.target || b.target !== null) && (!opts.complete || b.complete !== null);
  };
  const observer = new MutationObserver(() => { if (check()) observer.disconnect(); });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
  // A snapshotted page: when the live page replaced the snapshot.
  const takeover = new MutationObserver(() => {
    if (b.takeover === null && b.firstLink !== null && !document.getElementById('snapshot')
      && document.querySelector('a.incident-link')) {
      b.takeover = performance.now();
      takeover.disconnect();
    }
  });
  takeover.observe(document, { childList: true, subtree: true });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) b.layoutShift += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  } catch {}
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.identifier === 'first-incident' && b.firstLinkPaint === null) b.firstLinkPaint = e.renderTime || e.loadTime;
        if (e.identifier === 'target' && b.targetPaint === null) b.targetPaint = e.renderTime || e.loadTime;
      }
    }).observe({ type: 'element', buffered: true });
  } catch {}
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        b.longtasks.push({ start: e.startTime, duration: e.duration });
        window.__benchLongtask?.(e.startTime, e.duration);
      }
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  addEventListener('TrunkApplicationStarted', (e) => { b.wasm = e.detail && e.detail.wasm; });
}

async function newPage(browser, { target = null, paintTarget = null, complete = null, cold = true, network = null, clock = null } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(probe, { target, paintTarget, complete });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  const errors = [];
  page.on('pageerror', (err) => errors.push(`${err.name}: ${err.message}`));
  page.on('console', (msg) => {
    // Neither page has a favicon; that 404 is the browser's, not the app's.
    if (msg.type() === 'error' && !/favicon\.ico$/.test(msg.location().url || '')) errors.push(msg.text());
  });
  const cdp = await context.newCDPSession(page);
  // Only when needed: a second session with the Network domain on adds its own per-request
  // instrumentation to what the steady-state runs measure.
  if (cold || network) await cdp.send('Network.enable');
  if (cold) await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (network) await cdp.send('Network.emulateNetworkConditions', network);
  if (clock) await page.clock.install({ time: clock });
  return { context, page, cdp, errors };
}

const resources = (page) => page.evaluate(() => performance.getEntriesByType('resource').map((e) => ({
  name: e.name, start: e.startTime, responseEnd: e.responseEnd,
  transferSize: e.transferSize, encodedBodySize: e.encodedBodySize, decodedBodySize: e.decodedBodySize,
})));

// ---------------------------------------------------------------- 2. first incident visible

async function firstIncident(browser, srv) {
  const out = {};
  const urls = { app: srv.url('cold/'), snapshot: srv.url('snapshot/'), static: srv.url('cold/static.html') };
  const pages = Object.keys(urls);
  for (const [netName, network] of Object.entries(NETWORKS)) {
    const runs = Object.fromEntries(pages.map((which) => [which, []]));
    for (let i = 0; i < COLD_RUNS; i++) {
      // Rotate which page goes first, so drift on a busy machine hits all alike.
      const order = pages.map((_, k) => pages[(i + k) % pages.length]);
      for (const which of order) {
        const s = await newPage(browser, { network });
        await s.page.goto(urls[which], { waitUntil: 'commit' });
        await s.page.waitForFunction(() => {
          const b = window.__bench;
          return b.firstLink !== null && b.firstLinkFrame !== null
            && (b.firstLinkPaint !== null || performance.now() - b.firstLinkFrame > 1000);
        }, null, { timeout: 60_000, polling: 50 });
        if (which === 'snapshot') {
          // The take-over, and two frames after it, so a shift it causes is counted.
          await s.page.waitForFunction(() => window.__bench.takeover !== null, null, { timeout: 60_000, polling: 50 });
          await s.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        }
        const m = await s.page.evaluate(() => {
          const b = window.__bench;
          const nav = performance.getEntriesByType('navigation')[0];
          const fcp = performance.getEntriesByName('first-contentful-paint')[0];
          return {
            visible: b.firstLinkPaint ?? b.firstLinkFrame,
            paintSource: b.firstLinkPaint !== null ? 'element timing' : 'frame after insertion',
            inDom: b.firstLink,
            fcp: fcp ? fcp.startTime : null,
            htmlEnd: nav ? nav.responseEnd : null,
            takeover: b.takeover,
            layoutShift: b.layoutShift,
          };
        });
        m.resources = await resources(s.page);
        m.errors = s.errors;
        runs[which].push(m);
        await s.context.close();
      }
      log(`first incident, ${netName}, run ${i + 1}/${COLD_RUNS}: ${pages.map((which) => `${which} ${runs[which].at(-1).visible.toFixed(0)} ms`).join(', ')}`);
    }
    out[netName] = { network, runs };
  }
  return out;
}

/**
 * Sizes of the files the app fetched in the first unthrottled cold run (its data aside),
 * measured on the deployed copy, so they belong to the build that was timed.
 */
function transferSizes(root, first) {
  const dir = path.join(root, 'cold');
  const resources = first?.unthrottled?.runs?.app?.[0]?.resources;
  if (!resources) return measure(dir, referencedFiles(dir));
  const rels = new Set(['index.html', 'config.json']);
  for (const r of resources) {
    const rel = decodeURIComponent(new URL(r.name).pathname).replace(/^\/cold\//, '');
    if (!/^data\//.test(rel) && fs.existsSync(path.join(dir, rel)) && fs.statSync(path.join(dir, rel)).isFile()) rels.add(rel);
  }
  return measure(dir, [...rels]);
}

// ---------------------------------------------------------------- 3. scale

async function scrollThrough(page, durationMs) {
  return page.evaluate(async (duration) => {
    const height = document.documentElement.scrollHeight - innerHeight;
    scrollTo(0, 0);
    const t0 = performance.now();
    let frames = 0;
    let last = t0;
    let maxFrameGap = 0;
    await new Promise((resolve) => {
      const step = () => {
        const now = performance.now();
        frames++;
        maxFrameGap = Math.max(maxFrameGap, now - last);
        last = now;
        const f = Math.min(1, (now - t0) / duration);
        scrollTo(0, Math.round(f * height));
        window.__benchBeat?.(now);
        if (f < 1) requestAnimationFrame(step); else resolve();
      };
      requestAnimationFrame(step);
    });
    // Let a task that started in the last frame finish and be reported.
    await new Promise((r) => setTimeout(r, 200));
    return { t0, t1: performance.now(), height, frames, maxFrameGap, atBottom: scrollY >= height - 2 };
  }, durationMs);
}

const RENDER_TIMEOUT_MS = 90_000;
/** How long past its planned end a scroll may take before the page counts as blocked. */
const SCROLL_GRACE_MS = 20_000;

/**
 * Loads `url`, times data arrival to the last row, then scrolls. The page reports progress
 * and long tasks through bindings as they happen, so a page that blocks its main thread for
 * longer than the grace period is cut off and reported as blocked (for at least that long)
 * instead of stalling the whole run.
 */
async function scaleRun(browser, url, { target, paintTarget = null, complete = null, dataFile }) {
  const s = await newPage(browser, { target, paintTarget, complete });
  let lastBeat = Date.now();
  const longtasks = [];
  await s.page.exposeFunction('__benchBeat', () => { lastBeat = Date.now(); });
  await s.page.exposeFunction('__benchLongtask', (start, duration) => { longtasks.push({ start, duration }); });
  // A page still busy in a long task would keep burning CPU under the next runs: crash its
  // renderer (handled off the main thread) before closing.
  const close = async (busy = false) => {
    if (busy) await Promise.race([s.cdp.send('Page.crash').catch(() => {}), sleep(2_000)]);
    await Promise.race([s.context.close().catch(() => {}), sleep(15_000)]);
  };
  await s.page.goto(url, { waitUntil: 'commit' });
  try {
    await s.page.waitForFunction((complete) => window.__bench.targetFrame !== null
      && (!complete || window.__bench.completeFrame !== null), complete, { timeout: RENDER_TIMEOUT_MS, polling: 100 });
  } catch {
    await close(true);
    return { timedOut: `not rendered within ${RENDER_TIMEOUT_MS / 1000} s`, errors: s.errors };
  }
  const m = await s.page.evaluate((file) => {
    const b = window.__bench;
    const entry = performance.getEntriesByType('resource').find((e) => e.name.split('?')[0].endsWith(file));
    return {
      responseEnd: entry ? entry.responseEnd : null,
      inDom: b.target,
      frame: b.targetFrame,
      painted: b.targetPaint,
      completeInDom: b.complete,
      completeFrame: b.completeFrame,
      rows: document.querySelectorAll('li.incident-row').length,
      updates: document.querySelectorAll('li.update').length,
      domNodes: document.getElementsByTagName('*').length,
      longtasks: b.longtasks.slice(),
    };
  }, dataFile);
  m.arrivalToDom = m.inDom - m.responseEnd;
  m.arrivalToFrame = m.frame - m.responseEnd;
  if (m.painted !== null) m.arrivalToPaint = m.painted - m.responseEnd;
  if (m.completeInDom !== null) {
    m.arrivalToComplete = m.completeInDom - m.responseEnd;
    m.arrivalToCompleteFrame = m.completeFrame - m.responseEnd;
  }
  const renderEnd = Math.max(m.frame, m.completeFrame ?? 0);
  m.renderLongest = Math.max(0, ...m.longtasks.filter((t) => t.start + t.duration >= m.responseEnd && t.start <= renderEnd).map((t) => t.duration));
  delete m.longtasks;
  await sleep(300);
  lastBeat = Date.now();
  const seen = longtasks.length;
  const t0 = await s.page.evaluate(() => performance.now());
  const scrolled = scrollThrough(s.page, SCROLL_MS);
  scrolled.catch(() => {});
  let finished = false;
  const watchdog = (async () => {
    while (!finished) {
      await sleep(250);
      if (Date.now() - lastBeat > SCROLL_GRACE_MS) return null;
    }
    return null;
  })();
  const scroll = await Promise.race([scrolled, watchdog]);
  finished = true;
  if (scroll) {
    m.scroll = { ...scroll, longtasks: longtasks.slice(seen).filter((t) => t.start >= scroll.t0 && t.start < scroll.t1) };
  } else {
    // Blocked: the task still running has lasted at least since the last frame.
    const blockedMs = Date.now() - lastBeat;
    m.scroll = {
      t0,
      blocked: true,
      longtasks: [...longtasks.slice(seen).filter((t) => t.start >= t0), { start: null, duration: blockedMs, unfinished: true }],
      height: null,
    };
  }
  m.errors = s.errors;
  await close(Boolean(m.scroll.blocked));
  return m;
}

function describeScale(r) {
  if (r.timedOut) return r.timedOut;
  const tasks = r.scroll.longtasks.map((t) => `${t.unfinished ? '≥' : ''}${t.duration.toFixed(0)}`).join(' ') || 'none';
  return `${r.arrivalToDom.toFixed(0)} ms to DOM, ${r.arrivalToFrame.toFixed(0)} ms to frame, `
    + `${r.rows || r.updates} ${r.rows ? 'rows' : 'updates'}, long tasks while scrolling (ms): ${tasks}${r.scroll.blocked ? ' (page blocked, cut off)' : ''}`;
}

/**
 * Up to SCALE_RUNS cold runs of each view, alternating, within SCALE_BUDGET_MS: a view that
 * takes tens of seconds gets fewer runs (at least one), and one that did not render at all
 * is not tried again.
 */
async function scale(browser, srv, site) {
  const views = {
    list: {
      label: '10,000 incidents',
      url: srv.url('scale/'),
      // Usable: the history's first page (30 days) and its "Show earlier days" button are
      // drawn; older days render on request.
      target: 'button.history-more',
      dataFile: '/scale/data/list.json',
    },
    components: {
      label: '50 components × 90 days',
      url: srv.url('components/'),
      // Usable: the last component's bar is drawn, up to today.
      target: '[data-component-id="c49"] .cells .cell:last-child',
      dataFile: '/components/data/list.json',
    },
    detail: {
      label: '500 updates',
      url: srv.url('detail/?incident=big'),
      // Usable: the first ten updates (about three screens) are drawn; "complete" is all 500.
      target: 'ol.timeline > li.update:nth-child(10)',
      paintTarget: 'ol.timeline > li.update',
      complete: `ol.timeline > li.update:nth-child(${site.detail.updates.length})`,
      dataFile: '/detail/data/incident/big.json',
    },
  };
  const out = { list: [], components: [], detail: [], budgetMs: SCALE_BUDGET_MS };
  const t0 = Date.now();
  for (let i = 0; i < SCALE_RUNS; i++) {
    for (const [key, view] of Object.entries(views)) {
      const runs = out[key];
      if (runs.some((r) => r.timedOut)) continue;
      if (runs.length > 0 && Date.now() - t0 > SCALE_BUDGET_MS) continue;
      const r = await scaleRun(browser, view.url, view);
      runs.push(r);
      log(`${view.label}, run ${runs.length}/${SCALE_RUNS}: ${describeScale(r)}`);
    }
  }
  return out;
}

// ---------------------------------------------------------------- 4. steady state

async function wasmMemoryBytes(page, cdp) {
  const direct = await page.evaluate(() => window.__bench.wasm?.memory?.buffer?.byteLength ?? null);
  if (direct !== null) return direct;
  // Not announced by the loader: find every WebAssembly.Memory on the heap.
  const proto = await cdp.send('Runtime.evaluate', { expression: 'WebAssembly.Memory.prototype' });
  const found = await cdp.send('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId });
  const sum = await cdp.send('Runtime.callFunctionOn', {
    objectId: found.objects.objectId,
    functionDeclaration: 'function () { return this.reduce((n, m) => n + m.buffer.byteLength, 0); }',
    returnByValue: true,
  });
  return sum.result.value;
}

async function snapshot(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = Object.fromEntries(metrics.map((m) => [m.name, m.value]));
  return {
    heapUsed: heap.usedSize,
    heapTotal: heap.totalSize,
    embedderHeapUsed: heap.embedderHeapUsedSize ?? null,
    wasmMemory: await wasmMemoryBytes(page, cdp),
    taskDuration: metric.TaskDuration,
    scriptDuration: metric.ScriptDuration,
    layoutDuration: metric.LayoutDuration,
    recalcStyleDuration: metric.RecalcStyleDuration,
    nodes: metric.Nodes,
    listeners: metric.JSEventListeners,
  };
}

function delta(start, end, n) {
  const per = (key) => ((end[key] - start[key]) * 1000) / n; // seconds -> ms per poll
  return {
    taskMsPerPoll: per('taskDuration'),
    scriptMsPerPoll: per('scriptDuration'),
    layoutMsPerPoll: per('layoutDuration'),
    styleMsPerPoll: per('recalcStyleDuration'),
  };
}

/**
 * Advances the page's fake clock until the app has fetched data/list.json `polls` more
 * times. Relies only on "the app re-fetches data/list.json on its timer": first a whole
 * interval, then one second at a time until a request starts (jitter, backoff).
 */
async function drivePolls(page, { polls, intervalMs, onPoll = async () => {}, isPoll }) {
  let started = 0;
  let finished = 0;
  const onRequest = (req) => { if (isPoll(req.url())) started++; };
  const onDone = (req) => { if (isPoll(req.url())) finished++; };
  page.on('request', onRequest);
  page.on('requestfinished', onDone);
  page.on('requestfailed', onDone);
  let extraSteps = 0;
  let fakeMs = 0;
  const t0 = Date.now();
  try {
    while (finished < polls) {
      const before = started;
      await page.clock.runFor(intervalMs);
      fakeMs += intervalMs;
      for (let wait = 0; started === before; wait++) {
        const until = Date.now() + 30;
        while (started === before && Date.now() < until) await sleep(1);
        if (started !== before) break;
        if (wait > 3600) throw new Error(`no poll after ${fakeMs / 1000} s of page time`);
        await page.clock.runFor(1000);
        fakeMs += 1000;
        extraSteps++;
      }
      while (finished < started) await sleep(1);
      await page.evaluate(() => 0); // let the page handle the response before time moves on
      await onPoll(finished);
    }
  } finally {
    page.off('request', onRequest);
    page.off('requestfinished', onDone);
    page.off('requestfailed', onDone);
  }
  return { polls: finished, pageSeconds: fakeMs / 1000, extraSteps, wallSeconds: (Date.now() - t0) / 1000 };
}

/**
 * The steady-state app with its 50-incident list, loaded and past its first few polls;
 * `metrics` turns on the Performance domain from the start.
 */
async function openSteadyPage(browser, srv, site, root, { metrics }) {
  replaceFile(path.join(root, 'steady/data/list.json'), json(site.list50), 1_700_000_000);
  const s = await newPage(browser, { cold: false, clock: NOW });
  if (metrics) await s.cdp.send('Performance.enable');
  await s.page.goto(srv.url('steady/'), { waitUntil: 'commit' });
  await s.page.waitForSelector('li.incident-row a.incident-link', { timeout: 60_000 });
  // Let start-up work settle (config and list loaded, a few polls done).
  await drivePolls(s.page, { polls: 3, intervalMs: POLL_SECONDS * 1000, isPoll: isSteadyPoll });
  return s;
}

/** Advances the page's fake clock `n` poll intervals, letting the page run after each. */
async function stepIntervals(page, n) {
  for (let i = 0; i < n; i++) {
    await page.clock.runFor(POLL_SECONDS * 1000);
    await page.evaluate(() => 0);
  }
}

/** Runs `work` under V8's sampling profiler (every 100 µs); returns the profile and its result. */
async function cpuProfile(cdp, work) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const result = await work();
  const { profile } = await cdp.send('Profiler.stop');
  return { profile, result };
}

async function steadyRun(browser, srv, site, { changing, root }) {
  const listFile = path.join(root, 'steady/data/list.json');
  const mark = srv.requests().length;
  const s = await openSteadyPage(browser, srv, site, root, { metrics: true });
  // What the polls change in the DOM: mutation records by kind and element.
  await s.page.evaluate(() => {
    const counts = {};
    Object.defineProperty(window, '__benchMutations', { value: counts });
    new MutationObserver((records) => {
      for (const r of records) {
        const el = r.target.nodeType === Node.ELEMENT_NODE ? r.target : r.target.parentElement;
        const owner = el && el.closest('[class]');
        const where = owner ? ` in .${String(owner.className).split(' ')[0]}` : '';
        const key = `${r.type}${r.attributeName ? ` ${r.attributeName}` : ''} on <${el ? el.tagName.toLowerCase() : '?'}>${where}`;
        counts[key] = (counts[key] || 0) + 1;
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  const start = await snapshot(s.page, s.cdp);
  let version = 0;
  const run = await drivePolls(s.page, {
    polls: POLLS,
    intervalMs: POLL_SECONDS * 1000,
    isPoll: isSteadyPoll,
    onPoll: async (n) => {
      if (!changing || n % CHANGE_EVERY !== 0) return;
      version++;
      const list = structuredClone(site.list50);
      const first = list.incidents[0];
      first.updated_at = new Date(Date.parse(first.updated_at) + version * 60_000).toISOString();
      first.latest_update = `Update ${version}: ${first.latest_update}`;
      replaceFile(listFile, json(list), 1_700_000_000 + version);
    },
  });
  await sleep(200);
  const end = await snapshot(s.page, s.cdp);
  const served = srv.requests().slice(mark).filter((r) => r.path === '/steady/data/list.json');
  const result = {
    changing,
    ...run,
    versions: version,
    start,
    end,
    heapGrowth: end.heapUsed - start.heapUsed,
    wasmGrowth: end.wasmMemory - start.wasmMemory,
    ...delta(start, end, run.polls),
    statuses: served.reduce((acc, r) => ({ ...acc, [r.status]: (acc[r.status] || 0) + 1 }), {}),
    rowsAtEnd: await s.page.locator('li.incident-row').count(),
    mutations: await s.page.evaluate(() => window.__benchMutations),
    errors: s.errors,
  };
  await s.context.close();
  return result;
}

const isSteadyPoll = (url) => url.split('?')[0].endsWith('/steady/data/list.json');

/**
 * Main-thread JS per unchanged poll from a CPU profile (sampling every 100 µs): self time of
 * the app's own scripts and wasm, plus the browser functions they call (fetch, setAttribute…,
 * which have no script of their own and count for their caller). Everything else — the fake
 * clock driving the polls and standing in for the app's timers, the browser's own work outside
 * JS — is shown apart.
 */
function attributeProfile(profile, isApp) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const owner = new Map();
  const ownerOf = (id) => {
    if (owner.has(id)) return owner.get(id);
    const { functionName, url, scriptId } = byId.get(id).callFrame;
    let o;
    if (functionName === '(idle)') o = 'idle';
    else if (functionName === '(program)') o = 'program';
    else if (functionName === '(garbage collector)') o = 'gc';
    else if (url) o = isApp(url) ? 'app' : 'other';
    // Script without a URL is injected (the fake clock the app's timers run on): not the app.
    else if (scriptId !== '0') o = 'other';
    else o = parent.has(id) && ownerOf(parent.get(id)) === 'app' ? 'app' : 'other';
    owner.set(id, o);
    return o;
  };
  const sums = { app: 0, gc: 0, program: 0, other: 0, idle: 0, appFetch: 0 };
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] || 0;
    const o = ownerOf(id);
    sums[o] += us;
    if (o === 'app' && byId.get(id).callFrame.functionName === 'fetch' && !byId.get(id).callFrame.url) sums.appFetch += us;
  });
  return Object.fromEntries(Object.entries(sums).map(([k, us]) => [k, us / 1000]));
}

async function profiledRun(browser, srv, site, root, polls) {
  const s = await openSteadyPage(browser, srv, site, root, { metrics: false });
  const { profile, result: run } = await cpuProfile(s.cdp, () =>
    drivePolls(s.page, { polls, intervalMs: POLL_SECONDS * 1000, isPoll: isSteadyPoll }));
  await s.context.close();
  const appPrefix = srv.url('steady/');
  const ms = attributeProfile(profile, (url) => url.startsWith(appPrefix) && !url.endsWith('poller.html'));
  // The app's other timers (the relative-time tick) ran in the same page time: take them out.
  const timers = await profiledTimers(browser, srv, Math.round(run.pageSeconds / POLL_SECONDS));
  const timersPerPoll = (timers.appMs / timers.pageSeconds) * (run.pageSeconds / run.polls);
  const perPoll = Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, v / run.polls]));
  return { polls: run.polls, pageSeconds: run.pageSeconds, perPoll, timersPerPoll, ownPerPoll: perPoll.app - timersPerPoll };
}

/** The same profile of the app with polling off, advanced `steps` poll intervals. */
async function profiledTimers(browser, srv, steps) {
  const s = await newPage(browser, { cold: false, clock: NOW });
  await s.page.goto(srv.url('idle/'), { waitUntil: 'commit' });
  await s.page.waitForSelector('li.incident-row a.incident-link', { timeout: 60_000 });
  await stepIntervals(s.page, 1);
  const { profile } = await cpuProfile(s.cdp, () => stepIntervals(s.page, steps));
  await s.context.close();
  const appPrefix = srv.url('idle/');
  const ms = attributeProfile(profile, (url) => url.startsWith(appPrefix));
  return { appMs: ms.app, pageSeconds: steps * POLL_SECONDS };
}

/**
 * The browser's own cost of one poll under the same driver: a page whose only script
 * re-fetches the same file on the same timer (cache: no-cache, body read, nothing else).
 */
async function floorRun(browser, srv, n) {
  const s = await newPage(browser, { cold: false, clock: NOW });
  await s.cdp.send('Performance.enable');
  await s.page.goto(srv.url('steady/poller.html'));
  await drivePolls(s.page, { polls: 3, intervalMs: POLL_SECONDS * 1000, isPoll: isSteadyPoll });
  const start = await snapshot(s.page, s.cdp);
  const run = await drivePolls(s.page, { polls: n, intervalMs: POLL_SECONDS * 1000, isPoll: isSteadyPoll });
  const end = await snapshot(s.page, s.cdp);
  await s.context.close();
  return { ...run, ...delta(start, end, run.polls) };
}

/**
 * Advances the clock `n` times by one poll interval on `url` and reports the cost per step:
 * on a static page (the driver alone) or on the app with polling effectively off (its
 * other timers, such as the relative-time tick).
 */
async function timersRun(browser, srv, url, n, waitFor = null) {
  const s = await newPage(browser, { cold: false, clock: NOW });
  await s.cdp.send('Performance.enable');
  await s.page.goto(srv.url(url));
  if (waitFor) await s.page.waitForSelector(waitFor, { timeout: 60_000 });
  const start = await snapshot(s.page, s.cdp);
  await stepIntervals(s.page, n);
  const end = await snapshot(s.page, s.cdp);
  await s.context.close();
  return { iterations: n, ...delta(start, end, n) };
}

async function steady(browser, srv, site, root) {
  const n = Math.min(300, POLLS);
  const calibration = {
    harness: await timersRun(browser, srv, 'cold/static.html', n),
    appTimers: await timersRun(browser, srv, 'idle/', n, 'li.incident-row a.incident-link'),
    floor: await floorRun(browser, srv, n),
  };
  log(`calibration per ${POLL_SECONDS} s step: driver ${calibration.harness.taskMsPerPoll.toFixed(2)} ms, `
    + `app timers (no polls) ${calibration.appTimers.taskMsPerPoll.toFixed(2)} ms, `
    + `browser fetch floor ${calibration.floor.taskMsPerPoll.toFixed(2)} ms task time`);
  const out = { calibration, pollSeconds: POLL_SECONDS, changeEvery: CHANGE_EVERY, listBytes: site.inputs.list50Bytes };
  for (const changing of [false, true]) {
    const r = await steadyRun(browser, srv, site, { changing, root });
    log(`${POLLS} polls, ${changing ? `changing every ${CHANGE_EVERY}` : 'unchanged'}: ${r.taskMsPerPoll.toFixed(2)} ms task/poll, `
      + `heap ${(r.heapGrowth / 1024).toFixed(0)} KiB, wasm ${(r.wasmGrowth / 1024).toFixed(0)} KiB, `
      + `${r.wallSeconds.toFixed(0)} s, statuses ${JSON.stringify(r.statuses)}`);
    out[changing ? 'changing' : 'unchanged'] = r;
  }
  out.profile = await profiledRun(browser, srv, site, root, Math.min(200, POLLS));
  const pp = out.profile.perPoll;
  log(`CPU profile per unchanged poll: app ${pp.app.toFixed(2)} ms (fetch() ${pp.appFetch.toFixed(2)}, other timers `
    + `${out.profile.timersPerPoll.toFixed(2)}, own ${out.profile.ownPerPoll.toFixed(2)}), gc ${pp.gc.toFixed(2)}, `
    + `browser outside JS ${pp.program.toFixed(2)}, harness ${pp.other.toFixed(2)}`);
  return out;
}

// ---------------------------------------------------------------- main

async function main() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-bench-site-'));
  const t0 = Date.now();
  const site = buildSite(root);
  log(`site ready (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  const srv = await startStaticServer(root);
  const browser = await launchBrowser();
  const results = {
    startedAt: new Date().toISOString(),
    browserVersion: browser.version(),
    loadavgStart: os.loadavg(),
    settings: { COLD_RUNS, SCALE_RUNS, SCALE_BUDGET_MS, POLLS, SCROLL_MS },
    inputs: site.inputs,
  };
  try {
    const only = (process.env.BENCH_ONLY || 'first,scale,steady').split(',');
    if (only.includes('first')) results.firstIncident = await firstIncident(browser, srv);
    results.transfer = transferSizes(root, results.firstIncident);
    if (only.includes('scale')) results.scale = await scale(browser, srv, site);
    if (only.includes('steady')) results.steady = await steady(browser, srv, site, root);
  } finally {
    await browser.close().catch(() => {});
    await srv.stop();
    if (!process.env.BENCH_KEEP_SITE) fs.rmSync(root, { recursive: true, force: true });
  }
  results.loadavgEnd = os.loadavg();
  results.seconds = (Date.now() - t0) / 1000;
  process.stdout.write(`${JSON.stringify(results, null, 1)}\n`);
}

await main();
