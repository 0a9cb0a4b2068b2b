"""The glossary: data/glossary.yml feeds /glossary/, its abbreviation list
and the <abbr> marks on every page.

Marking is done on the rendered HTML of a page's content, word by word,
and skips headings, links, code, the reference list, drawings and any
existing <abbr>: a tooltip inside a heading or a link would fight with the
element's own name for screen readers, and references are quoted titles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

from . import datafile

SKIP = {"h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "kbd", "abbr", "svg", "script", "style", "button", "title", "dt", "summary", "label"}
TOKEN = re.compile(r"(<!--.*?-->|<[^>]+>)", re.S)
TAG = re.compile(r"<(/?)([a-zA-Z0-9]+)([^>]*?)(/?)>", re.S)
VOID = {"br", "hr", "img", "input", "meta", "link", "source", "wbr", "col", "area", "base", "embed", "param", "track"}
FOOTNOTE_DIV = re.compile(r'class="[^"]*\bfootnote\b')


@dataclass(frozen=True)
class Term:
    term: str
    definition: str
    expansion: str | None = None


class GlossaryError(ValueError):
    pass


def load(path: Path, label: str = "data/glossary.yml") -> list[Term]:
    data = datafile.read(path, label, GlossaryError, "glossary")
    terms = [Term(item["term"], item["definition"], item.get("expansion")) for item in data["terms"]]
    problems, seen = [], set()
    for term in terms:
        if term.term.casefold() in seen:
            problems.append(f"{label}: term '{term.term}' is listed twice; fix: keep one entry")
        seen.add(term.term.casefold())
    if problems:
        raise GlossaryError("\n".join(problems))
    return sorted(terms, key=lambda t: t.term.casefold())


def abbreviations(terms: list[Term]) -> dict[str, str]:
    return {t.term: t.expansion for t in terms if t.expansion}


def _letter(term: Term) -> str:
    first = term.term[0].upper()
    return first if first.isalpha() else "#"


def page_markdown(terms: list[Term]) -> str:
    """Terms A to Z under letter headings, then the abbreviation table."""
    out = []
    for letter in sorted({_letter(t) for t in terms}):
        out += [f"## {letter} {{#{letter.lower()}}}", ""]
        for term in terms:
            if _letter(term) == letter:
                text = f"{term.expansion}: {term.definition}" if term.expansion else term.definition
                out += [term.term, f":   {text}", ""]
    out += [
        "## Abbreviations {#abbreviations}",
        "",
        "Short forms used on this site. On every page, an underlined short form shows its meaning when you point at it or move to it with the Tab key.",
        "",
        "| Short form | Meaning |",
        "| --- | --- |",
    ]
    out += [f"| {t.term} | {escape(t.expansion)} |" for t in terms if t.expansion]
    out.append("")
    return "\n".join(out)


def _pattern(abbrs: dict[str, str]) -> re.Pattern | None:
    if not abbrs:
        return None
    names = sorted(abbrs, key=len, reverse=True)
    # Whole words only, and not part of a hyphenated or slashed name
    # ("DRG-S" is its own entry; "ICD-10" is not "ICD").
    return re.compile(r"(?<![\w\-/])(" + "|".join(map(re.escape, names)) + r")(?![\w\-/])")


def mark(html: str, abbrs: dict[str, str]) -> str:
    """Wrap each abbreviation in running text in <abbr title=...>. The
    first one of each kind on the page is focusable so that keyboard users
    can read its meaning too."""
    pattern = _pattern(abbrs)
    if pattern is None:
        return html
    out, stack, focused = [], [], set()
    for piece in TOKEN.split(html):
        if not piece:
            continue
        if piece.startswith("<"):
            out.append(piece)
            match = TAG.match(piece)
            if not match or piece.startswith("<!--"):
                continue
            closing, name, attrs, selfclose = match.groups()
            name = name.lower()
            if name in VOID or selfclose:
                continue
            if closing:
                while stack:
                    if stack.pop()[0] == name:
                        break
            else:
                skip = name in SKIP or (name == "div" and FOOTNOTE_DIV.search(attrs) is not None)
                stack.append((name, skip))
            continue
        if any(skip for _, skip in stack):
            out.append(piece)
            continue

        def wrap(match: re.Match) -> str:
            word = match.group(1)
            tab = ""
            if word not in focused:
                focused.add(word)
                tab = ' tabindex="0"'
            return f'<abbr title="{escape(abbrs[word])}"{tab}>{word}</abbr>'

        out.append(pattern.sub(wrap, piece))
    return "".join(out)
