"""Checks on the built HTML that Markdown-level checks cannot see.

MkDocs checks Markdown links, but not links written as HTML (the
condition matrix, the body map, a page's own <a href>), not ids given
twice on one page, and nothing checks that a page loads nothing from
another host. These rules read each page as the browser gets it, so they
also cover text the build generates. hooks/built_html.py runs them at the
end of every build; tests/checks.py uses the same functions on small
broken sites.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from lxml import html as lxml_html

LOCAL = "ipm.invalid"  # stands for the site's own host when resolving links
NOT_CHECKED = ("mailto:", "tel:", "javascript:", "data:", "blob:")
XLINK_HREF = "xlink:href"

# Attributes that make the browser fetch a resource, by element. SVG
# names are lowercase because the HTML parser lowercases them.
FETCHED = {
    "script": ("src", "href", XLINK_HREF),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "audio": ("src",),
    "video": ("src", "poster"),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
    "image": ("href", XLINK_HREF),
    "feimage": ("href", XLINK_HREF),
    "use": ("href", XLINK_HREF),
}
# <link rel> values the browser fetches (canonical and alternate are not).
FETCHED_RELS = {
    "stylesheet", "icon", "preload", "prefetch", "preconnect", "dns-prefetch",
    "modulepreload", "manifest", "apple-touch-icon", "mask-icon",
}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""", re.I)


def is_outside(ref: str) -> bool:
    """A reference to another host (scheme://host/... or //host/...)."""
    ref = ref.strip()
    return bool(urlsplit(ref).netloc) or ref.startswith("//")


def srcset_urls(value: str) -> list[str]:
    """The URLs of a srcset: comma-separated candidates, each a URL and an
    optional width or density."""
    return [part.split()[0] for part in value.split(",") if part.split()]


def css_outside(text: str) -> list[str]:
    """url(...) and @import targets on other hosts in a piece of CSS."""
    found = []
    for match in CSS_URL.finditer(text):
        ref = (match.group(2) or match.group(4) or "").strip()
        if is_outside(ref):
            found.append(ref)
    return found


@dataclass
class PageFacts:
    """What the checks need from one built page."""

    ids: Counter = field(default_factory=Counter)
    anchors: set = field(default_factory=set)  # ids and <a name>
    links: list = field(default_factory=list)  # (element, attribute, address)
    outside: list = field(default_factory=list)  # descriptions


def scan(text: str) -> PageFacts:
    facts = PageFacts()
    root = lxml_html.document_fromstring(text) if text.strip() else None
    if root is None:
        return facts
    for node in root.iter():
        if not isinstance(node.tag, str):
            continue
        tag = node.tag.lower()
        attrs = node.attrib
        ident = attrs.get("id")
        if ident is not None:
            facts.ids[ident] += 1
            facts.anchors.add(ident)
        if tag == "a" and attrs.get("name"):
            facts.anchors.add(attrs["name"])
        if tag in ("a", "area"):
            attr = "href" if "href" in attrs else XLINK_HREF
            if attr in attrs:
                facts.links.append((tag, attr, attrs[attr]))
        for attr in FETCHED.get(tag, ()):
            value = attrs.get(attr)
            if not value:
                continue
            urls = srcset_urls(value) if attr == "srcset" else [value]
            facts.outside += [f"<{tag} {attr}={url!r}>" for url in urls if is_outside(url)]
            facts.links += [(tag, attr, url) for url in urls if not is_outside(url)]
        if tag == "link" and attrs.get("href"):
            href = attrs["href"]
            if set((attrs.get("rel") or "").lower().split()) & FETCHED_RELS and is_outside(href):
                facts.outside.append(f"<link rel={attrs.get('rel')!r} href={href!r}>")
            facts.links.append((tag, "href", href))
        # url(...) in any attribute: style, and SVG presentation
        # attributes such as fill, filter, mask or clip-path.
        for name, value in attrs.items():
            if "url(" in value.lower():
                facts.outside += [f"<{tag} {name}=\"url({ref})\">" for ref in css_outside(value)]
        if tag == "style":
            facts.outside += [f"<style> url({ref})" for ref in css_outside(node.text_content())]
    return facts


def duplicate_ids(label: str, facts: PageFacts) -> list[str]:
    return [
        f"{label}: id '{ident}' is used {count} times on the page; fix: give each heading or element its own id (e.g. {{#{ident}-2}})"
        for ident, count in sorted(facts.ids.items())
        if count > 1
    ]


def outside_resources(label: str, facts: PageFacts) -> list[str]:
    return [
        f"{label}: {what} loads from another host; fix: serve the file from this site (docs/assets/) or remove it"
        for what in facts.outside
    ]


