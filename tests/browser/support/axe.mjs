// axe-core (WCAG 2.0/2.1/2.2 A and AA rules) in a page, and its findings described.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './servers.mjs';

const AXE_SOURCE = fs.readFileSync(path.join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const AXE_OPTIONS = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  resultTypes: ['violations'],
};

/** Puts axe-core into the page (a script tag, or evaluated directly when a CSP blocks that). */
async function injectAxe(page) {
  if (await page.evaluate(() => typeof window.axe === 'object')) return;
  try {
    await page.addScriptTag({ content: AXE_SOURCE });
  } catch {
    // Blocked by a Content-Security-Policy: fall through to evaluating the source.
  }
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.evaluate(AXE_SOURCE);
  }
  assert.ok(await page.evaluate(() => typeof window.axe === 'object'), 'axe-core is loaded in the page');
}

/** Runs axe on the whole document; returns its violations. */
export async function axeViolations(page) {
  await injectAxe(page);
  return page.evaluate(async (options) => {
    const result = await window.axe.run(document, options);
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target.map(String).join(' '),
        html: n.html.length > 200 ? `${n.html.slice(0, 200)}…` : n.html,
        summary: (n.failureSummary || '').replace(/\s+/g, ' ').trim(),
      })),
    }));
  }, AXE_OPTIONS);
}

/** One readable block per violation: rule, impact, help, then every element with its message. */
export function describeViolations(label, violations) {
  return violations.map((v) => [
    `[${label}] ${v.id} (${v.impact}): ${v.help} — ${v.helpUrl}`,
    ...v.nodes.map((n) => `    ${n.target}\n      ${n.html}\n      ${n.summary}`),
  ].join('\n')).join('\n');
}

