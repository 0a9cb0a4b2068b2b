"""After Material writes its search index, add the names and search terms
of procedure and condition pages to it as a field that ranks like a
title, and write the vocabulary for typo correction (see painref.search
and docs/assets/javascripts/search.js).

Shown names (`aliases`) and search-only terms (`search_terms`) weigh the
same: a reader who types "pain down my leg" wants the sciatica page as
much as one who types "radiculopathy".
"""

from pathlib import Path

from mkdocs.exceptions import PluginError

from painref import search, site


def on_post_build(config):
    loaded = site.current()
    aliases = {
        f"{folder}/{page.slug}/": page.aliases + page.search_terms
        for folder, pages in (("procedures", loaded.procedures), ("conditions", loaded.conditions))
        for page in pages
    }
    try:
        done, _ = search.rewrite(Path(config["site_dir"]), aliases)
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    if done != len(aliases):
        raise PluginError(f"search index: aliases placed on {done} of {len(aliases)} procedure and condition pages; fix: check the page URLs")
