"""Markdown style of the pages in docs/, as Material renders them.

Rules, each reported as one line with the file, line, problem and fix:

- no H1 in the text: the front matter title is the page's one H1;
- heading levels go down one step at a time from that title (an H2
  first, then H2 or H3, never H2 to H4);
- headings are written with '#' (an underlined "setext" heading is easy
  to make by accident with a line of '---');
- no bare URL: a link is written [text](url) or <url>;
- no trailing spaces or tabs (two trailing spaces are an invisible line
  break; write a new paragraph instead).

Why a checker of our own rather than pymarkdownlnt or markdownlint: both
parse CommonMark, where the four-space indented body of a Material
admonition (!!! note, ??? note) is an indented code block, so headings and
bare URLs inside admonitions went unchecked (tried with pymarkdownlnt
0.9.41, rules md001, md025, md034, md009). This site never uses indented
code blocks (code is fenced), so an indented line here is the body of an
admonition or a list item and is checked like any other line.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import frontmatter

FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
ATX = re.compile(r"^(?: {4})*( {0,3})(#{1,6})(?:[ \t]+|$)(.*)$")
SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
BARE_URL = re.compile(r"(?<![\w/@.])(?:https?://|www\.)[^\s<>()\[\]]+", re.I)
# Places where a URL is not bare: code spans, autolinks, link and image
# targets, reference definitions and HTML attribute values.
NOT_BARE = [
    re.compile(r"(`+).*?\1"),
    re.compile(r"<(?:https?://|www\.|mailto:)[^>]*>", re.I),
    re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"),
    re.compile(r"^\s*\[[^\]]+\]:\s*\S+"),
    re.compile(r"""[\w:-]+\s*=\s*(?:"[^"]*"|'[^']*')"""),
]
COMMENT = re.compile(r"<!--.*?-->", re.S)


def _blank_comments(text: str) -> str:
    """HTML comments replaced by spaces, line breaks kept (so line numbers
    stay right)."""
    return COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def _masked(line: str) -> str:
    for pattern in NOT_BARE:
        line = pattern.sub(lambda m: " " * len(m.group(0)), line)
    return line


def problems(label: str, text: str) -> list[str]:
    """Every style problem of one page's source (front matter included, so
    that line numbers match the file)."""
    raw, _ = frontmatter.split(text)
    offset = 0
    title_level = 0
    if raw is not None:
        offset = raw.count("\n") + 2  # the two '---' lines
        try:
            meta = frontmatter.yaml.load(raw, Loader=frontmatter.YAML_LOADER) or {}
        except frontmatter.yaml.YAMLError:
            meta = {}
        title_level = 1 if isinstance(meta, dict) and meta.get("title") else 0
    originals = text.split("\n")
    lines = _blank_comments(text).split("\n")
    out = []
    level = title_level
    fence = None
    previous = ""
    for number, (original, line) in enumerate(zip(originals, lines), 1):
        if re.search(r"[ \t]+$", original):
            out.append(f"{label}: line {number}: trailing spaces; fix: delete them (for a line break start a new paragraph)")
        if number <= offset:
            continue
        opened = FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            previous = ""
            continue
        if opened:
            fence = opened.group(1)
            previous = ""
            continue
        heading = ATX.match(line)
        if heading:
            new = len(heading.group(2))
            name = heading.group(3).strip()
            if new == 1:
                out.append(f"{label}: line {number}: H1 heading '# {name}' in the text; fix: the front matter title is the page's H1, so start sections at '## '")
            elif new > level + 1:
                out.append(f"{label}: line {number}: heading '{'#' * new} {name}' skips a level (H{level} before it); fix: make it '{'#' * (level + 1)} ' or add the missing level above it")
            level = new
            previous = ""
            continue
        if SETEXT.match(line) and previous.strip() and not previous.lstrip().startswith(("-", "*", "+", "|", "<", ">", "!!!", "???")) and not re.match(r"^\s*\d+\.", previous):
            out.append(f"{label}: line {number}: the line of '{line.strip()[0]}' makes the line above a heading; fix: write headings with '#', and leave a blank line before a '---' rule")
        for match in BARE_URL.finditer(_masked(line)):
            out.append(f"{label}: line {number}: bare URL {match.group(0)!r}; fix: write it as a link, [what it is]({match.group(0)}), or as <{match.group(0)}>")
        previous = line
    return out


def check_docs(docs_dir: Path, label_root: Path | None = None) -> list[str]:
    out = []
    for path in sorted(docs_dir.rglob("*.md")):
        label = path.relative_to(label_root or docs_dir.parent).as_posix()
        out += problems(label, path.read_text("utf-8"))
    return out
