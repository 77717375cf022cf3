// The status snapshot `sitrep snapshot` puts into index.html: shown before (and without) the
// wasm, accessible, under the strict CSP; replaced by the live page in one task without moving
// anything; never shown in place of another page (an incident, the embed, a filter).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { useServersAndBrowser, config, withPage, waitForView, textOf, DEMO_NOW } from './support/app.mjs';
import { REPO_ROOT } from './support/servers.mjs';
import { axeViolations, describeViolations } from './support/axe.mjs';
import { demoList, readDemoJson } from './support/fixtures.mjs';

// The policy the README recommends (csp.test.mjs), with the data origin allowed.
const POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' https: data: http://127.0.0.1:*",
  "connect-src 'self' http://127.0.0.1:*",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

const AS_OF = '2026-11-23 09:00 UTC';

/** Runs the sitrep command (built by cargo, as the README's publish jobs run it). */
function sitrep(...args) {
  return execFileSync('cargo', ['run', '--quiet', '--bin', 'sitrep', '--', ...args], {
    cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  });
}

let native;
let gitlab;
const env = useServersAndBrowser(async ({ srv }) => {
  srv.copyDemo('sitrep', 'native/');
  srv.copyDemo('gitlab', 'gitlab/');
  native = srv.deployApp('native', config({ title: 'Snapshot Status', data_url: srv.dataUrl('native/') }));
  gitlab = srv.deployApp('gitlab', config({ title: 'GitLab Snapshot', data_url: srv.dataUrl('gitlab/') }));
  for (const name of ['native', 'gitlab']) {
    sitrep('snapshot', path.join(srv.appRoot, name), '--bucket', path.join(srv.dataRoot, name),
      '--now', DEMO_NOW.toISOString());
  }
}, { appHeaders: { 'Content-Security-Policy': POLICY } });

/** Keeps the wasm from loading: what readers see before it arrives, or when it never does. */
async function blockWasm(page) {
  await page.route('**/*.wasm', (route) => route.abort());
}

/** Collects CSP violations from the first script on. */
async function watchCsp(page) {
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

test('without the wasm, the snapshot shows the status, the open incidents and its age, accessibly', async () => {
  const open = demoList('sitrep').filter((i) => i.kind !== 'maintenance' && !['resolved', 'completed'].includes(i.status));
  for (const [width, height] of [[1280, 800], [375, 812]]) {
    for (const colorScheme of ['light', 'dark']) {
      // The blocked wasm is the page's one error.
      await withPage(env, { viewport: { width, height }, colorScheme, allowPageErrors: true }, async ({ page }) => {
        await blockWasm(page);
        await watchCsp(page);
        await page.goto(native);
        const snapshot = page.locator('#snapshot');
        await snapshot.waitFor({ state: 'visible' });
        assert.equal(await page.locator('.boot-loading').isVisible(), false, 'the loading skeleton is hidden');
        assert.equal(await textOf(snapshot.locator('#overall-status h1')), 'Major outage');
        assert.equal(await textOf(snapshot.locator('.overall-as-of')), `Status as of ${AS_OF}`);
        const rows = await snapshot.locator('.active-incidents li.incident-row').evaluateAll(
          (els) => els.map((el) => el.dataset.incidentId));
        assert.deepEqual(rows.sort(), open.map((i) => i.id).sort(), 'every open incident, no other');
        assert.ok(await snapshot.locator('.history .day').count() > 0, 'recent history by day');
        assert.ok(await snapshot.locator('.components .component-row, .components li').count() > 0, 'components');
        // Before axe, whose own script tag the policy blocks.
        assert.deepEqual(await page.evaluate(() => window.__csp), [], 'no CSP violation');
        const violations = await axeViolations(page);
        assert.deepEqual(violations, [], describeViolations(`${width}px ${colorScheme}`, violations));
      });
    }
  }
});

test('GitLab titles show as their text in the snapshot, and nothing from the feed runs', async () => {
  await withPage(env, { allowPageErrors: true }, async ({ page }) => {
    await blockWasm(page);
    await page.addInitScript(() => { window.__ran = false; });
    await page.goto(gitlab);
    await page.locator('#snapshot').waitFor({ state: 'visible' });
    const titles = await page.locator('#snapshot .incident-link-text').allInnerTexts();
    assert.ok(titles.length > 0, 'incident titles are in the snapshot');
    for (const title of titles) assert.doesNotMatch(title, /<\w/, 'titles are text, not markup');
    assert.equal(await page.locator('#snapshot script, #snapshot iframe, #snapshot [onerror]').count(), 0);
  });
});

test('the live page takes over in one task: nothing moves, no duplicate ids, later polls show', async () => {
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    await watchCsp(page);
    // Layout shifts and duplicate ids, recorded from the first paint on.
    await page.addInitScript(() => {
      window.__shifts = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__shifts.push(entry.value);
      }).observe({ type: 'layout-shift', buffered: true });
      window.__duplicates = [];
      new MutationObserver(() => {
        const ids = [...document.querySelectorAll('[id]')].map((el) => el.id);
        const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
        if (repeated.length) window.__duplicates.push(...repeated);
      }).observe(document, { childList: true, subtree: true });
    });
    // The wasm waits until the snapshot has been measured.
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route('**/*.wasm', async (route) => { await held; await route.continue(); });
    await page.goto(native);
    await page.locator('#snapshot #overall-status').waitFor({ state: 'visible' });
    const boxes = () => page.evaluate(() => {
      const box = (selector) => {
        const el = document.querySelector(selector);
        if (!el) return null;
        const r = el.getBoundingClientRect();
        return [selector, Math.round(r.x), Math.round(r.y)];
      };
      return ['.site-header', '#overall-status h1', '#active-incidents-heading',
        '.active-incidents li.incident-row .incident-link', '#maintenance-heading', '#components-heading', '#history-heading']
        .map(box);
    });
    const before = await boxes();
    assert.ok(before.every(Boolean), `every measured part is in the snapshot: ${JSON.stringify(before)}`);
    release();
    await page.locator('#snapshot').waitFor({ state: 'detached' });
    assert.equal(await page.locator('#overall-status').count(), 1, 'one status banner, the live one');
    assert.deepEqual(JSON.stringify(await boxes()), JSON.stringify(before), 'the live page draws everything where the snapshot had it');
    assert.equal(await page.evaluate(() => window.__shifts.reduce((a, b) => a + b, 0)), 0, 'CLS is 0');
    assert.deepEqual(await page.evaluate(() => window.__duplicates), [], 'never two elements with one id');
    assert.match(await textOf(page.locator('.overall-as-of')), /^Status as of /);
    assert.doesNotMatch(await textOf(page.locator('.overall-as-of')), /UTC/, 'the live page says it relatively');

    // A later poll shows new data: the snapshot is gone, the page is live.
    const list = readDemoJson('sitrep', 'data/list.json');
    list.incidents.unshift({
      ...list.incidents.find((i) => i.kind !== 'maintenance'),
      id: 'snapshot-later', title: 'Opened after the snapshot', status: 'investigating',
      updated_at: DEMO_NOW.toISOString(),
    });
    env.srv.putData('native/data/list.json', list);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.locator('li[data-incident-id="snapshot-later"]').waitFor({ timeout: 10_000 });
    assert.deepEqual(await page.evaluate(() => window.__csp), [], 'no CSP violation');
  });
});

