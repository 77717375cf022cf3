// What a first visit transfers, measured in Chromium: the release build deployed as a CDN
// serves it (precompressed brotli, support/cdn.mjs), the list page opened cold, and every
// response counted as the browser received it (CDP `Network.loadingFinished`
// encodedDataLength: compressed body plus headers), the document included, until the
// incident list is drawn and the network has been quiet for a moment. Fails when the total
// is over `sizes.first_visit_ceiling_bytes` in benches/budget.json, listing every file.
// The status data (data/) is the deployer's, not the build's: listed, not counted.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { config } from './support/app.mjs';
import { DEMO_NOW, launchBrowser, openPage, describeErrors } from './support/browser.mjs';
import { precompressTree, startStaticServer } from './support/cdn.mjs';
import { DEMO_DIR, DIST_DIR, REPO_ROOT } from './support/servers.mjs';
import { onDemand } from '../../benches/browser/sizes.mjs';

const BUDGET_FILE = path.join(REPO_ROOT, 'benches', 'budget.json');
const { sizes } = JSON.parse(fs.readFileSync(BUDGET_FILE, 'utf8'));
const CEILING = sizes.first_visit_ceiling_bytes.value;
const GOAL = sizes.first_visit_goal_brotli_bytes.value;
/** How long the network must stay quiet after the list is drawn to count the visit as done. */
const QUIET_MS = 1000;

let root;
let srv;
let browser;

before(async () => {
  if (!fs.existsSync(path.join(DIST_DIR, 'index.html'))) {
    throw new Error(`built app not found: ${path.join(DIST_DIR, 'index.html')} (build it first or set SITREP_DIST)`);
  }
  // The build without its demo buckets, a config.json and the demo's status data.
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-budget-'));
  fs.cpSync(DIST_DIR, root, {
    recursive: true,
    filter: (src) => path.relative(DIST_DIR, src).split(path.sep)[0] !== 'demo',
  });
  fs.writeFileSync(path.join(root, 'config.json'), JSON.stringify(config(), null, 2));
  fs.cpSync(path.join(DEMO_DIR, 'sitrep', 'data'), path.join(root, 'data'), { recursive: true });
  precompressTree(root);
  srv = await startStaticServer(root);
  browser = await launchBrowser();
});

after(async () => {
  try { await browser?.close(); } catch {}
  await srv?.stop();
  if (root && !process.env.SITREP_KEEP_TMP) fs.rmSync(root, { recursive: true, force: true });
});

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

/** Opens the list page cold; returns every finished response with what it transferred. */
async function firstVisit() {
  const session = await openPage(browser, { clock: DEMO_NOW });
  const { context, page, pageErrors } = session;
  try {
    const cdp = await context.newCDPSession(page);
    const requests = new Map();
    let lastActivity = Date.now();
    cdp.on('Network.requestWillBeSent', (e) => {
      requests.set(e.requestId, { url: e.request.url, done: false });
      lastActivity = Date.now();
    });
    cdp.on('Network.responseReceived', (e) => {
      const r = requests.get(e.requestId);
      if (r) Object.assign(r, { status: e.response.status, encoding: e.response.headers['content-encoding'] || e.response.headers['Content-Encoding'] || '' });
    });
    cdp.on('Network.loadingFinished', (e) => {
      const r = requests.get(e.requestId);
      if (r) Object.assign(r, { done: true, bytes: e.encodedDataLength });
      lastActivity = Date.now();
    });
    cdp.on('Network.loadingFailed', (e) => {
      const r = requests.get(e.requestId);
      if (r) Object.assign(r, { done: true, failed: e.errorText, bytes: 0 });
      lastActivity = Date.now();
    });
    await cdp.send('Network.enable');
    await page.goto(srv.url('/'));
    await page.locator('li.incident-row a.incident-link').first().waitFor({ state: 'visible', timeout: 30_000 });
    // Whatever the first view still fetches after it is drawn belongs to the first visit.
    const until = Date.now() + 15_000;
    while ([...requests.values()].some((r) => !r.done) || Date.now() - lastActivity < QUIET_MS) {
      if (Date.now() > until) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(pageErrors.length, 0, `uncaught page errors:\n${describeErrors(pageErrors)}`);
    return [...requests.values()];
  } finally {
    await context.close().catch(() => {});
  }
}

test('a first visit of the list page transfers no more than the ceiling in benches/budget.json', async (t) => {
  const responses = await firstVisit();
  // data: URLs (the stylesheet's icons) transfer nothing.
  const files = responses.filter((r) => /^https?:/.test(r.url))
    .map((r) => ({ ...r, rel: decodeURIComponent(new URL(r.url).pathname).replace(/^\//, '') || 'index.html' }));
  const pending = files.filter((f) => !f.done);
  assert.deepEqual(pending.map((f) => f.rel), [], 'every request of the first visit finished');
  const failed = files.filter((f) => f.failed || f.status >= 400);
  assert.deepEqual(failed.map((f) => `${f.rel}: ${f.failed || f.status}`), [], 'every request of the first visit succeeded');
  // The parts the list does not need (src/ui/chunks.rs) and the sanitiser come after it is
  // drawn, when the browser is idle (tests/browser/chunks.test.mjs): listed, not counted.
  const later = files.filter((f) => onDemand(f.rel));
  const counted = files.filter((f) => !f.rel.startsWith('data/') && !onDemand(f.rel)).sort((a, b) => b.bytes - a.bytes);
  const data = files.filter((f) => f.rel.startsWith('data/'));
  const total = counted.reduce((n, f) => n + f.bytes, 0);
  const table = [
    ...counted.map((f) => `${String(f.bytes).padStart(9)}  ${f.rel}${f.encoding ? ` (${f.encoding})` : ''}`),
    `${String(total).padStart(9)}  total (${kib(total)}); ceiling ${CEILING} (${kib(CEILING)}), goal ${kib(GOAL)} brotli`,
    ...later.map((f) => `${String(f.bytes).padStart(9)}  ${f.rel} (fetched when idle after the list is drawn, not counted)`),
    ...data.map((f) => `${String(f.bytes).padStart(9)}  ${f.rel} (status data, not counted)`),
  ].join('\n');
  for (const line of table.split('\n')) t.diagnostic(line);
  assert.ok(counted.some((f) => f.rel.endsWith('_bg.wasm')), `the wasm was fetched:\n${table}`);
  assert.ok(later.some((f) => f.rel.startsWith('split_incident-')), `the incident page's chunk was prefetched:\n${table}`);
  // Served as a CDN serves them: every text file and the wasm brotli-compressed.
  const plain = counted.filter((f) => /\.(html|js|css|wasm|json|svg)$/.test(f.rel) && f.encoding !== 'br');
  assert.deepEqual(plain.map((f) => f.rel), [], `served without brotli:\n${table}`);
  assert.ok(total <= CEILING,
    `a first visit transferred ${total} bytes, over the ceiling of ${CEILING} in benches/budget.json `
    + `(sizes.first_visit_ceiling_bytes):\n${table}`);
});
