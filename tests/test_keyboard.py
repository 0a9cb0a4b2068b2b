"""Keyboard-only use in Chromium: the skip link, search, visible focus and
collapsible blocks, with no mouse."""

from __future__ import annotations

import re

import pytest

import searching

pytestmark = pytest.mark.browser

ACTIVE = """() => {
  const el = document.activeElement;
  return {tag: el.tagName.toLowerCase(), cls: String(el.className.baseVal ?? el.className),
          text: (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 60),
          href: el.getAttribute('href'), inArticle: !!el.closest('article')};
}"""


@pytest.mark.parametrize("url", ["/", "/procedures/epidural-steroid-injection/", "/conditions/sciatica-and-radiculopathy/"])
def test_first_tab_reaches_the_skip_link_and_it_moves_focus_into_the_content(page, url):
    page.goto(url)
    page.keyboard.press("Tab")
    first = page.evaluate(ACTIVE)
    assert first["tag"] == "a" and "md-skip" in first["cls"] and first["text"] == "Skip to content", first
    page.keyboard.press("Enter")
    landed = page.evaluate(ACTIVE)
    assert landed["inArticle"] and landed["tag"] == "h1", landed  # the page title has focus
    page.keyboard.press("Tab")
    assert page.evaluate(ACTIVE)["inArticle"]  # and Tab goes on from there, in the content
    assert page.console_errors == []


def _results(page):
    """Results on screen, and the list settled: results of an earlier key
    may show first and be replaced (which would take the focus away)."""
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item > .md-search-result__link').length > 0")
    page.wait_for_function(searching.SETTLED, arg=200)


def test_search_opens_types_and_opens_a_result_with_arrow_keys(page):
    page.goto("/")
    page.wait_for_load_state("networkidle")
    page.keyboard.press("/")  # Material's shortcut, announced on the home page
    # Material focuses the box, then opens the toggle in a later task.
    page.wait_for_function("() => document.activeElement.matches('input.md-search__input') && document.getElementById('__search').checked", timeout=5000)
    page.evaluate(searching.WATCH)
    page.keyboard.type("epidural steroid", delay=20)
    _results(page)
    page.keyboard.press("ArrowDown")
    focused = page.evaluate(ACTIVE)
    assert focused["tag"] == "a" and "md-search-result__link" in focused["cls"], focused
    page.keyboard.press("Enter")
    page.wait_for_url("**/procedures/epidural-steroid-injection/**")
    assert page.console_errors == []


def test_search_is_reached_with_tab_alone(page):
    """Tab reaches the search box from the top of the page; the results are
    then reached with the arrow keys (in Material's search, Tab leaves the
    search and closes it, so that focus never gets stuck in the dialog)."""
    page.goto("/")
    page.wait_for_load_state("networkidle")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('input.md-search__input')"):
            break
    else:
        pytest.fail("Tab never reached the search box")
    page.evaluate(searching.WATCH)
    page.keyboard.type("coccydynia", delay=20)
    _results(page)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    focused = page.evaluate("() => document.activeElement.href || ''")
    assert "coccydynia" in focused or "ganglion-impar" in focused, focused
    page.keyboard.press("Enter")
    page.wait_for_url(focused)
    assert page.console_errors == []


# The focus signature: an outline or a box-shadow on the element; for the
# body map's SVG links (whose own outline is off), the stroke of their
# shapes; for a visually hidden input (the colour scheme switch), the label
# shown after it, which Material outlines when the input has focus.
SIGNATURE = """el => {
  if (el.tagName === 'INPUT' && el.getBoundingClientRect().width < 2) {
    const next = el.nextElementSibling;
    el = next && next.tagName === 'LABEL' ? next : el;
  }
  const s = getComputedStyle(el);
  const sig = {outline: s.outlineStyle === 'none' || s.outlineWidth === '0px' ? 'none'
                 : `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
               shadow: s.boxShadow};
  const shape = el.querySelector && el.querySelector('.bm-area');
  if (shape) {
    const t = getComputedStyle(shape);
    sig.shape = `${t.stroke} ${t.strokeWidth}`;
  }
  return sig;
}"""
KIND = """el => el.matches('a.bm-link') ? 'body map link'
  : el.matches('input.md-search__input') ? 'search box'
  : el.matches('button, [role=button], input') ? 'button'
  : el.matches('a') ? 'link' : el.tagName.toLowerCase()"""


def test_focus_is_visible_on_every_tab_stop_of_the_home_page(page):
    page.goto("/")
    page.wait_for_load_state("networkidle")
    stops = []
    for number in range(250):
        page.keyboard.press("Tab")
        stop = page.evaluate(
            f"""number => {{
              const el = document.activeElement;
              if (el === document.body || el.dataset.ipmStop) return null;
              el.dataset.ipmStop = number;
              return {{number, kind: ({KIND})(el), name: (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40),
                       focused: ({SIGNATURE})(el)}};
            }}""",
            number,
        )
        if stop is None:
            break  # back at a stop already seen: the whole page went by
        stops.append(stop)
    page.evaluate("() => document.activeElement.blur()")
    page.mouse.move(0, 0)
    invisible = []
    for stop in stops:
        plain = page.evaluate(f"number => ({SIGNATURE})(document.querySelector(`[data-ipm-stop='${{number}}']`))", stop["number"])
        if plain == stop["focused"]:
            invisible.append((stop["kind"], stop["name"], plain))
    assert invisible == []
    kinds = {stop["kind"] for stop in stops}
    assert {"link", "button", "search box", "body map link"} <= kinds, kinds


DETAILS = (
    '<details class="note" id="kb-details"><summary>More about the needle</summary>'
    "<p>The needle is thin and is in for a few minutes.</p></details>"
)


def test_collapsible_blocks_open_with_enter_and_space(page):
    """A collapsed block, added to a real page on its way to the browser
    (no page has one today; editors may write ??? blocks)."""

    def add_details(route):
        response = route.fetch()
        body = re.sub(r'<h2 id="?what-it-is\b', lambda found: DETAILS + found.group(0), response.text(), count=1)
        assert "kb-details" in body
        route.fulfill(response=response, body=body)

    page.route("**/procedures/epidural-steroid-injection/", add_details)
    page.goto("/procedures/epidural-steroid-injection/")
    is_open = "() => document.getElementById('kb-details').open"
    for _ in range(120):  # reach the summary with Tab alone
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('#kb-details > summary')"):
            break
    else:
        pytest.fail("Tab never reached the summary of the collapsible block")
    assert not page.evaluate(is_open)
    page.keyboard.press("Enter")
    assert page.evaluate(is_open)
    page.keyboard.press("Enter")
    assert not page.evaluate(is_open)
    page.keyboard.press("Space")
    assert page.evaluate(is_open)
    focus = page.evaluate(f"() => ({SIGNATURE})(document.activeElement)")
    assert focus["outline"] != "none" or focus["shadow"] != "none"
