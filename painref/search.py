"""Search index additions: procedure aliases as a ranked field, and the
vocabulary used to correct misspelt queries in the browser.

Why post-process the index file: Material's search plugin writes
``search/search_index.json``, whose ``config.fields`` tells the in-browser
worker which fields to index and how to weigh them (documented plugin
option ``fields``). Adding an ``aliases`` field to the page-level entries
of that file uses only this documented file format, not the plugin's
Python internals, so it keeps working across Material releases and is easy
to port to another generator.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from . import browse, guidelines, render, template

ALIAS_FIELD = "aliases"
TAG = re.compile(r"<[^>]+>")
WORD = re.compile(r"^[a-z][a-z']*[a-z]$")
# search.js corrects only words of 5+ letters, by one edit, so a word of
# under 4 letters can never be a correction nor start a corrected word:
# such words are left out of vocabulary.json.
SHORTEST_USEFUL = 4


def add_aliases(index: dict, aliases_by_url: dict[str, list[str]]) -> int:
    """Put each page's aliases on its page-level entry; return how many."""
    if ALIAS_FIELD not in index["config"]["fields"]:
        raise ValueError(
            f"search index has no '{ALIAS_FIELD}' field; fix: add it under plugins: search: fields: in mkdocs.yml"
        )
    separator = re.compile(index["config"]["separator"])
    done = 0
    for entry in index["docs"]:
        aliases = aliases_by_url.get(entry["location"])
        if aliases is not None:
            entry[ALIAS_FIELD] = " ".join(unique_words(aliases, separator))
            done += 1
    return done


def unique_words(aliases: list[str], separator: re.Pattern) -> list[str]:
    """Each word once: lunr counts repeats, and a page with many aliases
    sharing a word ("SI joint RFA", "SIJ RFA", ...) would otherwise outrank
    the page whose own short name that word is."""
    seen, words = set(), []
    for alias in aliases:
        for word in separator.split(alias):
            if word and word.lower() not in seen:
                seen.add(word.lower())
                words.append(word)
    # Material adds a trailing * to each query term, so "injection" also
    # matches "injections": keeping both would count that word twice.
    return [word for word in words if not (word.lower().endswith("s") and word.lower()[:-1] in seen)]


def vocabulary(index: dict) -> dict:
    """Words of the index for typo correction, each with a weight.

    The weight favours words that name things (titles, aliases) over words
    that merely occur in running text, then how many entries use them.
    """
    separator = re.compile(index["config"]["separator"])
    weight: Counter = Counter()
    for entry in index["docs"]:
        for field, bonus in (("title", 50), (ALIAS_FIELD, 50), ("text", 1)):
            value = TAG.sub(" ", entry.get(field, "")).lower()
            for word in set(separator.split(value)):
                if WORD.match(word):
                    weight[word] += bonus
    words = sorted(word for word in weight if len(word) >= SHORTEST_USEFUL)
    return {"words": words, "weights": [weight[word] for word in words]}


REFERENCE_SECTION = "#references"
FOOTNOTE_MARK = re.compile(r"<sup[^>]*>.*?</sup>", re.S)
# Sections the build writes on every procedure or condition page from data
# that another page holds in full: the At a glance box (the procedure's
# own front matter, its aliases already a field), the guideline table
# (/guidelines/), the FAQ's questions (/faq/) and, on condition pages, the
# table of procedures (each procedure page says what it treats). Indexed
# once, on that other page, not on every page: 12% of the index's entries,
# no query of data/search-queries.yml ranks differently without them, and
# every query is answered faster (benchmarks/performance.md).
DUPLICATE_SECTIONS = {
    "procedures": {render.GLANCE_ID, guidelines.SECTION_ID, *template.GENERATED_SECTIONS},
    "conditions": set(browse.GENERATED_CONDITION_SECTIONS),
}
SECTION_LOCATION = re.compile(r"^(procedures|conditions)/[^/#]+/#(.+)$")


def _duplicate(location: str) -> bool:
    found = SECTION_LOCATION.match(location)
    return bool(found) and found.group(2) in DUPLICATE_SECTIONS[found.group(1)]


def slim(index: dict) -> int:
    """Keep reference lists, footnote numbers and generated duplicate
    sections (DUPLICATE_SECTIONS) out of the index.

    Author names, journal titles and reference numbers only add noise to
    results (a search for "Cohen" should not list every page citing a
    Cohen), and they were the largest part of the index that every reader
    downloads. Returns how many entries were dropped.
    """
    before = len(index["docs"])
    index["docs"] = [
        entry
        for entry in index["docs"]
        if not entry["location"].endswith(REFERENCE_SECTION) and not _duplicate(entry["location"])
    ]
    for entry in index["docs"]:
        entry["text"] = FOOTNOTE_MARK.sub("", entry.get("text", ""))
    return before - len(index["docs"])


def rewrite(site_dir: Path, aliases_by_url: dict[str, list[str]]) -> tuple[int, int]:
    """Slim the built index, add aliases and write search/vocabulary.json."""
    path = site_dir / "search" / "search_index.json"
    index = json.loads(path.read_text("utf-8"))
    slim(index)
    done = add_aliases(index, aliases_by_url)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8")
    vocab = vocabulary(index)
    (site_dir / "search" / "vocabulary.json").write_text(
        json.dumps(vocab, ensure_ascii=False, separators=(",", ":")), "utf-8"
    )
    return done, len(vocab["words"])
