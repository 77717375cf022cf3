// Accessibility: axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on every kind of page, light and
// dark, desktop and phone, left-to-right and right-to-left; keyboard use (skip link, focus
// after navigation, every header and footer control reachable); reflow at 200 % and 400 %
// zoom; forced colours and reduced motion.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
  useServersAndBrowser, config, withPage, waitForView, textOf, DEMO_NOW,
} from './support/app.mjs';
import { REPO_ROOT } from './support/servers.mjs';
import { axeViolations, describeViolations } from './support/axe.mjs';

// The demo's active major incident: markdown, an image, components and several updates.
const DETAIL_ID = '2026-11-23-api-errors';

let app;
let emptyApp;
let statuspageApp;
let crashbotApp;
const env = useServersAndBrowser(async () => {
  const srv = env.srv;
  const fixture = (rel) => fs.readFileSync(path.join(REPO_ROOT, 'tests', 'fixtures', rel));
  srv.putData('json-api/sp/api/v2/summary.json', fixture('statuspage/summary.json'));
  srv.putData('json-api/sp/api/v2/incidents.json', fixture('statuspage/incidents.json'));
  statuspageApp = srv.deployApp('statuspage', config({ data_url: srv.dataUrl('json-api/sp/'), format: 'statuspage' }));
  srv.putData('json-api/crashbot/list', fixture('crashbot/list.json'));
  crashbotApp = srv.deployApp('crashbot', config({ list_url: srv.dataUrl('json-api/crashbot/list') }));
  const dataUrl = srv.copyDemo('sitrep', 'native');
  app = srv.deployApp('', config({
    title: 'Accessible Status',
    data_url: dataUrl,
    contact_url: 'mailto:ops@example.com',
    feed_url: 'https://status.example.com/feed.atom',
  }));
  fs.mkdirSync(path.join(srv.dataRoot, 'empty'), { recursive: true });
  emptyApp = srv.deployApp('empty', config({ title: 'Empty Status', data_url: srv.dataUrl('empty/') }));
});

/** The pages axe checks: how to open each and what shows it has rendered. */
function views() {
  return [
    { name: 'list', url: () => app, ready: 'li.incident-row' },
    { name: 'detail', url: () => `${app}?incident=${DETAIL_ID}`, ready: `article.incident-detail[data-incident-id="${DETAIL_ID}"] ol.timeline > li.update` },
    { name: 'error', url: () => emptyApp, ready: '.error-panel' },
    { name: 'not found', url: () => `${app}?incident=no-such-incident`, ready: '.not-found' },
    // The embeddable widget, opened directly (as its iframe does), in both layouts.
    { name: 'embed', url: () => `${app}?embed=1`, ready: '.embed li.embed-item' },
    { name: 'embed banner', url: () => `${app}?embed=1&layout=banner`, ready: '.embed .overall--major' },
    // The other sources: components with their own status, plain-text updates, severities.
    { name: 'statuspage list', url: () => statuspageApp, ready: 'section.components .component-row' },
    { name: 'statuspage incident', url: () => `${statuspageApp}?incident=j8k9l0m1n2p3`, ready: 'article.incident-detail ol.timeline > li.update' },
    { name: 'crashbot list', url: () => crashbotApp, ready: 'li.incident-row .severity-badge' },
    { name: 'crashbot incident', url: () => `${crashbotApp}?incident=4118`, ready: 'article.incident-detail .facts' },
  ];
}

