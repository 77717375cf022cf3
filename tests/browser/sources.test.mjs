// The other sources, served from a second origin with CORS and a JSON Content-Type: a
// Crashbot-style /list endpoint (list_url) and a Statuspage page's API v2. List and incident
// pages, nothing fetched but what the format needs, live changes, the embed, hostile text.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
  useServersAndBrowser, config, withPage, waitForView, textOf, DEMO_NOW,
} from './support/app.mjs';
import { REPO_ROOT } from './support/servers.mjs';

const fixture = (rel) => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'tests', 'fixtures', rel), 'utf8'));
const CRASHBOT = fixture('crashbot/list.json');
const SUMMARY = fixture('statuspage/summary.json');
const INCIDENTS = fixture('statuspage/incidents.json');

const apps = {};
const env = useServersAndBrowser(async ({ srv }) => {
  srv.putData('json-api/crashbot/list', CRASHBOT);
  apps.crashbot = srv.deployApp('crashbot', config({ list_url: srv.dataUrl('json-api/crashbot/list') }));
  apps.crashbotQuery = srv.deployApp('crashbot-query', config({ list_url: srv.dataUrl('json-api/crashbot/list?team=core') }));
  putStatuspage(srv, SUMMARY, INCIDENTS);
  apps.statuspage = srv.deployApp('statuspage', config({ data_url: srv.dataUrl('json-api/sp/'), format: 'statuspage' }));
});

function putStatuspage(srv, summary, incidents) {
  if (summary) srv.putData('json-api/sp/api/v2/summary.json', summary);
  if (incidents) srv.putData('json-api/sp/api/v2/incidents.json', incidents);
}

const rowIds = (locator) => locator.locator('li.incident-row').evaluateAll((rows) => rows.map((r) => r.dataset.incidentId));
const pollNow = (page) => page.evaluate(() => window.dispatchEvent(new Event('online')));

test('crashbot: open incidents by severity, then report time; SEV badges; reported and closed', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    await page.goto(apps.crashbot);
    await waitForView(page, 'li.incident-row');
    const response = await page.request.get(env.srv.dataUrl('json-api/crashbot/list'));
    assert.equal(response.headers()['content-type'], 'application/json', 'served as JSON');

    const open = [...CRASHBOT.open].sort((a, b) =>
      a.severity.localeCompare(b.severity) || b.reported_at.localeCompare(a.reported_at));
    assert.deepEqual(await rowIds(page.locator('section.active-incidents')), open.map((r) => String(r.id)));
    assert.match(await textOf(page.locator('#overall-status')), /major outage/i, 'SEV-2 is a major outage');
    const first = page.locator('section.active-incidents li.incident-row').first();
    assert.match(await textOf(first), /SEV-2 \(major\)/);
    assert.match(await textOf(first), /Reported/);
    assert.equal(await page.locator('section.components').count(), 0, 'no components panel for a format without components');

    const closed = page.locator('section.history li.incident-row[data-incident-id="4118"]');
    assert.match(await textOf(closed), /SEV-1/, 'a closed incident keeps its severity');
  });
});

test('crashbot: the incident page comes from the list alone, with markdown, contacts and the RCA link', { timeout: 60_000 }, async () => {
  const mark = env.srv.mark();
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    await page.goto(`${apps.crashbot}?incident=4127`);
    const article = await waitForView(page, 'article.incident-detail[data-incident-id="4127"]');
    assert.equal(await article.locator('.description strong').first().textContent(), '07:38 UTC', 'markdown is rendered');
    const facts = await textOf(article.locator('.facts'));
    assert.match(facts, /Point of contact Dana Whitfield, Ravi Menon, Li Wei/i);
    assert.match(facts, /Reported/i);
    assert.equal(await article.locator('section.updates').isVisible(), false, 'no empty timeline for a format without one');

    await page.goto(`${apps.crashbot}?incident=4118`);
    const closed = await waitForView(page, 'article.incident-detail[data-incident-id="4118"]');
    const rca = closed.locator('.facts a.external-link');
    assert.equal(await rca.getAttribute('href'), 'https://wiki.example.com/rca/4118');
    assert.equal(await rca.getAttribute('rel'), 'noopener noreferrer');
    assert.match(await textOf(closed.locator(".facts")), /Closed/i);

    // The unsafe rca_link of another incident is not a link at all.
    await page.goto(`${apps.crashbot}?incident=4101`);
    const unsafe = await waitForView(page, 'article.incident-detail[data-incident-id="4101"]');
    assert.equal(await unsafe.locator('a[href^="javascript"]').count(), 0);
  });
  const paths = env.srv.requestsSince(mark).map((r) => r.path);
  assert.ok(paths.every((p) => p === '/json-api/crashbot/list'), `only the list is fetched: ${paths.join(', ')}`);
});

