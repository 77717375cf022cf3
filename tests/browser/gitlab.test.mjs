// The GitLab demo bucket (the exact format GitLab's Status Page publisher
// writes) served from another origin with no Content-Type.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  useServersAndBrowser, config, withPage, waitForView, textOf, incidentParam, loadedImage, DEMO_NOW,
} from './support/app.mjs';
import { demoList, demoDetails, htmlText, squash } from './support/fixtures.mjs';

let appUrl;
let dataUrl;
let list;
let details;
const env = useServersAndBrowser(async () => {
  list = demoList('gitlab');
  details = demoDetails('gitlab');
  dataUrl = env.srv.copyDemo('gitlab', 'gitlab');
  appUrl = env.srv.deployApp('gl', config({ title: 'GitLab Demo Status', data_url: dataUrl, format: 'auto' }));
});

test('list shows every published incident', { timeout: 60_000 }, async () => {
  assert.ok(list.length > 0, 'demo/gitlab/data/list.json has incidents');
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    await page.goto(appUrl);
    await waitForView(page, 'li.incident-row');
    assert.equal(await textOf(page.locator('header.site-header .site-title')), 'GitLab Demo Status');
    const ids = await page.locator('li.incident-row').evaluateAll((rows) => rows.map((r) => r.dataset.incidentId));
    assert.deepEqual([...ids].sort(), list.map((i) => String(i.id)).sort(), 'one row per incident in list.json');
    for (const inc of list) {
      const row = page.locator(`li.incident-row[data-incident-id="${inc.id}"]`);
      const link = row.locator('a.incident-link');
      assert.equal(await link.count(), 1, `row ${inc.id} has one incident link`);
      const badge = await textOf(row.locator('.status-badge'));
      const state = inc.status ?? inc.state;
      if (state === 'closed') assert.match(badge, /resolved|closed/i, `closed incident ${inc.id} badge`);
      else assert.doesNotMatch(badge, /resolved|closed/i, `open incident ${inc.id} badge`);
    }
  });
});

test('a <gl-emoji> title shows its emoji, not markup', { timeout: 60_000 }, async () => {
  const withEmoji = list.find((i) => /<gl-emoji[^>]*>[^<]+<\/gl-emoji>/.test(i.title));
  assert.ok(withEmoji, 'demo/gitlab has an incident whose title carries <gl-emoji>');
  const emoji = withEmoji.title.match(/<gl-emoji[^>]*>([^<]+)<\/gl-emoji>/)[1];
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    await page.goto(appUrl);
    await waitForView(page, 'li.incident-row');
    const link = page.locator(`li.incident-row[data-incident-id="${withEmoji.id}"] a.incident-link`);
    const text = await textOf(link);
    assert.ok(text.includes(emoji), `title "${text}" shows the emoji ${emoji}`);
    assert.doesNotMatch(text, /gl-emoji|</, 'no raw markup in the title');
    const rest = squash(htmlText(withEmoji.title.replace(/<gl-emoji[^>]*>[^<]*<\/gl-emoji>/g, '')));
    assert.ok(squash(text).includes(rest), `the rest of the title is shown too: "${text}"`);
    // HTML titles fetch DOMPurify (a list without any does not) and become sanitised markup.
    await link.locator('gl-emoji').waitFor({ state: 'attached', timeout: 10_000 });
  });
});

test('detail shows description, comments as updates and the uploaded image', { timeout: 60_000 }, async () => {
  const withImage = details.find(({ json }) => /<img\b/.test(json.description || '')
    || (json.comments || []).some((c) => /<img\b/.test(c.note || '')));
  assert.ok(withImage, 'demo/gitlab has an incident with an uploaded image');
  const inc = withImage.json;
  const iid = String(inc.id);
  assert.ok(inc.comments.length >= 1, 'the incident with an image has comments');
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    await page.goto(appUrl);
    await waitForView(page, 'li.incident-row');
    await page.locator(`li.incident-row[data-incident-id="${iid}"] a.incident-link`).click();
    const article = await waitForView(page, `article.incident-detail[data-incident-id="${iid}"]`);
    assert.equal(incidentParam(page), iid, 'URL carries ?incident=<iid>');

    const desc = article.locator('.description.rich-text');
    const wantDesc = squash(htmlText(inc.description)).slice(0, 40);
    const descText = await textOf(desc);
    assert.ok(squash(descText).includes(wantDesc), `description rendered: "${descText.slice(0, 80)}"`);

    const updates = article.locator('ol.timeline > li.update');
    assert.equal(await updates.count(), inc.comments.length, 'one update per published comment');
    const ids = await updates.evaluateAll((els) => els.map((e) => e.id));
    assert.deepEqual([...ids].sort(), inc.comments.map((_, i) => `update-${i + 1}`).sort(), 'updates are update-1..n');
    for (const [i, comment] of inc.comments.entries()) {
      const el = article.locator(`li.update#update-${i + 1}`);
      const want = squash(htmlText(comment.note)).slice(0, 40);
      const got = await textOf(el.locator('.rich-text'));
      assert.ok(squash(got).includes(want), `update-${i + 1} holds comment ${i + 1} (oldest first): "${got.slice(0, 80)}"`);
      const href = await el.locator('a.permalink').getAttribute('href');
      assert.ok(href && href.includes(`update-${i + 1}`), `update-${i + 1} has a permalink (${href})`);
    }

    const img = article.locator('.rich-text img').first();
    const loaded = await loadedImage(img);
    assert.ok(loaded.src.startsWith(`${dataUrl}data/incident/${iid}/`),
      `image resolved against the bucket on the data origin: ${loaded.src}`);
    assert.ok(loaded.naturalWidth > 0, `image loaded (${loaded.src})`);
  });
});

test("GitLab's legacy #/data%2Fincident%2F<iid>.json link opens the incident", { timeout: 60_000 }, async () => {
  const iid = String(list[list.length - 1].id);
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    await page.goto(`${appUrl}#/data%2Fincident%2F${iid}.json`);
    await waitForView(page, `article.incident-detail[data-incident-id="${iid}"]`);
    await page.waitForURL((u) => u.searchParams.get('incident') === iid);
    assert.ok(!page.url().includes('%2F'), `legacy hash is replaced: ${page.url()}`);
  });
});

test("GitLab's legacy link pasted into an open page opens the incident", { timeout: 60_000 }, async () => {
  const iid = String(list[list.length - 1].id);
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    await page.goto(`${appUrl}?lang=de`);
    await waitForView(page, '#overall-status');
    // Only the hash changes, as when a reader pastes the link into the address bar.
    await page.evaluate((id) => { window.location.hash = `#/data%2Fincident%2F${id}.json`; }, iid);
    await waitForView(page, `article.incident-detail[data-incident-id="${iid}"]`);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('incident'), iid);
    assert.equal(url.searchParams.get('lang'), 'de', 'the reader\'s language stays');
    assert.ok(!page.url().includes('%2F'), `legacy hash is replaced: ${page.url()}`);
    await page.goBack();
    await waitForView(page, '#overall-status');
    assert.equal(new URL(page.url()).searchParams.get('incident'), null, 'back returns to the list');
  });
});
