// Untrusted feed content must never run script: native titles are plain text,
// native markdown drops unsafe URLs, and GitLab's pre-rendered HTML (whose
// comments anyone who can view the issue can get published) is sanitised.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  useServersAndBrowser, config, withPage, waitForView, textOf, DEMO_NOW,
} from './support/app.mjs';
import {
  gitlabIncident, putGitlabBucket, nativeIncident, nativeUpdate, putNativeBucket,
} from './support/fixtures.mjs';

let nativeApp;
let gitlabApp;
const env = useServersAndBrowser(async () => {
  const srv = env.srv;
  nativeApp = srv.deployApp('native', config({
    title: 'XSS native',
    format: 'sitrep',
    data_url: putNativeBucket(srv, 'native', nativeBucket(), {
      components: [
        { id: 'api', name: '<img src=x onerror="window.__pwned=1">API' },
        { id: 'web', name: '<script>window.__pwned=1</script>Web' },
      ],
    }),
  }));
  gitlabApp = srv.deployApp('gitlab', config({
    title: 'XSS GitLab',
    format: 'auto',
    data_url: putGitlabBucket(srv, 'gitlab', gitlabBucket()),
  }));
});

// Payloads set window.__pwned, call alert() (seen as a dialog) or call the
// __xss binding (seen even from another document or frame).
const HTML_PAYLOADS = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=1">',
  '<img src=x onerror=alert(1)>',
  '<svg onload="window.__pwned=1"></svg>',
  '<svg><script>window.__pwned=1</script></svg>',
  '<iframe src="javascript:window.__pwned=1;__xss(\'iframe\')"></iframe>',
  '<iframe srcdoc="<script>parent.__pwned=1;__xss(\'srcdoc\')</script>"></iframe>',
  '<details open ontoggle="window.__pwned=1"><summary>s</summary></details>',
  '<input autofocus onfocus="window.__pwned=1">',
  '<object data="javascript:__xss(\'object\')"></object>',
  '<embed src="javascript:__xss(\'embed\')">',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned=1"></style></mglyph></table></mtext></math>',
  '<form action="javascript:__xss(\'form\')"><button id="xss-submit">go</button></form>',
  '<base href="javascript:/">',
  '<meta http-equiv="refresh" content="0;url=javascript:__xss(\'meta\')">',
];

const MARKDOWN_PAYLOADS = [
  '[x](javascript:window.__pwned=1)',
  '[upper](JaVaScRiPt:window.__pwned=1)',
  '[spaced](<  javascript:window.__pwned=1>)',
  '[encoded](java&#115;cript:window.__pwned=1)',
  '[tab](java\tscript:window.__pwned=1)',
  '[data](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX19wd25lZD0xPC9zY3JpcHQ+)',
  '[vb](vbscript:msgbox(1))',
  '![img](javascript:window.__pwned=1)',
  '<javascript:window.__pwned=1>',
  '[ref link][r]\n\n[r]: javascript:window.__pwned=1',
  '[external docs](https://example.com/docs)',
  'Bare link https://example.org/page in text.',
];

const NATIVE_MARKDOWN = [...MARKDOWN_PAYLOADS, ...HTML_PAYLOADS].join('\n\n');

function nativeBucket() {
  return [
    nativeIncident({
      id: 'xss-active',
      title: '<script>window.__pwned=1</script> <img src=x onerror="window.__pwned=1">',
      status: 'identified',
      impact: 'major',
      components: ['api', '<svg onload=window.__pwned=1>'],
      started_at: '2026-11-23T07:00:00Z',
      updated_at: '2026-11-23T08:00:00Z',
      latest_update: '<img src=x onerror="window.__pwned=1"> [x](javascript:window.__pwned=1)',
      description: `Description with payloads.\n\n${NATIVE_MARKDOWN}`,
      updates: [
        nativeUpdate({ id: 'u1', status: 'investigating', at: '2026-11-23T07:10:00Z', body: `First update.\n\n${NATIVE_MARKDOWN}` }),
        nativeUpdate({ id: 'u2', status: 'identified', at: '2026-11-23T08:00:00Z', body: `Second update.\n\n${MARKDOWN_PAYLOADS.join(' ')}` }),
      ],
    }),
    nativeIncident({
      id: 'xss-old',
      title: '<iframe src="javascript:window.__pwned=1"></iframe>',
      status: 'resolved',
      impact: 'minor',
      components: ['api'],
      started_at: '2026-11-20T07:00:00Z',
      updated_at: '2026-11-20T08:00:00Z',
      resolved_at: '2026-11-20T08:00:00Z',
      description: NATIVE_MARKDOWN,
      updates: [nativeUpdate({ id: 'fix', status: 'resolved', at: '2026-11-20T08:00:00Z', body: NATIVE_MARKDOWN })],
    }),
  ];
}

