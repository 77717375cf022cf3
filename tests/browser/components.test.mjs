// The components panel: statuses now (and live), history bars a reader can walk by keyboard
// and pointer, the component filter link, fewer days on a phone, the embed option, and the
// config switch.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  useServersAndBrowser, config, withPage, waitForView, textOf, DEMO_NOW,
} from './support/app.mjs';
import { nativeIncident, NATIVE_VERSION } from './support/fixtures.mjs';

const COMPONENTS = [
  { id: 'api', name: 'Public API', group: 'API' },
  { id: 'hooks', name: 'Webhooks', group: 'API' },
  { id: 'web', name: 'Website' },
];
const past = nativeIncident({
  id: 'past', title: 'Webhooks were slow', status: 'resolved', impact: 'major', components: ['hooks'],
  started_at: '2026-11-20T10:00:00Z', resolved_at: '2026-11-20T12:00:00Z',
});
const other = nativeIncident({
  id: 'other', title: 'Website was down', status: 'resolved', impact: 'critical', components: ['web'],
  started_at: '2026-11-19T10:00:00Z', resolved_at: '2026-11-19T11:00:00Z',
});
const entry = ({ description, updates, ...summary }) => summary;

function putList(srv, prefix, incidents) {
  srv.putData(`${prefix}/data/list.json`, { sitrep: NATIVE_VERSION, components: COMPONENTS, incidents: incidents.map(entry) });
  return srv.dataUrl(`${prefix}/`);
}

const apps = {};
const env = useServersAndBrowser(async ({ srv }) => {
  const demo = srv.copyDemo('sitrep', 'native');
  apps.demo = srv.deployApp('demo', config({ data_url: demo }));
  apps.hidden = srv.deployApp('hidden', config({ data_url: demo, components: false }));
  apps.live = srv.deployApp('live', config({ data_url: putList(srv, 'live', [past, other]), component_days: 30 }));
  apps.gitlab = srv.deployApp('gitlab', config({ data_url: srv.copyDemo('gitlab', 'gitlab') }));
});

const row = (page, id) => page.locator(`section.components li.component-item[data-component-id="${id}"]`);
// Groups open by themselves only while something in them is wrong; a reader opens the others.
const openGroups = (page) => page.locator('section.components details:not([open]) > summary').evaluateAll((all) => all.forEach((s) => s.click()));
const pollNow = (page) => page.evaluate(() => window.dispatchEvent(new Event('online')));

test('statuses follow a live change: an incident opened on a component turns it red, resolved it returns', { timeout: 60_000 }, async () => {
  const { srv } = env;
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    await page.goto(`${apps.live}?tz=UTC`);
    await waitForView(page, 'section.components');
    await openGroups(page);
    assert.match(await textOf(row(page, 'api').locator('.component-status')), /^Operational$/);
    await page.locator('section.components .cells .cell').first().waitFor({ state: 'attached' });
    assert.equal(await page.locator('section.components .cells').first().locator('.cell').count(), 30, 'component_days');

    // A reader on today's cell when the outage comes in: the cell changes under the focus.
    await row(page, 'api').locator('.cell').last().focus();
    await row(page, 'api').locator('.cell').last().evaluate((cell) => { cell.seenBefore = true; });

    const outage = nativeIncident({
      id: 'now', title: 'API errors', status: 'investigating', impact: 'critical', components: ['api'],
      started_at: '2026-11-23T08:30:00Z',
    });
    putList(srv, 'live', [outage, past, other]);
    await pollNow(page);
    await page.waitForFunction(() => /Major outage/.test(document.querySelector('[data-component-id="api"] .component-status')?.textContent ?? ''));
    const group = page.locator('section.components li.component-group > details > summary');
    assert.match(await textOf(group), /API Major outage/, 'the group shows its worst member');
    assert.equal(await row(page, 'api').locator('.cell').last().getAttribute('class'), 'cell component--major-outage', 'today is red');
    assert.match(await row(page, 'api').locator('.cell').last().getAttribute('aria-label'), /November 23, 2026: Major outage$/, 'and says so');
    assert.deepEqual(await page.evaluate(() => ({
      sameCell: document.activeElement.seenBefore === true,
      inApi: document.activeElement.closest('[data-component-id]')?.dataset.componentId,
    })), { sameCell: true, inApi: 'api' }, 'the cell was changed, not replaced: the focus stays on it');
    assert.equal(await row(page, 'api').locator('.cell').count(), 30);

    putList(srv, 'live', [{ ...outage, status: 'resolved', resolved_at: '2026-11-23T08:50:00Z' }, past, other]);
    await pollNow(page);
    await page.waitForFunction(() => /Operational/.test(document.querySelector('[data-component-id="api"] .component-status')?.textContent ?? ''));
    assert.equal(await row(page, 'api').locator('.cell').last().getAttribute('class'), 'cell component--major-outage', 'today keeps its outage in the bar');
    assert.equal(await page.evaluate(() => document.activeElement.seenBefore), true, 'the focus is still on the cell');
    assert.equal(await page.locator('section.components li.component-group > details').getAttribute('open'), '', 'the group stays open for the reader');
  });
  putList(srv, 'live', [past, other]);
});

