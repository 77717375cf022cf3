// A corpus of injection vectors (tests/fixtures/hostile/xss-vectors.json) in
// every text field of both feed formats and in config.json. Nothing may run,
// open a dialog or window, navigate away, load a frame or stylesheet, clobber
// the page's globals, draw outside its box or over the page's own text.
// Vectors are batched: one page load carries all of them.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { useServersAndBrowser, config, withPage, waitForView } from './support/app.mjs';
import {
  loadVectors, watch, verdict, markupProblems, containmentProblems, ownTextProblems, scrollThrough,
} from './support/hostile.mjs';

const VECTORS = loadVectors();
const ALL_BLOCK = VECTORS.map((v) => v.payload).join('\n\n');
const ALL_INLINE = VECTORS.map((v) => v.payload).join(' ');

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Relative to the real clock: the page runs with real timers, so lazy images
// load and any handler a payload kept would fire.
const NOW = Date.now();
const at = (offset) => new Date(NOW + offset).toISOString();
const pad = (n) => String(n).padStart(3, '0');

const apps = {};

// Files rewritten between page loads get a new modification time each, so no
// revalidation can ever be answered "not modified" with the old content.
let writes = 0;
function rewrite(file) {
  const mtime = new Date(NOW + ++writes * 1000);
  fs.utimesSync(file, mtime, mtime);
}

const env = useServersAndBrowser(async () => {
  const srv = env.srv;
  apps.native = srv.deployApp('native', config({ title: 'Hostile native', format: 'sitrep', data_url: putNative(srv, 'native') }));
  apps.gitlab = srv.deployApp('gitlab', config({ title: 'Hostile GitLab', format: 'gitlab', data_url: putGitlab(srv, 'gitlab') }));
  // One deployment whose config.json and data are rewritten between page loads.
  srv.putData('plain/data/list.json', { sitrep: 1, incidents: [nativeEntry('ok', 'A quiet incident', 0)] });
  apps.config = srv.deployApp('cfg', config({ data_url: srv.dataUrl('plain/') }));
  apps.errors = srv.deployApp('err', config({ title: 'Hostile errors', format: 'sitrep', data_url: srv.dataUrl('err/') }));
});

// ---------------------------------------------------------------- buckets

function nativeEntry(id, title, i) {
  // A mix of open incidents, history and maintenance, so every section of the list shows payloads.
  const entry = { id, title, impact: ['minor', 'major', 'critical', 'none'][i % 4], components: [] };
  switch (i % 4) {
    case 0:
      return { ...entry, status: 'investigating', started_at: at(-(i + 1) * MINUTE), updated_at: at(-i * 30_000) };
    case 1:
      return { ...entry, status: 'resolved', started_at: at(-(i + 1) * HOUR), updated_at: at(-i * HOUR), resolved_at: at(-i * HOUR) };
    case 2:
      return {
        ...entry, kind: 'maintenance', status: 'scheduled', updated_at: at(-HOUR),
        scheduled_start: at(DAY + i * MINUTE), scheduled_end: at(DAY + (i + 60) * MINUTE),
      };
    default:
      return { ...entry, status: 'resolved', started_at: at(-(i + 2) * DAY), updated_at: at(-(i + 1) * DAY), resolved_at: at(-(i + 1) * DAY) };
  }
}

/** One row per vector (title, latest update, component id and name, archive title) and one carrier incident with all of them. */
function putNative(srv, prefix) {
  const rows = VECTORS.map((v, i) => ({
    ...nativeEntry(`v${pad(v.n)}`, v.payload, i),
    latest_update: v.payload,
    components: [`c${v.n}`, v.payload],
  }));
  const carrier = {
    ...nativeEntry('all', ALL_INLINE, 0),
    latest_update: ALL_INLINE,
    components: VECTORS.map((v) => `c${v.n}`),
  };
  srv.putData(`${prefix}/data/list.json`, {
    sitrep: 1,
    components: VECTORS.map((v) => ({ id: `c${v.n}`, name: v.payload, group: v.payload })),
    incidents: [carrier, ...rows],
    archive: VECTORS.map((v) => ({ url: `data/archive/${v.n}.json`, title: v.payload, count: v.n })),
  });
  srv.putData(`${prefix}/data/incident/all.json`, {
    sitrep: 1,
    ...carrier,
    description: ALL_BLOCK,
    updates: VECTORS.map((v, i) => ({ id: `u${pad(v.n)}`, status: 'investigating', at: at(-(i + 1) * 10_000), body: v.payload })),
  });
  return srv.dataUrl(`${prefix}/`);
}

const GITLAB_CARRIER = 1000;

