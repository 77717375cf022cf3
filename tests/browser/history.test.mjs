// Years of history must not cost the first render: the history shows a page at a time, 30
// days, or fewer whole days once they hold 30 incidents.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useServersAndBrowser, config, withPage, waitForView } from './support/app.mjs';
import { putNativeBucket, nativeIncident } from './support/fixtures.mjs';

const DAYS = 45;
const incidents = Array.from({ length: DAYS }, (_, i) => {
  const day = new Date(Date.UTC(2026, 9, 1 + i, 12)).toISOString().replace('.000', '');
  return nativeIncident({
    id: `day-${i}`,
    title: `Incident on day ${i}`,
    status: 'resolved',
    impact: 'minor',
    started_at: day,
    updated_at: day,
    resolved_at: day,
  });
});

// A busy page: four incidents a day for 20 days.
const BUSY_DAYS = 20;
const busy = Array.from({ length: BUSY_DAYS * 4 }, (_, i) => {
  const at = new Date(Date.UTC(2026, 9, 1 + Math.floor(i / 4), 2 + 5 * (i % 4))).toISOString().replace('.000', '');
  return nativeIncident({
    id: `busy-${i}`,
    title: `Busy incident ${i}`,
    status: 'resolved',
    impact: 'minor',
    started_at: at,
    updated_at: at,
    resolved_at: at,
  });
});

const env = useServersAndBrowser(async ({ srv }) => {
  putNativeBucket(srv, 'long/', incidents);
  srv.deployApp('long', config({ data_url: srv.dataUrl('long/') }));
  putNativeBucket(srv, 'busy/', busy);
  srv.deployApp('busy', config({ data_url: srv.dataUrl('busy/') }));
});

test('the history renders 30 days, then more on request, newest first', async () => {
  await withPage(env, { timezoneId: 'UTC' }, async ({ page }) => {
    await page.goto(env.srv.appUrl('long/'));
    await waitForView(page, 'section.day');
    assert.equal(await page.locator('section.day').count(), 30, 'the first 30 days');
    assert.equal(await page.locator('section.day h3 time').first().getAttribute('datetime'), '2026-11-14', 'newest day first');
    assert.equal(await page.locator('li[data-incident-id="day-0"]').count(), 0, 'the oldest day waits');
    await page.locator('button.history-more').click();
    await page.locator('li[data-incident-id="day-0"]').waitFor();
    assert.equal(await page.locator('section.day').count(), DAYS, 'all days after one click');
    assert.equal(await page.locator('button.history-more').count(), 0, 'nothing more to show');
  });
});

test('every day shown is in the accessibility tree, also far below the screen', async () => {
  await withPage(env, { timezoneId: 'UTC' }, async ({ page }) => {
    await page.goto(env.srv.appUrl('long/'));
    await waitForView(page, 'section.day');
    // A screen reader's list of links must find the oldest day shown without scrolling to it
    // (a browser leaves out of this tree what it skips drawing, e.g. under content-visibility).
    const titles = await page.locator('section.day a.incident-link').allTextContents();
    assert.equal(titles.length, 30);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Accessibility.enable');
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const links = new Set(nodes.filter((n) => n.role?.value === 'link' && !n.ignored).map((n) => n.name?.value));
    for (const title of titles) assert.ok(links.has(title.trim()), `"${title.trim()}" is a link in the accessibility tree`);
  });
});

test('a busy history shows whole days up to 30 incidents at a time', async () => {
  await withPage(env, { timezoneId: 'UTC' }, async ({ page }) => {
    await page.goto(env.srv.appUrl('busy/'));
    await waitForView(page, 'section.day');
    // 8 days of 4 reach 30 incidents: the page ends with that day, whole.
    assert.equal(await page.locator('section.day').count(), 8, 'the first page: 8 days');
    assert.equal(await page.locator('section.history li.incident-row').count(), 32, 'every incident of those days');
    assert.equal(await page.locator('section.day h3 time').first().getAttribute('datetime'), '2026-10-20', 'newest day first');
    await page.locator('button.history-more').click();
    await page.locator('section.day >> nth=15').waitFor();
    assert.equal(await page.locator('section.day').count(), 16, 'one more page after a click');
    await page.locator('button.history-more').click();
    await page.locator('li[data-incident-id="busy-0"]').waitFor();
    assert.equal(await page.locator('section.history li.incident-row').count(), BUSY_DAYS * 4, 'all of it after the last page');
    assert.equal(await page.locator('button.history-more').count(), 0, 'nothing more to show');
  });
});
