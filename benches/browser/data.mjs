// Generated benchmark data, valid per docs/feed-format.md (sitrep format, version 1), and the
// static reference page: the same incidents as hand-written HTML with the app's stylesheet.
// Everything is deterministic for a given `now`.

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** xorshift32: the same sequence on every run. */
export function rng(seed) {
  let x = seed >>> 0 || 1;
  const next = () => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x;
  };
  return {
    below: (n) => next() % n,
    pick: (items) => items[next() % items.length],
  };
}

export const COMPONENTS = [
  { id: 'api', name: 'Public API' },
  { id: 'dashboard', name: 'Dashboard' },
  { id: 'database', name: 'Database cluster' },
  { id: 'webhooks', name: 'Webhooks' },
  { id: 'cdn', name: 'CDN' },
  { id: 'auth', name: 'Single sign-on' },
];

const SUBJECTS = [
  'Elevated error rates on the Public API',
  'Dashboard sign-in page slow to load',
  'Webhooks delivered late',
  'Write errors during database failover',
  'CDN serving stale assets in Europe',
  'Single sign-on failures for some organisations',
  'Delayed notification emails',
  'Build queue backlog',
];

const WORDS = ('requests gateway region latency deploy rollback queue workers customers retries '
  + 'database replica cache certificate endpoint traffic timeouts backlog recovered monitoring '
  + 'investigating the a of to and is are we some').split(' ');

function sentence(r, count) {
  const words = Array.from({ length: count }, () => r.pick(WORDS));
  words[0] = words[0][0].toUpperCase() + words[0].slice(1);
  return `${words.join(' ')}.`;
}

const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');

/**
 * A native list file with `count` incidents: two open incidents, one maintenance in
 * progress and one scheduled, the rest resolved, one every 7 hours going back from `now`.
 * The last entry (in the file and on the page) is `inc-<count-1>`.
 */
export function nativeList(count, { now, seed = 1 } = {}) {
  const r = rng(seed);
  const incidents = [];
  for (let i = 0; i < count; i++) {
    const id = `inc-${String(i).padStart(5, '0')}`;
    const started = now - (i + 1) * 7 * HOUR;
    const base = {
      id,
      title: `${r.pick(SUBJECTS)} (#${i})`,
      components: [r.pick(COMPONENTS).id],
    };
    if (i === 2 || i === 3) {
      // Maintenance: one under way, one next week.
      const start = i === 2 ? now - HOUR : now + 72 * HOUR;
      incidents.push({
        ...base,
        kind: 'maintenance',
        status: i === 2 ? 'in_progress' : 'scheduled',
        impact: 'none',
        updated_at: iso(now - 2 * HOUR),
        scheduled_start: iso(start),
        scheduled_end: iso(start + 3 * HOUR),
        latest_update: sentence(r, 10),
      });
      continue;
    }
    const open = i < 2;
    const updated = open ? now - 10 * MINUTE : started + (1 + r.below(5)) * HOUR;
    incidents.push({
      ...base,
      status: open ? (i === 0 ? 'identified' : 'investigating') : 'resolved',
      impact: r.pick(['minor', 'major', 'critical']),
      started_at: iso(started),
      updated_at: iso(updated),
      ...(open ? {} : { resolved_at: iso(updated) }),
      latest_update: sentence(r, 12),
    });
  }
  return { sitrep: 1, generated_at: iso(now), components: COMPONENTS, incidents };
}

/** One update body of about 400 bytes, using the markdown the format allows. */
function markdownBody(r, i) {
  let body = `${sentence(r, 10)} Requests to \`/v2/deployments\` fail with **502** in *eu-west-${i % 3 + 1}*.`;
  switch (i % 5) {
    case 0:
      body += `\n\n| Region | Error rate |\n| --- | ---: |\n| eu-west-1 | ${r.below(20)}.${r.below(10)}% |\n| us-east-1 | ${r.below(9)}.0% |`;
      break;
    case 1:
      body += `\n\n- ${sentence(r, 6)}\n- ${sentence(r, 5)}\n- [x] ${sentence(r, 4)}`;
      break;
    case 2:
      body += `\n\nDetails: https://docs.example.com/incidents/${i} or write to support@example.com.`;
      break;
    case 3:
      body += `\n\n\`\`\`\nERR_READ_ONLY: write rejected on node db-${r.below(8)}\n\`\`\``;
      break;
    default:
      body += `\n\n![Error rate](data/incident/big/graph-${i}.png) See [the runbook](https://runbooks.example.com/${i}).`;
  }
  return `${body}\n\n${sentence(r, 30)}`;
}

