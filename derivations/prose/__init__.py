"""Our prose, kept apart from everything generated.

Each language is one module holding a flat mapping from keys to text. Text may hold
placeholders such as `${sample}` (string.Template) that the pages fill with computed values, and
inline math written `\\( … \\)` only for fixed notation; no computed number is ever written
here. Adding a language means adding a module with the same keys.
"""
import functools
from collections.abc import Mapping

from derivations.parts import all_parts
from derivations.prose import en, ja

DEFAULT_LANGUAGE = "ja"  # the article's language; its pages have no suffix
LANGUAGES = {"ja": ja.TEXT, "en": en.TEXT}


@functools.cache
def catalogue(language: str) -> Mapping:
    """The prose of one language, keyed: the site's own, and each derivation module's."""
    merged = dict(LANGUAGES[language])
    for part in all_parts():
        own = part.prose.get(language, {})
        clashes = sorted(set(own) & set(merged))
        if clashes:
            raise ValueError(f"part {part.number} redefines prose keys {clashes}")
        merged.update(own)
    return merged
