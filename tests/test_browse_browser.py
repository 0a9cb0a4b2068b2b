"""Browse by region and condition in Chromium: the body map by keyboard,
and the wide tables on a phone-sized screen."""

from __future__ import annotations

import pytest

from painref import vocab

pytestmark = pytest.mark.browser


def test_every_body_map_area_is_reached_by_tab_and_named(page):
    page.goto("/")
    links = page.locator(".bm-svg a.bm-link")
    expected = links.count()
    assert expected >= len(vocab.regions())
    names = set(links.evaluate_all("els => els.map(e => e.getAttribute('aria-label'))"))
    assert all(names) and {name.split(" (")[0] for name in names} == set(vocab.regions().values())
    reached = set()
    for _ in range(400):
        page.keyboard.press("Tab")
        label = page.evaluate("document.activeElement.closest('.bm-svg') ? document.activeElement.getAttribute('aria-label') : null")
        if label:
            reached.add(label)
        if len(reached) == len(names):
            break
    assert reached == names


def test_body_map_area_opens_its_region_page(page):
    page.goto("/")
    area = page.locator(".bm-svg a.bm-link[aria-label='Knee (front)']")
    area.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/regions/knee/")
    assert page.locator("h1").inner_text().strip() == vocab.regions()["knee"]


@pytest.mark.parametrize("url", ["/conditions/", "/guidelines/", "/conditions/sciatica-and-radiculopathy/", "/procedures/epidural-steroid-injection/"])
def test_wide_tables_do_not_widen_a_phone_screen(new_context, url):
    page = new_context(viewport={"width": 375, "height": 800}).new_page()
    page.goto(url)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{url}: page is {width}px wide on a 375px screen"
