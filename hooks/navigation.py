"""Add procedure and condition pages to the navigation from their files.

mkdocs.yml lists only the index page of each section; every page in
docs/procedures/ is added here, grouped by its front matter `family`, so a
new page appears in the menu without being typed twice.
"""

from pathlib import Path

from painref import catalog, vocab


def _section(nav, title):
    for entry in nav:
        if isinstance(entry, dict) and title in entry:
            return entry[title]
    raise KeyError(f"mkdocs.yml: nav has no '{title}' section; fix: add it with its index page")


def on_config(config):
    docs_dir = Path(config["docs_dir"])
    nav = config["nav"]
    procedures = _section(nav, "Procedures")
    del procedures[1:]
    for family, pages in catalog.by_family(catalog.procedures(docs_dir)).items():
        procedures.append({vocab.family_name(family): [page.src_uri for page in pages]})
    conditions = _section(nav, "Conditions")
    del conditions[1:]
    conditions.extend(page.src_uri for page in catalog.conditions(docs_dir))
    return config
