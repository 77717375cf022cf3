// Archive files: loaded on request, merged into the history in date order, kept while the
// reader opens an incident and comes back, found again for a link to an archived incident,
// and followed when a later poll adds one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  useServersAndBrowser, config, withPage, waitForView, textOf, DEMO_NOW,
} from './support/app.mjs';
import { nativeIncident, NATIVE_VERSION } from './support/fixtures.mjs';

const resolved = (id, title, at, extra = {}) => nativeIncident({
  id, title, status: 'resolved', impact: 'minor', started_at: at, resolved_at: at,
  description: `About ${title}.`, ...extra,
});

const CURRENT = resolved('current', 'Current list incident', '2026-11-20T10:00:00Z', { components: ['api'] });
// A day (2025-12-31 in UTC) split across the two archive files.
const NEWER = [
  resolved('b', 'New year incident', '2026-01-01T08:00:00Z'),
  // Its detail file is not at the default path: the archive entry names it.
  resolved('c', 'Elsewhere incident', '2025-12-31T20:00:00Z', { url: 'data/moved/c-detail.json' }),
];
const OLDER = [resolved('a', 'Old year incident', '2025-12-31T09:00:00Z')];

const entry = ({ description, updates, ...summary }) => summary;
const ARCHIVES = [
  { url: 'data/archive/2026.json', title: 'Early 2026', count: NEWER.length },
  { url: 'data/archive/2025.json', title: '2025', count: OLDER.length },
];

function putList(srv, prefix, { archive = ARCHIVES, components = [{ id: 'api', name: 'API' }] } = {}) {
  srv.putData(`${prefix}/data/list.json`, {
    sitrep: NATIVE_VERSION, components, incidents: [entry(CURRENT)], archive,
  });
}

function putBucket(srv, prefix) {
  putList(srv, prefix);
  srv.putData(`${prefix}/data/archive/2026.json`, { sitrep: NATIVE_VERSION, incidents: NEWER.map(entry) });
  srv.putData(`${prefix}/data/archive/2025.json`, { sitrep: NATIVE_VERSION, incidents: OLDER.map(entry) });
  for (const inc of [CURRENT, ...NEWER, ...OLDER]) {
    const file = inc.url || `data/incident/${inc.id}.json`;
    srv.putData(`${prefix}/${file}`, { sitrep: NATIVE_VERSION, ...inc });
  }
  return srv.dataUrl(`${prefix}/`);
}

let appUrl;
let liveAppUrl;
const env = useServersAndBrowser(async ({ srv }) => {
  appUrl = srv.deployApp('', config({ data_url: putBucket(srv, 'arch') }));
  liveAppUrl = srv.deployApp('live', config({ data_url: putBucket(srv, 'live') }));
});

const dayHeadings = (page) => page.locator('section.history section.day h3 time')
  .evaluateAll((times) => times.map((t) => t.getAttribute('datetime')));

async function loadArchive(page, title) {
  const before = await page.locator('li.incident-row').count();
  await page.getByRole('button', { name: new RegExp(title) }).click();
  await page.waitForFunction((n) => document.querySelectorAll('li.incident-row').length > n, before);
}

test('archives loaded in any order join the history by date, one heading per day', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    await page.goto(`${appUrl}?tz=UTC`);
    await waitForView(page, 'li.incident-row[data-incident-id="current"]');
    await loadArchive(page, '2025');
    await loadArchive(page, 'Early 2026');
    const days = await dayHeadings(page);
    assert.deepEqual(days, ['2026-11-20', '2026-01-01', '2025-12-31'], 'each day once, newest first');
    const lastDay = page.locator('section.history section.day').last();
    const ids = await lastDay.locator('li.incident-row').evaluateAll((rows) => rows.map((r) => r.dataset.incidentId));
    assert.deepEqual(ids, ['c', 'a'], 'both files fill one day, newest first');
    assert.equal(await page.locator('.archive-button').count(), 0, 'loaded archives lose their buttons');
  });
});

test('an archived incident whose entry names its file opens, and the history survives going back', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    await page.goto(`${appUrl}?tz=UTC`);
    await waitForView(page, 'li.incident-row[data-incident-id="current"]');
    await loadArchive(page, 'Early 2026');
    await page.locator('li.incident-row[data-incident-id="c"] a.incident-link').click();
    const article = await waitForView(page, 'article.incident-detail[data-incident-id="c"]');
    assert.match(await textOf(article), /About Elsewhere incident/);

    await page.goBack();
    await waitForView(page, 'li.incident-row[data-incident-id="current"]');
    assert.equal(await page.locator('li.incident-row[data-incident-id="c"]').count(), 1,
      'the loaded archive is still shown after back navigation');
    assert.equal(await page.getByRole('button', { name: /Early 2026/ }).count(), 0);
    assert.equal(await page.getByRole('button', { name: /^Show .*2025$/ }).count(), 1, 'the other archive still has its button');
  });
});

test('a link to an archived incident with its own file works in a fresh page', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    await page.goto(`${appUrl}?incident=c`);
    const article = await waitForView(page, 'article.incident-detail[data-incident-id="c"]');
    assert.match(await textOf(article.locator('h1')), /Elsewhere incident/);
  });
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    await page.goto(`${appUrl}?incident=nowhere`);
    await waitForView(page, '.not-found');
    assert.match(await textOf(page.locator('.not-found h1')), /not found/i, 'an id in no file is still not found');
  });
});

test('archives and component names added by a later poll appear without a reload', { timeout: 60_000 }, async () => {
  const { srv } = env;
  putList(srv, 'live', { archive: [] });
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    await page.goto(liveAppUrl);
    const row = await waitForView(page, 'li.incident-row[data-incident-id="current"]');
    assert.match(await textOf(row), /Affects API/);
    assert.equal(await page.locator('.archive-button').count(), 0);

    putList(srv, 'live', { components: [{ id: 'api', name: 'Public API' }] });
    // The browser is back online: the page polls at once.
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.getByRole('button', { name: /Early 2026/ }).waitFor();
    await page.waitForFunction(() => /Affects Public API/.test(
      document.querySelector('li.incident-row[data-incident-id="current"]')?.textContent ?? ''));
  });
});
