"""Inline SVG diagrams, checked for accessibility and self-containment.

Diagrams live in diagrams/<name>.svg and are placed with a line
``<!-- diagram: <name> -->``. They are inlined (not <img>) so that their
colours come from the site's CSS classes and follow the light and dark
schemes; the checks below keep them accessible and free of outside
requests.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import lru_cache
from html import escape

from . import DIAGRAM_DIR

SVG = "{http://www.w3.org/2000/svg}"
MARKER = re.compile(r"^<!-- diagram: ([a-z0-9-]+) -->[ \t]*$", re.M)
# Any HTML comment that begins with "diagram": a marker MARKER does not
# accept (misspelt name, capital letter, not alone on its line) would
# otherwise stay an invisible comment and the drawing would be lost.
LOOSE_MARKER = re.compile(r"<!--\s*diagram\b.*?-->", re.I | re.S)
CLASSES = {
    "d-outline", "d-bone", "d-disc", "d-soft", "d-cord", "d-fluid", "d-nerve",
    "d-needle", "d-device", "d-target", "d-label", "d-leader",
}
FORBIDDEN_TAGS = {"script", "style", "image", "foreignObject", "use", "a", "iframe"}
FORBIDDEN_ATTRS = {"style", "fill", "stroke", "href", "{http://www.w3.org/1999/xlink}href"}


class DiagramError(ValueError):
    pass


@lru_cache(maxsize=None)
def load(name: str) -> tuple[str, str]:
    """Return (svg markup, title) after checking the file; cached per name."""
    path = DIAGRAM_DIR / f"{name}.svg"
    label = f"diagrams/{name}.svg"
    if not path.exists():
        raise DiagramError(f"{label}: file not found; fix: add the SVG or correct the marker's name")
    text = path.read_text("utf-8")
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise DiagramError(f"{label}: not well-formed XML ({exc}); fix: correct the markup") from None
    if root.tag != f"{SVG}svg" or root.get("role") != "img" or not root.get("viewBox"):
        raise DiagramError(f"{label}: root must be <svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=...>; fix: set role and viewBox")
    if root.get("width") or root.get("height"):
        raise DiagramError(f"{label}: the root <svg> must not set width or height; fix: remove them (the page sizes the drawing from its viewBox)")
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    expected = f"{name}-title {name}-desc"
    if title is None or desc is None or not (title.text or "").strip() or not (desc.text or "").strip():
        raise DiagramError(f"{label}: needs non-empty <title> and <desc>; fix: describe the picture for screen readers")
    if root.get("aria-labelledby") != expected or title.get("id") != f"{name}-title" or desc.get("id") != f"{name}-desc":
        raise DiagramError(f"{label}: aria-labelledby must be '{expected}' with matching <title>/<desc> ids; fix: set them")
    for node in root.iter():
        tag = node.tag.replace(SVG, "")
        if tag in FORBIDDEN_TAGS:
            raise DiagramError(f"{label}: <{tag}> is not allowed; fix: draw with basic shapes and text only")
        bad = FORBIDDEN_ATTRS & set(node.attrib)
        if bad:
            raise DiagramError(f"{label}: attribute '{sorted(bad)[0]}' on <{tag}> is not allowed; fix: use the d-* classes for colour and no fixed size")
        unknown = set(node.get("class", "").split()) - CLASSES
        if unknown:
            raise DiagramError(f"{label}: class '{sorted(unknown)[0]}' on <{tag}> is unknown; fix: use one of {', '.join(sorted(CLASSES))}")
        ident = node.get("id")
        if ident and not ident.startswith(f"{name}-"):
            raise DiagramError(f"{label}: id '{ident}' must start with '{name}-'; fix: rename it so ids stay unique on the page")
    # Drop the XML declaration and blank lines; keep the markup as written.
    markup = re.sub(r"<\?xml[^>]*\?>\s*", "", text).strip()
    markup = "\n".join(line for line in markup.splitlines() if line.strip())
    return markup, title.text.strip()


def marker_problems(label: str, text: str) -> list[str]:
    """Diagram markers that MARKER would not replace, one line each (text:
    the whole source file, so line numbers match it)."""
    placed = {match.start() for match in MARKER.finditer(text)}
    out = []
    for match in LOOSE_MARKER.finditer(text):
        if match.start() in placed:
            continue
        line = text.count("\n", 0, match.start()) + 1
        written = " ".join(match.group(0).split())
        name = re.sub(r"[^a-z0-9]+", "-", re.sub(r"(?i)^<!--\s*diagram\W*|-->$", "", written).lower()).strip("-")
        out.append(
            f"{label}: line {line}: diagram marker {written!r} is not recognised, so no drawing would be placed; "
            f"fix: write it alone on its line as '<!-- diagram: {name or '<name>'} -->' (name: lowercase letters, digits and hyphens, as in diagrams/<name>.svg)"
        )
    return out


def placeholder(name: str) -> str:
    return f'<div class="ipm-diagram-slot" data-diagram="{name}"></div>'


SLOT = re.compile(r'<div class="ipm-diagram-slot" data-diagram="([a-z0-9-]+)"></div>')


def figure(name: str) -> str:
    markup, title = load(name)
    return f'<figure class="ipm-diagram">{markup}<figcaption>{escape(title)}</figcaption></figure>'
