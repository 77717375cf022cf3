// Writes BENCHMARKS.md from one benchmark run: transfer sizes of dist/ (measured here with
// gzip -9 and brotli -q 11), the browser results of benches/browser/run.mjs, and criterion's estimates
// in target/criterion. Keeps the "Size history" table of the previous BENCHMARKS.md and
// appends this run to it. Every goal it judges comes from benches/budget.json. Without
// --browser it reports the sizes alone; without criterion output in target/criterion (or
// none newer than --criterion-since) it leaves out section 5.
//
//   node benches/browser/report.mjs --browser results.json --criterion-since <epoch ms> [--out BENCHMARKS.md]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, onDemand, referencedFiles } from './sizes.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = path.resolve(process.env.SITREP_DIST || path.join(REPO, 'dist'));
// Goals and size goals, each with its reason, in one file shared with the size tests.
const BUDGET = JSON.parse(fs.readFileSync(path.join(REPO, 'benches', 'budget.json'), 'utf8'));
const SIZES = BUDGET.sizes;
const GOALS = BUDGET.goals;

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
const OUT = path.resolve(REPO, args.out || 'BENCHMARKS.md');
const browser = args.browser ? JSON.parse(fs.readFileSync(args.browser, 'utf8')) : null;
const criterionSince = Number(args['criterion-since'] || 0);

// ---------------------------------------------------------------- helpers

const sh = (cmd, argv) => {
  try {
    return execFileSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } }).trim();
  } catch {
    return null;
  }
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const stats = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length });
const int = (n) => Math.round(n).toLocaleString('en-US');
const ms = (n, digits = 0) => `${n.toFixed(digits)} ms`;
const spread = (s, digits = 0) => `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const yes = (ok) => (ok ? '**met**' : '**not met**');

// ---------------------------------------------------------------- machine

function machine() {
  const cpu = (fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m) || [])[1] || os.cpus()[0]?.model;
  const memKb = Number((fs.readFileSync('/proc/meminfo', 'utf8').match(/^MemTotal:\s+(\d+)/m) || [])[1] || 0);
  const commit = sh('git', ['-C', REPO, 'rev-parse', '--short', 'HEAD']) || 'unknown';
  const dirty = (sh('git', ['-C', REPO, 'status', '--porcelain', '--untracked-files=no']) || '').length > 0;
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    nproc: sh('nproc', []) || String(os.cpus().length),
    cpu,
    memory: `${(memKb / 1024 / 1024).toFixed(1)} GiB`,
    rustc: sh('rustc', ['--version']),
    trunk: sh('trunk', ['--version']),
    chromium: sh('chromium', ['--version']) || browser?.browserVersion,
    node: process.version,
    commit: dirty ? `${commit}+changes` : commit,
  };
}

// ---------------------------------------------------------------- 1. transfer

/**
 * The first visit's files: as measured by benches/browser/run.mjs on the build it served (the files the
 * browser fetched in the first cold run), or, without browser results, what dist/index.html
 * refers to.
 */
function transfer() {
  if (browser?.transfer) return browser.transfer;
  return measure(DIST, referencedFiles(DIST));
}

// ---------------------------------------------------------------- 5. criterion

function criterion() {
  const dir = path.join(REPO, 'target', 'criterion');
  if (!fs.existsSync(dir)) return [];
  const rows = [];
  for (const e of fs.readdirSync(dir, { recursive: true })) {
    if (!String(e).endsWith(path.join('new', 'benchmark.json'))) continue;
    const file = path.join(dir, String(e));
    if (fs.statSync(file).mtimeMs < criterionSince) continue; // from an earlier run
    const bench = JSON.parse(fs.readFileSync(file, 'utf8'));
    const est = JSON.parse(fs.readFileSync(path.join(path.dirname(file), 'estimates.json'), 'utf8'));
    const bytes = bench.throughput?.Bytes ?? bench.throughput?.BytesDecimal ?? null;
    rows.push({
      group: bench.group_id,
      name: bench.function_id ?? bench.title,
      ns: est.median.point_estimate,
      lo: est.median.confidence_interval.lower_bound,
      hi: est.median.confidence_interval.upper_bound,
      bytes,
    });
  }
  const order = ['parse', 'normalise', 'markdown'];
  return rows.sort((a, b) => order.indexOf(a.group) - order.indexOf(b.group) || a.name.localeCompare(b.name));
}

function duration(ns) {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(1)} µs`;
  return `${ns.toFixed(0)} ns`;
}

// ---------------------------------------------------------------- twiggy (optional)

