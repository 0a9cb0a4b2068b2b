"""Short and old links: one map of redirects for the whole site.

Written by hand in data/redirects.yml (old addresses, and short links
that are not an alias, such as /pain-pump/), plus one short link per
procedure abbreviation in front matter `aliases` (SGB -> /sgb/), made by
the build so a new procedure gets its short link without a second edit.
The map is handed to the mkdocs-redirects plugin, which writes a small
page at each old address that sends the reader on.

Keys are site paths ("/rfa/"); values are docs/ files, optionally with an
#anchor ("procedures/radiofrequency-ablation.md").
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from . import datafile
from .catalog import Page

# A short form worth its own address: 2 to 6 capital letters or digits
# with at least one letter (SGB, ONB, PRF, TFESI); "Coolief" or
# "pain pump" are names, not abbreviations.
ABBREVIATION = re.compile(r"(?=[A-Z0-9]*[A-Z])[A-Z0-9]{2,6}")


# mkdocs-redirects puts the target address inside each redirect page's
# inline script, so every redirect would need its own hash in the
# Content-Security-Policy (and the header would outgrow what hosts read).
# The same script reading the target from the page's canonical link is one
# hash for all. It keeps the reader's #anchor, as the plugin's does.
PLUGIN_SCRIPT = re.compile(r"<script>var anchor=window\.location\.hash\.substr\(1\);location\.href=[^<]*</script>")
FORWARD_SCRIPT = (
    "var u=new URL(document.querySelector('link[rel=canonical]').href);"
    "if(location.hash)u.hash=location.hash;location.replace(u)"
)


class RedirectError(Exception):
    pass


def load(path: Path, label: str = "data/redirects.yml") -> dict[str, str]:
    """The hand-written map; a missing file is an empty map."""
    if not path.exists():
        return {}
    data = datafile.read(path, label, RedirectError, "redirects")
    return dict(data.get("redirects") or {})


def abbreviation_links(procedures: list[Page]) -> dict[str, str]:
    """/<abbreviation>/ -> procedure page, for every abbreviation alias.

    An abbreviation that two procedures share gets no short link at all:
    whichever page it picked would be a guess, and a reader who types it
    is better served by search, which lists both.
    """
    owners: dict[str, set[str]] = {}
    for page in procedures:
        for alias in page.aliases:
            if ABBREVIATION.fullmatch(alias):
                owners.setdefault(f"/{alias.lower()}/", set()).add(page.src_uri)
    return {path: next(iter(pages)) for path, pages in sorted(owners.items()) if len(pages) == 1}


def combined(hand: dict[str, str], procedures: list[Page]) -> dict[str, str]:
    """The site's whole map; a hand-written entry wins over a generated one
    (it is the deliberate choice, e.g. an abbreviation that should lead to
    a family overview)."""
    return {**abbreviation_links(procedures), **hand}


def page_path(src_uri: str) -> str:
    """The site path of a docs/ file: procedures/x.md -> /procedures/x/."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index").rstrip("/")
    return "/" + (stem + "/" if stem else "")


def source_file(path: str) -> str:
    """The docs/-style name the plugin wants for an old address: /rfa/ -> rfa.md."""
    return path.strip("/") + ".md"


def output_file(path: str) -> str:
    """The file written for an old address: /rfa/ -> rfa/index.html."""
    return posixpath.join(path.strip("/"), "index.html")


def plugin_map(redirects: dict[str, str]) -> dict[str, str]:
    """The map in mkdocs-redirects' own format."""
    return {source_file(path): target for path, target in redirects.items()}


def problems(redirects: dict[str, str], pages: set[str], outputs: set[str], label: str = "data/redirects.yml") -> list[str]:
    """Every redirect that would send readers nowhere, through another
    redirect, or that would overwrite a real page or file.

    pages: src_uri of every page the site builds; outputs: every file the
    build writes (dest paths, e.g. procedures/x/index.html).
    """
    out = []
    for path, target in sorted(redirects.items()):
        target_file = target.partition("#")[0]
        if target_file not in pages:
            out.append(f"{label}: {path} -> {target}: no such page; fix: point it at a file under docs/ (e.g. procedures/<slug>.md)")
        elif page_path(target_file) in redirects:
            out.append(
                f"{label}: {path} -> {target}: {page_path(target_file)} is itself redirected, so readers would be sent twice; "
                f"fix: point {path} at {redirects[page_path(target_file)]}"
            )
        if output_file(path) in outputs:
            out.append(f"{label}: {path} is a real page of the site and a redirect would hide it; fix: remove this redirect or rename the page")
    return out


def shared_script(html: str, label: str) -> str:
    """A redirect page with the plugin's own script swapped for FORWARD_SCRIPT."""
    new, count = PLUGIN_SCRIPT.subn(lambda _: f"<script>{FORWARD_SCRIPT}</script>", html)
    if count != 1:
        raise RedirectError(
            f"{label}: the redirect page written by mkdocs-redirects has changed; fix: update PLUGIN_SCRIPT in painref/redirects.py to match its script"
        )
    return new
