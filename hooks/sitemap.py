"""Give every language's site a sitemap.xml, which the theme's language switch asks for, and
never publish an address the site does not have.

mkdocs-material's language switch (extra.alternate) fetches `<language root>/sitemap.xml`
on each page; mkdocs-static-i18n writes one sitemap, at the default language's root, that
already lists every language's pages. Without a copy under /en/ every page logs a 404.

A sitemap lists absolute addresses, made from site_url. Without one (SITE_URL unset, see
mkdocs.yml) the i18n plugin writes addresses such as "None./"; an empty sitemap is written
instead, so the theme's request still succeeds and no made-up address is published.
"""
import gzip
import shutil
from pathlib import Path

EMPTY = ('<?xml version="1.0" encoding="UTF-8"?>\n'
         '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n</urlset>\n')


def on_post_build(config) -> None:
    # mkdocs-static-i18n builds each other language inside the first build, into
    # <site>/<locale>, without changing site_dir; after each pass, fill in what is missing.
    site = Path(config.site_dir)
    shared = site / "sitemap.xml"
    if not config.site_url and shared.exists():
        _empty(site)
    for language in config.plugins["i18n"].config.languages:
        own = site / language.locale / "sitemap.xml"
        if not language.default and own.parent.is_dir() and shared.exists() and not own.exists():
            shutil.copyfile(shared, own)


def _empty(site: Path) -> None:
    (site / "sitemap.xml").write_text(EMPTY, encoding="utf-8")
    compressed = site / "sitemap.xml.gz"
    if compressed.exists():
        # mtime=0: the same bytes on every build.
        compressed.write_bytes(gzip.compress(EMPTY.encode("utf-8"), mtime=0))
