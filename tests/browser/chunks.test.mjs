// The incident page and the embed are wasm chunks of their own (src/ui/chunks.rs, split by
// scripts/postbuild.mjs). The list page loads neither to draw; once it is drawn and the browser
// is idle it fetches the incident page's, so opening an incident waits for no code. What a page
// draws only after its first paint (the components' history bars, the footer's choices) is a
// chunk too, fetched once the page has painted. A chunk
// that does not arrive shows an error with a retry, never a blank page. DOMPurify is fetched
// the same way: not for a list without feed HTML, beside the incident page's chunk. So are the
// parsers of the formats other than sitrep's: only a bucket in one of those fetches them.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { useServersAndBrowser, config, withPage, waitForView, DEMO_NOW } from './support/app.mjs';
import { DIST_DIR } from './support/servers.mjs';
import { waitUntil } from './support/live.mjs';
import { CHUNK_FILE, onDemand } from '../../benches/browser/sizes.mjs';
import { readDemoJson } from './support/fixtures.mjs';

const INCIDENT_CHUNK = /\/split_incident-[0-9a-f]{16}\.wasm$/;
const EMBED_CHUNK = /\/split_embed-[0-9a-f]{16}\.wasm$/;
const FORMATS_CHUNK = /\/split_formats-[0-9a-f]{16}\.wasm$/;
const LATER_CHUNK = /\/split_later-[0-9a-f]{16}\.wasm$/;
const SANITIZER = /\/purify-[0-9a-f]{16}\.js$/;
const CODE = /\.wasm$|\/(purify|sanitize-policy)-[0-9a-f]{16}\.js$/;
const ON_DEMAND = (url) => onDemand(new URL(url).pathname.split('/').pop());
const ID = '2026-11-23-api-errors';

let appUrl;
let gitlabAuto;
let gitlabNamed;
const env = useServersAndBrowser(async ({ srv }) => {
  appUrl = srv.deployApp('', config({ data_url: srv.copyDemo('sitrep') }));
  const gitlab = srv.copyDemo('gitlab', 'gitlab');
  gitlabAuto = srv.deployApp('gl-auto', config({ data_url: gitlab, format: 'auto' }));
  gitlabNamed = srv.deployApp('gl-named', config({ data_url: gitlab, format: 'gitlab' }));
});

/** Every request the page makes for code (wasm, DOMPurify), as path names in order. */
function codeRequests(page) {
  const seen = [];
  page.on('request', (req) => { if (CODE.test(req.url())) seen.push(new URL(req.url()).pathname); });
  return seen;
}

test('the build names every chunk by its content and ships no unhashed wasm', () => {
  const wasm = fs.readdirSync(DIST_DIR).filter((f) => f.endsWith('.wasm'));
  assert.ok(wasm.some((f) => INCIDENT_CHUNK.test(`/${f}`)), `an incident chunk in ${wasm}`);
  assert.ok(wasm.some((f) => EMBED_CHUNK.test(`/${f}`)), `an embed chunk in ${wasm}`);
  for (const file of wasm) assert.match(file, /-[0-9a-f]{16}(_bg)?\.wasm$/, `${file} carries a content hash`);
  assert.equal(wasm.filter((f) => !CHUNK_FILE.test(f)).length, 1, `one main module besides the chunks: ${wasm}`);
});

