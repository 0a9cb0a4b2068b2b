"""FAQ: permanent ids, the anchor registry, JSON-LD and deep links."""

from __future__ import annotations

import json
import random
import re

import pytest

from bs4 import BeautifulSoup

import checks
import sitebuild
from painref import catalog, faq

DATA = faq.load()
ANCHORS = faq.load_anchors()
IDS = [q.id for q in DATA.questions]
SOURCE_ARTICLE_IDS = [
    "what-is-interventional-pain-medicine",
    "what-conditions-does-it-treat",
    "what-procedures-does-it-use",
    "how-is-it-different-from-traditional-pain-management",
    "what-role-does-imaging-play",
]
TOPICS = ["about-the-field", "before-a-procedure", "on-the-day", "after-and-recovery", "risks-and-safety", "specific-procedures", "cost-and-access"]
# A fixed sample, different ids from every topic, so failures reproduce.
SAMPLE = sorted(random.Random(2026).sample(IDS, 12))


def test_ids_unique_kebab_case_and_registered():
    assert len(IDS) == len(set(IDS))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) and len(i) <= 60 for i in IDS)
    recorded, redirects = ANCHORS
    assert set(IDS) <= set(recorded), "ids missing from data/faq-anchors.yml"
    assert [i for i in recorded if i not in IDS and i not in redirects] == []


def test_content_requirements():
    assert len(IDS) >= 35
    assert [t for t, _ in DATA.topics] == TOPICS
    assert set(SOURCE_ARTICLE_IDS) <= set(IDS)
    for q in DATA.questions:
        assert 2 <= faq.sentence_count(q.answer) <= 6, q.id
        assert re.search(r"\]\([^)]+\.md(#[^)]*)?\)", q.answer), f"{q.id}: links to no page with detail"


def test_data_rules_pass():
    slugs = {page.slug for page in catalog.procedures(sitebuild.ROOT / "docs")}
    assert faq.problems(DATA, ANCHORS, slugs) == []


def test_removed_id_without_redirect_is_caught():
    recorded = list(ANCHORS[0])
    current = set(IDS) - {IDS[0]}
    problems = faq.anchor_problems(current, (recorded, {}))
    assert problems == [
        f"data/faq-anchors.yml: published id '{IDS[0]}' is no longer on /faq/; fix: restore the question "
        f"or add a redirect '{IDS[0]}: <new id>' under 'redirects:'"
    ]
    assert faq.anchor_problems(current, (recorded, {IDS[0]: IDS[1]})) == []


def test_unrecorded_id_and_dangling_redirect_are_caught():
    problems = faq.anchor_problems({"new-question"}, (["old"], {"old": "gone"}))
    assert any("'new-question' is on /faq/ but not recorded" in p for p in problems)
    assert any("points to 'gone'" in p for p in problems)


def test_every_question_on_page_with_its_id_and_copy_control(site):
    page = checks.soup(site / "faq" / "index.html")
    headings = page.select(".ipm-faq > h3[id]")
    assert [h["id"] for h in headings] == IDS
    for heading in headings:
        button = heading.find_next_sibling().find("button", class_="ipm-copy-link")
        assert button and button["data-ipm-copy"] == heading["id"]


def test_json_ld_lists_exactly_the_questions(site):
    page = checks.soup(site / "faq" / "index.html")
    # The page's MedicalWebPage and BreadcrumbList blocks are tested in
    # tests/test_structured_data.py.
    blocks = [json.loads(script.string) for script in page.find_all("script", type="application/ld+json")]
    faq_blocks = [block for block in blocks if block["@type"] == "FAQPage"]
    assert len(faq_blocks) == 1
    data = faq_blocks[0]
    names = [entry["name"] for entry in data["mainEntity"]]
    on_page = [h.find(string=True, recursive=False).strip() for h in page.select(".ipm-faq > h3")]
    assert names == on_page
    for entry in data["mainEntity"]:
        text = entry["acceptedAnswer"]["text"]
        assert text and "<" not in text and "[^" not in text and "](" not in text


