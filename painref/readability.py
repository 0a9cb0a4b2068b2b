"""Reading grade of the plain-language parts of built procedure pages.

Usage: python -m painref.readability SITE_DIR   (after `mkdocs build`)

The plain-language parts are the template sections from "What is it?" to
"Questions to ask your doctor"; "For clinicians", "References" and the
generated boxes are exempt. Each paragraph, list item or table cell counts
as at least one sentence, so that a list without full stops is not scored
as one endless sentence.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import textstat
from bs4 import BeautifulSoup

from .template import PLAIN_SECTIONS

MAX_AVERAGE = 8.0
MAX_PAGE = 10.0


def plain_text(html: str) -> str:
    """The text of a page's plain-language sections, one unit per block."""
    article = BeautifulSoup(html, "lxml").select_one("article")
    units, keep = [], False
    for node in article.find_all(["h2", "p", "li", "td", "dd"]):
        if node.name == "h2":
            keep = node.get("id") in PLAIN_SECTIONS
            continue
        if not keep or node.find(["p", "li"]) or node.find_parent("figure"):
            continue
        for marker in node.select("sup"):
            marker.decompose()
        text = " ".join(node.get_text(" ").split())
        if text:
            units.append(text if re.search(r"[.!?:]$", text) else text + ".")
    return " ".join(units)


def grade(html: str) -> float:
    return textstat.flesch_kincaid_grade(plain_text(html))


def grades(site: Path) -> dict[str, float]:
    """Procedure slug -> Flesch-Kincaid grade of its plain-language parts."""
    return {
        path.parent.name: grade(path.read_text("utf-8"))
        for path in sorted((site / "procedures").glob("*/index.html"))
    }


def main(argv: list[str]) -> int:
    results = grades(Path(argv[1]))
    for slug, value in sorted(results.items(), key=lambda item: -item[1]):
        print(f"{value:5.1f}  {slug}")
    average = sum(results.values()) / len(results)
    print(f"{average:5.1f}  site average (limit {MAX_AVERAGE}; each page at most {MAX_PAGE})")
    return 0 if average <= MAX_AVERAGE and max(results.values()) <= MAX_PAGE else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
