// Trunk post-build hook: builds the app's wasm, splits it into the first download and the
// chunks loaded on demand, and puts it into the site with a small loader script.
//
// trunk 0.21 cannot split wasm, so the app is not one of its assets: this runs
//   cargo (linked with --emit-relocs, which the splitter needs)
//   → wasm-split-cli (the main module and one chunk per `#[wasm_split]` part, src/ui/chunks.rs)
//   → wasm-bindgen --target web on the main module (keeping the exports the chunks link to)
//   → wasm-opt on every module (release builds)
// and adds DOMPurify as a module the sanitiser imports when feed HTML is first shown.
// with the tools scripts/setup.sh installs. Every file name carries a content hash, so hosts
// may cache them for good. The loader is a file of its own, not an inline script, so the site
// runs under a strict Content Security Policy (script-src 'self' 'wasm-unsafe-eval').
//
// Integrity: the loader and the modules it imports carry `integrity`; the wasm files do not.
// Browsers ignore `integrity` on an `as="fetch"` preload (with a console warning on every
// load), and neither wasm-bindgen's fetch of the main module nor the splitter's fetch of a
// chunk checks one; their names carry their content hash instead.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';

const site = process.env.TRUNK_STAGING_DIR;
if (!site) throw new Error('run by trunk as a post_build hook (TRUNK_STAGING_DIR is not set)');
const release = process.env.TRUNK_PROFILE === 'release';
const WASM_TARGET = 'wasm32-unknown-unknown';
const NAME = 'sitrep';
// --low-memory-unused: LLVM's output never uses the lowest 1 KiB of memory (the bottom of the
// stack), which lets wasm-opt fold more addresses: about 1.4 KB brotli less than -Oz alone.
// -Oz, not -Os: measured on the split build (7e99bb3), -Os saves 541 bytes brotli on the main
// module (1,080 over all modules) but makes it 24 KB (4 %) larger to compile.
const WASM_OPT_FLAGS = ['-Oz', '--low-memory-unused', '--strip-debug', '--strip-producers'];

const run = (command, args, input) => execFileSync(command, args, {
  input, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 1 << 26,
});
/** Release builds: JavaScript minified by terser (trunk's own minifier cannot parse wasm-bindgen's output or early.js). */
const minify = (code, { module = true } = {}) => (release
  ? run('terser', [...(module ? ['--module'] : []), '--compress', '--mangle'], code)
  : code);
const hash = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);
const integrity = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/** The wasm cargo links, with the relocations wasm-split-cli reads (only the app's own crate is relinked). */
function buildWasm() {
  const profile = release ? ['--release'] : [];
  const out = run('cargo', ['rustc', ...profile, '--target', WASM_TARGET, '--bin', NAME,
    '--message-format=json-render-diagnostics', '--', '-Clink-arg=--emit-relocs']);
  const artifact = out.split('\n').filter(Boolean).map((line) => JSON.parse(line))
    .find((m) => m.reason === 'compiler-artifact' && m.target?.name === NAME && m.target.kind.includes('bin'));
  const wasm = artifact?.filenames.find((f) => f.endsWith('.wasm'));
  if (!wasm) throw new Error(`cargo did not report ${NAME}.wasm`);
  return wasm;
}

