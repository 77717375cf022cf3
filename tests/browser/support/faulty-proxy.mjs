// A small HTTP proxy in front of the DATA origin that can break on purpose.
// The test switches its mode at any time:
//   pass      forward to the origin unchanged (conditional headers, 304s, ETags)
//   500       HTTP 500 with a short text body
//   reset     close the connection without any response (a network failure)
//   hang      accept the request and never answer
//   stall     send the headers and half of the body, then nothing more
//   garbage   HTTP 200 with an HTML error page instead of JSON
//   truncate  HTTP 200 with the first half of the real body (a complete, short response)
//   cut       announce the full length, send half of the body, then drop the connection
// Every answer carries the same CORS headers as the DATA origin. Broken answers carry no
// validators and `Cache-Control: no-store`, so the browser never caches them and keeps
// revalidating its last good copy once the proxy passes requests through again.
import http from 'node:http';

export const MODES = ['pass', '500', 'reset', 'hang', 'stall', 'garbage', 'truncate', 'cut'];

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'ETag, Last-Modified',
};

const HOP_BY_HOP = new Set([
  'connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer',
]);

const GARBAGE = '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n'
  + '<body><h1>502 Bad Gateway</h1><p>The upstream server is unavailable.</p></body></html>\n';

/**
 * Starts the proxy on 127.0.0.1 (a free port) in front of `target`
 * (an origin such as `http://127.0.0.1:8081`). Call close() when done.
 */
export async function startFaultyProxy({ target }) {
  const upstream = new URL(target);
  let mode = 'pass';
  let match = () => true;
  const log = [];
  const held = new Set();
  const sockets = new Set();

  const server = http.createServer((req, res) => {
    const path = req.url.split(/[?#]/)[0];
    const applied = match(path, req) ? mode : 'pass';
    const entry = {
      at: Date.now(), method: req.method, uri: req.url, path, mode: applied, status: null,
      if_none_match: req.headers['if-none-match'] || '',
      if_modified_since: req.headers['if-modified-since'] || '',
    };
    log.push(entry);
    handle(req, res, applied, entry).catch((err) => {
      entry.status = 'proxy-error';
      entry.error = String(err && err.message);
      if (!res.headersSent) {
        res.writeHead(502, { ...CORS, 'cache-control': 'no-store', 'content-type': 'text/plain' });
        res.end(`proxy error: ${entry.error}\n`);
      } else {
        res.destroy();
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req, res, applied, entry) {
    if (req.method === 'OPTIONS') {
      entry.status = 204;
      res.writeHead(204, { ...CORS, 'access-control-allow-methods': 'GET, HEAD', 'access-control-max-age': '600' });
      res.end();
      return;
    }
    const broken = { ...CORS, 'cache-control': 'no-store' };
    switch (applied) {
      case 'pass': {
        const up = await forward(req, { conditional: true });
        const headers = {};
        for (const [name, value] of Object.entries(up.headers)) {
          if (!HOP_BY_HOP.has(name) && name !== 'content-length') headers[name] = value;
        }
        Object.assign(headers, CORS);
        if (up.body.length > 0 || up.status === 200) headers['content-length'] = String(up.body.length);
        entry.status = up.status;
        res.writeHead(up.status, headers);
        res.end(req.method === 'HEAD' ? undefined : up.body);
        return;
      }
      case '500':
        entry.status = 500;
        res.writeHead(500, { ...broken, 'content-type': 'text/plain', 'content-length': 22 });
        res.end('Internal Server Error\n');
        return;
      case 'reset':
        entry.status = 'reset';
        req.socket.destroy();
        return;
      case 'hang':
        entry.status = 'hang';
        hold(req, res);
        return;
      case 'garbage':
        entry.status = 200;
        res.writeHead(200, { ...broken, 'content-type': 'text/html', 'content-length': Buffer.byteLength(GARBAGE) });
        res.end(GARBAGE);
        return;
      case 'truncate':
      case 'cut':
      case 'stall': {
        const up = await forward(req, { conditional: false });
        if (up.status !== 200) {
          entry.status = up.status;
          res.writeHead(up.status, broken);
          res.end(up.body);
          return;
        }
        const half = up.body.subarray(0, Math.max(1, Math.floor(up.body.length / 2)));
        if (applied === 'truncate') {
          entry.status = 200;
          res.writeHead(200, { ...broken, 'content-length': half.length });
          res.end(half);
          return;
        }
        res.writeHead(200, { ...broken, 'content-length': up.body.length });
        res.write(half);
        if (applied === 'cut') {
          entry.status = 'cut';
          // Let the partial body reach the client before the connection drops.
          setTimeout(() => res.destroy(), 50);
        } else {
          entry.status = 'stall';
          hold(req, res);
        }
        return;
      }
      default:
        throw new Error(`unknown proxy mode ${applied}`);
    }
  }

  /** Keeps the exchange open until the client gives up or the proxy closes. */
  function hold(req, res) {
    const item = { req, res };
    held.add(item);
    res.on('close', () => held.delete(item));
  }

  /** Fetches the request's URL from the origin; `conditional: false` drops validators. */
  function forward(req, { conditional }) {
    const headers = { ...req.headers, host: upstream.host };
    for (const name of HOP_BY_HOP) delete headers[name];
    if (!conditional) {
      delete headers['if-none-match'];
      delete headers['if-modified-since'];
    }
    return new Promise((resolve, reject) => {
      const up = http.request({
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers,
        agent: false,
      }, (resp) => {
        const chunks = [];
        resp.on('data', (c) => chunks.push(c));
        resp.on('end', () => resolve({ status: resp.statusCode, headers: resp.headers, body: Buffer.concat(chunks) }));
        resp.on('error', reject);
      });
      up.on('error', reject);
      up.end();
    });
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const origin = `http://127.0.0.1:${server.address().port}`;
  let closed = false;

  return {
    origin,
    /** URL of a file or folder behind the proxy (use for data_url). */
    url(rel = '') { return `${origin}/${rel.replace(/^\/+/, '')}`; },
    get mode() { return mode; },
    /**
     * Switches the mode for requests from now on. `only` (a RegExp or a
     * function of the path) limits the fault to matching paths; the others
     * pass through.
     */
    setMode(next, { only } = {}) {
      if (!MODES.includes(next)) throw new Error(`unknown proxy mode ${next}; one of ${MODES.join(', ')}`);
      mode = next;
      if (!only) match = () => true;
      else if (only instanceof RegExp) match = (p) => only.test(p);
      else match = only;
    },
    /** Every request seen so far: { at, method, uri, path, mode, status, if_none_match, ... }. */
    requests() { return log.slice(); },
    mark() { return log.length; },
    requestsSince(mark) { return log.slice(mark); },
    /** Exchanges currently held open (hang / stall). */
    heldCount() { return held.size; },
    async close() {
      if (closed) return;
      closed = true;
      for (const { res } of held) res.destroy();
      held.clear();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
