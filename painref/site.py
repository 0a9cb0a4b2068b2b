"""Everything a build reads from disk, read once per build.

Every page's source and front matter, the procedure and condition
catalogs and the data files are loaded here once and shared by all hooks
(they are separate modules, so they meet in this one). The copy is reused
only while no file under docs/, data/ or schemas/ has changed, so
`mkdocs serve` re-reads an edited file on its next rebuild.

Data files are found beside the mkdocs.yml being built, never beside this
package, so a copy of the repository builds with its own data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import bibliography, catalog, faq, frontmatter, glossary, guidelines, vocab


@dataclass
class Source:
    src_uri: str
    label: str
    text: str
    meta: dict | None
    problems: list[str]

    @property
    def body(self) -> str:
        return frontmatter.split(self.text)[1]


@dataclass
class Site:
    root: Path
    docs_dir: Path
    data_dir: Path
    sources: dict[str, Source]
    procedures: list[catalog.Page]
    conditions: list[catalog.Page]
    bibliography: bibliography.Bibliography | None
    faq: faq.Faq | None = None
    faq_anchors: tuple = ((), {})
    glossary: list = field(default_factory=list)
    guidelines: guidelines.Guidelines | None = None
    # src_uri -> reference keys cited by text the build generates
    generated_citations: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def procedure(self, slug: str) -> catalog.Page:
        return next(page for page in self.procedures if page.slug == slug)

    def condition(self, slug: str) -> catalog.Page | None:
        return next((page for page in self.conditions if page.slug == slug), None)


_cache: dict = {}


def _fingerprint(paths) -> tuple:
    out = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            continue
        out.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(out)


def _watched(root: Path, docs_dir: Path, data_dir: Path) -> list[Path]:
    files = sorted(docs_dir.rglob("*.md")) + sorted(data_dir.glob("*.yml"))
    return files + sorted((root / "schemas").glob("*.json"))


def paths(config) -> tuple[Path, Path, Path]:
    """(project root, docs_dir, data_dir) for an MkDocs config."""
    root = Path(config.config_file_path).resolve().parent
    ipm = (config.get("extra") or {}).get("ipm") or {}
    data_dir = Path(ipm.get("data_dir") or root / "data")
    if not data_dir.is_absolute():
        data_dir = root / data_dir
    return root, Path(config["docs_dir"]), data_dir


def load(config) -> Site:
    """The site's sources and data, read again only when a file changed."""
    root, docs_dir, data_dir = paths(config)
    fingerprint = (str(root), str(docs_dir), str(data_dir), _fingerprint(_watched(root, docs_dir, data_dir)))
    if _cache.get("fingerprint") == fingerprint:
        return _cache["site"]
    vocab.use(data_dir)
    sources = {}
    for path in sorted(docs_dir.rglob("*.md")):
        src_uri = path.relative_to(docs_dir).as_posix()
        label = f"docs/{src_uri}"
        text = path.read_text("utf-8")
        meta, problems = frontmatter.parse(label, text)
        if meta is not None:
            problems = frontmatter.validate(label, src_uri, meta)
        sources[src_uri] = Source(src_uri, label, text, meta, problems)
    problems = [line for source in sources.values() for line in source.problems]
    bib = None
    try:
        bib = bibliography.load(data_dir / "references.yml", _label(root, data_dir / "references.yml"))
    except bibliography.BibliographyError as exc:
        problems.append(str(exc))
    faq_data, anchors = None, ([], {})
    try:
        faq_data = faq.load(data_dir / "faq.yml")
        anchors = faq.load_anchors(data_dir / "faq-anchors.yml")
    except faq.FaqError as exc:
        problems.append(str(exc))
    terms = []
    try:
        terms = glossary.load(data_dir / "glossary.yml", _label(root, data_dir / "glossary.yml"))
    except glossary.GlossaryError as exc:
        problems.append(str(exc))
    procedures = catalog.from_sources(sources, "procedures")
    stances = None
    try:
        stances = guidelines.load(
            data_dir / "guidelines.yml", _label(root, data_dir / "guidelines.yml"), {p.slug for p in procedures}, bib
        )
    except guidelines.GuidelineError as exc:
        problems.append(str(exc))
    site = Site(
        root=root,
        docs_dir=docs_dir,
        data_dir=data_dir,
        sources=sources,
        procedures=procedures,
        conditions=catalog.from_sources(sources, "conditions"),
        bibliography=bib,
        faq=faq_data,
        faq_anchors=anchors,
        glossary=terms,
        guidelines=stances,
        generated_citations=stances.citations() if stances else {},
        problems=problems,
    )
    _cache.update(fingerprint=fingerprint, site=site)
    return site


def _label(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def current() -> Site:
    """The site loaded for the build under way (see load)."""
    if "site" not in _cache:
        raise RuntimeError("painref.site.load(config) has not run: hooks/front_matter.py must be the first hook")
    return _cache["site"]
