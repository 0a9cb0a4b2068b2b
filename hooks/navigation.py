"""Add procedure and condition pages to the navigation from their files.

mkdocs.yml lists only the index page of each section; every page in
docs/procedures/ is added here, grouped by its front matter `family`, so a
new page appears in the menu without being typed twice. A site without
such a section gets nothing added (and MkDocs' omitted_files check fails
the build if pages are left out).
"""

from pathlib import Path

from painref import catalog, vocab


def _section(nav, title):
    for entry in nav or []:
        if isinstance(entry, dict) and title in entry:
            return entry[title]
    return None


def on_config(config):
    docs_dir = Path(config["docs_dir"])
    procedures = _section(config["nav"], "Procedures")
    if procedures is not None:
        del procedures[1:]
        for family, pages in catalog.by_family(catalog.procedures(docs_dir)).items():
            procedures.append({vocab.family_name(family): [page.src_uri for page in pages]})
    conditions = _section(config["nav"], "Conditions")
    if conditions is not None:
        del conditions[1:]
        conditions.extend(page.src_uri for page in catalog.conditions(docs_dir))
    return config
