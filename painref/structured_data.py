"""Structured data (schema.org JSON-LD) for every page, from front matter.

Every page is a MedicalWebPage reviewed by the site's editorial team (an
Organization named after the site: the site names no individual
reviewers, so none is made up) with a BreadcrumbList of its address. A
procedure page is about a MedicalProcedure and a condition page about a
MedicalCondition whose possible treatments are the procedures that list
the condition in their front matter.

Every value is a fact the page already states: front matter fields, the
page's own "How do I prepare?" text, the controlled vocabularies in data/.
Nothing medical is written here. schemas/jsonld.schema.json describes the
blocks; the tests validate every page against it.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from functools import lru_cache

import jsonschema
from lxml import html as lxml_html

from . import schemas, vocab
from .catalog import Page

CONTEXT = "https://schema.org"
PREPARE_ID = "how-to-prepare"


def editorial_team(site_name: str, about_url: str | None) -> dict:
    team = {"@type": "Organization", "name": f"{site_name} editorial team"}
    if about_url:
        team["url"] = about_url
    return team


def _date(value) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _sentence(text: str) -> str:
    text = " ".join(text.split()).rstrip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _names(slugs, table) -> list[str]:
    return [table[slug] for slug in slugs if slug in table]


def section_text(content_html: str, heading_id: str) -> str | None:
    """The plain text of a section (its paragraphs and list items, without
    reference markers), from the rendered page content."""
    root = lxml_html.fragment_fromstring(content_html, create_parent="div")
    heading = root.find(f".//h2[@id='{heading_id}']")
    if heading is None:
        return None
    parts = []
    for node in heading.itersiblings():
        if not isinstance(node.tag, str):
            continue
        if node.tag == "h2":
            break
        for marker in node.xpath(".//sup[a[contains(concat(' ', @class, ' '), ' footnote-ref ')]] | .//a[contains(concat(' ', @class, ' '), ' headerlink ')]"):
            marker.drop_tree()
        blocks = node.xpath("self::p | self::li | .//p[not(ancestor::li)] | .//li")
        for block in blocks or []:
            text = " ".join(block.text_content().split())
            if text:
                parts.append(_sentence(text))
    return " ".join(parts) or None


def procedure(page: Page, url: str, preparation: str | None) -> dict:
    """A MedicalProcedure from a procedure page's front matter. The labels
    are those of the page's At a glance box."""
    meta = page.meta
    imaging = " or ".join(_names(meta.get("imaging", []), vocab.imaging()))
    how = [
        f"Imaging guidance: {imaging}." if imaging else None,
        f"Anesthesia or sedation: {_sentence(meta['anesthesia'])}" if meta.get("anesthesia") else None,
        f"How long it takes: {_sentence(meta['duration'])}" if meta.get("duration") else None,
    ]
    follow = [
        f"Usual recovery: {_sentence(meta['recovery'])}" if meta.get("recovery") else None,
        f"How long relief usually lasts: {_sentence(meta['relief_duration'])}" if meta.get("relief_duration") else None,
        f"Can it be repeated? {_sentence(meta['repeatable'])}" if meta.get("repeatable") else None,
    ]
    data = {
        "@type": "MedicalProcedure",
        "name": page.title,
        "url": url,
        "alternateName": page.aliases,
        "description": _sentence(meta["role"]) if meta.get("role") else None,
        "bodyLocation": _names(meta.get("body_regions", []), vocab.regions()),
        # schema.org expects a MedicalProcedureType here (percutaneous,
        # noninvasive); no page states one, so the family name is given as
        # text, which schema.org accepts for any property.
        "procedureType": vocab.families().get(page.family, {}).get("name"),
        "howPerformed": " ".join(part for part in how if part) or None,
        "preparation": preparation,
        "followup": " ".join(part for part in follow if part) or None,
    }
    return {key: value for key, value in data.items() if value not in (None, [], "")}


def condition(page: Page, url: str, treatments: list[tuple[str, str]]) -> dict:
    """A MedicalCondition; treatments: (name, url) of the procedures that
    list it."""
    data = {
        "@type": "MedicalCondition",
        "name": page.title,
        "url": url,
        "alternateName": page.aliases,
        "description": page.meta.get("description"),
        "possibleTreatment": [{"@type": "MedicalProcedure", "name": name, "url": href} for name, href in treatments],
    }
    return {key: value for key, value in data.items() if value not in (None, [], "")}


