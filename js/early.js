// The first requests, sent while the wasm is still downloading: config.json (answered by
// index.html's preload) and, as soon as it says where the data is, data/list.json. Loaded
// `async` by index.html, so it runs as soon as it arrives, without waiting for the page. The app
// takes each request over once, by exact URL (`sitrepEarly.take`); a URL it does not ask for
// is never used, so a config this script reads differently from the app only costs the head
// start.

const started = new Map();

function start(url, cache) {
  // As the app's own requests (api.rs): cut off after 20 s where the browser can.
  const signal = typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(20_000) : undefined;
  const response = fetch(url, { cache, signal });
  // Failures are the app's to report once it takes the request over, not the console's.
  response.catch(() => {});
  started.set(url, response);
  return response;
}

const base = document.baseURI;

// Where the list is, as config.rs reads it (Config::list_location): `list_url` when set,
// otherwise the format's list below data_url (trimmed, "./" by default, a folder). Throws
// on a config the app will refuse, so nothing is fetched for it.
function listUrl(config) {
  if (config.list_url !== undefined && config.list_url !== null) {
    const url = typeof config.list_url === 'string' ? config.list_url.trim() : '';
    if (!url) throw new Error('unusable list_url');
    return new URL(url, base).href;
  }
  let root = typeof config.data_url === 'string' ? config.data_url.trim() : './';
  if (!root) throw new Error('empty data_url');
  if (!root.endsWith('/')) root += '/';
  const list = config.format === 'statuspage' ? 'api/v2/summary.json' : 'data/list.json';
  return new URL(list, new URL(root, base)).href;
}

start(new URL('config.json', base).href, 'default')
  .then((response) => (response.ok ? response.clone().json() : null))
  .then((config) => {
    // No usable config: the app reports it, and has no list to ask for.
    if (config === null || typeof config !== 'object') return;
    start(listUrl(config), 'no-cache');
  })
  .catch(() => {});

// The response promise for `url`, if it was started here and not taken yet.
globalThis.sitrepEarly = Object.freeze({
  take(url) {
    const response = started.get(url);
    started.delete(url);
    return response;
  },
});
