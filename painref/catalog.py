"""The procedure and condition pages, read from their front matter.

Everything that lists procedures (navigation, At a glance boxes, family
lists, the A-Z index, the comparison table) is rendered from here, so a
fact is typed once, in the page's own front matter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import frontmatter, vocab


@dataclass(frozen=True)
class Page:
    slug: str
    src_uri: str  # relative to docs/, e.g. procedures/radiofrequency-ablation.md
    meta: dict = field(hash=False, compare=False)

    @property
    def title(self) -> str:
        return self.meta["title"]

    @property
    def aliases(self) -> list[str]:
        return list(self.meta.get("aliases", []))

    @property
    def search_terms(self) -> list[str]:
        return list(self.meta.get("search_terms", []))

    @property
    def family(self) -> str:
        return self.meta.get("family", "")

    def sort_key(self) -> str:
        return self.title.casefold()


def _load(docs_dir: Path, folder: str) -> list[Page]:
    pages = []
    for path in sorted((docs_dir / folder).glob("*.md")):
        if path.name == "index.md":
            continue
        meta, problems = frontmatter.parse(str(path), path.read_text("utf-8"))
        if problems or not isinstance(meta.get("title"), str):
            # Reported, with the fix, by the front matter check.
            continue
        pages.append(Page(path.stem, f"{folder}/{path.name}", meta))
    return sorted(pages, key=Page.sort_key)


def from_sources(sources: dict, folder: str) -> list[Page]:
    """The same list from sources already read (see painref.site)."""
    pages = []
    for src_uri, source in sources.items():
        parts = src_uri.split("/")
        if len(parts) != 2 or parts[0] != folder or parts[1] == "index.md":
            continue
        if source.meta is None or not isinstance(source.meta.get("title"), str):
            continue  # reported, with the fix, by the front matter check
        pages.append(Page(parts[1].removesuffix(".md"), src_uri, source.meta))
    return sorted(pages, key=Page.sort_key)


def procedures(docs_dir: Path) -> list[Page]:
    """Procedure pages sorted A to Z by title."""
    return _load(docs_dir, "procedures")


def conditions(docs_dir: Path) -> list[Page]:
    """Condition pages sorted A to Z by title."""
    return _load(docs_dir, "conditions")


def by_family(pages: list[Page]) -> dict[str, list[Page]]:
    """Families in data/families.yml order; the overview page first in each."""
    grouped: dict[str, list[Page]] = {slug: [] for slug in vocab.families()}
    for page in pages:
        grouped.setdefault(page.family, []).append(page)
    for slug, members in grouped.items():
        overview = vocab.families().get(slug, {}).get("overview")
        members.sort(key=lambda page: (page.slug != overview, page.sort_key()))
    return {slug: members for slug, members in grouped.items() if members}
