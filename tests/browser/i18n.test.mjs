// Languages and time zones: the language comes from ?lang=, then config.json, then the
// browser, then English; the page follows it (<html lang dir>, messages, Intl dates and
// relative times, mirrored layout for Arabic); the footer pickers switch language and zone
// without a reload and put the choice in the URL; internal links carry both; history days
// follow the chosen zone.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
  useServersAndBrowser, config, withPage, waitForView, textOf, DEMO_NOW,
} from './support/app.mjs';
import { REPO_ROOT } from './support/servers.mjs';
import { nativeIncident, nativeUpdate, putNativeBucket } from './support/fixtures.mjs';

const CODES = ['en', 'de', 'fr', 'es', 'ja', 'ar'];
const catalogues = Object.fromEntries(CODES.map((code) => [
  code, JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'i18n', `${code}.json`), 'utf8')),
]));
/** A message as the page shows it (whitespace, including no-break spaces, collapsed). */
const msg = (code, key) => squashSpaces(catalogues[code].messages[key]);
const squashSpaces = (text) => String(text).replace(/\s+/g, ' ').trim();

// 23:30 UTC on the 20th: the 21st in Tokyo (UTC+9), still the 20th in New York (UTC-5).
const LATE = { id: 'late-evening', started_at: '2026-11-20T23:30:00Z', resolved_at: '2026-11-20T23:50:00Z' };
// 02:00 UTC on the 18th: the 17th in New York, the 18th in UTC and Tokyo.
const EARLY = { id: 'early-morning', started_at: '2026-11-18T02:00:00Z', resolved_at: '2026-11-18T02:40:00Z' };
// October, whose name differs in every shipped language.
const OCTOBER = { id: 'october', started_at: '2026-10-14T12:00:00Z', resolved_at: '2026-10-14T13:00:00Z' };

function resolved({ id, started_at, resolved_at }, title) {
  return nativeIncident({
    id, title, status: 'resolved', impact: 'minor', started_at, updated_at: resolved_at, resolved_at,
    description: `${title}.`,
    updates: [
      nativeUpdate({ id: 'u1', status: 'investigating', body: 'Looking into it.', at: started_at }),
      nativeUpdate({ id: 'u2', status: 'resolved', body: 'Fixed.', at: resolved_at }),
    ],
  });
}

let app;
let esApp;
const env = useServersAndBrowser(async () => {
  const srv = env.srv;
  const dataUrl = putNativeBucket(srv, 'i18n', [
    resolved(LATE, 'Late evening incident'),
    resolved(EARLY, 'Early morning incident'),
    resolved(OCTOBER, 'October incident'),
  ]);
  app = srv.deployApp('', config({ title: 'Languages', data_url: dataUrl }));
  // A deployment under a subpath whose owner chose Spanish.
  esApp = srv.deployApp('es', config({ title: 'Idiomas', data_url: dataUrl, language: 'es' }));
});

function url(base, params = {}) {
  const u = new URL(base);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.href;
}

async function htmlLangDir(page) {
  return page.evaluate(() => ({ lang: document.documentElement.getAttribute('lang'), dir: document.documentElement.getAttribute('dir') }));
}

/** Waits until the page is in `code` (html lang and the overall status text). */
async function waitForLanguage(page, code) {
  const expected = msg(code, 'overall.operational');
  try {
    await page.waitForFunction(([lang, text]) => document.documentElement.lang === lang
      && (document.querySelector('#overall-status h1')?.textContent || '').replace(/\s+/g, ' ').trim() === text,
    [code, expected], { timeout: 10_000 });
  } catch {
    const { lang, dir } = await htmlLangDir(page);
    const shown = await page.locator('#overall-status h1').innerText().catch(() => '<none>');
    assert.fail(`expected the page in ${code} ("${expected}"), got <html lang="${lang}" dir="${dir}"> showing "${shown}"`);
  }
}

async function openList(page, href) {
  await page.goto(href);
  await waitForView(page, 'li.incident-row');
}

