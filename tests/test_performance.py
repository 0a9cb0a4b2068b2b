"""What keeps pages light and fast (measured in benchmarks/performance.md by
scripts/benchmark.py): checked on the built site, so that a change to the
templates, mkdocs.yml or the index rules cannot undo it unnoticed."""

from __future__ import annotations

import json
import re

import searching
from bs4 import BeautifulSoup
from painref import first_paint, headers, search

PROCEDURE = "procedures/radiofrequency-ablation/index.html"


def _head(html: str) -> str:
    return html[: html.index("</head>")]


def test_only_the_theme_stylesheet_is_fetched_before_the_first_paint(site):
    html = (site / PROCEDURE).read_text("utf-8")
    head = BeautifulSoup(_head(html), "html.parser")
    linked = [link["href"].rsplit("/", 1)[-1] for link in head.select("link[rel=stylesheet]") if not link.find_parent("noscript")]
    assert len(linked) == 1 and linked[0].startswith("main."), linked
    # Material's palette and the site's stylesheet are in the page, byte for
    # byte the built files (read from the page's text, not re-serialised).
    inlined = dict(re.findall(r'<style data-ipm-inline="([^"]+)">(.*?)</style>', _head(html), re.S))
    assert sorted(name.split(".")[0] for name in inlined) == ["extra", "palette"], list(inlined)
    assert len(head.find_all("style")) == 2
    for name, text in inlined.items():
        assert (site / "assets" / "stylesheets" / name).read_text("utf-8") == text, name
    # Print styles: after the first paint, or from <noscript> without
    # JavaScript (html.parser reads <noscript> content as markup).
    printed = [link for link in head.select("noscript link[rel=stylesheet]") if link["href"].endswith("print.css")]
    assert len(printed) == 1 and printed[0]["media"] == "print"
    # No script file is fetched by the markup but Material's bundle.
    sources = [script["src"] for script in BeautifulSoup(html, "html.parser").select("script[src]")]
    assert len(sources) == 1 and "bundle." in sources[0], sources


def test_files_loaded_after_the_first_paint_exist(site):
    html = (site / PROCEDURE).read_text("utf-8")
    base = site / PROCEDURE
    files = first_paint.after_paint_urls(html)
    assert [name.rsplit("/", 1)[-1] for name in files] == ["site.min.js", "search.min.js", "print.css"]
    for url in files:
        assert (base.parent / url).resolve().is_file(), url


def test_build_fails_on_a_missing_file_listed_for_after_the_first_paint(tmp_path):
    (tmp_path / "assets" / "javascripts").mkdir(parents=True)
    (tmp_path / "assets" / "javascripts" / "site.min.js").write_text("", "utf-8")
    ipm = {"after_first_paint": {"scripts": ["assets/javascripts/site.min.js", "assets/javascripts/search.js"], "print_css": "assets/print.css"}}
    problems = first_paint.missing_after_paint(tmp_path, ipm)
    assert len(problems) == 2 and "search.js" in problems[0] and "print.css" in problems[1]
    assert all(line.startswith("mkdocs.yml: extra.ipm.after_first_paint names ") and "; fix: " in line for line in problems)


def test_inlining_replaces_only_the_small_stylesheets_and_reports_missing_ones():
    page = (
        '<html><head><link rel="stylesheet" href="../assets/stylesheets/main.1.min.css">'
        '<link rel="stylesheet" href="../assets/stylesheets/palette.ab12.min.css">'
        '<link rel="stylesheet" href="../assets/stylesheets/extra.min.css"></head>'
        '<body><link rel="stylesheet" href="extra.min.css"></body></html>'
    )
    html, missing = first_paint.inline(page, {"palette.ab12.min.css": "a{}"})
    assert '<style data-ipm-inline="palette.ab12.min.css">a{}</style>' in html
    assert "main.1.min.css" in html  # Material's main stylesheet stays a link
    assert missing == ["extra.min.css"]
    assert html.endswith('<body><link rel="stylesheet" href="extra.min.css"></body></html>')  # <head> only
    assert first_paint.inlined_styles(html) == ["a{}"]
    # The security policy allows the marked blocks (by hash), no other.
    assert headers.problems(html, "ok.html") == []
    assert headers.problems("<style>a{}</style>", "bad.html")


def test_search_index_is_requested_on_demand_before_material_starts(site):
    html = (site / PROCEDURE).read_text("utf-8")
    hold = html.find("search_index")
    bundle = re.search(r'<script src="?[^" >]*bundle\.[0-9a-f]+\.min\.js', html)
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
    # The sitemap (instant navigation needs it), the site's scripts and the
    # print stylesheet are still fetched, but only after the load event:
    # stamped by the page itself, so the order is the browser's own.
    timing = page.evaluate(
        """() => {
          const load = performance.getEntriesByType('navigation')[0].loadEventStart;
          const names = ['/sitemap.xml', '/site.min.js', '/search.min.js', '/print.css'];
          const found = performance.getEntriesByType('resource');
          return {load, starts: Object.fromEntries(names.map(n => [n, (found.find(r => r.name.endsWith(n)) || {}).startTime]))};
        }"""
    )
    assert all(start is not None and start >= timing["load"] for start in timing["starts"].values()), timing
    # and the scripts ran, without errors.
    page.wait_for_function("() => window.ipmAfterPaint === 'loaded'")
    assert page.console_errors == []


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

