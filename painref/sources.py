"""Who cites what: every page's citations, the checks on them, and the
/sources/ page that lists each reference once with the pages citing it.

Citations are gathered from the pages' own Markdown and from the data that
the build turns into page text (FAQ answers, guideline tables), so the
"never cited" check and /sources/ see exactly what readers see.
"""

from __future__ import annotations

import posixpath
from html import escape

from . import bibliography

SOURCES_PAGE = "sources.md"
FAQ_PAGE = "faq.md"


def generated(site) -> dict[str, list[str]]:
    """Keys cited by text the build generates, per page (src_uri)."""
    out: dict[str, list[str]] = {}
    if site.faq is not None and FAQ_PAGE in site.sources:
        keys = [key for q in site.faq.questions for key in bibliography.citations(q.answer)]
        out.setdefault(FAQ_PAGE, []).extend(keys)
    for src_uri, keys in (getattr(site, "generated_citations", None) or {}).items():
        out.setdefault(src_uri, []).extend(keys)
    return out


def cited_by(site) -> dict[str, list[str]]:
    """Reference key -> the src_uris of the pages that cite it, A to Z."""
    pages: dict[str, set[str]] = {}
    for src_uri, source in site.sources.items():
        for key in bibliography.citations(source.body):
            pages.setdefault(key, set()).add(src_uri)
    for src_uri, keys in generated(site).items():
        for key in keys:
            pages.setdefault(key, set()).add(src_uri)
    return {key: sorted(uris) for key, uris in pages.items()}


def problems(site) -> list[str]:
    bib = site.bibliography
    out = []
    for source in site.sources.values():
        out += bibliography.page_problems(source.label, source.body, bib)
    for src_uri, keys in generated(site).items():
        for key in dict.fromkeys(keys):
            if key not in bib:
                out.append(f"docs/{src_uri} (generated text): reference '{key}' is not in {bib.label}; fix: add the entry there or correct the key in the data file")
    out += bibliography.unused(bib, set(cited_by(site)))
    return out


def _title(site, src_uri: str) -> str:
    source = site.sources.get(src_uri)
    return (source.meta or {}).get("title", src_uri) if source else src_uri


def page_markdown(site) -> str:
    """The whole bibliography, A to Z by first author or body, with the
    pages citing each entry (Markdown links, so MkDocs checks them)."""
    bib = site.bibliography
    cited = cited_by(site)
    entries = sorted(bib.entries.values(), key=lambda ref: (ref.short.casefold(), ref.key))
    out = [f"{len(entries)} references, each listed once.", ""]
    for number, ref in enumerate(entries, 1):
        pages = cited.get(ref.key, [])
        links = ", ".join(f"[{_title(site, uri)}]({posixpath.relpath(uri, posixpath.dirname(SOURCES_PAGE) or '.')})" for uri in pages)
        if ref.get("superseded_by"):
            links = f"none: cite the newer edition, {escape(bib[ref['superseded_by']].short)}."
        out += [
            f'{number}. <span id="ref-{ref.key}"></span>{bibliography.render(ref)}',
            f'    <br><span class="ipm-sources__cited">Cited on: {links}</span>',
        ]
    out.append("")
    return "\n".join(out)