const GITLAB_HTML = [
  '<p data-sourcepos="1:1-1:20" dir="auto">Pre-rendered payloads follow.</p>',
  '<p><img src=x onerror="window.__pwned=1"></p>',
  '<p><a href="javascript:window.__pwned=1">plain js link</a></p>',
  '<p><a href="JaVaScRiPt:window.__pwned=1">mixed case js link</a></p>',
  '<p><a href="&#106;avascript:window.__pwned=1">entity js link</a></p>',
  '<p><a href=" javascript:window.__pwned=1">spaced js link</a></p>',
  '<p><a href="java&#x09;script:window.__pwned=1">tab js link</a></p>',
  '<p><a href="data:text/html,&lt;script&gt;__xss(\'data\')&lt;/script&gt;">data link</a></p>',
  '<p><a href="https://example.com/runbook" onclick="window.__pwned=1">external runbook</a></p>',
  '<p><a href="https://example.net/blank" target="_blank">blank target</a></p>',
  '<svg><a xlink:href="javascript:window.__pwned=1"><text x="10" y="20">svg link</text></a></svg>',
  '<script>window.__pwned=1</script>',
  ...HTML_PAYLOADS,
].join('\n');

function gitlabBucket() {
  return [
    gitlabIncident({
      iid: 11,
      title: '<img src=x onerror="window.__pwned=1"><gl-emoji title="warning" data-name="warning" data-unicode-version="4.0">⚠</gl-emoji> Payload title <script>window.__pwned=1</script>',
      status: 'opened',
      description: GITLAB_HTML,
      comments: [
        { note: GITLAB_HTML, created_at: '2026-11-23T07:10:00.000Z' },
        { note: '<p dir="auto"><a href="JaVaScRiPt:alert(1)">click me</a> <img src=x onerror=alert(1)></p>', created_at: '2026-11-23T07:20:00.000Z' },
      ],
      created_at: '2026-11-23T07:00:00.000Z',
      updated_at: '2026-11-23T07:20:00.000Z',
    }),
    gitlabIncident({
      iid: 12,
      title: '<a href="javascript:window.__pwned=1">title link</a>',
      status: 'closed',
      description: '<p><svg onload="window.__pwned=1"></svg></p>',
      comments: [],
      created_at: '2026-11-21T07:00:00.000Z',
      updated_at: '2026-11-21T09:00:00.000Z',
    }),
  ];
}

/** Opens a page that reports every way a payload could show it ran. */
async function withWatchedPage(fn) {
  await withPage(env, { clock: DEMO_NOW }, async (session) => {
    const { context, page } = session;
    const xssCalls = [];
    const offsite = [];
    const popups = [];
    await context.exposeBinding('__xss', (_source, label) => { xssCalls.push(String(label)); });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (/^https?:\/\/127\.0\.0\.1[:/]/.test(url)) return route.continue();
      offsite.push(url);
      return route.abort();
    });
    context.on('page', (p) => { popups.push(p.url()); p.close().catch(() => {}); });
    const verdict = async (where) => {
      const pwned = await page.evaluate(() => window.__pwned).catch((e) => `page gone: ${e.message}`);
      assert.equal(pwned, undefined, `window.__pwned is set (${where})`);
      assert.deepEqual(session.dialogs, [], `no dialog may open (${where})`);
      assert.deepEqual(xssCalls, [], `no payload may call out (${where})`);
    };
    await fn({ ...session, verdict, offsite, popups });
  });
}

