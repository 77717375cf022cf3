// Leaving a page ends what it started: its request in flight is aborted, and its wait for a
// heading to focus stops at the next navigation.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import {
  useServersAndBrowser, config, withPage, waitForView, DEMO_NOW,
} from './support/app.mjs';
import { nativeIncident, putNativeBucket } from './support/fixtures.mjs';
import { startFaultyProxy } from './support/faulty-proxy.mjs';
import { waitUntil, sleep } from './support/live.mjs';

const incident = (id, title) => nativeIncident({
  id, title, status: 'resolved', impact: 'minor',
  started_at: '2026-11-22T08:00:00Z', resolved_at: '2026-11-22T09:00:00Z', description: 'Done.', updates: [],
});

let appUrl;
let proxy;
const env = useServersAndBrowser(async ({ srv }) => {
  putNativeBucket(srv, 'nav', [incident('slow-a', 'Slow A'), incident('slow-b', 'Slow B'), incident('fast', 'Fast')]);
  proxy = await startFaultyProxy({ target: srv.dataOrigin });
  appUrl = srv.deployApp('', config({ data_url: proxy.url('nav/') }));
});
after(async () => { await proxy?.close(); });

test('leaving an incident whose file is still loading aborts its request', { timeout: 60_000 }, async () => {
  proxy.setMode('hang', { only: /\/slow-a\.json$/ });
  try {
    await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
      const aborted = [];
      page.on('requestfailed', (req) => {
        if (req.url().endsWith('/slow-a.json')) aborted.push(req.failure()?.errorText);
      });
      await page.goto(appUrl);
      await waitForView(page, 'li.incident-row[data-incident-id="slow-a"]');
      await page.locator('li.incident-row[data-incident-id="slow-a"] a.incident-link').click();
      await waitUntil(() => proxy.heldCount() === 1, { message: 'the detail request to hang' });
      await page.locator('.back-nav a').click();
      await waitForView(page, '#overall-status');
      // Well before the request's own 20 s timeout.
      await waitUntil(() => aborted.length === 1, {
        timeout: 3_000, message: 'the request of the page that was left to be aborted',
      });
      assert.deepEqual(aborted, ['net::ERR_ABORTED']);
    });
  } finally {
    proxy.setMode('pass');
  }
});

/** Counts the page's 100 ms timers: the heading-focus retries. */
function countRetries() {
  const original = window.setTimeout;
  window.__retries = 0;
  window.setTimeout = function (fn, delay, ...args) {
    if (delay === 100) window.__retries += 1;
    return original.call(this, fn, delay, ...args);
  };
}

test('a navigation ends the previous page\'s wait for its heading', { timeout: 60_000 }, async () => {
  proxy.setMode('hang', { only: /\/slow-[ab]\.json$/ });
  try {
    await withPage(env, async ({ page }) => {
      await page.addInitScript(countRetries);
      await page.goto(appUrl);
      await waitForView(page, 'li.incident-row[data-incident-id="slow-a"]');
      // Two pages in a row whose heading never appears (their files hang).
      await page.locator('li.incident-row[data-incident-id="slow-a"] a.incident-link').click();
      await page.locator('.back-nav').waitFor();
      await page.evaluate(() => {
        history.pushState(null, '', '?incident=slow-b');
        window.dispatchEvent(new PopStateEvent('popstate'));
      });
      await page.waitForURL((u) => u.searchParams.get('incident') === 'slow-b');
      await sleep(300);
      const start = await page.evaluate(() => window.__retries);
      await sleep(1_000);
      const retries = await page.evaluate(() => window.__retries) - start;
      // One page's retries: one per 100 ms. Two pages' would be twice as many.
      assert.ok(retries > 0, 'the open page still waits for its heading');
      assert.ok(retries <= 13, `only the open page retries: ${retries} retries in 1 s`);
    });
  } finally {
    proxy.setMode('pass');
  }
});

test('links to the page are followed without a reload; modified clicks, the skip link and back are the browser\'s', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW }, async ({ page, context }) => {
    await page.goto(`${appUrl}?lang=de`);
    await waitForView(page, 'li.incident-row[data-incident-id="fast"]');
    // A marker on the window survives only navigations that do not reload the page.
    await page.evaluate(() => { window.__samePage = true; });
    const link = page.locator('li.incident-row[data-incident-id="fast"] a.incident-link');

    // Ctrl-click: a new tab, this page stays where it is.
    const opened = context.waitForEvent('page');
    await link.click({ modifiers: [process.platform === 'darwin' ? 'Meta' : 'Control'] });
    const tab = await opened;
    await tab.waitForLoadState('domcontentloaded');
    assert.match(tab.url(), /[?&]incident=fast\b/, `the new tab opens the incident: ${tab.url()}`);
    assert.match(tab.url(), /[?&]lang=de\b/, 'the language travels along');
    await tab.close();
    assert.equal(new URL(page.url()).searchParams.get('incident'), null, 'this page did not move');

    // A plain click: the incident, in the same page, with ?lang carried along.
    await link.click();
    await waitForView(page, 'article.incident-detail[data-incident-id="fast"]');
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('incident'), 'fast');
    assert.equal(url.searchParams.get('lang'), 'de');
    assert.equal(await page.evaluate(() => window.__samePage), true, 'no reload');

    // The skip link is a fragment of this page: the browser moves focus, the page stays.
    await page.locator('a.skip-link').focus();
    await page.keyboard.press('Enter');
    assert.equal(new URL(page.url()).searchParams.get('incident'), 'fast', 'still the incident');

    await page.goBack();
    await waitForView(page, 'li.incident-row[data-incident-id="fast"]');
    assert.equal(new URL(page.url()).searchParams.get('incident'), null, 'back is the list');
    assert.equal(await page.evaluate(() => window.__samePage), true, 'back does not reload either');
    await page.goForward();
    await waitForView(page, 'article.incident-detail[data-incident-id="fast"]');
  });
});
