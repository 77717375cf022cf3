// Opening an incident from the list once the page has been idle: from the click until the
// incident's heading is painted, unthrottled. The incident page is a wasm chunk of its own
// (src/ui/chunks.rs), fetched while the list page is idle; this measures that it is.
import { log, newPage, resources } from './page.mjs';
import { COLD_RUNS } from './first-incident.mjs';

/** Waits until the list is drawn and the incident page's chunk has arrived, then a quiet second. */
async function idleList(page) {
  await page.waitForFunction(() => document.querySelector('a.incident-link')
    && performance.getEntriesByType('resource').some((e) => /\/split_incident-[0-9a-f]+\.wasm$/.test(e.name) && e.responseEnd > 0),
  null, { timeout: 60_000, polling: 50 });
  await page.waitForTimeout(1000);
}

/** Clicks the first incident and resolves with ms until its heading is in the DOM and painted. */
const openFirst = () => new Promise((resolve) => {
  const t0 = performance.now();
  let inDom = null;
  const done = () => {
    if (inDom !== null || !document.querySelector('article.incident-detail h1')) return false;
    inDom = performance.now() - t0;
    requestAnimationFrame(() => setTimeout(() => resolve({ inDom, painted: performance.now() - t0 }), 0));
    return true;
  };
  const observer = new MutationObserver(() => { if (done()) observer.disconnect(); });
  observer.observe(document, { childList: true, subtree: true });
  document.querySelector('a.incident-link').click();
});

export async function openIncident(browser, srv) {
  const runs = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const s = await newPage(browser);
    await s.page.goto(srv.url('open/'), { waitUntil: 'commit' });
    await idleList(s.page);
    const before = (await resources(s.page)).length;
    const m = await s.page.evaluate(openFirst);
    const after = await resources(s.page);
    m.requestsAfterClick = after.slice(before).map((r) => new URL(r.name).pathname.replace(/^\/open\//, ''));
    m.errors = s.errors;
    runs.push(m);
    await s.context.close();
    log(`open incident after idle, run ${i + 1}/${COLD_RUNS}: ${m.painted.toFixed(0)} ms (${m.requestsAfterClick.join(', ')})`);
  }
  return { runs };
}
