"""Lighthouse budgets, and what ties the recorded summary to the content.

Lighthouse is too slow for the test command, so scripts/lighthouse.py
runs it on request and writes benchmarks/lighthouse.md. That summary
records a hash of what it measured: the built HTML of the measured pages
(with the address the site was built for taken out, since each run serves
it on another port) and the local stylesheets and scripts those pages
load. The test command builds the site, computes the same hash and fails
when the summary is from other content, so a stale result cannot pass for
a current one. (The search index, loaded later by every page, is left out:
it changes with every edit of any page.)
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html

from . import ROOT, first_paint
from .htmlcheck import is_outside

# Page kind -> site-relative URL.
PAGES = {
    "Home": "",
    "Procedure": "procedures/epidural-steroid-injection/",
    "Condition": "conditions/sciatica-and-radiculopathy/",
    "FAQ": "faq/",
    "Glossary": "glossary/",
}
# Lowest passing score per category (Lighthouse's category ids).
BUDGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
SUMMARY = ROOT / "benchmarks" / "lighthouse.md"
HASH_LINE = re.compile(r"^Content hash: `sha256:([0-9a-f]{64})`", re.M)
PLACEHOLDER = "{site_url}/"


def _assets(html: str, page_url: str) -> set[str]:
    """Site-relative paths of the local stylesheets and scripts a page loads."""
    root = lxml_html.document_fromstring(html)
    refs = [link.get("href") for link in root.iter("link") if "stylesheet" in (link.get("rel") or "").split()]
    refs += [script.get("src") for script in root.iter("script")]
    refs += first_paint.after_paint_urls(html)  # loaded by script after the first paint
    base = "http://site.invalid/" + page_url
    out = set()
    for ref in refs:
        if ref and not is_outside(ref):
            out.add(urlsplit(urljoin(base, ref)).path.lstrip("/"))
    return out


def content_hash(site_dir: Path, site_url: str) -> str:
    """sha256 of the measured pages as built, in hex (see the module doc)."""
    site_url = site_url.rstrip("/") + "/"
    digest = hashlib.sha256()
    assets: set[str] = set()
    for url in PAGES.values():
        html = (site_dir / url / "index.html").read_text("utf-8")
        normal = html.replace(site_url, PLACEHOLDER)
        digest.update(f"{url}\0{normal}\0".encode())
        assets |= _assets(html, url)
    for asset in sorted(assets):
        digest.update(asset.encode() + b"\0" + (site_dir / asset).read_bytes() + b"\0")
    return digest.hexdigest()


def recorded_hash(text: str) -> str | None:
    match = HASH_LINE.search(text)
    return match.group(1) if match else None


def failures(scores: dict[str, dict[str, int]]) -> list[str]:
    """Page kind and category of every score under its budget."""
    return [
        f"{kind}: {category} {score} < {BUDGETS[category]}"
        for kind, by_category in scores.items()
        for category, score in by_category.items()
        if score < BUDGETS[category]
    ]
