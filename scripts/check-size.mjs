// Part of the test command: fails when every file of the build together (dist/ without its
// demo buckets, each at brotli -q 11) grows past `sizes.all_files_ceiling_brotli_bytes` in
// benches/budget.json. Sizes are deterministic for a given build, so this is a fair test.
// What a first visit transfers has its own ceiling, measured in Chromium by
// tests/browser/budget.test.mjs. SITREP_DIST: another build than dist/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure } from '../benches/browser/sizes.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { sizes } = JSON.parse(fs.readFileSync(path.join(repo, 'benches', 'budget.json'), 'utf8'));
const ceiling = sizes.all_files_ceiling_brotli_bytes.value;
const dist = path.resolve(process.env.SITREP_DIST || path.join(repo, 'dist'));
if (!fs.existsSync(path.join(dist, 'index.html'))) {
  console.error(`size check: no build in ${dist} (build it first or set SITREP_DIST)`);
  process.exit(1);
}
// dist/demo/ holds the demo buckets for ./scripts/demo.sh, not the app.
const rels = fs.readdirSync(dist, { recursive: true }).map(String)
  .filter((rel) => rel.split(path.sep)[0] !== 'demo' && fs.statSync(path.join(dist, rel)).isFile())
  .map((rel) => rel.split(path.sep).join('/'));
const { files, total } = measure(dist, rels);
for (const f of files) console.log(`${String(f.brotli).padStart(8)}  ${f.rel}`);
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`${String(total.brotli).padStart(8)}  all files, brotli (${kib(total.brotli)}); ceiling ${kib(ceiling)}`);
if (total.brotli > ceiling) {
  console.error(`size check: ${total.brotli} bytes is over the ceiling of ${ceiling} (sizes.all_files_ceiling_brotli_bytes in benches/budget.json)`);
  process.exit(1);
}
