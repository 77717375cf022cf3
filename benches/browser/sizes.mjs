// Transfer sizes of a first visit: which files it fetches and their size raw, with gzip -9 and
// with brotli -q 11 (the command-line tools, as a CDN would precompress).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** A wasm chunk: a part of the app loaded when first shown (src/ui/chunks.rs), not by a first visit. */
export const CHUNK_FILE = /^(split_[a-z_]+|chunk_\d+)-[0-9a-f]{16}\.wasm$/;

/** DOMPurify and sitrep's policy for it: imported when feed HTML is first shown (js/sanitize.js), not by a first visit of a list without any. */
export const SANITIZER_FILE = /^(purify|sanitize-policy)-[0-9a-f]{16}\.js$/;

/** What a first visit of the list does not need: fetched once it is drawn and the browser is idle, or when first shown. */
export const onDemand = (rel) => CHUNK_FILE.test(rel) || SANITIZER_FILE.test(rel);

const ORDER = ['HTML', 'JS: app', 'JS: snippet', 'JS: DOMPurify', 'wasm', 'CSS', 'config.json', 'JSON', 'other'];

export function labelOf(rel) {
  if (rel.endsWith('.html')) return 'HTML';
  if (rel === 'config.json') return 'config.json';
  if (rel.endsWith('.json')) return 'JSON';
  if (rel.endsWith('.wasm')) return 'wasm';
  if (rel.endsWith('.css')) return 'CSS';
  if (SANITIZER_FILE.test(rel)) return 'JS: DOMPurify';
  if (rel.startsWith('snippets/')) return 'JS: snippet';
  if (rel.endsWith('.js')) return 'JS: app';
  return 'other';
}

/** What index.html in `root` and the modules it loads refer to, plus config.json. */
export function referencedFiles(root) {
  const rels = new Set(['index.html', 'config.json']);
  const queue = ['index.html'];
  while (queue.length) {
    const rel = queue.shift();
    const text = fs.readFileSync(path.join(root, rel), 'utf8');
    for (const m of text.matchAll(/(?:src|href)=["']([^"'#?]+)["']|from\s*['"]([^'"]+)['"]|['"](\.\/[^'"]+\.(?:js|wasm|css))['"]/g)) {
      const ref = path.posix.normalize(path.posix.join(path.posix.dirname(rel), m[1] || m[2] || m[3]));
      if (rels.has(ref) || onDemand(ref) || !/\.(js|css|wasm|json)$/.test(ref) || !fs.existsSync(path.join(root, ref))) continue;
      rels.add(ref);
      if (/\.js$/.test(ref)) queue.push(ref);
    }
  }
  return [...rels];
}

/** Sizes of `rels` below `root`, sorted by kind, with their total. */
export function measure(root, rels) {
  const files = rels.map((rel) => {
    const file = path.join(root, rel);
    return {
      label: labelOf(rel),
      rel,
      raw: fs.statSync(file).size,
      gzip: execFileSync('gzip', ['-9', '-c', file], { maxBuffer: 1 << 28 }).length,
      brotli: execFileSync('brotli', ['-q', '11', '-c', file], { maxBuffer: 1 << 28 }).length,
    };
  }).sort((a, b) => ORDER.indexOf(a.label) - ORDER.indexOf(b.label) || a.rel.localeCompare(b.rel));
  const total = files.reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip, brotli: t.brotli + f.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  return { files, total };
}
