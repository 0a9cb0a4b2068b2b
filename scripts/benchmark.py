"""Performance benchmark: this site against a stock Material site built from
the same docs/, side by side in one run (not a test: timings depend on the
machine, so only ratios measured in the same run mean anything).

In one run it:

1. builds our site (mkdocs.yml) and a stock Material configuration of the
   same docs/ (theme defaults, the `search` plugin only, the same
   markdown_extensions; no hooks, overrides, extra CSS or JavaScript) into
   temporary folders, timing each build;
2. serves both from 127.0.0.1 through the threaded static host of the tests (tests/hosting.py), which gzips
   text types, as a CDN would; every request that would leave 127.0.0.1 is
   blocked (stock Material's default font loads Google Fonts);
3. runs Lighthouse (mobile, performance only) on the home page, a procedure
   page, a condition page and the FAQ, RUNS times per page per site, one
   run at a time, and keeps the median score, FCP, LCP, TBT and CLS, plus
   the LCP element, render-blocking resources and requests of the median
   run;
4. loads each of those pages once in a fresh Chromium (Playwright) and
   counts the requests and compressed bytes the server sent until the
   network is idle (first load, empty cache);
5. types every query of data/search-queries.yml into each site's search
   box (tests/searching.py) and takes the median and 95th percentile of the
   time from the last keystroke to the results on screen;
6. builds a synthetic copy of the content with at least 10 times the
   pages: every procedure and condition page copied as often as that
   takes (new slugs, distinct titles and descriptions, the condition
   vocabulary extended to match; the other pages once), and repeats build
   time, index size and search latency on it;
7. prints the ratios ours / stock and 10x / 1x and writes them to
   benchmarks/performance.json (raw numbers) and the tables of
   benchmarks/performance.md (between its BEGIN/END markers, so the
   written analysis around them is kept).

Usage: scripts/dev benchmark [--runs N] [--search-rounds N] [--skip-lighthouse] [--skip-10x]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import searching  # noqa: E402  (after the path set-up above)
from hosting import SiteServer  # noqa: E402
import sitebuild  # noqa: E402
from conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

PAGES = {
    "home": "/",
    "procedure": "/procedures/radiofrequency-ablation/",
    "condition": "/conditions/sciatica-and-radiculopathy/",
    "faq": "/faq/",
}
# The test browser's flags, headless; the host rule is set per run below.
LIGHTHOUSE_FLAGS = ["--headless=new"] + [flag for flag in CHROMIUM_ARGS if not flag.startswith("--host-resolver-rules")]
# Stock Material's default font: a stylesheet from Google Fonts and a
# preconnect to its font host. They cannot be reached here and are blocked
# (fail at once) in Lighthouse and in Playwright.
BLOCKED_PATTERNS = ["*fonts.googleapis.com*", "*fonts.gstatic.com*"]
OUT_JSON = ROOT / "benchmarks" / "performance.json"
OUT_MD = ROOT / "benchmarks" / "performance.md"
BEGIN, END = "<!-- BEGIN benchmark output -->", "<!-- END benchmark output -->"
SCALE = 10  # the copy has at least this many times the pages of the site


# ---------------------------------------------------------------------------
# Building: ours, stock, and the 10x synthetic copy
# ---------------------------------------------------------------------------


def load_config(path: Path) -> dict:
    return yaml.load(path.read_text("utf-8"), Loader=sitebuild._ConfigLoader)


def stock_config(tmp: Path, docs: Path, name: str) -> Path:
    """Material with its defaults: same docs and Markdown extensions, the
    search plugin only, no hooks, overrides, palette, fonts setting, extra
    CSS or JavaScript, and MkDocs' own navigation of all pages (ours adds
    every procedure and condition page to the navigation too)."""
    ours = load_config(ROOT / "mkdocs.yml")
    config = {
        "site_name": ours["site_name"],
        "site_description": ours.get("site_description"),
        "docs_dir": str(docs),
        "theme": {"name": "material"},
        "plugins": ["search"],
        "markdown_extensions": ours["markdown_extensions"],
    }
    path = tmp / f"{name}.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
    return path


def timed_build(config: Path, site_dir: Path, site_url: str, strict: bool = True) -> float:
    command = [sys.executable, "-m", "mkdocs", "build", "--clean", "-f", str(config), "-d", str(site_dir)]
    if strict:
        command.insert(4, "--strict")
    env = {**sitebuild.ENV, "IPM_SITE_URL": site_url}
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if result.returncode:
        sys.exit(f"build of {config} failed:\n{(result.stdout + result.stderr)[-4000:]}")
    return elapsed


def copyable_pages(docs: Path) -> list[Path]:
    """Procedure and condition pages: the ones scale_content copies."""
    return [page for folder in ("procedures", "conditions") for page in sorted((docs / folder).glob("*.md")) if page.name != "index.md"]


def copies_for(pages: int, copyable: int, scale: int = SCALE) -> int:
    """How many times each copyable page must be present (original
    included) for the site to have at least `scale` times `pages` pages."""
    others = pages - copyable
    return -(-(scale * pages - others) // copyable)


def scale_content(tmp: Path, copies: int) -> Path:
    """docs/ and data/ with each procedure and condition page present
    `copies` times: new slugs (<slug>-2 ...), titles ending in the copy
    number and descriptions marked as copies, each new condition slug
    added to the temp copy of data/conditions.yml. Returns the config."""
    docs, data, config = sitebuild.copy_site(tmp)
    added = []
    for page in copyable_pages(docs):
        _, front, body = page.read_text("utf-8").split("---\n", 2)
        meta = yaml.safe_load(front)
        for number in range(2, copies + 1):
            copy = dict(meta, title=f"{meta['title']} {number}")
            copy["description"] = meta["description"].rstrip(".")[:145] + f" (copy {number})."
            front_copy = yaml.safe_dump(copy, sort_keys=False, allow_unicode=True, width=1000)
            (page.parent / f"{page.stem}-{number}.md").write_text(f"---\n{front_copy}---\n{body}", "utf-8")
            if page.parent.name == "conditions":
                added.append(f"{page.stem}-{number}: {meta['title']} {number}")
    vocabulary = data / "conditions.yml"
    vocabulary.write_text(vocabulary.read_text("utf-8") + "\n" + "\n".join(added) + "\n", "utf-8")
    # Link-preview cards of the copies: a cache of their own (not the
    # project's), kept between runs under .cache/ (git-ignored).
    built = load_config(config)
    cards = ROOT / ".cache" / "benchmark" / "social"
    built["plugins"] = [
        {"social": {"cache_dir": str(cards)}} if isinstance(plugin, dict) and "social" in plugin else plugin
        for plugin in built["plugins"]
    ]
    config.write_text(yaml.safe_dump(built, sort_keys=False), "utf-8")
    return config


def page_count(site: Path) -> int:
    """Built pages, not counting the redirect stubs of short links."""
    count = 0
    for page in site.rglob("*.html"):
        if page.name == "404.html":
            continue
        if "<title>Redirecting...</title>" not in page.read_text("utf-8", errors="replace")[:400]:
            count += 1
    return count


def index_sizes(site: Path) -> dict:
    sizes = {}
    for name in ("search_index.json", "vocabulary.json"):
        path = site / "search" / name
        if path.exists():
            raw = path.read_bytes()
            sizes[name] = {"raw": len(raw), "gzip": len(gzip.compress(raw, 6, mtime=0))}
    return sizes


# ---------------------------------------------------------------------------
# Lighthouse
# ---------------------------------------------------------------------------


def lighthouse_command() -> list[str]:
    local = ROOT / "node_modules" / ".bin" / "lighthouse"
    if local.exists():
        return [str(local)]
    return ["npx", "--no-install", "--prefix", str(ROOT), "lighthouse"]


def lighthouse_version() -> str:
    package = ROOT / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text("utf-8"))["version"] if package.exists() else "?"


def run_lighthouse(url: str, out: Path) -> dict:
    flags = LIGHTHOUSE_FLAGS + ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
    command = lighthouse_command() + [
        url,
        "--only-categories=performance",
        "--output=json",
        f"--output-path={out}",
        "--quiet",
        "--chrome-flags=" + " ".join(f'"{flag}"' if " " in flag else flag for flag in flags),
    ] + [f"--blocked-url-patterns={pattern}" for pattern in BLOCKED_PATTERNS]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    if result.returncode or not out.exists():
        sys.exit(f"lighthouse failed on {url}:\n{(result.stdout + result.stderr)[-3000:]}")
    return json.loads(out.read_text("utf-8"))


def lighthouse_summary(lhr: dict) -> dict:
    audits = lhr["audits"]

    def value(name):
        return audits[name].get("numericValue")

    return {
        "score": round(lhr["categories"]["performance"]["score"] * 100),
        "fcp_ms": value("first-contentful-paint"),
        "lcp_ms": value("largest-contentful-paint"),
        "tbt_ms": value("total-blocking-time"),
        "cls": value("cumulative-layout-shift"),
        "speed_index_ms": value("speed-index"),
    }


def lighthouse_details(lhr: dict, base: str) -> dict:
    """What delays the LCP: its element, the phases, render-blocking
    resources and the requests (URL paths relative to the site)."""
    audits = lhr["audits"]

    def short(url: str) -> str:
        return url.replace(base, "") or "/"

    lcp_element = None
    phases = {}
    for item in (audits.get("largest-contentful-paint-element", {}).get("details") or {}).get("items", []):
        for row in (item.get("items") or []):
            if "node" in row:
                node = row["node"]
                lcp_element = {"selector": node.get("selector"), "snippet": node.get("snippet"), "label": node.get("nodeLabel")}
            elif "phase" in row:
                phases[row["phase"]] = round(row.get("timing", 0))
    blocking = [
        {"url": short(item["url"]), "wasted_ms": round(item.get("wastedMs", 0)), "bytes": item.get("totalBytes")}
        for item in (audits.get("render-blocking-resources", {}).get("details") or {}).get("items", [])
    ]
    requests = [
        {
            "url": short(item["url"])[:120],
            "type": item.get("resourceType"),
            "priority": item.get("priority"),
            "transfer_bytes": item.get("transferSize"),
            "start_ms": round(item.get("networkRequestTime", item.get("startTime", 0)) or 0),
            "end_ms": round(item.get("networkEndTime", item.get("endTime", 0)) or 0),
            "status": item.get("statusCode"),
        }
        for item in (audits.get("network-requests", {}).get("details") or {}).get("items", [])
    ]
    return {
        "lcp_element": lcp_element,
        "lcp_phases_ms": phases,
        "render_blocking": blocking,
        "requests": requests,
        "main_thread_ms": round(audits.get("mainthread-work-breakdown", {}).get("numericValue", 0)),
        "bootup_ms": round(audits.get("bootup-time", {}).get("numericValue", 0)),
    }


def lighthouse_all(servers: dict, runs: int, tmp: Path) -> dict:
    """{site: {page: {median metrics, runs, details of the median run}}};
    runs alternate between the sites so drift on the machine hits both."""
    raw: dict = {site: {page: [] for page in PAGES} for site in servers}
    for page, path in PAGES.items():
        for run in range(runs):
            for site, server in servers.items():
                out = tmp / f"lh-{site}-{page}-{run}.json"
                lhr = run_lighthouse(server.base + path, out)
                raw[site][page].append((lighthouse_summary(lhr), out))
                print(f"  lighthouse {site:5} {page:9} run {run + 1}: {raw[site][page][-1][0]}", flush=True)
    results: dict = {}
    for site, pages in raw.items():
        results[site] = {}
        for page, found in pages.items():
            summaries = [summary for summary, _ in found]
            median = {key: statistics.median(s[key] for s in summaries) for key in summaries[0]}
            # Details from the run whose score is the median one.
            ordered = sorted(found, key=lambda pair: (pair[0]["score"], -pair[0]["lcp_ms"]))
            middle = ordered[len(ordered) // 2][1]
            results[site][page] = {
                "median": median,
                "runs": summaries,
                "details": lighthouse_details(json.loads(middle.read_text("utf-8")), servers[site].base),
            }
    return results


# ---------------------------------------------------------------------------
# Chromium: first-load transfer and search latency
# ---------------------------------------------------------------------------


def _guard(context, blocked: list[str]):
    def guard(route):
        url = route.request.url
        host = urlsplit(url).hostname or ""
        if host in ("127.0.0.1", "localhost") or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context.route("**/*", guard)


def first_loads(browser, servers: dict) -> dict:
    """Requests and compressed body bytes the server sent for a first visit
    (fresh context, empty cache) until the network has been idle 500 ms."""
    out: dict = {}
    for site, server in servers.items():
        out[site] = {}
        for page_name, path in PAGES.items():
            blocked: list[str] = []
            context = browser.new_context(base_url=server.base)
            _guard(context, blocked)
            page = context.new_page()
            server.log.clear()
            page.goto(path, wait_until="load")
            page.wait_for_load_state("networkidle")
            log = list(server.log)
            context.close()
            by_type: dict = {}
            for url, size in log:
                kind = Path(url).suffix.lstrip(".") or "html"
                by_type[kind] = by_type.get(kind, 0) + size
            out[site][page_name] = {
                "requests": len(log),
                "bytes": sum(size for _, size in log),
                "bytes_by_type": by_type,
                "files": [f"{url} {size}" for url, size in log],
                "blocked_outside": blocked,
            }
    return out


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


# Results of the first query are on screen: Material's result line no
# longer says "Initializing search" and the list has entries.
READY = """() => {
  const meta = document.querySelector('.md-search-result__meta');
  const list = document.querySelector('.md-search-result__list');
  return meta && !/initializ/i.test(meta.textContent) && list && list.children.length > 0;
}"""


def search_latency(browser, base: str, rounds: int, every: int = 1) -> dict:
    """Typed queries, key by key (tests/searching.py), after one first
    search that loads the index: its time, from the click into the search
    box to results on screen, is `first_search_ms` (index download and the
    worker building it, then the query)."""
    queries = searching.load_queries()[::every]
    blocked: list[str] = []
    context = browser.new_context(base_url=base)
    _guard(context, blocked)
    page = context.new_page()
    # The 10x index takes long to download and build: wait for it rather
    # than fail (every wait here ends when results are on screen).
    page.set_default_timeout(600_000)
    page.goto("/")
    page.wait_for_load_state("networkidle")
    start = time.perf_counter()
    box = searching.open_search(page)
    box.press_sequentially("nerve", delay=10)
    page.wait_for_function(READY, timeout=600_000)
    first_search_ms = (time.perf_counter() - start) * 1000
    searching.run(page, box, "warm up")  # vocabulary loaded too
    latencies, first = [], 0
    for _ in range(rounds):
        for query in queries:
            outcome = searching.run(page, box, query["q"], query["expect"], query["kind"])
            latencies.append(outcome.latency_ms)
            first += outcome.rank == 1
    context.close()
    return {
        "first_search_ms": round(first_search_ms),
        "searches": len(latencies),
        "median_ms": statistics.median(latencies),
        "p95_ms": percentile(latencies, 0.95),
        "max_ms": max(latencies),
        "expected_first": first,
    }


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": memory, "system": f"{platform.system()} {platform.machine()}", "python": platform.python_version()}


def ratio(a, b):
    return round(a / b, 2) if a is not None and b else None


def fmt_ms(value) -> str:
    return "-" if value is None else f"{value:.0f} ms"


def fmt_kib(value) -> str:
    return "-" if value is None else f"{value / 1024:.1f} KiB"


def tables(data: dict) -> str:
    lines = []
    m = data["machine"]
    lines += [
        f"Recorded {data['date']} by `scripts/dev benchmark` on {m['cpu']}, {m['cores']} cores, "
        f"{m['memory_gib']} GiB memory ({m['system']}, Python {m['python']}, Chromium {data['chromium']}, "
        f"Lighthouse {data['lighthouse_version']}). Run time {data['run_seconds'] / 60:.1f} min.",
        "",
        "Stock = Material 9.8 defaults (no palette, no `font: false`, search plugin only, same Markdown",
        "extensions, no hooks, overrides, extra CSS or JavaScript) built from the same docs/. Both sites",
        "served from 127.0.0.1 with gzip (level 6) for text types. Requests to other hosts are blocked:",
        "stock's default Google Fonts stylesheet fails at once, so stock's numbers here are better than",
        "it would get on the web, where that stylesheet blocks rendering.",
        "",
    ]
    lh = data.get("lighthouse")
    if lh:
        lines += [
            f"### Lighthouse, mobile (median of {data['lighthouse_runs']} runs per page and site)",
            "",
            "| Page | Score ours | Score stock | FCP ours | FCP stock | LCP ours | LCP stock | LCP ours/stock | TBT ours | TBT stock | CLS ours | CLS stock |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for page in PAGES:
            o, s = lh["ours"][page]["median"], lh["stock"][page]["median"]
            lines.append(
                f"| {page} | {o['score']:.0f} | {s['score']:.0f} | {fmt_ms(o['fcp_ms'])} | {fmt_ms(s['fcp_ms'])} | "
                f"{fmt_ms(o['lcp_ms'])} | {fmt_ms(s['lcp_ms'])} | {ratio(o['lcp_ms'], s['lcp_ms'])} | "
                f"{fmt_ms(o['tbt_ms'])} | {fmt_ms(s['tbt_ms'])} | {o['cls']:.3f} | {s['cls']:.3f} |"
            )
        lines.append("")
    loads = data["first_load"]
    lines += [
        "### First load in Chromium (empty cache, until the network is idle)",
        "",
        "Compressed bytes = the Content-Length the server sent (gzipped bodies for text types).",
        "",
        "| Page | Requests ours | Requests stock | Bytes ours | Bytes stock | Bytes ours/stock | Blocked outside (ours / stock) |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for page in PAGES:
        o, s = loads["ours"][page], loads["stock"][page]
        lines.append(
            f"| {page} | {o['requests']} | {s['requests']} | {fmt_kib(o['bytes'])} | {fmt_kib(s['bytes'])} | "
            f"{ratio(o['bytes'], s['bytes'])} | {len(o['blocked_outside'])} / {len(s['blocked_outside'])} |"
        )
    lines.append("")
    search = data["search"]
    lines += [
        f"### Search (last keystroke to results on screen; typed key by key, 10 ms apart)",
        "",
        "| Site | Median | 95th percentile | Slowest | Expected page first (of searches) | First search (click to results) |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for key, label in (("ours_1x", "ours 1x"), ("stock_1x", "stock 1x"), ("ours_10x", "ours 10x")):
        if key in search:
            r = search[key]
            lines.append(
                f"| {label} | {r['median_ms']:.1f} ms | {r['p95_ms']:.1f} ms | {r['max_ms']:.1f} ms | "
                f"{r['expected_first']}/{r['searches']} | {fmt_ms(r.get('first_search_ms'))} |"
            )
    if data.get("search_10x_error"):
        lines.append(f"Search at 10x did not finish: {data['search_10x_error']}")
    lines.append("")
    builds = data["builds"]
    lines += [
        "### Build and index",
        "",
        "| Measure | Ours 1x | Stock 1x | Ours/stock 1x | Ours 10x | Stock 10x | Ours 10x/1x | Stock 10x/1x |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]

    def row(label, key, fmt):
        o1, s1 = builds["ours_1x"].get(key), builds["stock_1x"].get(key)
        o10, s10 = builds.get("ours_10x", {}).get(key), builds.get("stock_10x", {}).get(key)
        lines.append(
            f"| {label} | {fmt(o1)} | {fmt(s1)} | {ratio(o1, s1)} | {fmt(o10)} | {fmt(s10)} | {ratio(o10, o1)} | {ratio(s10, s1)} |"
        )

    seconds = lambda v: "-" if v is None else f"{v:.1f} s"  # noqa: E731
    row("Pages built", "pages", lambda v: "-" if v is None else str(v))
    row("Build time (wall, min of runs)", "build_s", seconds)
    if "paired_1x_s" in builds.get("ours_10x", {}):
        # The growth that counts: each 10x build against the 1x build timed
        # just before it (the machine's speed drifts over a run).
        o1p, s1p = (builds[f"{site}_10x"]["paired_1x_s"] for site in ("ours", "stock"))
        growth = [ratio(builds[f"{site}_10x"]["build_s"], builds[f"{site}_10x"]["paired_1x_s"]) for site in ("ours", "stock")]
        pages = [ratio(builds[f"{site}_10x"]["pages"], builds[f"{site}_1x"]["pages"]) for site in ("ours", "stock")]
        lines.append(f"| Build time at 1x, timed just before each 10x build | {seconds(o1p)} | {seconds(s1p)} | {ratio(o1p, s1p)} | - | - | - | - |")
        lines.append(f"| Build time growth, 10x over the 1x just before (page growth) | - | - | - | - | - | {growth[0]} ({pages[0]}) | {growth[1]} ({pages[1]}) |")
    row("search_index.json", "index_raw", fmt_kib)
    row("search_index.json gzipped", "index_gzip", fmt_kib)
    row("vocabulary.json gzipped", "vocab_gzip", fmt_kib)
    lines.append("")
    return "\n".join(lines)


def write_report(data: dict) -> str:
    text = tables(data)
    OUT_JSON.parent.mkdir(parents=True, exist_ok=True)
    OUT_JSON.write_text(json.dumps(data, indent=1) + "\n", "utf-8")
    block = f"{BEGIN}\n{text}\n{END}"
    if OUT_MD.exists() and BEGIN in OUT_MD.read_text("utf-8"):
        old = OUT_MD.read_text("utf-8")
        new = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: block, old, flags=re.S)
    else:
        new = f"# Performance: ours against stock Material\n\n{block}\n"
    OUT_MD.write_text(new, "utf-8")
    return text


# ---------------------------------------------------------------------------


def build_entry(site: Path, seconds: list[float]) -> dict:
    sizes = index_sizes(site)
    return {
        "pages": page_count(site),
        "build_s": min(seconds),
        "build_runs_s": seconds,
        "index_raw": sizes["search_index.json"]["raw"],
        "index_gzip": sizes["search_index.json"]["gzip"],
        "vocab_gzip": sizes.get("vocabulary.json", {}).get("gzip"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page and site (default 3)")
    parser.add_argument("--builds", type=int, default=2, help="timed builds per site and size (default 2; the minimum is kept)")
    parser.add_argument("--search-rounds", type=int, default=1, help="rounds over the query list per site (default 1)")
    parser.add_argument("--search-10x-every", type=int, default=3, help="at 10x, every Nth query of the list (default 3, for run time)")
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--skip-10x", action="store_true")
    parser.add_argument("--no-write", action="store_true", help="print only; leave benchmarks/ as it is")
    parser.add_argument("--keep", type=Path, help="also copy the Lighthouse JSON reports into this folder")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing: scripts/dev test installs it")
    from playwright.sync_api import sync_playwright

    started = time.perf_counter()
    data: dict = {"date": str(dt.date.today()), "machine": machine(), "lighthouse_version": lighthouse_version()}
    with tempfile.TemporaryDirectory(prefix="ipm-bench-") as name:
        tmp = Path(name)
        servers = {"ours": SiteServer(tmp / "ours"), "stock": SiteServer(tmp / "stock")}
        configs = {"ours": ROOT / "mkdocs.yml", "stock": stock_config(tmp, ROOT / "docs", "stock")}
        builds: dict = {}
        print("Building (1x) ...", flush=True)
        # One untimed build of ours first: link-preview cards drawn if the
        # cache is cold, Python files compiled; then the timed builds.
        timed_build(configs["ours"], servers["ours"].directory, servers["ours"].base + "/")
        for site in ("ours", "stock"):
            seconds = [
                timed_build(configs[site], servers[site].directory, servers[site].base + "/", strict=site == "ours")
                for _ in range(args.builds)
            ]
            builds[f"{site}_1x"] = build_entry(servers[site].directory, seconds)
            print(f"  {site}: {seconds} s, {builds[site + '_1x']['pages']} pages", flush=True)
        for server in servers.values():
            server.start()

        if not args.skip_lighthouse:
            print("Lighthouse ...", flush=True)
            data["lighthouse_runs"] = args.runs
            data["lighthouse"] = lighthouse_all(servers, args.runs, tmp)
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                for report in tmp.glob("lh-*.json"):
                    shutil.copy(report, args.keep / report.name)

        search: dict = {}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            data["chromium"] = browser.version
            print("First loads ...", flush=True)
            data["first_load"] = first_loads(browser, servers)
            print("Search 1x ...", flush=True)
            for site in ("ours", "stock"):
                search[f"{site}_1x"] = search_latency(browser, servers[site].base, args.search_rounds)
                print(f"  {site}: {search[site + '_1x']}", flush=True)

            if not args.skip_10x:
                copies = copies_for(builds["ours_1x"]["pages"], len(copyable_pages(ROOT / "docs")))
                data["copies"] = copies
                print(f"Building the {SCALE}x copy (each procedure and condition page {copies} times) ...", flush=True)
                scaled = tmp / "scaled"
                scaled.mkdir()
                scaled_config = scale_content(scaled, copies)
                big = {"ours": SiteServer(tmp / "ours10"), "stock": SiteServer(tmp / "stock10")}
                big_configs = {"ours": scaled_config, "stock": stock_config(tmp, scaled / "docs", "stock10")}
                # One untimed build first: link-preview cards of new copies
                # are drawn once (cached under .cache/benchmark/social).
                timed_build(scaled_config, big["ours"].directory, big["ours"].base + "/")
                for site in ("ours", "stock"):
                    # The machine's speed drifts over a run (the same build
                    # took 49 s and 67 s ten minutes apart): each 10x build
                    # is paired with a 1x build just before it, and the
                    # growth is taken from these pairs.
                    small, large = [], []
                    for _ in range(args.builds):
                        small.append(timed_build(configs[site], tmp / f"{site}-paired", servers[site].base + "/", strict=site == "ours"))
                        large.append(timed_build(big_configs[site], big[site].directory, big[site].base + "/", strict=site == "ours"))
                    builds[f"{site}_10x"] = build_entry(big[site].directory, large)
                    builds[f"{site}_10x"]["paired_1x_s"] = min(small)
                    builds[f"{site}_10x"]["paired_1x_runs_s"] = small
                    print(f"  {site}: {large} s, {builds[site + '_10x']['pages']} pages (1x just before: {small} s)", flush=True)
                big["ours"].start()
                print(f"Search {SCALE}x ...", flush=True)
                try:
                    search["ours_10x"] = search_latency(browser, big["ours"].base, args.search_rounds, args.search_10x_every)
                    print(f"  ours: {search['ours_10x']}", flush=True)
                except Exception as exc:  # keep the rest of the run's results
                    data["search_10x_error"] = f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
                    print(f"  search at {SCALE}x failed: {data['search_10x_error']}", flush=True)
                big["ours"].shutdown()
                for server in big.values():
                    server.server_close()
            browser.close()
        for server in servers.values():
            server.shutdown()
            server.server_close()
    data["builds"] = builds
    data["search"] = search
    data["run_seconds"] = round(time.perf_counter() - started)
    text = tables(data) if args.no_write else write_report(data)
    print()
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
