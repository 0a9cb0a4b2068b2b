"""Every figure about effectiveness or risk carries its reference.

A figure is a percentage ("48%", "12.5 percent") or a proportion written
in words or digits ("7 in 10", "one in five", "70 out of 100"). The unit
that must hold the reference is the block the figure is written in, as a
reader sees it: a paragraph, a list item (its own text, not its nested
list), a table cell or header, a definition (glossary terms included), a
caption, a collapsible block's summary or a heading. A table cell may
lean on a reference anywhere in its row (a "Source" column), a list item
on the sentence ending with a colon that introduces its list and cites
("The rates were:[^key]"), and an admonition title on one anywhere in
its box, since a footnote marker in a box title would be odd to read.

The rule runs in the build on each page's rendered content (see
hooks/figures.py), so text that the build adds from data files (FAQ
answers, glossary definitions, guideline tables) is checked as readers get
it. The reference list itself is exempt: it quotes titles, not claims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import html as lxml_html

NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten"
PERCENT = r"\b\d+(?:[.,]\d+)?\s?(?:%|percent\b|per cent\b)"
# "7 in 10", "1 in 1,000", "one in five", "70 out of 100"
PROPORTION = (
    rf"\b(?:\d[\d,]*|{NUMBER_WORDS})\s+(?:in|out\s+of)\s+"
    rf"(?:\d[\d,]*|{NUMBER_WORDS}|a\s+hundred|a\s+thousand)\b"
)
FIGURE = re.compile(f"{PERCENT}|{PROPORTION}", re.I)

# Blocks that must hold the reference for a figure in their own text.
UNITS = {
    "p": "paragraph",
    "li": "list item",
    "td": "table cell",
    "th": "table header",
    "dd": "definition",
    "dt": "term",
    "summary": "summary line",
    "caption": "table caption",
    "figcaption": "figure caption",
    "h1": "heading",
    "h2": "heading",
    "h3": "heading",
    "h4": "heading",
    "h5": "heading",
    "h6": "heading",
}
# Children whose text belongs to another unit (or to no claim at all).
NOT_OWN_TEXT = set(UNITS) | {
    "ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr", "div", "details",
    "blockquote", "figure", "pre", "code", "svg", "script", "style", "section",
    "aside", "nav", "template",
}
EXEMPT_CLASSES = ("footnote",)


@dataclass(frozen=True)
class Finding:
    figure: str
    text: str
    unit: str

    def line(self, label: str) -> str:
        snippet = self.text if len(self.text) <= 100 else self.text[:97] + "..."
        where = {"box title": "box", "list item": "list item (or in the sentence with a colon that introduces the list)"}.get(self.unit, self.unit)
        return (
            f"{label}: figure '{self.figure}' has no reference in this {self.unit}: \"{snippet}\"; "
            f"fix: cite its source with [^key] in the same {where}, or remove the figure"
        )


def _classes(node) -> set[str]:
    return set((node.get("class") or "").split())


def _exempt(node) -> bool:
    for up in node.iterancestors():
        if _classes(up) & set(EXEMPT_CLASSES) or up.tag in ("svg", "script", "style", "pre", "code"):
            return True
    return False


def _is_ref(node) -> bool:
    return "footnote-ref" in _classes(node)


def _inline(node) -> tuple[str, bool]:
    """(text, cites) of an inline element; a footnote marker is a
    reference, and its number is not part of the text."""
    if _is_ref(node):
        return "", True
    parts, cites = [node.text or ""], False
    for child in node:
        if isinstance(child.tag, str):
            text, ref = _inline(child)
            parts.append(text)
            cites = cites or ref
        parts.append(child.tail or "")
    return "".join(parts), cites


def _own(node) -> tuple[str, bool]:
    """(text, cites) of a block without the text of its nested blocks."""
    parts, cites = [node.text or ""], False
    for child in node:
        if isinstance(child.tag, str) and child.tag not in NOT_OWN_TEXT:
            text, ref = _inline(child)
            parts.append(text)
            cites = cites or ref
        parts.append(child.tail or "")
    return " ".join("".join(parts).split()), cites


def _row_cites(cell) -> bool:
    """A table cell may be referenced by its row (e.g. a "Source" column)."""
    row = cell.getparent()
    return row is not None and row.tag == "tr" and any(_is_ref(n) for n in row.iter() if isinstance(n.tag, str))


def _lead_in_cites(item) -> bool:
    """A list item may lean on the sentence that introduces its list, when
    that sentence ends with a colon and cites ("The rates were:[^key]")."""
    listing = item.getparent()
    if listing is None or listing.tag not in ("ul", "ol"):
        return False
    parent = listing.getparent()
    lead = parent if parent is not None and parent.tag == "li" else listing.getprevious()
    if lead is None or lead.tag not in ("p", "li"):
        return False
    text, cites = _own(lead)
    return cites and text.endswith(":")


def _admonition_cites(title) -> bool:
    box = title.getparent()
    return box is not None and any(_is_ref(n) for n in box.iter() if isinstance(n.tag, str))


def find(content_html: str) -> list[Finding]:
    """Figures without a reference in a page's rendered content."""
    if not FIGURE.search(content_html):
        return []
    root = lxml_html.fragment_fromstring(content_html, create_parent="div")
    out = []
    for node in root.iter(*UNITS):
        if _exempt(node):
            continue
        text, cites = _own(node)
        match = FIGURE.search(text)
        if not match or cites:
            continue
        unit = UNITS[node.tag]
        if node.tag == "td" and _row_cites(node):
            continue
        if node.tag == "li" and _lead_in_cites(node):
            continue
        if node.tag == "p" and "admonition-title" in _classes(node):
            if _admonition_cites(node):
                continue
            unit = "box title"
        out.append(Finding(match.group(0), text, unit))
    return out
