"""Quality gates of the test command, each shown to fail on a small broken
fixture: valid HTML (Nu HTML Checker), spelling (codespell), Markdown
style, reading grade, a reference for every figure, titles and
descriptions, the build's checks on its own output (links written as
HTML, ids, outside hosts, diagram markers), and a Lighthouse summary that
belongs to the current content."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

import checks
import sitebuild
from painref import frontmatter, lighthouse, mdstyle, metadata, readability

ROOT = sitebuild.ROOT
DOCS = ROOT / "docs"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
TODAY = dt.date.today()


# --- small sites built with the real hooks and theme ------------------------


def _page(title: str, body: str, description: str | None = None) -> str:
    description = description or f"The {title.lower()} page of a small site that the quality tests build."
    return (
        f"---\ntitle: {title}\ndescription: {json.dumps(description)}\n"
        f"last_reviewed: {TODAY}\nnext_review: {TODAY + dt.timedelta(days=300)}\n---\n\n{body}\n"
    )


def _build(tmp_path: Path, body: str, *, extra_pages: dict | None = None, data: dict | None = None,
           description: str | None = None, without_social: bool = False):
    """Build a site whose home page has this body; returns (result, site)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(_page("Home", body, description), "utf-8")
    nav = [{"Home": "index.md"}]
    for name, text in (extra_pages or {}).items():
        (docs / name).write_text(text, "utf-8")
        nav.append({name.removesuffix(".md").title(): name})
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    for name, text in (data or {}).items():
        (data_dir / name).write_text(text, "utf-8")
    config = sitebuild.fixture_config(tmp_path, docs, nav=nav, data=data_dir)
    if without_social:
        settings = yaml.safe_load(config.read_text("utf-8"))
        settings["plugins"] = [p for p in settings["plugins"] if "social" not in (p if isinstance(p, str) else next(iter(p)))]
        config.write_text(yaml.safe_dump(settings, sort_keys=False), "utf-8")
    return sitebuild.build(config), tmp_path / "site"


def _lines(result, words: str) -> list[str]:
    return [line for line in result.stderr.splitlines() if words in line]


def _one_line(result, *words: str) -> str:
    """The build failed, with exactly one line holding all these words."""
    assert result.returncode != 0, result.stderr[-2000:]
    lines = [line for line in result.stderr.splitlines() if all(w in line for w in words)]
    assert len(lines) == 1, result.stderr[-3000:]
    assert "fix: " in lines[0]
    return lines[0]


# --- valid HTML: the Nu HTML Checker ----------------------------------------

BROKEN_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Broken on purpose</title></head>
<body><p>An <a href="#a" href="#b">attribute given twice</a>.</p>
<ul><p>A paragraph where a list item must be.</p></ul></body></html>
"""


def material_toggle_autocomplete(message: dict) -> bool:
    """The one message let through, and only on Material's own toggles.

    Material's base.html writes autocomplete="off" on its two hidden toggle
    checkboxes (the menu drawer and the search), outside every block and
    partial, so no override can change them short of copying base.html
    whole. The attribute is deliberate: it keeps Firefox from restoring a
    ticked toggle (an open menu or search) on reload or Back.
    """
    return (
        message.get("type") == "error"
        and message.get("message", "").startswith("Attribute “autocomplete” is only allowed when the input type is")
        and _MATERIAL_TOGGLE.search(message.get("extract", "")) is not None
    )


# One of Material's toggles as the minified page has it (attributes in
# alphabetical order, unquoted where HTML allows).
_MATERIAL_TOGGLE = re.compile(r"<input autocomplete=\"?off\"? class=\"?md-toggle\"? data-md-toggle=\"?(?:drawer|search)\"? id=\"?__(?:drawer|search)\"? type=\"?checkbox\"?>")


def _errors(messages: list[dict]) -> list[dict]:
    return [m for m in messages if m.get("type") in ("error", "non-document-error") and not material_toggle_autocomplete(m)]


@pytest.fixture(scope="session")
def vnu(site, tmp_path_factory):
    """One Nu HTML Checker run (one JVM: it is slow to start) over every
    HTML file of the built site and one broken page: {file: messages}."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: scripts/dev test installs Debian's default-jre-headless (as root), or run 'sudo apt-get install -y default-jre-headless'")
    if not VNU.is_file():
        pytest.fail(f"{VNU.relative_to(ROOT)} is missing: run scripts/dev test, which installs the npm packages of package.json")
    broken = tmp_path_factory.mktemp("vnu") / "broken.html"
    broken.write_text(BROKEN_HTML, "utf-8")
    files = [*sorted(site.rglob("*.html")), broken]
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--exit-zero-always", *map(str, files)],
        capture_output=True, text=True, timeout=600,
    )
    report: dict[Path, list] = {path: [] for path in files}
    for message in json.loads(result.stderr)["messages"]:
        report.setdefault(Path(unquote(urlsplit(message.get("url", "")).path)), []).append(message)
    return report, broken


