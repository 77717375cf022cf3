// Scale: rendering 10,000 incidents, 50 components × 90 days and a 500-update incident from
// data arrival, then scrolling each view while long tasks are collected.
import { log, newPage, sleep } from './page.mjs';

export const SCALE_RUNS = Number(process.env.BENCH_SCALE_RUNS || 3);
export const SCROLL_MS = Number(process.env.BENCH_SCROLL_MS || 16_000);
export const SCALE_BUDGET_MS = Number(process.env.BENCH_SCALE_BUDGET_MS || 150_000);

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
async function scaleRun(browser, url, { target, paintTarget = null, complete = null, begin = null, dataFile }) {
  const s = await newPage(browser, { target, paintTarget, complete, begin });
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
      begin: b.begin,
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
  const longestBetween = (from, to) => Math.max(0, ...m.longtasks.filter((t) => t.start + t.duration >= from && t.start <= to).map((t) => t.duration));
  m.renderLongest = longestBetween(m.responseEnd, renderEnd);
  // The view's own drawing, apart from the page it sits on: from its first piece to its last frame.
  if (m.begin !== null) m.drawLongest = longestBetween(m.begin, m.frame);
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
export async function scale(browser, srv, site) {
  const views = {
    list: {
      label: '10,000 incidents',
      url: srv.url('scale/'),
      // Usable: the history's first page (30 days, or fewer holding 30 incidents) and its
      // "Show earlier days" button are drawn; older days render on request. Shown: the paint of
      // the top of the list, put into the DOM in the same task as the history.
      target: 'button.history-more',
      paintTarget: 'a.incident-link',
      dataFile: '/scale/data/list.json',
    },
    components: {
      label: '50 components × 90 days',
      url: srv.url('components/'),
      // Usable: the last component's bar is drawn, up to today. The bars are drawn a few rows
      // a frame after the list; their drawing starts with the first cell.
      target: '[data-component-id="c49"] .cells .cell:last-child',
      begin: '.cells .cell',
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
