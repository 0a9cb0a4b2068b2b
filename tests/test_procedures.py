"""Procedure reference: one page per spec slug, on the template, and the
generated index and comparison table listing exactly those pages."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

import checks
import sitebuild
from painref import catalog, readability
from spec import PROCEDURES

DOCS = sitebuild.ROOT / "docs"


def _page(site, slug):
    return (site / "procedures" / slug / "index.html").read_text("utf-8")


@pytest.mark.parametrize("slug", sorted(PROCEDURES))
def test_registry_page_follows_template(site, slug):
    path = site / "procedures" / slug / "index.html"
    assert path.exists(), f"/procedures/{slug}/ is missing"
    assert checks.procedure_problems(path.read_text("utf-8")) == []


@pytest.mark.parametrize("slug", sorted(PROCEDURES))
def test_spec_names_are_aliases(slug):
    page = next(p for p in catalog.procedures(DOCS) if p.slug == slug)
    names = {alias.casefold() for alias in page.aliases} | {page.title.casefold()}
    missing = [name for name in PROCEDURES[slug] if name.casefold() not in names]
    assert missing == []


def test_procedure_folder_matches_spec_table():
    # A new procedure is added to the spec table and the folder together.
    assert {p.slug for p in catalog.procedures(DOCS)} == set(PROCEDURES)


def test_epidural_page_has_anchored_approach_sections(site):
    page = BeautifulSoup(_page(site, "epidural-steroid-injection"), "lxml")
    for anchor in ("interlaminar", "transforaminal", "caudal"):
        assert page.find(id=anchor) is not None, anchor


def test_template_check_catches_lost_section_reference_and_alias(site):
    html = _page(site, "radiofrequency-ablation")
    assert checks.procedure_problems(html) == []
    soup = BeautifulSoup(html, "lxml")
    soup.find(id="how-well-it-works").decompose()
    for item in soup.select(".footnote > ol > li")[2:]:
        item.decompose()
    soup.select(".footnote > ol > li")[0].decompose()
    soup.select_one(".ipm-aka").string = "Also known as:"
    problems = checks.procedure_problems(str(soup))
    assert any(p.startswith("sections ") for p in problems)
    assert "1 references, at least 3 needed" in problems
    assert "no 'Also known as' names" in problems


def _index(site):
    return checks.soup(site / "procedures" / "index.html")


def _procedure_urls(site):
    return {f"/procedures/{p.parent.name}/" for p in (site / "procedures").glob("*/index.html")}


def _links(nodes):
    out = []
    for node in nodes:
        for anchor in node.select("a[href]"):
            out.append(urlsplit(urljoin("http://site/procedures/", anchor["href"])).path)
    return out


def _section_nodes(soup, section_id):
    """Elements after the h2 with section_id, up to the next h2."""
    nodes = []
    for sibling in soup.find(id=section_id).find_next_siblings():
        if sibling.name == "h2":
            break
        nodes.append(sibling)
    return nodes


@pytest.mark.parametrize("section", ["a-to-z", "by-family"])
def test_index_lists_exactly_the_procedure_pages(site, section):
    nodes = [n for n in _section_nodes(_index(site), section) if n.name == "ul"]
    links = _links(nodes)
    assert sorted(links) == sorted(_procedure_urls(site))  # each once, none extra


def test_comparison_table_lists_exactly_the_procedure_pages(site):
    table = next(n for n in _section_nodes(_index(site), "comparison") if n.name == "table" or n.find("table"))
    table = table if table.name == "table" else table.find("table")
    rows = table.select("tbody tr")
    firsts = _links([row.find("td") for row in rows])
    assert sorted(firsts) == sorted(_procedure_urls(site))
    headers = [th.get_text(strip=True) for th in table.select("thead th")]
    assert headers == ["Procedure", "Family", "Body regions", "Imaging", "Anesthesia or sedation", "How long it takes", "Usual relief", "Can it be repeated?"]


@pytest.mark.parametrize("slug", ["nerve-blocks", "spinal-injections"])
def test_family_overview_lists_its_members(site, slug):
    family = next(p for p in catalog.procedures(DOCS) if p.slug == slug).family
    expected = {f"/procedures/{p.slug}/" for p in catalog.procedures(DOCS) if p.family == family and p.slug != slug}
    soup = checks.soup(site / "procedures" / slug / "index.html")
    heading = soup.find(id="procedures-in-this-family")
    links = {urlsplit(urljoin(f"http://site/procedures/{slug}/", a["href"])).path for a in heading.find_next_sibling("ul").select("a")}
    assert links == expected


def test_at_a_glance_is_rendered_from_front_matter(site):
    page = next(p for p in catalog.procedures(DOCS) if p.slug == "radiofrequency-ablation")
    soup = checks.soup(site / "procedures" / "radiofrequency-ablation" / "index.html")
    values = {row.dt.get_text(strip=True): row.dd.get_text(strip=True) for row in soup.select(".ipm-glance__row")}
    assert values["How long it takes"] == page.meta["duration"]
    assert values["Can it be repeated?"] == page.meta["repeatable"]
    aka = soup.select_one(".ipm-aka").get_text()
    assert all(alias in aka for alias in page.aliases)


def test_readability_of_plain_language_sections(site):
    grades = {page.removeprefix("procedures/"): g for page, g in readability.grades(site).items() if page.startswith("procedures/")}
    assert set(grades) == set(PROCEDURES)
    average = sum(grades.values()) / len(grades)
    too_hard = {slug: round(g, 1) for slug, g in grades.items() if g > readability.MAX_PAGE}
    assert too_hard == {}
    assert average <= readability.MAX_AVERAGE, f"site average grade {average:.1f}"


def test_readability_scores_hard_text_as_hard():
    easy = "<article><h2 id='what-it-is'>x</h2><p>The doctor puts a thin needle in your back. It takes ten minutes.</p></article>"
    hard = "<article><h2 id='what-it-is'>x</h2><p>Fluoroscopically guided transforaminal administration of corticosteroid necessitates meticulous anatomical localisation notwithstanding considerable interindividual variability.</p><h2 id='for-clinicians'>y</h2><p>Exempt.</p></article>"
    assert readability.grade(easy) < 6
    assert readability.grade(hard) > readability.MAX_PAGE
    assert "Exempt" not in readability.plain_text(hard)


def _procedure_front_matter(conditions: str, regions: str) -> str:
    today = dt.date.today()
    return (
        "---\ntitle: Test block (TB)\ndescription: A procedure page written by the tests to drive a real build.\n"
        f"aliases: [TB]\nfamily: nerve-blocks\nbody_regions: [{regions}]\nconditions: [{conditions}]\n"
        "role: A test role line for a procedure\nimaging: [fluoroscopy]\nanesthesia: Local anesthetic\nduration: 20 minutes\nrecovery: Home the same day\n"
        f"relief_duration: Weeks\nrepeatable: Yes, often\nlast_reviewed: {today}\nnext_review: {today + dt.timedelta(days=365)}\n---\n\n"
        "## What is it? {#what-it-is}\n\nText.\n\n## Who may it help? {#who-it-may-help}\n\nText.\n\n"
        "## What are the risks? {#risks}\n\nText.\n\n"
        "## For clinicians {#for-clinicians}\n\nText.\n"
    )


@pytest.mark.parametrize("conditions, regions, field", [
    ("chronic-low-back-pain", "lower-back", None),
    ("chronic-low-back-pain, tennis-elbow", "lower-back", "conditions[1]"),
    ("chronic-low-back-pain", "elbow", "body_regions[0]"),
])
def test_unknown_condition_or_region_fails_the_build(tmp_path, conditions, regions, field):
    docs = tmp_path / "docs"
    (docs / "procedures").mkdir(parents=True)
    today = dt.date.today()
    (docs / "index.md").write_text(f"---\ntitle: Home\ndescription: The home page of a small site that the tests build.\nlast_reviewed: {today}\nnext_review: {today + dt.timedelta(days=365)}\n---\n\nHi.\n", "utf-8")
    (docs / "procedures" / "index.md").write_text(f"---\ntitle: Procedures\ndescription: The procedure index of a small site that the tests build.\nlast_reviewed: {today}\nnext_review: {today + dt.timedelta(days=365)}\n---\n\nAll.\n", "utf-8")
    (docs / "procedures" / "test-block.md").write_text(_procedure_front_matter(conditions, regions), "utf-8")
    data = tmp_path / "data"
    data.mkdir()
    (data / "faq.yml").write_text("topics: []\n", "utf-8")
    (data / "faq-anchors.yml").write_text("ids: []\n", "utf-8")
    nav = [{"Home": "index.md"}, {"Procedures": ["procedures/index.md"]}]
    result = sitebuild.build(sitebuild.fixture_config(tmp_path, docs, nav=nav, data=data))
    if field is None:
        assert result.returncode == 0, result.stderr
    else:
        assert result.returncode != 0
        assert f"docs/procedures/test-block.md: field '{field}': unknown value" in result.stderr


DURATION = re.compile(r"\b(?:takes?|lasts?)\b[^.]*?\b(\d+) to (\d+) (minutes|hours)\b", re.I)


def test_text_and_at_a_glance_agree_on_how_long_it_takes(site):
    """A "takes N to M minutes" sentence in the plain-language text must give
    the same range as the front matter `duration` shown At a glance."""
    disagreements = {}
    for page in catalog.procedures(DOCS):
        soup = checks.soup(site / "procedures" / page.slug / "index.html")
        text = readability.plain_text(str(soup), ["what-it-is", "during-the-procedure", "after-the-procedure"])
        for low, high, unit in DURATION.findall(text):
            if f"{low} to {high} {unit}".lower() not in page.meta["duration"].lower():
                disagreements.setdefault(page.slug, []).append(f"{low} to {high} {unit} vs At a glance '{page.meta['duration']}'")
    assert disagreements == {}


def test_duration_check_catches_a_disagreement():
    html = "<article><h2 id='during-the-procedure'>x</h2><p>The procedure takes 10 to 20 minutes.</p></article>"
    found = DURATION.findall(readability.plain_text(html, ["during-the-procedure"]))
    assert found == [("10", "20", "minutes")] and "10 to 20 minutes" not in "Usually 15 to 30 minutes"
