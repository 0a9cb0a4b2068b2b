"""Security headers, written at build time as a `_headers` file (the format
Netlify and Cloudflare Pages read) into the site root.

The Content-Security-Policy allows nothing from another host and no
inline code except the exact inline scripts of this build: Material puts
a few small ones in every page (its storage scope, the colour scheme
before first paint, tabbed content), the redirect pages share one
(painref.redirects), and each is allowed by its SHA-256 hash, computed
from the built HTML. JSON and JSON-LD blocks are data,
never run, so they need no hash.

Styles get no 'unsafe-inline' either: the only <style> elements are the
small stylesheets the build writes into <head> (painref.first_paint), each
allowed by its hash; any other <style> element or style attribute fails
the build (problems()). Material sets its few dynamic styles from script
through element.style, which CSP does not restrict.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from . import first_paint

# <script> types that run (the HTML standard's JavaScript MIME types, and
# modules); any other type, e.g. application/ld+json, is a data block.
JS_TYPES = {
    "",
    "module",
    "application/ecmascript",
    "application/javascript",
    "application/x-ecmascript",
    "application/x-javascript",
    "text/ecmascript",
    "text/javascript",
    "text/javascript1.0",
    "text/javascript1.1",
    "text/javascript1.2",
    "text/javascript1.3",
    "text/javascript1.4",
    "text/javascript1.5",
    "text/jscript",
    "text/livescript",
    "text/x-ecmascript",
    "text/x-javascript",
}
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
ATTR_TYPE = re.compile(r"""\stype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
ATTR_SRC = re.compile(r"\ssrc\s*=", re.I)
# Inline code that the policy blocks, found in tags outside scripts.
STYLE_ATTR = re.compile(r"<[a-zA-Z][^<>]*?\sstyle\s*=", re.S)
HANDLER_ATTR = re.compile(r"<[a-zA-Z][^<>]*?\s(on[a-z]+)\s*=", re.S)
STYLE_ELEMENT = re.compile(r"<style\b", re.I)

# Material's instant navigation re-creates every <script> in the content
# of the page it swaps in as a plain script, without its type or id: a
# JSON-LD or JSON data block would then run as code, which the policy
# blocks (and without the policy, a syntax error; its id is lost too).
# Head elements are moved across unchanged instead, so data blocks go
# there (data_blocks_to_head).
DATA_BLOCK = re.compile(r"""<script\b(?=[^>]*\stype=["']?application/(?:ld\+)?json)[^>]*>.*?</script\s*>\n?""", re.S | re.I)
ARTICLE = re.compile(r"<article\b.*?</article>", re.S)

# Cloudflare Pages reads at most 2,000 characters per header line.
MAX_LINE = 2000

FIXED_HEADERS = {
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def _is_executable(attrs: str) -> bool:
    if ATTR_SRC.search(attrs):
        return False  # loaded from a file, allowed by 'self'
    found = ATTR_TYPE.search(attrs)
    kind = next((group for group in found.groups() if group is not None), "") if found else ""
    return kind.split(";")[0].strip().lower() in JS_TYPES


def inline_scripts(html: str) -> list[str]:
    """The text of every inline <script> that a browser would run."""
    return [body for attrs, body in SCRIPT.findall(html) if _is_executable(attrs)]


def data_blocks_to_head(html: str) -> str:
    """The page with the data blocks of its article moved to <head>."""
    blocks: list[str] = []

    def take(match: re.Match) -> str:
        blocks.append(match.group(0).strip())
        return ""

    article = ARTICLE.search(html)
    head_end = html.find("</head>")
    if article is None or head_end < 0:
        return html
    content = DATA_BLOCK.sub(take, article.group(0))
    if not blocks:
        return html
    html = html[: article.start()] + content + html[article.end():]
    return html[:head_end] + "\n".join(blocks) + "\n" + html[head_end:]


def source_hash(script: str) -> str:
    """A CSP source for an inline script: 'sha256-<base64>' of its text."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def problems(html: str, label: str) -> list[str]:
    """Inline code in a built page that the policy would block."""
    rest = first_paint.INLINE_STYLE.sub("", SCRIPT.sub("", html))
    out = []
    if STYLE_ATTR.search(rest):
        out.append(f"{label}: a style=\"...\" attribute, which the Content-Security-Policy blocks; fix: give the element a class and style it in docs/assets/stylesheets/extra.css")
    if STYLE_ELEMENT.search(rest):
        out.append(f"{label}: a <style> element, which the Content-Security-Policy blocks; fix: move its rules to docs/assets/stylesheets/extra.css")
    handler = HANDLER_ATTR.search(rest)
    if handler:
        out.append(f"{label}: an inline {handler.group(1)}=\"...\" handler, which the Content-Security-Policy blocks; fix: attach the listener in docs/assets/javascripts/site.js")
    return out


def scan(site_dir: Path) -> tuple[list[str], list[str], list[str]]:
    """(sorted script hashes, sorted style hashes, problems) over every HTML
    file of a built site."""
    scripts, styles, found = set(), set(), []
    for path in sorted(site_dir.rglob("*.html")):
        html = path.read_text("utf-8")
        scripts.update(source_hash(script) for script in inline_scripts(html))
        styles.update(source_hash(style) for style in first_paint.inlined_styles(html))
        found += problems(html, path.relative_to(site_dir).as_posix())
    return sorted(scripts), sorted(styles), found


def policy(script_hashes: list[str], style_hashes: list[str] = ()) -> str:
    directives = [
        "default-src 'self'",
        "script-src " + " ".join(["'self'", *script_hashes]),
        "style-src " + " ".join(["'self'", *style_hashes]),
        # Material's icons are data: SVGs in its stylesheet.
        "img-src 'self' data:",
        "font-src 'self'",
        # Instant navigation, the sitemap and the search index are fetched.
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
    return "; ".join(directives)


def headers(script_hashes: list[str], style_hashes: list[str] = ()) -> dict[str, str]:
    return {"Content-Security-Policy": policy(script_hashes, style_hashes), **FIXED_HEADERS}


def headers_file(script_hashes: list[str], style_hashes: list[str] = ()) -> str:
    """The _headers file: the same headers on every path."""
    lines = [
        "# Security headers for Netlify and Cloudflare Pages, written by the build",
        "# (hooks/headers.py): the script and style hashes are those of this build's pages.",
        "/*",
    ]
    lines += [f"  {name}: {value}" for name, value in headers(script_hashes, style_hashes).items()]
    return "\n".join(lines) + "\n"


def line_problems(text: str) -> list[str]:
    return [
        f"_headers: line {number} has {len(line)} characters, over the {MAX_LINE} Cloudflare Pages reads; fix: remove inline scripts from the pages (each adds a hash)"
        for number, line in enumerate(text.splitlines(), 1)
        if len(line) > MAX_LINE
    ]