test('statuspage: declared status, components with their own status, and the history', { timeout: 60_000 }, async () => {
  const mark = env.srv.mark();
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    await page.goto(apps.statuspage);
    await waitForView(page, 'section.components');
    assert.match(await textOf(page.locator('#overall-status')), /major outage/i, 'status.indicator "major"');
    const panel = page.locator('section.components');
    const group = panel.locator('li.component-group');
    assert.match(await textOf(group.locator('summary')), /API Partial outage/);
    assert.equal(await group.locator('details').getAttribute('open'), '', 'a group with a problem is open');
    assert.match(await textOf(panel.locator('[data-component-id="ftgks51sfs2d"]')), /Dashboard Degraded performance/);
    assert.match(await textOf(panel.locator('[data-component-id="r0ll0utq3c1x"]')), /Under maintenance/);
    // The history comes from incidents.json.
    await page.locator('section.history li.incident-row[data-incident-id="j8k9l0m1n2p3"]').waitFor();
    assert.equal(await page.locator('.new-badge').count(), 0, 'the history is part of the first load, not news');
    assert.equal(await textOf(page.locator('#live-region')), '', 'nothing is announced on the first load');
  });
  const paths = env.srv.requestsSince(mark).map((r) => r.path);
  assert.deepEqual([...new Set(paths)].sort(), ['/json-api/sp/api/v2/incidents.json', '/json-api/sp/api/v2/summary.json']);
});

test('statuspage: an incident page with plain-text updates that keep their line breaks and a link to its page', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    await page.goto(`${apps.statuspage}?incident=j8k9l0m1n2p3`);
    const article = await waitForView(page, 'article.incident-detail[data-incident-id="j8k9l0m1n2p3"]');
    const updates = article.locator('ol.timeline > li.update');
    assert.equal(await updates.count(), 3);
    const postmortem = updates.first().locator('.plain-text');
    assert.equal(await postmortem.evaluate((el) => getComputedStyle(el).whiteSpace), 'pre-line');
    assert.ok((await postmortem.innerText()).includes('\n'), 'line breaks show');
    const link = article.locator('.facts a.external-link');
    assert.equal(await link.getAttribute('href'), 'https://stspg.io/j8k9l0m1n2p3');

    await page.goto(`${apps.statuspage}?incident=x0y1z2a3b4c5`);
    const unsafe = await waitForView(page, 'article.incident-detail[data-incident-id="x0y1z2a3b4c5"]');
    assert.equal(await unsafe.locator('a[href^="javascript"]').count(), 0, 'an unsafe shortlink is dropped');
  });
});

test('live: a change that comes before the chunk with the announcements is announced once it is in', { timeout: 60_000 }, async () => {
  const { srv } = env;
  try {
    await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
      // The chunk that marks and announces changes is held back until the change is on screen.
      let release;
      const held = new Promise((resolve) => { release = resolve; });
      await page.route(/\/split_later-[0-9a-f]{16}\.wasm$/, async (route) => { await held; await route.continue(); });
      await page.goto(apps.crashbot);
      await waitForView(page, 'li.incident-row');
      const added = { ...CRASHBOT.open[0], id: 4300, severity: 'sev-1', title: 'Checkout is slow', reported_at: '2026-11-23T08:59:00Z' };
      srv.putData('json-api/crashbot/list', { ...CRASHBOT, open: [added, ...CRASHBOT.open] });
      await pollNow(page);
      await page.waitForFunction(() => document.querySelector('section.active-incidents li.incident-row')?.dataset.incidentId === '4300');
      assert.equal(await textOf(page.locator('#live-region')), '', 'nothing is announced before the chunk is in');
      release();
      await page.waitForFunction(() => /Checkout is slow/.test(document.querySelector('#live-region')?.textContent ?? ''), null, { timeout: 10_000 });
      assert.equal(await page.locator('li.incident-row[data-incident-id="4300"].is-new').count(), 1, 'and its row is marked');
    });
  } finally {
    srv.putData('json-api/crashbot/list', CRASHBOT);
  }
});

