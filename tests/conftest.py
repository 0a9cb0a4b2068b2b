"""Session fixtures: one strict build of the real site, a local server and
a Chromium browser, shared by all tests."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

import hosting
import sitebuild

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # No host name resolves but the local server's: a request to another
    # host fails in the browser itself, and _guard records it. (Routing
    # every request through Playwright to abort those slowed each page load
    # by a third or more, and the browser tests load hundreds of pages.)
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
]



@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """A local web server for the built site, bound before the build so
    that the site can be built for its address (see sitebuild.build)."""
    site = tmp_path_factory.mktemp("site")
    httpd = hosting.SiteServer(site)
    httpd.site = site
    yield httpd
    httpd.server_close()


@pytest.fixture(scope="session")
def build_result(server):
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    result = sitebuild.build(sitebuild.ROOT / "mkdocs.yml", server.site, site_url=url)
    return server.site, result


@pytest.fixture(scope="session")
def site(build_result) -> Path:
    """The built site; the build must pass strictly and print no warning."""
    path, result = build_result
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert "WARNING" not in output, output
    return path


@pytest.fixture(scope="session")
def base_url(site, server) -> str:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    # Imported, not importorskip'ed: a missing Playwright must fail the
    # test command, never quietly skip the browser tests.
    import playwright.sync_api as playwright_api
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install it with 'apt-get install -y chromium' (scripts/dev test does this as root)")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _guard(ctx):
    """Record every request for another host than 127.0.0.1 (the browser
    refuses them: see --host-resolver-rules in CHROMIUM_ARGS)."""
    ctx.outside_requests = []

    def record(request):
        url = request.url
        host = url.split("/")[2] if "://" in url else ""
        if not (host.split(":")[0] in ("127.0.0.1", "localhost") or url.startswith(("data:", "blob:"))):
            ctx.outside_requests.append(url)

    ctx.on("request", record)
    return ctx


@pytest.fixture
def new_context(browser, base_url):
    """Opens guarded browser contexts (keyword arguments go to Playwright's
    new_context), for tests that need a phone screen or a colour scheme."""
    opened = []

    def make(**options):
        ctx = _guard(browser.new_context(base_url=base_url, **options))
        opened.append(ctx)
        return ctx

    yield make
    outside = [url for ctx in opened for url in ctx.outside_requests]
    for ctx in opened:
        ctx.close()
    # Every page a browser test opens is held to the privacy rule, not
    # only the home page.
    assert outside == [], f"requests to outside hosts: {outside}"


@pytest.fixture
def context(new_context):
    """A fresh guarded browser context (see new_context)."""
    return new_context()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    return page
