"""Front matter rules: each rule is shown to catch its bad-input fixture,
both through the validator and through a real (failing) build."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import sitebuild
from painref import frontmatter

FIXTURES = Path(__file__).parent / "fixtures" / "front-matter"
# A fixed day, so that the fixtures' dates keep their meaning for years.
TODAY = dt.date(2026, 6, 1)

# fixture file, where it pretends to live in docs/, the field, and words
# that must appear in its one-line message
BAD = [
    ("missing-field.md", "history.md", "description", "is missing; fix: add 'description:'"),
    ("wrong-type.md", "history.md", "title", "expected string"),
    ("unknown-key.md", "history.md", "reviewd_by", "is not allowed"),
    ("malformed-yaml.md", "history.md", None, "not valid YAML at line"),
    ("review-overdue.md", "history.md", "next_review", "review overdue since 2024-01-15"),
    ("review-too-far.md", "history.md", "next_review", "more than 3 years after"),
    ("description-too-long.md", "history.md", "description", "at most 160 allowed"),
    ("no-front-matter.md", "history.md", None, "front matter is missing"),
    ("procedure-unknown-condition.md", "procedures/test-block.md", "conditions[1]", "unknown value 'tennis-elbow'; fix: use one of data/conditions.yml"),
    ("procedure-unknown-condition.md", "procedures/test-block.md", "body_regions[1]", "unknown value 'elbow'; fix: use one of data/regions.yml"),
    ("procedure-no-aliases.md", "procedures/test-block.md", "aliases", "should be non-empty"),
]


def check(name: str, src_uri: str, today=TODAY) -> list[str]:
    text = (FIXTURES / name).read_text("utf-8")
    return frontmatter.check_text(f"docs/{src_uri}", src_uri, text, today)


def test_valid_fixture_passes():
    assert check("valid-page.md", "history.md") == []


@pytest.mark.parametrize("name, src_uri, field, words", BAD, ids=[f"{b[0]}:{b[2]}" for b in BAD])
def test_bad_fixture_is_reported_in_one_line(name, src_uri, field, words):
    problems = check(name, src_uri)
    matching = [p for p in problems if words in p]
    assert matching, problems
    message = matching[0]
    assert "\n" not in message
    assert message.startswith(f"docs/{src_uri}: ")  # the file
    if field:
        assert f"field '{field}'" in message  # the field
    assert "fix: " in message  # what to do


def test_general_page_rules_do_not_apply_procedure_fields():
    problems = check("procedure-no-aliases.md", "history.md")
    assert any("field 'aliases': is not allowed on a page page" in p for p in problems), problems


def test_condition_page_needs_a_known_slug():
    problems = check("valid-page.md", "conditions/tennis-elbow.md")
    assert any("not a condition slug" in p for p in problems), problems


def test_every_real_page_passes():
    docs = sitebuild.ROOT / "docs"
    assert frontmatter.check_docs(docs) == []


def _dated_page(title: str, last: dt.date, due: dt.date, extra: str = "") -> str:
    return (
        f"---\ntitle: {title}\ndescription: The {title} page, written by the tests to drive a real build of the site.\n"
        f"last_reviewed: {last}\nnext_review: {due}\n{extra}---\n\nBody text.\n"
    )


@pytest.fixture
def tiny_site(tmp_path):
    """A one-page site with the real hooks and theme; returns (docs, build)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    today = dt.date.today()
    (docs / "index.md").write_text(_dated_page("Home", today, today + dt.timedelta(days=300)), "utf-8")
    data = tmp_path / "data"
    data.mkdir()
    (data / "faq.yml").write_text("topics: []\n", "utf-8")
    (data / "faq-anchors.yml").write_text("ids: []\n", "utf-8")
    nav = [{"Home": "index.md"}, {"Page": "page.md"}]
    config = sitebuild.fixture_config(tmp_path, docs, nav=nav, data=data)
    return docs, lambda: sitebuild.build(config)


def test_build_passes_with_good_pages(tiny_site):
    docs, build = tiny_site
    today = dt.date.today()
    (docs / "page.md").write_text(_dated_page("Page", today, today + dt.timedelta(days=30)), "utf-8")
    result = build()
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("case", ["overdue", "unknown-key", "malformed"])
def test_build_fails_with_one_line_naming_file_and_field(tiny_site, case):
    docs, build = tiny_site
    today = dt.date.today()
    text = {
        "overdue": _dated_page("Page", today - dt.timedelta(days=400), today - dt.timedelta(days=1)),
        "unknown-key": _dated_page("Page", today, today + dt.timedelta(days=30), "colour: blue\n"),
        "malformed": "---\ntitle: [broken\n---\n",
    }[case]
    (docs / "page.md").write_text(text, "utf-8")
    result = build()
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.startswith("docs/page.md: ")]
    assert len(lines) == 1, result.stderr
    expected = {"overdue": "field 'next_review': review overdue", "unknown-key": "field 'colour': is not allowed", "malformed": "not valid YAML"}[case]
    assert expected in lines[0] and "fix: " in lines[0]