def web_page(*, title: str, description: str, url: str, language: str, last_reviewed, reviewer: dict, about: dict) -> dict:
    data = {
        "@context": CONTEXT,
        "@type": "MedicalWebPage",
        "name": title,
        "description": description,
        "url": url,
        "inLanguage": language,
        "lastReviewed": _date(last_reviewed),
        "reviewedBy": reviewer,
        "about": about,
    }
    return {key: value for key, value in data.items() if value not in (None, "")}


def breadcrumbs(trail: list[tuple[str, str]]) -> dict:
    """trail: (name, absolute url) from the home page to this page."""
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": number, "name": name, "item": url}
            for number, (name, url) in enumerate(trail, 1)
        ],
    }


def trail(page_url: str, titles: dict[str, str], home: str = "Home") -> list[tuple[str, str]]:
    """(name, site-relative url) of the pages above this one by address,
    then the page itself; titles: site-relative url -> page title, for
    the pages that exist ("" is the home page)."""
    out = [(home, "")]
    parts = [part for part in page_url.strip("/").split("/") if part]
    for depth in range(1, len(parts) + 1):
        url = "/".join(parts[:depth]) + "/"
        if url in titles:
            out.append((titles[url], url))
    return out


def titles_by_url(sources: dict) -> dict[str, str]:
    """Site-relative URL -> title of every docs/ page that has one: what
    breadcrumbs are named from (read once per build, not once per page)."""
    return {url_of(uri): source.meta["title"] for uri, source in sources.items() if source.meta and source.meta.get("title")}


def url_of(src_uri: str) -> str:
    """Site-relative directory URL of a docs/ file ("" for the home page)."""
    path = src_uri.removesuffix(".md")
    if path == "index":
        return ""
    if path.endswith("/index"):
        return path.removesuffix("index")
    return path + "/"


def absolute(site_url: str, url: str) -> str:
    return posixpath.join(site_url.rstrip("/") + "/", url) if site_url else "/" + url


def script(data: dict) -> str:
    """A <script type="application/ld+json"> element. Every "<" is
    written as \\u003c, so no text can end the element early."""
    text = json.dumps(data, ensure_ascii=False, indent=1).replace("<", "\\u003c")
    return f'<script type="application/ld+json">{text}</script>'


# As written by script(), or after the minifier (type unquoted).
SCRIPT = re.compile(r"""<script type=(?:"application/ld\+json"|application/ld\+json)>(.*?)</script>""", re.S)


def blocks(html: str) -> list[str]:
    """The text of every JSON-LD block of a built page."""
    return SCRIPT.findall(html)


@lru_cache(maxsize=None)
def _validator(kind: str) -> jsonschema.protocols.Validator:
    """A validator for one block type of schemas/jsonld.schema.json, so an
    error names the property at fault rather than "no type matched"."""
    root = schemas.load("jsonld")
    schema = {"$defs": root["$defs"], "$ref": f"#/$defs/{kind}"}
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def problems(label: str, html: str) -> list[str]:
    """Every JSON-LD block of a page that is not JSON or does not match
    schemas/jsonld.schema.json, one line each."""
    kinds = [ref["$ref"].rsplit("/", 1)[1] for ref in schemas.load("jsonld")["oneOf"]]
    out = []
    for number, text in enumerate(blocks(html), 1):
        try:
            data = json.loads(text)
        except ValueError as exc:
            out.append(f"{label}: JSON-LD block {number} is not valid JSON ({exc}); fix: write it with json.dumps, never by hand")
            continue
        kind = data.get("@type") if isinstance(data, dict) else None
        if kind not in kinds:
            out.append(f"{label}: JSON-LD block {number} has @type {kind!r}; fix: use one of {', '.join(kinds)} (schemas/jsonld.schema.json)")
            continue
        for error in sorted(_validator(kind).iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
            where = "/".join(map(str, error.absolute_path)) or "top level"
            out.append(f"{label}: JSON-LD {kind} at {where}: {error.message}; fix: see schemas/jsonld.schema.json")
    return out