def site_files(site_dir: Path) -> set[str]:
    """Every file of a built site, site-relative with '/' separators: read
    once per build, so that resolving links does not ask the file system
    about each of them (every page links every other through the
    navigation, so the number of links grows with the square of pages)."""
    return {path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*") if path.is_file()}


def _target(site_dir: Path, path: str, files: set[str] | None = None) -> str | None:
    """The built file a URL path names (site-relative), or None. files:
    the site's files (site_files), if already known."""
    path = unquote(path).lstrip("/")
    candidates = [path + "index.html"] if path == "" or path.endswith("/") else [path, path + "/index.html"]
    for candidate in candidates:
        if (candidate in files) if files is not None else (site_dir / candidate).is_file():
            return candidate
    return None


@lru_cache(maxsize=None)
def _attribute_pattern(name: str) -> re.Pattern:
    return re.compile(rf"""\s{re.escape(name)}=(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.I)


def tag_attribute(tag: str, name: str) -> str | None:
    """The value of attribute `name` in one start tag written as text,
    double-quoted, single-quoted or unquoted (as the minifier leaves it),
    or None if the tag does not have it."""
    found = _attribute_pattern(name).search(tag)
    return next(group for group in found.groups() if group is not None) if found else None


# A relative path with at most a fragment: what MkDocs writes for every menu
# link. Resolved with posixpath, several times faster than urljoin, which
# matters because every page links its whole menu (benchmarks/performance.md).
_PLAIN_RELATIVE = re.compile(r"[A-Za-z0-9._~/-]*(?:#[^#]*)?")


def _resolve(base: str, ref: str) -> tuple[str, str, str]:
    """(netloc, path, fragment) of urljoin(base, ref), quicker for plain
    relative paths; base is a directory address on LOCAL."""
    if not _PLAIN_RELATIVE.fullmatch(ref) or ref.startswith("/"):
        parts = urlsplit(urljoin(base, ref))
        return parts.netloc, parts.path, parts.fragment
    path, _, fragment = ref.partition("#")
    base_path = base[len(f"http://{LOCAL}"):]
    if not path:
        return LOCAL, base_path, fragment
    joined = posixpath.normpath(posixpath.join(base_path, path))
    # normpath drops a trailing slash, and may leave "//" or go above the
    # root, which a browser clamps to "/".
    joined = "/" + joined.lstrip("/")
    while joined == "/.." or joined.startswith("/../"):
        joined = joined[3:] or "/"
    if path.rsplit("/", 1)[-1] in ("", ".", "..") and not joined.endswith("/"):
        joined += "/"
    return LOCAL, joined, fragment


def link_problems(
    label: str, page_path: str, facts: PageFacts, site_dir: Path, pages: dict[str, PageFacts], site_url: str = "",
    files: set[str] | None = None,
) -> list[str]:
    """Links and files on one page (page_path: its file, e.g.
    procedures/x/index.html) that go to a missing page, file or anchor.
    Addresses on the site's own address (site_url) count as internal.
    files: the site's files (site_files), to skip file-system look-ups."""
    base = f"http://{LOCAL}/" + page_path.removesuffix("index.html")
    site_url = site_url.rstrip("/") + "/" if site_url else ""
    out = []
    for tag, attr, href in facts.links:
        ref = href.strip()
        if not ref or ref.lower().startswith(NOT_CHECKED):
            continue
        if site_url and ref.startswith(site_url):
            ref = "/" + ref[len(site_url):]
        netloc, path, fragment = _resolve(base, ref)
        if netloc != LOCAL:
            continue  # a link to another site
        target = _target(site_dir, path, files)
        if target is None:
            if tag in ("a", "area"):
                out.append(f"{label}: <{tag} {attr}={href!r}> goes to a page that does not exist; fix: correct the address (a Markdown link to the .md file is checked by MkDocs)")
            else:
                out.append(f"{label}: <{tag} {attr}={href!r}> names a file the site does not have; fix: add the file under docs/ or correct the address")
            continue
        fragment = unquote(fragment)
        if not fragment or not target.endswith(".html"):
            continue
        if target not in pages:
            pages[target] = scan((site_dir / target).read_text("utf-8", errors="replace"))
        if fragment not in pages[target].anchors:
            where = "this page" if target == page_path else f"/{target.removesuffix('index.html')}"
            out.append(f"{label}: <{tag} {attr}={href!r}> points to '#{fragment}', which {where} does not have; fix: link an existing heading id or add {{#{fragment}}} to the heading")
    return out


def css_problems(site_dir: Path) -> list[str]:
    """Built stylesheets that load fonts or images from another host."""
    out = []
    for css in sorted(site_dir.rglob("*.css")):
        label = css.relative_to(site_dir).as_posix()
        out += [f"{label}: url({ref}) loads from another host; fix: serve the file from this site or remove it" for ref in css_outside(css.read_text("utf-8", errors="replace"))]
    return out
