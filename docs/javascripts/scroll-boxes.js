// A box that scrolls sideways (a wide formula, a table) can be reached
// and scrolled with the keyboard: it gets tabindex="0", and role="region" with a name so that
// a screen reader says what it is. Only boxes that do scroll at the window's current width get
// them, so a desktop reader does not tab through every formula. KaTeX's MathML inside is kept.
(function () {
  "use strict";
  var BOXES = [
    ["div.arithmatex > .katex-display", "formula"],
    // a chain line's formula where a bracket too wide to break does not fit (stylesheets/chains.css)
    [".chain-rhs, .chain-formula", "formula"],
    [".md-typeset__scrollwrap", "table"]
  ];
  var NAMES = {
    ja: { formula: "数式", table: "表" },
    en: { formula: "Formula", table: "Table" }
  };
  var MARK = "data-scroll-box";

  function scrolls(box) {
    var overflow = getComputedStyle(box).overflowX;
    return (overflow === "auto" || overflow === "scroll") && box.scrollWidth > box.clientWidth + 1;
  }

  // "数式 (6.3)": the formula's equation number, where it has one, tells formulas apart.
  function name(box, kind) {
    var names = NAMES[document.documentElement.lang] || NAMES.en;
    var chain = box.closest(".chain");
    var tag = kind !== "formula" ? null : box.querySelector(".katex-tag") || (chain && chain.querySelector(".chain-tag"));
    return tag ? names[kind] + " " + tag.textContent.trim() : names[kind];
  }

  function mark(box, kind) {
    if (box.hasAttribute(MARK)) return;
    box.setAttribute(MARK, "");
    box.setAttribute("tabindex", "0");
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", name(box, kind));
  }

  function unmark(box) {
    if (!box.hasAttribute(MARK)) return;
    ["tabindex", "role", "aria-label", MARK].forEach(function (attribute) { box.removeAttribute(attribute); });
  }

  function update() {
    BOXES.forEach(function (entry) {
      document.querySelectorAll(entry[0]).forEach(function (box) {
        if (scrolls(box)) mark(box, entry[1]); else unmark(box);
      });
    });
  }

  var pending = 0;
  window.addEventListener("resize", function () {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(update);
  });
  // document$ emits on the first load and after each instant navigation (the theme wraps its
  // tables in their scrolling box before that).
  if (window.document$) window.document$.subscribe(function () { requestAnimationFrame(update); });
  else document.addEventListener("DOMContentLoaded", update);
  window.addEventListener("load", update);
})();
