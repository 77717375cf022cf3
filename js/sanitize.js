// Sanitises untrusted feed HTML with DOMPurify. Both DOMPurify and sitrep's policy for it
// (js/sanitize-policy.js) are fetched the first time feed HTML is shown (most lists have none,
// so a first visit does not pay for them); until then an element gets the HTML's text.

let policy = null;
let loading = null;

/// Fetches the policy and DOMPurify once, side by side; resolves when they are ready. A failed
/// fetch is tried again on the next call. scripts/postbuild.mjs points the imports at the
/// content-hashed files it writes.
export function load_sanitizer() {
  loading ??= Promise.all([import('./sanitize-policy.js'), import('./purify.js')]).then(
    ([loaded, { default: purify }]) => {
      loaded.configure(purify);
      policy = loaded;
    },
    (error) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

export function sanitizer_ready() {
  return policy !== null;
}

/// Fills `element` with the sanitised `html`, or with its text while the sanitiser is not ready
/// (fail closed: nothing of it runs).
export function sanitize_into(element, html, resolve, inline) {
  if (policy) element.replaceChildren(policy.sanitize(html, resolve, inline));
  else element.textContent = html_to_text(html);
}

/// The text of untrusted HTML. DOMParser documents are inert: nothing runs or loads.
export function html_to_text(html) {
  return new DOMParser().parseFromString(html, 'text/html').body.textContent ?? '';
}
