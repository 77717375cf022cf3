// Mixed content: the page on https, the data on plain http. Browsers block such requests;
// sitrep says so, naming the fix, instead of a vague network error.
import assert from 'node:assert/strict';
import { test, after } from 'node:test';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:https';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useServersAndBrowser, config, withPage, waitForView, textOf } from './support/app.mjs';
import { DIST_DIR } from './support/servers.mjs';
import { putNativeBucket, nativeIncident } from './support/fixtures.mjs';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json' };
let https;

const env = useServersAndBrowser(async ({ srv }) => {
  putNativeBucket(srv, 'plain/', [nativeIncident({
    id: 'mixed-1', title: 'Mixed', status: 'investigating', started_at: '2026-11-23T08:00:00Z', updated_at: '2026-11-23T08:00:00Z',
  })]);
  // A throwaway self-signed certificate for the https page.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
  const site = path.join(dir, 'site');
  fs.cpSync(DIST_DIR, site, { recursive: true });
  fs.writeFileSync(path.join(site, 'config.json'), JSON.stringify(config({ data_url: srv.dataUrl('plain/') })));
  const server = createServer({ key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) }, (req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'https://x').pathname).replace(/\/$/, '/index.html');
    const file = path.join(site, path.normalize(rel));
    if (!file.startsWith(site) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(fs.readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  https = { server, url: `https://127.0.0.1:${server.address().port}/`, dir };
});

after(() => {
  https?.server.close();
  if (https) fs.rmSync(https.dir, { recursive: true, force: true });
});

test('an https page with http data says it is mixed content and how to fix it', async () => {
  await withPage(env, { ignoreHTTPSErrors: true }, async ({ page }) => {
    await page.goto(https.url);
    await waitForView(page, '.error-panel');
    const text = await textOf(page.locator('.error-panel'));
    assert.match(text, /is plain http, but this page is served over https/, text);
    assert.match(text, /Serve the data over https/, text);
    assert.match(text, new RegExp(`${env.srv.dataOrigin.replace(/[.:/]/g, '\\$&')}/plain/data/list\\.json`), `names the URL: ${text}`);
  });
});
