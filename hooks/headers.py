"""Security headers: after every page is written, hash the inline scripts
and inlined stylesheets of the finished HTML and write the `_headers` file
(painref.headers). A page with inline code the policy would block fails
the build.

JSON-LD and other JSON data blocks that hooks add to a page's content are
moved to its <head>, where Material's instant navigation keeps them as
data (in the content it would re-create them as scripts and run them).
"""

from pathlib import Path

from mkdocs.exceptions import PluginError

from painref import headers

HEADERS_FILE = "_headers"


def on_post_page(output, page, config):
    return headers.data_blocks_to_head(output)


def on_post_build(config):
    site_dir = Path(config["site_dir"])
    scripts, styles, problems = headers.scan(site_dir)
    text = headers.headers_file(scripts, styles)
    problems += headers.line_problems(text)
    if problems:
        raise PluginError("Content-Security-Policy problems:\n" + "\n".join(problems))
    (site_dir / HEADERS_FILE).write_text(text, "utf-8")