def test_every_built_page_is_valid_html(vnu, site):
    report, broken = vnu
    checked = [path for path in report if path != broken]
    assert len(checked) >= len(checks.html_pages(site))
    errors = [
        f"{path.relative_to(site)}:{m.get('lastLine', '?')}: {m.get('message')} [{' '.join(m.get('extract', '').split())[:80]}]"
        for path in checked
        for m in _errors(report[path])
    ]
    assert errors == []


def test_html_checker_reports_the_broken_page(vnu):
    report, broken = vnu
    messages = " | ".join(m["message"] for m in _errors(report[broken]))
    assert "Duplicate attribute" in messages and "“p”" in messages, messages


def test_only_materials_toggles_may_carry_autocomplete():
    message = {
        "type": "error",
        "message": "Attribute “autocomplete” is only allowed when the input type is “color”, “date”.",
        "extract": "=checkbox><input autocomplete=off class=md-toggle data-md-toggle=search id=__search type=checkbox><label",
    }
    assert material_toggle_autocomplete(message)
    assert not material_toggle_autocomplete({**message, "extract": "<input autocomplete=off name=x type=checkbox>"})
    assert not material_toggle_autocomplete({**message, "extract": "<input autocomplete=off class=md-toggle id=mine type=checkbox>"})
    assert not material_toggle_autocomplete({**message, "message": "Duplicate ID “__search”."})


# --- spelling: codespell -------------------------------------------------------


def _search_term_lines(paths) -> list[str]:
    """The lines of front matter search_terms lists: misspelt on purpose
    (what readers type), never shown, so codespell leaves them alone."""
    out = []
    for path in paths:
        raw, _ = frontmatter.split(path.read_text("utf-8"))
        for block in re.findall(r"^search_terms:[^\n]*\n(?:[ \t]+[^\n]*\n)*", raw or "", re.M):
            out += block.rstrip("\n").split("\n")
    return out


def _codespell(tmp_path: Path, *paths: str | Path, markdown=()) -> subprocess.CompletedProcess:
    exclude = tmp_path / "search-terms.txt"
    exclude.write_text("\n".join(_search_term_lines(markdown)) + "\n", "utf-8")
    # cwd: codespell reads [tool.codespell] from pyproject.toml there.
    return subprocess.run(
        [sys.executable, "-m", "codespell_lib", "--exclude-file", str(exclude), *map(str, paths)],
        capture_output=True, text=True, cwd=ROOT,
    )


def test_docs_and_data_are_spelled_right(tmp_path):
    result = _codespell(tmp_path, "docs", "data", markdown=sorted(DOCS.rglob("*.md")))
    assert result.returncode == 0, "codespell (add a right word to .codespell-ignore with the reason):\n" + result.stdout + result.stderr