test('live: a new Crashbot incident and a Statuspage status change show without a reload', { timeout: 60_000 }, async () => {
  const { srv } = env;
  try {
    await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
      await page.goto(apps.crashbot);
      await waitForView(page, 'li.incident-row');
      const added = {
        ...CRASHBOT.open[0], id: 4200, severity: 'sev-1', title: 'Payments down <script>window.__pwned = 1</script>',
        description: '**All** payments fail. [details](javascript:window.__pwned=1)', reported_at: '2026-11-23T08:58:00Z',
      };
      srv.putData('json-api/crashbot/list', { ...CRASHBOT, open: [added, ...CRASHBOT.open] });
      await pollNow(page);
      const row = page.locator('section.active-incidents li.incident-row').first();
      await page.waitForFunction(() => document.querySelector('section.active-incidents li.incident-row')?.dataset.incidentId === '4200');
      assert.match(await textOf(row), /Payments down <script>/, 'the title is text');
      assert.match(await textOf(page.locator('#live-region')), /Payments down/, 'announced');
      await row.locator('a.incident-link').click();
      const article = await waitForView(page, 'article.incident-detail[data-incident-id="4200"]');
      assert.equal(await article.locator('a[href^="javascript"]').count(), 0);
      assert.equal(await page.evaluate(() => window.__pwned), undefined, 'nothing ran');
    });

    await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
      await page.goto(apps.statuspage);
      await waitForView(page, 'section.components');
      const resolvedSummary = {
        ...SUMMARY,
        status: { indicator: 'none', description: 'All Systems Operational' },
        components: SUMMARY.components.map((c) => ({ ...c, status: 'operational' })),
        incidents: [],
        scheduled_maintenances: [],
      };
      putStatuspage(srv, resolvedSummary);
      await pollNow(page);
      await page.waitForFunction(() => /All systems operational/i.test(document.querySelector('#overall-status')?.textContent ?? ''));
      assert.equal(await page.locator('section.components .component-status.component--partial-outage').count(), 0);
    });
  } finally {
    srv.putData('json-api/crashbot/list', CRASHBOT);
    putStatuspage(srv, SUMMARY, INCIDENTS);
  }
});

test('embed: both sources in the widget', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    await page.goto(`${apps.crashbot}?embed=1`);
    await waitForView(page, '.embed li.embed-item');
    assert.match(await textOf(page.locator('.embed #overall-status')), /major outage/i);
    assert.equal(await page.locator('.embed li.embed-item').count(), CRASHBOT.open.length);

    await page.goto(`${apps.statuspage}?embed=1`);
    await waitForView(page, '.embed li.embed-item');
    assert.match(await textOf(page.locator('.embed #overall-status')), /major outage/i, 'the declared status');
  });
});

test('a list_url with a query is requested exactly as written, on the first load and on every poll', { timeout: 60_000 }, async () => {
  const mark = env.srv.mark();
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    await page.goto(apps.crashbotQuery);
    await waitForView(page, 'li.incident-row');
    const before = env.srv.requestsSince(mark).length;
    await pollNow(page);
    for (let i = 0; i < 50 && env.srv.requestsSince(mark).length === before; i++) await page.waitForTimeout(100);
  });
  const uris = env.srv.requestsSince(mark).map((r) => r.uri);
  assert.ok(uris.length >= 2, `the first load and a poll: ${uris.join(', ')}`);
  assert.deepEqual([...new Set(uris)], ['/json-api/crashbot/list?team=core']);
});
