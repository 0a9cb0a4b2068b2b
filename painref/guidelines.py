"""What the guidelines say: data/guidelines.yml, one row per stance.

Each guideline is described once; each recommendation row names a
guideline, a procedure, the population it applies to, a stance on one
fixed scale and the grade in the guideline's own words. The tables on
procedure pages and the /guidelines/ matrix are generated from it.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from html import escape
from pathlib import Path

from . import browse, datafile

SECTION_ID = "what-guidelines-say"
PAGE = "guidelines.md"
# The fixed scale, in words a reader understands without colour.
STANCES = {
    "strong-for": "Recommends it (strong)",
    "conditional-for": "Suggests it for some people (conditional)",
    "no-recommendation": "No recommendation either way",
    "conditional-against": "Suggests not using it (conditional)",
    "strong-against": "Recommends against it (strong)",
    "coverage": "Payment rule only (not medical advice)",
}
WHY_THEY_DIFFER = (
    "Guidelines do not always agree. They may ask different questions, or look at different groups of people. "
    "Some count only trials that compare a procedure with a fake (sham) procedure; others also count studies without one. "
    "They are also written by different groups. Some panels include doctors who do these procedures or are paid by makers "
    "of devices or drugs, and others exclude them. "
    "The table shows who says what, so you can talk it through with your doctor."
)


@dataclass(frozen=True)
class Guideline:
    id: str
    data: dict

    def __getitem__(self, name):
        return self.data[name]

    def get(self, name, default=None):
        return self.data.get(name, default)


@dataclass(frozen=True)
class Row:
    guideline: str
    procedure: str
    population: str
    stance: str
    grade: str
    summary: str


@dataclass(frozen=True)
class Guidelines:
    guidelines: dict[str, Guideline]
    rows: tuple[Row, ...]

    def for_procedure(self, slug: str) -> list[Row]:
        order = list(self.guidelines)
        return sorted((row for row in self.rows if row.procedure == slug), key=lambda r: order.index(r.guideline))

    def citations(self) -> dict[str, list[str]]:
        """src_uri -> reference keys that the generated text cites."""
        out: dict[str, list[str]] = {PAGE: [g["reference"] for g in self.guidelines.values()]}
        for row in self.rows:
            out.setdefault(f"procedures/{row.procedure}.md", []).append(self.guidelines[row.guideline]["reference"])
        return out


class GuidelineError(ValueError):
    pass


def load(path: Path, label: str, procedure_slugs: set[str], bibliography) -> Guidelines:
    """Read and check the file; every problem is one line naming the row."""
    data = datafile.read(path, label, GuidelineError, "guidelines")
    problems = []
    guidelines = {key: Guideline(key, value) for key, value in data["guidelines"].items()}
    for key, guide in guidelines.items():
        ref = guide["reference"]
        if bibliography is not None and ref not in bibliography:
            problems.append(f"{label}: guideline '{key}': reference '{ref}' is not in {bibliography.label}; fix: add it there or correct the key")
    rows = []
    for number, item in enumerate(data["recommendations"], 1):
        where = f"{label}: recommendation {number} ({item['guideline']}, {item['procedure']})"
        if item["guideline"] not in guidelines:
            problems.append(f"{where}: unknown guideline '{item['guideline']}'; fix: use a key under 'guidelines:' ({', '.join(guidelines)})")
        if item["procedure"] not in procedure_slugs:
            problems.append(f"{where}: unknown procedure '{item['procedure']}'; fix: use a file name from docs/procedures/")
        kind = guidelines.get(item["guideline"]).get("kind") if item["guideline"] in guidelines else None
        if kind == "coverage" and item["stance"] != "coverage":
            problems.append(f"{where}: a payer's coverage rule is not clinical advice; fix: set stance: coverage")
        if kind == "clinical" and item["stance"] == "coverage":
            problems.append(f"{where}: stance 'coverage' is only for payer rules; fix: use a clinical stance or set the guideline's kind to coverage")
        rows.append(Row(**{name: " ".join(str(item[name]).split()) for name in Row.__dataclass_fields__}))
    if problems:
        raise GuidelineError("\n".join(problems))
    return Guidelines(guidelines, tuple(rows))


def _cell(text: str) -> str:
    return escape(text).replace("|", "&#124;")


def procedure_section(slug: str, data: Guidelines, from_uri: str, compare_page: bool = True) -> str:
    """The section for one procedure page; compare_page: whether the site
    has the /guidelines/ page to link to (a small test site may not)."""
    rows = data.for_procedure(slug)
    guide_page = posixpath.relpath(PAGE, posixpath.dirname(from_uri) or ".")
    out = [f"## What do guidelines say? {{#{SECTION_ID}}}", ""]
    if not rows:
        see = f" See [what the guidelines say]({guide_page}) for the procedures they do cover." if compare_page else ""
        out += [
            "No major guideline that we have checked makes a recommendation about this procedure. "
            "That does not mean it works or does not work: it means the groups that write guidelines have not ruled on it." + see,
            "",
            "",
        ]
        return "\n".join(out)
    compare = f" [Compare all guidelines]({guide_page})." if compare_page else ""
    out += [
        WHY_THEY_DIFFER + compare,
        "",
        "| Guideline | Year | For whom | What it says | Grade, in its own words | Source |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        guide = data.guidelines[row.guideline]
        out.append(
            f"| {_cell(guide['short'])} | {guide['year']} | {_cell(row.population)} | "
            f"**{_cell(STANCES[row.stance])}.** {_cell(row.summary)} | {_cell(row.grade)} | [^{guide['reference']}] |"
        )
    # A blank line after the table: the next heading would otherwise
    # become a table row.
    out += ["", ""]
    return "\n".join(out)


def page_markdown(data: Guidelines, procedures: list, from_uri: str = PAGE) -> str:
    """The /guidelines/ page body: each guideline, then the matrix."""
    out = ["## The guidelines {#the-guidelines}", ""]
    for guide in data.guidelines.values():
        kind = " This is a payment (coverage) rule, not medical advice." if guide.get("kind") == "coverage" else ""
        conflicts = f" Conflicts of interest: {escape(guide['conflicts'])}" if guide.get("conflicts") else " Conflicts of interest: not stated in the parts we could read."
        out += [
            f"### {escape(guide['short'])}: {escape(guide['title'])} {{#{guide.id}}}",
            "",
            f"Written by {escape(guide['body'])} in {guide['year']}, for {escape(guide['scope'][0].lower() + guide['scope'][1:])} "
            f"How it graded the evidence: {escape(guide['method'])}{conflicts}{kind}[^{guide['reference']}]",
            "",
        ]
    out += ["## Side by side {#side-by-side}", "", matrix(data, procedures, from_uri), ""]
    return "\n".join(out)


def matrix(data: Guidelines, procedures: list, from_uri: str) -> str:
    """Procedures (rows) by guideline (columns), stances in words."""
    covered = [page for page in procedures if data.for_procedure(page.slug)]
    head = "".join(f'<th scope="col"><a href="#{g.id}">{escape(g["short"])}</a></th>' for g in data.guidelines.values())
    body = []
    for page in covered:
        href = browse.href(from_uri, page.src_uri)
        cells = []
        for guide in data.guidelines.values():
            rows = [row for row in data.for_procedure(page.slug) if row.guideline == guide.id]
            if rows:
                items = "".join(f"<li>{escape(STANCES[r.stance])}<br><span class=\"ipm-muted\">{escape(r.population)}</span></li>" for r in rows)
                cells.append(f'<td><ul class="ipm-stances">{items}</ul></td>')
            else:
                cells.append('<td><span class="ipm-muted">Not covered</span></td>')
        body.append(f'<tr><th scope="row"><a href="{escape(href)}">{escape(page.title)}</a></th>{"".join(cells)}</tr>')
    return (
        '<div class="ipm-scroll" role="region" aria-labelledby="guidelines-caption" tabindex="0">\n'
        '<table class="ipm-matrix ipm-matrix--wide">\n'
        '<caption id="guidelines-caption">What each guideline says about each procedure it covers, and for whom.</caption>\n'
        f'<thead><tr><th scope="col">Procedure</th>{head}</tr></thead>\n'
        f'<tbody>\n{chr(10).join(body)}\n</tbody>\n</table>\n</div>'
    )
