// Screenshots of the built site (dist/) in headless Chromium, for reviewing UI changes:
//   node scripts/screenshot.mjs [out-dir] [url-suffix ...]
// Serves dist/ on 127.0.0.1 and captures each page at desktop and 375 px phone width, in
// light and dark mode, with the clock fixed at the demo data's "now". BLOCK_WASM=1 shows what
// readers see before the app runs (the status snapshot, when index.html has one).
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';

const root = process.env.SITE_DIR ?? new URL('../dist/', import.meta.url).pathname;
const outDir = process.argv[2] ?? 'screenshots';
const pages = process.argv.slice(3).length ? process.argv.slice(3) : ['', '?incident=2026-11-23-api-errors'];
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.json': 'application/json' };

const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
  try {
    const file = join(root, path.endsWith('/') ? path + 'index.html' : path);
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404).end('not found');
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: execFileSync('which', ['chromium']).toString().trim(),
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
await mkdir(outDir, { recursive: true });
const sizes = { desktop: { width: 1280, height: 900 }, phone: { width: 375, height: 812 } };
for (const [name, viewport] of Object.entries(sizes)) {
  for (const scheme of ['light', 'dark']) {
    const context = await browser.newContext({ viewport, colorScheme: scheme, deviceScaleFactor: 1, timezoneId: 'Europe/Berlin' });
    const page = await context.newPage();
    await page.clock.install({ time: new Date('2026-11-23T09:00:00Z') });
    if (process.env.BLOCK_WASM) await page.route('**/*.wasm', (route) => route.abort());
    for (const [i, suffix] of pages.entries()) {
      await page.goto(base + suffix);
      await page.waitForSelector('#overall-status, .incident-detail, .error-panel, .not-found', { timeout: 15000 });
      await page.waitForTimeout(300);
      const file = join(outDir, `${i}-${name}-${scheme}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
    }
    await context.close();
  }
}
await browser.close();
server.close();