/** Elements or attributes in <main> that could run script. */
async function dangerousMarkup(page) {
  return page.evaluate(() => {
    const found = [];
    const main = document.querySelector('main');
    if (!main) return ['<main> missing'];
    const badTags = new Set(['script', 'iframe', 'frame', 'object', 'embed', 'base', 'meta', 'applet']);
    const urlAttrs = new Set(['href', 'xlink:href', 'src', 'action', 'formaction', 'data', 'poster', 'background', 'srcset', 'ping']);
    for (const el of main.querySelectorAll('*')) {
      const tag = el.localName.toLowerCase();
      if (badTags.has(tag)) found.push(`<${tag}> ${el.outerHTML.slice(0, 80)}`);
      for (const attr of el.attributes) {
        const name = attr.name.toLowerCase();
        if (name.startsWith('on')) found.push(`${tag}[${name}="${attr.value.slice(0, 40)}"]`);
        if (name === 'srcdoc') found.push(`${tag}[srcdoc]`);
        if (urlAttrs.has(name)) {
          const v = attr.value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
          if (/^(javascript|vbscript|data:text\/html|data:image\/svg)/.test(v) || v.startsWith('javascript:')) {
            found.push(`${tag}[${name}="${attr.value.slice(0, 40)}"]`);
          }
        }
      }
    }
    return found;
  });
}

/** External links in rich text that lack rel="noopener noreferrer". */
async function externalLinks(page) {
  return page.evaluate(() => {
    const links = [];
    for (const a of document.querySelectorAll('main .rich-text a[href]')) {
      let url;
      try { url = new URL(a.getAttribute('href'), document.baseURI); } catch { continue; }
      if (!/^https?:$/.test(url.protocol) || url.origin === location.origin) continue;
      const rel = (a.getAttribute('rel') || '').toLowerCase().split(/\s+/);
      links.push({ href: url.href, ok: rel.includes('noopener') && rel.includes('noreferrer'), rel: a.getAttribute('rel') });
    }
    return links;
  });
}

/**
 * Clicks every link inside .rich-text. Links to http(s) and other real URLs are
 * stopped before they navigate (and recorded); javascript: URLs, if any
 * survived, are left to run so the verdict sees them.
 */
async function clickEveryRichTextLink(page, url, verdict) {
  const count = await page.locator('main .rich-text a').count();
  for (let i = 0; i < count; i++) {
    if (page.url() !== url) {
      await page.goto(url);
      await waitForView(page, 'article.incident-detail');
    }
    await page.evaluate(() => {
      if (window.__clickGuard) return;
      window.__clickGuard = true;
      window.__stoppedLinks = [];
      window.addEventListener('click', (event) => {
        const a = event.target instanceof Element && event.target.closest('a');
        if (!a) return;
        const raw = a.getAttribute('href') ?? a.getAttribute('xlink:href');
        if (raw == null) return;
        let protocol = '';
        try { protocol = new URL(raw, document.baseURI).protocol; } catch {}
        if (protocol !== 'javascript:') {
          window.__stoppedLinks.push(raw);
          event.preventDefault();
        }
      }, true);
    });
    const link = page.locator('main .rich-text a').nth(i);
    try {
      await link.click({ force: true, timeout: 2000, noWaitAfter: true });
    } catch {
      await link.evaluate((a) => a.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: window })))
        .catch(() => {});
    }
    await page.waitForTimeout(150);
    await verdict(`after clicking rich-text link #${i} on ${url}`);
  }
  return count;
}