function withLang(url, lang) {
  if (!lang) return url;
  const u = new URL(url);
  u.searchParams.set('lang', lang);
  return u.href;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Lets styles from a media or viewport change apply before measuring. */
async function settleLayout(page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await sleep(50);
}

/**
 * Opens `view` (in `lang`), then runs axe in light and dark at 1280 and 375 px; returns the
 * violations found, described.
 */
async function auditView(view, lang) {
  const found = [];
  await withPage(env, { clock: DEMO_NOW, locale: 'en-US' }, async ({ page }) => {
    await page.goto(withLang(view.url(), lang));
    await waitForView(page, view.ready);
    if (lang) {
      await page.waitForFunction((l) => document.documentElement.lang === l, lang, { timeout: 10_000 })
        .catch(() => {});
    }
    for (const colorScheme of ['light', 'dark']) {
      for (const width of [1280, 375]) {
        await page.emulateMedia({ colorScheme });
        await page.setViewportSize({ width, height: 800 });
        await settleLayout(page);
        const label = `${view.name}${lang ? ` lang=${lang}` : ''} ${colorScheme} ${width}px`;
        const violations = await axeViolations(page);
        if (violations.length) found.push(describeViolations(label, violations));
      }
    }
  });
  return found;
}

for (const lang of [null, 'ar']) {
  for (const view of views()) {
    test(`axe: ${view.name}${lang ? ` (?lang=${lang})` : ''} has no WCAG A/AA violations in light, dark, desktop and phone`, { timeout: 120_000 }, async () => {
      const found = await auditView(view, lang);
      assert.equal(found.length, 0, `axe violations:\n${found.join('\n')}`);
    });
  }
}

// ---------------------------------------------------------------- keyboard

/** A short description of the focused element. */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    const id = el.id ? `#${el.id}` : '';
    const cls = el.classList.length ? `.${[...el.classList].join('.')}` : '';
    return `${el.tagName.toLowerCase()}${id}${cls} "${(el.textContent || '').trim().slice(0, 40)}"`;
  });
}

test('the first Tab reaches the skip link, which moves focus into main', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    await page.goto(app);
    await waitForView(page, 'li.incident-row');
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement?.matches('a.skip-link') ?? false);
    assert.ok(first, `the first Tab focuses the skip link, not ${await focused(page)}`);
    const skip = page.locator('a.skip-link');
    const box = await skip.boundingBox();
    assert.ok(box && box.width > 0 && box.height > 0 && box.y >= 0 && box.y < 800,
      `the focused skip link is on screen: ${JSON.stringify(box)}`);
    const target = await skip.getAttribute('href');
    assert.ok(target && target.startsWith('#'), `the skip link is an in-page link: ${target}`);

    await page.keyboard.press('Enter');
    await page.waitForFunction(() => !!document.activeElement?.closest('main'), null, { timeout: 3000 })
      .catch(() => {});
    const inMain = await page.evaluate(() => !!document.activeElement?.closest('main'));
    assert.ok(inMain, `after the skip link, focus is in main, not ${await focused(page)}`);
    assert.equal(new URL(page.url()).pathname, new URL(app).pathname, 'the skip link does not leave the page');

    // The next Tab continues inside main, past the header.
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => ({
      inMain: !!document.activeElement?.closest('main'),
      inHeader: !!document.activeElement?.closest('header.site-header'),
    }));
    assert.ok(next.inMain && !next.inHeader, `the Tab after the skip link stays in main: ${await focused(page)}`);
  });
});

test('focus stays put on first load and moves to the h1 after client-side navigation', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    // Fresh loads of both pages: focus is left where the browser puts it.
    for (const [url, ready] of [[app, 'li.incident-row'], [`${app}?incident=${DETAIL_ID}`, 'article.incident-detail h1']]) {
      await page.goto(url);
      await waitForView(page, ready);
      await sleep(400);
      assert.equal(await focused(page), 'body', `no focus is moved on first load of ${url}`);
    }

    await page.goto(app);
    await waitForView(page, 'li.incident-row');
    await page.locator(`li.incident-row[data-incident-id="${DETAIL_ID}"] a.incident-link`).click();
    await waitForView(page, `article.incident-detail[data-incident-id="${DETAIL_ID}"]`);
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1', null, { timeout: 5000 }).catch(() => {});
    const h1 = await page.evaluate(() => {
      const el = document.activeElement;
      return {
        isH1: el?.tagName === 'H1',
        inArticle: !!el?.closest('article.incident-detail'),
        onlyH1: document.querySelectorAll('main h1').length,
      };
    });
    assert.ok(h1.isH1 && h1.inArticle, `after opening an incident, focus is on its h1, not ${await focused(page)}`);
    assert.equal(h1.onlyH1, 1, 'the page has exactly one h1');
  });
});

