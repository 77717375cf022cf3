// Deep links: ?incident=<id> and ?incident=<id>#update-<id> opened in a fresh
// page, and the app deployed under a subpath of a plain static server.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
  useServersAndBrowser, config, withPage, waitForView, textOf, incidentParam, viewportPosition, DEMO_NOW,
} from './support/app.mjs';
import { DEMO_DIR } from './support/servers.mjs';
import {
  demoList, demoDetails, gitlabIncident, glParagraph, putGitlabBucket,
  nativeIncident, nativeUpdate, putNativeBucket,
} from './support/fixtures.mjs';

let demoApp;
let longNativeApp;
let longGitlabApp;
let subpathApp;
let demoIncident; // { id, title, updateIds (oldest first) }
const env = useServersAndBrowser(async () => {
  const list = demoList('sitrep');
  const details = demoDetails('sitrep');
  // The listed demo incident with the most updates.
  const listed = new Set(list.map((i) => String(i.id)));
  const best = details
    .filter(({ json }) => listed.has(String(json.id)) && Array.isArray(json.updates) && json.updates.length > 0)
    .sort((a, b) => b.json.updates.length - a.json.updates.length)[0];
  assert.ok(best, 'demo/sitrep has an incident with updates');
  const entry = list.find((i) => String(i.id) === String(best.json.id));
  assert.ok(entry, `incident ${best.json.id} is in demo/sitrep/data/list.json`);
  const byTime = [...best.json.updates].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  demoIncident = { id: String(best.json.id), title: best.json.title, updateIds: byTime.map((u) => String(u.id)) };

  const srv = env.srv;
  demoApp = srv.deployApp('demo', config({ title: 'Demo', data_url: srv.copyDemo('sitrep', 'native') }));
  longNativeApp = srv.deployApp('long-native', config({
    title: 'Long', format: 'sitrep', data_url: putNativeBucket(srv, 'long-native', longNativeBucket()),
  }));
  longGitlabApp = srv.deployApp('long-gitlab', config({
    title: 'Long GitLab', format: 'gitlab', data_url: putGitlabBucket(srv, 'long-gitlab', longGitlabBucket()),
  }));
  // Subpath deploy: the app and its bucket side by side under /status/, data_url relative.
  subpathApp = srv.deployApp('status', config({ title: 'Status under a subpath', data_url: './' }));
  fs.cpSync(path.join(DEMO_DIR, 'sitrep'), path.join(srv.appRoot, 'status'), { recursive: true });
});

const VERY_LONG = 150;
const LOREM = 'The database cluster kept failing over between zones while replication caught up. '.repeat(12);

function longNativeBucket() {
  const updates = Array.from({ length: 30 }, (_, i) => nativeUpdate({
    id: `u${i + 1}`,
    status: i === 29 ? 'resolved' : 'investigating',
    at: new Date(Date.UTC(2026, 10, 22, 0, i * 5)).toISOString(),
    body: `Update number ${i + 1}. ${LOREM}`,
  }));
  return [nativeIncident({
    id: 'long-one',
    title: 'Long running incident',
    status: 'resolved',
    impact: 'minor',
    started_at: '2026-11-22T00:00:00Z',
    updated_at: '2026-11-22T02:25:00Z',
    resolved_at: '2026-11-22T02:25:00Z',
    description: `What happened. ${LOREM}`,
    updates,
  }), nativeIncident({
    id: 'very-long',
    title: 'Incident with a very long timeline',
    status: 'monitoring',
    impact: 'minor',
    started_at: '2026-11-20T00:00:00Z',
    updated_at: '2026-11-21T00:00:00Z',
    description: 'Many short updates: the timeline is drawn in chunks.',
    updates: Array.from({ length: VERY_LONG }, (_, i) => nativeUpdate({
      id: `v${i + 1}`,
      status: 'monitoring',
      at: new Date(Date.UTC(2026, 10, 20, 0, i * 9)).toISOString(),
      body: `Very long update ${i + 1}.`,
    })),
  })];
}

function longGitlabBucket() {
  const comments = Array.from({ length: 40 }, (_, i) => ({
    note: glParagraph(`Comment number ${i + 1}. ${LOREM}`),
    created_at: new Date(Date.UTC(2026, 10, 22, 1, i)).toISOString(),
  }));
  return [gitlabIncident({
    iid: 7,
    title: 'Search is slow',
    status: 'opened',
    description: glParagraph(`Searches time out. ${LOREM}`),
    comments,
    created_at: '2026-11-22T01:00:00.000Z',
    updated_at: '2026-11-22T01:39:00.000Z',
  })];
}