/** The history day (`datetime` of its heading) that lists incident `id`. */
async function dayOf(page, id) {
  const time = page.locator('section.history section.day', { has: page.locator(`li.incident-row[data-incident-id="${id}"]`) })
    .locator('h3 time');
  assert.equal(await time.count(), 1, `incident ${id} is under one day heading`);
  return time.getAttribute('datetime');
}

async function waitForDay(page, id, date) {
  await page.waitForFunction(([id, date]) => {
    const row = document.querySelector(`li.incident-row[data-incident-id="${id}"]`);
    return row?.closest('section.day')?.querySelector('h3 time')?.getAttribute('datetime') === date;
  }, [id, date], { timeout: 5000 }).catch(() => {});
  return dayOf(page, id);
}

// Intl's wording for the relative times ("5 days ago") and October, per language.
const RELATIVE = { en: /\bago\b|yesterday/, de: /\bvor\b|gestern/, fr: /il y a|hier/, es: /\bhace\b|ayer/, ja: /前|昨日/, ar: /قبل|منذ|أمس/ };
const OCTOBER_NAME = { en: /Oct/, de: /Okt/, fr: /oct/i, es: /oct/i, ja: /10月/, ar: /أكتوبر|تشرين/ };

// ---------------------------------------------------------------- ?lang=

test('?lang=de shows the page in German, with German dates and relative times', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW, locale: 'en-US', timezoneId: 'UTC' }, async ({ page }) => {
    const mark = env.srv.mark();
    await openList(page, url(app, { lang: 'de' }));
    await waitForLanguage(page, 'de');
    assert.deepEqual(await htmlLangDir(page), { lang: 'de', dir: 'ltr' });
    assert.equal(await textOf(page.locator('#overall-status h1')), msg('de', 'overall.operational'));
    assert.equal(await textOf(page.locator('#overall-status p:not(.overall-as-of)')), msg('de', 'overall.none-open'));
    const asOf = await textOf(page.locator('#overall-status p.overall-as-of'));
    assert.ok(asOf.startsWith(msg('de', 'overall.as-of').replace('{time}', '')), `the as-of line is German: ${asOf}`);
    assert.equal(await textOf(page.locator('#history-heading')), msg('de', 'section.history'));
    assert.equal(await textOf(page.locator('a.skip-link')), msg('de', 'skip-link'));
    const badges = await page.locator('li.incident-row .status-badge').allInnerTexts();
    assert.ok(badges.length > 0 && badges.every((b) => squashSpaces(b) === msg('de', 'status.resolved')),
      `status badges say "${msg('de', 'status.resolved')}": ${badges.join(' | ')}`);
    assert.equal(await page.locator('select#language-select').inputValue(), 'de', 'the language picker shows German');

    const rowTimes = (await page.locator('li.incident-row time').allInnerTexts()).join(' | ');
    assert.match(rowTimes, RELATIVE.de, `relative times are German: ${rowTimes}`);
    const days = (await page.locator('section.history section.day h3 time').allInnerTexts()).join(' | ');
    assert.match(days, OCTOBER_NAME.de, `a day heading names the month in German: ${days}`);
    assert.doesNotMatch(days, /October|Wednesday|Friday/, `no English day headings: ${days}`);

    const loaded = env.srv.requestsSince(mark, 'app').filter((r) => r.path === '/i18n/de.json');
    assert.ok(loaded.length >= 1 && loaded.every((r) => r.status === 200 || r.status === 304),
      `the catalogue is fetched from i18n/de.json beside index.html: ${JSON.stringify(loaded)}`);
  });
});

