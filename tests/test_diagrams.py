"""Diagrams: at least six, accessible, inlined, and drawn in both schemes."""

from __future__ import annotations

import pytest

import checks
from painref import DIAGRAM_DIR, diagrams

NAMES = sorted(path.stem for path in DIAGRAM_DIR.glob("*.svg"))


def _placements(site):
    found = {}
    for url, path in checks.html_pages(site).items():
        for svg in checks.soup(path).select("figure.ipm-diagram > svg[role=img]"):
            found.setdefault(svg["aria-labelledby"].split(" ")[0].removesuffix("-title"), []).append(url)
    return found


def test_at_least_six_diagrams_each_used_and_accessible(site):
    assert len(NAMES) >= 6
    placements = _placements(site)
    assert sorted(placements) == NAMES  # every drawing is placed, none is missing
    for name, urls in placements.items():
        svg = checks.soup(checks.html_pages(site)[urls[0]]).find("svg", attrs={"aria-labelledby": f"{name}-title {name}-desc"})
        assert svg.find("title").get_text(strip=True) and svg.find("desc").get_text(strip=True)


def test_checker_rejects_inaccessible_or_outside_drawings(tmp_path, monkeypatch):
    monkeypatch.setattr(diagrams, "DIAGRAM_DIR", tmp_path)
    diagrams.load.cache_clear()
    ok = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" role="img" aria-labelledby="x-title x-desc"><title id="x-title">T</title><desc id="x-desc">D</desc>{}</svg>'
    cases = {
        "good": "<rect class='d-bone' x='1' y='1' width='5' height='5'/>",
        "colour": "<rect fill='red' x='1' y='1' width='5' height='5'/>",
        "remote": "<image href='https://example.com/a.png'/>",
        "class": "<rect class='fancy' width='1' height='1'/>",
    }
    for name, body in cases.items():
        (tmp_path / f"{name}.svg").write_text(ok.format(body).replace("x-", f"{name}-"), "utf-8")
    (tmp_path / "untitled.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1" role="img"/>', "utf-8")
    assert diagrams.load("good")[1] == "T"
    for name in ("colour", "remote", "class", "untitled"):
        with pytest.raises(diagrams.DiagramError):
            diagrams.load(name)
    diagrams.load.cache_clear()


COLOURS = """name => {
  const svg = document.querySelector(`svg[aria-labelledby^="${name}-title"]`);
  const style = el => el ? getComputedStyle(el) : null;
  const label = style(svg.querySelector('.d-label'));
  const filled = style(svg.querySelector('.d-bone, .d-device, .d-soft'));
  return {
    width: svg.getBoundingClientRect().width,
    label: label.fill,
    text: getComputedStyle(document.querySelector('article')).color,
    filled: filled.fill,
  };
}"""


@pytest.mark.browser
def test_diagrams_follow_light_and_dark_schemes(site, new_context):
    placements = _placements(site)
    seen = {}
    for scheme in ("light", "dark"):
        page = new_context(color_scheme=scheme).new_page()
        for name, urls in placements.items():
            page.goto(urls[0])
            state = page.evaluate(COLOURS, name)
            assert state["width"] >= 400, (name, scheme, state)  # drawn at a readable size
            assert state["label"] == state["text"], (name, scheme, state)  # labels in the text colour
            seen[(name, scheme)] = state["filled"]
    for name in placements:
        assert seen[(name, "light")] != seen[(name, "dark")], name  # fills change with the scheme
