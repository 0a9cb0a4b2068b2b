"""Open data: /procedures.json and /conditions.json, the site's catalog in
a form other tools can read, made from the same front matter as the pages
(so they can never disagree). Their shapes are fixed by
schemas/export-procedures.schema.json and export-conditions.schema.json.
"""

from __future__ import annotations

import json
from urllib.parse import urljoin

from .browse import procedures_for
from .catalog import Page
from .sitemap import iso_date

PROCEDURES_FILE = "procedures.json"
CONDITIONS_FILE = "conditions.json"


def _url(site_url: str | None, page: Page) -> str:
    folder, name = page.src_uri.removesuffix(".md").split("/")
    return urljoin(site_url or "/", f"{folder}/{name}/")


def _common(page: Page, site_url: str | None) -> dict:
    return {
        "slug": page.slug,
        "url": _url(site_url, page),
        "title": page.title,
        "aliases": page.aliases,
    }


def _dates(page: Page) -> dict:
    return {"last_reviewed": iso_date(page.meta["last_reviewed"]), "next_review": iso_date(page.meta["next_review"])}


def procedures(pages: list[Page], site_url: str | None) -> dict:
    return {
        "procedures": [
            {
                **_common(page, site_url),
                "family": page.family,
                "regions": list(page.meta.get("body_regions", [])),
                "conditions": list(page.meta.get("conditions", [])),
                **_dates(page),
            }
            for page in pages
        ]
    }


def conditions(pages: list[Page], procedure_pages: list[Page], site_url: str | None) -> dict:
    return {
        "conditions": [
            {
                **_common(page, site_url),
                "regions": list(page.meta.get("body_regions", [])),
                "procedures": [proc.slug for proc in procedures_for(page.slug, procedure_pages)],
                **_dates(page),
            }
            for page in pages
        ]
    }


def dumps(data: dict) -> str:
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"