/** Per update, top to bottom: whether the browser draws it (not skipped by content-visibility). */
function drawnUpdates(page) {
  return page.locator('ol.timeline > li.update .update-head')
    .evaluateAll((els) => els.map((el) => el.checkVisibility({ contentVisibilityAuto: true })));
}

async function expectUpdateInView(page, updateId) {
  const el = await waitForView(page, `li.update[id="update-${updateId}"]`);
  // The app may scroll once the detail has rendered: give it a moment.
  await page.waitForFunction((id) => {
    const r = document.getElementById(id)?.getBoundingClientRect();
    return r && r.bottom > 0 && r.top < window.innerHeight;
  }, `update-${updateId}`, { timeout: 5000 }).catch(() => {});
  const pos = await viewportPosition(el);
  assert.ok(pos.inViewport, `#update-${updateId} is scrolled into view (top ${pos.top}, viewport ${pos.innerHeight}, scrollY ${pos.scrollY})`);
  return pos;
}

test('?incident=<id> opens the incident in a fresh page', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    await page.goto(`${demoApp}?incident=${encodeURIComponent(demoIncident.id)}`);
    const article = await waitForView(page, `article.incident-detail[data-incident-id="${demoIncident.id}"]`);
    assert.equal(await textOf(article.locator('h1.incident-title')), demoIncident.title);
    const ids = await article.locator('ol.timeline > li.update').evaluateAll((els) => els.map((e) => e.id));
    assert.deepEqual([...ids].sort(), demoIncident.updateIds.map((u) => `update-${u}`).sort(), 'every update is rendered');
    // A short timeline is drawn whole, off-screen too: a full-page capture shows all of it.
    const visibility = await article.locator('ol.timeline > li.update > .update-content')
      .evaluateAll((els) => els.map((el) => getComputedStyle(el).contentVisibility));
    assert.deepEqual(visibility, ids.map(() => 'visible'), 'no update of a short timeline waits to be scrolled to');
    assert.equal(incidentParam(page), demoIncident.id);
  });
});

test('?incident=<id>#update-<id> scrolls to that update (demo data)', { timeout: 60_000 }, async () => {
  const oldest = demoIncident.updateIds[0];
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    await page.goto(`${demoApp}?incident=${encodeURIComponent(demoIncident.id)}#update-${oldest}`);
    await expectUpdateInView(page, oldest);
    const href = await page.locator(`li.update[id="update-${oldest}"] a.permalink`).getAttribute('href');
    const resolved = new URL(href, page.url());
    assert.equal(resolved.searchParams.get('incident'), demoIncident.id, `permalink keeps the incident: ${href}`);
    assert.equal(resolved.hash, `#update-${oldest}`, `permalink points at the update: ${href}`);
  });
});

test('deep link to an update far down a long native incident', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    // Newest first, so the oldest updates are at the bottom of the page.
    await page.goto(`${longNativeApp}?incident=long-one#update-u3`);
    const pos = await expectUpdateInView(page, 'u3');
    assert.ok(pos.scrollY > 0, `the page scrolled (scrollY ${pos.scrollY})`);
    const tall = await page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight * 3);
    assert.ok(tall, 'the incident is several screens long, so the check means something');
  });
});

