// Trunk post-build hook: moves trunk's inline loader <script type="module"> into its own
// content-hashed file, so the site runs under a strict Content Security Policy
// (script-src 'self' 'wasm-unsafe-eval') with no per-build hashes to maintain. It also drops
// the `integrity` attribute of the wasm preload: browsers ignore it on `as="fetch"` preloads
// (with a console warning on every load), and the loader's own fetch of the wasm does not
// check it either; the wasm's name carries its content hash.
// The tags are read attribute by attribute: trunk's minifier unquotes and reorders them.
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('run by trunk as a post_build hook (TRUNK_STAGING_DIR is not set)');
const htmlPath = join(dir, 'index.html');
const html = readFileSync(htmlPath, 'utf8');

/** The attributes of a start tag (`<name …>`), by name; values unquoted. */
function attributes(tag) {
  const found = new Map();
  const inside = tag.replace(/^<[a-z]+/i, '').replace(/\/?>$/, '');
  for (const [, name, , double, single, bare] of inside.matchAll(/([^\s=]+)(\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    found.set(name.toLowerCase(), double ?? single ?? bare ?? '');
  }
  return found;
}

const scripts = [...html.matchAll(/(<script\b[^>]*>)([\s\S]*?)<\/script>/gi)];
const inline = scripts.filter(([, open]) => !attributes(open).has('src'));
const loaders = inline.filter(([, open]) => attributes(open).get('type') === 'module');
if (loaders.length !== 1) throw new Error(`expected one inline module script (trunk's loader) in index.html, found ${loaders.length}`);
if (inline.length !== 1) throw new Error('index.html has another inline script; the strict CSP would block it');
const [loader, , body] = loaders[0];
const code = body.trim() + '\n';
const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
const name = `boot-${hash}.js`;
writeFileSync(join(dir, name), code);

const wasmPreloads = [...html.matchAll(/<link\b[^>]*>/gi)].map(([tag]) => tag).filter((tag) => {
  const a = attributes(tag);
  return a.get('rel') === 'preload' && /\.wasm$/.test(a.get('href') ?? '') && a.has('integrity');
});
if (wasmPreloads.length !== 1) throw new Error('no wasm preload with integrity in index.html: has trunk changed its output?');
const [preload] = wasmPreloads;
writeFileSync(htmlPath, html
  .replace(loader, `<script type="module" src="./${name}"></script>`)
  .replace(preload, preload.replace(/\s+integrity\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+)/i, '')));
console.log(`postbuild: loader moved to ${name}`);
