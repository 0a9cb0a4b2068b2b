"""axe-core accessibility checks on the page open in Chromium."""

from __future__ import annotations

from pathlib import Path

import axe_playwright_python

AXE_SCRIPT = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text("utf-8")
# WCAG 2.0, 2.1 and 2.2, levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def start_axe(page) -> None:
    """Start axe-core on the current page without waiting for it, so that
    pages in other renderer processes can be checked at the same time."""
    page.evaluate(AXE_SCRIPT)
    page.evaluate(
        "tags => { window.__ipmAxe = axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}); }",
        WCAG_TAGS,
    )


def axe_result(page) -> list[str]:
    """Wait for start_axe's run; one line per violating node."""
    result = page.evaluate("() => window.__ipmAxe")
    return [
        f"{violation['id']}: {node['target']} {node.get('failureSummary', '').splitlines()[-1:]}"
        for violation in result["violations"]
        for node in violation["nodes"]
    ]


def axe_violations(page) -> list[str]:
    """Run axe-core on the current page; one line per violating node."""
    start_axe(page)
    return axe_result(page)
