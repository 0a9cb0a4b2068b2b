"""Publishing and sharing: the deploy workflow, security headers, link
previews, the 404 page, short links, sitemap and robots.txt, print marks
and open data; each check also shown to catch the defect it exists for."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup
from PIL import Image

import checks
import hosting
import sitebuild
from painref import catalog, headers, opendata, printing, redirects, sitemap, social, vocab
from painref.catalog import Page

ROOT = sitebuild.ROOT
DOCS = ROOT / "docs"
WORKFLOW = ROOT / ".github" / "workflows" / "deploy.yml"
PAGES_URL = "https://${{ github.repository_owner }}.github.io/${{ github.event.repository.name }}/"
HAND_WRITTEN = {
    "/rfa/": "/procedures/radiofrequency-ablation/",
    "/esi/": "/procedures/epidural-steroid-injection/",
    "/scs/": "/procedures/spinal-cord-stimulation/",
    "/pain-pump/": "/procedures/intrathecal-drug-delivery/",
    "/tfesi/": "/procedures/epidural-steroid-injection/",
    "/mbb/": "/procedures/medial-branch-block/",
    "/srfa/": "/procedures/sacroiliac-joint-radiofrequency-ablation/",
}
JS_TYPES = {"", "text/javascript", "application/javascript", "module"}


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "lxml")


def _today_page(docs: Path, name: str, title: str, body: str = "Some text.") -> None:
    today = dt.date.today()
    (docs / name).write_text(
        f"---\ntitle: {title}\ndescription: The {title.lower()} page of a small site that the publishing tests build.\n"
        f"last_reviewed: {today}\nnext_review: {today + dt.timedelta(days=300)}\n---\n\n{body}\n",
        "utf-8",
    )


def _small_site(tmp_path: Path, pages: dict[str, str], data_files: dict[str, str]) -> Path:
    """A site of a few plain pages (name -> body) and some data files."""
    docs, data = tmp_path / "docs", tmp_path / "data"
    docs.mkdir()
    data.mkdir()
    for name, body in pages.items():
        _today_page(docs, name, name.removesuffix(".md").capitalize() or "Home", body)
    for name, text in data_files.items():
        (data / name).write_text(text, "utf-8")
    nav = [{name.removesuffix(".md").capitalize(): name} for name in pages]
    return sitebuild.fixture_config(tmp_path, docs, nav=nav, data=data)


# --- 1. Deployment ----------------------------------------------------------


def test_deploy_workflow_tests_builds_for_pages_and_publishes():
    workflow = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads `on` as true
    assert triggers["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"pages": "write", "id-token": "write", "contents": "read"}
    assert all("permissions" not in job for job in workflow["jobs"].values())
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    runs = [step.get("run", "") for step in steps]
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    test_step = next(i for i, run in enumerate(runs) if "scripts/dev test" in run)
    build_step = next(i for i, run in enumerate(runs) if re.search(r"mkdocs build --strict\b", run))
    assert test_step < build_step
    assert steps[build_step]["env"]["IPM_SITE_URL"] == PAGES_URL
    assert uses.index("actions/upload-pages-artifact") > build_step
    assert "actions/deploy-pages" in uses


def test_readme_explains_netlify_and_cloudflare_pages():
    readme = (ROOT / "README.md").read_text("utf-8")
    for words in ["Netlify", "Cloudflare Pages", "IPM_SITE_URL", "_headers", "Publish directory"]:
        assert words in readme, words


# --- 2. Security headers -----------------------------------------------------


def _rules(site: Path):
    return hosting.parse_headers((site / "_headers").read_text("utf-8"))


def test_headers_file_sets_a_strict_policy_on_every_path(site):
    sent = hosting.headers_for(_rules(site), "/procedures/epidural-steroid-injection/")
    assert sent == hosting.headers_for(_rules(site), "/assets/javascripts/site.js")
    policy = hosting.directives(sent["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["style-src"][0] == "'self'" and all(source.startswith("'sha256-") for source in policy["style-src"][1:])
    sources = [source for values in policy.values() for source in values]
    assert "'unsafe-eval'" not in sources and "'unsafe-inline'" not in sources
    # No other host may be named: only keywords, hashes and data: images.
    assert all(source.startswith("'") for source in sources if source != "data:"), sources
    assert policy["img-src"] == ["'self'", "data:"]
    assert sent["Referrer-Policy"] == "no-referrer"
    assert sent["X-Content-Type-Options"] == "nosniff"
    assert sent["Permissions-Policy"] == "camera=(), microphone=(), geolocation=()"


def _csp_hash(text: str) -> str:
    """A CSP hash source, computed here independently of painref.headers."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode('utf-8')).digest()).decode()}'"


