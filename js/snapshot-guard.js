// Runs before the body is parsed (a classic script in index.html's head). The status snapshot
// that `sitrep snapshot` puts into index.html is the list page: on any other page (an incident,
// the embed, a component filter, GitLab's legacy #/data%2Fincident%2F… links) it must not show
// as if it were that page, so the loading skeleton shows until the app draws it. The names
// match src/route.rs and src/embed.rs.
(() => {
  const query = new URLSearchParams(location.search);
  const otherPage = ['incident', 'embed', 'component'].some((name) => query.has(name))
    || /^#\/data(\/|%2f)incident(\/|%2f)/i.test(location.hash);
  if (otherPage) document.documentElement.classList.add('other-page');
})();
