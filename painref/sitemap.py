"""What search engines read: each page's date in sitemap.xml and robots.txt.

MkDocs dates every page in sitemap.xml with the day of the build, which
tells a crawler that every page changed at every deploy. A page's own
`last_reviewed` is the day its content was last checked, so that is its
date (region pages carry the latest date of the pages they list).
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urljoin


def iso_date(value) -> str | None:
    """2026-11-29, from a YAML date or an ISO string (None stays None)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    return value.isoformat() if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)).isoformat()


def lastmod(meta: dict | None) -> str | None:
    """The ISO date of a page's last review, or None without one."""
    return iso_date((meta or {}).get("last_reviewed"))


def robots_txt(site_url: str | None) -> str:
    """Everything may be crawled; the sitemap's absolute address (crawlers
    need it absolute) when the site has one."""
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines += ["", f"Sitemap: {urljoin(site_url, 'sitemap.xml')}"]
    return "\n".join(lines) + "\n"
