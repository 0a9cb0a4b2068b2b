"""Search speed and size benchmark (not a test: timings vary by machine).

Builds the site, serves it on 127.0.0.1, types every query of
data/search-queries.yml into the real search box key by key in Chromium,
and reports the time from the last keystroke to the last change of the
result list (results on screen), plus the size of the search index.

Usage: .venv/bin/python scripts/search_benchmark.py [--rounds N] [--out FILE]
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import http.server
import os
import platform
import statistics
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import searching  # noqa: E402  (after the path set-up above)
import sitebuild  # noqa: E402
from conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "search.md")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        handler = functools.partial(_Quiet, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        base = f"http://127.0.0.1:{server.server_address[1]}"
        result = sitebuild.build(ROOT / "mkdocs.yml", site, site_url=base + "/")
        if result.returncode:
            print(result.stderr, file=sys.stderr)
            return 1
        threading.Thread(target=server.serve_forever, daemon=True).start()
        index = (site / "search" / "search_index.json").read_bytes()
        vocab = (site / "search" / "vocabulary.json").read_bytes()
        queries = searching.load_queries()
        latencies, first = [], 0
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(base_url=base)
            page.goto("/")
            page.wait_for_load_state("networkidle")
            box = searching.open_search(page)
            searching.run(page, box, "warm up")  # load index and vocabulary
            for _ in range(args.rounds):
                for query in queries:
                    outcome = searching.run(page, box, query["q"], query["expect"], query["kind"])
                    latencies.append(outcome.latency_ms)
                    first += outcome.rank == 1
            version = browser.version
            browser.close()
        server.shutdown()

    runs = len(latencies)
    lines = [
        "# Search benchmark",
        "",
        f"Recorded {dt.date.today()} by `scripts/search_benchmark.py` on {os.cpu_count()} cores, "
        f"{platform.system()} {platform.machine()}, Python {platform.python_version()}, Chromium {version}.",
        "",
        "Time from the last keystroke in the real search box to the last change of the",
        f"result list, over {len(queries)} queries x {args.rounds} rounds ({runs} searches), typed key by key:",
        "",
        "| Measure | Value |",
        "| --- | --- |",
        f"| Median | {statistics.median(latencies):.1f} ms |",
        f"| 95th percentile | {percentile(latencies, 0.95):.1f} ms |",
        f"| Slowest | {max(latencies):.1f} ms |",
        f"| Expected page first | {first}/{runs} |",
        f"| Search index (search_index.json) | {len(index) / 1024:.0f} KiB, {len(gzip.compress(index)) / 1024:.0f} KiB gzipped |",
        f"| Typo vocabulary (vocabulary.json) | {len(vocab) / 1024:.0f} KiB, {len(gzip.compress(vocab)) / 1024:.0f} KiB gzipped |",
        "",
        "Target: median under 50 ms on the 2-core build machine.",
        "",
    ]
    text = "\n".join(lines)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, "utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
