"""The built site in Chromium as a host would serve it: with the generated
security headers, the 404 page for unknown addresses, and printed to PDF."""

from __future__ import annotations

import io
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

import hosting
import searching
from browser import axe_violations

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
PAGE_KINDS = {
    "home": "/",
    "procedure": "/procedures/epidural-steroid-injection/",
    "condition": "/conditions/sciatica-and-radiculopathy/",
    "region": "/regions/lower-back/",
    "faq": "/faq/",
    "glossary": "/glossary/",
    "guidelines": "/guidelines/",
    "sources": "/sources/",
}
PRINTED = "epidural-steroid-injection"
MAX_PRINTED_PAGES = 12

# Records every Content-Security-Policy violation of the page, from the
# first script on (before any of the site's own).
WATCH_CSP = """
window.__cspViolations = [];
window.addEventListener('securitypolicyviolation', function (event) {
  window.__cspViolations.push(event.violatedDirective + ' ' + (event.blockedURI || '') + ' ' + (event.sample || ''));
}, true);
"""


@pytest.fixture(scope="module")
def host(site, server, base_url):
    """The session's local server (tests/hosting.py), for this module with
    the site's _headers rules on every response. The site stays at the address it was built for, as
    in production: instant navigation follows only the links of the
    sitemap, which are written for that address."""
    server.rules = hosting.parse_headers((site / "_headers").read_text("utf-8"))
    yield base_url
    server.rules = []


@pytest.fixture
def host_page(host, page):
    """A page (conftest: console errors, no request off 127.0.0.1) that
    also records every Content-Security-Policy violation."""
    page.add_init_script(WATCH_CSP)
    return page


def _violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations")


def _last_faq_id() -> str:
    """The last question: far down the page, so the scroll is real."""
    data = yaml.safe_load((ROOT / "data" / "faq.yml").read_text("utf-8"))
    return data["topics"][-1]["questions"][-1]["id"]


def test_every_page_kind_runs_under_the_security_headers(host_page, context):
    page = host_page
    found = {}
    for kind, url in PAGE_KINDS.items():
        response = page.goto(url)
        assert response.status == 200, url
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"], url
        page.wait_for_load_state("networkidle")
        if _violations(page) or page.console_errors:
            found[kind] = _violations(page) + page.console_errors
            page.console_errors.clear()

    # The real search box, its worker and its index, under the policy.
    page.goto("/")
    outcome = searching.run(page, searching.open_search(page), "SGB")
    assert outcome.results[:1] == ["stellate-ganglion-block"], outcome.results[:5]
    # A result opens through instant navigation (fetch and swap).
    page.locator(".md-search-result__item > .md-search-result__link").first.click()
    page.wait_for_url("**/procedures/stellate-ganglion-block/**")
    page.wait_for_load_state("networkidle")
    found["search"] = _violations(page) + page.console_errors
    page.console_errors.clear()

    # An FAQ deep link, opened and scrolled to by site.js.
    faq_id = _last_faq_id()
    page.goto(f"/faq/#{faq_id}")
    page.wait_for_load_state("networkidle")
    page.wait_for_function("id => { const r = document.getElementById(id).getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }", arg=faq_id)
    found["faq link"] = _violations(page) + page.console_errors
    page.console_errors.clear()

    # Both colour schemes, switched with the header toggle.
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function("old => document.body.getAttribute('data-md-color-scheme') !== old", arg=scheme)
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function("old => document.body.getAttribute('data-md-color-scheme') === old", arg=scheme)
    found["colour scheme"] = _violations(page) + page.console_errors

    assert {kind: problems for kind, problems in found.items() if problems} == {}
    assert context.outside_requests == []


def test_violation_watch_catches_an_inline_script_without_hash(host_page):
    """The watch above sees what the policy refuses: an inline script that
    the build did not hash (as a page with a new inline script would be)."""
    page = host_page
    page.goto("/sources/")
    page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.__ran = true'; document.body.append(s); }")
    page.wait_for_function("window.__cspViolations.length > 0")
    assert page.evaluate("window.__ran") is None
    assert _violations(page)[0].startswith("script-src")


