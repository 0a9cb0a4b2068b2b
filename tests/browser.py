"""Helpers for driving the built site in Chromium like a reader would."""

from __future__ import annotations

from pathlib import Path

import axe_playwright_python

AXE_SCRIPT = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text("utf-8")
# WCAG 2.0, 2.1 and 2.2, levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def axe_violations(page) -> list[str]:
    """Run axe-core on the current page; one line per violating node."""
    page.evaluate(AXE_SCRIPT)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return [
        f"{violation['id']}: {node['target']} {node.get('failureSummary', '').splitlines()[-1:]}"
        for violation in result["violations"]
        for node in violation["nodes"]
    ]


def search(page, query: str):
    """Open the real search box, type key by key, wait for the results.

    Material searches on keyup, so the text is typed, not filled in.
    """
    box = page.locator("input.md-search__input")
    if box.is_visible():
        box.click()  # wide screens show the box in the header
    else:
        page.locator("label.md-header__button[for='__search']").first.click()
    box.press_sequentially(query, delay=20)
    meta = page.locator(".md-search-result__meta")
    meta.wait_for()
    page.wait_for_function(
        "() => !/Initializing|Type to start/i.test(document.querySelector('.md-search-result__meta').textContent)"
    )
    return page.locator(".md-search-result__item > .md-search-result__link")
