"""The bibliography: one entry per work in data/references.yml, cited by
key; the build rejects a bad entry or citation with one line, renders
every page's list from it, and lists everything on /sources/."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import yaml
from bs4 import BeautifulSoup

import checks
import sitebuild
from painref import bibliography

ENTRY = {"kind": "article", "authors": ["Doe J"], "title": "A trial of something", "source": "A Journal", "year": 2020, "doi": "10.1000/xyz123"}


def _site(tmp_path, body: str, entries: dict):
    docs = tmp_path / "docs"
    docs.mkdir()
    today = dt.date.today()
    (docs / "index.md").write_text(
        f"---\ntitle: Home\ndescription: The home page of a small site that the tests build.\n"
        f"last_reviewed: {today}\nnext_review: {today + dt.timedelta(days=300)}\n---\n\n{body}\n",
        "utf-8",
    )
    data = tmp_path / "data"
    data.mkdir()
    (data / "references.yml").write_text(
        yaml.safe_dump({"official_hosts": ["nice.org.uk"], "references": entries}, sort_keys=False), "utf-8"
    )
    return sitebuild.fixture_config(tmp_path, docs, nav=[{"Home": "index.md"}], data=data)


# case: (page body, bibliography entries, words of the one expected line)
CASES = {
    "unknown-key": ("A fact.[^doe2020] Another.[^nosuchkey]", {"doe2020": ENTRY}, "docs/index.md: reference 'nosuchkey' is not in"),
    "unused-key": ("A fact.[^doe2020]", {"doe2020": ENTRY, "spare2019": {**ENTRY, "doi": "10.1000/other"}}, "reference 'spare2019' is never cited"),
    "malformed-doi": ("A fact.[^doe2020]", {"doe2020": {**ENTRY, "doi": "doi:10.1000/xyz"}}, "DOI 'doi:10.1000/xyz' is not of the form"),
    "malformed-pmid": ("A fact.[^doe2020]", {"doe2020": {**ENTRY, "pmid": "PMID 123"}}, "PMID 'PMID 123' must be digits"),
    "search-url": (
        "A fact.[^doe2020]",
        {"doe2020": {**{k: v for k, v in ENTRY.items() if k != "doi"}, "kind": "web", "url": "https://pubmed.ncbi.nlm.nih.gov/?term=a+trial"}},
        "is a search-results link",
    ),
    "no-identifier": ("A fact.[^doe2020]", {"doe2020": {k: v for k, v in ENTRY.items() if k != "doi"}}, "reference 'doe2020': has no identifier"),
    "publisher-page-only": (
        "A fact.[^doe2020]",
        {"doe2020": {**{k: v for k, v in ENTRY.items() if k != "doi"}, "url": "https://journals.example.com/article/1"}},
        "a journal article needs a doi, pmid or pmcid",
    ),
    "superseded-edition": (
        "A fact.[^old2015]",
        {"old2015": {**ENTRY, "superseded_by": "new2018"}, "new2018": {**ENTRY, "doi": "10.1000/new"}},
        "docs/index.md: reference 'old2015' has a newer edition; fix: cite 'new2018' instead",
    ),
    "defined-on-page": ("A fact.[^doe2020]\n\n[^doe2020]: Doe J. A trial.", {"doe2020": ENTRY}, "reference 'doe2020' is defined on the page"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_reference_fails_the_build_with_one_line(tmp_path, case):
    body, entries, words = CASES[case]
    result = sitebuild.build(_site(tmp_path, body, entries))
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if words in line]
    assert len(lines) == 1, result.stderr
    assert "fix: " in lines[0]


def test_good_reference_renders_with_identifier_links(tmp_path):
    entry = {**ENTRY, "pmid": "12345678", "funding": "Funded by the device maker."}
    result = sitebuild.build(_site(tmp_path, "A fact.[^doe2020]", {"doe2020": entry}))
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text("utf-8")
    item = BeautifulSoup(html, "lxml").select_one(".footnote li")
    links = [a["href"] for a in item.select("a.ipm-ref-id")]
    assert links == ["https://doi.org/10.1000/xyz123", "https://pubmed.ncbi.nlm.nih.gov/12345678/"]
    assert "Funded by the device maker." in item.get_text()


# --- the real site ----------------------------------------------------------

ID_LINK = re.compile(
    r"^https://(doi\.org/10\.\d{4,9}/\S+|pubmed\.ncbi\.nlm\.nih\.gov/\d+/|pmc\.ncbi\.nlm\.nih\.gov/articles/PMC\d+/|\S+)$"
)


def _bib():
    return bibliography.load(sitebuild.ROOT / "data" / "references.yml")


def _cited(path):
    """Reference keys listed at the foot of a built page."""
    return [li["id"].removeprefix("fn:") for li in checks.soup(path).select(".footnote > ol > li")]


def test_every_reference_list_comes_from_the_bibliography(site):
    bib = _bib()
    rendered = 0
    for url, path in checks.html_pages(site).items():
        for item in checks.soup(path).select(".footnote > ol > li"):
            key = item["id"].removeprefix("fn:")
            assert key in bib, (url, key)
            links = [a["href"] for a in item.select("a.ipm-ref-id")]
            assert links, (url, key)
            for href in links:
                assert ID_LINK.match(href) and not bibliography.SEARCH_URL.search(href), (url, key, href)
            rendered += 1
    assert rendered > 300


def test_procedure_condition_and_core_pages_cite_the_bibliography(site):
    pages = checks.html_pages(site)
    for url, path in pages.items():
        if url.startswith(("/procedures/", "/conditions/")) and url.count("/") == 3:
            assert len(_cited(path)) >= 3, url


def test_sources_page_lists_every_reference_with_the_pages_citing_it(site):
    bib = _bib()
    pages = checks.html_pages(site)
    sources = checks.soup(pages["/sources/"])
    listed = {span["id"].removeprefix("ref-"): span.find_parent("li") for span in sources.select("li > span[id^='ref-']")}
    assert set(listed) == set(bib.entries)
    citing: dict[str, set[str]] = {}
    for url, path in pages.items():
        for key in _cited(path):
            citing.setdefault(key, set()).add(url)
    for key, urls in citing.items():
        links = {a["href"] for a in listed[key].select(".ipm-sources__cited a")}
        linked = {"/" + href.removeprefix("../") if href != "../" else "/" for href in links}
        assert urls - {"/sources/"} <= linked, (key, urls - linked)
    about = checks.soup(pages["/about/"])
    assert about.select_one("article a[href$='sources/']") is not None


# Overstatements and errors found by the clinical review; fixed in the
# text, and kept out. Each is the wording that was removed.
FIXED_PHRASES = [
    "centers, there were no cases of nerve injury or serious bleeding",
    "may need to be stopped for a few days",
    "most people keep taking them",
    "5 good-quality randomized trials",
    "radio waves heat the tip",
    "the probe tip gets hot enough",
    "did not find good evidence of lasting benefit over placebo",
    "did not show a durable benefit over placebo",
]


def test_fixed_overstatements_do_not_return(site):
    found = {}
    for url, path in checks.html_pages(site).items():
        text = " ".join(checks.soup(path).select_one("article").get_text(" ").split()).lower()
        hits = [phrase for phrase in FIXED_PHRASES if phrase.lower() in text]
        if hits:
            found[url] = hits
    assert found == {}


def test_review_findings_are_stated(site):
    pages = checks.html_pages(site)

    def text(url):
        return " ".join(checks.soup(pages[url]).select_one("article").get_text(" ").split())

    prf = text("/procedures/pulsed-radiofrequency/")
    assert "MINT" in prf and "non-particulate" in prf.lower()
    scs = text("/procedures/spinal-cord-stimulation/")
    assert "probably gives little or no lasting benefit compared with placebo" in scs
    assert "outside of research trials" in scs
    pns = text("/procedures/peripheral-nerve-stimulation/")
    assert "1 high" in pns and "4 moderate" in pns
    risks = text("/risks/")
    assert "never stop" in risks.lower() and "10 days" in risks