test('the list draws without the chunks or DOMPurify, then fetches the incident page\'s when idle; opening an incident fetches no code', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    const seen = codeRequests(page);
    // Every chunk and DOMPurify are held back until the list is drawn: it cannot be waiting for one.
    let release;
    const drawn = new Promise((resolve) => { release = resolve; });
    await page.route(ON_DEMAND, async (route) => { await drawn; await route.continue(); });
    await page.goto(appUrl);
    await waitForView(page, 'li.incident-row a.incident-link');
    assert.equal(await page.locator('.components .cell').count(), 0, 'no history bar is drawn without its chunk');
    assert.equal(await page.locator('#tz-select').count(), 0, 'no time zone picker without its chunk');
    release();
    await waitUntil(() => seen.some((p) => INCIDENT_CHUNK.test(p)) && seen.some((p) => SANITIZER.test(p)),
      { timeout: 10_000, message: 'the incident chunk and DOMPurify to be prefetched' });
    await page.locator('.components .cell').first().waitFor({ timeout: 10_000 });
    await page.locator('#tz-select').waitFor({ timeout: 10_000 });
    assert.equal(seen.filter((p) => LATER_CHUNK.test(p)).length, 1, `the bars' and choices' chunk fetched once: ${seen}`);
    assert.equal(seen.filter((p) => EMBED_CHUNK.test(p)).length, 0, `the list never loads the embed: ${seen}`);
    await page.waitForTimeout(300);
    const before = seen.length;
    await page.locator(`li.incident-row[data-incident-id="${ID}"] a.incident-link`).click();
    await waitForView(page, 'article.incident-detail h1');
    assert.deepEqual(seen.slice(before), [], 'opening the incident fetched no code');
    // The chunk renders the page: markdown became markup, sanitised by DOMPurify.
    assert.ok(await page.locator('article.incident-detail .description code').count() > 0, 'the description\'s markdown is rendered');
    assert.equal(seen.filter((p) => SANITIZER.test(p)).length, 1, `DOMPurify fetched once: ${seen}`);
    assert.equal(seen.filter((p) => FORMATS_CHUNK.test(p)).length, 0, `a bucket in sitrep's format never fetches the other formats' parsers: ${seen}`);
  });
});

test('a bucket in another format fetches their parsers once its list says so, or beside the list when config.json names the format', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    const seen = codeRequests(page);
    await page.goto(gitlabAuto);
    await waitForView(page, 'li.incident-row a.incident-link');
    assert.equal(seen.filter((p) => FORMATS_CHUNK.test(p)).length, 1, `the parsers fetched once: ${seen}`);
  });
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    // The list's answer is held until the parsers are asked for (at most 8 s): with the format
    // named, they must not wait for it.
    const order = [];
    let asked;
    const parsersAsked = new Promise((resolve) => { asked = resolve; });
    page.on('request', (req) => {
      if (FORMATS_CHUNK.test(req.url())) { order.push('parsers requested'); asked(); }
    });
    await page.route(/\/data\/list\.json/, async (route) => {
      await Promise.race([parsersAsked, new Promise((r) => setTimeout(r, 8_000))]);
      order.push('list answered');
      await route.continue();
    });
    await page.goto(gitlabNamed);
    await waitForView(page, 'li.incident-row a.incident-link');
    assert.equal(order[0], 'parsers requested', `the parsers before the list's answer: ${order}`);
  });
});

test('parsers that do not arrive: the page says which part failed, and shows the list once they can', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    let blocked = true;
    await page.route(FORMATS_CHUNK, (route) => (blocked ? route.abort('connectionreset') : route.continue()));
    await page.goto(gitlabAuto);
    const panel = await waitForView(page, '.error-panel');
    assert.match(await panel.innerText(), /network may be down, or the site is being updated/);
    assert.equal(await page.locator('li.incident-row').count(), 0);
    blocked = false;
    // The network is back: the page polls at once, loads the parsers and reads the list.
    await page.evaluate(() => dispatchEvent(new Event('online')));
    await page.locator('li.incident-row a.incident-link').first().waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('.error-panel').count(), 0, 'the error is gone once the parsers came');
  });
});

test('a link to an incident loads its chunk at once, the embed only its own', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    const seen = codeRequests(page);
    await page.goto(`${appUrl}?incident=${ID}`);
    await waitForView(page, 'article.incident-detail h1');
    assert.equal(seen.filter((p) => INCIDENT_CHUNK.test(p)).length, 1, `one fetch of the incident chunk: ${seen}`);
    assert.equal(seen.filter((p) => EMBED_CHUNK.test(p)).length, 0, `no embed chunk: ${seen}`);
    assert.equal(seen.filter((p) => SANITIZER.test(p)).length, 1, `one fetch of DOMPurify: ${seen}`);
  });
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    const seen = codeRequests(page);
    await page.goto(`${appUrl}?embed=1`);
    await waitForView(page, '.embed-list');
    await page.waitForTimeout(500);
    assert.equal(seen.filter((p) => EMBED_CHUNK.test(p)).length, 1, `one fetch of the embed chunk: ${seen}`);
    assert.equal(seen.filter((p) => INCIDENT_CHUNK.test(p)).length, 0, `no incident chunk in the embed: ${seen}`);
    assert.equal(seen.filter((p) => SANITIZER.test(p)).length, 0, `no DOMPurify for titles without HTML: ${seen}`);
  });
});

