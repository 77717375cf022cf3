// What the reader sees when the data or the deployment is broken: a clear
// message naming the file (and field), never a blank page or an exception.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
  useServersAndBrowser, config, withPage, waitForView, textOf, DEMO_NOW,
} from './support/app.mjs';
import { gitlabIncident, glParagraph, putGitlabBucket, nativeIncident, putNativeBucket } from './support/fixtures.mjs';

const apps = {};
const env = useServersAndBrowser(async () => {
  const srv = env.srv;
  fs.mkdirSync(path.join(srv.dataRoot, 'empty'), { recursive: true });
  deploy('empty', { data_url: srv.dataUrl('empty/') });

  srv.putData('bad-json/data/list.json', '{"sitrep": 1, "incidents": [ {"id": "a", ');
  deploy('bad-json', { data_url: srv.dataUrl('bad-json/') });

  srv.putData('not-json/data/list.json', 'incidents: none\nthis is not JSON at all\n');
  deploy('not-json', { data_url: srv.dataUrl('not-json/') });

  // `status` first in the entry, so it is the first problem a parser meets.
  srv.putData('native-type/data/list.json', {
    sitrep: 1,
    incidents: [{ status: 42, id: 'db', title: 'Database', started_at: '2026-11-22T10:00:00Z', updated_at: '2026-11-22T10:00:00Z' }],
  });
  deploy('native-type', { data_url: srv.dataUrl('native-type/'), format: 'sitrep' });

  srv.putData('gitlab-type/data/list.json', {
    incidents: [{ status: 42, id: 1, title: 'Database', links: { details: 'data/incident/1.json' }, created_at: '2026-11-22T10:00:00Z', updated_at: '2026-11-22T10:00:00Z' }],
  });
  deploy('gitlab-type', { data_url: srv.dataUrl('gitlab-type/'), format: 'gitlab' });

  apps['no-config'] = srv.deployApp('no-config', null);

  const glUrl = putGitlabBucket(srv, 'gitlab-ok', [gitlabIncident({
    iid: 3, title: 'Broken detail', status: 'opened', description: glParagraph('x'), comments: [],
    created_at: '2026-11-22T10:00:00.000Z',
  }), gitlabIncident({
    iid: 4, title: 'Fine incident', status: 'closed', description: glParagraph('fine'), comments: [],
    created_at: '2026-11-21T10:00:00.000Z',
  })]);
  srv.putData('gitlab-ok/data/incident/3.json', '{"id": 3, "title": "Broken detail", ');
  deploy('gitlab-ok', { data_url: glUrl, format: 'gitlab' });

  const nativeUrl = putNativeBucket(srv, 'native-ok', [nativeIncident({
    id: 'api-down', title: 'API down', status: 'resolved', impact: 'major',
    started_at: '2026-11-22T08:00:00Z', resolved_at: '2026-11-22T09:00:00Z', description: 'Fixed.', updates: [],
  })]);
  deploy('native-ok', { data_url: nativeUrl });
});

function deploy(name, overrides) {
  apps[name] = env.srv.deployApp(name, config({ title: `Errors: ${name}`, ...overrides }));
}

async function errorPanel(page, url) {
  await page.goto(url);
  const panel = await waitForView(page, '.error-panel');
  assert.equal(await panel.first().getAttribute('role'), 'alert', '.error-panel has role=alert');
  return textOf(panel.first());
}

test('empty bucket: names data/list.json and the 404', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    const text = await errorPanel(page, apps.empty);
    assert.match(text, /data\/list\.json/, `names the file: ${text}`);
    assert.match(text, /404/, `names the status: ${text}`);
  });
});

test('truncated JSON: names the file and says it is not valid JSON', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    const text = await errorPanel(page, apps['bad-json']);
    assert.match(text, /data\/list\.json/, `names the file: ${text}`);
    assert.match(text, /not valid JSON|invalid JSON|truncated|ends too early/i, `says what is wrong: ${text}`);
  });
});

test('garbage instead of JSON: names the file and says it is not valid JSON', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    const text = await errorPanel(page, apps['not-json']);
    assert.match(text, /data\/list\.json/, `names the file: ${text}`);
    assert.match(text, /not valid JSON|invalid JSON/i, `says it is not valid JSON: ${text}`);
  });
});

test('wrong type in a native list: names incidents[0].status', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    const text = await errorPanel(page, apps['native-type']);
    assert.match(text, /data\/list\.json/, `names the file: ${text}`);
    assert.ok(text.includes('incidents[0].status'), `names the field: ${text}`);
  });
});

test('wrong type in a GitLab list: names incidents[0].status', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    const text = await errorPanel(page, apps['gitlab-type']);
    assert.match(text, /data\/list\.json/, `names the file: ${text}`);
    assert.ok(text.includes('incidents[0].status'), `names the field: ${text}`);
  });
});

test('missing config.json: a clear error, not a blank page', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    const lists = [];
    page.on('request', (request) => { if (request.url().endsWith('/data/list.json')) lists.push(request.url()); });
    const text = await errorPanel(page, apps['no-config']);
    assert.match(text, /config\.json/, `names config.json: ${text}`);
    assert.match(text, /404|not found|missing/i, `says it is missing: ${text}`);
    assert.deepEqual(lists, [], 'without a config there is no list to ask for');
  });
});

test('broken detail file: the detail view names that file', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    const text = await errorPanel(page, `${apps['gitlab-ok']}?incident=3`);
    assert.match(text, /data\/incident\/3\.json/, `names the detail file: ${text}`);
    // The list itself is fine, and another incident still opens.
    await page.goto(`${apps['gitlab-ok']}?incident=4`);
    await waitForView(page, 'article.incident-detail[data-incident-id="4"]');
  });
});

test('unknown incident id shows "not found" (native and GitLab)', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    for (const url of [`${apps['native-ok']}?incident=no-such-incident`, `${apps['gitlab-ok']}?incident=999`]) {
      await page.goto(url);
      const nf = await waitForView(page, '.not-found');
      assert.ok((await textOf(nf)).length > 0, `.not-found says something at ${url}`);
      assert.equal(await page.locator('article.incident-detail').count(), 0, 'no detail is shown');
      assert.equal(await page.locator('.error-panel').count(), 0, 'an unknown id is not reported as a broken feed');
    }
  });
});

test('a known-good bucket shows no error (control)', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    await page.goto(apps['native-ok']);
    await waitForView(page, 'li.incident-row[data-incident-id="api-down"]');
    assert.equal(await page.locator('.error-panel').count(), 0);
  });
});

test('error details are in the reader\'s language; file names, fields and codes stay', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    const missing = await errorPanel(page, `${apps.empty}?lang=de`);
    assert.match(missing, /data\/list\.json wurde nicht gefunden \(HTTP 404\)/, `German 404: ${missing}`);

    const field = await errorPanel(page, `${apps['native-type']}?lang=fr`);
    assert.ok(field.includes('data/list.json : champ incidents[0].status'), `French field error: ${field}`);
    assert.doesNotMatch(field, /\bfield\b|expected one of/, `no English sentence: ${field}`);

    const json = await errorPanel(page, `${apps['not-json']}?lang=ja`);
    assert.match(json, /data\/list\.json は有効な JSON ではありません（1 行 1 列）/, `Japanese, with line and column: ${json}`);

    const detail = await errorPanel(page, `${apps['bad-json']}?lang=ar`);
    assert.match(detail, /data\/list\.json/, `file name kept: ${detail}`);
    assert.match(detail, /السطر/, `Arabic: ${detail}`);
  });
});
