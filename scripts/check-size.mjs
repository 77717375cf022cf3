// Part of the test command: fails when what a first visit downloads (html, js, wasm, css,
// config, as served from dist/, brotli -q 11) grows past the ceiling in benches/budget.json.
// Sizes are deterministic for a given build, so this is a fair test.
import { readFileSync } from 'node:fs';
import { referencedFiles, measure } from '../benches/browser/sizes.mjs';

const budget = JSON.parse(readFileSync(new URL('../benches/budget.json', import.meta.url)));
const dist = new URL('../dist/', import.meta.url).pathname;
const { files, total } = measure(dist, referencedFiles(dist));
for (const f of files) console.log(`${String(f.brotli).padStart(8)}  ${f.rel}`);
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`${String(total.brotli).padStart(8)}  total brotli (${kib(total.brotli)}); ceiling ${kib(budget.ceiling_brotli_bytes)}, goal ${kib(budget.goal_brotli_bytes)}`);
if (total.brotli > budget.ceiling_brotli_bytes) {
  console.error(`size check: ${total.brotli} bytes is over the ceiling of ${budget.ceiling_brotli_bytes} (benches/budget.json)`);
  process.exit(1);
}
