"""The built site in Chromium: loading, privacy, search and accessibility."""

from __future__ import annotations

import pytest

import checks
import searching
from browser import axe_result, start_axe

pytestmark = pytest.mark.browser


def test_home_loads_without_errors_or_outside_requests(page, context):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto("/")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").count() == 1
    assert page.console_errors == []
    assert context.outside_requests == []
    assert requests and all(url.startswith(page.url.split("/")[0] + "//127.0.0.1") for url in requests)


def test_home_search_button_opens_search(page):
    page.goto("/")
    page.get_by_role("button", name="Search the site").click()
    assert page.locator("input.md-search__input").evaluate("el => el === document.activeElement")


@pytest.mark.parametrize(
    "query, expected",
    [
        ("fluoroscopy", "/imaging-guidance/"),
        ("insurance", "/access-and-insurance/"),
    ],
)
def test_search_box_finds_the_right_page(page, query, expected):
    page.goto("/")
    outcome = searching.run(page, searching.open_search(page), query)
    assert outcome.results[:1] == [expected.strip("/")], outcome.results[:5]


def test_every_page_has_no_wcag_violations(site, new_context):
    """axe-core, WCAG 2.2 A and AA, every built page, in both colour schemes.

    The two schemes are checked side by side, a page each (two renderer
    processes), so that both cores work: it halves the longest test.
    """
    pages = {scheme: new_context(color_scheme=scheme).new_page() for scheme in ("light", "dark")}
    failures = {}
    for url in checks.html_pages(site):
        for page in pages.values():
            page.goto(url, wait_until="commit")
        for page in pages.values():
            page.wait_for_load_state("load")
        assert pages["dark"].evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate", url
        for page in pages.values():
            start_axe(page)
        for scheme, page in pages.items():
            found = axe_result(page)
            if found:
                failures[f"{scheme} {url}"] = found
    assert failures == {}
