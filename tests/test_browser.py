"""The built site in Chromium: loading, privacy, search and accessibility."""

from __future__ import annotations

import pytest

import checks
import searching
from browser import axe_violations

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


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_has_no_wcag_violations(site, base_url, browser, scheme):
    """axe-core, WCAG 2.2 A and AA, every built page, in both colour schemes."""
    context = browser.new_context(base_url=base_url, color_scheme=scheme)
    page = context.new_page()
    failures = {}
    for url in checks.html_pages(site):
        page.goto(url)
        if scheme == "dark":
            assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        found = axe_violations(page)
        if found:
            failures[url] = found
    context.close()
    assert failures == {}
