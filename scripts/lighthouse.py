"""Lighthouse budgets on the served site (too slow for the test command).

Builds the site, serves it on 127.0.0.1 (gzip-compressed, as a static
host serves it), runs Lighthouse 12 (npm, in node_modules/) with its
mobile preset against the pages of
painref.lighthouse.PAGES in the system Chromium, and writes a summary to
benchmarks/lighthouse.md with the scores, the budgets and a hash of the
measured content (the test command checks that hash against the site).
Exits 1 when a page is under a budget.

Usage: scripts/dev lighthouse [--runs N]   (or .venv/bin/python scripts/lighthouse.py)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import sitebuild  # noqa: E402  (after the path set-up above)
from hosting import SiteServer  # noqa: E402
from conftest import CHROMIUM  # noqa: E402

from painref import lighthouse  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --disable-background-networking"
CATEGORY_NAMES = {"performance": "Performance", "accessibility": "Accessibility", "best-practices": "Best practices", "seo": "SEO"}
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "Speed Index",
}


def run(url: str, out: Path) -> dict:
    command = [
        str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
        f"--only-categories={','.join(lighthouse.BUDGETS)}", f"--chrome-flags={CHROME_FLAGS}",
    ]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    if result.returncode or not out.exists():
        raise RuntimeError(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    return json.loads(out.read_text("utf-8"))


def _median_report(reports: list[dict]) -> dict:
    """The run with the median performance score (Lighthouse's advice for
    a noisy score), so that its metrics and scores belong together."""
    ordered = sorted(reports, key=lambda r: r["categories"]["performance"]["score"])
    return ordered[len(ordered) // 2]


def _failing_audits(report: dict, category: str) -> list[str]:
    audits = report["audits"]
    out = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = audits[ref["id"]]
        if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 0.9:
            value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
            out.append(f"{audit['title']}{value}")
    return out


def summary(reports: dict[str, dict], scores: dict[str, dict[str, int]], digest: str, runs: int) -> str:
    any_report = next(iter(reports.values()))
    # The user agent string is frozen at x.0.0.0: ask the browser itself.
    chrome = re.search(r"([\d.]+)", subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout)
    lines = [
        "# Lighthouse",
        "",
        f"Recorded {dt.date.today()} by `scripts/lighthouse.py` (`scripts/dev lighthouse`): Lighthouse "
        f"{any_report['lighthouseVersion']}, mobile preset (simulated slow 4G and 4x CPU slowdown), "
        f"Chromium {chrome.group(1) if chrome else '?'} on {os.cpu_count()} cores, {platform.system()} {platform.machine()}; "
        f"the median of {runs} run(s) per page.",
        "",
        f"Content hash: `sha256:{digest}`",
        "",
        "The hash covers the built HTML of the pages below (less the address the site was built for) and the",
        "stylesheets and scripts they load. `scripts/dev test` fails when the site no longer matches it:",
        "run `scripts/dev lighthouse` again and commit this file.",
        "",
        "| Page | Address | " + " | ".join(CATEGORY_NAMES.values()) + " |",
        "| --- | --- | " + " | ".join("---" for _ in CATEGORY_NAMES) + " |",
    ]
    for kind, url in lighthouse.PAGES.items():
        cells = [str(scores[kind][category]) for category in CATEGORY_NAMES]
        lines.append(f"| {kind} | /{url} | " + " | ".join(cells) + " |")
    lines += ["", "Budgets (lowest passing score): " + ", ".join(f"{CATEGORY_NAMES[c].lower()} {b}" for c, b in lighthouse.BUDGETS.items()) + ".", ""]
    missed = lighthouse.failures(scores)
    if not missed:
        lines.append("Result: every page meets every budget.")
    else:
        lines.append(f"Result: {len(missed)} budget(s) missed.")
        lines.append("")
        for kind in lighthouse.PAGES:
            for category in CATEGORY_NAMES:
                if scores[kind][category] < lighthouse.BUDGETS[category]:
                    audits = "; ".join(_failing_audits(reports[kind], category)) or "no single audit below 0.9"
                    lines.append(f"- {kind}, {CATEGORY_NAMES[category].lower()} {scores[kind][category]}: {audits}")
    lines += ["", "## Metrics", "", "| Page | " + " | ".join(METRICS.values()) + " |", "| --- | " + " | ".join("---" for _ in METRICS) + " |"]
    for kind in lighthouse.PAGES:
        audits = reports[kind]["audits"]
        lines.append(f"| {kind} | " + " | ".join(audits[key].get("displayValue", "") for key in METRICS) + " |")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median performance run is kept")
    parser.add_argument("--out", type=Path, default=lighthouse.SUMMARY)
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print(f"{LIGHTHOUSE.relative_to(ROOT)} is missing: run scripts/dev lighthouse (it installs the npm packages)", file=sys.stderr)
        return 1

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        server = SiteServer(site)
        base = server.base + "/"
        result = sitebuild.build(ROOT / "mkdocs.yml", site, site_url=base)
        if result.returncode:
            print(result.stderr, file=sys.stderr)
            return 1
        server.start()
        try:
            reports, scores = {}, {}
            for kind, url in lighthouse.PAGES.items():
                runs = [run(base + url, Path(tmp) / f"report-{len(reports)}-{n}.json") for n in range(args.runs)]
                report = _median_report(runs)
                reports[kind] = report
                scores[kind] = {c: round(report["categories"][c]["score"] * 100) for c in lighthouse.BUDGETS}
                spread = [round(r["categories"]["performance"]["score"] * 100) for r in runs]
                print(f"{kind:10} {' '.join(f'{c} {s}' for c, s in scores[kind].items())}  (performance runs: {spread}, median {statistics.median(spread)})")
            digest = lighthouse.content_hash(site, base)
        finally:
            server.shutdown()
    args.out.write_text(summary(reports, scores, digest, args.runs), "utf-8")
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    missed = lighthouse.failures(scores)
    for line in missed:
        print(f"budget missed: {line}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