/** One row per vector (HTML title) and one carrier incident: all titles, the description, one comment per vector. */
function putGitlab(srv, prefix) {
  const entry = (id, title, i) => ({
    id,
    status: i % 2 ? 'closed' : 'opened',
    title,
    links: { details: `data/incident/${id}.json` },
    created_at: at(-(i + 1) * HOUR),
    updated_at: at(-i * HOUR),
  });
  const rows = VECTORS.map((v, i) => entry(v.n, v.payload, i));
  const carrier = entry(GITLAB_CARRIER, ALL_INLINE, 0);
  srv.putData(`${prefix}/data/list.json`, { incidents: [carrier, ...rows] });
  srv.putData(`${prefix}/data/incident/${GITLAB_CARRIER}.json`, {
    ...carrier,
    description: VECTORS.map((v) => v.payload).join('\n'),
    comments: VECTORS.map((v, i) => ({ note: v.payload, created_at: at(-(VECTORS.length - i) * 10_000) })),
  });
  return srv.dataUrl(`${prefix}/`);
}

// ---------------------------------------------------------------- checks

/** Opens one page with watchers and runs `fn(check)`; `check(where, ownText)` asserts the page is unharmed. */
async function withHostilePage(appUrl, fn) {
  await withPage(env, async (session) => {
    const seen = await watch(session, appUrl);
    const check = async (where, ownText = [], { settle = 400 } = {}) => {
      await scrollThrough(session.page);
      await session.page.waitForTimeout(settle);
      const problems = [
        ...await verdict(session, seen, VECTORS),
        ...await markupProblems(session.page),
        ...await containmentProblems(session.page),
        ...await ownTextProblems(session.page, ['header.site-header', ...ownText]),
      ];
      assert.deepEqual(problems, [], `${where}:\n${problems.join('\n')}`);
    };
    await fn(session.page, check);
  });
}

/** The number of updates shown once a long timeline has been drawn (a chunk per frame). */
async function allUpdates(page, expected) {
  const updates = 'ol.timeline > li.update';
  await page.waitForFunction(([selector, n]) => document.querySelectorAll(selector).length >= n, [updates, expected], { timeout: 15_000 }).catch(() => {});
  return page.locator(updates).count();
}

/** The history shows a page at a time: opens all of it, as a reader would. */
async function showAllHistory(page) {
  while (await page.locator('button.history-more').count()) {
    await page.locator('button.history-more').click();
  }
}

/** Text of every element matching `selector`, exactly as in the DOM. */
function texts(page, selector) {
  return page.locator(selector).evaluateAll((els) => els.map((el) => el.textContent));
}

// ---------------------------------------------------------------- tests

test('the corpus has at least 100 distinct vectors, each able to report itself', () => {
  assert.ok(VECTORS.length >= 100, `${VECTORS.length} vectors`);
  assert.equal(new Set(VECTORS.map((v) => v.payload)).size, VECTORS.length, 'payloads are distinct');
  assert.equal(new Set(VECTORS.map((v) => v.id)).size, VECTORS.length, 'ids are distinct');
  const categories = new Set(VECTORS.map((v) => v.category));
  for (const c of ['script', 'event-handler', 'url-scheme', 'frame', 'markdown', 'svg-mathml', 'mutation', 'clobbering', 'hijack', 'css-overlay']) {
    assert.ok(categories.has(c), `category ${c}`);
  }
});

test('native: every vector in titles, latest updates, components and archive titles of the list', { timeout: 120_000 }, async () => {
  await withHostilePage(apps.native, async (page, check) => {
    await page.goto(apps.native);
    await waitForView(page, `li.incident-row[data-incident-id="v${pad(VECTORS.length)}"]`);
    await showAllHistory(page);
    await check('native list', ['#overall-status h1', 'main section.history > h2']);
    // Plain-text fields show the payload as text, character for character.
    const titles = await page.locator('li.incident-row').evaluateAll((rows) =>
      Object.fromEntries(rows.map((r) => [r.dataset.incidentId, r.querySelector('.incident-link-text')?.textContent])));
    const latest = await page.locator('li.incident-row').evaluateAll((rows) =>
      Object.fromEntries(rows.map((r) => [r.dataset.incidentId, r.querySelector('.latest-update')?.textContent])));
    for (const v of VECTORS) {
      assert.equal(titles[`v${pad(v.n)}`], v.payload, `title of ${v.id} is shown as text`);
      assert.equal(latest[`v${pad(v.n)}`], v.payload, `latest update of ${v.id} is shown as text`);
    }
    const archive = (await texts(page, '.archive-button')).join('\n');
    assert.ok(VECTORS.every((v) => archive.includes(v.payload)), 'archive titles are shown as text');
  });
});

test('native: every vector in the title, description and update bodies of one incident', { timeout: 120_000 }, async () => {
  await withHostilePage(apps.native, async (page, check) => {
    const url = `${apps.native}?incident=all`;
    await page.goto(url);
    const article = await waitForView(page, 'article.incident-detail[data-incident-id="all"]');
    assert.equal(await allUpdates(page, VECTORS.length), VECTORS.length, 'one update per vector');
    assert.equal(await article.locator('.incident-title-text').evaluate((el) => el.textContent), ALL_INLINE, 'the title is plain text');
    await check('native detail', ['article.incident-detail .updates > h2', 'nav.back-nav a']);
  });
});