/** Splits, binds and optimises in `work`: the main module, the chunks by file name, and the JavaScript (minified in release builds). */
function splitAndBind(wasm, work) {
  rmSync(work, { recursive: true, force: true });
  const split = join(work, 'split');
  const bound = join(work, 'bound');
  mkdirSync(split, { recursive: true });
  run('wasm-split-cli', [wasm, split, '--target', 'web', '--out-name', NAME]);
  run('wasm-bindgen', ['--target', 'web', '--keep-lld-exports', '--no-demangle', '--no-typescript',
    '--out-dir', bound, '--out-name', NAME, join(split, `${NAME}.wasm`)]);
  const chunks = readdirSync(split).filter((f) => f.endsWith('.wasm') && f !== `${NAME}.wasm`);
  const wasmFiles = [join(bound, `${NAME}_bg.wasm`), ...chunks.map((f) => join(split, f))];
  let js = readFileSync(join(bound, `${NAME}.js`), 'utf8');
  let link = readFileSync(join(split, '__wasm_split.js'), 'utf8');
  let memory = 'memory';
  if (release) {
    const [main, ...rest] = wasmFiles;
    const names = run('wasm-opt', [...WASM_OPT_FLAGS, SHORT_NAMES, main, '-o', main]);
    ({ js, link, memory } = renameToShortNames(js, link, names, readFileSync(main)));
    for (const file of rest) run('wasm-opt', [...WASM_OPT_FLAGS, file, '-o', file]);
  }
  return {
    main: readFileSync(wasmFiles[0]),
    chunks: Object.fromEntries(chunks.map((f) => [f, readFileSync(join(split, f))])),
    js: minify(js),
    link: minify(link),
    memory,
    snippets: listFiles(join(bound, 'snippets')).map((file) => ({
      path: `./${relative(bound, file)}`, code: minify(readFileSync(file, 'utf8')),
    })),
  };
}

/** wasm-bindgen names each import after its JavaScript function plus a 16-digit hash, which
 * brotli cannot compress; the main module has about 200 of them, and the same names are keys in
 * its JavaScript. Release builds rename them all, and the exports, to one or two letters: 3.4 KB
 * less wasm and 1.5 KB less JavaScript (brotli), in the first download. wasm-opt renames them in
 * the module (one module name for all imports) and prints what it renamed; this renames them
 * to match in wasm-bindgen's JavaScript and in the chunks' loader. */
const SHORT_NAMES = '--minify-imports-and-exports-and-modules';

function renameToShortNames(js, link, printed, wasm) {
  const row = (cells) => new RegExp(`^\\s*\\[${Array(cells).fill('"([^"]+)"').join(', ')}\\]`, 'gm');
  const imports = [...printed.matchAll(row(3))].map(([, module, name, short]) => ({ module, name, short }));
  const exports = [...printed.matchAll(row(2))].map(([, name, short]) => ({ name, short }));
  const modules = new Set(WebAssembly.Module.imports(new WebAssembly.Module(wasm)).map((i) => i.module));
  if (imports.length === 0 || exports.length === 0 || modules.size !== 1) {
    throw new Error(`wasm-opt ${SHORT_NAMES} printed no names or left several modules: has it changed?`);
  }
  const [module] = modules;
  const once = (text, pattern, replacement, what) => {
    const found = text.match(new RegExp(pattern.source, `${pattern.flags}g`))?.length ?? 0;
    if (found !== 1) throw new Error(`${what}: found ${found} times, not once: has wasm-bindgen changed its output?`);
    return text.replace(pattern, replacement);
  };
  // Replacements below are functions: a short name may hold `$`, special in replacement text.
  const quote = JSON.stringify;
  const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  // wasm-bindgen's imports: one object (`const importN = { name: function…, … }`) of its own
  // functions, and the snippets' and the chunks' loader's modules as they are.
  const table = /return \{\s*__proto__: null,((?:\s*"[^"]+": import\d+,)+)\s*\};/;
  const entries = [...(js.match(table)?.[1] ?? '').matchAll(/"([^"]+)": (import\d+)/g)];
  const holder = Object.fromEntries(entries.map(([, from, variable]) => [from, variable]));
  const own = entries.map(([, , variable]) => variable)
    .find((variable) => new RegExp(`\\bconst ${variable} = \\{`).test(js));
  if (!own) throw new Error("wasm-bindgen's import object was not found: has its output changed?");
  const others = [];
  for (const { module: from, name, short } of imports) {
    if (!holder[from]) throw new Error(`no JavaScript module provides ${from}`);
    if (holder[from] === own) {
      js = once(js, new RegExp(`^(\\s+)${escape(name)}:`, 'm'), (_, indent) => `${indent}${quote(short)}:`, `import ${name}`);
    } else {
      others.push(`${quote(short)}: ${holder[from]}[${quote(name)}]`);
    }
  }
  js = once(js, table, () => `return { ${quote(module)}: Object.assign(${own}, { ${others.join(', ')} }) };`, 'the import table');

  for (const { name, short } of exports) {
    js = js.replace(new RegExp(`\\bwasm\\.${escape(name)}\\b`, 'g'), () => `wasm[${quote(short)}]`);
  }
  // The chunks' loader takes the table, the shared global and the memory from the main module.
  const short = Object.fromEntries(exports.map(({ name, short }) => [name, short]));
  link = once(link, /const \{([^}]*)\} = initSync\(/, (_, names) => `const { ${names.split(',')
    .map((name) => name.trim()).filter(Boolean)
    .map((name) => `${quote(short[name] ?? name)}: ${name}`).join(', ')} } = initSync(`, "the chunks' loader's exports");
  return { js, link, memory: short.memory ?? 'memory' };
}

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => entry.isDirectory()
    ? listFiles(join(dir, entry.name))
    : [join(dir, entry.name)]);
}

