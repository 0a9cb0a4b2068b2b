"""What keeps pages light and fast (measured in benchmarks/performance.md by
scripts/benchmark.py): checked on the built site, so that a change to the
templates, mkdocs.yml or the index rules cannot undo it unnoticed."""

from __future__ import annotations

import json
import shutil
import re
from pathlib import Path

import searching
import sitebuild
import yaml
from bs4 import BeautifulSoup
from painref import first_paint, headers, search

ROOT = Path(__file__).resolve().parent.parent
PROCEDURE = "procedures/radiofrequency-ablation/index.html"


def _head(html: str) -> str:
    return html[: html.index("</head>")]


def test_only_the_theme_stylesheet_is_fetched_before_the_first_paint(site):
    html = (site / PROCEDURE).read_text("utf-8")
    head = BeautifulSoup(_head(html), "html.parser")
    linked = [link["href"].rsplit("/", 1)[-1] for link in head.select("link[rel=stylesheet]") if not link.find_parent("noscript")]
    assert len(linked) == 1 and linked[0].startswith("main."), linked
    # Material's palette and the site's stylesheet are in the page, byte for
    # byte the built files (read from the page's text, not re-serialised).
    inlined = dict(re.findall(r'<style data-ipm-inline="([^"]+)">(.*?)</style>', _head(html), re.S))
    assert sorted(name.split(".")[0] for name in inlined) == ["extra", "palette"], list(inlined)
    assert len(head.find_all("style")) == 2
    for name, text in inlined.items():
        assert (site / "assets" / "stylesheets" / name).read_text("utf-8") == text, name
    # Print styles: after the first paint, or from <noscript> without
    # JavaScript (html.parser reads <noscript> content as markup).
    printed = [link for link in head.select("noscript link[rel=stylesheet]") if link["href"].endswith("print.css")]
    assert len(printed) == 1 and printed[0]["media"] == "print"
    # No script file is fetched by the markup but Material's bundle.
    sources = [script["src"] for script in BeautifulSoup(html, "html.parser").select("script[src]")]
    assert len(sources) == 1 and "bundle." in sources[0], sources


def test_files_loaded_after_the_first_paint_exist(site):
    html = (site / PROCEDURE).read_text("utf-8")
    base = site / PROCEDURE
    files = first_paint.after_paint_urls(html)
    assert [name.rsplit("/", 1)[-1] for name in files] == ["site.min.js", "search.min.js", "print.css"]
    for url in files:
        assert (base.parent / url).resolve().is_file(), url


def test_build_fails_on_a_missing_file_listed_for_after_the_first_paint(tmp_path):
    (tmp_path / "assets" / "javascripts").mkdir(parents=True)
    (tmp_path / "assets" / "javascripts" / "site.min.js").write_text("", "utf-8")
    ipm = {"after_first_paint": {"scripts": ["assets/javascripts/site.min.js", "assets/javascripts/search.js"], "print_css": "assets/print.css"}}
    problems = first_paint.missing_after_paint(tmp_path, ipm)
    assert len(problems) == 2 and "search.js" in problems[0] and "print.css" in problems[1]
    assert all(line.startswith("mkdocs.yml: extra.ipm.after_first_paint names ") and "; fix: " in line for line in problems)
    # The search worker started in place of Material's: without it search
    # would show nothing, so a missing one fails the build too.
    worker = first_paint.missing_after_paint(tmp_path, {"search_worker": "assets/javascripts/workers/ipm-search.min.js"})
    assert len(worker) == 1 and worker[0].startswith("mkdocs.yml: extra.ipm.search_worker names assets/javascripts/workers/ipm-search.min.js,")
    (tmp_path / "assets" / "javascripts" / "workers").mkdir()
    (tmp_path / "assets" / "javascripts" / "workers" / "ipm-search.min.js").write_text("", "utf-8")
    assert first_paint.missing_after_paint(tmp_path, {"search_worker": "assets/javascripts/workers/ipm-search.min.js"}) == []


