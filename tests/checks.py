"""Checks on a built site folder, shared by the tests.

Each returns a list of problems (empty when fine), so the same function is
run on the real build (expecting none) and on small broken fixtures
(expecting the break to be caught).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

from painref.template import GENERATED_SECTIONS
from painref.template import PROCEDURE_SECTIONS as TEMPLATE_SECTIONS

SKIP_PAGES = {"404.html"}
RESOURCE_ATTRS = {
    "script": "src",
    "img": "src",
    "source": "src",
    "iframe": "src",
    "audio": "src",
    "video": "src",
    "embed": "src",
    "object": "data",
}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")
PERCENT = re.compile(r"\b\d+(?:\.\d+)?\s?%")


@lru_cache(maxsize=None)
def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "lxml")


def html_pages(site: Path) -> dict[str, Path]:
    """URL path (e.g. /procedures/) -> built file, for every page."""
    pages = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel in SKIP_PAGES:
            continue
        url = "/" + rel.removesuffix("index.html")
        pages[url] = path
    return pages


def soup(path: Path) -> BeautifulSoup:
    return _soup(path)


def _target_file(site: Path, url_path: str) -> Path | None:
    candidate = site / unquote(url_path).lstrip("/")
    if url_path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def _ids(path: Path) -> set[str]:
    return {tag["id"] for tag in _soup(path).find_all(id=True)}


def broken_links(site: Path) -> list[str]:
    """Internal href/src that do not resolve, or #anchors that do not exist."""
    problems = []
    for url, path in html_pages(site).items():
        page = _soup(path)
        for tag in page.find_all(["a", "link", *RESOURCE_ATTRS]):
            attr = "href" if tag.name in ("a", "link") else RESOURCE_ATTRS[tag.name]
            ref = tag.get(attr)
            if not ref or ref.startswith(("mailto:", "tel:", "javascript:", "data:")):
                continue
            parts = urlsplit(urljoin(f"http://site{url}", ref))
            if parts.netloc != "site":
                continue  # outside links are checked by outside_resources
            target = _target_file(site, parts.path)
            if target is None:
                problems.append(f"{url}: {tag.name} {attr}={ref!r} does not resolve")
                continue
            if parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in _ids(target):
                problems.append(f"{url}: link {ref!r} points to a missing anchor")
    return problems


def outside_resources(site: Path) -> list[str]:
    """Scripts, styles, fonts or images that a browser would fetch elsewhere."""
    problems = []
    for url, path in html_pages(site).items():
        page = _soup(path)
        for tag in page.find_all(["link", *RESOURCE_ATTRS]):
            attr = "href" if tag.name == "link" else RESOURCE_ATTRS[tag.name]
            ref = tag.get(attr) or ""
            if tag.name == "link" and not set(tag.get("rel") or []) & {"stylesheet", "icon", "preload", "prefetch", "preconnect", "dns-prefetch", "modulepreload", "manifest", "apple-touch-icon"}:
                continue  # canonical, alternate: not fetched by the browser
            if urlsplit(ref).netloc or ref.startswith("//"):
                problems.append(f"{url}: <{tag.name} {attr}={ref!r}> loads from an outside host")
        for style in page.find_all("style"):
            problems += [f"{url}: inline style loads {m!r}" for m in _css_outside(style.get_text())]
        for tag in page.find_all(style=True):
            problems += [f"{url}: style attribute loads {m!r}" for m in _css_outside(tag["style"])]
    for css in sorted(site.rglob("*.css")):
        problems += [f"{css.relative_to(site)}: loads {m!r}" for m in _css_outside(css.read_text("utf-8"))]
    return problems


def _css_outside(text: str) -> list[str]:
    found = []
    for match in CSS_URL.finditer(text):
        ref = (match.group(1) or match.group(2)).strip()
        if urlsplit(ref).netloc or ref.startswith("//"):
            found.append(ref)
    return found


def nav_links(site: Path) -> set[str]:
    """Page URLs reachable from the primary navigation of the home page."""
    home = _soup(site / "index.html")
    links = set()
    for anchor in home.select("nav.md-nav--primary a.md-nav__link[href]"):
        parts = urlsplit(urljoin("http://site/", anchor["href"]))
        links.add(parts.path)
    return links


def orphans(site: Path) -> list[str]:
    """Built pages that the navigation does not reach."""
    reachable = nav_links(site)
    return [url for url in html_pages(site) if url not in reachable]


def article(path: Path):
    """A page's article, freshly parsed so that callers may edit it."""
    return BeautifulSoup(path.read_text("utf-8"), "lxml").select_one("article.md-content__inner")


def unreferenced_figures(path: Path) -> list[str]:
    """Paragraphs and list items that state a percentage without a reference.

    The References list itself and generated boxes are exempt.
    """
    body = article(path)
    problems = []
    for block in body.find_all(["p", "li", "td"]):
        if block.find_parent(class_="footnote") or block.find_parent(class_="ipm-page-footer"):
            continue
        if block.find(["p", "li"]):  # judge the innermost block only
            continue
        text = block.get_text(" ", strip=True)
        if PERCENT.search(text) and not block.select("sup a.footnote-ref, a.footnote-ref"):
            problems.append(text[:120])
    return problems


def title_and_h1_problems(site: Path) -> list[str]:
    """Pages whose <title> is shared with another page or whose h1 count is not 1."""
    problems, seen = [], {}
    for url, path in html_pages(site).items():
        page = _soup(path)
        title = page.title.get_text(strip=True) if page.title else ""
        if title in seen:
            problems.append(f"{url}: <title> {title!r} is also used by {seen[title]}")
        seen.setdefault(title, url)
        count = len(page.find_all("h1"))
        if count != 1:
            problems.append(f"{url}: {count} h1 elements")
    return problems


MIN_PROCEDURE_WORDS = 900
MIN_REFERENCES = 3


def words(node) -> int:
    return len(re.findall(r"[A-Za-z][A-Za-z'-]*", node.get_text(" ")))


def procedure_problems(html: str) -> list[str]:
    """What a built procedure page lacks against the template."""
    page = BeautifulSoup(html, "lxml")
    body = page.select_one("article.md-content__inner")
    problems = []
    if len(body.find_all("h1")) != 1:
        problems.append("no single h1 title")
    aka = body.select_one(".ipm-aka")
    if aka is None or not aka.get_text().replace("Also known as:", "").strip():
        problems.append("no 'Also known as' names")
    sections = [h2.get("id") for h2 in body.find_all("h2") if h2.get("id") not in GENERATED_SECTIONS]
    if sections != TEMPLATE_SECTIONS:
        problems.append(f"sections {sections} differ from the template {TEMPLATE_SECTIONS}")
    references = body.select(".footnote > ol > li")
    if len(references) < MIN_REFERENCES:
        problems.append(f"{len(references)} references, at least {MIN_REFERENCES} needed")
    if len(body.select(".ipm-review time[datetime]")) != 2:
        problems.append("no review dates")
    for generated in body.select(".ipm-glance, .ipm-aka, .ipm-page-footer, .footnote, .headerlink"):
        generated.decompose()
    count = words(body)
    if count < MIN_PROCEDURE_WORDS:
        problems.append(f"{count} words, at least {MIN_PROCEDURE_WORDS} needed")
    return problems
