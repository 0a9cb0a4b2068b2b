"""Printed pages: which links lead off the site.

The print stylesheet writes an outside link's address after its text, so
that a reader of paper can still find the source. It cannot tell outside
links from the site's own by their href in the browser: instant navigation
turns every relative href into an absolute address on load. So the build
marks outside links, while their hrefs are still as written.
"""

from __future__ import annotations

import re

from .htmlcheck import tag_attribute

OUTSIDE_MARK = "data-ipm-outside"
_LINK = re.compile(r"<a\s[^>]*>", re.I)


def mark_outside_links(html: str, site_url: str | None) -> str:
    """Every <a> whose absolute http(s) address is not under site_url gets
    the data-ipm-outside attribute."""
    own = site_url.rstrip("/") + "/" if site_url else None

    def mark(match: re.Match) -> str:
        tag = match.group(0)
        # SVG links (the body map) may carry xlink:href instead.
        target = tag_attribute(tag, "href") or tag_attribute(tag, "xlink:href") or ""
        if not re.match(r"https?://", target, re.I) or (own and target.startswith(own)) or OUTSIDE_MARK in tag:
            return tag
        return "<a " + OUTSIDE_MARK + " " + tag[3:]

    return _LINK.sub(mark, html)
