// Transfer sizes of a first visit, measured on the files of the deployed copy.
import fs from 'node:fs';
import path from 'node:path';
import { measure, onDemand, referencedFiles } from './sizes.mjs';

/**
 * Sizes of the files the app fetched in the first unthrottled cold run (its data aside),
 * measured on the deployed copy, so they belong to the build that was timed.
 */
export function transferSizes(root, first) {
  const dir = path.join(root, 'cold');
  const resources = first?.unthrottled?.runs?.app?.[0]?.resources;
  if (!resources) return measure(dir, referencedFiles(dir));
  const rels = new Set(['index.html', 'config.json']);
  for (const r of resources) {
    const rel = decodeURIComponent(new URL(r.name).pathname).replace(/^\/cold\//, '');
    // What the page prefetched while idle is not part of what it needs to show the list.
    if (!/^data\//.test(rel) && !onDemand(rel) && fs.existsSync(path.join(dir, rel)) && fs.statSync(path.join(dir, rel)).isFile()) rels.add(rel);
  }
  return measure(dir, [...rels]);
}