test('a page in another language is drawn in it from the start, not in English first', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW, locale: 'en-US', timezoneId: 'UTC' }, async ({ page }) => {
    // The catalogue arrives well after the list, as on a slow connection to the host.
    await page.route('**/i18n/fr.json', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await route.continue();
    });
    // The history heading's words when it first appears.
    await page.addInitScript(() => {
      const seen = new MutationObserver(() => {
        const heading = document.getElementById('history-heading');
        if (heading && heading.textContent.trim()) {
          window.firstHeading = heading.textContent.trim();
          seen.disconnect();
        }
      });
      seen.observe(document, { childList: true, subtree: true, characterData: true });
    });
    await openList(page, url(app, { lang: 'fr' }));
    await waitForLanguage(page, 'fr');
    assert.equal(await page.evaluate(() => window.firstHeading), msg('fr', 'section.history'));
  });
});

test('every shipped language: messages, <html lang dir>, Intl dates', { timeout: 120_000 }, async () => {
  for (const code of CODES) {
    await withPage(env, { clock: DEMO_NOW, locale: 'en-US', timezoneId: 'UTC' }, async ({ page }) => {
      await openList(page, url(app, { lang: code }));
      await waitForLanguage(page, code);
      const expectedDir = code === 'ar' ? 'rtl' : 'ltr';
      assert.deepEqual(await htmlLangDir(page), { lang: code, dir: expectedDir }, `${code}: <html lang dir>`);
      assert.equal(await textOf(page.locator('#history-heading')), msg(code, 'section.history'), `${code}: history heading`);
      assert.equal(await textOf(page.locator('footer.site-footer label[for="language-select"]')), msg(code, 'footer.language'),
        `${code}: the language picker is labelled`);
      const rowTimes = (await page.locator('li.incident-row time').allInnerTexts()).join(' | ');
      assert.match(rowTimes, RELATIVE[code], `${code}: relative times from Intl: ${rowTimes}`);
      const days = (await page.locator('section.history section.day h3 time').allInnerTexts()).join(' | ');
      assert.match(days, OCTOBER_NAME[code], `${code}: day headings from Intl: ${days}`);
      assert.equal(await page.locator('#live-region').evaluate((el) => el.textContent.trim()), '',
        `${code}: the live region says nothing on first load`);
    });
  }
});

test('?lang=ar: right to left, and the row layout mirrors', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW, locale: 'en-US', timezoneId: 'UTC' }, async ({ page }) => {
    const row = `li.incident-row[data-incident-id="${LATE.id}"]`;
    const centres = async () => {
      const link = await page.locator(`${row} a.incident-link`).boundingBox();
      const badge = await page.locator(`${row} .status-badge`).boundingBox();
      return { link: link.x + link.width / 2, badge: badge.x + badge.width / 2, linkBox: link, badgeBox: badge };
    };
    await openList(page, url(app, { lang: 'en' }));
    const ltr = await centres();
    assert.ok(ltr.badge > ltr.link, `in English the badge is right of the title: ${JSON.stringify(ltr)}`);

    await openList(page, url(app, { lang: 'ar' }));
    await waitForLanguage(page, 'ar');
    assert.deepEqual(await htmlLangDir(page), { lang: 'ar', dir: 'rtl' });
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).direction), 'rtl', 'the body lays out right to left');
    const rtl = await centres();
    assert.ok(rtl.badge < rtl.link, `in Arabic the badge is left of the title: ${JSON.stringify(rtl)}`);
    assert.ok(rtl.badgeBox.x + rtl.badgeBox.width <= rtl.linkBox.x + 1, `badge and title do not overlap: ${JSON.stringify(rtl)}`);
    const width = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: innerWidth }));
    assert.ok(width.scroll <= width.inner, `no sideways scrolling in RTL: ${JSON.stringify(width)}`);
  });
});

test('an unknown ?lang= is ignored', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW, locale: 'de-DE', timezoneId: 'UTC' }, async ({ page }) => {
    await openList(page, url(app, { lang: 'xx' }));
    await waitForLanguage(page, 'de');
  });
});

// ---------------------------------------------------------------- the switcher