def test_inlining_replaces_only_the_small_stylesheets_and_reports_missing_ones():
    page = (
        '<html><head><link rel="stylesheet" href="../assets/stylesheets/main.1.min.css">'
        '<link rel="stylesheet" href="../assets/stylesheets/palette.ab12.min.css">'
        '<link rel="stylesheet" href="../assets/stylesheets/extra.min.css"></head>'
        '<body><link rel="stylesheet" href="extra.min.css"></body></html>'
    )
    html, missing = first_paint.inline(page, {"palette.ab12.min.css": "a{}"})
    assert '<style data-ipm-inline="palette.ab12.min.css">a{}</style>' in html
    assert "main.1.min.css" in html  # Material's main stylesheet stays a link
    assert missing == ["extra.min.css"]
    assert html.endswith('<body><link rel="stylesheet" href="extra.min.css"></body></html>')  # <head> only
    assert first_paint.inlined_styles(html) == ["a{}"]
    # The security policy allows the marked blocks (by hash), no other.
    assert headers.problems(html, "ok.html") == []
    assert headers.problems("<style>a{}</style>", "bad.html")


def test_search_index_is_requested_on_demand_before_material_starts(site):
    html = (site / PROCEDURE).read_text("utf-8")
    hold = html.find("search_index")
    bundle = re.search(r'<script src="?[^" >]*bundle\.[0-9a-f]+\.min\.js', html)
    assert bundle and 0 < hold < bundle.start(), "partials/speed.html must come before the bundle"


def test_index_leaves_out_references_and_generated_duplicates(site):
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    locations = [entry["location"] for entry in index["docs"]]
    assert not [loc for loc in locations if loc.endswith("#references")]
    assert not [loc for loc in locations if search._duplicate(loc)]
    # Region pages keep their own lists.
    assert any(loc.startswith("regions/") and loc.endswith("#procedures") for loc in locations)
    vocab = json.loads((site / "search" / "vocabulary.json").read_text("utf-8"))
    assert min(len(word) for word in vocab["words"]) >= search.SHORTEST_USEFUL


def test_pages_styles_and_scripts_are_minified(site):
    html = (site / PROCEDURE).read_text("utf-8")
    assert "\n\n" not in html
    assert not (site / "assets" / "javascripts" / "site.js").exists()
    assert (site / "assets" / "stylesheets" / "extra.min.css").exists()


# --- in the browser: what loads when (overrides/partials/speed.html) -------

PROCEDURE_URL = "/procedures/radiofrequency-ablation/"


def _load_and_watch(page, url: str) -> list[str]:
    """Open url, wait until the network is idle; the list keeps growing
    with every later request of the page."""
    paths: list[str] = []
    page.on("request", lambda request: paths.append(request.url))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return paths


def test_reader_who_never_searches_never_downloads_the_index(page):
    workers: list[str] = []
    page.on("worker", lambda worker: workers.append(worker.url))
    paths = _load_and_watch(page, PROCEDURE_URL)
    assert not [url for url in paths if "search_index.json" in url]
    # nor starts the search worker (two script files and lunr to compile).
    assert workers == []
    # The sitemap (instant navigation needs it), the site's scripts and the
    # print stylesheet are still fetched, but only after the load event:
    # stamped by the page itself, so the order is the browser's own.
    timing = page.evaluate(
        """() => {
          const load = performance.getEntriesByType('navigation')[0].loadEventStart;
          const names = ['/sitemap.xml', '/site.min.js', '/search.min.js', '/print.css'];
          const found = performance.getEntriesByType('resource');
          return {load, starts: Object.fromEntries(names.map(n => [n, (found.find(r => r.name.endsWith(n)) || {}).startTime]))};
        }"""
    )
    assert all(start is not None and start >= timing["load"] for start in timing["starts"].values()), timing
    # and the scripts ran, without errors.
    page.wait_for_function("() => window.ipmAfterPaint === 'loaded'")
    assert page.console_errors == []


