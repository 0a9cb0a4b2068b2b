"""Run queries through the site's real search box, key by key.

Shared by tests/test_search.py and scripts/search_benchmark.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

QUERY_FILE = Path(__file__).resolve().parent.parent / "data" / "search-queries.yml"

# Installed once per page: stamps the last keystroke in the search box and
# the last change to the result list, so that "results on screen" can be
# measured and waited for.
WATCH = """() => {
  if (window.__ipmWatch) return;
  const box = document.querySelector('[data-md-component=search-query]');
  const result = document.querySelector('[data-md-component=search-result]');
  window.__ipmWatch = {key: 0, change: 0};
  box.addEventListener('keyup', () => { window.__ipmWatch.key = performance.now(); }, true);
  new MutationObserver(() => { window.__ipmWatch.change = performance.now(); })
    .observe(result, {childList: true, subtree: true, characterData: true});
}"""

# Settled: the list changed after the last keystroke and has been quiet
# for `quiet` ms.
SETTLED = """quiet => {
  const w = window.__ipmWatch;
  return w.change > w.key && performance.now() - w.change > quiet;
}"""


@dataclass
class Outcome:
    query: str
    expect: str
    kind: str
    results: list[str]  # procedure slugs or paths of the results, in order
    note: str  # the "Showing results for" text, if any
    latency_ms: float  # last keystroke to last change of the result list

    @property
    def rank(self) -> int | None:
        return self.results.index(self.expect) + 1 if self.expect in self.results else None


def load_queries() -> list[dict]:
    return yaml.safe_load(QUERY_FILE.read_text("utf-8"))["queries"]


def _slug(href: str) -> str:
    path = urlsplit(href).path.strip("/")
    parts = path.split("/")
    if len(parts) >= 2 and parts[0] == "procedures":
        return parts[1]
    return path or "/"


def open_search(page):
    box = page.locator("input.md-search__input")
    if box.is_visible():
        box.click()
    else:
        page.locator("label.md-header__button[for='__search']").first.click()
    page.evaluate(WATCH)
    return box


def wait_until_ready(page):
    """Wait until the search index is loaded: Material says "Initializing
    search" until then, and a query typed before it gets no results."""
    page.wait_for_function(
        "() => !document.querySelector('.md-search-result__meta').textContent.includes('Initializing')"
    )


def run(page, box, query: str, expect: str = "", kind: str = "", delay: int = 10, quiet: int = 120, paste: bool = False) -> Outcome:
    """Clear the box, type the query key by key, wait for the results.

    paste: put in all but the last character at once, as a paste does, and
    type that one. Material searches on each keyup, so this is one search
    per query instead of one per key: the long query list runs in a
    fraction of the time and ends in the same state (the benchmark types
    every key, to measure what a typist waits for).
    """
    if box.input_value():
        box.press("Control+a")
        box.press("Backspace")
        page.wait_for_function(SETTLED, arg=60)
    if paste and len(query) > 1:
        box.fill(query[:-1])
    box.press_sequentially(query[-1] if paste and len(query) > 1 else query, delay=delay)
    page.wait_for_function(SETTLED, arg=quiet)
    data = page.evaluate("""() => ({
      hrefs: [...document.querySelectorAll('.md-search-result__item > .md-search-result__link')].map(a => a.href),
      note: (document.querySelector('.ipm-search-note') || {}).textContent || '',
      latency: window.__ipmWatch.change - window.__ipmWatch.key,
    })""")
    slugs = []
    for href in data["hrefs"]:
        slug = _slug(href)
        if slug not in slugs:
            slugs.append(slug)
    return Outcome(query, expect, kind, slugs, data["note"], data["latency"])
