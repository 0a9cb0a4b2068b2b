"""Every figure needs its reference (see painref.figures).

Checked on each page's rendered content, after the hooks above have added
their generated text, and reported for all pages at once when the build
ends, one line per figure.
"""

from mkdocs.exceptions import PluginError

from painref import figures

# Pages whose text is mostly written in a data file: the message says where.
DATA_SOURCES = {
    "faq.md": "data/faq.yml",
    "glossary.md": "data/glossary.yml",
    "guidelines.md": "data/guidelines.yml",
}

_problems: list[str] = []


def on_pre_build(config):
    _problems.clear()


def on_page_content(html, page, config, files):
    src_uri = page.file.src_uri
    label = f"docs/{src_uri}"
    if src_uri in DATA_SOURCES:
        label += f" (text from {DATA_SOURCES[src_uri]})"
    _problems.extend(finding.line(label) for finding in figures.find(html))
    return html


def on_post_build(config):
    if _problems:
        raise PluginError("Figures without a reference:\n" + "\n".join(_problems))
