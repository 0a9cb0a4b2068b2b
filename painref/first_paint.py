"""What the first paint of a page waits for, and what it no longer waits for.

Every stylesheet linked in <head> blocks the first paint until it has
arrived, and on a phone each is one more request before anything shows.
Material's colour palette (2.3 KiB gzipped) and the site's own extra.css
(2.0 KiB) are small enough that carrying them in the page costs less than
fetching them (benchmarks/performance.md). Material's main stylesheet
(23 KiB) stays a link, cached across pages. The files are read from the
built site after the minify plugin has written them, so the page gets
exactly what the link would have loaded. Each <style> is marked with the
file it replaces: painref.headers allows these, by hash, and no other
<style> element.

The site's own scripts and print stylesheet are loaded after the first
paint by overrides/partials/speed.html, from the list in mkdocs.yml
(extra.ipm.after_first_paint); missing_after_paint() makes a name there
that the build did not write a build error, not a silent 404.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .htmlcheck import tag_attribute

MARK = "data-ipm-inline"
# Material's palette (its name carries a content hash) and the site's own
# stylesheet after minification.
INLINED = (re.compile(r"palette\.[0-9a-f]+\.min\.css"), re.compile(r"extra\.min\.css"))
# A link tag as the page has it after minification (attributes in any
# order, quoted or not); its attributes are read with tag_attribute.
LINK = re.compile(r"<link\b[^<>]*>", re.I)


def _stylesheet_href(tag: str) -> str | None:
    """The href of a stylesheet link for every medium, else None."""
    rel = tag_attribute(tag, "rel")
    if rel is None or rel.lower() != "stylesheet" or tag_attribute(tag, "media") is not None:
        return None
    return tag_attribute(tag, "href")


def _name(href: str) -> str:
    return href.split("?", 1)[0].rsplit("/", 1)[-1]


def wanted(href: str) -> bool:
    return any(pattern.fullmatch(_name(href)) for pattern in INLINED)


def stylesheets(site_dir: Path) -> dict[str, str]:
    """File name -> text of every stylesheet to inline, from the built site."""
    found = {}
    for path in (site_dir / "assets" / "stylesheets").glob("*.css"):
        if wanted(path.name):
            text = path.read_text("utf-8")
            if "</style" in text.lower():
                raise ValueError(f"{path.name}: contains '</style', which would end the inlined block early")
            found[path.name] = text
    return found


def inline(html: str, sheets: dict[str, str]) -> tuple[str, list[str]]:
    """The page with each wanted stylesheet link in <head> replaced by its
    text, and the names linked but not found (a build problem)."""
    head_end = html.find("</head>")
    if head_end < 0:
        return html, []
    missing: list[str] = []

    def swap(match: re.Match) -> str:
        href = _stylesheet_href(match.group(0))
        if href is None or not wanted(href):
            return match.group(0)
        name = _name(href)
        if name not in sheets:
            missing.append(name)
            return match.group(0)
        return f'<style {MARK}="{name}">{sheets[name]}</style>'

    return LINK.sub(swap, html[:head_end]) + html[head_end:], missing


AFTER_PAINT_DATA = re.compile(r"""<script\b(?=[^>]*\sid=["']?ipm-after-paint\b)[^>]*>(.*?)</script>""", re.S)


def after_paint_urls(html: str) -> list[str]:
    """The addresses a built page loads after its first paint, as written
    in it (relative to the page), scripts first."""
    found = AFTER_PAINT_DATA.search(html)
    if not found:
        return []
    later = json.loads(found.group(1))
    return _in_order(later.get("scripts", []), later.get("print"))


INLINE_STYLE = re.compile(rf'<style {MARK}="[^"]*">(.*?)</style>', re.S)


def inlined_styles(html: str) -> list[str]:
    """The text of every <style> this module wrote into a page."""
    return INLINE_STYLE.findall(html)


def after_paint_files(ipm: dict) -> list[str]:
    """The site paths of extra.ipm.after_first_paint, scripts first."""
    later = ipm.get("after_first_paint") or {}
    return _in_order(later.get("scripts", []), later.get("print_css"))


def _in_order(scripts: list[str], print_css: str | None) -> list[str]:
    """The files loaded after the first paint, in loading order: the
    scripts, then the print stylesheet (the page's data block and
    mkdocs.yml name the same files under different keys)."""
    return [*scripts, *([print_css] if print_css else [])]


def missing_after_paint(site_dir: Path, ipm: dict) -> list[str]:
    """A file named in extra.ipm that the build did not write: the files
    loaded after the first paint, and the search worker started in place
    of Material's (a missing one would leave search without results)."""
    named = [("after_first_paint", path) for path in after_paint_files(ipm)]
    if ipm.get("search_worker"):
        named.append(("search_worker", ipm["search_worker"]))
    return [
        f"mkdocs.yml: extra.ipm.{key} names {path}, which the build did not write; fix: use the built name (the minify plugin writes .min. files for its js_files)"
        for key, path in named
        if not (site_dir / path).is_file()
    ]
