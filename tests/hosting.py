"""A static host, as far as the tests, scripts/lighthouse.py and
scripts/benchmark.py need one, and the one server all three use: the built
site on 127.0.0.1 with text gzipped, 404.html for any address that does
not exist and, when given, the rules of a _headers file (Netlify and
Cloudflare Pages format)."""

from __future__ import annotations

import email.utils
import functools
import gzip
import http.server
import re
import threading
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


# Compressed when the browser accepts gzip, as every common host and CDN
# does: Lighthouse's simulated slow network would otherwise measure bytes
# a reader never downloads.
TEXT_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml", "application/manifest+json")


class StaticHost(http.server.SimpleHTTPRequestHandler):
    """Static files over HTTP/1.1 keep-alive: `dir` redirected to `dir/`,
    404.html (status 404) for a missing address, text types gzipped (level
    6, once per file) when the browser accepts gzip, Last-Modified and 304
    answers to If-Modified-Since (as SimpleHTTPRequestHandler does: the
    browser tests load hundreds of pages that share their assets), and the
    server's _headers rules on every response. Each response is logged on
    the server as (path, body bytes)."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        self._serve(send_body=True)

    def do_HEAD(self):
        self._serve(send_body=False)

    def _serve(self, send_body: bool) -> None:
        url_path = urlsplit(self.path).path
        path = Path(self.translate_path(self.path))
        status = 200
        if path.is_dir():
            if not url_path.endswith("/"):
                self._respond(301, url_path, b"", {"Location": url_path + "/"}, send_body)
                return
            path = path / "index.html"
        if not path.is_file():
            status, path = 404, Path(self.directory) / "404.html"
            if not path.is_file():
                self._respond(404, url_path, b"Not found", {"Content-Type": "text/plain"}, send_body)
                return
        ctype = self.guess_type(str(path))
        modified = int(path.stat().st_mtime)
        headers = {"Content-Type": ctype, "Last-Modified": self.date_time_string(modified)}
        since = self.headers.get("If-Modified-Since")
        if status == 200 and since:
            try:
                if modified <= email.utils.parsedate_to_datetime(since).timestamp():
                    self._respond(304, url_path, b"", headers, send_body, length=False)
                    return
            except (TypeError, ValueError):
                pass
        body = path.read_bytes()
        if ctype.startswith(TEXT_TYPES) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = self.server.gzipped(path, body)
            headers["Content-Encoding"] = "gzip"
        headers["Vary"] = "Accept-Encoding"
        self._respond(status, url_path, body, headers, send_body)

    def _respond(self, status: int, url_path: str, body: bytes, headers: dict, send_body: bool, length: bool = True) -> None:
        self.send_response(status)
        if length:
            headers = {**headers, "Content-Length": str(len(body))}
        headers = {**headers, **headers_for(self.server.rules, unquote(url_path))}
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if send_body:
            self.wfile.write(body)
        self.server.log.append((url_path, len(body)))


class SiteServer(http.server.ThreadingHTTPServer):
    """A built site on 127.0.0.1, on a free port, served by StaticHost.
    `rules`: parsed _headers rules (parse_headers), or none."""

    daemon_threads = True

    def __init__(self, directory: Path, rules: list | None = None):
        super().__init__(("127.0.0.1", 0), functools.partial(StaticHost, directory=str(directory)))
        self.directory = Path(directory)
        self.rules = rules or []
        self.log: list[tuple[str, int]] = []
        self._cache: dict[tuple[str, float], bytes] = {}
        self._lock = threading.Lock()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def gzipped(self, path: Path, body: bytes) -> bytes:
        key = (str(path), path.stat().st_mtime)
        with self._lock:
            if key not in self._cache:
                self._cache[key] = gzip.compress(body, 6, mtime=0)
            return self._cache[key]

    def start(self) -> "SiteServer":
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self
