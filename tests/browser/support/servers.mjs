// Real static servers for the browser tests: one nginx process per test file,
// with two origins on 127.0.0.1:
//   APP  - serves the built app like a plain bucket (no rewrites, no fallback);
//   DATA - serves status data like an S3 bucket written by GitLab's publisher:
//          no useful Content-Type, permissive CORS, ETag/Last-Modified exposed.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const DIST_DIR = path.resolve(process.env.SITREP_DIST || path.join(REPO_ROOT, 'dist'));
export const DEMO_DIR = path.join(REPO_ROOT, 'demo');
const NGINX_BIN = process.env.SITREP_NGINX || '/usr/sbin/nginx';

/** Asks the kernel for a free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function distinctFreePorts(count) {
  for (;;) {
    const ports = [];
    for (let i = 0; i < count; i++) ports.push(await freePort());
    if (new Set(ports).size === count) return ports;
  }
}

const MIME_TYPES = `
    types {
        text/html                 html htm;
        text/css                  css;
        text/plain                txt;
        text/xml                  xml;
        application/javascript    js mjs;
        application/json          json;
        application/wasm          wasm;
        application/atom+xml      atom;
        application/rss+xml       rss;
        image/svg+xml             svg svgz;
        image/png                 png;
        image/jpeg                jpg jpeg;
        image/gif                 gif;
        image/webp                webp;
        image/x-icon              ico;
        font/woff2                woff2;
        font/woff                 woff;
    }
    default_type application/octet-stream;`;

/** One foreground nginx process whose pid and error log are in the per-run folder. */
export function nginxProcess(tmp) {
  return `daemon off;
master_process off;
worker_processes 1;
pid ${tmp('nginx.pid')};
error_log ${tmp('error.log')} warn;`;
}

/** nginx's temp folders, all inside the per-run folder (`tmp(name)` gives a path there). */
export function nginxTempPaths(tmp) {
  return ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((name) => `${name}_temp_path ${tmp(name)};`)
    .join('\n    ');
}

function nginxConf({ dir, appRoot, dataRoot, appPort, dataPort, appHeaders = {} }) {
  // Each log line is one JSON object (see parseLog).
  const logFormat =
    `'{"method":"$request_method","uri":"$request_uri","status":"$status",` +
    `"if_none_match":"$http_if_none_match","if_modified_since":"$http_if_modified_since",` +
    `"origin":"$http_origin","cache_control":"$http_cache_control","bytes":"$body_bytes_sent"}'`;
  const tmp = (name) => path.join(dir, name);
  const extraAppHeaders = Object.entries(appHeaders)
    .map(([name, value]) => `add_header ${name} "${value.replace(/"/g, '\\"')}" always;`)
    .join('\n        ');
  return `
${nginxProcess(tmp)}

events {
    worker_connections 256;
}

http {
    ${MIME_TYPES}
    sendfile off;
    keepalive_timeout 5;
    server_tokens off;
    ${nginxTempPaths(tmp)}
    log_format sitrep escape=json ${logFormat};

    # APP origin: a plain static bucket. No try_files / rewrite fallback.
    server {
        listen 127.0.0.1:${appPort};
        server_name app;
        root ${appRoot};
        index index.html;
        access_log ${tmp('app-access.log')} sitrep;
        ${extraAppHeaders}
    }

    # DATA origin: GitLab-style S3 uploads (no content type) with CORS.
    server {
        listen 127.0.0.1:${dataPort};
        server_name data;
        root ${dataRoot};
        access_log ${tmp('data-access.log')} sitrep;
        types { }
        default_type application/octet-stream;
        add_header Access-Control-Allow-Origin "*" always;
        add_header Access-Control-Expose-Headers "ETag, Last-Modified" always;

        # An API that answers with a JSON Content-Type (Statuspage, an incident bot's /list).
        location /json-api/ {
            default_type application/json;
        }

        # A misconfigured bucket: no CORS headers below /no-cors/ (a location with its own
        # add_header inherits none from the server).
        location /no-cors/ {
            add_header X-Sitrep-Test "no-cors" always;
        }
    }
}
`;
}

