// The release build under a strict Content Security Policy, sent by nginx as a real header:
// every page state works and the browser reports no violation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useServersAndBrowser, config, withPage, waitForView, loadedImage } from './support/app.mjs';
import { demoDetails } from './support/fixtures.mjs';

// The policy the README recommends, with the data origin (another port here) allowed.
const DATA = 'http://127.0.0.1:*';
const POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  `img-src 'self' https: data: ${DATA}`,
  `connect-src 'self' ${DATA}`,
  "frame-ancestors *",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

const env = useServersAndBrowser(async ({ srv }) => {
  srv.copyDemo('sitrep', 'native/');
  srv.copyDemo('gitlab', 'gitlab/');
  srv.deployApp('native', config({ title: 'CSP native', data_url: srv.dataUrl('native/') }));
  srv.deployApp('gitlab', config({ title: 'CSP GitLab', data_url: srv.dataUrl('gitlab/') }));
}, { appHeaders: { 'Content-Security-Policy': POLICY } });

/** Opens `url` and collects CSP violations reported by the page and the console. */
async function visit(page, url, selector) {
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const console = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) console.push(m.text()); });
  const response = await page.goto(url);
  assert.equal(response.headers()['content-security-policy'], POLICY, 'nginx sends the policy');
  await waitForView(page, selector);
  await page.waitForTimeout(300);
  const violations = [...(await page.evaluate(() => window.__csp)), ...console];
  assert.deepEqual(violations, [], `no CSP violations at ${url}`);
}

test('list, detail with image, another language and the embed run under the strict policy', async () => {
  const detail = demoDetails('sitrep').find((d) => JSON.stringify(d.json).includes('.png'));
  assert.ok(detail, 'the demo has an incident with an image');
  await withPage(env, {}, async ({ page }) => {
    await visit(page, env.srv.appUrl('native/'), '#overall-status');
    assert.ok(await page.locator('li.incident-row').count() > 3, 'rows rendered');
  });
  await withPage(env, {}, async ({ page }) => {
    await visit(page, env.srv.appUrl(`native/?incident=${detail.json.id}`), 'article.incident-detail');
    const img = page.locator('.rich-text img').first();
    await img.scrollIntoViewIfNeeded();
    assert.ok(await loadedImage(img), 'the image from the data origin loaded');
  });
  await withPage(env, {}, async ({ page }) => {
    await visit(page, env.srv.appUrl('native/?lang=de'), '#overall-status');
    await page.waitForFunction(() => document.documentElement.lang === 'de');
  });
  await withPage(env, {}, async ({ page }) => {
    await visit(page, env.srv.appUrl('native/?embed=1&theme=dark'), '.embed #overall-status');
  });
});

test('GitLab HTML content (sanitised markup, images) runs under the strict policy', async () => {
  await withPage(env, {}, async ({ page }) => {
    await visit(page, env.srv.appUrl('gitlab/?incident=3'), 'article.incident-detail');
    const img = page.locator('.rich-text img').first();
    await img.scrollIntoViewIfNeeded();
    assert.ok(await loadedImage(img), 'the GitLab upload loaded');
  });
});