test('GitLab: every vector as an HTML title in the list', { timeout: 120_000 }, async () => {
  await withHostilePage(apps.gitlab, async (page, check) => {
    await page.goto(apps.gitlab);
    await waitForView(page, `li.incident-row[data-incident-id="${VECTORS.length}"]`);
    await showAllHistory(page);
    assert.equal(await page.locator('li.incident-row').count(), VECTORS.length + 1);
    await check('GitLab list', ['#overall-status h1', 'main section.history > h2']);
  });
});

test('GitLab: every vector in the title, description and comments of one incident', { timeout: 120_000 }, async () => {
  await withHostilePage(apps.gitlab, async (page, check) => {
    await page.goto(`${apps.gitlab}?incident=${GITLAB_CARRIER}`);
    const article = await waitForView(page, `article.incident-detail[data-incident-id="${GITLAB_CARRIER}"]`);
    assert.equal(await allUpdates(page, VECTORS.length), VECTORS.length, 'one comment per vector');
    await check('GitLab detail', ['article.incident-detail .updates > h2', 'nav.back-nav a']);
  });
});

test('config.json: every vector as the title, logo, contact and feed URL', { timeout: 240_000 }, async () => {
  await withHostilePage(apps.config, async (page, check) => {
    for (let i = 0; i < VECTORS.length; i += 3) {
      const [a, b = VECTORS[0], c = VECTORS[1]] = VECTORS.slice(i, i + 3);
      const title = [a, b, c].map((v) => v.payload).join(' ');
      rewrite(env.srv.putApp('cfg/config.json', config({
        title, logo_url: a.payload, contact_url: b.payload, feed_url: c.payload, data_url: env.srv.dataUrl('plain/'),
      })));
      await page.goto(apps.config);
      await waitForView(page, '#overall-status, .error-panel');
      const where = `config with ${a.id}, ${b.id}, ${c.id}`;
      assert.equal(await page.locator('header.site-header .site-title').evaluate((el) => el.textContent), title, `${where}: the title is plain text`);
      const links = await page.evaluate(() => [...document.querySelectorAll('header.site-header img, header.site-header a')]
        .map((el) => ({ tag: el.localName, url: el.getAttribute('src') ?? el.getAttribute('href'), attrs: [...el.attributes].map((x) => x.name) })));
      for (const link of links) {
        const protocol = new URL(link.url, apps.config).protocol;
        assert.ok(['http:', 'https:', 'mailto:'].includes(protocol), `${where}: <${link.tag}> ${link.url}`);
        assert.ok(link.attrs.every((n) => !n.startsWith('on')), `${where}: <${link.tag}> ${link.attrs}`);
      }
      await check(where, ['#overall-status h1'], { settle: 150 });
    }
  });
});

test('error messages quote hostile values as text', { timeout: 180_000 }, async () => {
  // Every vector as an unknown status or kind (whose messages quote the value in
  // full), and one vector of each category as an invalid incident or update id
  // (a message quotes the start of the first invalid id).
  const sample = [...new Map(VECTORS.map((v) => [v.category, v])).values()];
  const cases = [
    { name: 'every vector as a status', list: { sitrep: 1, incidents: [{ ...nativeEntry('a', 't', 0), status: ALL_INLINE }] } },
    { name: 'every vector as a kind', list: { sitrep: 1, incidents: [{ ...nativeEntry('a', 't', 0), kind: ALL_INLINE }] } },
    ...sample.map((v) => ({ name: `${v.id} as an incident id`, list: { sitrep: 1, incidents: [nativeEntry(v.payload, 't', 0)] } })),
    ...sample.map((v) => ({
      name: `${v.id} as an update id`,
      list: { sitrep: 1, incidents: [nativeEntry('a', 't', 0)] },
      detail: { sitrep: 1, ...nativeEntry('a', 't', 0), updates: [{ id: v.payload, status: 'investigating', at: at(-MINUTE), body: 'b' }] },
    })),
  ];
  await withHostilePage(apps.errors, async (page, check) => {
    for (const c of cases) {
      rewrite(env.srv.putData('err/data/list.json', c.list));
      if (c.detail) rewrite(env.srv.putData('err/data/incident/a.json', c.detail));
      await page.goto(c.detail ? `${apps.errors}?incident=a` : apps.errors);
      const panel = await waitForView(page, '.error-panel');
      const message = await panel.locator('.error-detail').evaluate((el) => el.textContent);
      assert.ok(message.length > 0, `${c.name}: the error is explained`);
      await check(c.name, ['.error-panel h1'], { settle: 150 });
    }
  });
});