test('a 150-update timeline: every update arrives, newest first, and a deep link to the oldest works', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    await page.goto(`${longNativeApp}?incident=very-long`);
    await waitForView(page, 'article.incident-detail[data-incident-id="very-long"]');
    await page.waitForFunction((n) => document.querySelectorAll('ol.timeline > li.update').length === n, VERY_LONG, { timeout: 15_000 });
    const ids = await page.locator('ol.timeline > li.update').evaluateAll((els) => els.map((e) => e.id));
    const newestFirst = Array.from({ length: VERY_LONG }, (_, i) => `update-v${VERY_LONG - i}`);
    assert.deepEqual(ids, newestFirst, 'all updates, each once, newest first');
    assert.match(await textOf(page.locator('#updates-heading')), new RegExp(`\\(${VERY_LONG}\\)`));
    // A long timeline draws only the updates near the screen; the rest when scrolled to. (The
    // browser decides at the frame after they were added.)
    const oldestDrawn = (drawn) => document.querySelector('li.update[id="update-v1"] .update-head')
      .checkVisibility({ contentVisibilityAuto: true }) === drawn;
    await page.waitForFunction(oldestDrawn, false, { timeout: 5000 }).catch(() => {});
    let drawn = await drawnUpdates(page);
    assert.equal(drawn[0], true, 'the newest update, on screen, is drawn');
    assert.equal(drawn.at(-1), false, 'the oldest, screens below, is not drawn yet');
    await page.locator('li.update[id="update-v1"]').scrollIntoViewIfNeeded();
    await page.waitForFunction(oldestDrawn, true, { timeout: 5000 }).catch(() => {});
    drawn = await drawnUpdates(page);
    assert.equal(drawn.at(-1), true, 'scrolled to, the oldest update is drawn');
    assert.equal(drawn[0], false, 'the newest, now screens above, is not');

    // The oldest update is the last one drawn: a deep link to it (a fresh load, not a hash
    // change) still lands on it.
    await page.goto('about:blank');
    await page.goto(`${longNativeApp}?incident=very-long#update-v1`);
    const pos = await expectUpdateInView(page, 'v1');
    assert.ok(pos.scrollY > 0, `the page scrolled (scrollY ${pos.scrollY})`);
    assert.equal(await page.locator('li.update[id="update-v1"]').getAttribute('class').then((c) => /\bis-target\b/.test(c)), true, 'the linked update is highlighted');
  });
});

test('deep link to a GitLab comment far down the page', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    for (const n of [3, 38]) {
      await page.goto(`${longGitlabApp}?incident=7#update-${n}`);
      const pos = await expectUpdateInView(page, String(n));
      const text = await textOf(page.locator(`li.update[id="update-${n}"] .rich-text`));
      assert.ok(text.startsWith(`Comment number ${n}.`), `update-${n} is comment ${n}: "${text.slice(0, 40)}"`);
      assert.ok(pos.top < pos.innerHeight && pos.bottom > 0, 'in view');
    }
    // Update 1 (oldest) and update 40 (newest) are far apart: the scroll really happened.
    const far = await page.evaluate(() => Math.abs(document.getElementById('update-1').getBoundingClientRect().top
      - document.getElementById('update-40').getBoundingClientRect().top));
    assert.ok(far > 2 * 800, `updates span several screens (${far}px)`);
  });
});

test('deployed under /status/: list, click, reload, deep link', { timeout: 90_000 }, async () => {
  const mark = env.srv.mark();
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    await page.goto(subpathApp);
    await waitForView(page, 'li.incident-row');
    assert.equal(await textOf(page.locator('.site-title')), 'Status under a subpath');

    const row = page.locator(`li.incident-row[data-incident-id="${demoIncident.id}"] a.incident-link`);
    await row.click();
    await waitForView(page, `article.incident-detail[data-incident-id="${demoIncident.id}"]`);
    let url = new URL(page.url());
    assert.equal(url.pathname, '/status/', `stays under the subpath: ${page.url()}`);
    assert.equal(url.searchParams.get('incident'), demoIncident.id);

    await page.reload();
    await waitForView(page, `article.incident-detail[data-incident-id="${demoIncident.id}"]`);

    await page.goBack();
    await waitForView(page, 'li.incident-row');
    url = new URL(page.url());
    assert.equal(url.pathname, '/status/', `back stays under the subpath: ${page.url()}`);

    const newest = demoIncident.updateIds[demoIncident.updateIds.length - 1];
    await page.goto(`${subpathApp}?incident=${encodeURIComponent(demoIncident.id)}#update-${newest}`);
    await expectUpdateInView(page, newest);
    await page.reload();
    await expectUpdateInView(page, newest);
  });

  const requests = env.srv.requestsSince(mark, 'app');
  const outside = requests.filter((r) => !r.path.startsWith('/status/') && r.path !== '/favicon.ico');
  assert.deepEqual(outside.map((r) => r.uri), [], 'nothing is requested outside /status/');
  const failed = requests.filter((r) => r.status >= 400 && r.path !== '/favicon.ico');
  assert.deepEqual(failed.map((r) => `${r.status} ${r.uri}`), [], 'every request under /status/ succeeded');
});