def test_procedure_pages_list_their_common_questions(site):
    for path in (site / "procedures").glob("*/index.html"):
        slug = path.parent.name
        expected = [q.id for q in DATA.by_procedure(slug)]
        section = checks.soup(path).select_one("#common-questions")
        links = []
        if section is not None:
            links = [a["href"].split("#")[1] for a in section.find_next_sibling("ul").select("a")]
        assert links == expected, slug


# --- in the browser -----------------------------------------------------------

pytest_browser = pytest.mark.browser

REVEALED = """id => {
  const q = document.getElementById(id);
  const block = q.closest('.ipm-faq');
  const header = document.querySelector('.md-header').getBoundingClientRect();
  const box = q.getBoundingClientRect();
  const answer = block.querySelector('p:not(:has(button))');
  const a = answer.getBoundingClientRect();
  return {
    top: box.top, bottom: box.bottom, headerBottom: header.bottom, height: innerHeight,
    highlighted: block.classList.contains('ipm-faq--target')
      && getComputedStyle(block).backgroundColor !== 'rgba(0, 0, 0, 0)',
    answerVisible: a.height > 0 && getComputedStyle(answer).visibility === 'visible'
      && !answer.closest('details:not([open])'),
  };
}"""


def _assert_revealed(page, faq_id):
    page.wait_for_function("id => document.getElementById(id)?.closest('.ipm-faq')?.classList.contains('ipm-faq--target')", arg=faq_id)
    page.wait_for_timeout(150)  # let the scroll settle
    state = page.evaluate(REVEALED, faq_id)
    assert state["top"] >= state["headerBottom"], state  # not hidden under the header
    assert state["bottom"] <= state["height"], state  # inside the viewport
    assert state["highlighted"], state
    assert state["answerVisible"], state


@pytest_browser
@pytest.mark.parametrize("faq_id", SAMPLE)
def test_fresh_load_of_deep_link_reveals_answer(page, faq_id):
    page.goto(f"/faq/#{faq_id}")
    _assert_revealed(page, faq_id)
    assert page.console_errors == []


@pytest_browser
@pytest.mark.parametrize("faq_id", SAMPLE)
def test_click_from_another_page_reveals_answer(page, faq_id):
    linked_from = next((q.procedures[0] for q in DATA.questions if q.id == faq_id and q.procedures), None)
    page.goto(f"/procedures/{linked_from}/" if linked_from else "/")
    if not linked_from:
        # The home page does not link every id: add one link, then use it.
        page.evaluate("id => { const a = document.createElement('a'); a.href = 'faq/#' + id; a.id = 'probe'; a.textContent = 'x'; document.querySelector('article').prepend(a); }", faq_id)
        link = page.locator("#probe")
    else:
        link = page.locator(f"#common-questions + ul a[href$='#{faq_id}']")
    # Instant navigation starts once the sitemap has arrived, which is
    # requested after the first paint (partials/speed.html): wait for it.
    page.wait_for_function("() => window.ipmAfterPaint === 'loaded'")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__sameDocument = true")
    link.click()
    page.wait_for_url(f"**/faq/#{faq_id}")
    _assert_revealed(page, faq_id)
    # Instant navigation swaps the page in place: no full reload happened.
    assert page.evaluate("window.__sameDocument === true")


@pytest_browser
def test_copy_link_puts_full_url_on_clipboard(context, base_url):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page = context.new_page()
    page.goto("/faq/")
    faq_id = SAMPLE[0]
    # Screen readers hear which answer the button is for.
    question = page.locator(f"#{faq_id}").evaluate("h => h.firstChild.textContent.trim()")
    button = page.get_by_role("button", name=f"Copy link to the answer: {question}")
    assert button.count() == 1
    button.focus()
    page.keyboard.press("Enter")  # usable by keyboard
    page.wait_for_function("() => document.getElementById('ipm-copy-status').textContent.startsWith('Link copied')")
    assert page.evaluate("navigator.clipboard.readText()") == f"{base_url}/faq/#{faq_id}"
    # The name changed with the label, so find the button by its id now.
    assert "Link copied" in page.locator(f"button[data-ipm-copy='{faq_id}']").inner_text()