test('after going back to the list, focus is on the list\'s h1', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    await page.goto(app);
    await waitForView(page, 'li.incident-row');
    await page.locator(`li.incident-row[data-incident-id="${DETAIL_ID}"] a.incident-link`).click();
    await waitForView(page, `article.incident-detail[data-incident-id="${DETAIL_ID}"]`);
    await page.locator('nav.back-nav a').click();
    await waitForView(page, '#overall-status');
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1', null, { timeout: 5000 }).catch(() => {});
    const ok = await page.evaluate(() => document.activeElement?.tagName === 'H1' && !!document.activeElement.closest('main'));
    assert.ok(ok, `after the "All incidents" link, focus is on the list's h1, not ${await focused(page)}`);
  });
});

test('every control in the header and footer is reachable with Tab and shows focus', { timeout: 120_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW }, async ({ page }) => {
    await page.goto(app);
    await waitForView(page, 'li.incident-row');
    // The footer's choices come after the first paint.
    await page.locator('footer.site-footer #tz-select').waitFor();
    const targets = await page.evaluate(() => {
      const selector = 'a[href], button, select, input, textarea, summary, [tabindex]:not([tabindex="-1"])';
      const scopes = [...document.querySelectorAll('a.skip-link, header.site-header, footer.site-footer')];
      const found = [];
      let n = 0;
      for (const scope of scopes) {
        const els = scope.matches(selector) ? [scope] : [...scope.querySelectorAll(selector)];
        for (const el of els) {
          if (el.disabled || el.closest('[inert]')) continue;
          if (!el.matches('a.skip-link') && !el.checkVisibility({ visibilityProperty: true })) continue;
          el.dataset.a11yStop = String(n++);
          const cls = el.classList.length ? `.${[...el.classList].join('.')}` : '';
          found.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls} "${(el.textContent || '').trim().slice(0, 30)}"`);
        }
      }
      return found;
    });
    for (const wanted of ['a.skip-link', 'a.brand', 'a.subscribe-link', 'a.contact-link', 'select#tz-select', 'button.tz-toggle', 'select#language-select']) {
      const [tag, ...rest] = wanted.split(/(?=[.#])/);
      assert.ok(targets.some((t) => t.startsWith(tag) && rest.every((part) => t.includes(part))), `${wanted} is in the header or footer: ${targets.join(', ')}`);
    }

    const reached = new Set();
    const noFocusStyle = [];
    const order = [];
    for (let presses = 0; presses < 600; presses++) {
      await page.keyboard.press('Tab');
      const state = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return { stop: null, body: true };
        const style = getComputedStyle(el);
        const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
        const shadow = style.boxShadow && style.boxShadow !== 'none';
        return { stop: el.dataset.a11yStop ?? null, body: false, visibleFocus: outline || shadow, main: !!el.closest('main') };
      });
      if (state.stop !== null) {
        if (reached.has(state.stop)) break; // wrapped around
        reached.add(state.stop);
        order.push(targets[Number(state.stop)]);
        if (!state.visibleFocus) noFocusStyle.push(targets[Number(state.stop)]);
      }
      if (reached.size === targets.length) break;
    }
    const missed = targets.filter((_, i) => !reached.has(String(i)));
    assert.deepEqual(missed, [], `not reachable with Tab: ${missed.join(', ')} (reached in order: ${order.join(', ')})`);
    assert.deepEqual(noFocusStyle, [], `no visible focus indicator (outline or box-shadow) on: ${noFocusStyle.join(', ')}`);
  });
});

// ---------------------------------------------------------------- reflow

/** Page URLs for every view, in a language. */
function viewUrls(lang) {
  return views().map((v) => ({ ...v, href: withLang(v.url(), lang) }));
}

async function horizontalOverflow(page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    const culprits = [];
    if (scrollWidth > width) {
      for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0) continue;
        if (r.right > width + 1 || r.left < -1) {
          const cls = el.classList.length ? `.${[...el.classList].join('.')}` : '';
          culprits.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls} [${Math.round(r.left)}, ${Math.round(r.right)}]`);
          if (culprits.length >= 8) break;
        }
      }
    }
    return { width, scrollWidth, culprits };
  });
}