def test_spelling_check_catches_a_misspelling(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(_page("Spelling", "A brief sting, then the numbness.\n\nWe will recieve the results.").replace(
        "last_reviewed", "search_terms:\n  - siatica\nlast_reviewed"), "utf-8")
    result = _codespell(tmp_path, page, markdown=[page])
    assert result.returncode != 0
    found = result.stdout.strip().splitlines()
    line = page.read_text("utf-8").splitlines().index("We will recieve the results.") + 1
    assert found == [f"{page}:{line}: recieve ==> receive"], result.stdout  # the search term and "sting" pass


# --- Markdown style --------------------------------------------------------------


def test_every_page_follows_the_markdown_style():
    assert mdstyle.check_docs(DOCS) == []


def test_markdown_style_problems_fail_the_build(tmp_path):
    body = (
        "Intro.\n\n## Fine {#fine}\n\n#### Too deep {#too-deep}\n\nSee https://example.org/page for more. \n\n"
        "!!! note \"Box\"\n\n    # Another title\n"
    )
    result, _ = _build(tmp_path, body)
    skipped = _one_line(result, "docs/index.md: line 12:", "'#### Too deep {#too-deep}' skips a level (H2 before it)")
    assert "make it '### '" in skipped
    _one_line(result, "docs/index.md: line 14:", "bare URL 'https://example.org/page'")
    _one_line(result, "docs/index.md: line 14:", "trailing spaces")
    _one_line(result, "docs/index.md: line 18:", "H1 heading '# Another title'")


# --- reading grade -------------------------------------------------------------------


def test_readability_report_lists_every_page_at_grade_8_on_average(site):
    result = subprocess.run([sys.executable, "-m", "painref.readability", str(site)], capture_output=True, text=True, cwd=ROOT)
    print(result.stdout)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    graded = {line.split()[1] for line in lines[:-1]}
    expected = {f"procedures/{p.parent.name}" for p in (site / "procedures").glob("*/index.html")}
    expected |= {f"conditions/{p.parent.name}" for p in (site / "conditions").glob("*/index.html")}
    expected |= {"home", "what-is-interventional-pain-medicine", "risks", "faq", "glossary"}
    assert expected <= graded
    average = float(lines[-1].split()[0])
    assert "site average" in lines[-1] and average <= readability.MAX_AVERAGE


def test_readability_report_fails_on_hard_text(tmp_path):
    hard = (
        "<article><h1>Hard</h1><p>Fluoroscopically guided transforaminal administration of corticosteroid "
        "necessitates meticulous anatomical localisation notwithstanding considerable interindividual "
        "variability in foraminal morphology and radicular vascularisation.</p></article>"
    )
    (tmp_path / "history").mkdir()
    (tmp_path / "history" / "index.html").write_text(hard, "utf-8")
    result = subprocess.run([sys.executable, "-m", "painref.readability", str(tmp_path)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1, result.stdout
    assert "history" in result.stdout


# --- every figure has its reference (a build rule) -------------------------------

REFERENCE = {
    "kind": "article", "authors": ["Doe J"], "title": "A trial of something", "source": "Journal of Tests",
    "year": 2020, "doi": "10.1000/xyz123",
}
FIGURES_BODY = """Intro text.[^doe2020]

!!! note "About 30% of people feel better"

    The box text has no source.

!!! note "About 20% of people feel worse"

    The box text cites one.[^doe2020]

- About 7 in 10 people had less pain:
    - at three months
- One in five had none.[^doe2020]

The rates were:[^doe2020]

- 12 in 100 after one operation

| Relief at 50% | Source |
| --- | --- |
| Some | None |

| Relief | Source |
| --- | --- |
| In 40% | Doe 2020[^doe2020] |

About 7 in 10 people had less pain after it.

## Terms {#terms}

Also see the glossary.
"""


def test_figure_without_a_reference_fails_the_build(tmp_path):
    glossary = {"terms": [
        {"term": "Relief", "definition": "Less pain: it comes to 40% of people after a block."},
        {"term": "Block", "definition": "An injection of numbing medicine near a nerve."},
    ]}
    glossary_page = _page("Glossary", "Words used on this site.")
    result, _ = _build(
        tmp_path, FIGURES_BODY, extra_pages={"glossary.md": glossary_page},
        data={"references.yml": yaml.safe_dump({"official_hosts": ["nice.org.uk"], "references": {"doe2020": REFERENCE}}),
              "glossary.yml": yaml.safe_dump(glossary)},
    )
    _one_line(result, "docs/index.md: figure '30%' has no reference in this box title")
    _one_line(result, "docs/index.md: figure '7 in 10' has no reference in this list item: \"About 7 in 10 people had less pain:\"")
    _one_line(result, "docs/index.md: figure '50%' has no reference in this table header")
    _one_line(result, "docs/index.md: figure '7 in 10' has no reference in this paragraph")
    _one_line(result, "docs/glossary.md (text from data/glossary.yml): figure '40%' has no reference in this definition")
    # Referenced figures pass: in the box, the item, the lead-in sentence, the row.
    for fine in ("20%", "One in five", "12 in 100", "In 40%"):
        assert _lines(result, f"figure '{fine}'") == [], fine
    assert len(_lines(result, "has no reference")) == 5, result.stderr


# --- the build's checks on its own output ------------------------------------------

BUILT_BODY = """Intro.

## Infection {#infection}

Text.

### More about infection {#infection}

<a href="../nowhere/">A page that is not there</a> and <a href="#no-such-anchor">an anchor that is not there</a>,
and <a href="#infection">one that is</a>.

<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" srcset="https://cdn.example.com/a.png 2x" alt="A dot">

<svg viewBox="0 0 4 4" role="img" aria-label="Dots"><image href="https://img.example.com/b.png" width="2" height="2"/><rect fill="url(https://example.com/p.svg#g)" width="1" height="1"/></svg>
"""


def test_broken_html_links_duplicate_ids_and_outside_files_fail_the_build(tmp_path):
    result, _ = _build(tmp_path, BUILT_BODY)
    _one_line(result, "docs/index.md: id 'infection' is used 2 times on the page")
    _one_line(result, "docs/index.md: <a href='../nowhere/'> goes to a page that does not exist")
    _one_line(result, "docs/index.md: <a href='#no-such-anchor'> points to '#no-such-anchor', which this page does not have")
    _one_line(result, "<img srcset='https://cdn.example.com/a.png'> loads from another host")
    _one_line(result, "<image href='https://img.example.com/b.png'> loads from another host")
    _one_line(result, "<rect fill=\"url(https://example.com/p.svg#g)\"> loads from another host")
    assert _lines(result, "#infection'") == []  # the link that resolves


def test_misspelt_diagram_marker_fails_the_build(tmp_path):
    result, _ = _build(tmp_path, "Intro.\n\n<!-- diagram: sympathetic_chain -->\n\nMore.")
    line = _one_line(result, "docs/index.md: line 10: diagram marker '<!-- diagram: sympathetic_chain -->' is not recognised")
    assert "'<!-- diagram: sympathetic-chain -->'" in line


# --- titles, descriptions and sharing tags ---------------------------------------------


def _meta(soup, **attrs) -> list[str]:
    return [tag.get("content") for tag in soup.find_all("meta", attrs=attrs)]


def test_every_page_has_language_description_canonical_and_sharing_tags(site, base_url):
    low, high = metadata.limits("description")
    titles, descriptions = {}, {}
    for url, path in checks.html_pages(site).items():
        soup = checks.soup(path)
        assert soup.html.get("lang") == "en", url
        description = _meta(soup, **{"name": "description"})
        assert len(description) == 1 and low <= len(description[0]) <= high, (url, description)
        descriptions.setdefault(description[0], []).append(url)
        title = soup.title.get_text()
        titles.setdefault(title, []).append(url)
        canonical = [link["href"] for link in soup.find_all("link", rel="canonical")]
        assert canonical == [f"{base_url}{url}"], (url, canonical)
        for prefix in ("og", "twitter"):
            shared_title = [t.get("content") for t in soup.find_all("meta") if f"{prefix}:title" in (t.get("property"), t.get("name"))]
            shared_text = [t.get("content") for t in soup.find_all("meta") if f"{prefix}:description" in (t.get("property"), t.get("name"))]
            # The home page shares the site's name (as Material's social cards do).
            assert len(shared_title) == 1 and (shared_title[0] == title or url == "/"), (url, prefix, shared_title)
            assert shared_text == description, (url, prefix, shared_text)
    assert {t: u for t, u in titles.items() if len(u) > 1} == {}
    assert {d: u for d, u in descriptions.items() if len(u) > 1} == {}
    assert any(url.startswith("/regions/") and url != "/regions/" for url in checks.html_pages(site))  # generated pages included


QUOTED = 'The "gold standard" test & its <limits>, written by the quality tests.'


@pytest.mark.parametrize("social", [True, False], ids=["social-plugin", "own-tags"])
def test_quotes_in_a_description_are_escaped_in_every_tag(tmp_path, social):
    result, site = _build(tmp_path, "Intro.", description=QUOTED, without_social=not social)
    assert result.returncode == 0, result.stderr[-3000:]
    html = (site / "index.html").read_text("utf-8")
    soup = BeautifulSoup(html, "lxml")
    assert _meta(soup, **{"name": "description"}) == [QUOTED]
    shared = [t.get("content") for t in soup.find_all("meta") if t.get("property") in ("og:description", "twitter:description") or t.get("name") == "twitter:description"]
    assert shared == [QUOTED, QUOTED]
    assert 'content="The "gold' not in html


def test_shared_or_short_descriptions_fail_the_build(tmp_path):
    same = "A description that two pages of this small site share."
    other = _page("Other", "Text.", same)
    result, _ = _build(tmp_path, "Intro.", description=same, extra_pages={"other.md": other})
    _one_line(result, "docs/other.md: description", "is also the description of docs/index.md")


# --- Lighthouse: the committed summary belongs to the current content ------------


def test_lighthouse_summary_is_from_the_current_content(site, base_url):
    assert lighthouse.SUMMARY.is_file(), "benchmarks/lighthouse.md is missing: run scripts/dev lighthouse and commit it"
    recorded = lighthouse.recorded_hash(lighthouse.SUMMARY.read_text("utf-8"))
    current = lighthouse.content_hash(site, base_url + "/")
    assert recorded == current, (
        "benchmarks/lighthouse.md was recorded for other content (the measured pages, or the styles and scripts "
        "they load, have changed since): run scripts/dev lighthouse and commit the new summary"
    )


def test_lighthouse_hash_ignores_the_address_but_not_the_content(site, base_url, tmp_path):
    """Built for another address, the same pages hash the same; one
    changed word, or a changed stylesheet, changes the hash."""
    moved = tmp_path / "site"
    shutil.copytree(site, moved)
    other = "https://somewhere.example/"
    for url in lighthouse.PAGES.values():
        page = moved / url / "index.html"
        page.write_text(page.read_text("utf-8").replace(base_url + "/", other), "utf-8")
    before = lighthouse.content_hash(site, base_url)
    assert lighthouse.content_hash(moved, other) == before
    faq = moved / lighthouse.PAGES["FAQ"] / "index.html"
    faq.write_text(faq.read_text("utf-8").replace("</article>", "One more word.</article>", 1), "utf-8")
    assert lighthouse.content_hash(moved, other) != before
    faq.write_text(faq.read_text("utf-8").replace("One more word.</article>", "</article>", 1), "utf-8")
    assert lighthouse.content_hash(moved, other) == before
    home = (site / "index.html").read_text("utf-8")
    css = moved / sorted(a for a in lighthouse._assets(home, "") if a.endswith(".css"))[-1]
    css.write_text(css.read_text("utf-8") + "\n/* changed */\n", "utf-8")
    assert lighthouse.content_hash(moved, other) != before


def test_lighthouse_budgets_are_the_agreed_ones():
    assert lighthouse.BUDGETS == {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
    assert lighthouse.failures({"Home": {"performance": 94, "accessibility": 100, "best-practices": 100, "seo": 100}}) == ["Home: performance 94 < 95"]


def test_browser_tests_open_pages_only_through_the_guard():
    """conftest's new_context (and context, page) fail a test whose pages
    asked another host for anything; a context opened straight from the
    browser would skip that check."""
    offenders = [
        f"{path.name}:{number}"
        for path in sorted((ROOT / "tests").glob("test_*.py"))
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if re.search(r"\bbrowser\.new_(context|page)\(", line)
    ]
    assert offenders == [], "use the new_context fixture instead"


@pytest.mark.browser
def test_browser_refuses_and_records_a_request_to_another_host(new_context):
    context = new_context()
    page = context.new_page()
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto("/")
    page.evaluate("() => fetch('https://tracker.example.net/pixel').catch(() => null)")
    page.wait_for_function("() => performance.getEntriesByType('resource').length > 0")
    page.wait_for_timeout(300)
    assert context.outside_requests == ["https://tracker.example.net/pixel"]
    assert failed == ["https://tracker.example.net/pixel"]  # it went nowhere
    context.outside_requests.clear()  # shown above; the check at teardown would fail the test