def test_every_inline_script_of_the_site_is_hashed_and_no_other(site):
    """Hashes recomputed here, with another parser: every executable inline
    script of every HTML file (404 and redirect pages included)."""
    expected = set()
    for path in site.rglob("*.html"):
        for script in checks.soup(path).find_all("script"):
            if script.get("src") or script.get("type", "").strip().lower() not in JS_TYPES:
                continue
            expected.add(_csp_hash(script.get_text()))
    policy = hosting.directives(hosting.headers_for(_rules(site), "/")["Content-Security-Policy"])
    assert set(policy["script-src"]) - {"'self'"} == expected
    # All redirect pages share one script, so the header stays short.
    assert len(expected) <= 12, len(expected)


def test_every_inlined_stylesheet_is_hashed_and_no_other_style_is_allowed(site):
    expected = set()
    for path in site.rglob("*.html"):
        for style in checks.soup(path).find_all("style"):
            assert style.get("data-ipm-inline"), path  # the build's own blocks only
            expected.add(_csp_hash(style.get_text()))
    policy = hosting.directives(hosting.headers_for(_rules(site), "/")["Content-Security-Policy"])
    assert expected and set(policy["style-src"]) - {"'self'"} == expected


def test_data_blocks_sit_in_head_where_instant_navigation_keeps_them(site):
    faq = _soup(site / "faq" / "index.html")
    assert faq.head.find("script", type="application/ld+json") is not None
    assert faq.head.find("script", id="ipm-faq-redirects") is not None
    for url, path in checks.html_pages(site).items():
        assert checks.soup(path).select("article script") == [], url


def test_policy_check_catches_inline_code():
    clean = '<p class="x">Hi</p><script type="application/ld+json">{"style=": "<b style=1>"}</script>'
    assert headers.problems(clean, "ok.html") == []
    broken = '<p style="color:red">Hi</p><style>p{}</style><button onclick="go()">Go</button>'
    found = headers.problems(broken, "bad.html")
    assert len(found) == 3 and all(line.startswith("bad.html: ") and "; fix: " in line for line in found)


def test_inline_scripts_are_the_executable_ones():
    html = (
        '<script>a()</script><script type="module">b()</script><script src="c.js"></script>'
        '<script type="application/ld+json">{}</script><script type="application/json" id="x">{}</script>'
    )
    assert headers.inline_scripts(html) == ["a()", "b()"]


def test_data_blocks_move_from_the_article_to_head():
    page = (
        '<html><head><title>T</title></head><body><article class="md-content__inner">'
        '<p>Text</p><script type="application/ld+json">{"a": 1}</script></article>'
        '<script id="__config" type="application/json">{}</script></body></html>'
    )
    moved = headers.data_blocks_to_head(page)
    head, body = moved.split("</head>")
    assert '{"a": 1}' in head and '{"a": 1}' not in body
    assert 'id="__config"' in body  # Material's own, outside the article
    assert headers.data_blocks_to_head("<p>no article</p>") == "<p>no article</p>"


def test_header_length_check_catches_too_many_hashes():
    many = [headers.source_hash(str(n)) for n in range(60)]
    assert headers.line_problems(headers.headers_file(many))
    assert headers.line_problems(headers.headers_file(many[:5])) == []


def test_build_fails_on_inline_style(tmp_path):
    config = _small_site(tmp_path, {"index.md": '<p style="color: red">Red</p>'}, {})
    result = sitebuild.build(config)
    assert result.returncode != 0
    assert "index.html: a style=\"...\" attribute, which the Content-Security-Policy blocks" in result.stdout + result.stderr


# --- 3. Link previews --------------------------------------------------------


