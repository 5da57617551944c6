// Typesets TeX with KaTeX for hooks/katex.py, as one long-lived process per build.
//
// Protocol: one JSON request per line on stdin, {"id": n, "tex": "...", "display": bool};
// one JSON reply per line on stdout, {"id": n, "html": "...", "warnings": [...]} or
// {"id": n, "error": "..."}. Nothing else is ever written to stdout, so a reply can
// never be mistaken for another's; diagnostics of the process itself go to stderr.
// The process ends when stdin closes.
"use strict";

const katex = require("katex");
const readline = require("node:readline");

// Strict-mode complaints (e.g. Japanese outside \text{}) are collected, not printed,
// so that the hook can report them as MkDocs warnings naming the page.
function render(request) {
  const warnings = [];
  const strict = (code, message) => {
    warnings.push(`${code}: ${message}`);
    return "ignore";
  };
  const options = {
    displayMode: Boolean(request.display),
    throwOnError: true,
    output: "htmlAndMathml",
    strict,
    // No formula needs \href, \htmlId or the like: a chain's anchors and links are HTML around
    // its formulas (derivations/render.py), so KaTeX trusts none of them (its default).
    trust: false,
  };
  try {
    return { id: request.id, html: katex.renderToString(request.tex, options), warnings };
  } catch (error) {
    return { id: request.id, error: String(error && error.message ? error.message : error) };
  }
}

const lines = readline.createInterface({ input: process.stdin, terminal: false });
lines.on("line", (line) => {
  process.stdout.write(JSON.stringify(render(JSON.parse(line))) + "\n");
});
