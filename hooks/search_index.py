"""MkDocs hook: make the search index find what readers type and show what they can read.

Owns search/search_index.json after the search plugin and mkdocs-static-i18n have written it
(on_post_build, outermost build only), and the `base` address in the `__config` of pages of a
non-default language (on_post_page). For each entry of the index it
- turns each inline formula (arithmatex's `\\(…\\)`, kept as TeX by hooks/katex.py) into short
  plain text such as `E_i = −Σ t_ik log y_ik`, and leaves out display formulas (`\\[…\\]`) and any
  formula it cannot turn into text: a snippet never shows LaTeX source;
- adds the synonyms of the terms it contains (SYNONYMS) to a `keywords` field, which lunr
  indexes but Material never shows, so ワンホット finds a text that says one-hot (a page's
  own entry gets its sections' synonyms too);
- writes one index per language: /search/ for Japanese, /<locale>/search/ for the others,
  each holding every page, the other languages' with a tiny lunr boost, so that a reader's
  own language comes first and the other one still comes after. Material fetches the index
  from its `base`, which mkdocs-static-i18n sets to the site root for every language: pages
  of another language get their own root as `base` (the sitemap it also reads is there too,
  hooks/sitemap.py).
Must not change what pages show (it edits only `base`), nor which entries the index holds, nor
their order, nor the words of their text outside formulas.
"""
import json
import re
from pathlib import Path

from mkdocs.plugins import event_priority

# Readers search in both languages and with the other spelling of a term: each group's terms
# are added to every entry whose title or text holds one of them (case-insensitive).
SYNONYMS = (
    ("one-hot", "ワンホット"),
    ("cross-entropy", "cross entropy", "交差エントロピー", "クロスエントロピー"),
    ("categorical", "カテゴリカル"),   # not "multi-class": only part 5 names its loss so
    ("binary", "バイナリ", "2値分類", "二値分類"),
    ("likelihood", "尤度"),
)
# A synonym weighs as much as a word of a title: a reader who types カテゴリカル gets part 5
# first, as one who types a word of its title would.
KEYWORDS_BOOST = 1000.0
# Another language's entries are scaled by this: still found, but after the reader's own.
# Titles weigh 1000 times the text, so 0.001 let another language's title beat one's own
# text; lunr rounds weights to 0.001, so another language's text now weighs 0, still listed.
OTHER_LANGUAGE_BOOST = 1e-6

INLINE = re.compile(r"\\\((.*?)\\\)", re.S)
CODE = re.compile(r"<code>.*?</code>", re.S)  # code spans, as Material writes them into the index
DISPLAY = re.compile(r"\s*\\\[(.*?)\\\]\s*", re.S)
LONGEST_INLINE = 60
# TeX commands a reader can read as a character or a word.
SYMBOLS = {"approx": "≈", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "times": "×", "cdot": "·",
           "ldots": "…", "cdots": "…", "sum": "Σ", "prod": "Π", "log": "log", "ln": "ln", "exp": "exp",
           "delta": "δ", "infty": "∞", "neq": "≠", "quad": " ", ",": " ", ";": " ", "!": "",
           "displaystyle": ""}   # a chain's formulas are inline math in display style
WRAPPERS = re.compile(r"\\(?:boldsymbol|mathbf|mathrm|text|operatorname|left|right)\s*")
SUB_SUPER = re.compile(r"([_^])\{([^{}]*)\}")
FRACTION = re.compile(r"\\frac\{([^{}]*)\}\{([^{}]*)\}")
LIMITS = re.compile(r"\\(sum|prod)(?:_\{[^{}]*\}|_\w)?(?:\^\{[^{}]*\}|\^\w)?")
COMMAND = re.compile(r"\\([A-Za-z]+|[,;!])")


def formula_text(tex: str) -> str | None:
    """A formula as plain text (`t_{ik}` → `t_ik`, `\\frac{1}{N}` → `1/N`), or None when it has
    TeX this cannot say in text."""
    text = LIMITS.sub(lambda m: "\\" + m[1], tex)
    text = WRAPPERS.sub("", text)
    for _ in range(5):   # inner groups first: a fraction of subscripts
        text = FRACTION.sub(lambda m: f"{_grouped(m[1])}/{_grouped(m[2])}", text)
        text = SUB_SUPER.sub(lambda m: m[1] + m[2].replace(" ", ""), text)
    text = COMMAND.sub(lambda m: SYMBOLS.get(m[1], "\\" + m[1]), text)
    text = re.sub(r"\s+", " ", text.replace("{", "").replace("}", "").replace("-", "−")).strip()
    return None if "\\" in text or len(text) > LONGEST_INLINE else text


