// Hostile networks: each failure tells the deployer what to fix, while readers keep the last
// good data under the stale-data notice.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useServersAndBrowser, config, withPage, waitForView, textOf } from './support/app.mjs';
import { waitUntil } from './support/live.mjs';
import { putNativeBucket, nativeIncident } from './support/fixtures.mjs';

const incident = nativeIncident({
  id: 'net-1',
  title: 'Network test incident',
  status: 'investigating',
  impact: 'minor',
  started_at: '2026-11-23T08:00:00Z',
  updated_at: '2026-11-23T08:30:00Z',
});

const env = useServersAndBrowser(async ({ srv }) => {
  putNativeBucket(srv, 'no-cors/bucket/', [incident]);
  putNativeBucket(srv, 'good/', [incident]);
  srv.deployApp('cors', config({ data_url: srv.dataUrl('no-cors/bucket/') }));
  srv.deployApp('refused', config({ data_url: 'http://127.0.0.1:1/' }));
  srv.deployApp('dns', config({ data_url: 'http://sitrep-no-such-host.invalid/' }));
  srv.deployApp('html', config({ data_url: srv.dataUrl('good/'), poll_interval_seconds: 5 }));
  // The list fetched early (js/early.js), on another origin and on the page's own.
  putNativeBucket(srv, 'early/', [incident]);
  srv.deployApp('early-cross', config({ data_url: srv.dataUrl('early') }));
  srv.deployApp('early-same', config({ data_url: 'bucket' }));
  srv.putApp('early-same/bucket/data/list.json', { sitrep: 1, incidents: [incident] });
});

async function errorText(page, path) {
  await page.goto(env.srv.appUrl(path));
  await waitForView(page, '.error-panel', { timeout: 20_000 });
  return textOf(page.locator('.error-panel'));
}

test('a data server without CORS headers is named as a CORS problem', async () => {
  await withPage(env, {}, async ({ page }) => {
    const text = await errorText(page, 'cors/');
    assert.match(text, /Access-Control-Allow-Origin/, text);
    assert.match(text, new RegExp(env.srv.appOrigin.replace(/[.:/]/g, '\\$&')), `names the page origin: ${text}`);
  });
});

test('a refused connection and an unknown host say the server is unreachable, not CORS', async () => {
  await withPage(env, {}, async ({ page }) => {
    const refused = await errorText(page, 'refused/');
    assert.match(refused, /Could not reach http:\/\/127\.0\.0\.1:1\/data\/list\.json/, refused);
    assert.doesNotMatch(refused, /Access-Control/, refused);
    const dns = await errorText(page, 'dns/');
    assert.match(dns, /Could not reach http:\/\/sitrep-no-such-host\.invalid\/data\/list\.json/, dns);
    assert.match(dns, /DNS/, dns);
  });
});

test('an HTML page instead of JSON keeps the last data and says what is wrong', async () => {
  await withPage(env, {}, async ({ page }) => {
    await page.goto(env.srv.appUrl('html/'));
    await waitForView(page, 'li.incident-row');
    // The bucket starts answering with an error page, as a misrouted CDN or S3 does.
    env.srv.putData('good/data/list.json', '<!DOCTYPE html><html><body><h1>403 Forbidden</h1></body></html>');
    await page.locator('.stale-notice').waitFor({ timeout: 15_000 });
    const notice = await textOf(page.locator('.stale-notice'));
    assert.match(notice, /retrying/i, notice);
    assert.match(notice, /data\/list\.json is an HTML page, not JSON/, notice);
    assert.match(notice, /data_url/, `tells the deployer what to check: ${notice}`);
    assert.equal(await page.locator('li.incident-row').count(), 1, 'the last good data stays');
    assert.equal(await textOf(page.locator('a.incident-link')), 'Network test incident');
    // The next poll gets the same broken file, with the same ETag: a file that failed to
    // parse is read and fails again, it is never taken as "unchanged, so fine".
    const mark = env.srv.mark();
    const listAnswers = () => env.srv.requestsSince(mark).filter((r) => r.path.endsWith('/good/data/list.json'));
    await waitUntil(async () => listAnswers().length >= 1, { timeout: 30_000, message: 'one more poll of data/list.json' });
    await page.waitForTimeout(500);
    assert.match(await textOf(page.locator('.stale-notice')), /is an HTML page, not JSON/, 'still the error after an unchanged poll');
  });
});

