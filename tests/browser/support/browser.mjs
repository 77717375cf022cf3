// Launches Debian's Chromium through playwright-core (no browser download).
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The `chromium` on PATH (override with SITREP_CHROMIUM). */
export function chromiumPath() {
  if (process.env.SITREP_CHROMIUM) return process.env.SITREP_CHROMIUM;
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, 'chromium');
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {}
  }
  throw new Error('chromium not found on PATH (apt-get install chromium)');
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, timeout: 60_000 });
}

/**
 * Opens a page in a fresh context and records what would otherwise go
 * unnoticed: uncaught exceptions, console errors and dialogs.
 * `opts.clock` (a Date) installs a fake clock before any navigation.
 */
export async function openPage(browser, opts = {}) {
  const { clock, ...contextOptions } = opts;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...contextOptions });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.setDefaultNavigationTimeout(15_000);
  const pageErrors = [];
  const consoleErrors = [];
  const dialogs = [];
  page.on('pageerror', (err) => pageErrors.push(err));
  page.on('console', (msg) => { if (msg.type() === 'error') consoleErrors.push(msg.text()); });
  page.on('dialog', (dialog) => {
    dialogs.push({ type: dialog.type(), message: dialog.message() });
    dialog.dismiss().catch(() => {});
  });
  if (clock) await page.clock.install({ time: clock });
  return { context, page, pageErrors, consoleErrors, dialogs };
}

/** Demo data's "now". */
export const DEMO_NOW = new Date('2026-11-23T09:00:00Z');

/** Fails with the page's errors listed if any uncaught exception happened. */
export function describeErrors(pageErrors) {
  return pageErrors.map((e) => `${e.name}: ${e.message}\n${e.stack || ''}`).join('\n---\n');
}
