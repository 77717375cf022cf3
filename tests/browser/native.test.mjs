// The native demo bucket served from another origin: list, day grouping,
// detail view, images and browser history.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  useServersAndBrowser, config, withPage, waitForView, textOf, incidentParam, loadedImage, DEMO_NOW,
} from './support/app.mjs';
import { demoList, demoDetails, nativeIncident, putNativeBucket } from './support/fixtures.mjs';

let appUrl;
let dataUrl;
let list;
let details;
const env = useServersAndBrowser(async () => {
  list = demoList('sitrep');
  details = demoDetails('sitrep');
  dataUrl = env.srv.copyDemo('sitrep', 'native');
  appUrl = env.srv.deployApp('', config({
    title: 'Sitrep Demo',
    data_url: dataUrl,
    format: 'auto',
    contact_url: 'mailto:ops@example.com',
    feed_url: null,
  }));
});

test('list: overall status, active incidents before history, history grouped by day', { timeout: 60_000 }, async () => {
  assert.ok(list.length > 0, 'demo/sitrep/data/list.json has incidents');
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    await page.goto(appUrl);
    await waitForView(page, 'li.incident-row');

    // Header from config.json
    assert.equal(await textOf(page.locator('header.site-header .site-title')), 'Sitrep Demo');
    assert.equal(await page.locator('header.site-header a.contact-link').getAttribute('href'), 'mailto:ops@example.com');
    assert.equal(await page.locator('header.site-header a.subscribe-link').count(), 0, 'no subscribe link without feed_url');

    const overall = page.locator('#overall-status');
    assert.equal(await overall.getAttribute('role'), 'status');
    assert.match(await textOf(overall), /major outage/i, 'the demo has an active major incident');

    const ids = await page.locator('li.incident-row').evaluateAll((rows) => rows.map((r) => r.dataset.incidentId));
    const known = new Set(list.map((i) => String(i.id)));
    for (const id of ids) assert.ok(known.has(id), `row ${id} comes from list.json`);
    assert.equal(new Set(ids).size, ids.length, 'no incident is listed twice');

    const active = page.locator('main section.active-incidents');
    const history = page.locator('main section.history');
    assert.equal(await active.count(), 1, 'one active-incidents section');
    assert.equal(await history.count(), 1, 'one history section');
    const open = list.filter((i) => (i.kind || 'incident') === 'incident' && i.status !== 'resolved');
    assert.ok(open.length >= 1, 'the demo has open incidents');
    for (const inc of open) {
      assert.equal(await active.locator(`li.incident-row[data-incident-id="${inc.id}"]`).count(), 1, `open incident ${inc.id} is in the active section`);
    }
    for (const inc of list.filter((i) => i.kind === 'maintenance' && i.status === 'scheduled')) {
      assert.equal(await page.locator(`main section.maintenance li.incident-row[data-incident-id="${inc.id}"]`).count(), 1,
        `scheduled maintenance ${inc.id} is in the maintenance section`);
    }
    const order = await page.evaluate(() => {
      const a = document.querySelector('main section.active-incidents');
      const h = document.querySelector('main section.history');
      return a.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    assert.ok(order, 'active incidents come before the history');

    for (const row of await page.locator('li.incident-row').all()) {
      assert.ok((await textOf(row.locator('a.incident-link'))).length > 0, 'row has a title link');
      assert.ok((await textOf(row.locator('.status-badge'))).length > 0, 'row has a status badge');
    }
    assert.ok(await history.locator('li.incident-row .status-badge', { hasText: /resolved/i }).count() >= 1,
      'history shows resolved incidents with a "Resolved" badge');

    const days = history.locator('section.day');
    const dayCount = await days.count();
    assert.ok(dayCount >= 2, `history is grouped by day (${dayCount} day sections)`);
    const stamps = [];
    for (const day of await days.all()) {
      const time = day.locator('h3 time');
      assert.equal(await time.count(), 1, 'each day heading holds a <time>');
      assert.ok((await textOf(time)).length > 0, 'day heading has text');
      assert.ok(await day.locator('li.incident-row').count() >= 1, 'each day lists at least one incident');
      stamps.push(await time.getAttribute('datetime'));
    }
    assert.equal(new Set(stamps).size, stamps.length, `day headings are distinct: ${stamps.join(', ')}`);
    const parsed = stamps.map((s) => Date.parse(s));
    if (parsed.every((t) => !Number.isNaN(t))) {
      for (let i = 1; i < parsed.length; i++) assert.ok(parsed[i - 1] > parsed[i], `days newest first: ${stamps.join(', ')}`);
    }
  });
});

