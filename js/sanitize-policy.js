// sitrep's policy for DOMPurify, fetched with it (js/sanitize.js): what feed HTML may keep.
// Every href/src is passed to sitrep's URL policy (`resolve`, from Rust): unsafe URLs are
// removed and relative ones resolved against the bucket root.

// Block content (descriptions, updates). No forms or styles: feed text must not be able to
// draw over the page or ask readers for input.
const BLOCK = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['style', 'form', 'button', 'select', 'textarea', 'dialog', 'template'],
  // Also nothing that reaches the top layer (popover) or takes focus and keyboard order.
  FORBID_ATTR: ['style', 'class', 'srcset', 'popover', 'popovertarget', 'popovertargetaction',
    'autofocus', 'tabindex', 'accesskey'],
  // Feed ids are prefixed so they cannot collide with the page's own or clobber globals.
  SANITIZE_NAMED_PROPS: true,
};

// Titles: inline formatting only. GitLab titles carry <gl-emoji> and <code>.
const INLINE = {
  ALLOWED_TAGS: ['b', 'strong', 'i', 'em', 'code', 's', 'del', 'sub', 'sup', 'span', 'gl-emoji'],
  ALLOWED_ATTR: ['title'],
};

let resolveUrl = null;

// The one class feed HTML may carry: a markdown table column's alignment, on its cells (inline
// styles are forbidden by the CSP). Anything else in `class` could borrow the page's styles.
const CELL_ALIGNMENT = new Set(['align-left', 'align-center', 'align-right']);

function classHook(node, data) {
  if (data.attrName !== 'class') return;
  const cell = node.tagName === 'TD' || node.tagName === 'TH';
  if (cell && CELL_ALIGNMENT.has(data.attrValue)) data.forceKeepAttr = true;
  else data.keepAttr = false;
}

function policyHook(node) {
  for (const name of ['href', 'src']) {
    if (!node.hasAttribute(name)) continue;
    let value = node.getAttribute(name);
    if (value.startsWith('#') && !value.startsWith('#user-content-')) {
      // Fragment links must follow the ids prefixed by SANITIZE_NAMED_PROPS.
      value = '#user-content-' + value.slice(1);
    }
    const resolved = resolveUrl ? resolveUrl(value) : undefined;
    if (resolved === undefined || resolved === null) node.removeAttribute(name);
    else node.setAttribute(name, resolved);
  }
  if (node.tagName === 'A' && node.hasAttribute('href') && !node.getAttribute('href').startsWith('#')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
  if (node.tagName === 'IMG') {
    node.setAttribute('loading', 'lazy');
    node.setAttribute('decoding', 'async');
  }
  if (node.tagName === 'INPUT') {
    // Only markdown task-list boxes, and never editable.
    node.setAttribute('type', 'checkbox');
    node.setAttribute('disabled', '');
  }
}

// Nodes, not a string: no serialising and re-parsing of every update.
const BLOCK_DOM = { ...BLOCK, RETURN_DOM_FRAGMENT: true };
const INLINE_DOM = { ...INLINE, RETURN_DOM_FRAGMENT: true };

let purify = null;
let configured = null;

/// Installs the hooks on DOMPurify; throws where it cannot work, so the sanitiser stays out.
export function configure(loaded) {
  if (!loaded.isSupported) throw new Error('DOMPurify is not supported by this browser');
  loaded.addHook('afterSanitizeAttributes', policyHook);
  loaded.addHook('uponSanitizeAttribute', classHook);
  purify = loaded;
}

/// The sanitised nodes of `html`, its URLs resolved by `resolve`.
export function sanitize(html, resolve, inline) {
  // Parsing a config is costly (DOMPurify rebuilds its allow lists): only when it changes.
  const config = inline ? INLINE_DOM : BLOCK_DOM;
  if (configured !== config) {
    purify.setConfig(config);
    configured = config;
  }
  resolveUrl = resolve;
  try {
    return purify.sanitize(html);
  } finally {
    resolveUrl = null;
  }
}
