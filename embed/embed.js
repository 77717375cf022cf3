// sitrep embed loader: one <script> tag puts a self-sizing status widget on any page.
//
//   <script src="https://status.example.com/embed.js" async></script>
//   <div data-sitrep-embed data-theme="dark" data-layout="banner"></div>   (optional target)
//
// Options (data-* on the script or the div): theme (auto|light|dark), layout (list|banner),
// transparent ("1"), show ("active,maintenance"), components ("1"), lang. The iframe posts its height and
// status; this script listens only to messages from the status page's own origin and from
// its own frames, and re-dispatches status changes as a "sitrep:status" DOM event.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.src) return;
  var page = new URL('./', script.src);
  var OPTIONS = ['theme', 'layout', 'transparent', 'show', 'components', 'lang'];

  function frameFor(host, data) {
    var url = new URL(page.href);
    url.searchParams.set('embed', '1');
    OPTIONS.forEach(function (name) {
      if (data[name]) url.searchParams.set(name, data[name]);
    });
    var frame = document.createElement('iframe');
    frame.src = url.href;
    frame.title = data.title || 'Service status';
    frame.loading = 'lazy';
    // The frame's color-scheme must match the widget's, or a transparent widget gets an
    // opaque backdrop.
    var scheme = data.theme === 'dark' ? 'dark' : data.theme === 'light' ? 'light' : 'light dark';
    frame.style.cssText = 'display:block;width:100%;height:72px;border:0;color-scheme:' + scheme + ';';
    if (data.transparent) frame.setAttribute('allowtransparency', 'true');
    host.appendChild(frame);
    return frame;
  }

  var frames = [];
  function place() {
    // Targets already filled (the loader included twice) are left alone.
    var targets = document.querySelectorAll('[data-sitrep-embed]:not([data-sitrep-embedded])');
    if (targets.length) {
      targets.forEach(function (el) {
        el.setAttribute('data-sitrep-embedded', '');
        frames.push(frameFor(el, el.dataset));
      });
    } else if (!document.querySelector('[data-sitrep-embedded]')) {
      var holder = document.createElement('div');
      script.parentNode.insertBefore(holder, script.nextSibling);
      frames.push(frameFor(holder, script.dataset));
    }
  }
  // An async script may run before the parser reaches its targets.
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', place);
  else place();

  window.addEventListener('message', function (event) {
    if (event.origin !== page.origin) return;
    var frame = frames.filter(function (f) { return f.contentWindow === event.source; })[0];
    var message = event.data;
    if (!frame || !message || message.version !== 1) return;
    if (message.type === 'sitrep:resize' && typeof message.height === 'number') {
      frame.style.height = Math.max(0, Math.ceil(message.height)) + 'px';
    } else if (message.type === 'sitrep:status') {
      frame.dispatchEvent(new CustomEvent('sitrep:status', {
        bubbles: true,
        detail: { overall: message.overall, active: message.active },
      }));
    }
  });
})();