def _grouped(part: str) -> str:
    return part if re.fullmatch(r"[\w.]+", part) else f"({part})"


def readable(text: str) -> str:
    """An entry's text with its formulas as plain text, display formulas left out."""
    text = DISPLAY.sub(" ", text)
    return INLINE.sub(lambda m: formula_text(m[1]) or "…", text)


def keywords(title: str, text: str) -> str:
    """The synonyms of every term of SYNONYMS the entry holds outside code, as one string: a term
    inside code is a name (Keras's `categorical_crossentropy`, a file name), not the reader's word."""
    haystack = CODE.sub(" ", f"{title} {text}").lower()
    found = [term for group in SYNONYMS if any(t.lower() in haystack for t in group) for term in group]
    return " ".join(found)


def cleaned(entry: dict) -> dict:
    entry = {**entry, "text": readable(entry["text"]), "title": readable(entry["title"])}
    words = keywords(entry["title"], entry["text"])
    return {**entry, "keywords": words} if words else entry


def for_language(index: dict, locale: str | None, others: tuple) -> dict:
    """The index as one language's pages fetch it: locations relative to that language's root,
    the other languages' entries boosted down."""
    docs = []
    for entry in index["docs"]:
        own = _locale(entry["location"], others) == locale
        location = _relocated(entry["location"], locale)
        boost = entry.get("boost", 1) * (1 if own else OTHER_LANGUAGE_BOOST)
        docs.append({**entry, "location": location, **({} if boost == 1 else {"boost": boost})})
    return {**index, "docs": docs}


def _locale(location: str, others: tuple) -> str | None:
    first = location.split("/")[0]
    return first if first in others else None


def _relocated(location: str, locale: str | None) -> str:
    """A location relative to the root of `locale`'s site (None: the default language's)."""
    if locale is None:
        return location
    prefix = f"{locale}/"
    return location[len(prefix):] if location.startswith(prefix) else "../" + location


def with_config(index: dict) -> dict:
    # lunr builds one field per entry of config.fields (Material shows only title and text).
    fields = {**index["config"]["fields"], "keywords": {"boost": KEYWORDS_BOOST}}
    return {**index, "config": {**index["config"], "fields": fields},
            "docs": with_sections_keywords([cleaned(entry) for entry in index["docs"]])}


def with_sections_keywords(docs: list) -> list:
    """A page's own entry also holds its sections' synonyms: Material ranks a page's entry above
    its sections, so part 5 comes first for "categorical", which only its section (6.3) says."""
    words = {}
    for entry in docs:
        page = words.setdefault(entry["location"].split("#")[0], [])
        page += [word for word in entry.get("keywords", "").split() if word not in page]
    return [entry if "#" in entry["location"] or not words[entry["location"]]
            else {**entry, "keywords": " ".join(words[entry["location"]])} for entry in docs]


def _other_locales(config) -> tuple:
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return ()
    return tuple(lang.locale for lang in i18n.config.languages if not lang.default and lang.build)


def _write(path: Path, index: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


# After mkdocs-static-i18n's on_post_build (-100), which builds the other languages and then
# writes the index of all of them; before hooks/katex.py's (-300), which only ends its process.
@event_priority(-200)
def on_post_build(config):
    i18n = config.plugins.get("i18n")
    shared = Path(config.site_dir) / "search" / "search_index.json"
    if (i18n is not None and i18n.building) or not shared.exists():
        return   # an inner language build: the index of all languages is not written yet
    index = with_config(json.loads(shared.read_text(encoding="utf-8")))
    others = _other_locales(config)
    _write(shared, for_language(index, None, others))
    for locale in others:
        _write(Path(config.site_dir) / locale / "search" / "search_index.json", for_language(index, locale, others))


CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">\{.*?"base": ")([^"]*)(")', re.S)


def on_post_page(output: str, page, config) -> str:
    """Pages of another language fetch the search index (and sitemap) from their own root."""
    locale = getattr(page.file, "locale", None)
    if locale not in _other_locales(config):
        return output
    return CONFIG_BASE.sub(lambda m: f"{m[1]}{m[2]}/{locale}/{m[3]}", output, count=1)
