"""Give every language's site a sitemap.xml, which the theme's language switch asks for.

mkdocs-material's language switch (extra.alternate) fetches `<language root>/sitemap.xml`
on each page; mkdocs-static-i18n writes one sitemap, at the default language's root, that
already lists every language's pages. Without a copy under /en/ every page logs a 404.
"""
import shutil
from pathlib import Path


def on_post_build(config) -> None:
    # mkdocs-static-i18n builds each other language inside the first build, into
    # <site>/<locale>, without changing site_dir; after each pass, fill in what is missing.
    site = Path(config.site_dir)
    shared = site / "sitemap.xml"
    for language in config.plugins["i18n"].config.languages:
        own = site / language.locale / "sitemap.xml"
        if not language.default and own.parent.is_dir() and shared.exists() and not own.exists():
            shutil.copyfile(shared, own)
