// A normal first load is clean: nothing in the console (not even warnings), and no request
// that fails, for the list and for an incident, in both formats.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  useServersAndBrowser, config, withPage, waitForView, DEMO_NOW,
} from './support/app.mjs';
import { demoList } from './support/fixtures.mjs';
import { sleep } from './support/live.mjs';

const apps = {};
const env = useServersAndBrowser(async ({ srv }) => {
  apps.sitrep = srv.deployApp('native', config({ data_url: srv.copyDemo('sitrep', 'native') }));
  apps.gitlab = srv.deployApp('gitlab', config({ data_url: srv.copyDemo('gitlab', 'gitlab') }));
});

/** Everything the page says or fails to fetch. */
function record(page) {
  const problems = [];
  page.on('console', (msg) => problems.push(`console.${msg.type()}: ${msg.text()}`));
  page.on('requestfailed', (req) => problems.push(`failed: ${req.url()} (${req.failure()?.errorText})`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return problems;
}

for (const format of ['sitrep', 'gitlab']) {
  test(`${format}: a first load of the list and of an incident logs nothing and requests nothing that fails`, { timeout: 60_000 }, async () => {
    const id = String(demoList(format).at(-1).id);
    await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
      const problems = record(page);
      await page.goto(apps[format]);
      await waitForView(page, 'li.incident-row');
      // Long enough for late warnings (an unused preload is reported after a few seconds).
      await sleep(3_500);
      assert.deepEqual(problems, [], 'list page');
    });
    await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
      const problems = record(page);
      await page.goto(`${apps[format]}?incident=${id}`);
      await waitForView(page, `article.incident-detail[data-incident-id="${id}"]`);
      await sleep(3_500);
      assert.deepEqual(problems, [], 'incident page');
    });
  });
}