def test_every_page_has_a_link_preview_card(site, base_url):
    for url, path in checks.html_pages(site).items():
        page = checks.soup(path)
        meta = {tag.get("property") or tag.get("name"): tag.get("content") for tag in page.find_all("meta") if tag.get("content")}
        image = meta.get("og:image", "")
        assert image.startswith(f"{base_url}/assets/images/social/"), url
        card = site / urlsplit(image).path.lstrip("/")
        with Image.open(card) as picture:
            assert picture.format == "PNG", url
            assert picture.size == (int(meta["og:image:width"]), int(meta["og:image:height"])) == (1200, 630), url
        assert meta.get("og:title") and meta.get("og:description"), url
        assert meta.get("twitter:card") == "summary_large_image", url


def test_card_cache_outlives_the_build_and_is_not_committed(site):
    cache = ROOT / ".cache" / "plugin" / "social"
    assert (cache / "manifest.json").is_file()
    assert (social.font_dir(cache) / "Bold.ttf").is_file()
    ignored = (ROOT / ".gitignore").read_text("utf-8").splitlines()
    assert ".cache/" in ignored


def test_card_font_comes_from_debian_never_the_network(tmp_path):
    target = social.install_fonts(tmp_path / "cache")
    assert {"Regular.ttf", "Bold.ttf"} <= {path.name for path in target.iterdir()}
    assert social.install_fonts(tmp_path / "cache") == target  # already there
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    with pytest.raises(social.FontError, match="fonts-roboto-unhinted"):
        social.install_fonts(tmp_path / "other-cache", source=empty)
    assert not social.font_dir(tmp_path / "other-cache").exists()


# --- 4. 404 page -------------------------------------------------------------


def test_404_page_uses_absolute_links_and_offers_search(site):
    page = _soup(site / "404.html")
    links = {a.get_text(strip=True): a["href"] for a in page.select(".ipm-not-found-links a")}
    assert links == {
        "All procedures from A to Z": "/procedures/#a-to-z",
        "Procedures and conditions by body region": "/regions/",
        "Frequently asked questions": "/faq/",
        "Home page": "/",
    }
    assert page.select_one("button[data-ipm-open-search]") is not None
    assets = [tag.get("href") or tag.get("src") for tag in page.select("link[rel=stylesheet], script[src]")]
    assert assets and all(ref.startswith("/") for ref in assets), assets


# --- 5. Short links ----------------------------------------------------------


def _redirect_pages(site: Path) -> dict[str, str]:
    """Every redirect page of the built site: its path -> the path it sends to."""
    out = {}
    for path in site.rglob("index.html"):
        if not checks.is_redirect(path):
            continue
        here = "/" + path.parent.relative_to(site).as_posix() + "/"
        target = urljoin(f"http://site{here}", _soup(path).find("link", rel="canonical")["href"])
        out[here] = urlsplit(target).path
    return out


def _abbreviations() -> dict[str, list[str]]:
    owners: dict[str, list[str]] = {}
    for page in catalog.procedures(DOCS):
        for alias in page.aliases:
            if re.fullmatch(r"[A-Z0-9]{2,6}", alias) and re.search("[A-Z]", alias):
                owners.setdefault(f"/{alias.lower()}/", []).append(f"/procedures/{page.slug}/")
    return owners


def test_hand_written_and_abbreviation_short_links_lead_to_their_pages(site):
    found = _redirect_pages(site)
    for path, target in HAND_WRITTEN.items():
        assert found.get(path) == target, path
    for path, owners in _abbreviations().items():
        if path in HAND_WRITTEN:
            continue
        if len(owners) == 1:
            assert found.get(path) == owners[0], path
        else:
            assert path not in found, path
    for path in ["/sgb/", "/onb/", "/prf/"]:
        assert path in found, path


def test_redirects_lead_to_real_pages_never_to_another_redirect(site):
    found = _redirect_pages(site)
    pages = checks.html_pages(site)
    assert found
    for source, target in found.items():
        assert target in pages, f"{source} -> {target}"
        assert target not in found, f"{source} -> {target} is a chain"