test('history bars, archive buttons and footer choices that do not arrive: bars and buttons keep their place, the footer says what failed and tries again', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    let blocked = true;
    await page.route(LATER_CHUNK, (route) => (blocked ? route.abort('connectionreset') : route.continue()));
    await page.goto(appUrl);
    await waitForView(page, 'li.incident-row a.incident-link');
    const missing = page.locator('footer .later-missing');
    await missing.waitFor({ timeout: 10_000 });
    assert.match(await missing.innerText(), /This part of the status page could not be loaded: Its code did not arrive/);
    const rows = await page.locator('.components .component-item, .components .component-group').count();
    assert.ok(rows > 0, 'the components are listed with their statuses');
    assert.equal(await page.locator('.components .history-bar[aria-hidden="true"]').count(), rows, 'an empty bar holds each row\'s place');
    const archives = readDemoJson('sitrep', 'data/list.json').archive.length;
    assert.ok(archives > 0, 'the demo list names archive files');
    assert.equal(await page.locator('.archive[aria-hidden="true"] .archive-place').count(), archives, 'an invisible place is held for each archive button');
    assert.equal(await page.locator('.archive button').count(), 0, 'no archive button before its code');
    const topOf = (selector) => page.locator(selector).evaluate((e) => Math.round(e.getBoundingClientRect().top + window.scrollY));
    const headingAt = () => topOf('#history-heading');
    const before = await headingAt();
    const footerBefore = await topOf('footer');
    await missing.getByRole('button', { name: 'Try again' }).click();
    await missing.waitFor({ timeout: 10_000 });
    blocked = false;
    await missing.getByRole('button', { name: 'Try again' }).click();
    await page.locator('#tz-select').waitFor({ timeout: 10_000 });
    await page.locator('.components .cell').first().waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('footer .later-missing').count(), 0, 'the notice is gone once the code came');
    assert.equal(await page.locator('.components .history-bar[aria-hidden="true"]').count(), 0, 'every placeholder became a bar');
    assert.equal(await headingAt(), before, 'the bars took their placeholders\' place: nothing below moved');
    assert.equal(await page.locator('.archive button.archive-button').count(), archives, 'the archive buttons came');
    assert.equal(await page.locator('.archive-place').count(), 0, 'no place is held any more');
    assert.equal(await topOf('footer'), footerBefore, 'the archive buttons took their places: the footer did not move');
  });
});

for (const [what, blockedUrl] of [['its chunk', INCIDENT_CHUNK], ['DOMPurify', SANITIZER]]) {
  test(`an incident page whose code (${what}) does not arrive shows what failed and a button that tries again`, { timeout: 60_000 }, async () => {
    // The failed fetch is logged by the browser and the splitter's loader; nothing is uncaught.
    await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
      let blocked = true;
      await page.route(blockedUrl, (route) => (blocked ? route.abort('connectionreset') : route.continue()));
      await page.goto(`${appUrl}?incident=${ID}`);
      const panel = await waitForView(page, '.error-panel');
      assert.match(await panel.innerText(), /This part of the status page could not be loaded/);
      assert.match(await panel.innerText(), /network may be down, or the site is being updated/);
      // Never a blank page: the header and footer are there, with the way back to the list.
      assert.equal(await page.locator('.site-header .site-title').isVisible(), true);
      assert.equal(await page.locator('footer.site-footer').isVisible(), true);
      const retry = page.getByRole('button', { name: 'Try again' });
      await retry.click();
      await waitForView(page, '.error-panel');
      assert.equal(await page.locator('article.incident-detail').count(), 0, 'still blocked: still the error');
      blocked = false;
      await page.getByRole('button', { name: 'Try again' }).click();
      await waitForView(page, 'article.incident-detail h1');
      assert.equal(await page.locator('.error-panel').count(), 0, 'the error is gone once the code came');
    });
  });
}
