"""Markdown and HTML rendered from front matter (never typed twice)."""

from __future__ import annotations

import posixpath
import re
from html import escape

from . import vocab
from .catalog import Page, by_family

GLANCE_ID = "at-a-glance"
MEMBERS_ID = "procedures-in-this-family"


def link(from_uri: str, page: Page, text: str | None = None) -> str:
    """A Markdown link between two docs/ files, so MkDocs checks it."""
    target = posixpath.relpath(page.src_uri, posixpath.dirname(from_uri) or ".")
    return f"[{text or page.title}]({target})"


def _labels(values, table) -> str:
    return ", ".join(escape(table[value]) for value in values)


def glance_rows(meta: dict) -> list[tuple[str, str]]:
    """(label, HTML) rows of the At a glance box, in the template's order."""
    return [
        ("What it treats", _labels(meta["conditions"], vocab.conditions())),
        ("Body regions", _labels(meta["body_regions"], vocab.regions())),
        ("Imaging guidance", _labels(meta["imaging"], vocab.imaging())),
        ("Anesthesia or sedation", escape(meta["anesthesia"])),
        ("How long it takes", escape(meta["duration"])),
        ("Usual recovery", escape(meta["recovery"])),
        ("How long relief usually lasts", escape(meta["relief_duration"])),
        ("Can it be repeated?", escape(meta["repeatable"])),
    ]


def procedure_header(page: Page) -> str:
    """The "Also known as" line and the At a glance box."""
    aliases = ", ".join(escape(alias) for alias in page.aliases)
    rows = "\n".join(
        f'<div class="ipm-glance__row"><dt>{label}</dt><dd>{value}</dd></div>'
        for label, value in glance_rows(page.meta)
    )
    return (
        f'<p class="ipm-aka"><strong>Also known as:</strong> {aliases}</p>\n\n'
        f"## At a glance {{#{GLANCE_ID}}}\n\n"
        f'<dl class="ipm-glance">\n{rows}\n</dl>\n\n'
    )


def family_members(page: Page, pages: list[Page]) -> str:
    """A list of the other procedures in an overview page's family."""
    members = [other for other in pages if other.family == page.family and other.slug != page.slug]
    if not members:
        return ""
    items = "\n".join(f"- {link(page.src_uri, other)}" for other in members)
    return f"### Procedures in this family {{#{MEMBERS_ID}}}\n\n{items}\n\n"


def insert_before_heading(markdown: str, heading_id: str, block: str) -> str:
    """Insert block before the H2 whose explicit id is heading_id.

    Raises LookupError when the heading is missing, so that a page that
    lost a template section fails loudly instead of losing generated text.
    """
    pattern = re.compile(rf"^## .*\{{#{re.escape(heading_id)}\}}\s*$", re.M)
    match = pattern.search(markdown)
    if not match:
        raise LookupError(heading_id)
    return markdown[: match.start()] + block + markdown[match.start():]


def _letter(page: Page) -> str:
    first = page.title[0].upper()
    return first if first.isalpha() else "#"


def procedure_index(from_uri: str, pages: list[Page]) -> str:
    """A-Z list, family lists and comparison table for /procedures/."""
    out = ["## A to Z {#a-to-z}", ""]
    letters = sorted({_letter(page) for page in pages})
    jump = " ".join(f'<a href="#letter-{letter.lower()}">{letter}</a>' for letter in letters)
    out += [f'<nav class="ipm-az" aria-label="Jump to a letter">{jump}</nav>', ""]
    for letter in letters:
        out += [f"### {letter} {{#letter-{letter.lower()}}}", ""]
        for page in pages:
            if _letter(page) == letter:
                aliases = ", ".join(page.aliases)
                out.append(f"- {link(from_uri, page)}: <span class=\"ipm-muted\">{escape(aliases)}</span>")
        out.append("")
    out += ["## By family {#by-family}", ""]
    for family, members in by_family(pages).items():
        out += [f"### {vocab.family_name(family)} {{#family-{family}}}", ""]
        out += [f"- {link(from_uri, page)}" for page in members]
        out.append("")
    out += [
        "## Compare procedures {#comparison}",
        "",
        "| Procedure | Family | Body regions | Imaging | Anesthesia or sedation | How long it takes | Usual relief | Can it be repeated? |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for page in pages:
        meta = page.meta
        cells = [
            link(from_uri, page),
            vocab.family_name(page.family),
            _labels(meta["body_regions"], vocab.regions()),
            _labels(meta["imaging"], vocab.imaging()),
            escape(meta["anesthesia"]),
            escape(meta["duration"]),
            escape(meta["relief_duration"]),
            escape(meta["repeatable"]),
        ]
        out.append("| " + " | ".join(cell.replace("|", "&#124;") for cell in cells) + " |")
    out.append("")
    return "\n".join(out)
