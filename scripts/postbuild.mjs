// Trunk post-build hook: moves trunk's inline loader <script type="module"> into its own
// content-hashed file, so the site runs under a strict Content Security Policy
// (script-src 'self' 'wasm-unsafe-eval') with no per-build hashes to maintain. It also drops
// the `integrity` attribute of the wasm preload: browsers ignore it on `as="fetch"` preloads
// (with a console warning on every load), and the loader's own fetch of the wasm does not
// check it either; the wasm's name carries its content hash.
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('run by trunk as a post_build hook (TRUNK_STAGING_DIR is not set)');
const htmlPath = join(dir, 'index.html');
const html = readFileSync(htmlPath, 'utf8');
const inline = /<script type="module">([\s\S]*?)<\/script>/;
const match = html.match(inline);
if (!match) throw new Error('no inline module script in index.html: has trunk changed its loader?');
const code = match[1].trim() + '\n';
const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
const name = `boot-${hash}.js`;
writeFileSync(join(dir, name), code);
const wasmPreload = /(<link rel="preload" href="[^"]+\.wasm"[^>]*?) integrity="[^"]*"/;
if (!wasmPreload.test(html)) throw new Error('no wasm preload with integrity in index.html: has trunk changed its output?');
writeFileSync(htmlPath, html
  .replace(inline, `<script type="module" src="./${name}"></script>`)
  .replace(wasmPreload, '$1'));
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html.replace(inline, ''))) {
  throw new Error('index.html still has an inline script; the strict CSP would block it');
}
console.log(`postbuild: loader moved to ${name}`);