test('native: payloads in titles, components, markdown bodies never run', { timeout: 120_000 }, async () => {
  await withWatchedPage(async ({ page, verdict, offsite, popups }) => {
    await page.goto(nativeApp);
    await waitForView(page, 'li.incident-row[data-incident-id="xss-active"]');
    await page.waitForTimeout(300);
    await verdict('native list');
    assert.deepEqual(await dangerousMarkup(page), [], 'no script-capable markup in the list');
    const rowTitle = await textOf(page.locator('li.incident-row[data-incident-id="xss-active"] a.incident-link'));
    assert.ok(rowTitle.includes('<script>window.__pwned=1</script>'), `plain-text title is shown as text: ${rowTitle}`);

    for (const id of ['xss-active', 'xss-old']) {
      const url = `${nativeApp}?incident=${id}`;
      await page.goto(url);
      const article = await waitForView(page, `article.incident-detail[data-incident-id="${id}"]`);
      await page.waitForTimeout(300);
      await verdict(`native detail ${id}`);
      assert.deepEqual(await dangerousMarkup(page), [], `no script-capable markup in detail ${id}`);
      const desc = await textOf(article.locator('.description.rich-text'));
      assert.ok(desc.length > 0, 'description rendered');
      const links = await externalLinks(page);
      assert.ok(links.length >= 2, `external links are rendered (${links.length})`);
      assert.deepEqual(links.filter((l) => !l.ok), [], 'external links carry rel="noopener noreferrer"');
      const clicked = await clickEveryRichTextLink(page, url, verdict);
      assert.ok(clicked >= 2, `clicked ${clicked} links`);
    }
    assert.deepEqual(popups, [], 'no window was opened');
    assert.ok(offsite.every((u) => /^https:\/\/example\.(com|org|net)\//.test(u)), `only the test's external links were requested: ${offsite}`);
  });
});

test('GitLab: pre-rendered HTML is sanitised before it reaches the page', { timeout: 120_000 }, async () => {
  await withWatchedPage(async ({ page, verdict, popups }) => {
    await page.goto(gitlabApp);
    await waitForView(page, 'li.incident-row[data-incident-id="11"]');
    await page.waitForTimeout(300);
    await verdict('GitLab list');
    assert.deepEqual(await dangerousMarkup(page), [], 'no script-capable markup in the list');
    const title = await textOf(page.locator('li.incident-row[data-incident-id="11"] a.incident-link'));
    assert.ok(title.includes('Payload title') && title.includes('⚠'), `title text survives sanitising: ${title}`);

    for (const iid of ['11', '12']) {
      const url = `${gitlabApp}?incident=${iid}`;
      await page.goto(url);
      const article = await waitForView(page, `article.incident-detail[data-incident-id="${iid}"]`);
      await page.waitForTimeout(300);
      await verdict(`GitLab detail ${iid}`);
      assert.deepEqual(await dangerousMarkup(page), [], `no script-capable markup in detail ${iid}`);
      if (iid === '11') {
        assert.match(await textOf(article.locator('.description.rich-text')), /Pre-rendered payloads follow/);
        assert.equal(await article.locator('ol.timeline > li.update').count(), 2, 'both comments are shown');
        const links = await externalLinks(page);
        assert.ok(links.length >= 2, `external links are kept (${links.length})`);
        assert.deepEqual(links.filter((l) => !l.ok), [], 'external links carry rel="noopener noreferrer"');
      }
      await clickEveryRichTextLink(page, url, verdict);
      // Submitting a sanitised form must not run anything either.
      const submit = page.locator('main .rich-text button#xss-submit, main .rich-text form button').first();
      if (await submit.count()) {
        await submit.click({ force: true, timeout: 2000, noWaitAfter: true }).catch(() => {});
        await page.waitForTimeout(150);
        await verdict(`GitLab detail ${iid} after submitting a form`);
      }
    }
    assert.deepEqual(popups, [], 'no window was opened');
  });
});

test('hostile ids and legacy hashes in the URL do nothing', { timeout: 60_000 }, async () => {
  const mark = env.srv.mark();
  await withWatchedPage(async ({ page, verdict }) => {
    const hostile = [
      `${gitlabApp}?incident=${encodeURIComponent('<img src=x onerror=alert(1)>')}`,
      `${gitlabApp}?incident=${encodeURIComponent('../../evil')}`,
      `${gitlabApp}?incident=11#${encodeURIComponent('<img src=x onerror=alert(1)>')}`,
      `${gitlabApp}#/data%2Fincident%2F..%2F..%2Fevil.json`,
      `${gitlabApp}#/data%2Fincident%2F%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E.json`,
      `${gitlabApp}#javascript:alert(1)`,
    ];
    for (const url of hostile) {
      await page.goto(url);
      // Not found or an error are both fine answers; running the payload is not.
      await waitForView(page, '#overall-status, article.incident-detail, .not-found, .error-panel');
      await page.waitForTimeout(200);
      await verdict(url);
      assert.deepEqual(await dangerousMarkup(page), [], `no script-capable markup at ${url}`);
    }
  });
  const odd = env.srv.requestsSince(mark, 'data').filter((r) => /evil|%3C|<|\.\./i.test(r.uri));
  assert.deepEqual(odd.map((r) => r.uri), [], 'hostile ids never become requests');
});