test('the first config and list requests start before the wasm runs and are taken over, not repeated', async () => {
  for (const [site, listOrigin, listPath] of [
    ['early-cross', 'data', '/early/data/list.json'],
    ['early-same', 'app', '/early-same/bucket/data/list.json'],
  ]) {
    await withPage(env, {}, async ({ page }) => {
      // The wasm is held back until the list has been requested (or for 10 s): only the
      // script that runs before the wasm can ask for the list while the wasm is held.
      const order = [];
      let listRequested;
      const listSeen = new Promise((resolve) => { listRequested = resolve; });
      page.on('request', (request) => {
        if (new URL(request.url()).pathname === listPath) { order.push('list'); listRequested(); }
      });
      await page.route('**/*_bg.wasm', async (route) => {
        await Promise.race([listSeen, new Promise((resolve) => setTimeout(resolve, 10_000))]);
        order.push('wasm');
        await route.continue();
      });
      const mark = env.srv.mark();
      await page.goto(env.srv.appUrl(`${site}/`));
      await waitForView(page, 'li.incident-row', { timeout: 30_000 });
      assert.equal(await textOf(page.locator('a.incident-link')), 'Network test incident', site);
      assert.deepEqual(order, ['list', 'wasm'], `${site}: the list is requested before the wasm runs, and once`);
      // A data_url without its trailing slash still names the same list URL.
      const lists = env.srv.requestsSince(mark, listOrigin).filter((r) => r.path === listPath);
      const configs = env.srv.requestsSince(mark, 'app').filter((r) => r.path === `/${site}/config.json`);
      assert.equal(lists.length, 1, `${site}: data/list.json requested once: ${JSON.stringify(lists)}`);
      assert.equal(configs.length, 1, `${site}: config.json requested once: ${JSON.stringify(configs)}`);
    });
  }
});

test('the page is drawn once with its data, and without it only after a second of waiting', async () => {
  // The list answers 300 ms late: the page waits for it rather than drawing itself empty first.
  await withPage(env, {}, async ({ page }) => {
    await page.addInitScript(() => {
      window.__drawnEmpty = false;
      new MutationObserver(() => {
        if (document.querySelector('footer.site-footer') && !document.querySelector('li.incident-row')) window.__drawnEmpty = true;
      }).observe(document, { childList: true, subtree: true });
    });
    await page.route('**/early-same/bucket/data/list.json', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await route.continue();
    });
    await page.goto(env.srv.appUrl('early-same/'));
    await waitForView(page, 'li.incident-row');
    assert.equal(await page.evaluate(() => window.__drawnEmpty), false, 'no moment shows the page without its incidents');
    assert.equal(await page.locator('#boot').count(), 0, "index.html's loading markup is gone");
  });
  // The list never answers: after the wait the page is drawn, still loading, header and footer on.
  await withPage(env, {}, async ({ page }) => {
    await page.route('**/early-same/bucket/data/list.json', () => {});
    await page.goto(env.srv.appUrl('early-same/'));
    await page.locator('footer.site-footer').waitFor({ timeout: 10_000 });
    assert.equal(await textOf(page.locator('header .site-title')), 'Example Status');
    assert.equal(await page.locator('#boot').count(), 0, "index.html's loading markup is gone");
    assert.equal(await page.locator('main .loading').count(), 1, 'the page says it is loading');
    await page.unrouteAll({ behavior: 'ignoreErrors' });
  });
});
