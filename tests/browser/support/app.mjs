// Shared glue for the browser tests: per-file servers + browser, page helpers.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { startServers } from './servers.mjs';
import { launchBrowser, openPage, describeErrors } from './browser.mjs';

export { DEMO_NOW } from './browser.mjs';

/**
 * Registers the file's before/after hooks: starts one nginx and one Chromium,
 * then runs `setup(env)` (deployments, data) in the same hook, and always
 * shuts both down afterwards. Fields of the returned env are filled in by
 * `before`. (One hook on purpose: Node 20 does not wait for one root-level
 * `before` hook to finish before it starts the next.)
 */
export function useServersAndBrowser(setup = async () => {}, serverOptions = {}) {
  const env = { srv: undefined, browser: undefined };
  before(async () => {
    env.srv = await startServers(typeof serverOptions === 'function' ? serverOptions() : serverOptions);
    env.browser = await launchBrowser();
    await setup(env);
  });
  after(async () => {
    try { await env.browser?.close(); } catch {}
    await env.srv?.stop();
  });
  return env;
}

/** Default config.json for a deployment. */
export function config(overrides = {}) {
  return {
    title: 'Example Status',
    logo_url: null,
    data_url: './',
    format: 'auto',
    contact_url: null,
    feed_url: null,
    poll_interval_seconds: 60,
    ...overrides,
  };
}

/**
 * Runs `fn` with a fresh page; closes its context afterwards and fails the
 * test if the page threw an uncaught exception (unless allowPageErrors).
 */
export async function withPage(env, opts, fn) {
  if (typeof opts === 'function') { fn = opts; opts = {}; }
  const { allowPageErrors = false, ...pageOpts } = opts;
  const session = await openPage(env.browser, pageOpts);
  try {
    await fn(session);
    if (!allowPageErrors) {
      assert.equal(session.pageErrors.length, 0, `uncaught page errors:\n${describeErrors(session.pageErrors)}`);
    }
  } finally {
    await session.context.close().catch(() => {});
  }
}

const VIEWS = '#overall-status, article.incident-detail, .error-panel, .not-found';

/**
 * Waits until `selector` is visible. If the app shows its error panel (or
 * nothing at all) instead, fails with what the page shows.
 */
export async function waitForView(page, selector, { timeout = 15_000 } = {}) {
  const combined = `${selector}, .error-panel`;
  try {
    await page.locator(combined).first().waitFor({ state: 'visible', timeout });
  } catch (err) {
    const text = await page.locator('body').innerText().catch(() => '<no body>');
    throw new Error(`waited for ${selector} at ${page.url()}; page shows:\n${text.slice(0, 2000)}\n(${err.message.split('\n')[0]})`);
  }
  if (!selector.includes('.error-panel') && await page.locator(selector).count() === 0) {
    const text = await page.locator('.error-panel').first().innerText();
    throw new Error(`expected ${selector} at ${page.url()} but the app shows an error:\n${text}`);
  }
  return page.locator(selector);
}

/** Waits for any top-level view (list, detail, error, not found). */
export async function waitForAnyView(page, opts) {
  return waitForView(page, VIEWS, opts);
}

/** Text of an element with whitespace collapsed. */
export async function textOf(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

/** Query parameter `incident` of the page's current URL (or null). */
export function incidentParam(page) {
  return new URL(page.url()).searchParams.get('incident');
}

/** Waits until the image has loaded and returns its src and natural width. */
export async function loadedImage(locator) {
  await locator.scrollIntoViewIfNeeded();
  await locator.evaluate((img) => img.decode().catch(() => {}));
  const handle = await locator.elementHandle();
  await handle.evaluate((img) => new Promise((resolve) => {
    if (img.complete) return resolve();
    img.addEventListener('load', resolve, { once: true });
    img.addEventListener('error', resolve, { once: true });
    setTimeout(resolve, 5000);
  }));
  return locator.evaluate((img) => ({ src: img.currentSrc || img.src, naturalWidth: img.naturalWidth, complete: img.complete }));
}

/** Whether the element's top edge is inside the viewport. */
export async function viewportPosition(locator) {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return {
      top: r.top, bottom: r.bottom, height: r.height,
      innerHeight: window.innerHeight, scrollY: window.scrollY,
      inViewport: r.bottom > 0 && r.top < window.innerHeight,
    };
  });
}
