"""What keeps pages light and fast (measured in benchmarks/performance.md by
scripts/benchmark.py): checked on the built site, so that a change to the
templates, mkdocs.yml or the index rules cannot undo it unnoticed."""

from __future__ import annotations

import json
import re

import searching
from painref import search

PROCEDURE = "procedures/radiofrequency-ablation/index.html"


def _head(html: str) -> str:
    return html[: html.index("</head>")]


def test_nothing_but_the_theme_and_site_styles_blocks_the_first_paint(site):
    html = (site / PROCEDURE).read_text("utf-8")
    head = _head(html)
    blocking = [href.rsplit("/", 1)[-1] for href in re.findall(r'<link rel="stylesheet" href="([^"]+)">', head)]
    assert blocking and all(name.startswith(("main.", "palette.", "extra.")) for name in blocking), blocking
    assert re.search(r'<link rel="stylesheet" href="[^"]*print\.css" media="print">', head)
    # No script file in <head>; the site's own scripts deferred.
    assert not re.search(r"<script[^>]*\ssrc=", head)
    for name in ("site", "search"):
        assert re.search(rf'<script src="[^"]*{name}\.min\.js" defer></script>', html), name


def test_search_index_is_requested_on_demand_before_material_starts(site):
    html = (site / PROCEDURE).read_text("utf-8")
    hold = html.find("search_index")
    bundle = re.search(r'<script src="[^"]*bundle\.[0-9a-f]+\.min\.js"', html)
    assert bundle and 0 < hold < bundle.start(), "partials/speed.html must come before the bundle"


def test_index_leaves_out_references_and_generated_duplicates(site):
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    locations = [entry["location"] for entry in index["docs"]]
    assert not [loc for loc in locations if loc.endswith("#references")]
    assert not [loc for loc in locations if search._duplicate(loc)]
    # Region pages keep their own lists.
    assert any(loc.startswith("regions/") and loc.endswith("#procedures") for loc in locations)
    vocab = json.loads((site / "search" / "vocabulary.json").read_text("utf-8"))
    assert min(len(word) for word in vocab["words"]) >= search.SHORTEST_USEFUL


def test_pages_styles_and_scripts_are_minified(site):
    html = (site / PROCEDURE).read_text("utf-8")
    assert "\n\n" not in html
    assert not (site / "assets" / "javascripts" / "site.js").exists()
    assert (site / "assets" / "stylesheets" / "extra.min.css").exists()


# --- in the browser: what loads when (overrides/partials/speed.html) -------

PROCEDURE_URL = "/procedures/radiofrequency-ablation/"


def _load_and_watch(page, url: str) -> list[str]:
    """Open url, wait until the network is idle; the list keeps growing
    with every later request of the page."""
    paths: list[str] = []
    page.on("request", lambda request: paths.append(request.url))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return paths


def test_reader_who_never_searches_never_downloads_the_index(page):
    paths = _load_and_watch(page, PROCEDURE_URL)
    assert not [url for url in paths if "search_index.json" in url]
    # The sitemap is still fetched (instant navigation needs it), but only
    # after the load event: stamped by the page itself, so the order is the
    # browser's own.
    assert [url for url in paths if url.endswith("/sitemap.xml")]
    timing = page.evaluate(
        """() => {
          const nav = performance.getEntriesByType('navigation')[0];
          const map = performance.getEntriesByType('resource').find(r => r.name.endsWith('/sitemap.xml'));
          return {load: nav.loadEventStart, map: map && map.startTime};
        }"""
    )
    assert timing["map"] is not None and timing["map"] >= timing["load"], timing


def test_index_loads_when_the_reader_goes_to_search_and_search_works(page):
    paths = _load_and_watch(page, PROCEDURE_URL)
    assert not [url for url in paths if "search_index.json" in url]
    outcome = searching.run(page, searching.open_search(page), "genicular radiofrequency")
    assert outcome.results[:1] == ["genicular-radiofrequency-ablation"], outcome.results[:5]
    assert [url for url in paths if "search_index.json" in url]


def test_instant_navigation_still_works_after_the_late_sitemap(page):
    _load_and_watch(page, "/faq/")
    page.evaluate("window.__ipmSamePage = true")
    page.locator(".md-sidebar--primary nav.md-nav--primary a.md-nav__link[href$='/procedures/']").click()
    page.wait_for_url("**/procedures/")
    # Loaded by Material's instant navigation: the window (and its mark) survived.
    assert page.evaluate("window.__ipmSamePage === true")