function twiggy() {
  const wasm = path.join(REPO, 'target', 'wasm32-unknown-unknown', 'release', 'sitrep.wasm');
  if (!fs.existsSync(wasm) || !sh('twiggy', ['--version'])) return null;
  const out = sh('twiggy', ['top', '-n', '1000000', '-f', 'csv', wasm]);
  if (!out) return null;
  const byCrate = new Map();
  let code = 0;
  let custom = 0;
  for (const line of out.split('\n').slice(1)) {
    const [name, size] = parseCsvLine(line);
    const bytes = Number(size);
    if (!name || !Number.isFinite(bytes)) continue;
    // Names, debug info and wasm-bindgen's descriptors are not shipped: wasm-bindgen and
    // wasm-opt strip them.
    if (/^custom section|subsection|^producers|^target_features|__wbindgen_describe/.test(name)) {
      custom += bytes;
      continue;
    }
    code += bytes;
    const crate = crateOf(name);
    byCrate.set(crate, (byCrate.get(crate) || 0) + bytes);
  }
  return { total: code + custom, code, custom, crates: [...byCrate.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20) };
}

function parseCsvLine(line) {
  const cells = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { cells.push(cell); cell = ''; } else cell += c;
  }
  cells.push(cell);
  return cells;
}

const STD_CRATES = new Set(['core', 'alloc', 'std']);

/**
 * The crate a (demangled) wasm symbol belongs to, as far as its name tells. Generic std code
 * instantiated for another crate's types (`core::ptr::drop_in_place<leptos::…>`) counts for
 * that crate.
 */
