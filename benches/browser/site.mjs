// The benchmarks' site: copies of the release build in dist/ with generated data, one folder
// per measurement, precompressed (brotli and gzip) as a CDN would serve them, and the sitrep
// command's snapshot in one of them.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { config } from '../../tests/browser/support/app.mjs';
import { DIST_DIR } from '../../tests/browser/support/servers.mjs';
import { png } from '../../tests/browser/support/fixtures.mjs';
import { nativeList, nativeDetail, markdownBytes, staticReferencePage, withManyComponents } from './data.mjs';
import { precompressTree } from '../../tests/browser/support/cdn.mjs';

const SITREP_BIN = process.env.SITREP_BIN || 'target/release/sitrep';
export const POLL_SECONDS = 5; // the smallest interval config.json allows

export const NOW = Math.floor(Date.now() / 60_000) * 60_000;

export const json = (value) => JSON.stringify(value);

/** The least a polling page can do: re-fetch the list on a timer and read the body. */
const POLLER_PAGE = `<!doctype html>
<meta charset="utf-8">
<title>poller</title>
<script>
let inFlight = false;
setInterval(async () => {
  if (inFlight) return;
  inFlight = true;
  try {
    const response = await fetch('data/list.json', { cache: 'no-cache' });
    await response.arrayBuffer();
  } finally {
    inFlight = false;
  }
}, ${POLL_SECONDS * 1000});
</script>
`;

/** Copies dist/ (without the demo buckets) to `dest` and writes config.json and data files. */
function deploy(dest, cfg, files) {
  fs.cpSync(DIST_DIR, dest, {
    recursive: true,
    filter: (src) => path.relative(DIST_DIR, src).split(path.sep)[0] !== 'demo',
  });
  fs.writeFileSync(path.join(dest, 'config.json'), json(cfg));
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dest, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

export function buildSite(root) {
  if (!fs.existsSync(path.join(DIST_DIR, 'index.html'))) {
    throw new Error(`no build in ${DIST_DIR}: run the release build first`);
  }
  const css = fs.readdirSync(DIST_DIR).find((f) => /\.css$/.test(f));
  const list20 = nativeList(20, { now: NOW });
  const list10k = nativeList(10_000, { now: NOW, seed: 3 });
  const list50 = nativeList(50, { now: NOW, seed: 4 });
  const detail = nativeDetail('big', 500, { now: NOW });
  deploy(path.join(root, 'cold'), config(), {
    'data/list.json': json(list20),
    // The physical limit: the same 20 incidents as static HTML, same stylesheet, same server.
    'static.html': staticReferencePage(list20, { title: 'Example Status', cssHref: css, now: new Date(NOW).toISOString() }),
  });
  // The same incidents, each with its file, to open one from the list.
  deploy(path.join(root, 'open'), config(), {
    'data/list.json': json(list20),
    ...Object.fromEntries(list20.incidents.map((incident, i) => [
      `data/incident/${incident.id}.json`, json({ ...nativeDetail(incident.id, 4, { now: NOW, seed: 10 + i }), title: incident.title }),
    ])),
  });
  // The same app and incidents with the status already in index.html (sitrep snapshot).
  deploy(path.join(root, 'snapshot'), config(), { 'data/list.json': json(list20) });
  execFileSync(SITREP_BIN, ['snapshot', path.join(root, 'snapshot'), '--now', new Date(NOW).toISOString()], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  deploy(path.join(root, 'scale'), config(), { 'data/list.json': json(list10k) });
  deploy(path.join(root, 'components'), config(), { 'data/list.json': json(withManyComponents(list10k, 50)) });
  // The markdown shows an image every fifth update (loaded lazily while scrolling).
  const images = {};
  const image = png(600, 200, [40, 110, 200]);
  for (const m of JSON.stringify(detail).matchAll(/\((data\/incident\/big\/[^)]+\.png)\)/g)) {
    images[m[1]] = image;
  }
  deploy(path.join(root, 'detail'), config(), {
    'data/list.json': json(list20),
    'data/incident/big.json': json(detail),
    ...images,
  });
  deploy(path.join(root, 'steady'), config({ poll_interval_seconds: POLL_SECONDS }), {
    'data/list.json': json(list50),
    'poller.html': POLLER_PAGE,
  });
  // The same app with polling effectively off, to separate its other timers from polling.
  deploy(path.join(root, 'idle'), config({ poll_interval_seconds: 86_400 }), {
    'data/list.json': json(list50),
  });
  precompressTree(root);
  const size = (rel) => fs.statSync(path.join(root, rel)).size;
  return {
    list10k,
    list50,
    detail,
    inputs: {
      list20Bytes: size('cold/data/list.json'),
      list10kBytes: size('scale/data/list.json'),
      list10kBrotliBytes: size('scale/data/list.json.br'),
      detailBytes: size('detail/data/incident/big.json'),
      detailMarkdownBytes: markdownBytes(detail),
      detailUpdates: detail.updates.length,
      list50Bytes: size('steady/data/list.json'),
    },
  };
}
