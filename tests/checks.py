"""Checks on a built site folder, shared by the tests.

Each returns a list of problems (empty when fine), so the same function is
run on the real build (expecting none) and on small broken fixtures
(expecting the break to be caught).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from painref import figures, htmlcheck
from painref.template import GENERATED_SECTIONS
from painref.template import PROCEDURE_SECTIONS as TEMPLATE_SECTIONS

SKIP_PAGES = {"404.html"}


@lru_cache(maxsize=None)
def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "lxml")


def html_pages(site: Path) -> dict[str, Path]:
    """URL path (e.g. /procedures/) -> built file, for every page."""
    pages = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel in SKIP_PAGES or is_redirect(path):
            continue
        url = "/" + rel.removesuffix("index.html")
        pages[url] = path
    return pages


def is_redirect(path: Path) -> bool:
    """A short or old link's stub page (mkdocs-redirects), not a page."""
    with path.open(encoding="utf-8") as file:
        return 'http-equiv="refresh"' in file.read(1000)


def soup(path: Path) -> BeautifulSoup:
    return _soup(path)


def _scans(site: Path) -> dict[str, "htmlcheck.PageFacts"]:
    """Each built page read by the build's own checker (painref.htmlcheck),
    keyed by its file path in the site."""
    return {path.relative_to(site).as_posix(): htmlcheck.scan(path.read_text("utf-8")) for path in html_pages(site).values()}


def broken_links(site: Path) -> list[str]:
    """Internal href/src that do not resolve, or #anchors that do not exist
    (the rule the build applies, on any built folder)."""
    scans = _scans(site)
    problems = []
    for path, facts in list(scans.items()):
        url = "/" + path.removesuffix("index.html")
        problems += htmlcheck.link_problems(url, path, facts, site, scans)
    return problems


def outside_resources(site: Path) -> list[str]:
    """Scripts, styles, fonts or images that a browser would fetch elsewhere
    (srcset, SVG <image> and url(...) included: painref.htmlcheck)."""
    problems = []
    for path, facts in _scans(site).items():
        problems += htmlcheck.outside_resources("/" + path.removesuffix("index.html"), facts)
    return problems + htmlcheck.css_problems(site)


def nav_links(site: Path) -> set[str]:
    """Page URLs reachable from the home page by the primary navigation
    alone, page by page: with navigation.prune a page's menu holds the top
    level and its own section, so a section's pages are reached through
    the section's index page, as a reader reaches them."""
    pages = html_pages(site)
    links, todo = {"/"}, ["/"]
    while todo:
        url = todo.pop()
        if url not in pages:
            continue
        for anchor in _soup(pages[url]).select("nav.md-nav--primary a.md-nav__link[href]"):
            target = urlsplit(urljoin("http://site" + url, anchor["href"])).path
            if target not in links:
                links.add(target)
                todo.append(target)
    return links


def orphans(site: Path) -> list[str]:
    """Built pages that the navigation does not reach."""
    reachable = nav_links(site)
    return [url for url in html_pages(site) if url not in reachable]


def article(path: Path):
    """A page's article, freshly parsed so that callers may edit it."""
    return BeautifulSoup(path.read_text("utf-8"), "lxml").select_one("article.md-content__inner")


def unreferenced_figures(path: Path) -> list[str]:
    """Blocks of a page's article that state a figure without a reference
    (the rule the build applies: painref.figures)."""
    return [finding.text[:120] for finding in figures.find(str(article(path)))]


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
