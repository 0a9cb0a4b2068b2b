"""Browse by condition and by body region, all generated from front matter.

A procedure lists its `conditions` and `body_regions`; a condition page
lists its `body_regions`. Every view below (a condition's options table,
the /conditions/ matrix, the region pages, the related links on procedure
pages) is computed from those lists, so adding or removing a procedure
changes all of them at once.
"""

from __future__ import annotations

import posixpath
import re
from html import escape

from . import vocab
from .catalog import Page

CONDITION_SECTIONS = [
    "what-it-is",
    "symptoms",
    "warning-signs",
    "first-line-care",
    "procedures",
    "what-the-evidence-says",
    "when-to-see-a-specialist",
    "questions-to-ask",
    "references",
]
# Written by the build, not on the page: the options table.
GENERATED_CONDITION_SECTIONS = {"procedures"}
PLAIN_CONDITION_SECTIONS = CONDITION_SECTIONS[: CONDITION_SECTIONS.index("questions-to-ask") + 1]
REGION_DIR = "regions"
REGION_INDEX = f"{REGION_DIR}/index.md"


def rel(from_uri: str, to_uri: str) -> str:
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


def link(from_uri: str, page: Page, text: str | None = None) -> str:
    return f"[{text or page.title}]({rel(from_uri, page.src_uri)})"


def region_uri(slug: str) -> str:
    return f"{REGION_DIR}/{slug}.md"


def region_link(from_uri: str, slug: str) -> str:
    return f"[{vocab.regions()[slug]}]({rel(from_uri, region_uri(slug))})"


def procedures_for(condition: str, procedures: list[Page]) -> list[Page]:
    return [page for page in procedures if condition in page.meta.get("conditions", [])]


def regions_of_condition(condition: Page) -> list[str]:
    return list(condition.meta.get("body_regions", []))


def _cell(text: str) -> str:
    return text.replace("|", "&#124;")


def options_section(condition: Page, procedures: list[Page]) -> str:
    """"Which procedures are used?": every procedure that lists this
    condition, with its one-line role and usual length of relief."""
    members = procedures_for(condition.slug, procedures)
    out = ["## Which procedures are used? {#procedures}", ""]
    if not members:
        out += ["No procedure on this site lists this condition yet.", ""]
        return "\n".join(out)
    out += [
        "These are the procedures on this site that are used for this condition. "
        "Being on this list does not mean a procedure is right for you, or that the evidence for it is strong: "
        "see the next section.",
        "",
        "| Procedure | What it is for | How long relief usually lasts |",
        "| --- | --- | --- |",
    ]
    for page in members:
        out.append(
            f"| {link(condition.src_uri, page)} | {_cell(escape(page.meta['role']))} | {_cell(escape(page.meta['relief_duration']))} |"
        )
    # A blank line after the table: a heading right after it would
    # otherwise become a table row.
    out += ["", ""]
    return "\n".join(out)


def condition_header(condition: Page) -> str:
    """"Also called" names and the body regions, under the title."""
    parts = []
    if condition.aliases:
        names = ", ".join(escape(alias) for alias in condition.aliases)
        parts.append(f'<p class="ipm-aka"><strong>Also called:</strong> {names}</p>')
    regions = ", ".join(region_link(condition.src_uri, slug) for slug in regions_of_condition(condition))
    parts.append(f'<p class="ipm-related" markdown><strong>Body regions:</strong> {regions}</p>')
    return "\n\n".join(parts) + "\n\n"


def procedure_conditions(procedure: Page, conditions: list[Page]) -> str:
    """Links from a procedure page to its condition pages."""
    by_slug = {page.slug: page for page in conditions}
    links = [link(procedure.src_uri, by_slug[slug]) for slug in procedure.meta.get("conditions", []) if slug in by_slug]
    if not links:
        return ""
    return f'<p class="ipm-related" markdown><strong>Condition pages:</strong> {", ".join(links)}</p>\n\n'


def matrix(from_uri: str, conditions: list[Page], procedures: list[Page]) -> str:
    """Procedures (rows) by conditions (columns); a cell names the pair in
    words, never by colour alone. Scrolls inside its own box on phones."""
    head = "".join(
        f'<th scope="col"><a href="{escape(href(from_uri, c.src_uri))}">{escape(c.title)}</a></th>' for c in conditions
    )
    rows = []
    for proc in procedures:
        cells = []
        for cond in conditions:
            if cond.slug in proc.meta.get("conditions", []):
                label = f"{proc.title} for {cond.title}"
                cells.append(
                    f'<td><a href="{escape(href(from_uri, proc.src_uri))}" aria-label="{escape(label)}">Used</a></td>'
                )
            else:
                cells.append('<td><span class="ipm-sr-only">Not listed</span></td>')
        rows.append(
            f'<tr><th scope="row"><a href="{escape(href(from_uri, proc.src_uri))}">{escape(proc.title)}</a></th>{"".join(cells)}</tr>'
        )
    return (
        '<div class="ipm-scroll" role="region" aria-labelledby="matrix-caption" tabindex="0">\n'
        '<table class="ipm-matrix">\n'
        '<caption id="matrix-caption">Which procedures are used for which conditions. '
        '"Used" links to the procedure page.</caption>\n'
        f'<thead><tr><th scope="col">Procedure</th>{head}</tr></thead>\n'
        f'<tbody>\n{chr(10).join(rows)}\n</tbody>\n</table>\n</div>\n'
    )


