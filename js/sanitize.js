// Sanitises untrusted feed HTML with DOMPurify (purify.min.js, loaded by index.html).
// Every href/src is then passed to sitrep's URL policy (`resolve`, from Rust): unsafe URLs are
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

let hooked = false;

/// Returns sanitised HTML, or undefined when DOMPurify is unavailable (the caller then shows
/// the content as plain text: fail closed).
export function sanitize_html(html, resolve, inline) {
  const purify = globalThis.DOMPurify;
  if (!purify || !purify.isSupported) return undefined;
  if (!hooked) {
    purify.addHook('afterSanitizeAttributes', policyHook);
    hooked = true;
  }
  resolveUrl = resolve;
  try {
    return purify.sanitize(html, inline ? INLINE : BLOCK);
  } finally {
    resolveUrl = null;
  }
}

/// The text of untrusted HTML. DOMParser documents are inert: nothing runs or loads.
export function html_to_text(html) {
  return new DOMParser().parseFromString(html, 'text/html').body.textContent ?? '';
}
