// First incident visible: sitrep as deployed, sitrep with a snapshot in index.html and a
// static HTML page with the same incidents, cold, unthrottled and on emulated slow 4G.
import { log, newPage, resources } from './page.mjs';

// Even the static page's first paint varies by tens of milliseconds from run to run on a small
// machine: fewer runs cannot tell a 1.2× ratio from 1.3×.
export const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS || 15);

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

export async function firstIncident(browser, srv) {
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
          // Chrome drops an Element Timing entry when its element leaves the DOM before the
          // paint is presented, which the live page's take-over of a snapshot often does. A link
          // that was in the DOM before the first contentful paint was painted in it.
          const [visible, paintSource] = b.firstLinkPaint !== null ? [b.firstLinkPaint, 'element timing']
            : fcp && b.firstLink <= fcp.startTime ? [fcp.startTime, 'first contentful paint']
              : [b.firstLinkFrame, 'frame after insertion'];
          return {
            visible,
            paintSource,
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
