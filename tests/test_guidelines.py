"""What the guidelines say: tables on procedure pages and /guidelines/,
generated from data/guidelines.yml; the build rejects a bad row."""

from __future__ import annotations

import textstat
import yaml

import checks
import sitebuild
from painref import guidelines, readability

DATA = sitebuild.ROOT / "data" / "guidelines.yml"


def _data():
    return yaml.safe_load(DATA.read_text("utf-8"))


def _section(site, slug):
    soup = checks.soup(site / "procedures" / slug / "index.html")
    return soup.select_one("h2#what-guidelines-say")


def test_every_procedure_page_has_the_section_after_how_well_it_works(site):
    for path in sorted((site / "procedures").glob("*/index.html")):
        ids = [h2.get("id") for h2 in checks.soup(path).select("article h2")]
        assert "what-guidelines-say" in ids, path
        assert ids.index("what-guidelines-say") == ids.index("how-well-it-works") + 1, path


def test_tables_show_exactly_the_rows_of_the_data(site):
    data = _data()
    by_procedure: dict[str, list[dict]] = {}
    for row in data["recommendations"]:
        by_procedure.setdefault(row["procedure"], []).append(row)
    for path in sorted((site / "procedures").glob("*/index.html")):
        slug = path.parent.name
        heading = _section(site, slug)
        table = heading.find_next("table")
        in_section = table is not None and table.find_previous("h2") is heading
        rows = by_procedure.get(slug, [])
        if not rows:
            assert not in_section and "No major guideline" in heading.find_next("p").get_text(), slug
            continue
        assert in_section, slug
        cells = [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in table.select("tbody tr")]
        assert len(cells) == len(rows), slug
        for row in rows:
            short = data["guidelines"][row["guideline"]]["short"]
            stance = guidelines.STANCES[row["stance"]]
            assert any(c[0] == short and c[2] == " ".join(row["population"].split()) and c[3].startswith(stance) for c in cells), (slug, row)


def test_guidelines_page_lists_every_guideline_and_the_matrix(site):
    data = _data()
    soup = checks.soup(checks.html_pages(site)["/guidelines/"])
    assert {h3["id"] for h3 in soup.select("article h3[id]")} >= set(data["guidelines"])
    matrix = soup.select_one("table.ipm-matrix")
    procedures = {tr.th.get_text(strip=True) for tr in matrix.select("tbody tr")}
    assert len(procedures) == len({row["procedure"] for row in data["recommendations"]})


def test_new_sections_read_at_grade_8_or_lower(site):
    """The sentence above the tables, and each procedure's section as a
    whole (the same limits as the pages: 8 on average, 10 at most)."""
    assert textstat.flesch_kincaid_grade(guidelines.WHY_THEY_DIFFER) <= 8
    grades = {
        path.parent.name: readability.grade(path.read_text("utf-8"), [guidelines.SECTION_ID])
        for path in sorted((site / "procedures").glob("*/index.html"))
    }
    assert max(grades.values()) <= readability.MAX_PAGE, grades
    assert sum(grades.values()) / len(grades) <= readability.MAX_AVERAGE, grades


def _build_with(tmp_path, change):
    docs, data, config = sitebuild.copy_site(tmp_path)
    content = yaml.safe_load((data / "guidelines.yml").read_text("utf-8"))
    change(content)
    (data / "guidelines.yml").write_text(yaml.safe_dump(content, sort_keys=False, allow_unicode=True), "utf-8")
    return sitebuild.build(config)


ROW = {
    "guideline": "nice-ng59",
    "procedure": "ganglion-impar-block",
    "population": "A fixture population for the test",
    "stance": "no-recommendation",
    "grade": "Fixture grade",
    "summary": "A fixture row that exists only in this test and nowhere else.",
    "confirmed": "https://example.org/fixture",
}


def test_added_row_appears_on_its_page_and_in_the_matrix_then_vanishes(tmp_path):
    result = _build_with(tmp_path, lambda c: c["recommendations"].append(dict(ROW)))
    assert result.returncode == 0, result.stderr[-3000:]
    site = tmp_path / "site"
    assert "A fixture population for the test" in _section(site, "ganglion-impar-block").find_next("table").get_text()
    page = (site / "guidelines" / "index.html").read_text("utf-8")
    assert "A fixture population for the test" in page
    result = _build_with(tmp_path / "again", lambda c: None)
    assert result.returncode == 0, result.stderr[-3000:]
    site = tmp_path / "again" / "site"
    assert "A fixture population" not in (site / "procedures" / "ganglion-impar-block" / "index.html").read_text("utf-8")
    assert "A fixture population" not in (site / "guidelines" / "index.html").read_text("utf-8")


def _bad(tmp_path, **change):
    row = {**ROW, **change}
    row = {key: value for key, value in row.items() if value is not None}
    return _build_with(tmp_path, lambda c: c["recommendations"].append(row))


def test_unknown_procedure_fails_with_one_line(tmp_path):
    result = _bad(tmp_path, procedure="knee-magic")
    lines = [l for l in result.stderr.splitlines() if "unknown procedure 'knee-magic'" in l]
    assert result.returncode != 0 and len(lines) == 1 and lines[0].startswith("data/guidelines.yml: recommendation ") and "fix: " in lines[0]


def test_unknown_stance_fails_with_one_line(tmp_path):
    result = _bad(tmp_path, stance="maybe")
    lines = [l for l in result.stderr.splitlines() if "'maybe' is not one of" in l]
    assert result.returncode != 0 and len(lines) == 1 and lines[0].startswith("data/guidelines.yml: recommendations[") and "fix: " in lines[0]


def test_missing_population_fails_with_one_line(tmp_path):
    result = _bad(tmp_path, population=None)
    lines = [l for l in result.stderr.splitlines() if "field 'population' is missing" in l]
    assert result.returncode != 0 and len(lines) == 1 and "fix: add population:" in lines[0]


def test_unknown_bibliography_key_fails_with_one_line(tmp_path):
    def change(content):
        content["guidelines"]["nice-ng59"]["reference"] = "nobody2099"

    result = _build_with(tmp_path, change)
    lines = [l for l in result.stderr.splitlines() if "reference 'nobody2099' is not in" in l]
    assert result.returncode != 0 and len(lines) == 1 and "fix: " in lines[0]
