"""schema.org structured data: valid JSON-LD on every page, matching
schemas/jsonld.schema.json and the pages' front matter."""

from __future__ import annotations

import json

import pytest

import checks
import sitebuild
from painref import browse, catalog, structured_data, vocab

DOCS = sitebuild.ROOT / "docs"
SITE_NAME = "Interventional Pain Medicine Reference"


def _blocks(path) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for text in structured_data.blocks(path.read_text("utf-8")):
        data = json.loads(text)
        found.setdefault(data["@type"], []).append(data)
    return found


def _path(site, base_url, url):
    """The built file an absolute URL of the site names."""
    assert url.startswith(base_url + "/"), url
    target = site / url.removeprefix(base_url + "/") / "index.html"
    assert target.is_file(), url
    return target


def test_every_page_has_valid_json_ld(site):
    problems = []
    for url, path in checks.html_pages(site).items():
        problems += structured_data.problems(url, path.read_text("utf-8"))
        found = _blocks(path)
        assert len(found.get("MedicalWebPage", [])) == 1, url
        assert len(found.get("BreadcrumbList", [])) == 1, url
    assert problems == []


def test_faq_page_keeps_its_faq_block(site):
    found = _blocks(site / "faq" / "index.html")
    assert len(found["FAQPage"]) == 1 and found["FAQPage"][0]["mainEntity"]


def test_every_page_is_reviewed_by_the_editorial_team_not_a_person(site, base_url):
    for url, path in checks.html_pages(site).items():
        page = _blocks(path)["MedicalWebPage"][0]
        assert page["reviewedBy"] == {"@type": "Organization", "name": f"{SITE_NAME} editorial team", "url": f"{base_url}/about/"}, url
        assert page["url"] == f"{base_url}{url}"
        assert page["inLanguage"] == "en"


@pytest.mark.parametrize("proc", catalog.procedures(DOCS), ids=lambda p: p.slug)
def test_procedure_page_describes_its_procedure_from_front_matter(site, proc):
    page = _blocks(site / "procedures" / proc.slug / "index.html")["MedicalWebPage"][0]
    meta = proc.meta
    assert page["name"] == proc.title and page["description"] == meta["description"]
    assert page["lastReviewed"] == str(meta["last_reviewed"])
    about = page["about"]
    assert about["@type"] == "MedicalProcedure" and about["name"] == proc.title
    assert about["alternateName"] == proc.aliases
    assert about["bodyLocation"] == [vocab.regions()[slug] for slug in meta["body_regions"]]
    assert about["procedureType"] == vocab.family_name(proc.family)
    assert about["description"].rstrip(".") == meta["role"].rstrip(".")
    for field in ("anesthesia", "duration"):
        assert meta[field].rstrip(".") in about["howPerformed"], field
    for field in ("recovery", "relief_duration", "repeatable"):
        assert meta[field].rstrip(".") in about["followup"], field
    assert len(about["preparation"]) > 40  # the page's own "How do I prepare?" text


def test_condition_pages_list_the_procedures_that_name_them(site, base_url):
    procedures = catalog.procedures(DOCS)
    for cond in catalog.conditions(DOCS):
        about = _blocks(site / "conditions" / cond.slug / "index.html")["MedicalWebPage"][0]["about"]
        assert about["@type"] == "MedicalCondition" and about["name"] == cond.title
        assert about.get("alternateName", []) == cond.aliases
        expected = [(p.title, f"{base_url}/procedures/{p.slug}/") for p in browse.procedures_for(cond.slug, procedures)]
        listed = [(t["name"], t["url"]) for t in about.get("possibleTreatment", [])]
        assert listed == expected, cond.slug
        for _, url in listed:
            _path(site, base_url, url)


def test_breadcrumbs_follow_the_address_and_resolve(site, base_url):
    for url, path in checks.html_pages(site).items():
        items = _blocks(path)["BreadcrumbList"][0]["itemListElement"]
        assert [i["position"] for i in items] == list(range(1, len(items) + 1)), url
        assert items[0]["item"] == f"{base_url}/" and items[-1]["item"] == f"{base_url}{url}", url
        for item in items:
            _path(site, base_url, item["item"])
    items = _blocks(site / "conditions" / "sciatica-and-radiculopathy" / "index.html")["BreadcrumbList"][0]["itemListElement"]
    conditions_title = checks.soup(site / "conditions" / "index.html").select_one("article h1").get_text(strip=True)
    assert [i["name"] for i in items][:2] == ["Home", conditions_title]
    region = vocab.regions()["knee"]
    assert _blocks(site / "regions" / "knee" / "index.html")["BreadcrumbList"][0]["itemListElement"][-1]["name"] == region


BROKEN = {
    "not JSON": ('{"@context": "https://schema.org", "@type": "BreadcrumbList",}', "is not valid JSON"),
    "unknown type": ('{"@context": "https://schema.org", "@type": "MedicalPage"}', "has @type 'MedicalPage'"),
    "missing review date": (
        '{"@context": "https://schema.org", "@type": "MedicalWebPage", "name": "A page", "url": "https://example.org/a/",'
        ' "description": "A page with everything but its review date, for the test.", "inLanguage": "en",'
        ' "reviewedBy": {"@type": "Organization", "name": "Team"}, "about": {"@type": "Thing", "name": "A page"}}',
        "'lastReviewed' is a required property",
    ),
    "a person as reviewer": (
        '{"@context": "https://schema.org", "@type": "MedicalWebPage", "name": "A page", "url": "https://example.org/a/",'
        ' "description": "A page reviewed by a named person, which the site never claims.", "inLanguage": "en",'
        ' "lastReviewed": "2026-01-31", "reviewedBy": {"@type": "Person", "name": "Dr Nobody"}, "about": {"@type": "Thing", "name": "A page"}}',
        "at reviewedBy/@type",
    ),
    "crumb without address": (
        '{"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [{"@type": "ListItem", "position": 1, "name": "Home", "item": "index.html"}]}',
        "at itemListElement/0/item",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_json_ld_is_reported_in_one_line(case):
    text, words = BROKEN[case]
    problems = structured_data.problems("docs/x.md", f'<p>x</p><script type="application/ld+json">{text}</script>')
    assert len([p for p in problems if words in p]) == 1, problems
    assert all(p.startswith("docs/x.md: ") and "fix: " in p for p in problems)


def test_text_cannot_end_the_script_element():
    html = structured_data.script({"@context": "https://schema.org", "@type": "Thing", "name": "</script><b>x"})
    assert html.count("</script>") == 1
    assert json.loads(structured_data.blocks(html)[0])["name"] == "</script><b>x"
