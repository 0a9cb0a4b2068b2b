"""Checks on the built HTML of the real site, and proof that each check
catches the defect it exists for (small broken sites made in tmp_path)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

import checks

# URLs that the specification fixes as contracts (SITE-SPEC "URLs").
CORE_PAGES = [
    "/",
    "/what-is-interventional-pain-medicine/",
    "/history/",
    "/imaging-guidance/",
    "/benefits/",
    "/risks/",
    "/patient-selection/",
    "/access-and-insurance/",
    "/future/",
    "/about/",
    "/procedures/",
    "/conditions/",
    "/faq/",
]
MIN_WORDS = 500


def test_internal_links_and_anchors_resolve(site):
    assert checks.broken_links(site) == []


def test_no_page_is_orphaned_from_navigation(site):
    assert checks.orphans(site) == []


def test_titles_unique_and_one_h1_per_page(site):
    assert checks.title_and_h1_problems(site) == []


def test_no_outside_host_for_scripts_styles_fonts_images(site):
    assert checks.outside_resources(site) == []


@pytest.mark.parametrize("url", CORE_PAGES)
def test_core_page_exists_with_real_content(site, url):
    path = checks.html_pages(site)[url]
    body = checks.article(path)
    for generated in body.select(".ipm-page-footer, .headerlink, .footnote"):
        generated.decompose()
    words = len(re.findall(r"[A-Za-z][A-Za-z'-]*", body.get_text(" ")))
    assert words >= MIN_WORDS, f"{url}: {words} words"


def test_every_page_shows_review_dates_and_disclaimer(site):
    for url, path in checks.html_pages(site).items():
        footer = checks.soup(path).select_one("article .ipm-page-footer")
        assert footer is not None, url
        assert len(footer.select(".ipm-review time[datetime]")) == 2, url
        assert "It is not medical advice" in " ".join(footer.get_text().split()), url


def test_every_percentage_has_a_reference(site):
    problems = {}
    for url, path in checks.html_pages(site).items():
        found = checks.unreferenced_figures(path)
        if found:
            problems[url] = found
    assert problems == {}


# --- the checks themselves catch what they exist for -----------------------

PAGE = """<!doctype html><html><head><title>{title}</title>{head}</head><body>
<nav class="md-nav md-nav--primary">{nav}</nav>
<article class="md-content__inner md-typeset"><h1 id="top">T</h1>{body}</article></body></html>"""


def _write(site: Path, rel: str, body: str = "", title: str = "T", head: str = "", nav: str = ""):
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PAGE.format(title=title, head=head, nav=nav, body=body), "utf-8")


def test_link_check_catches_missing_page_and_missing_anchor(tmp_path):
    _write(tmp_path, "index.html", '<a href="a/">ok</a><a href="a/#top">ok</a><a href="b/">gone</a><a href="a/#nowhere">bad</a>')
    _write(tmp_path, "a/index.html")
    problems = checks.broken_links(tmp_path)
    assert len(problems) == 2
    assert any("'b/'" in p for p in problems) and any("a/#nowhere" in p for p in problems)


def test_orphan_check_catches_page_missing_from_nav(tmp_path):
    _write(tmp_path, "index.html", nav='<a class="md-nav__link" href="./">Home</a><a class="md-nav__link" href="a/">A</a>')
    # Reached through a's menu only (a pruned section), as a reader would.
    _write(tmp_path, "a/index.html", nav='<a class="md-nav__link" href="b/">B</a>')
    _write(tmp_path, "a/b/index.html")
    # Linked from an article, but from no menu.
    _write(tmp_path, "lost/index.html")
    _write(tmp_path, "a/b/c/index.html", body='<a href="../../../lost/">lost</a>')
    assert checks.orphans(tmp_path) == ["/a/b/c/", "/lost/"]


def test_outside_resource_check_catches_fonts_scripts_and_css(tmp_path):
    head = '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto"><script src="//cdn.example.net/x.js"></script><link rel="canonical" href="https://example.org/">'
    _write(tmp_path, "index.html", head=head, body='<img src="https://tracker.example.com/p.gif" alt="">')
    (tmp_path / "x.css").write_text("@font-face{src:url(https://fonts.gstatic.com/r.woff2)}", "utf-8")
    problems = checks.outside_resources(tmp_path)
    assert len(problems) == 4, problems  # the canonical link is not fetched


def test_figure_check_catches_unreferenced_percentage(tmp_path):
    body = '<p>It helped 48% of people.</p><p>It helped 9% of people.<sup><a class="footnote-ref" href="#fn:1">1</a></sup></p>'
    _write(tmp_path, "index.html", body=body)
    assert checks.unreferenced_figures(tmp_path / "index.html") == ["It helped 48% of people."]


def test_title_check_catches_duplicate_title_and_extra_h1(tmp_path):
    _write(tmp_path, "index.html", title="Same")
    _write(tmp_path, "a/index.html", title="Same", body="<h1>Second</h1>")
    problems = checks.title_and_h1_problems(tmp_path)
    assert sorted(problems) == ["/: <title> 'Same' is also used by /a/", "/a/: 2 h1 elements"]


def test_link_resolution_shortcut_agrees_with_urljoin():
    """The link check resolves menu links with posixpath instead of urljoin
    (for speed): on every mix of '.', '..', names, slashes and fragments
    both must name the same page."""
    from urllib.parse import urljoin, urlsplit

    from painref.htmlcheck import LOCAL, _resolve

    rng = random.Random(7)
    parts = ["..", ".", "x", "y.z", "", "..."]
    refs = ["", "#x", ".", "..", "../../../../x/", "a//b/", "x/..", "..x/", "/abs/", "a#b#c", "a?q=1", "https://e.org/x/"]
    refs += ["/".join(rng.choice(parts) for _ in range(rng.randint(1, 5))) + rng.choice(["", "/", "#f"]) for _ in range(2000)]
    for base in (f"http://{LOCAL}/", f"http://{LOCAL}/a/", f"http://{LOCAL}/procedures/x-3/"):
        for ref in refs:
            want = urlsplit(urljoin(base, ref))
            assert _resolve(base, ref) == (want.netloc, want.path, want.fragment), (base, ref)
