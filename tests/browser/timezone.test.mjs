// Times are shown in the reader's zone by default; the footer toggle switches
// to UTC, says so, regroups days and is remembered across reloads.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  useServersAndBrowser, config, withPage, waitForView, DEMO_NOW,
} from './support/app.mjs';
import { gitlabIncident, glParagraph, putGitlabBucket } from './support/fixtures.mjs';

let appUrl;
const env = useServersAndBrowser(async () => {
  const srv = env.srv;
  const dataUrl = putGitlabBucket(srv, 'tz', [
    gitlabIncident({
      iid: 1,
      title: 'Late evening outage (UTC)',
      status: 'closed',
      description: glParagraph('Started late in the UTC evening.'),
      comments: [{ note: glParagraph('Fixed.'), created_at: COMMENT }],
      created_at: STARTED,
      updated_at: COMMENT,
    }),
    gitlabIncident({
      iid: 2,
      title: 'An older incident',
      status: 'closed',
      description: glParagraph('Older.'),
      comments: [],
      created_at: '2026-11-20T12:00:00.000Z',
      updated_at: '2026-11-20T13:00:00.000Z',
    }),
  ]);
  appUrl = srv.deployApp('', config({ title: 'TZ', data_url: dataUrl, format: 'gitlab' }));
});

// 20:30 UTC on the 22nd is 05:30 on the 23rd in Tokyo (UTC+9).
const STARTED = '2026-11-22T20:30:00.000Z';
const COMMENT = '2026-11-22T20:45:00.000Z';
const LOCAL_COMMENT = /\b0?5:45\b/;
const UTC_COMMENT = /\b(20:45|0?8:45(:00)?\s*PM)\b/i;

/** Text and title of every <time> under `scope`. */
async function times(page, scope) {
  return page.locator(`${scope} time`).evaluateAll((els) => els.map((t) => `${t.textContent.trim()} | ${t.getAttribute('title') || ''}`));
}

async function toggleState(page) {
  return page.locator('footer.site-footer button.tz-toggle').getAttribute('aria-pressed');
}

test('UTC toggle changes the times, says UTC and survives a reload', { timeout: 90_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW, timezoneId: 'Asia/Tokyo' }, async ({ page, context }) => {
    const detail = `${appUrl}?incident=1`;
    await page.goto(detail);
    await waitForView(page, 'article.incident-detail[data-incident-id="1"]');
    const toggle = page.locator('footer.site-footer button.tz-toggle');
    assert.equal(await toggle.count(), 1, 'footer has the time zone toggle');
    const initial = await toggleState(page);
    assert.ok(initial === 'false' || initial === 'true', `toggle has aria-pressed (${initial})`);

    const localTimes = (await times(page, 'li.update#update-1')).join(' || ');
    assert.match(localTimes, LOCAL_COMMENT, `local (Tokyo) time is shown by default: ${localTimes}`);
    assert.doesNotMatch(localTimes, UTC_COMMENT, `not UTC by default: ${localTimes}`);
    assert.ok(await page.locator('footer.site-footer time').count() >= 1, 'footer shows when the data was fetched');

    await toggle.click();
    await page.waitForFunction((before) => document.querySelector('footer.site-footer button.tz-toggle')?.getAttribute('aria-pressed') !== before, initial);
    const utcState = await toggleState(page);
    const utcTimes = (await times(page, 'li.update#update-1')).join(' || ');
    assert.match(utcTimes, UTC_COMMENT, `UTC time is shown after the toggle: ${utcTimes}`);
    const allUtc = (await times(page, 'main')).join(' || ');
    assert.match(allUtc, /UTC/, `a <time> says UTC: ${allUtc}`);
    assert.doesNotMatch(allUtc, /\+0?9(:00)?\b|JST|Japan|Tokyo/i, `no time is still in Tokyo time: ${allUtc}`);
    assert.equal(utcState, initial === 'false' ? 'true' : 'false', 'aria-pressed flips');

    await page.reload();
    await waitForView(page, 'article.incident-detail[data-incident-id="1"]');
    assert.equal(await toggleState(page), utcState, 'the choice survives a reload');
    const reloaded = (await times(page, 'li.update#update-1')).join(' || ');
    assert.match(reloaded, UTC_COMMENT, `still UTC after reload: ${reloaded}`);

    // A new tab of the same browser profile remembers it too.
    const other = await context.newPage();
    await other.goto(appUrl);
    await waitForView(other, 'li.incident-row');
    assert.equal(await toggleState(other), utcState, 'remembered in another tab');
    await other.close();

    // And back to local time.
    await page.locator('footer.site-footer button.tz-toggle').click();
    await page.waitForFunction((s) => document.querySelector('footer.site-footer button.tz-toggle')?.getAttribute('aria-pressed') !== s, utcState);
    const back = (await times(page, 'li.update#update-1')).join(' || ');
    assert.match(back, LOCAL_COMMENT, `local time again: ${back}`);
  });
});

test('history days follow the chosen zone', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW, timezoneId: 'Asia/Tokyo' }, async ({ page }) => {
    await page.goto(appUrl);
    await waitForView(page, 'li.incident-row[data-incident-id="1"]');
    const dayOf = () => page.locator('section.history section.day', { has: page.locator('li.incident-row[data-incident-id="1"]') })
      .locator('h3 time').evaluate((t) => `${t.getAttribute('datetime')} ${t.textContent.trim()}`);
    const local = await dayOf();
    assert.ok(local.includes('2026-11-23') || /\b23\b|today/i.test(local), `Tokyo: the incident is on the 23rd: ${local}`);
    await page.locator('footer.site-footer button.tz-toggle').click();
    await page.waitForFunction((l) => {
      const row = document.querySelector('li.incident-row[data-incident-id="1"]');
      const t = row?.closest('section.day')?.querySelector('h3 time');
      return t && `${t.getAttribute('datetime')} ${t.textContent.trim()}` !== l;
    }, local, { timeout: 5000 }).catch(() => {});
    const utc = await dayOf();
    assert.notEqual(utc, local, 'the day heading changes with the zone');
    assert.ok(utc.includes('2026-11-22') || /\b22\b|yesterday/i.test(utc), `UTC: the incident is on the 22nd: ${utc}`);
  });
});