test('clicking a row opens its detail; back and forward work', { timeout: 60_000 }, async () => {
  const hasImage = (md) => /!\[[^\]]*\]\([^)]+\)/.test(md || '');
  const listed = new Set(list.map((i) => String(i.id)));
  const withImage = details.find(({ json }) => listed.has(String(json.id))
    && (hasImage(json.description) || (json.updates || []).some((u) => hasImage(u.body))));
  assert.ok(withImage, 'demo/sitrep lists an incident with an image in its text');
  const id = String(withImage.json.id);
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    await page.goto(appUrl);
    await waitForView(page, 'li.incident-row');
    const link = page.locator(`li.incident-row[data-incident-id="${id}"] a.incident-link`);
    const title = await textOf(link);
    await link.click();

    const article = await waitForView(page, `article.incident-detail[data-incident-id="${id}"]`);
    assert.equal(incidentParam(page), id, `URL carries ?incident=${id}: ${page.url()}`);
    assert.equal(await textOf(article.locator('h1.incident-title')), title, 'detail title matches the list row');
    assert.equal(title, withImage.json.title, 'title is the feed title');
    assert.ok((await textOf(article.locator('.status-badge').first())).length > 0, 'detail has a status badge');
    const desc = await textOf(article.locator('.description.rich-text'));
    assert.ok(desc.length > 0, 'description rendered');
    assert.doesNotMatch(desc, /`|\*\*/, 'markdown is rendered, not shown raw');
    const updates = article.locator('ol.timeline > li.update');
    assert.equal(await updates.count(), withImage.json.updates.length, 'every update rendered');
    for (const u of await updates.all()) {
      assert.match(await u.getAttribute('id'), /^update-.+/, 'update has an update-<id> anchor');
      assert.ok((await textOf(u.locator('.rich-text'))).length > 0, 'update body rendered');
      assert.equal(await u.locator('a.permalink').count(), 1, 'update has a permalink');
    }
    const where = hasImage(withImage.json.description) ? '.description.rich-text' : 'ol.timeline .rich-text';
    const img = article.locator(`${where} img`).first();
    const loaded = await loadedImage(img);
    assert.ok(loaded.src.startsWith(dataUrl), `relative image URL resolved against the bucket root: ${loaded.src}`);
    assert.ok(loaded.naturalWidth > 0, `image in the incident text loaded: ${loaded.src}`);

    await page.goBack();
    await waitForView(page, '#overall-status');
    assert.equal(incidentParam(page), null, `back returns to the list: ${page.url()}`);
    assert.equal(await page.locator('article.incident-detail').count(), 0, 'detail is gone');
    assert.ok(await page.locator('li.incident-row').count() >= 1, 'list rows are back');

    await page.goForward();
    await waitForView(page, `article.incident-detail[data-incident-id="${id}"]`);
    assert.equal(incidentParam(page), id, 'forward opens the detail again');
    assert.equal(await page.locator('main section.history').count(), 0, 'list is gone');
  });
});

test('markdown tables keep their column alignment under the strict CSP (classes, no inline style)', { timeout: 60_000 }, async () => {
  const table = '| Region | Error rate | Status |\n|:--|--:|:-:|\n| eu-west-1 | 11.8% | down |\n| us-east-1 | 6.2% | up |\n';
  const url = putNativeBucket(env.srv, 'table', [nativeIncident({
    id: 'table', title: 'Table incident', status: 'resolved', impact: 'minor',
    started_at: '2026-11-22T08:00:00Z', resolved_at: '2026-11-22T09:00:00Z', description: table, updates: [],
  })]);
  const tableApp = env.srv.deployApp('table', config({ data_url: url }));
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    await page.goto(`${tableApp}?incident=table`);
    await waitForView(page, '.description table');
    const cells = await page.locator('.description table tr').evaluateAll((rows) => rows.map((row) =>
      [...row.children].map((cell) => ({ align: getComputedStyle(cell).textAlign, cls: cell.className, style: cell.getAttribute('style') }))));
    for (const row of cells) {
      assert.deepEqual(row.map((c) => c.align), ['left', 'right', 'center'], JSON.stringify(cells));
      assert.ok(row.every((c) => c.style === null), 'no inline style');
    }
    assert.deepEqual(cells[0].map((c) => c.cls), ['align-left', 'align-right', 'align-center']);
  });
});
