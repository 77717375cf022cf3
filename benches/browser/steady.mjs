// Steady state: accelerated polls on a fake clock, unchanged and changing, with heap, wasm
// memory and CPU per poll, calibrated against the measuring itself, the app's other timers
// and a page that only polls; then a CPU profile of the unchanged polls.
import path from 'node:path';
import { log, newPage, sleep } from './page.mjs';
import { json, NOW, POLL_SECONDS } from './site.mjs';
import { replaceFile } from '../../tests/browser/support/cdn.mjs';

export const POLLS = Number(process.env.BENCH_POLLS || 1000);
const CHANGE_EVERY = 10;

async function wasmMemoryBytes(page, cdp) {
  const direct = await page.evaluate(() => window.__bench.memory?.buffer?.byteLength ?? null);
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

export async function steady(browser, srv, site, root) {
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
