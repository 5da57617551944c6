// The header's language switch opens the same page in the other language.
//
// Material for MkDocs looks the page up in the other language's sitemap itself, but it takes
// any address that starts with a language's root for a page of that language. Japanese lives
// at the site root, a prefix of every address, so the switch always opened the other
// language's home. The generator writes every page in both languages, so the counterpart is
// the same path below the other language's root. It is opened with a full load, not instant
// navigation: the other language is another site, with its own navigation and search index.
(function () {
  "use strict";
  var SWITCH = ".md-select__link[hreflang]";

  // A language's root, remembered before its link is pointed at the current page.
  function root(link) {
    if (!link.dataset.root) link.dataset.root = link.href;
    return link.dataset.root;
  }

  function counterpart(link, address) {
    var own = document.querySelector(SWITCH + '[hreflang="' + document.documentElement.lang + '"]');
    if (!own || address.indexOf(root(own)) !== 0) return root(link);
    return root(link) + address.slice(root(own).length);
  }

  // The links themselves, so that hovering, a middle click or "open in new tab" agree.
  function pointLinks() {
    var links = document.querySelectorAll(SWITCH);
    links.forEach(root);
    links.forEach(function (link) { link.href = counterpart(link, location.href.split("#")[0]); });
  }

  // Captured before the theme's own handlers (instant navigation, its language switch) see it.
  window.addEventListener("click", function (event) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var link = event.target instanceof Element ? event.target.closest(SWITCH) : null;
    if (!link) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    location.assign(counterpart(link, location.href));
  }, true);

  // document$ emits on the first load and after each instant navigation.
  if (window.document$) window.document$.subscribe(pointLinks);
  else document.addEventListener("DOMContentLoaded", pointLinks);
})();