def test_short_link_forwards_with_its_anchor_under_the_policy(host_page):
    page = host_page
    page.goto("/sgb/#risks")
    page.wait_for_url("**/procedures/stellate-ganglion-block/#risks")
    page.wait_for_load_state("networkidle")
    assert _violations(page) == [] and page.console_errors == []


@pytest.mark.parametrize("address", ["/typo/", "/procedures/no-such-procedure/", "/a/b/c/d/e/"])
def test_404_page_helps_at_any_depth(host_page, address):
    page = host_page
    failed = []
    page.on("response", lambda response: response.status >= 400 and failed.append(urlsplit(response.url).path))
    response = page.goto(address)
    assert response.status == 404
    assert page.title().startswith("Page not found")
    # Material's stylesheet loaded (absolute paths): the header is styled.
    assert page.locator(".md-header").evaluate("el => getComputedStyle(el).position") == "sticky"
    links = {
        a.text_content().strip(): a.evaluate("a => new URL(a.href).pathname + new URL(a.href).hash")
        for a in page.locator(".ipm-not-found-links a").all()
    }
    assert links["All procedures from A to Z"] == "/procedures/#a-to-z"
    assert links["Procedures and conditions by body region"] == "/regions/"
    assert links["Frequently asked questions"] == "/faq/"
    for href in links.values():
        assert page.request.get(href).status == 200, href
    if address == "/typo/":
        assert axe_violations(page) == []
    page.get_by_role("button", name="Search the site").click()
    box = page.locator("input.md-search__input")
    assert box.evaluate("el => el === document.activeElement")
    outcome = searching.run(page, searching.open_search(page), "SGB")
    assert outcome.results[:1] == ["stellate-ganglion-block"], outcome.results[:5]
    # The address itself is the only thing not found (Chromium logs that
    # as a console error); every asset and the search index loaded.
    assert failed == [address]
    errors = [text for text in page.console_errors if "status of 404" not in text]
    assert _violations(page) == [] and errors == []


def test_procedure_page_prints_as_a_clean_handout(site, base_url, page):
    pypdf = pytest.importorskip("pypdf")
    page.goto(f"/procedures/{PRINTED}/")
    page.wait_for_load_state("networkidle")
    reader = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = "\n".join(sheet.extract_text() for sheet in reader.pages)
    flat = " ".join(text.split())
    assert len(reader.pages) <= MAX_PRINTED_PAGES
    for chrome in ["Interventional Pain Medicine Reference", "Table of contents", "Initializing search", "Skip to content", "Copy link", "Back to top"]:
        assert chrome not in flat, chrome
    assert not re.search(r"\bSearch\b", flat)
    dates = page.locator(".ipm-review time").all_text_contents()
    assert dates and f"Last reviewed: {' '.join(dates[0].split())}" in flat
    assert f"This page: {base_url}/procedures/{PRINTED}/" in flat
    assert "It is not medical advice" in flat
    # Outside links carry their address, links within the site do not.
    assert "(https://" in flat
    assert f"({base_url}" not in flat


def test_print_hides_copy_buttons_and_opens_collapsed_blocks(page):
    page.goto("/faq/")
    # print.css is loaded just after the first paint (partials/speed.html).
    page.wait_for_function("() => [...document.styleSheets].some(s => s.href && s.href.endsWith('/print.css'))")
    assert page.locator(".ipm-copy-link").first.is_visible()
    page.evaluate("""() => {
      const block = document.createElement('details');
      block.innerHTML = '<summary>Closed</summary><p id="ipm-closed-answer">Inside</p>';
      document.querySelector('article').appendChild(block);
    }""")
    assert not page.locator("#ipm-closed-answer").is_visible()
    page.emulate_media(media="print")
    assert page.locator(".ipm-copy-link").evaluate_all("els => els.every(el => !el.checkVisibility())")
    assert page.locator("#ipm-closed-answer").is_visible()