/** How a module names another: `import … from "<file>"` (the default) or `import("<file>")`. */
const STATIC_IMPORT = '\\bfrom\\s*';
const DYNAMIC_IMPORT = '\\bimport\\(\\s*';

/** `text` with its imports of `from` (of the kind `how`) importing `to` instead. Only those:
 * the same string is also the module name the wasm imports from, which must stay. */
function repointImport(text, from, to, how = STATIC_IMPORT) {
  const statement = new RegExp(`(${how})(["'])${from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\2`, 'g');
  if (!statement.test(text)) throw new Error(`nothing imports ${from}: has a tool changed its output?`);
  return text.replace(statement, `$1$2${to}$2`);
}

/** `text` with the quoted file name `from` (a chunk in the chunks' loader) replaced. */
function repointFile(text, from, to) {
  const quoted = `"${from}"`;
  if (!text.includes(quoted)) throw new Error(`${from} is not referenced where expected: has a tool changed its output?`);
  return text.replaceAll(quoted, `"${to}"`);
}

const cargoWasm = buildWasm();
const built = splitAndBind(cargoWasm, join(dirname(cargoWasm), 'split'));

// Chunks, DOMPurify and the snippets are leaves: named after their own content.
let { js, link } = built;
const files = new Map();
// DOMPurify and sitrep's policy for it: imported by the sanitiser's snippet (js/sanitize.js)
// the first time feed HTML is shown.
const purify = minify(readFileSync('node_modules/dompurify/dist/purify.es.mjs', 'utf8')
  .replace(/^\/\/# sourceMappingURL=.*$/m, ''));
const purifyName = `purify-${hash(purify)}.js`;
files.set(purifyName, purify);
const policy = minify(readFileSync('js/sanitize-policy.js', 'utf8'));
const policyName = `sanitize-policy-${hash(policy)}.js`;
files.set(policyName, policy);
for (const [file, bytes] of Object.entries(built.chunks)) {
  const named = `${basename(file, '.wasm')}-${hash(bytes)}.wasm`;
  link = repointFile(link, `./${file}`, `./${named}`);
  files.set(named, bytes);
}
const snippetNames = [];
for (const { path, code: source } of built.snippets) {
  // Snippets land in snippets/, one folder below DOMPurify.
  const code = source.includes('./purify.js')
    ? repointImport(repointImport(source, './purify.js', `../${purifyName}`, DYNAMIC_IMPORT),
      './sanitize-policy.js', `../${policyName}`, DYNAMIC_IMPORT)
    : source;
  const named = `snippets/${basename(path, '.js')}-${hash(code)}.js`;
  js = repointImport(js, path, `./${named}`);
  files.set(named, code);
  snippetNames.push(named);
}
// The main module's JS and the chunks' loader import each other: one name from both contents.
const pair = hash(js + link);
const jsName = `${NAME}-${pair}.js`;
const linkName = `${NAME}-chunks-${pair}.js`;
js = repointImport(js, './__wasm_split.js', `./${linkName}`);
link = repointImport(link, `./${NAME}.js`, `./${jsName}`);
const wasmName = `${NAME}-${hash(built.main)}_bg.wasm`;
files.set(wasmName, built.main);
files.set(jsName, js);
files.set(linkName, link);

// The loader: starts the app, then tells the page (benchmarks read the memory from it). The
// page paints what it has first (the loading header, or the status snapshot): the app's
// modules, already fetched by their modulepreload tags, run after that frame, and with them
// the start of ICU (js/intl.js), about 15 ms that would otherwise come before the snapshot's
// first paint. A hidden tab paints no frames: there the app starts at once, and in a tab
// hidden before its first frame, within a second.
const loader = `if (document.visibilityState === 'visible') {
  await new Promise((painted) => {
    requestAnimationFrame(() => setTimeout(painted));
    setTimeout(painted, 1000);
  });
}
const { default: init } = await import('./${jsName}');
const wasm = await init({ module_or_path: new URL('./${wasmName}', import.meta.url) });
dispatchEvent(new CustomEvent('sitrep-started', { detail: { memory: wasm[${JSON.stringify(built.memory)}] } }));
`;
const loaderName = `boot-${hash(loader)}.js`;
files.set(loaderName, minify(loader));

for (const [name, content] of files) {
  mkdirSync(dirname(join(site, name)), { recursive: true });
  writeFileSync(join(site, name), content);
}

const htmlPath = join(site, 'index.html');
const html = readFileSync(htmlPath, 'utf8');
if (/<script\b(?![^>]*\bsrc\s*=)[^>]*>/i.test(html)) {
  throw new Error('index.html has an inline script; the strict CSP would block it');
}
const modulePreload = (name) => `<link rel="modulepreload" crossorigin href="./${name}" integrity="${integrity(files.get(name))}">`;
const tags = [
  `<script type="module" src="./${loaderName}" integrity="${integrity(files.get(loaderName))}"></script>`,
  ...[jsName, linkName, ...snippetNames].map(modulePreload),
  `<link rel="preload" as="fetch" type="application/wasm" crossorigin href="./${wasmName}">`,
].join('');
// trunk's own scripts (js/*.js), minified again where trunk's minifier left them as they were:
// new content, so a new name and integrity.
let page = html;
for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
  const src = /\bsrc\s*=\s*["']?\.\/(([a-z-]+)-[0-9a-f]{16}\.js)\b/i.exec(tag);
  const sri = /\bintegrity\s*=\s*["']?([^\s"'>]+)/i.exec(tag);
  if (!src || !sri) continue;
  const [, old, stem] = src;
  const code = readFileSync(join(site, old), 'utf8');
  const smaller = minify(code, { module: /\btype\s*=\s*["']?module\b/i.test(tag) });
  if (smaller.length >= code.length) continue;
  const renamed = `${stem}-${hash(smaller)}.js`;
  writeFileSync(join(site, renamed), smaller);
  rmSync(join(site, old));
  page = page.replace(tag, tag.replace(old, renamed).replace(sri[1], integrity(smaller)));
}

// In place of index.html's `<link data-trunk rel="rust" data-trunk-skip>` (trunk leaves it).
const placeholder = [...html.matchAll(/<link\b[^>]*>/gi)].map(([tag]) => tag)
  .filter((tag) => /\bdata-trunk-skip\b/.test(tag) && /\brel\s*=\s*["']?rust\b/.test(tag));
if (placeholder.length !== 1) throw new Error('index.html needs one <link data-trunk rel="rust" data-trunk-skip> where the app goes');
writeFileSync(htmlPath, page.replace(placeholder[0], tags));
console.log(`postbuild: ${wasmName} (${built.main.length} bytes) and ${Object.keys(built.chunks).length} chunks`);