/**
 * A native detail file with `updates` updates (ids u0…u<n-1>, u0 the oldest, so it is the last
 * on the page) of about 400 bytes of markdown each.
 */
export function nativeDetail(id, updates, { now, seed = 2 } = {}) {
  const r = rng(seed);
  const start = now - updates * 10 * MINUTE - HOUR;
  const items = Array.from({ length: updates }, (_, i) => ({
    id: `u${i}`,
    status: i === 0 ? 'investigating' : i < updates / 2 ? 'identified' : 'monitoring',
    at: iso(start + i * 10 * MINUTE),
    body: markdownBody(r, i),
  }));
  return {
    sitrep: 1,
    id,
    title: 'A long incident with many updates',
    status: 'monitoring',
    impact: 'major',
    components: ['api'],
    started_at: iso(start),
    updated_at: iso(start + (updates - 1) * 10 * MINUTE),
    latest_update: 'Still monitoring.',
    description: `Some requests fail with \`502 Bad Gateway\`. See https://docs.example.com/api.\n\n${sentence(r, 40)}`,
    updates: items,
  };
}

/** Bytes of markdown in a detail file (description and update bodies). */
export function markdownBytes(detail) {
  return [detail.description, ...detail.updates.map((u) => u.body)]
    .reduce((n, s) => n + Buffer.byteLength(s), 0);
}

// ---------------------------------------------------------------- static reference page

const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const STATUS_LABELS = {
  investigating: 'Investigating', identified: 'Identified', monitoring: 'Monitoring', resolved: 'Resolved',
  scheduled: 'Scheduled', in_progress: 'In progress', completed: 'Completed',
};
const IMPACT_LABELS = { none: 'No impact', minor: 'Minor impact', major: 'Major impact', critical: 'Critical impact' };

