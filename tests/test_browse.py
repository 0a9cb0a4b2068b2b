"""Browse by condition and by body region: condition pages on their
template, and every generated view (options tables, the matrix, region
pages, related links) in agreement with procedure front matter."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil

import pytest
from bs4 import BeautifulSoup

import checks
import sitebuild
from painref import browse, catalog, glossary, readability, vocab

DOCS = sitebuild.ROOT / "docs"
MIN_WORDS = 700


def _soup(site, url):
    # Parsed afresh: checks.soup caches by path, and some tests rebuild.
    return BeautifulSoup(checks.html_pages(site)[url].read_text("utf-8"), "lxml")


def _hrefs(node) -> set[str]:
    return {a["href"] for a in node.select("a[href]")}


@pytest.mark.parametrize("slug", sorted(vocab.conditions()))
def test_condition_page_follows_template(site, slug):
    url = f"/conditions/{slug}/"
    body = _soup(site, url).select_one("article")
    ids = [h2.get("id") for h2 in body.find_all("h2")]
    assert ids == browse.CONDITION_SECTIONS, ids
    assert len(body.select(".footnote > ol > li")) >= 3
    text = body.__copy__()
    for generated in text.select(".ipm-page-footer, .footnote, .headerlink, .ipm-aka, .ipm-related, table"):
        generated.decompose()
    assert checks.words(text) >= MIN_WORDS


def test_condition_pages_read_at_grade_8_or_lower(site):
    grades = {slug: readability.grade((site / "conditions" / slug / "index.html").read_text("utf-8"), browse.PLAIN_CONDITION_SECTIONS) for slug in vocab.conditions()}
    assert max(grades.values()) <= readability.MAX_PAGE, grades
    assert sum(grades.values()) / len(grades) <= readability.MAX_AVERAGE, grades


def test_views_agree_with_procedure_front_matter(site):
    procedures = catalog.procedures(DOCS)
    conditions = catalog.conditions(DOCS)
    matrix = _soup(site, "/conditions/").select_one("table.ipm-matrix")
    cells = {(row.th.get_text(strip=True), a["aria-label"]) for row in matrix.select("tbody tr") for a in row.select("td a")}
    expected_cells = {(p.title, f"{p.title} for {c.title}") for p in procedures for c in conditions if c.slug in p.meta["conditions"]}
    assert cells == expected_cells
    for cond in conditions:
        table = _soup(site, f"/conditions/{cond.slug}/").select_one("h2#procedures ~ table")
        listed = {a.get_text(strip=True) for a in table.select("td:first-child a")} if table else set()
        assert listed == {p.title for p in browse.procedures_for(cond.slug, procedures)}, cond.slug
    for slug in vocab.regions():
        page = _soup(site, f"/regions/{slug}/")
        conds = {a.get_text(strip=True) for a in page.select("h2#conditions + ul a")}
        procs = {a.get_text(strip=True) for a in page.select("h2#procedures + ul a")}
        assert conds == {c.title for c in conditions if slug in c.meta["body_regions"]}, slug
        assert procs == {p.title for p in procedures if slug in p.meta["body_regions"]}, slug
    for proc in procedures:
        related = _soup(site, f"/procedures/{proc.slug}/").select_one("h2#who-it-may-help + p.ipm-related")
        linked = {href.split("/")[-2] for href in _hrefs(related)}
        assert linked == set(proc.meta["conditions"]), proc.slug


def test_added_procedure_appears_everywhere_and_a_removed_one_vanishes(tmp_path):
    docs, data, config = sitebuild.copy_site(tmp_path)
    source = (docs / "procedures" / "trigger-point-injection.md").read_text("utf-8")
    new = source.replace("title: Trigger point injection (TPI)", "title: Zeta test injection")
    # Every page's description is its own (the build checks).
    new = re.sub(r"^description: .*$", "description: A made-up procedure that exists only while this test runs.", new, count=1, flags=re.M)
    new = re.sub(r"^conditions: .*$", "conditions: [coccydynia]", new, count=1, flags=re.M)
    new = re.sub(r"^body_regions: .*$", "body_regions: [knee]", new, count=1, flags=re.M)
    (docs / "procedures" / "zeta-test-injection.md").write_text(new, "utf-8")
    faq = (data / "faq.yml").read_text("utf-8")
    result = sitebuild.build(config)
    assert result.returncode == 0, result.stderr[-3000:]
    site = tmp_path / "site"
    href = "zeta-test-injection/"
    assert any(h.endswith(href) for h in _hrefs(_soup(site, "/conditions/").select_one("table.ipm-matrix")))
    assert any(h.endswith(href) for h in _hrefs(_soup(site, "/conditions/coccydynia/").select_one("h2#procedures ~ table")))
    assert any(h.endswith(href) for h in _hrefs(_soup(site, "/regions/knee/")))
    assert any(h.endswith("conditions/coccydynia/") for h in _hrefs(_soup(site, "/procedures/zeta-test-injection/").select_one("p.ipm-related")))
    (docs / "procedures" / "zeta-test-injection.md").unlink()
    assert (data / "faq.yml").read_text("utf-8") == faq
    result = sitebuild.build(config)
    assert result.returncode == 0, result.stderr[-3000:]
    for url in ("/conditions/", "/conditions/coccydynia/", "/regions/knee/"):
        assert not any(h.endswith(href) for h in _hrefs(_soup(site, url))), url


def test_condition_page_outside_the_vocabulary_fails_the_build(tmp_path):
    docs = tmp_path / "docs"
    (docs / "conditions").mkdir(parents=True)
    today = dt.date.today()
    dates = f"last_reviewed: {today}\nnext_review: {today + dt.timedelta(days=300)}\n"
    (docs / "index.md").write_text(f"---\ntitle: Home\ndescription: The home page of a small site that the tests build.\n{dates}---\n\nHi.\n", "utf-8")
    (docs / "conditions" / "index.md").write_text(f"---\ntitle: Conditions\ndescription: The conditions of a small site that the tests build here.\n{dates}---\n\nAll.\n", "utf-8")
    (docs / "conditions" / "tennis-elbow.md").write_text(
        f"---\ntitle: Tennis elbow\ndescription: A condition page whose slug is not in the vocabulary file.\nbody_regions: [arms-and-legs]\n{dates}---\n\nText.\n", "utf-8"
    )
    nav = [{"Home": "index.md"}, {"Conditions": ["conditions/index.md"]}]
    result = sitebuild.build(sitebuild.fixture_config(tmp_path, docs, nav=nav))
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if "tennis-elbow" in line and "is not a condition slug" in line]
    assert len(lines) == 1 and lines[0].startswith("docs/conditions/tennis-elbow.md: "), result.stderr


def test_condition_page_with_a_lost_section_fails_the_build(tmp_path):
    docs, data, config = sitebuild.copy_site(tmp_path)
    page = docs / "conditions" / "coccydynia.md"
    page.write_text(re.sub(r"^## .*\{#symptoms\}\s*$", "## Signs", page.read_text("utf-8"), flags=re.M), "utf-8")
    result = sitebuild.build(config)
    assert result.returncode != 0
    assert "docs/conditions/coccydynia.md: section 'symptoms' is missing; fix:" in result.stderr


def _abbreviated_text(article):
    """The page's own running text: what <abbr> marking applies to."""
    copy = article.__copy__()
    for skipped in copy.select("h1, h2, h3, h4, h5, h6, a, code, pre, .footnote, svg, script, dt, button, summary, label"):
        skipped.decompose()
    return copy


