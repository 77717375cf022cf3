// A static server for the benchmarks and the first-visit size test: nginx on 127.0.0.1
// serving one folder the way a CDN serves a deployed dist/: precompressed brotli (or gzip)
// for text and wasm, ETag and Last-Modified, and the Cache-Control headers the README
// recommends. nginx-light has no brotli module, so .br siblings are picked by
// Accept-Encoding with try_files.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { nginxProcess, nginxTempPaths, parseLog, spawnNginx, stopNginx } from './servers.mjs';


/** File types served compressed, with their Content-Type. */
export const COMPRESSED_TYPES = {
  html: 'text/html; charset=utf-8',
  css: 'text/css',
  js: 'application/javascript',
  mjs: 'application/javascript',
  wasm: 'application/wasm',
  json: 'application/json',
  svg: 'image/svg+xml',
};

const IMMUTABLE = 'public, max-age=31536000, immutable';

// Identical files (the app is deployed several times) are compressed once.
const compressed = new Map();

function compress(data) {
  const key = crypto.createHash('sha256').update(data).digest('hex');
  if (!compressed.has(key)) {
    compressed.set(key, {
      br: zlib.brotliCompressSync(data, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        },
      }),
      gz: zlib.gzipSync(data, { level: 9 }),
    });
  }
  return compressed.get(key);
}

/** Writes `file.br` (brotli, quality 11) and `file.gz` (gzip -9) next to `file`. */
export function precompress(file) {
  const { br, gz } = compress(fs.readFileSync(file));
  fs.writeFileSync(`${file}.br`, br);
  fs.writeFileSync(`${file}.gz`, gz);
  const { mtime } = fs.statSync(file);
  for (const ext of ['.br', '.gz']) fs.utimesSync(file + ext, mtime, mtime);
}

/** Precompresses every file of a compressed type below `dir`. */
export function precompressTree(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const ext = path.extname(entry.name).slice(1);
    if (!(ext in COMPRESSED_TYPES)) continue;
    precompress(path.join(entry.parentPath ?? entry.path, entry.name));
  }
}

/**
 * Replaces a served file and its compressed siblings. `mtimeSeconds` sets Last-Modified
 * (and so the ETag, which nginx derives from mtime and size): rewrites within one second
 * must still look changed to a revalidating client.
 */
export function replaceFile(file, content, mtimeSeconds) {
  fs.writeFileSync(file, content);
  fs.utimesSync(file, mtimeSeconds, mtimeSeconds);
  precompress(file);
}

function location(pattern, type, cacheControl) {
  return `
        location ~ ${pattern} {
            types { }
            default_type "${type}";
            add_header Cache-Control "${cacheControl}";
            add_header Content-Encoding $bench_encoding;
            add_header Vary Accept-Encoding;
            try_files $uri$bench_br_suffix $uri =404;
        }`;
}

function nginxConf({ dir, root, port }) {
  const tmp = (name) => path.join(dir, name);
  const logFormat =
    `'{"uri":"$request_uri","status":"$status","bytes":"$body_bytes_sent",` +
    `"encoding":"$sent_http_content_encoding","if_none_match":"$http_if_none_match"}'`;
  return `
${nginxProcess(tmp)}
events { worker_connections 512; }
http {
    types {
        image/png png;
        image/jpeg jpg jpeg;
        text/plain txt;
    }
    default_type application/octet-stream;
    sendfile on;
    tcp_nodelay on;
    keepalive_timeout 30;
    server_tokens off;
    ${nginxTempPaths(tmp)}
    log_format bench escape=json ${logFormat};
    access_log ${tmp('access.log')} bench;

    # Serve file.br when the client accepts brotli, as a CDN with compression does.
    map $http_accept_encoding $bench_br_suffix {
        default "";
        "~*\\bbr\\b" ".br";
    }
    map $bench_br_suffix $bench_encoding {
        ".br" "br";
        default "";
    }

    server {
        listen 127.0.0.1:${port};
        root ${root};
        index index.html;
        etag on;
        # Clients without brotli get the .gz sibling.
        gzip_static on;
${location('"/data/.*\\.json$"', COMPRESSED_TYPES.json, 'public, max-age=0, must-revalidate')}
${location('"\\.json$"', COMPRESSED_TYPES.json, 'no-cache')}
${location('"\\.html$"', COMPRESSED_TYPES.html, 'no-cache')}
${location('"\\.m?js$"', COMPRESSED_TYPES.js, IMMUTABLE)}
${location('"\\.css$"', COMPRESSED_TYPES.css, IMMUTABLE)}
${location('"\\.wasm$"', COMPRESSED_TYPES.wasm, IMMUTABLE)}
${location('"\\.svg$"', COMPRESSED_TYPES.svg, 'public, max-age=86400')}
    }
}
`;
}

/** Starts nginx serving `root`. Returns { origin, url(rel), requests(), stop() }. */
export async function startStaticServer(root) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-bench-nginx-'));
  const { child, ports: [port] } = await spawnNginx(dir, 1, ([port]) => nginxConf({ dir, root, port }));
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (rel = '') => `${origin}/${rel.replace(/^\/+/, '')}`,
    /** Parsed access log lines. */
    requests() { return parseLog(path.join(dir, 'access.log')); },
    async stop() {
      await stopNginx(child);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
