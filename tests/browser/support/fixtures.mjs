// Test data: GitLab-format buckets (the format GitLab's publisher writes),
// native sitrep buckets, and readers for the bundled demo buckets.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { DEMO_DIR } from './servers.mjs';

// ---------------------------------------------------------------- images

function crc32(buf) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** A solid-colour PNG of the given size (real pixels, so naturalWidth > 0). */
export function png(width = 40, height = 20, rgb = [200, 60, 40]) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0); ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; ihdr[9] = 2; // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------- GitLab

/**
 * One GitLab incident as the publisher writes it. `comments` are
 * `{ note, created_at }` with pre-rendered HTML, oldest first.
 */
export function gitlabIncident({ iid, title, status = 'opened', description = '', comments = [], created_at, updated_at }) {
  return {
    id: iid,
    status,
    title,
    description,
    comments,
    links: { details: `data/incident/${iid}.json` },
    created_at,
    updated_at: updated_at || created_at,
  };
}

/** Writes list.json + detail files of a GitLab bucket under `prefix` in the data root. */
export function putGitlabBucket(srv, prefix, incidents) {
  const base = prefix.replace(/\/+$/, '');
  const list = incidents.map(({ description, comments, ...entry }) => entry);
  srv.putData(`${base}/data/list.json`, { incidents: list });
  for (const inc of incidents) srv.putData(`${base}/data/incident/${inc.id}.json`, inc);
  return srv.dataUrl(`${base}/`);
}

/** GitLab-rendered paragraph HTML. */
export function glParagraph(html, line = 1) {
  return `<p data-sourcepos="${line}:1-${line}:${html.length}" dir="auto">${html}</p>`;
}

// ---------------------------------------------------------------- native

/** Version key every native file carries. */
export const NATIVE_VERSION = 1;

/**
 * One native incident (list entry + detail fields). Titles are plain text,
 * description and update bodies are markdown, `components` are component ids
 * named in the list file's `components`.
 */
export function nativeIncident({
  id, title, status = 'investigating', impact = 'major', kind = 'incident',
  description = '', components = [], updates = [], started_at, updated_at, resolved_at,
  scheduled_start, scheduled_end, latest_update,
}) {
  const incident = { id, kind, title, status, impact, components, started_at, updated_at: updated_at || started_at };
  if (resolved_at) incident.resolved_at = resolved_at;
  if (scheduled_start) incident.scheduled_start = scheduled_start;
  if (scheduled_end) incident.scheduled_end = scheduled_end;
  if (latest_update) incident.latest_update = latest_update;
  incident.description = description;
  incident.updates = updates;
  return incident;
}

/** A native update: `body` is markdown. */
export function nativeUpdate({ id, status, body, at }) {
  return { id, status, at, body };
}

/**
 * Writes list.json + detail files of a native bucket under `prefix` in the
 * data root. `components` are `{ id, name }`.
 */
export function putNativeBucket(srv, prefix, incidents, { components = [] } = {}) {
  const base = prefix.replace(/\/+$/, '');
  const list = incidents.map(({ description, updates, ...entry }) => entry);
  srv.putData(`${base}/data/list.json`, { sitrep: NATIVE_VERSION, components, incidents: list });
  for (const inc of incidents) srv.putData(`${base}/data/incident/${inc.id}.json`, { sitrep: NATIVE_VERSION, ...inc });
  return srv.dataUrl(`${base}/`);
}

// ---------------------------------------------------------------- demos

export function readDemoJson(name, rel) {
  const file = path.join(DEMO_DIR, name, rel);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

export function demoList(name) {
  const list = readDemoJson(name, 'data/list.json');
  return Array.isArray(list) ? list : list.incidents;
}

/** Every detail file of a demo bucket: [{ id, json, text }]. */
export function demoDetails(name) {
  const dir = path.join(DEMO_DIR, name, 'data', 'incident');
  return fs.readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      return { id: f.replace(/\.json$/, ''), json: JSON.parse(text), text };
    });
}

// ---------------------------------------------------------------- text

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Visible text of an HTML snippet (tags dropped, common entities decoded). */
export function htmlText(html) {
  return String(html || '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e) => {
      if (e[0] === '#') return String.fromCodePoint(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** For "does the page show this text" checks that ignore whitespace/layout. */
export function squash(text) {
  return String(text || '').replace(/\s+/g, '');
}