def test_index_loads_when_the_reader_goes_to_search_and_search_works(page):
    paths = _load_and_watch(page, PROCEDURE_URL)
    assert not [url for url in paths if "search_index.json" in url]
    outcome = searching.run(page, searching.open_search(page), "genicular radiofrequency")
    assert outcome.results[:1] == ["genicular-radiofrequency-ablation"], outcome.results[:5]
    assert [url for url in paths if "search_index.json" in url]


def test_instant_navigation_still_works_after_the_late_sitemap(page):
    _load_and_watch(page, "/faq/")
    page.evaluate("window.__ipmSamePage = true")
    page.locator(".md-sidebar--primary nav.md-nav--primary a.md-nav__link[href$='/procedures/']").click()
    page.wait_for_url("**/procedures/")
    # Loaded by Material's instant navigation: the window (and its mark) survived.
    assert page.evaluate("window.__ipmSamePage === true")


# Material's worker and the site's (assets/javascripts/workers/ipm-search.js)
# side by side in one page, on the same index and queries. The unwrapped
# constructor is Worker.prototype.constructor (speed.html keeps the
# prototype), so the page's own search is not involved.
COMPARE_WORKERS = """async ({queries, top}) => {
  const config = JSON.parse(document.getElementById('__config').textContent);
  const data = JSON.parse(document.getElementById('ipm-after-paint').textContent);
  const material = new URL(config.search, document.baseURI).href;
  const index = await (await fetch(new URL('search/search_index.json', new URL(config.base + '/', document.baseURI)))).json();
  const Raw = Worker.prototype.constructor;
  const ask = (worker, message) => new Promise(done => {
    worker.addEventListener('message', event => done(event.data), {once: true});
    worker.postMessage(message);
  });
  const start = async url => {
    const worker = new Raw(url);
    await ask(worker, {type: 0, data: {...index, options: {suggest: true}}});
    return worker;
  };
  const theirs = await start(material);
  const ours = await start(new URL(data.worker, document.baseURI).href + '?material=' + encodeURIComponent(material));
  const out = [];
  for (const q of queries) {
    const a = (await ask(theirs, {type: 2, data: q})).data, b = (await ask(ours, {type: 2, data: q})).data;
    out.push({
      q,
      groups: [a.items.length, b.items.length],
      top_same: JSON.stringify(a.items.slice(0, top)) === JSON.stringify(b.items.slice(0, top)),
      rest_order_same: JSON.stringify(a.items.slice(top).map(g => g[0].location)) === JSON.stringify(b.items.slice(top).map(g => g[0].location)),
      items: [a.items.flat().length, b.items.flat().length],
      suggest_same: JSON.stringify(a.suggest) === JSON.stringify(b.suggest),
    });
  }
  theirs.terminate(); ours.terminate();
  return out;
}"""


def test_search_worker_gives_materials_results_doing_less(page):
    """Broad queries match more pages than the worker shows in full: the
    pages shown first are Material's, byte for byte; the rest are in
    Material's order, one section each; the count of pages is exact."""
    page.goto("/")
    top = int(re.search(r"var TOP = (\d+);", (ROOT / "docs/assets/javascripts/workers/ipm-search.js").read_text("utf-8")).group(1))
    queries = ["pain", "nerve block", "p", "steroid injection back", "+nerve -block", "spinal cord stim", "genicular"]
    results = page.evaluate(COMPARE_WORKERS, {"queries": queries, "top": top})
    for r in results:
        assert r["groups"][0] == r["groups"][1] and r["top_same"] and r["rest_order_same"] and r["suggest_same"], r
    # The broad ones did go past TOP pages and were answered with fewer
    # sections; a query with fewer matching pages is left as Material made it.
    trimmed = [r["q"] for r in results if r["items"][1] < r["items"][0]]
    assert {"pain", "p"} <= set(trimmed), results
    assert all(r["items"][0] == r["items"][1] for r in results if r["groups"][0] <= top), results


