// Browser benchmarks of the release build in dist/: first incident visible (app vs a static
// HTML page, unthrottled and on emulated slow 4G), opening an incident after the list was idle, rendering 10,000 incidents and a 500-update
// incident, scrolling them, and 1,000 accelerated polls. Prints one JSON object on stdout;
// benches/browser/report.mjs turns it into BENCHMARKS.md. Progress goes to stderr.
//
//   node benches/browser/run.mjs > results.json
//
// Environment: BENCH_COLD_RUNS (default 15), BENCH_SCALE_RUNS (3), BENCH_SCALE_BUDGET_MS
// (150000: fewer scale runs when they are slow), BENCH_POLLS (1000), BENCH_SCROLL_MS (16000:
// longer than the app's 15 s relative-time tick, so one tick always falls inside the scroll),
// BENCH_ONLY (first,open,scale,steady), SITREP_DIST (default dist/), SITREP_BIN (the sitrep command
// that writes the snapshot; default target/release/sitrep).
//
// One module per measurement: first-incident.mjs, open-incident.mjs, transfer.mjs (always: from the first cold
// run when there is one, else from what index.html refers to), scale.mjs and steady.mjs;
// site.mjs builds the site they are served from (by tests/browser/support/cdn.mjs), and
// page.mjs opens pages with the in-page probe.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../../tests/browser/support/browser.mjs';
import { COLD_RUNS, firstIncident } from './first-incident.mjs';
import { openIncident } from './open-incident.mjs';
import { log } from './page.mjs';
import { SCALE_BUDGET_MS, SCALE_RUNS, SCROLL_MS, scale } from './scale.mjs';
import { buildSite } from './site.mjs';
import { startStaticServer } from '../../tests/browser/support/cdn.mjs';
import { POLLS, steady } from './steady.mjs';
import { transferSizes } from './transfer.mjs';

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
    const only = (process.env.BENCH_ONLY || 'first,open,scale,steady').split(',');
    if (only.includes('first')) results.firstIncident = await firstIncident(browser, srv);
    if (only.includes('open')) results.openIncident = await openIncident(browser, srv);
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
