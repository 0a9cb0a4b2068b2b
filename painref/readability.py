"""Reading grade of the plain-language parts of the built site: procedure
and condition pages, and the articles (home, core pages, FAQ, glossary).

Usage: python -m painref.readability SITE_DIR   (after `mkdocs build`)

The plain-language parts are the template sections from "What is it?" to
"Questions to ask your doctor" on procedure and condition pages, and the
whole text of an article; "For clinicians", "References" and the
generated boxes are exempt, and so are the listing pages (LISTINGS). Each paragraph, list item or table cell counts
as at least one sentence, so that a list without full stops is not scored
as one endless sentence.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import textstat
from bs4 import BeautifulSoup

from .browse import PLAIN_CONDITION_SECTIONS
from .template import PLAIN_SECTIONS

MAX_AVERAGE = 8.0
MAX_PAGE = 10.0
# Top-level pages that are lists and tables built from the other pages,
# not prose: their "sentences" are names and table cells, so a reading
# grade says nothing about them. Every other top-level page is graded
# whole, except its technical sections.
LISTINGS = {"procedures", "conditions", "regions", "guidelines", "sources"}
TECHNICAL_SECTIONS = {"for-clinicians", "references"}


def plain_text(html: str, sections=PLAIN_SECTIONS, intro: bool = False) -> str:
    """The text of a page's plain-language sections, one unit per block
    (intro: the text before the first H2 counts too)."""
    article = BeautifulSoup(html, "lxml").select_one("article")
    units, keep = [], intro
    for node in article.find_all(["h2", "p", "li", "td", "dd"]):
        if node.name == "h2":
            keep = node.get("id") in sections
            continue
        if not keep or node.find(["p", "li"]) or node.find_parent("figure"):
            continue
        for marker in node.select("sup"):
            marker.decompose()
        text = " ".join(node.get_text(" ").split())
        if text:
            units.append(text if re.search(r"[.!?:]$", text) else text + ".")
    return " ".join(units)


def grade(html: str, sections=PLAIN_SECTIONS) -> float:
    return textstat.flesch_kincaid_grade(plain_text(html, sections))


def article_grade(html: str) -> float:
    """The grade of an article: all of it but its technical sections."""
    ids = {h2.get("id") for h2 in BeautifulSoup(html, "lxml").select("article h2")} - TECHNICAL_SECTIONS
    return textstat.flesch_kincaid_grade(plain_text(html, ids, intro=True))


def grades(site: Path) -> dict[str, float]:
    """Page ("procedures/<slug>", "conditions/<slug>") -> Flesch-Kincaid
    grade of its plain-language parts."""
    out = {}
    for folder, sections in (("procedures", PLAIN_SECTIONS), ("conditions", PLAIN_CONDITION_SECTIONS)):
        for path in sorted((site / folder).glob("*/index.html")):
            out[f"{folder}/{path.parent.name}"] = grade(path.read_text("utf-8"), sections)
    for path in [site / "index.html", *sorted(site.glob("*/index.html"))]:
        name = path.parent.name if path.parent != site else "home"
        if name in LISTINGS or not path.is_file():
            continue
        html = path.read_text("utf-8")
        if "<article" in html:  # not a redirect stub
            out[name] = article_grade(html)
    return out


def main(argv: list[str]) -> int:
    results = grades(Path(argv[1]))
    for slug, value in sorted(results.items(), key=lambda item: -item[1]):
        print(f"{value:5.1f}  {slug}")
    average = sum(results.values()) / len(results)
    print(f"{average:5.1f}  site average (limit {MAX_AVERAGE}; each page at most {MAX_PAGE})")
    return 0 if average <= MAX_AVERAGE and max(results.values()) <= MAX_PAGE else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
