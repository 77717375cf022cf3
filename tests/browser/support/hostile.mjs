// Helpers for the hostile-input browser tests: the injection corpus, and page
// checks that find anything a payload managed to do (run script, open a
// dialog or window, navigate, load a stylesheet or frame, clobber a global,
// draw outside its box or over the page's own text).
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './servers.mjs';

export const VECTORS_FILE = path.join(REPO_ROOT, 'tests', 'fixtures', 'hostile', 'xss-vectors.json');

/**
 * The corpus with `$N` replaced by each vector's 1-based number, so a payload
 * that runs sets window.__pwned (or calls __xss) to the number that names it.
 */
export function loadVectors() {
  const corpus = JSON.parse(fs.readFileSync(VECTORS_FILE, 'utf8'));
  return corpus.vectors.map((v, i) => ({
    ...v,
    n: i + 1,
    payload: v.payload.replaceAll('$N', String(i + 1)),
  }));
}

/** Elements whose whole content is feed HTML (sanitised) or feed text. */
export const FEED_MARKUP = ['.rich-text', '.incident-title-text', '.incident-link-text'].join(', ');

/** Elements that hold text taken from feeds or from config.json, with the page's own markup around it. */
export const FEED_TEXT = [
  '.rich-text',
  '.incident-title-text',
  '.incident-link-text',
  '.latest-update',
  '.row-meta',
  '.facts',
  '.site-title',
  '.error-detail',
  '.archive-button',
].join(', ');

/**
 * Records, for one page, everything that would show a payload at work:
 * calls of the __xss binding (from any frame), windows opened, main-frame
 * navigations away from `appUrl`, and requests leaving 127.0.0.1 (aborted).
 * Call before the first navigation.
 */
export async function watch(session, appUrl) {
  const { context, page } = session;
  const seen = { xss: [], popups: [], navigations: [], offsite: [] };
  await context.exposeBinding('__xss', (_source, label) => { seen.xss.push(String(label)); });
  await context.route('**/*', (route) => {
    const request = route.request();
    const url = request.url();
    if (/^(https?:\/\/127\.0\.0\.1[:/]|data:|blob:)/.test(url)) return route.continue();
    seen.offsite.push({ url, type: request.resourceType(), navigation: request.isNavigationRequest() });
    return route.abort();
  });
  context.on('page', (p) => { seen.popups.push(p.url()); p.close().catch(() => {}); });
  page.on('framenavigated', (frame) => {
    if (frame !== page.mainFrame()) return;
    const url = frame.url();
    if (!url.startsWith(appUrl)) seen.navigations.push(url);
  });
  return seen;
}

/**
 * Problems on the page right now. `vectors` names which payload set
 * window.__pwned; `allowedOffsite` are resource types feed content may load
 * from other hosts (http(s) images and media are allowed by the URL policy).
 */
export async function verdict(session, seen, vectors, { allowedOffsite = ['image', 'media'] } = {}) {
  const { page } = session;
  const problems = [];
  const name = (n) => {
    const v = vectors.find((x) => String(x.n) === String(n));
    return v ? `${v.id} ${JSON.stringify(v.payload).slice(0, 80)}` : String(n);
  };
  for (const frame of page.frames()) {
    const value = await frame.evaluate(() => {
      const v = window.__pwned;
      if (v === undefined) return undefined;
      return typeof v === 'object' || typeof v === 'function' ? `clobbered by ${Object.prototype.toString.call(v)}` : String(v);
    }).catch(() => undefined);
    if (value !== undefined) problems.push(`window.__pwned = ${value} in ${frame.url().slice(0, 80)}: ${name(value)}`);
  }
  for (const label of seen.xss) problems.push(`__xss called: ${name(label)}`);
  for (const d of session.dialogs) problems.push(`dialog ${d.type}: ${d.message} (${name(d.message)})`);
  for (const url of seen.popups) problems.push(`window opened: ${url}`);
  for (const url of seen.navigations) problems.push(`navigated away to ${url}`);
  for (const r of seen.offsite) {
    if (r.navigation || !allowedOffsite.includes(r.type)) problems.push(`offsite ${r.type} request: ${r.url}`);
  }
  return problems;
}