@pytest_browser
def test_answer_inside_collapsed_block_is_opened(page):
    """A link to a question whose answer sits in a closed <details> opens it.

    The served FAQ page is altered on its way to the browser (the answer
    wrapped in a collapsed block, as an editor might write it), then loaded
    fresh at the question's address.
    """
    faq_id = SAMPLE[1]

    def collapse(route):
        response = route.fetch()
        soup = BeautifulSoup(response.text(), "lxml")
        block = soup.find(id=faq_id).find_parent(class_="ipm-faq")
        details = soup.new_tag("details")
        summary = soup.new_tag("summary")
        summary.string = "Answer"
        details.append(summary)
        for paragraph in [p for p in block.find_all("p", recursive=False) if not p.find("button")]:
            details.append(paragraph.extract())
        block.append(details)
        route.fulfill(response=response, body=str(soup))

    page.route("**/faq/", collapse)
    page.goto(f"/faq/#{faq_id}")
    assert page.evaluate("id => document.getElementById(id).closest('.ipm-faq').querySelector('details') !== null", faq_id)
    _assert_revealed(page, faq_id)
    assert page.evaluate("id => document.getElementById(id).closest('.ipm-faq').querySelector('details').open", faq_id)


def test_build_fails_when_a_published_id_disappears(tmp_path):
    """Through a real build: drop a recorded question, the build stops;
    add the redirect, it passes."""
    import datetime as dt

    docs = tmp_path / "docs"
    docs.mkdir()
    today = dt.date.today()
    # A home page: every page's header links to it.
    (docs / "index.md").write_text(
        f"---\ntitle: Home\ndescription: The home page of a small site that the tests build.\n"
        f"last_reviewed: {today}\nnext_review: {today + dt.timedelta(days=365)}\n---\n\nHello.\n",
        "utf-8",
    )
    (docs / "faq.md").write_text(
        f"---\ntitle: FAQ\ndescription: The questions page of a small site that the tests build.\n"
        f"last_reviewed: {today}\nnext_review: {today + dt.timedelta(days=365)}\n---\n\nQuestions.\n",
        "utf-8",
    )
    data = tmp_path / "data"
    data.mkdir()
    (data / "faq.yml").write_text(
        "topics:\n  - id: about\n    title: About\n    questions:\n"
        "      - id: new-question\n        question: Is this the new question?\n"
        "        answer: It is. It replaced an older one.\n",
        "utf-8",
    )
    config = sitebuild.fixture_config(tmp_path, docs, nav=[{"Home": "index.md"}, {"FAQ": "faq.md"}], data=data)
    anchors = data / "faq-anchors.yml"
    anchors.write_text("ids: [old-question, new-question]\n", "utf-8")
    failed = sitebuild.build(config)
    assert failed.returncode != 0
    assert "published id 'old-question' is no longer on /faq/" in failed.stderr
    anchors.write_text("ids: [old-question, new-question]\nredirects:\n  old-question: new-question\n", "utf-8")
    passed = sitebuild.build(config)
    assert passed.returncode == 0, passed.stderr
    assert '"old-question": "new-question"' in (tmp_path / "site" / "faq" / "index.html").read_text("utf-8")


@pytest_browser
def test_old_id_with_redirect_lands_on_the_new_answer(page):
    """A link to a retired id follows data/faq-anchors.yml's redirect.

    The live registry has no redirect yet, so one is added to the served
    page's redirect map on its way to the browser.
    """
    target = SAMPLE[2]

    def add_redirect(route):
        response = route.fetch()
        body = re.sub(
            r"(<script\b[^>]*\bid=\"?ipm-faq-redirects\"?[^>]*>)\{\}",
            lambda found: found.group(1) + f'{{"an-old-question": "{target}"}}',
            response.text(),
        )
        assert "an-old-question" in body
        route.fulfill(response=response, body=body)

    page.route("**/faq/", add_redirect)
    page.goto("/faq/#an-old-question")
    page.wait_for_url(f"**/faq/#{target}")
    _assert_revealed(page, target)
