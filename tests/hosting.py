"""A static host, as far as the tests need one: the rules of a _headers
file (Netlify and Cloudflare Pages format) and a request handler that
sends them, with 404.html for any address that does not exist."""

from __future__ import annotations

import http.server
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit


def parse_headers(text: str) -> list[tuple[str, dict[str, str]]]:
    """(path pattern, {header: value}) in file order: a pattern starts a
    line, its headers are indented below it, '#' starts a comment."""
    rules: list[tuple[str, dict[str, str]]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), {}))
        else:
            name, _, value = line.strip().partition(":")
            rules[-1][1][name.strip()] = value.strip()
    return rules


def headers_for(rules, path: str) -> dict[str, str]:
    """The headers a host sends for a URL path ('*' matches anything)."""
    out: dict[str, str] = {}
    for pattern, values in rules:
        regex = "^" + ".*".join(re.escape(part) for part in pattern.split("*")) + "$"
        if re.match(regex, path):
            out.update(values)
    return out


def directives(policy: str) -> dict[str, list[str]]:
    """A Content-Security-Policy as {directive: [sources]}."""
    out = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


class HostLike(http.server.SimpleHTTPRequestHandler):
    """Static files with the _headers rules applied, and 404.html (status
    404) for any address that does not exist, as static hosts do."""

    rules: list = []

    def log_message(self, *args):
        pass

    def end_headers(self):
        for name, value in headers_for(self.rules, unquote(urlsplit(self.path).path)).items():
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