/**
 * Markup in feed text that could run script, load something it should not,
 * or pose as the page: script-capable elements, event handlers, URLs with a
 * scheme other than http(s)/mailto, inline styles and classes, ids and names
 * that are not prefixed.
 */
export async function markupProblems(page) {
  const found = await page.evaluate(([FEED_MARKUP, FEED_TEXT]) => {
    const found = [];
    const badTags = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'meta', 'link',
      'style', 'form', 'button', 'select', 'textarea', 'dialog', 'template', 'svg', 'math', 'portal', 'fencedframe',
      'noscript', 'noembed', 'noframes', 'xmp', 'plaintext', 'title', 'isindex']);
    const urlAttrs = new Set(['href', 'xlink:href', 'src', 'action', 'formaction', 'data', 'poster', 'background', 'srcset', 'ping', 'codebase', 'cite']);
    for (const container of document.querySelectorAll(FEED_MARKUP)) {
      for (const el of container.querySelectorAll('*')) {
        const tag = el.localName.toLowerCase();
        const where = `<${tag}> in .${[...container.classList].join('.')}`;
        if (badTags.has(tag)) found.push(`${where}: ${el.outerHTML.slice(0, 100)}`);
        if (el.namespaceURI !== 'http://www.w3.org/1999/xhtml') found.push(`${where}: foreign namespace ${el.namespaceURI}`);
        for (const attr of el.attributes) {
          const n = attr.name.toLowerCase();
          if (n.startsWith('on')) found.push(`${where}[${n}]`);
          if (['style', 'class', 'srcdoc', 'autofocus', 'formaction', 'target'].includes(n) && !(n === 'target' && attr.value === '_blank')) found.push(`${where}[${n}="${attr.value.slice(0, 40)}"]`);
          // Popovers live in the top layer, above the page and outside any clipping box.
          if (['popover', 'popovertarget', 'popovertargetaction', 'interestfor', 'commandfor', 'command', 'anchor'].includes(n)) found.push(`${where}[${n}="${attr.value.slice(0, 40)}"] (top-layer UI that can draw over the page)`);
          if ((n === 'id' || n === 'name') && !attr.value.startsWith('user-content-')) found.push(`${where}[${n}="${attr.value.slice(0, 40)}"] is not prefixed`);
          if (urlAttrs.has(n)) {
            let protocol;
            try { protocol = new URL(attr.value, document.baseURI).protocol; } catch { protocol = 'invalid'; }
            if (!['http:', 'https:', 'mailto:'].includes(protocol)) found.push(`${where}[${n}="${attr.value.slice(0, 60)}"] (${protocol})`);
          }
        }
      }
    }
    // The page's own landmarks must still be the page's.
    const main = document.getElementById('main');
    if (!main || main.localName !== 'main') found.push(`#main is ${main ? main.outerHTML.slice(0, 60) : 'missing'}`);
    const banner = document.getElementById('overall-status');
    if (banner && banner.closest(FEED_TEXT)) found.push('#overall-status comes from feed text');
    if (document.querySelector('base')) found.push('<base> in the document');
    if ([...document.querySelectorAll('meta[http-equiv]')].length) found.push('<meta http-equiv> in the document');
    if (typeof document.createElement !== 'function' || typeof document.getElementById !== 'function') found.push('document methods clobbered');
    return found;
  }, [FEED_MARKUP, FEED_TEXT]);
  return summarise(found);
}

/** Distinct problems, counted, at most 40 of them. */
function summarise(found) {
  const counts = new Map();
  for (const f of found) counts.set(f, (counts.get(f) || 0) + 1);
  const lines = [...counts].map(([f, n]) => (n > 1 ? `${f} (x${n})` : f));
  return lines.length > 40 ? [...lines.slice(0, 40), `... and ${lines.length - 40} more`] : lines;
}

/**
 * Feed elements drawn outside their box: fixed or sticky positioning, or a
 * visible part (after clipping by overflow) outside the nearest block box
 * that holds the feed text. Also any horizontal scrolling of the page.
 */