export function crateOf(name) {
  if (/^data segment/.test(name)) return '(data segments)';
  if (/^(code|type|import|export|elem|function|global|table|memory|start|data)\b.*(section|headers|count)/i.test(name)) return '(wasm sections and headers)';
  const paths = [...name.matchAll(/(?:^|[<\s(&*,])([A-Za-z_][A-Za-z0-9_]*)(?:\[[0-9a-f]+\])?::/g)].map((m) => m[1])
    .filter((c) => !/^(impl|dyn|mut|const|as|for|_)$/.test(c));
  const own = paths.find((c) => !STD_CRATES.has(c));
  if (paths.length && STD_CRATES.has(paths[0]) && own) return own;
  if (paths.length) return /^_*wbindgen/.test(paths[0]) ? 'wasm_bindgen' : paths[0];
  if (/^<(char|str|u8|i32|u32|u64|i64|f64|bool|\[)/.test(name)) return 'core';
  if (/^__wbg|^__wbindgen|^__externref|wasm_bindgen|^export "__w/.test(name)) return 'wasm_bindgen';
  if (/^(export|import) /.test(name)) return '(imports and exports)';
  if (/^elem\[|^table\[|^memory\[|^global\[/.test(name)) return '(wasm sections and headers)';
  if (/^(dlmalloc|__rust|rust_|__rdl)/.test(name)) return 'std';
  if (/^(mem(cpy|set|move|cmp)|__(multi|udiv|div|umod|mod|ashl|lshr|ashr)[a-z0-9]*)$/.test(name)) return 'compiler_builtins';
  return '(unnamed)';
}

// ---------------------------------------------------------------- size history

function previousHistory() {
  if (!fs.existsSync(OUT)) return [];
  const text = fs.readFileSync(OUT, 'utf8');
  const at = text.indexOf('## Size history');
  if (at < 0) return [];
  return text.slice(at).split('\n').filter((l) => /^\| \d{4}-\d\d-\d\d/.test(l));
}

// ---------------------------------------------------------------- size floor (optional)

/** benches/floor built by scripts/bench.sh: the stack's own size, without sitrep. */
function floor() {
  const out = path.join(REPO, 'target', 'floor', 'out');
  const rels = ['floor_bg.wasm', 'floor.js'];
  if (!rels.every((rel) => fs.existsSync(path.join(out, rel)))) return null;
  return measure(out, rels);
}

// ---------------------------------------------------------------- sections
//
// Each section returns its lines and its rows for the goals table: { lines, goals }, a goal
// being [what, measured, met]. `section()` gives the line and goal collectors.

function section() {
  const lines = [];
  const goals = [];
  return { lines, goals, p: (s = '') => lines.push(s), goal: (what, measured, met) => goals.push([what, measured, met]) };
}

/** Absolute times depend on the machine: one native figure to compare machines by. */
const SPEED_REFERENCE = { group: 'parse', name: 'native list, 1000 incidents' };

function header(env, benches) {
  const { lines, p } = section();
  p('# Benchmarks');
  p();
  p('Written by `./scripts/bench.sh` (about 10 minutes on 2 cores): setup, release build, criterion');
  p('micro-benchmarks, then the release build served by nginx on 127.0.0.1 and measured in headless');
  p('Chromium through playwright-core. Every browser figure is the **median of cold runs** (a fresh');
  p('browser context per run, HTTP cache disabled) with min–max in brackets. Do not edit by hand:');
  p('the next run rewrites everything above "Size history" and appends a line to it.');
  p();
  p('| machine | |');
  p('|---|---|');
  p(`| date | ${env.date} |`);
  p(`| commit | \`${env.commit}\` |`);
  p(`| CPU | ${env.nproc} × ${env.cpu} |`);
  p(`| memory | ${env.memory} |`);
  p(`| rustc | ${env.rustc} |`);
  p(`| trunk | ${env.trunk} |`);
  p(`| chromium | ${env.chromium} |`);
  p(`| node | ${env.node} |`);
  if (browser) p(`| load average (1 min) at start / end of the browser runs | ${browser.loadavgStart[0].toFixed(2)} / ${browser.loadavgEnd[0].toFixed(2)} |`);
  const reference = benches.find((b) => b.group === SPEED_REFERENCE.group && b.name === SPEED_REFERENCE.name);
  if (reference) {
    p(`| speed: ${SPEED_REFERENCE.group} ${SPEED_REFERENCE.name}, natively (section 5) | ${duration(reference.ns)}: `
      + 'times in milliseconds scale with it, so compare runs on other machines by it |');
  }
  p();
  return { lines, goals: [] };
}

function goalsTable(goals) {
  return ['## Goals', '', '| goal | measured | |', '|---|---|---|',
    ...goals.map(([g, m, ok]) => `| ${g} | ${m} | ${yes(ok)} |`), ''];
}

// ---- 1. transfer
function transferSection(size, stack, wasmCrates) {
  const { lines, goals, p, goal } = section();
  const budget = SIZES.first_visit_goal_brotli_bytes.value;
  const budgetKib = `${+(budget / 1024).toFixed(1)} KiB`;
  p('## 1. Transfer size');
  p();
  p('What a first visit downloads before any data: the files of `dist/` the browser fetched in the');
  p('first cold run (HTML, JS, snippets, wasm, CSS, config.json), uncompressed, `gzip -9`');
  p('and `brotli -q 11`.');
  p();
  p('| file | raw | gzip -9 | brotli -q 11 |');
  p('|---|---:|---:|---:|');
  for (const f of size.files) p(`| ${f.label} (\`${f.rel}\`) | ${int(f.raw)} | ${int(f.gzip)} | ${int(f.brotli)} |`);
  p(`| **total** | **${int(size.total.raw)}** | **${int(size.total.gzip)}** | **${int(size.total.brotli)}** |`);
  p(`| budget | | | ${int(budget)} (${budgetKib}) |`);
  p();
  const stackNote = stack ? `; the crates it is built on alone: ${kb(stack.total.brotli)} (\`benches/floor\`, section 1)` : '';
  goal(`Transfer, brotli total ≤ ${budgetKib}`, `${kb(size.total.brotli)} (${(100 * size.total.brotli / budget).toFixed(0)} % of budget)${stackNote}`, size.total.brotli <= budget);
  const wasmFile = size.files.find((f) => f.label === 'wasm');
  if (wasmFile) p(`The wasm is ${(100 * wasmFile.brotli / size.total.brotli).toFixed(0)} % of the brotli total.`);
  const later = measure(DIST, fs.readdirSync(DIST).filter(onDemand));
  if (later.files.length) {
    p();
    p('Not in the first visit: the parts of the app in wasm chunks of their own (`src/ui/chunks.rs`)');
    p('and DOMPurify, loaded when first shown; the list page fetches the incident page\'s and DOMPurify');
    p('once it is drawn and the browser is idle (section 2).');
    p();
    p('| file | raw | gzip -9 | brotli -q 11 |');
    p('|---|---:|---:|---:|');
    for (const f of later.files) p(`| \`${f.rel}\` | ${int(f.raw)} | ${int(f.gzip)} | ${int(f.brotli)} |`);
    p(`| **total** | **${int(later.total.raw)}** | **${int(later.total.gzip)}** | **${int(later.total.brotli)}** |`);
    p();
  }
  if (browser?.firstIncident?.unthrottled) {
    const res = browser.firstIncident.unthrottled.runs.app[0].resources;
    const own = res.filter((r) => !/\/data\/|favicon/.test(r.name));
    const isChunk = (r) => onDemand(new URL(r.name).pathname.split('/').pop());
    const bodies = (rs) => rs.reduce((t, r) => t + r.encodedBodySize, 0);
    const prefetched = own.filter(isChunk);
    p(`In the browser (first cold run, brotli negotiated), the app's files after the HTML came to ${int(bodies(own.filter((r) => !isChunk(r))))} bytes of encoded bodies`
      + (prefetched.length ? `, and what it prefetched once idle (chunks, DOMPurify) to ${int(bodies(prefetched))}.` : '.'));
  }
  if (stack) {
    // What the goal leaves for sitrep's own code once the stack and the non-wasm files are in.
    const others = size.files.filter((f) => !['wasm', 'JS: app'].includes(f.label)).reduce((t, f) => t + f.brotli, 0);
    const appJs = size.files.filter((f) => f.label === 'JS: app').reduce((t, f) => t + f.brotli, 0);
    const own = wasmFile.brotli + appJs - stack.total.brotli;
    p();
    p(`The stack alone: \`benches/floor\` uses each crate sitrep is built on once (Leptos CSR,`);
    p(`serde_json, pulldown-cmark) and nothing of sitrep, built and optimised the same way: ${int(stack.total.brotli)} bytes`);
    p(`brotli (wasm and its JS glue). With this build's other files (snippets, CSS, HTML, config: ${int(others)}),`);
    p(`the ${budgetKib} goal leaves ${int(budget - stack.total.brotli - others)} bytes for sitrep's own code, which is ${int(own)} now.`);
  }
  p();
  if (wasmCrates) {
    p(`What the wasm is made of: \`twiggy top\` on the unoptimised \`target/wasm32-unknown-unknown/release/sitrep.wasm\``);
    p(`(${kb(wasmCrates.total)}, of which ${kb(wasmCrates.custom)} are names and wasm-bindgen descriptors, which are stripped before`);
    p(`shipping), the remaining ${kb(wasmCrates.code)} of code and data grouped by the crate named in each symbol. \`wasm-opt -Oz\``);
    p('shrinks all of it, so read the shares, not the sizes. Top 20:');
    p();
    p('| crate | bytes | share |');
    p('|---|---:|---:|');
    for (const [crate, bytes] of wasmCrates.crates) p(`| ${crate} | ${int(bytes)} | ${(100 * bytes / wasmCrates.code).toFixed(1)} % |`);
    p();
  }
  return { lines, goals };
}

// ---- 2. first incident
function firstIncidentSection(fi) {
  const { lines, goals, p, goal } = section();
  p('## 2. First incident visible');
  p();
  p('From navigation start until the first incident title (`a.incident-link`) is painted (Element');
  p('Timing), for a native list of 20 incidents: sitrep as deployed (`index.html` with its loading');
  p('skeleton), sitrep after `sitrep snapshot` put the status into `index.html`, and a static HTML');
  p('page with the same content (the 20 incidents and the components panel with its 90-day bars),');
  p('the same markup and the same stylesheet and no script: the physical limit for that content.');
  p('Same nginx, same origin, brotli. Slow 4G is CDP network emulation: 150 ms');
  p('added to every request, 1.6 Mbit/s down, 750 kbit/s up.');
  p();
  const snapshotGoal = GOALS.first_incident_with_snapshot_ratio.value;
  const appGoal = (network) => (network === 'slow 4G'
    ? GOALS.first_incident_without_snapshot_slow_4g_ratio
    : GOALS.first_incident_without_snapshot_ratio).value;
  p(`| network | static page (ms) | with snapshot (ms) | ratio | goal ≤ ${snapshotGoal}× | without snapshot (ms) | ratio | goal |`);
  p('|---|---:|---:|---:|---|---:|---:|---|');
  for (const [name, r] of Object.entries(fi)) {
    const st = stats(r.runs.static.map((x) => x.visible));
    const row = [name, spread(st)];
    for (const [which, limit, label] of [['snapshot', snapshotGoal, 'with a snapshot'], ['app', appGoal(name), 'without a snapshot']]) {
      const runs = r.runs[which];
      if (!runs) continue;
      const page = stats(runs.map((x) => x.visible));
      const ratio = page.median / st.median;
      row.push(spread(page), `${ratio.toFixed(2)}×`, `${which === 'app' ? `≤ ${limit}×: ` : ''}${yes(ratio <= limit)}`);
      goal(`First incident visible ${label}, ${name}: ≤ ${limit}× static`, `${ms(page.median)} vs ${ms(st.median)}: ${ratio.toFixed(2)}×`, ratio <= limit);
    }
    p(`| ${row.join(' | ')} |`);
  }
  p();
  // The static page's own paint varies from run to run on a busy machine: the ratio within each
  // round (the pages loaded one after the other) shows how far the median ratio can be trusted.
  p('Ratio within each round (the pages loaded one after the other), median (range):');
  p();
  for (const [name, r] of Object.entries(fi)) {
    const within = (which) => r.runs[which]
      && spread(stats(r.runs[which].map((x, i) => x.visible / r.runs.static[i].visible)), 2);
    p(`- ${name}: with snapshot ${within('snapshot')}, without snapshot ${within('app')}`);
  }
  p();
  const taken = Object.entries(fi).filter(([, r]) => r.runs.snapshot);
  if (taken.length) {
    const shiftGoal = GOALS.takeover_layout_shift.value;
    p('The take-over: when the live page replaced the snapshot, and the layout shift it caused');
    p('(the sum of every `layout-shift` entry of the run; 0 is nothing moved).');
    p();
    p('| network | snapshot painted (ms) | live page in place (ms) | layout shift, worst run |');
    p('|---|---:|---:|---:|');
    let worst = 0;
    for (const [name, r] of taken) {
      const runs = r.runs.snapshot;
      const shift = Math.max(...runs.map((x) => x.layoutShift));
      worst = Math.max(worst, shift);
      p(`| ${name} | ${ms(median(runs.map((x) => x.visible)))} | ${ms(median(runs.map((x) => x.takeover)))} | ${shift.toFixed(4)} |`);
    }
    p();
    goal(`The live page takes over from the snapshot without moving anything (layout shift ${shiftGoal})`, `worst run ${worst.toFixed(4)}`, worst <= shiftGoal);
  }
  p('Where the app\'s time goes (medians, ms since navigation start):');
  p();
  const phase = (runs, pick) => {
    const xs = runs.map(pick).filter((x) => typeof x === 'number');
    return xs.length ? median(xs).toFixed(0) : '–';
  };
  const end = (runs, re) => phase(runs, (x) => x.resources.find((r) => re.test(r.name))?.responseEnd);
  p('| network | HTML loaded | first paint (loading skeleton) | wasm loaded | config.json loaded | list.json loaded | link in DOM | link painted |');
  p('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const [name, r] of Object.entries(fi)) {
    const a = r.runs.app;
    p(`| ${name} | ${phase(a, (x) => x.htmlEnd)} | ${phase(a, (x) => x.fcp)} | ${end(a, /_bg\.wasm$/)} | ${end(a, /config\.json$/)} | ${end(a, /data\/list\.json$/)} | ${phase(a, (x) => x.inDom)} | ${phase(a, (x) => x.visible)} |`);
  }
  const sources = new Map();
  for (const x of Object.values(fi).flatMap((r) => Object.values(r.runs).flat())) {
    sources.set(x.paintSource, (sources.get(x.paintSource) || 0) + 1);
  }
  p();
  p(`${Object.values(fi)[0].runs.app.length} cold runs per page and network, rotating which page goes first. Paint time from: ${[...sources].map(([source, n]) => `${source} (${n} run${n === 1 ? '' : 's'})`).join(', ')}.`);
  p();
  return { lines, goals };
}

/** Opening an incident from the list once the page has been idle. */
function openIncidentSection(open) {
  const { lines, goals, p, goal } = section();
  const limit = GOALS.open_incident_after_idle_ms.value;
  const painted = stats(open.runs.map((r) => r.painted));
  const inDom = stats(open.runs.map((r) => r.inDom));
  const code = open.runs.flatMap((r) => r.requestsAfterClick).filter((rel) => /\.(wasm|js)$/.test(rel));
  p('### Opening an incident after the list was idle');
  p();
  p('The list of 20 incidents, each with its file, drawn and left idle for a second (by then the');
  p('incident page\'s chunk has been fetched); then a click on the first incident, unthrottled, timed');
  p('in the page until its heading is in the DOM and until the frame after (painted).');
  p();
  p('| heading in DOM (ms) | heading painted (ms) | code fetched after the click |');
  p('|---:|---:|---|');
  p(`| ${spread(inDom)} | ${spread(painted)} | ${code.length ? code.join(', ') : 'none'} |`);
  p();
  goal(`Opening an incident after the list was idle, unthrottled: ≤ ${limit} ms`, `${ms(painted.median)} to its heading painted`, painted.median <= limit);
  return { lines, goals };
}

// ---- 3. scale
function scaleSection(sc, inp, settings) {
  const { lines, goals, p, goal } = section();
  const longTask = GOALS.long_task_ms.value;
  p('## 3. Scale');
  p();
  p('From data arrival (Resource Timing `responseEnd` of the file) until the view is usable: for the');
  p('list, the history\'s first page (30 days, or fewer whole days holding 30 incidents) and its "Show');
  p('earlier days" button are in the DOM; for the incident, its first ten updates (about three screens;');
  p('the rest follow a chunk per frame). "Shown" is when that is on screen, by Element Timing: the paint');
  p('of the first update for the incident, of the list\'s first incident link for the list (put into the');
  p('DOM in the same task as the history, so painted in the same frame; the frame after insertion would');
  p('also count the work the page defers until after that paint). "All in DOM" is when the last of the 500');
  p('updates is there. The components panel is usable when the last of its 50 bars is drawn; the');
  p('bars are drawn some rows a frame after the list, and their goal counts the long tasks from the');
  p('first cell to that frame. Then the page is');
  p(`scrolled top to bottom programmatically over ${(settings.SCROLL_MS / 1000).toFixed(0)} s (one step per animation frame; longer than the`);
  p('app\'s 15 s relative-time tick, so one tick falls inside) while long tasks (> 50 ms) are collected.');
  p(`A page whose main thread stays blocked ${20} s past the planned end of the scroll is cut off; its`);
  p('running task is then counted with the time it had lasted so far (shown as ≥).');
  p();
  const rows = [
    ['list, 10,000 incidents', `${kb(inp.list10kBytes)} JSON (${kb(inp.list10kBrotliBytes)} brotli)`, sc.list, GOALS.render_list_ms.value],
    ['components panel, 50 components × 90 days', 'the same 10,000 incidents over 50 components in 10 groups', sc.components || [], GOALS.render_components_ms.value],
    ['incident, 500 updates', `${kb(inp.detailBytes)} JSON, ${kb(inp.detailMarkdownBytes)} markdown`, sc.detail, GOALS.render_incident_ms.value],
  ];
  const done = (runs) => runs.filter((r) => !r.timedOut);
  const shown = (r) => r.arrivalToPaint ?? r.arrivalToFrame;
  p('| view | input | runs | arrival → usable in DOM (ms) | arrival → shown (ms) | arrival → all in DOM (ms) | longest task while rendering (ms) | goal |');
  p('|---|---|---:|---:|---:|---:|---:|---|');
  for (const [name, input, runs, limit] of rows) {
    const ok = done(runs);
    if (ok.length === 0) {
      p(`| ${name} | ${input} | ${runs.length} | ${runs[0]?.timedOut || 'not run'} | | | | ≤ ${limit} ms: ${yes(false)} |`);
      goal(`Render ${name} ≤ ${limit} ms after arrival`, runs[0]?.timedOut || 'not run', false);
      continue;
    }
    const dom = stats(ok.map((r) => r.arrivalToDom));
    const visible = stats(ok.map(shown));
    const all = ok.every((r) => r.arrivalToComplete !== undefined) ? spread(stats(ok.map((r) => r.arrivalToComplete))) : '–';
    const longest = stats(ok.map((r) => r.renderLongest));
    p(`| ${name} | ${input} | ${ok.length} | ${spread(dom)} | ${spread(visible)} | ${all} | ${spread(longest)} | ≤ ${limit} ms: ${yes(visible.median <= limit)} |`);
    goal(`Render ${name} ≤ ${limit} ms after arrival (usable)`, `${ms(dom.median)} to DOM, ${ms(visible.median)} shown${all === '–' ? '' : `, all in DOM after ${ms(median(ok.map((r) => r.arrivalToComplete)))}`}`, visible.median <= limit);
    if (runs === sc.components) {
      // The bars' own drawing is the panel's goal; the page's longest task from arrival
      // (the 10,000-incident list rendering beside it) is reported with it.
      const drawing = stats(ok.map((r) => r.drawLongest ?? Infinity));
      goal(`No long task > ${longTask} ms drawing the ${name}`, `longest ${ms(drawing.max)} from the first cell to the last bar's frame; the page's longest from data arrival ${ms(longest.max)}`, drawing.max <= longTask);
    }
  }
  p();
  p(`| view | page height | long tasks while scrolling | longest (ms) | longest frame gap (ms) | frames | goal: none > ${longTask} ms |`);
  p('|---|---:|---:|---:|---:|---:|---|');
  for (const [name, , runs] of rows) {
    const ok = done(runs);
    if (ok.length === 0) {
      p(`| ${name} | | not measured | | | | ${yes(false)} |`);
      continue;
    }
    const count = stats(ok.map((r) => r.scroll.longtasks.length));
    const longestOf = (r) => Math.max(0, ...r.scroll.longtasks.map((t) => t.duration));
    const longest = stats(ok.map(longestOf));
    const blocked = ok.filter((r) => r.scroll.blocked).length;
    const finished = ok.filter((r) => !r.scroll.blocked);
    const gap = finished.length ? spread(stats(finished.map((r) => r.scroll.maxFrameGap))) : '–';
    const frames = finished.length ? spread(stats(finished.map((r) => r.scroll.frames))) : '–';
    const height = finished.length ? `${int(finished[0].scroll.height)} px` : '–';
    const okGoal = longest.max <= longTask;
    const mark = blocked ? '≥ ' : '';
    p(`| ${name} | ${height} | ${spread(count)} | ${mark}${spread(longest)} | ${gap} | ${frames} | ${yes(okGoal)}${blocked ? ` (${blocked} of ${ok.length} runs blocked and cut off)` : ''} |`);
    goal(`No long task > ${longTask} ms while scrolling the ${name.split(',')[0]}`, `${count.median} long tasks, longest ${mark}${ms(longest.max)}${blocked ? ' (page blocked)' : ''}`, okGoal);
  }
  p();
  const first = (runs) => done(runs)[0];
  if (first(sc.list) || first(sc.detail)) {
    p(`DOM size: ${first(sc.list) ? `${int(first(sc.list).domNodes)} elements for the list` : 'list not rendered'}, ${first(sc.detail) ? `${int(first(sc.detail).domNodes)} for the incident` : 'incident not rendered'}.`);
    p(`Cold runs: up to ${settings.SCALE_RUNS} per view within a ${(sc.budgetMs / 1000).toFixed(0)} s budget.`);
    p();
  }
  return { lines, goals };
}

// ---- 4. steady state
function steadySection(st) {
  const { lines, goals, p, goal } = section();
  const cal = st.calibration;
  p('## 4. Steady state');
  p();
  p(`A native list of 50 incidents (${kb(st.listBytes)}), \`poll_interval_seconds\` = ${st.pollSeconds}, the page's`);
  p('clock faked (`page.clock.install`) and advanced one interval at a time (then 1 s steps until the');
  p('next request of `data/list.json` starts, so jitter and backoff do not matter). Polls are counted');
  p('from the requests; the HTTP cache is on, as for a reader, so unchanged polls are `304`s. Heap');
  p('after `HeapProfiler.collectGarbage`; wasm memory is the `WebAssembly.Memory` buffer; CPU is the');
  p('change in `Performance.getMetrics` TaskDuration / ScriptDuration divided by the polls.');
  p();
  p('| data | polls | page time | JS heap start → end | growth | wasm memory start → end | task time per poll | script time per poll | responses | DOM mutation records per poll |');
  p('|---|---:|---:|---|---:|---|---:|---:|---|---:|');
  for (const key of ['unchanged', 'changing']) {
    const r = st[key];
    if (!r) continue;
    const mutations = Object.values(r.mutations || {}).reduce((a, b) => a + b, 0) / r.polls;
    const label = key === 'unchanged' ? 'unchanged' : `changing every ${st.changeEvery} polls`;
    p(`| ${label} | ${int(r.polls)} | ${(r.pageSeconds / 3600).toFixed(1)} h | ${kb(r.start.heapUsed)} → ${kb(r.end.heapUsed)} | ${kb(r.heapGrowth)} | ${kb(r.start.wasmMemory)} → ${kb(r.end.wasmMemory)} | ${ms(r.taskMsPerPoll, 2)} | ${ms(r.scriptMsPerPoll, 2)} | ${Object.entries(r.statuses).map(([s, n]) => `${n}× ${s}`).join(', ')} | ${mutations.toFixed(1)} |`);
  }
  p();
  if (!st.unchanged) return { lines, goals };
  const u = st.unchanged;
  const timersExtra = cal.appTimers.taskMsPerPoll - cal.harness.taskMsPerPoll;
  const own = u.taskMsPerPoll - cal.floor.taskMsPerPoll - timersExtra;
  p('What the task time per unchanged poll is made of (per poll interval, task time):');
  p();
  p('| part | ms | measured as |');
  p('|---|---:|---|');
  p(`| the measuring itself | ${cal.harness.taskMsPerPoll.toFixed(2)} | advancing the fake clock on the static page, no script |`);
  p(`| the browser's own cost of one revalidated fetch, plus the measuring | ${cal.floor.taskMsPerPoll.toFixed(2)} | a 15-line page that only re-fetches the file on the same timer |`);
  p(`| the app's other timers | ${timersExtra.toFixed(2)} | the app with polling off, minus the measuring |`);
  p(`| **the app's own work per unchanged poll** | **${own.toFixed(2)}** | unchanged total − fetch floor − other timers |`);
  p();
  const prof = st.profile;
  if (prof) {
    const pp = prof.perPoll;
    p(`A CPU profile of ${int(prof.polls)} more unchanged polls (V8's sampling profiler, every 100 µs, which itself adds`);
    p('some time) says which code that time is. Script self time is counted for the app when it is in');
    p('the app\'s own files (its wasm, JS glue and snippets) or in a browser function they call, such as');
    p('`fetch()` or `setAttribute()`; the app\'s other timers are measured the same way on the app with');
    p('polling off and taken out. Per unchanged poll:');
    p();
    p('| part | ms |');
    p('|---|---:|');
    p(`| **the app's own code per unchanged poll** | **${(prof.ownPerPoll - pp.appFetch).toFixed(2)}** |`);
    p(`| the browser's \`fetch()\` call it makes (any polling page pays it) | ${pp.appFetch.toFixed(2)} |`);
    p(`| the app's other timers in the same page time (relative-time tick), taken out | ${prof.timersPerPoll.toFixed(2)} |`);
    p(`| garbage collection | ${pp.gc.toFixed(2)} |`);
    p(`| the browser outside JS (network, IPC, rendering) | ${pp.program.toFixed(2)} |`);
    p(`| the harness: the fake clock driving the polls and standing in for the page's timers | ${pp.other.toFixed(2)} |`);
    p();
  }
  const top = Object.entries(u.mutations || {}).sort((a, b) => b[1] - a[1]).slice(0, 5);
  if (top.length) p(`DOM mutations during the unchanged polls: ${top.map(([k, n]) => `${k}: ${(n / u.polls).toFixed(1)}/poll`).join('; ')}.`);
  else p('Unchanged polls made no DOM mutations.');
  p();
  const heap = GOALS.heap_growth_bytes.value;
  const heapLabel = `${+(heap / 1e6).toFixed(3)} MB`;
  goal(`JS heap growth < ${heapLabel} over 1,000 unchanged polls`, kb(u.heapGrowth), u.heapGrowth < heap);
  if (st.changing) goal(`JS heap growth < ${heapLabel} over 1,000 polls with changes`, kb(st.changing.heapGrowth), st.changing.heapGrowth < heap);
  // The browser's own fetch and the measuring cost more than 1 ms on their own, so the goal
  // is judged on the app's share, from the profile when there is one.
  const cpu = GOALS.cpu_per_poll_ms.value;
  if (prof) {
    const code = prof.ownPerPoll - prof.perPoll.appFetch;
    goal(`CPU well under 1 ms (≤ ${cpu} ms) per unchanged poll: the app's own code`, `${ms(code, 2)} of own code, plus ${ms(prof.perPoll.appFetch, 2)} in the browser's fetch() (CPU profile); ${ms(own, 2)} by task time less the fetch floor`, code <= cpu);
  } else {
    goal(`CPU well under 1 ms (≤ ${cpu} ms) per unchanged poll: the app's own work`, `${ms(own, 2)} (${ms(u.taskMsPerPoll, 2)} task time in total, of which ${ms(cal.floor.taskMsPerPoll, 2)} is the browser's fetch and the measuring)`, own <= cpu);
  }
  return { lines, goals };
}

// ---- errors the pages reported (uncaught exceptions, console errors)
function errorsSection(b) {
  const all = [];
  for (const r of Object.values(b.firstIncident || {})) for (const x of Object.values(r.runs).flat()) all.push(...(x.errors || []));
  for (const r of [...(b.scale?.list || []), ...(b.scale?.components || []), ...(b.scale?.detail || [])]) all.push(...(r.errors || []));
  for (const key of ['unchanged', 'changing']) all.push(...(b.steady?.[key]?.errors || []));
  for (const r of b.openIncident?.runs || []) all.push(...(r.errors || []));
  const unique = [...new Set(all)];
  return {
    lines: [
      unique.length
        ? `Errors the pages reported during the runs (${all.length}, ${unique.length} distinct): ${unique.slice(0, 5).map((e) => `\`${e.slice(0, 160)}\``).join('; ')}.`
        : 'The pages reported no uncaught exceptions or console errors during the runs.',
      '',
    ],
    goals: [],
  };
}

// ---- 5. criterion
function criterionSection(benches) {
  const { lines, goals, p, goal } = section();
  p('## 5. Native micro-benchmarks');
  p();
  p('`cargo bench --bench pipeline` (criterion, benches/pipeline.rs): the pure Rust that runs in the');
  p('browser, compiled natively with the release profile (`opt-level = "z"`, LTO), generated inputs.');
  p('Median of criterion\'s samples; time per KiB of input is the figure to compare.');
  p('`cargo bench --bench publisher` (benches/publisher.rs): the `sitrep` command run as the real');
  p('binary on 10,000 generated incidents, start-up included.');
  p();
  p('| group | benchmark | input | median | per KiB | throughput |');
  p('|---|---|---:|---:|---:|---:|');
  for (const b of benches) {
    const perKb = b.bytes ? duration(b.ns / (b.bytes / 1024)) : '–';
    const mbs = b.bytes ? `${((b.bytes / (b.ns / 1e9)) / 1e6).toFixed(0)} MB/s` : '–';
    p(`| ${b.group} | ${b.name} | ${b.bytes ? kb(b.bytes) : '–'} | ${duration(b.ns)} | ${perKb} | ${mbs} |`);
  }
  // The command's goals on 10,000 incidents.
  for (const [name, key] of [['build into an empty bucket', 'sitrep_build_s'], ['check', 'sitrep_check_s'], ['feed', 'sitrep_feed_s']]) {
    const limitS = GOALS[key].value;
    const b = benches.find((x) => x.group.startsWith('publisher') && x.name === name);
    if (b) goal(`sitrep ${name.split(' ')[0]}, 10,000 incidents < ${limitS} s`, duration(b.ns), b.ns < limitS * 1e9);
  }
  p();
  return { lines, goals };
}

// ---- size history: the previous lines and this run's
function historySection(env, size) {
  const { lines, p } = section();
  const wasmFile = size.files.find((f) => f.label === 'wasm');
  const history = previousHistory();
  history.push(`| ${env.date.slice(0, 10)} | \`${env.commit}\` | ${int(size.total.brotli)} | ${int(wasmFile ? wasmFile.brotli : 0)} |`);
  p('## Size history');
  p();
  p('One line per run of `./scripts/bench.sh`: brotli -q 11 bytes of the first-visit files.');
  p();
  p('| date | commit | brotli total | of which wasm |');
  p('|---|---|---:|---:|');
  for (const line of history) p(line);
  p();
  return { lines, goals: [] };
}

// ---------------------------------------------------------------- render

/** The whole file: the machine, the goals of every section, the sections, the size history. */
function render() {
  const env = machine();
  const size = transfer();
  const benches = criterion();
  const sections = [
    transferSection(size, floor(), twiggy()),
    browser?.firstIncident && firstIncidentSection(browser.firstIncident),
    browser?.openIncident && openIncidentSection(browser.openIncident),
    browser?.scale && scaleSection(browser.scale, browser.inputs, browser.settings),
    browser?.steady && steadySection(browser.steady),
    browser && errorsSection(browser),
    benches.length && criterionSection(benches),
  ].filter(Boolean);
  return [
    ...header(env, benches).lines,
    ...goalsTable(sections.flatMap((s) => s.goals)),
    ...sections.flatMap((s) => s.lines),
    ...historySection(env, size).lines,
  ].join('\n');
}

fs.writeFileSync(OUT, render());
console.error(`[bench] wrote ${path.relative(process.cwd(), OUT) || OUT}`);