async function waitForPort(port, child, deadlineMs) {
  const until = Date.now() + deadlineMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited early with code ${child.exitCode}`);
    const ok = await new Promise((resolve) => {
      const sock = net.connect(port, '127.0.0.1');
      sock.once('connect', () => { sock.destroy(); resolve(true); });
      sock.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nginx did not listen on port ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** nginx's JSON access log lines, with numbers as numbers and `path` without query or hash. */
export function parseLog(file) {
  let text = '';
  try { text = fs.readFileSync(file, 'utf8'); } catch { return []; }
  return text.split('\n').filter(Boolean).map((line) => {
    const entry = JSON.parse(line);
    entry.status = Number(entry.status);
    entry.bytes = Number(entry.bytes);
    entry.path = entry.uri.split(/[?#]/)[0];
    return entry;
  });
}

function copyDir(src, dest) {
  fs.mkdirSync(dest, { recursive: true });
  fs.cpSync(src, dest, { recursive: true });
}

/**
 * Starts nginx in `dir` with the config `confFor(ports)` listening on `count` distinct free
 * ports of 127.0.0.1, retrying when another process takes a port first. Returns
 * `{ child, ports }`; nginx is killed if this process exits without stopping it.
 */
export async function spawnNginx(dir, count, confFor) {
  if (!fs.existsSync(NGINX_BIN)) throw new Error(`nginx not found at ${NGINX_BIN}`);
  let lastError;
  for (let attempt = 0; attempt < 5; attempt++) {
    const ports = await distinctFreePorts(count);
    const confPath = path.join(dir, 'nginx.conf');
    fs.writeFileSync(confPath, confFor(ports));
    const child = spawn(NGINX_BIN, ['-p', dir, '-e', path.join(dir, 'error.log'), '-c', confPath], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    try {
      for (const port of ports) await waitForPort(port, child, 10_000);
    } catch (err) {
      let log = '';
      try { log = fs.readFileSync(path.join(dir, 'error.log'), 'utf8'); } catch {}
      lastError = new Error(`${err.message}\n${stderr}\n${log}`);
      child.kill('SIGKILL');
      continue; // most likely a port race: try other ports
    }
    // Safety net if the process dies without stopping nginx.
    const killOnExit = () => { try { child.kill('SIGKILL'); } catch {} };
    process.once('exit', killOnExit);
    child.once('exit', () => process.removeListener('exit', killOnExit));
    return { child, ports };
  }
  throw lastError;
}

/** Stops an nginx started by spawnNginx: SIGTERM, then SIGKILL if it has not gone in 3 s. */
export async function stopNginx(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts nginx with an APP and a DATA origin. Returns helpers to put files in
 * both roots and to read the request logs. Call stop() in an `after` hook.
 * `appHeaders`: extra response headers on the APP origin (e.g. a Content-Security-Policy).
 */
export async function startServers({ appHeaders = {} } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-www-'));
  const appRoot = path.join(dir, 'app');
  const dataRoot = path.join(dir, 'data');
  fs.mkdirSync(appRoot);
  fs.mkdirSync(dataRoot);
  const { child, ports: [appPort, dataPort] } = await spawnNginx(dir, 2, ([appPort, dataPort]) =>
    nginxConf({ dir, appRoot, dataRoot, appPort, dataPort, appHeaders }));
  return makeHandle({ dir, appRoot, dataRoot, appPort, dataPort, child });
}

function makeHandle({ dir, appRoot, dataRoot, appPort, dataPort, child }) {
  const appOrigin = `http://127.0.0.1:${appPort}`;
  const dataOrigin = `http://127.0.0.1:${dataPort}`;
  const logs = { app: path.join(dir, 'app-access.log'), data: path.join(dir, 'data-access.log') };
  let stopped = false;
  const handle = {
    dir, appRoot, dataRoot, appOrigin, dataOrigin,

    /** URL of a file or folder on the APP origin. */
    appUrl(rel = '') { return `${appOrigin}/${rel.replace(/^\/+/, '')}`; },
    /** URL of a file or folder on the DATA origin (use for data_url). */
    dataUrl(rel = '') { return `${dataOrigin}/${rel.replace(/^\/+/, '')}`; },

    /**
     * Copies the built app into <app root>/<subpath>/ and writes config.json
     * there (pass config = null to deploy without config.json). Returns the
     * deployment's URL, ending in '/'.
     */
    deployApp(subpath, config) {
      if (!fs.existsSync(path.join(DIST_DIR, 'index.html'))) {
        throw new Error(`built app not found: ${path.join(DIST_DIR, 'index.html')} (build it first or set SITREP_DIST)`);
      }
      const rel = String(subpath || '').replace(/^\/+|\/+$/g, '');
      const dest = rel ? path.join(appRoot, rel) : appRoot;
      copyDir(DIST_DIR, dest);
      const cfgPath = path.join(dest, 'config.json');
      if (config === null) fs.rmSync(cfgPath, { force: true });
      else if (config !== undefined) fs.writeFileSync(cfgPath, JSON.stringify(config, null, 2));
      return rel ? `${appOrigin}/${rel}/` : `${appOrigin}/`;
    },

    /** Writes a file into the APP root (string, Buffer or JSON-able object). */
    putApp(relPath, content) { return writeInto(appRoot, relPath, content); },

    /** Writes a file into the DATA root (string, Buffer or JSON-able object). */
    putData(relPath, content) { return writeInto(dataRoot, relPath, content); },

    /** Removes a file or folder from the DATA root. */
    removeData(relPath) { fs.rmSync(path.join(dataRoot, relPath), { recursive: true, force: true }); },

    /**
     * Copies a bundled demo bucket (demo/<name>/) into <data root>/<dest>/ and
     * returns its data_url on the DATA origin.
     */
    copyDemo(name, dest = name) {
      const src = path.join(DEMO_DIR, name);
      if (!fs.existsSync(path.join(src, 'data', 'list.json'))) {
        throw new Error(`demo bucket not found: ${src}/data/list.json`);
      }
      copyDir(src, path.join(dataRoot, dest));
      return handle.dataUrl(`${dest}/`);
    },

    /** Parsed request logs: which = 'app' | 'data'. */
    requests(which = 'data') { return parseLog(logs[which]); },
    /** A mark to pass to requestsSince(). */
    mark() { return { app: parseLog(logs.app).length, data: parseLog(logs.data).length }; },
    requestsSince(mark, which = 'data') { return parseLog(logs[which]).slice(mark[which]); },

    errorLog() {
      try { return fs.readFileSync(path.join(dir, 'error.log'), 'utf8'); } catch { return ''; }
    },

    async stop() {
      if (stopped) return;
      stopped = true;
      await stopNginx(child);
      if (!process.env.SITREP_KEEP_TMP) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return handle;
}

function writeInto(root, relPath, content) {
  const file = path.join(root, relPath);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const body = typeof content === 'string' || Buffer.isBuffer(content)
    ? content
    : JSON.stringify(content, null, 2);
  fs.writeFileSync(file, body);
  return file;
}
