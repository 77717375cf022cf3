// Years of history must not cost the first render: the history shows 30 days at a time.
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

const env = useServersAndBrowser(async ({ srv }) => {
  putNativeBucket(srv, 'long/', incidents);
  srv.deployApp('long', config({ data_url: srv.dataUrl('long/') }));
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
