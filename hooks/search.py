"""After Material writes its search index, add procedure aliases to it as
a field that ranks like a title, and write the vocabulary for typo
correction (see painref.search and docs/assets/javascripts/search.js)."""

from pathlib import Path

from mkdocs.exceptions import PluginError

from painref import catalog, search


def on_post_build(config):
    pages = catalog.procedures(Path(config["docs_dir"]))
    aliases = {f"procedures/{page.slug}/": page.aliases for page in pages}
    try:
        done, _ = search.rewrite(Path(config["site_dir"]), aliases)
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    if done != len(aliases):
        raise PluginError(f"search index: aliases placed on {done} of {len(aliases)} procedure pages; fix: check the page URLs")