def test_search_runs_in_the_sites_worker(page):
    workers: list[str] = []
    page.on("worker", lambda worker: workers.append(worker.url))
    _load_and_watch(page, PROCEDURE_URL)
    outcome = searching.run(page, searching.open_search(page), "nerve block")
    assert outcome.results, outcome
    assert len(workers) == 1 and "/workers/ipm-search.min.js?material=" in workers[0], workers
    assert "workers%2Fsearch." in workers[0]
    assert page.console_errors == []


def _primary_menus(site_dir: Path) -> dict[str, str]:
    """Each page's primary menu, as lxml serialises it (attribute quoting
    and order made uniform), without the empty tabindex upstream writes."""
    from lxml import html as lxml_html

    menus = {}
    for path in sorted(site_dir.rglob("index.html")):
        root = lxml_html.fromstring(path.read_bytes())
        found = root.xpath('//nav[contains(concat(" ", @class, " "), " md-nav--primary ")]')
        if not found:
            continue
        for label in found[0].xpath('.//label[@tabindex=""]'):
            del label.attrib["tabindex"]
        menus[str(path.relative_to(site_dir))] = lxml_html.tostring(found[0], encoding="unicode")
    return menus


def test_menus_are_the_same_as_upstream_nav_item_renders_them(site, tmp_path):
    """overrides/partials/nav-item.html renders links to other pages once
    per build (painref/menu.py). Built again with Material's own partial,
    every page's menu must be the same, but for the empty tabindex our copy
    leaves out."""
    import material

    _, _, config = sitebuild.copy_site(tmp_path)
    overrides = tmp_path / "overrides"
    shutil.copytree(ROOT / "overrides", overrides)
    upstream = Path(material.__file__).parent / "templates" / "partials" / "nav-item.html"
    shutil.copy(upstream, overrides / "partials" / "nav-item.html")
    settings = yaml.safe_load(config.read_text("utf-8"))
    settings["theme"]["custom_dir"] = str(overrides)
    config.write_text(yaml.safe_dump(settings, sort_keys=False), "utf-8")
    result = sitebuild.build(config)
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    ours, theirs = _primary_menus(site), _primary_menus(tmp_path / "site")
    assert len(ours) > 70 and ours.keys() == theirs.keys()
    assert "procedures/radiofrequency-ablation/index.html" in ours
    different = [page for page in ours if ours[page] != theirs[page]]
    assert not different, f"{len(different)} menus differ, e.g. {different[0]}"


# Every query that reaches the search worker itself, in order (installed
# before the page's scripts: speed.html's proxy calls the real worker's
# postMessage, which is Worker.prototype's).
RECORD_QUERIES = """(() => {
  const post = Worker.prototype.postMessage;
  window.__ipmSent = [];
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === 2) window.__ipmSent.push(message.data);
    return post.apply(this, arguments);
  };
})()"""


def test_typing_sends_neither_dangling_hyphens_nor_one_letter_words(page):
    """speed.html holds a query whose last word has one letter for 150 ms
    (the next key, 10 ms later, replaces it) and drops a hyphen at the end
    of a word (Material reads "DRG-" as matching every page). What the
    reader finally typed is still searched, as typed."""
    page.add_init_script(RECORD_QUERIES)
    _load_and_watch(page, PROCEDURE_URL)
    box = searching.open_search(page)
    cases = [
        ("DRG-S", "DRG-S", "dorsal-root-ganglion-stimulation"),
        ("chronic low back pain", "chronic low back pain", "conditions/chronic-low-back-pain"),
        # A reader who stops at the hyphen is searching for the word.
        ("DRG-", "DRG", "dorsal-root-ganglion-stimulation"),
    ]
    for query, searched, expect in cases:
        page.evaluate("window.__ipmSent = []")
        outcome = searching.run(page, box, query)
        sent = page.evaluate("window.__ipmSent")
        assert sent and sent[-1] == searched, sent
        early = [q for q in sent[:-1] if q.strip()]  # not the cleared box
        assert not [q for q in early if q.rstrip().endswith("-")], sent
        assert not [q for q in early if len(re.split(r"[\s-]+", q.strip())[-1]) < 2], sent
        assert expect in outcome.results[:3], outcome.results[:5]
    assert page.console_errors == []
