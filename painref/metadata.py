"""Page titles and descriptions as search engines and link previews show
them: within the front matter schema's lengths and unique across the site
(generated pages included), and escaped wherever they are written.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from . import schemas


@dataclass(frozen=True)
class PageMeta:
    label: str  # docs/<file>.md, or the generated page's path
    url: str
    title: str
    description: str


def limits(field: str) -> tuple[int, int]:
    """(min, max) length of a front matter field, from
    schemas/common.schema.json (the one place they are written)."""
    spec = schemas.load("common")["$defs"][field]
    return spec["minLength"], spec["maxLength"]


def problems(pages: list[PageMeta]) -> list[str]:
    """Missing, too short or too long, or shared titles and descriptions."""
    out = []
    for field in ("title", "description"):
        low, high = limits(field)
        seen: dict[str, PageMeta] = {}
        for page in pages:
            value = " ".join((getattr(page, field) or "").split())
            if not low <= len(value) <= high:
                out.append(f"{page.label}: {field} is {len(value)} characters long, {low} to {high} expected; fix: write a {field} of that length in the front matter (or in the code that generates the page)")
                continue
            other = seen.get(value.casefold())
            if other is not None:
                out.append(f"{page.label}: {field} {value!r} is also the {field} of {other.label}; fix: make each page's {field} say what is particular to that page")
            else:
                seen[value.casefold()] = page
    return out


def escape_raw_tags(output: str, values: list[str]) -> str:
    """Escape values that another plugin wrote raw into content="...".

    Material's social plugin writes its og: and twitter: tags from the
    page's title and description without escaping them (see its
    on_post_page), so a double quote would end the attribute early.
    """
    for value in dict.fromkeys(v for v in values if v):
        safe = escape(value)
        if safe != value:
            output = output.replace(f'content="{value}"', f'content="{safe}"')
    return output
