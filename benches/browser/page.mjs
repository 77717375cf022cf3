// What every measurement uses: progress logging, and fresh pages with the in-page probe that
// records when the first incident, a target element and a complete view appear, long tasks,
// layout shifts and the wasm instance.

export const log = (...args) => console.error('[bench]', ...args);
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs in every page before its own scripts. Records (performance.now(), i.e. ms since
 * navigation start): when the first incident link with text is in the DOM and when it is
 * painted (Element Timing), when `target` is in the DOM and the frame after, when `begin`
 * (the first piece of a view drawn over several frames) is in the DOM, long tasks,
 * and the wasm instance trunk's loader announces.
 */
function probe(opts) {
  const b = {
    firstLink: null, firstLinkFrame: null, firstLinkPaint: null,
    target: null, targetFrame: null, targetPaint: null, complete: null, completeFrame: null, begin: null, longtasks: [], wasm: null,
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
    if (opts.begin && b.begin === null && document.querySelector(opts.begin)) b.begin = performance.now();
    if (opts.complete && b.complete === null && document.querySelector(opts.complete)) {
      b.complete = performance.now();
      afterFrame('completeFrame');
    }
    return b.firstLink !== null && (!opts.target || b.target !== null) && (!opts.complete || b.complete !== null)
      && (!opts.begin || b.begin !== null);
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
  addEventListener('sitrep-started', (e) => { b.memory = e.detail && e.detail.memory; });
}

export async function newPage(browser, { target = null, paintTarget = null, complete = null, begin = null, cold = true, network = null, clock = null } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(probe, { target, paintTarget, complete, begin });
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

export const resources = (page) => page.evaluate(() => performance.getEntriesByType('resource').map((e) => ({
  name: e.name, start: e.startTime, responseEnd: e.responseEnd,
  transferSize: e.transferSize, encodedBodySize: e.encodedBodySize, decodedBodySize: e.decodedBodySize,
})));