test('keyboard: one Tab stop per bar on today, arrows walk the days, the day names its incidents as links', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    await page.goto(`${apps.live}?tz=UTC`);
    const hooks = row(page, 'hooks');
    await page.locator('section.components').waitFor();
    await openGroups(page);
    await hooks.locator('.cell').last().waitFor();
    // Tab from the component's name lands on today's cell, the bar's only Tab stop.
    await hooks.locator('a.component-name').focus();
    await page.keyboard.press('Tab');
    const focused = () => page.evaluate(() => document.activeElement.getAttribute('aria-label'));
    assert.match(await focused(), /Monday, November 23, 2026: Operational/);
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
    assert.match(await focused(), /Friday, November 20, 2026: Partial outage/);
    const detail = hooks.locator('.day-detail');
    assert.match(await textOf(detail), /Friday, November 20, 2026 · Partial outage/);
    const link = detail.getByRole('link', { name: 'Webhooks were slow' });
    assert.equal(new URL(await link.getAttribute('href'), page.url()).searchParams.get('incident'), 'past');
    await page.keyboard.press('Home');
    assert.match(await focused(), /October 25, 2026/, 'Home goes to the oldest day');
    await page.keyboard.press('End');
    assert.match(await focused(), /November 23, 2026/);
    // The next Tab leaves the bar for the day's links.
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Webhooks were slow');
    assert.equal(await hooks.locator('.cell[tabindex="0"]').count(), 1, 'still one Tab stop');
    // And the pointer: hovering a day describes it too.
    await row(page, 'web').locator('.cell').nth(25).hover();
    assert.match(await textOf(row(page, 'web').locator('.day-detail')), /Thursday, November 19, 2026 · Major outage Website was down/);
  });
});

test('a component\'s name filters the history to its incidents, with a way back', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    await page.goto(`${apps.live}?lang=de`);
    await row(page, 'web').locator('a.component-name').click();
    await page.waitForURL((u) => u.searchParams.get('component') === 'web');
    assert.equal(new URL(page.url()).searchParams.get('lang'), 'de', 'the language stays');
    await page.locator('.filter-note').waitFor();
    assert.match(await textOf(page.locator('.filter-note')), /Website/);
    const ids = () => page.locator('section.history li.incident-row').evaluateAll((rows) => rows.map((r) => r.dataset.incidentId));
    assert.deepEqual(await ids(), ['other']);
    await page.locator('.filter-note a').click();
    await page.waitForFunction(() => !document.querySelector('.filter-note'));
    assert.deepEqual(await ids(), ['past', 'other']);
    // A filtered link works in a fresh page too.
    await page.goto(`${apps.live}?component=hooks`);
    await page.locator('.filter-note').waitFor();
    assert.deepEqual(await ids(), ['past']);
  });
});

test('a phone shows the last 30 days in cells it can hit', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW, viewport: { width: 375, height: 800 } }, async ({ page }) => {
    await page.goto(apps.demo);
    await waitForView(page, 'section.components');
    // The bars come after the first paint.
    await page.locator('section.components .cells .cell').first().waitFor({ state: 'attached' });
    const cells = page.locator('section.components .cells').first().locator('.cell');
    assert.equal(await cells.count(), 90);
    const visible = await cells.evaluateAll((all) => all.filter((c) => c.offsetParent !== null).map((c) => c.getBoundingClientRect().width));
    assert.equal(visible.length, 30);
    assert.ok(visible.every((w) => w >= 6), `cells wide enough to hit: ${Math.min(...visible)} px`);
  });
});

test('where there is no panel: config switched off, GitLab buckets; the embed shows it on request', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    await page.goto(apps.hidden);
    await waitForView(page, 'li.incident-row');
    assert.equal(await page.locator('section.components').count(), 0, 'components: false');
    await page.goto(apps.gitlab);
    await waitForView(page, 'li.incident-row');
    assert.equal(await page.locator('section.components').count(), 0, 'GitLab has no components');

    await page.goto(`${apps.demo}?embed=1`);
    await waitForView(page, '.embed');
    assert.equal(await page.locator('.embed section.components').count(), 0, 'not by default');
    await page.goto(`${apps.demo}?embed=1&components=1`);
    await page.locator('.embed section.components li.component-item').first().waitFor();
    assert.equal(await page.locator('.embed section.components .cells').count(), 0, 'statuses only in the embed');
  });
});