function shortTime(value) {
  const d = new Date(value);
  const hm = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${hm}`;
}

function timeEl(value) {
  return `<time datetime="${esc(value)}">${esc(shortTime(value))}</time>`;
}

function row(inc, componentNames) {
  const status = inc.status.replace('_', '-');
  const closed = inc.status === 'resolved' || inc.status === 'completed';
  const when = inc.kind === 'maintenance'
    ? `<span class="meta-item">Window ${timeEl(inc.scheduled_start)} – ${timeEl(inc.scheduled_end)}</span>`
    : `<span class="meta-item">Started ${timeEl(inc.started_at)}</span>`;
  const affects = (inc.components || []).map((c) => componentNames[c] || c).join(', ');
  return `<li class="incident-row status--${status}" data-incident-id="${esc(inc.id)}"><div class="row-head">`
    + `<a class="incident-link" href="?incident=${esc(inc.id)}"><span class="incident-link-text">${esc(inc.title)}</span></a>`
    + `<span class="status-badge status--${status}"><span class="status-icon" aria-hidden="true"></span>${STATUS_LABELS[inc.status]}</span>`
    + (closed || !inc.impact ? '' : `<span class="impact-badge impact--${inc.impact}">${IMPACT_LABELS[inc.impact]}</span>`)
    + `</div><p class="row-meta">${when}<span class="meta-item">Updated ${timeEl(inc.updated_at)}</span>`
    + (affects ? `<span class="meta-item">Affects ${esc(affects)}</span>` : '')
    + `</p>${inc.latest_update ? `<p class="latest-update">${esc(inc.latest_update)}</p>` : ''}</li>`;
}

const DAY_MS = 86_400_000;
const CELL_STATES = [
  [(i) => i.kind === 'maintenance', 'under-maintenance', 'Under maintenance'],
  [(i) => i.impact === 'minor', 'degraded-performance', 'Degraded performance'],
  [(i) => i.impact === 'major', 'partial-outage', 'Partial outage'],
  [(i) => i.impact === 'critical', 'major-outage', 'Major outage'],
];

/**
 * The components panel as a static page generator would write it: each component with 90
 * day cells (UTC days up to `now`), a cell coloured by the worst incident touching that day.
 */
function componentsPanel(list, now) {
  const today = Math.floor(Date.parse(now) / DAY_MS);
  const rows = (list.components || []).map((c) => {
    const cells = [];
    for (let day = today - 89; day <= today; day++) {
      const from = day * DAY_MS;
      const touching = list.incidents.filter((i) => (i.components || []).includes(c.id)
        && Date.parse(i.started_at ?? i.scheduled_start) < from + DAY_MS
        && Date.parse(i.resolved_at ?? i.scheduled_end ?? now) >= from);
      let state = ['operational', 'Operational'];
      for (const [hit, key, label] of CELL_STATES) if (touching.some(hit)) state = [key, label];
      const date = new Date(from).toISOString().slice(0, 10);
      cells.push(`<span class="cell component--${state[0]}" aria-label="${date}: ${state[1]}"></span>`);
    }
    return `<li><div class="component-row"><span class="component-name">${esc(c.name)}</span>`
      + '<span class="component-status component--operational"><span class="status-icon" aria-hidden="true"></span>Operational</span></div>'
      + `<div class="history-bar"><div class="cells" role="group" aria-label="${esc(c.name)}: the last 90 days">${cells.join('')}</div></div></li>`;
  });
  return rows.length === 0 ? '' : '<section class="components" aria-labelledby="components-heading"><h2 id="components-heading">Components</h2>'
    + `<ul class="component-list">${rows.join('')}</ul></section>`;
}

/**
 * The physical limit for "first incident visible": the list page as plain HTML, no script,
 * with the app's own stylesheet (`cssHref`) and the same markup and classes the app renders,
 * the components panel's 90-day bars included.
 */
export function staticReferencePage(list, { title, cssHref, now }) {
  const names = Object.fromEntries((list.components || []).map((c) => [c.id, c.name]));
  const open = (i) => i.kind !== 'maintenance' && i.status !== 'resolved';
  const maint = (i) => i.kind === 'maintenance' && i.status !== 'completed';
  const active = list.incidents.filter(open);
  const maintenance = list.incidents.filter(maint);
  const history = list.incidents.filter((i) => !open(i) && !maint(i));
  const days = [];
  for (const inc of history) {
    const day = inc.started_at.slice(0, 10);
    if (days.at(-1)?.day !== day) days.push({ day, incidents: [] });
    days.at(-1).incidents.push(inc);
  }
  const section = (cls, heading, items) => items.length === 0 ? '' :
    `<section class="${cls}" aria-labelledby="${cls}-heading"><h2 id="${cls}-heading">${heading}</h2>`
    + `<ul class="incident-list">${items.map((i) => row(i, names)).join('')}</ul></section>`;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="color-scheme" content="light dark">
  <title>(${active.length}) ${esc(title)}</title>
  <link rel="stylesheet" href="${esc(cssHref)}">
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header"><div class="wrap header-row"><a class="brand" href="./"><span class="site-title">${esc(title)}</span></a></div></header>
<main class="wrap" id="main" tabindex="-1">
<section class="overall overall--major" id="overall-status" role="status"><span class="overall-icon" aria-hidden="true"></span><div><h1 tabindex="-1">Major outage</h1><p>${active.length} incidents are open.</p></div></section>
${section('active-incidents', 'Active incidents', active)}
${section('maintenance', 'Scheduled maintenance', maintenance)}
${componentsPanel(list, now)}
<section class="history" aria-labelledby="history-heading"><h2 id="history-heading">Past incidents</h2>
${days.map((d) => `<section class="day"><h3><time datetime="${d.day}">${d.day}</time></h3><ul class="incident-list">${d.incidents.map((i) => row(i, names)).join('')}</ul></section>`).join('\n')}
</section>
</main>
</body>
</html>
`;
}

/**
 * `list` with `count` components in groups of five, its incidents spread over them: the
 * components panel at the size a large status page has.
 */
export function withManyComponents(list, count) {
  const components = Array.from({ length: count }, (_, i) => ({
    id: `c${String(i).padStart(2, '0')}`,
    name: `Component ${i + 1}`,
    group: `Group ${Math.floor(i / 5) + 1}`,
  }));
  const incidents = list.incidents.map((incident, i) => ({ ...incident, components: [components[i % count].id] }));
  return { ...list, components, incidents };
}