test('the language picker switches without a reload and puts lang= in the URL', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW, locale: 'en-US', timezoneId: 'UTC' }, async ({ page }) => {
    await openList(page, app);
    await waitForLanguage(page, 'en');
    const select = page.locator('footer.site-footer select#language-select');
    // The footer's choices come after the first paint.
    await select.waitFor();
    const values = await select.locator('option').evaluateAll((opts) => opts.map((o) => o.value));
    assert.deepEqual([...values].sort(), [...CODES].sort(), `one option per shipped language: ${values.join(', ')}`);
    assert.equal(await select.inputValue(), 'en');

    await page.evaluate(() => { window.__sameDocument = true; });
    await select.selectOption('de');
    await waitForLanguage(page, 'de');
    assert.equal(new URL(page.url()).searchParams.get('lang'), 'de', `the URL says lang=de: ${page.url()}`);
    assert.equal(await page.evaluate(() => window.__sameDocument === true), true, 'no reload');
    assert.equal(await select.inputValue(), 'de');
    const href = await page.locator(`li.incident-row[data-incident-id="${LATE.id}"] a.incident-link`).getAttribute('href');
    assert.equal(new URL(href, page.url()).searchParams.get('lang'), 'de', `incident links carry lang=de: ${href}`);

    await select.selectOption('ar');
    await waitForLanguage(page, 'ar');
    assert.deepEqual(await htmlLangDir(page), { lang: 'ar', dir: 'rtl' });
    assert.equal(new URL(page.url()).searchParams.get('lang'), 'ar');
    assert.equal(await page.evaluate(() => window.__sameDocument === true), true, 'still no reload');

    // The choice is part of the URL, so a reload keeps it.
    await page.reload();
    await waitForView(page, 'li.incident-row');
    await waitForLanguage(page, 'ar');
  });
});

test('the language picker keeps the open incident', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW, locale: 'en-US', timezoneId: 'UTC' }, async ({ page }) => {
    await page.goto(url(app, { incident: LATE.id }));
    await waitForView(page, `article.incident-detail[data-incident-id="${LATE.id}"]`);
    await page.locator('select#language-select').selectOption('fr');
    await page.waitForFunction(() => document.documentElement.lang === 'fr', null, { timeout: 10_000 });
    const params = new URL(page.url()).searchParams;
    assert.equal(params.get('incident'), LATE.id, `still on the incident: ${page.url()}`);
    assert.equal(params.get('lang'), 'fr');
    await waitForView(page, `article.incident-detail[data-incident-id="${LATE.id}"]`);
    const back = await textOf(page.locator('nav.back-nav a'));
    assert.ok(back.includes(msg('fr', 'detail.back')), `the back link is in French: ${back}`);
  });
});

// ---------------------------------------------------------------- precedence

test('without ?lang= the browser\'s languages decide', { timeout: 90_000 }, async () => {
  for (const [locale, code] of [['fr-FR', 'fr'], ['de-AT', 'de'], ['ja-JP', 'ja'], ['pt-BR', 'en']]) {
    await withPage(env, { clock: DEMO_NOW, locale, timezoneId: 'UTC' }, async ({ page }) => {
      await openList(page, app);
      await waitForLanguage(page, code);
      assert.equal((await htmlLangDir(page)).lang, code, `browser ${locale} → ${code}`);
    });
  }
});

test('config.json "language" beats the browser and loses to ?lang=', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW, locale: 'fr-FR', timezoneId: 'UTC' }, async ({ page }) => {
    await openList(page, esApp);
    await waitForLanguage(page, 'es');

    const mark = env.srv.mark();
    await openList(page, url(esApp, { lang: 'de' }));
    await waitForLanguage(page, 'de');
    const loaded = env.srv.requestsSince(mark, 'app').filter((r) => r.path.endsWith('/i18n/de.json'));
    assert.ok(loaded.length >= 1 && loaded.every((r) => r.path === '/es/i18n/de.json'),
      `the catalogue comes from beside index.html under /es/: ${JSON.stringify(loaded.map((r) => r.path))}`);
  });
});

// ---------------------------------------------------------------- time zones