test('at 200 % and 400 % zoom nothing scrolls sideways (en and ar)', { timeout: 180_000 }, async () => {
  const problems = [];
  // 1280 px at 200 % is 640 CSS px; at 400 % it is 320 (WCAG 1.4.10 reflow).
  for (const { width, scale } of [{ width: 640, scale: 2 }, { width: 320, scale: 4 }]) {
    for (const lang of [null, 'ar']) {
      await withPage(env, { clock: DEMO_NOW, viewport: { width, height: 400 }, deviceScaleFactor: scale }, async ({ page }) => {
        for (const view of viewUrls(lang)) {
          await page.goto(view.href);
          await waitForView(page, view.ready);
          await settleLayout(page);
          const o = await horizontalOverflow(page);
          if (o.scrollWidth > o.width) {
            problems.push(`${view.name}${lang ? ` lang=${lang}` : ''} at ${width}px (x${scale}): scrollWidth ${o.scrollWidth} > ${o.width}; ${o.culprits.join(', ')}`);
          }
        }
      });
    }
  }
  assert.deepEqual(problems, [], `horizontal scrolling:\n${problems.join('\n')}`);
});

// ---------------------------------------------------------------- forced colours, motion

async function badgesReadable(page) {
  return page.locator('.status-badge').evaluateAll((badges) => badges.map((b) => {
    const style = getComputedStyle(b);
    const r = b.getBoundingClientRect();
    const color = style.color.match(/[\d.]+/g)?.map(Number) || [];
    const alpha = color.length === 4 ? color[3] : 1;
    return {
      text: (b.innerText || '').trim(),
      visible: r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && Number(style.opacity) > 0 && alpha > 0,
      fontSize: parseFloat(style.fontSize),
    };
  }));
}

for (const mode of [
  { name: 'forced colours', options: { forcedColors: 'active' }, media: '(forced-colors: active)' },
  { name: 'reduced motion', options: { reducedMotion: 'reduce' }, media: '(prefers-reduced-motion: reduce)' },
]) {
  test(`${mode.name}: pages render and status badges keep visible text`, { timeout: 90_000 }, async () => {
    for (const colorScheme of ['light', 'dark']) {
      await withPage(env, { clock: DEMO_NOW, colorScheme, ...mode.options }, async ({ page }) => {
        for (const view of views()) {
          await page.goto(view.url());
          await waitForView(page, view.ready);
          assert.ok(await page.evaluate((q) => matchMedia(q).matches, mode.media), `${mode.media} is emulated`);
          const badges = await badgesReadable(page);
          if (view.name === 'list' || view.name === 'detail') {
            assert.ok(badges.length > 0, `${view.name} shows status badges`);
          }
          for (const b of badges) {
            assert.ok(b.text.length > 0, `${view.name} (${colorScheme}): a status badge has text`);
            assert.ok(b.visible, `${view.name} (${colorScheme}): the badge "${b.text}" is visible`);
            assert.ok(b.fontSize >= 10, `${view.name} (${colorScheme}): the badge "${b.text}" is legible (${b.fontSize}px)`);
          }
          if (mode.options.reducedMotion) {
            const moving = await page.evaluate(() => document.getAnimations()
              .filter((a) => a.playState === 'running')
              .map((a) => `${a.animationName || a.constructor.name} on ${a.effect?.target?.className || '?'}`));
            assert.deepEqual(moving, [], `${view.name}: nothing animates with reduced motion`);
          }
        }
        // The overall banner and the page's headings are still readable.
        await page.goto(app);
        await waitForView(page, '#overall-status');
        assert.ok((await textOf(page.locator('#overall-status h1'))).length > 0, 'the overall status has text');
      });
    }
  });
}

test('reduced motion: the loading state does not pulse', { timeout: 60_000 }, async () => {
  await withPage(env, { clock: DEMO_NOW, reducedMotion: 'reduce' }, async ({ page }) => {
    // Hold the list request so the loading state stays on screen.
    await page.route('**/data/list.json', () => {});
    await page.goto(app);
    await page.locator('.loading').first().waitFor({ state: 'visible' });
    const moving = await page.evaluate(() => document.getAnimations().filter((a) => a.playState === 'running').length);
    assert.equal(moving, 0, 'no animation runs while loading');
    await page.unrouteAll({ behavior: 'ignoreErrors' });
  });
});