def href(from_uri: str, to_uri: str) -> str:
    """A built-site URL from one page to another (directory URLs), for
    links written as HTML, which MkDocs does not rewrite."""

    def url(uri: str) -> str:
        path = uri.removesuffix(".md")
        if path == "index" or path.endswith("/index"):
            return path.removesuffix("index")
        return path + "/"

    base = "/" + url(from_uri)
    target = "/" + url(to_uri)
    result = posixpath.relpath(target, base)
    return result + "/" if target.endswith("/") and result != "." else ("./" if result == "." else result)


def condition_index(from_uri: str, conditions: list[Page], procedures: list[Page]) -> str:
    out = ["## All conditions {#all-conditions}", ""]
    for cond in conditions:
        out.append(f"- {link(from_uri, cond)}: {escape(cond.meta['description'])}")
    out += ["", "## Conditions and procedures side by side {#matrix}", "", MATRIX_SLOT, ""]
    return "\n".join(out)


# The matrix has a cell for every procedure and condition, so it grows with
# the square of the pages (7.6 MB with 15 copies of each: benchmarks/
# performance.md). It is written into the finished page (fill_matrix, from
# the hook's on_post_page) rather than into the Markdown: Markdown, the
# glossary and the search index never read it. Search loses nothing: each
# pair is on its condition page's options table and its procedure page.
MATRIX_SLOT = '<div data-ipm-slot="matrix"></div>'
_MATRIX_SLOT = re.compile(r"""<div data-ipm-slot=(?:"matrix"|matrix)></div>""")


def fill_matrix(html: str, from_uri: str, conditions: list[Page], procedures: list[Page]) -> str:
    """The finished /conditions/ page with its matrix in place of the slot
    (raises LookupError if the page has lost the slot)."""
    found = _MATRIX_SLOT.search(html)
    if found is None:
        raise LookupError("the matrix slot")
    return html[: found.start()] + matrix(from_uri, conditions, procedures) + html[found.end():]


def region_page(slug: str, conditions: list[Page], procedures: list[Page]) -> str:
    """The Markdown of /regions/<slug>/, front matter included."""
    name = vocab.regions()[slug]
    uri = region_uri(slug)
    conds = [c for c in conditions if slug in c.meta.get("body_regions", [])]
    procs = [p for p in procedures if slug in p.meta.get("body_regions", [])]
    dated = conds + procs
    last = max((str(p.meta["last_reviewed"]) for p in dated), default=None)
    due = min((str(p.meta["next_review"]) for p in dated), default=None)
    description = f"Conditions and pain procedures of the {name.lower()}, with links to a plain-language page on each."
    front = [
        "---",
        f"title: {name}",
        f"description: {description}",
    ]
    if last and due:
        front += [f"last_reviewed: {last}", f"next_review: {due}"]
    front += ["---", ""]
    body = [
        f"Pain in the {name.lower()} can have many causes. Below are the conditions on this site that affect this part of the body, "
        "and the procedures that are done there. Each links to its own page. "
        "This page is made from the pages it lists, so its review dates are those of the pages it lists.",
        "",
        "## Conditions {#conditions}",
        "",
    ]
    body += [f"- {link(uri, c)}" for c in conds] or ["No condition page covers this region yet."]
    body += ["", "## Procedures {#procedures}", ""]
    body += [f"- {link(uri, p)}: <span class=\"ipm-muted\">{escape(p.meta['role'])}</span>" for p in procs] or ["No procedure on this site is done in this region."]
    body += ["", "## Other body regions {#other-regions}", ""]
    body += [f"- {region_link(uri, other)}" for other in vocab.regions() if other != slug]
    return "\n".join(front + body) + "\n"


def region_index(from_uri: str, conditions: list[Page], procedures: list[Page]) -> str:
    out = []
    for slug, name in vocab.regions().items():
        conds = [c for c in conditions if slug in c.meta.get("body_regions", [])]
        procs = [p for p in procedures if slug in p.meta.get("body_regions", [])]
        out.append(f"- {region_link(from_uri, slug)}: {len(conds)} conditions, {len(procs)} procedures")
    return "\n".join(out) + "\n"