def test_abbreviations_show_their_meaning_and_never_in_headings_links_or_references(site):
    abbrs = glossary.abbreviations(glossary.load(sitebuild.ROOT / "data" / "glossary.yml"))
    pattern = re.compile(r"(?<![\w\-/])(" + "|".join(map(re.escape, sorted(abbrs, key=len, reverse=True))) + r")(?![\w\-/])")
    for url, path in checks.html_pages(site).items():
        article = checks.soup(path).select_one("article")
        for abbr in article.select("abbr"):
            assert abbr.find_parent(["h1", "h2", "h3", "h4", "h5", "h6", "a", "code"]) is None, (url, abbr)
            assert abbr.find_parent(class_="footnote") is None, (url, abbr)
            assert abbr.get("title") == abbrs.get(abbr.get_text()), (url, abbr)
        text = _abbreviated_text(article)
        for abbr in text.select("abbr"):
            abbr.decompose()
        leftover = pattern.findall(text.get_text(" "))
        assert leftover == [], (url, leftover[:5])
        focusable = [a.get_text() for a in article.select("abbr[tabindex='0']")]
        assert len(focusable) == len(set(focusable)), url


def test_abbreviation_marking_skips_headings_links_code_and_references():
    html = (
        '<h2 id="x">RFA</h2><p>An RFA and <a href="#">RFA</a> and <code>RFA</code>.</p>'
        '<div class="footnote"><ol><li>RFA trial</li></ol></div><p>RFA again.</p>'
    )
    out = glossary.mark(html, {"RFA": "Radiofrequency ablation"})
    assert out.count("<abbr") == 2
    assert '<h2 id="x">RFA</h2>' in out and '<a href="#">RFA</a>' in out and "<code>RFA</code>" in out
    assert '<li>RFA trial</li>' in out
    assert out.count('tabindex="0"') == 1


def test_matrix_goes_into_the_finished_page_in_its_section(site):
    """Written after Markdown and the search index (it grows with the square
    of the pages): it is under its heading, the slot is gone, and the index
    does not carry its cells."""
    soup = _soup(site, "/conditions/")
    heading = soup.select_one("h2#matrix")
    assert heading is not None and heading.find_next("table") is soup.select_one("table.ipm-matrix")
    assert not soup.select("[data-ipm-slot]")
    index = {doc["location"]: doc for doc in json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"]}
    assert "Used" not in index["conditions/#matrix"]["text"] and "Not listed" not in index["conditions/#matrix"]["text"]


def test_matrix_slot_is_found_as_written_or_minified_and_its_loss_is_an_error():
    procs, conds = catalog.procedures(DOCS), catalog.conditions(DOCS)
    for slot in (browse.MATRIX_SLOT, "<div data-ipm-slot=matrix></div>"):
        filled = browse.fill_matrix(f"<h2 id=matrix>M</h2>{slot}<p>after</p>", "conditions/index.md", conds, procs)
        assert filled.count('<table class="ipm-matrix">') == 1 and "data-ipm-slot" not in filled and filled.endswith("<p>after</p>")
    with pytest.raises(LookupError):
        browse.fill_matrix("<h2 id=matrix>M</h2><p>no slot</p>", "conditions/index.md", conds, procs)