export async function containmentProblems(page) {
  const found = await page.evaluate((FEED_TEXT) => {
    const found = [];
    const SLACK = 2;
    const clips = (el) => {
      const cs = getComputedStyle(el);
      return cs.overflowX !== 'visible' || cs.overflowY !== 'visible' || cs.contain.includes('paint');
    };
    const intersect = (a, b) => ({
      left: Math.max(a.left, b.left), top: Math.max(a.top, b.top),
      right: Math.min(a.right, b.right), bottom: Math.min(a.bottom, b.bottom),
    });
    const describe = (el) => `<${el.localName}>${(el.textContent || '').replace(/\s+/g, ' ').slice(0, 40)}`;
    for (const container of document.querySelectorAll(FEED_TEXT)) {
      let box = container;
      while (box.parentElement && getComputedStyle(box).display.startsWith('inline')) box = box.parentElement;
      const outer = box.getBoundingClientRect();
      if (outer.right > document.documentElement.clientWidth + SLACK || outer.left < -SLACK) {
        found.push(`.${[...container.classList].join('.')} box is wider than the page (${Math.round(outer.left)}..${Math.round(outer.right)})`);
      }
      for (const el of container.querySelectorAll('*')) {
        if (el.getClientRects().length === 0) continue; // not rendered (display: none and the like)
        const cs = getComputedStyle(el);
        if (cs.position === 'fixed' || cs.position === 'sticky') found.push(`${describe(el)} has position: ${cs.position}`);
        if (cs.zIndex !== 'auto' && Number(cs.zIndex) > 0) found.push(`${describe(el)} has z-index ${cs.zIndex}`);
        let r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        for (let a = el.parentElement; a; a = a.parentElement) {
          if (clips(a)) r = intersect(r, a.getBoundingClientRect());
          if (a === box) break;
        }
        if (r.right <= r.left || r.bottom <= r.top) continue; // clipped away entirely
        if (r.left < outer.left - SLACK || r.right > outer.right + SLACK || r.top < outer.top - SLACK || r.bottom > outer.bottom + SLACK) {
          found.push(`${describe(el)} escapes its box: [${Math.round(r.left)},${Math.round(r.top)} .. ${Math.round(r.right)},${Math.round(r.bottom)}] outside [${Math.round(outer.left)},${Math.round(outer.top)} .. ${Math.round(outer.right)},${Math.round(outer.bottom)}]`);
        }
      }
    }
    const overflow = document.documentElement.scrollWidth - document.documentElement.clientWidth;
    if (overflow > SLACK) found.push(`the page scrolls sideways by ${overflow}px`);
    return found;
  }, FEED_TEXT);
  return summarise(found);
}

/**
 * The page's own text must be visible and on top: each selector's first match
 * is rendered, not hidden, and hit-testing its centre finds it (not feed text
 * drawn over it).
 */
export async function ownTextProblems(page, selectors) {
  const found = [];
  for (const selector of selectors) {
    const locator = page.locator(selector).first();
    if (await locator.count() === 0) { found.push(`${selector} is missing`); continue; }
    await locator.scrollIntoViewIfNeeded().catch(() => {});
    const problem = await locator.evaluate((el, FEED_TEXT) => {
      const cs = getComputedStyle(el);
      if (cs.display === 'none' || cs.visibility !== 'visible' || Number(cs.opacity) < 0.5) return `is hidden (${cs.display}/${cs.visibility}/${cs.opacity})`;
      if (!(el.innerText || '').trim()) return 'has no text';
      const r = el.getBoundingClientRect();
      if (r.width < 1 || r.height < 1) return 'has no size';
      const x = Math.min(Math.max(r.left + Math.min(r.width / 2, 40), 0), innerWidth - 1);
      const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
      const hit = document.elementFromPoint(x, y);
      if (!hit) return 'is not hit-testable';
      if (hit !== el && !el.contains(hit)) {
        const feed = hit.closest(FEED_TEXT);
        return `is covered by <${hit.localName}>${feed ? ' from feed text' : ''}: ${(hit.textContent || '').slice(0, 40)}`;
      }
      return null;
    }, FEED_TEXT);
    if (problem) found.push(`${selector} ${problem}`);
  }
  return found;
}

/**
 * Scrolls through the whole page so that lazily loaded images load (and fire
 * any error handler a payload might have kept), then back to the top.
 */
export async function scrollThrough(page) {
  await page.evaluate(async () => {
    const step = Math.max(200, innerHeight - 100);
    for (let y = 0; y < document.documentElement.scrollHeight; y += step) {
      window.scrollTo(0, y);
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 15)));
    }
    window.scrollTo(0, 0);
  });
}