test('?tz= groups history days in that zone', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW, locale: 'en-US', timezoneId: 'UTC' }, async ({ page }) => {
    await openList(page, app);
    assert.equal(await dayOf(page, LATE.id), '2026-11-20', 'UTC: 23:30 is on the 20th');
    assert.equal(await dayOf(page, EARLY.id), '2026-11-18', 'UTC: 02:00 is on the 18th');

    await openList(page, url(app, { tz: 'Asia/Tokyo' }));
    assert.equal(await waitForDay(page, LATE.id, '2026-11-21'), '2026-11-21', 'Tokyo: 23:30 UTC is the next day');
    assert.equal(await dayOf(page, EARLY.id), '2026-11-18', 'Tokyo: 02:00 UTC is 11:00 the same day');
    assert.equal(await page.locator('select#tz-select').inputValue(), 'Asia/Tokyo', 'the zone picker shows the zone');
    // Still so once every zone has been added, and Tokyo is offered once.
    await page.waitForFunction(() => document.querySelectorAll('select#tz-select option').length > 100);
    assert.equal(await page.locator('select#tz-select').inputValue(), 'Asia/Tokyo', 'the picker still shows Tokyo');
    assert.equal(await page.locator('select#tz-select option[value="Asia/Tokyo"]').count(), 1, 'Tokyo is offered once');

    await openList(page, url(app, { tz: 'America/New_York' }));
    assert.equal(await waitForDay(page, EARLY.id, '2026-11-17'), '2026-11-17', 'New York: 02:00 UTC is the previous evening');
    assert.equal(await dayOf(page, LATE.id), '2026-11-20', 'New York: 23:30 UTC is 18:30 the same day');

    // Times in the detail follow the zone too.
    await page.goto(url(app, { incident: LATE.id, tz: 'Asia/Tokyo' }));
    await waitForView(page, `article.incident-detail[data-incident-id="${LATE.id}"]`);
    const started = (await page.locator('article.incident-detail dl.facts time').allInnerTexts()).join(' | ');
    assert.match(started, /\b0?8:30\b/, `the start shows as 08:30 Tokyo time: ${started}`);
  });
});

test('the zone picker puts tz= in the URL, regroups, and is remembered', { timeout: 90_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW, locale: 'en-US', timezoneId: 'UTC' }, async ({ page }) => {
    await openList(page, app);
    const select = page.locator('footer.site-footer select#tz-select');
    // The full list of zones is added once the page shows its data.
    await page.waitForFunction(() => document.querySelectorAll('select#tz-select option').length > 100);
    const values = await select.locator('option').evaluateAll((opts) => opts.map((o) => o.value));
    assert.ok(values.includes('local') && values.includes('UTC'), `local and UTC are offered: ${values.slice(0, 5).join(', ')}…`);
    assert.ok(values.includes('Asia/Tokyo') && values.includes('America/New_York'), 'IANA zones are offered');
    assert.equal(new Set(values).size, values.length, 'no zone is offered twice');

    await page.evaluate(() => { window.__sameDocument = true; });
    await select.selectOption('Asia/Tokyo');
    assert.equal(await waitForDay(page, LATE.id, '2026-11-21'), '2026-11-21', 'the history regroups for Tokyo');
    assert.equal(new URL(page.url()).searchParams.get('tz'), 'Asia/Tokyo', `the URL says tz=Asia/Tokyo: ${page.url()}`);
    assert.equal(await page.evaluate(() => window.__sameDocument === true), true, 'no reload');

    // Back without the parameter: the choice is remembered on this device.
    await openList(page, app);
    assert.equal(await waitForDay(page, LATE.id, '2026-11-21'), '2026-11-21', 'still Tokyo after reloading without tz=');
    assert.equal(await select.inputValue(), 'Asia/Tokyo', 'the picker remembers Tokyo');

    // UTC through the picker is the same choice as the UTC button.
    await select.selectOption('UTC');
    assert.equal(await waitForDay(page, LATE.id, '2026-11-20'), '2026-11-20', 'UTC regroups back');
    assert.equal(new URL(page.url()).searchParams.get('tz'), 'UTC');
    assert.equal(await page.locator('footer.site-footer button.tz-toggle').getAttribute('aria-pressed'), 'true',
      'the UTC button shows it is on');

    // And the UTC button switches back to local time (UTC in this browser, but not "UTC" chosen).
    await page.locator('footer.site-footer button.tz-toggle').click();
    await page.waitForFunction(() => document.querySelector('footer.site-footer button.tz-toggle')?.getAttribute('aria-pressed') === 'false');
    assert.equal(await select.inputValue(), 'local', 'the picker shows local time');
  });
});