test('the first paint shows the snapshot, before the live page replaces it', async () => {
  for (let run = 0; run < 3; run++) {
    // No fake clock: it would stand in for the paint timings' own.
    await withPage(env, async ({ page }) => {
      await page.addInitScript(() => {
        window.__takeover = null;
        let seen = false;
        new MutationObserver(() => {
          const there = document.getElementById('snapshot') !== null;
          seen ||= there;
          if (seen && !there && window.__takeover === null) window.__takeover = performance.now();
        }).observe(document, { childList: true, subtree: true });
      });
      // The wasm comes 300 ms late, as over a real network: on loopback the app can be ready
      // before the browser's first paint, which then rightly shows the live page at once.
      // A first paint that waited for the wasm still fails.
      await page.route('**/*_bg.wasm', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        await route.continue();
      });
      await page.goto(native);
      await page.waitForFunction(() => window.__takeover !== null);
      const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
      const takeover = await page.evaluate(() => window.__takeover);
      assert.ok(fcp !== null && fcp < takeover,
        `run ${run + 1}: the first paint (${fcp?.toFixed(1)} ms) shows the snapshot, before the live page replaced it (${takeover.toFixed(1)} ms)`);
    });
  }
});

test('an incident link, the embed, a component filter and a legacy link never show the list snapshot', async () => {
  const id = demoList('sitrep')[0].id;
  const otherPages = [`?incident=${id}`, '?embed=1', '?component=api', `#/data%2Fincident%2F${id}.json`];
  for (const suffix of otherPages) {
    await withPage(env, { allowPageErrors: true }, async ({ page }) => {
      await blockWasm(page);
      await page.goto(`${native}${suffix}`);
      await page.locator('.boot-loading').waitFor({ state: 'visible' });
      assert.equal(await page.locator('#snapshot').isVisible(), false, `${suffix}: the list snapshot is hidden`);
    });
    // With the wasm, the page asked for appears (not the list).
    await withPage(env, async ({ page }) => {
      await page.goto(`${native}${suffix}`);
      const expected = suffix.startsWith('?embed') ? '.embed' : suffix.startsWith('?component') ? '.filter-note' : 'article.incident-detail';
      await waitForView(page, expected);
      assert.equal(await page.locator('#snapshot').count(), 0, `${suffix}: the snapshot is gone`);
    });
  }
});