def test_no_redirect_hides_a_real_page(site):
    found = _redirect_pages(site)
    listed = {urlsplit(loc.text).path for loc in ET.parse(site / "sitemap.xml").getroot().iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert not set(found) & listed
    written = redirects.combined(redirects.load(ROOT / "data" / "redirects.yml"), catalog.procedures(DOCS))
    assert set(written) == set(found)


def _page(slug: str, *aliases: str) -> Page:
    return Page(slug, f"procedures/{slug}.md", {"title": slug, "aliases": list(aliases)})


def test_an_abbreviation_of_two_procedures_gets_no_short_link():
    links = redirects.abbreviation_links([_page("a-block", "XYZ", "ABC"), _page("b-block", "XYZ", "Coolief", "pain pump")])
    assert links == {"/abc/": "procedures/a-block.md"}


def test_hand_written_link_wins_over_a_generated_one():
    merged = redirects.combined({"/abc/": "procedures/b-block.md"}, [_page("a-block", "ABC")])
    assert merged == {"/abc/": "procedures/b-block.md"}


def test_redirect_check_catches_missing_target_chain_and_hidden_page():
    pages = {"index.md", "procedures/a.md", "old.md"}
    outputs = {"index.html", "procedures/a/index.html", "old/index.html"}
    found = redirects.problems(
        {"/gone/": "procedures/nowhere.md", "/twice/": "old.md", "/old/": "procedures/a.md"}, pages, outputs
    )
    assert any("/gone/ -> procedures/nowhere.md: no such page" in line for line in found)
    assert any("/twice/ -> old.md: /old/ is itself redirected" in line for line in found)
    assert any("/old/ is a real page of the site" in line for line in found)
    assert redirects.problems({"/a/": "procedures/a.md"}, pages, outputs) == []


def test_redirect_file_is_checked_against_its_schema(tmp_path):
    bad = tmp_path / "redirects.yml"
    bad.write_text("redirects:\n  /RFA: procedures/radiofrequency-ablation\n", "utf-8")
    with pytest.raises(redirects.RedirectError) as caught:
        redirects.load(bad)
    assert len(str(caught.value).splitlines()) == 2


def test_redirect_pages_share_one_script():
    plugin_page = '<head><script>var anchor=window.location.hash.substr(1);location.href="../x/"+(anchor?"#"+anchor:"")</script></head>'
    assert redirects.FORWARD_SCRIPT in redirects.shared_script(plugin_page, "x")
    with pytest.raises(redirects.RedirectError, match="has changed"):
        redirects.shared_script("<head><script>location.replace('x')</script></head>", "x")


def test_build_fails_when_a_redirect_would_hide_a_page(tmp_path):
    config = _small_site(tmp_path, {"index.md": "Home.", "rfa.md": "A page at /rfa/."}, {"redirects.yml": "redirects:\n  /rfa/: index.md\n"})
    result = sitebuild.build(config)
    assert result.returncode != 0
    assert "/rfa/ is a real page of the site and a redirect would hide it" in result.stdout + result.stderr


# --- 6. Sitemap and robots.txt -----------------------------------------------


def _sitemap(site: Path) -> dict[str, str]:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(site / "sitemap.xml").getroot()
    return {urlsplit(url.find("s:loc", ns).text).path: url.find("s:lastmod", ns).text for url in root.findall("s:url", ns)}


def test_sitemap_lists_every_page_dated_by_its_review(site):
    listed = _sitemap(site)
    pages = checks.html_pages(site)
    assert set(listed) == set(pages)
    for url, path in pages.items():
        reviewed = checks.soup(path).select_one(".ipm-review time[datetime]")["datetime"]
        assert listed[url] == reviewed, url


def test_region_pages_are_dated_by_the_latest_page_they_list(site):
    listed = _sitemap(site)
    pages = catalog.procedures(DOCS) + catalog.conditions(DOCS)
    for slug in vocab.regions():
        dates = [str(page.meta["last_reviewed"]) for page in pages if slug in page.meta.get("body_regions", [])]
        if dates:
            assert listed[f"/regions/{slug}/"] == max(dates), slug


def test_robots_txt_points_at_the_sitemap(site, base_url):
    text = (site / "robots.txt").read_text("utf-8")
    assert f"Sitemap: {base_url}/sitemap.xml" in text.splitlines()
    assert "Disallow: /" not in text.splitlines()


def test_sitemap_dates_and_robots_from_plain_values():
    assert sitemap.lastmod({"last_reviewed": dt.date(2026, 11, 29)}) == "2026-11-29"
    assert sitemap.lastmod({"last_reviewed": "2026-01-02"}) == "2026-01-02"
    assert sitemap.lastmod({}) is None
    assert "Sitemap:" not in sitemap.robots_txt(None)
    assert "Sitemap: https://x.org/sub/sitemap.xml" in sitemap.robots_txt("https://x.org/sub/")


@pytest.mark.parametrize("name", ["robots.txt", "procedures.json"])
def test_build_fails_when_docs_has_a_file_the_build_writes(tmp_path, name):
    config = _small_site(tmp_path, {"index.md": "Home."}, {})
    (tmp_path / "docs" / name).write_text("{}\n", "utf-8")
    result = sitebuild.build(config)
    assert result.returncode != 0
    assert f"docs/{name}: the build writes" in result.stdout + result.stderr


# --- 7. Print ------------------------------------------------------------------


def test_outside_links_are_marked_for_print(site, base_url):
    page = _soup(site / "procedures" / "epidural-steroid-injection" / "index.html")
    links = page.select("article a[href]")
    outside = [a for a in links if printing.OUTSIDE_MARK in a.attrs]
    assert outside and all(a["href"].startswith(("http://", "https://")) for a in outside)
    inside = [a for a in links if printing.OUTSIDE_MARK not in a.attrs]
    assert inside and not any(a["href"].startswith(("http://", "https://")) and not a["href"].startswith(base_url) for a in inside)


def test_outside_link_mark_spares_the_site_and_relative_links():
    html = '<a href="https://doi.org/1">a</a><a href="../x/">b</a><a href="https://site.org/x/">c</a><abbr title="t">d</abbr>'
    marked = printing.mark_outside_links(html, "https://site.org/")
    assert marked.count(printing.OUTSIDE_MARK) == 1 and f'<a {printing.OUTSIDE_MARK} href="https://doi.org/1">' in marked
    assert printing.mark_outside_links(marked, "https://site.org/") == marked


# --- 8. Open data ------------------------------------------------------------------


def _export(site: Path, name: str) -> dict:
    return json.loads((site / name).read_text("utf-8"))


def _validator(name: str):
    schema = json.loads((ROOT / "schemas" / f"export-{name}.schema.json").read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("name", ["procedures", "conditions"])
def test_open_data_matches_its_schema(site, name):
    errors = [error.message for error in _validator(name).iter_errors(_export(site, f"{name}.json"))]
    assert errors == []


@pytest.mark.parametrize("name", ["procedures", "conditions"])
def test_export_schema_rejects_a_broken_export(site, name):
    data = _export(site, f"{name}.json")
    first = data[name][0]
    del first["url"]
    first["last_reviewed"] = "29 November 2026"
    first["unexpected"] = True
    assert {error.validator for error in _validator(name).iter_errors(data)} == {"required", "format", "pattern", "additionalProperties"}


def test_open_data_is_the_front_matter_of_every_page(site, base_url):
    pages = checks.html_pages(site)
    procedures = {item["slug"]: item for item in _export(site, opendata.PROCEDURES_FILE)["procedures"]}
    conditions = {item["slug"]: item for item in _export(site, opendata.CONDITIONS_FILE)["conditions"]}
    assert set(procedures) == {page.slug for page in catalog.procedures(DOCS)}
    assert set(conditions) == {page.slug for page in catalog.conditions(DOCS)}
    for page in catalog.procedures(DOCS):
        item = procedures[page.slug]
        assert item["title"] == page.title and item["aliases"] == page.aliases and item["family"] == page.family
        assert item["regions"] == page.meta["body_regions"] and item["conditions"] == page.meta["conditions"]
        assert item["last_reviewed"] == str(page.meta["last_reviewed"]) and item["next_review"] == str(page.meta["next_review"])
        for condition in item["conditions"]:
            if condition in conditions:
                assert page.slug in conditions[condition]["procedures"]
    for item in [*procedures.values(), *conditions.values()]:
        assert item["url"].startswith(base_url + "/") and urlsplit(item["url"]).path in pages, item["url"]