test('a ?tz= link does not overwrite the remembered zone', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW, locale: 'en-US', timezoneId: 'UTC' }, async ({ page }) => {
    await openList(page, app);
    await page.locator('select#tz-select').selectOption('America/New_York');
    await waitForDay(page, EARLY.id, '2026-11-17');
    // Someone shares a Tokyo link; opening it shows Tokyo...
    await openList(page, url(app, { tz: 'Asia/Tokyo' }));
    assert.equal(await waitForDay(page, LATE.id, '2026-11-21'), '2026-11-21');
    // ...but the reader's own choice stays.
    await openList(page, app);
    assert.equal(await waitForDay(page, EARLY.id, '2026-11-17'), '2026-11-17', 'New York is still the remembered zone');
  });
});

// ---------------------------------------------------------------- links

test('deep links keep tz and lang', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW, locale: 'en-US', timezoneId: 'UTC' }, async ({ page }) => {
    await openList(page, url(app, { lang: 'de', tz: 'Asia/Tokyo' }));
    await waitForLanguage(page, 'de');
    const params = (href) => {
      const u = new URL(href, page.url());
      return { incident: u.searchParams.get('incident'), lang: u.searchParams.get('lang'), tz: u.searchParams.get('tz'), hash: u.hash };
    };
    const link = page.locator(`li.incident-row[data-incident-id="${LATE.id}"] a.incident-link`);
    assert.deepEqual(params(await link.getAttribute('href')), { incident: LATE.id, lang: 'de', tz: 'Asia/Tokyo', hash: '' },
      'the incident link carries lang and tz');
    const brand = params(await page.locator('header.site-header a.brand').getAttribute('href'));
    assert.deepEqual({ lang: brand.lang, tz: brand.tz }, { lang: 'de', tz: 'Asia/Tokyo' }, 'the home link carries lang and tz');

    await link.click();
    await waitForView(page, `article.incident-detail[data-incident-id="${LATE.id}"]`);
    const here = params(page.url());
    assert.deepEqual({ incident: here.incident, lang: here.lang, tz: here.tz }, { incident: LATE.id, lang: 'de', tz: 'Asia/Tokyo' },
      `the detail URL keeps lang and tz: ${page.url()}`);
    assert.equal((await htmlLangDir(page)).lang, 'de', 'still German');
    const back = params(await page.locator('nav.back-nav a').getAttribute('href'));
    assert.deepEqual({ incident: back.incident, lang: back.lang, tz: back.tz }, { incident: null, lang: 'de', tz: 'Asia/Tokyo' },
      'the back link keeps lang and tz');
    const permalink = params(await page.locator('li.update a.permalink').first().getAttribute('href'));
    assert.equal(permalink.incident, LATE.id);
    assert.equal(permalink.lang, 'de', 'update permalinks keep lang');
    assert.equal(permalink.tz, 'Asia/Tokyo', 'update permalinks keep tz');
    assert.match(permalink.hash, /^#update-/, 'update permalinks point at the update');

    // Without parameters, links stay clean.
    await openList(page, app);
    const plain = params(await page.locator(`li.incident-row[data-incident-id="${LATE.id}"] a.incident-link`).getAttribute('href'));
    assert.deepEqual(plain, { incident: LATE.id, lang: null, tz: null, hash: '' }, 'no parameters are invented');
  });
});
