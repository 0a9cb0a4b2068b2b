"""Replace ``<!-- diagram: name -->`` markers with inline, checked SVG.

The marker becomes an empty placeholder before Markdown runs and the SVG
is put in afterwards, so Markdown never touches the drawing's markup.
"""

from mkdocs.exceptions import PluginError

from painref import diagrams, site


def on_files(files, config):
    problems = [line for source in site.current().sources.values() for line in diagrams.marker_problems(source.label, source.text)]
    if problems:
        raise PluginError("Diagram marker problems:\n" + "\n".join(problems))
    return files


def on_page_markdown(markdown, page, config, files):
    return diagrams.MARKER.sub(lambda m: diagrams.placeholder(m.group(1)), markdown)


def on_page_content(html, page, config, files):
    try:
        return diagrams.SLOT.sub(lambda m: diagrams.figure(m.group(1)), html)
    except diagrams.DiagramError as exc:
        raise PluginError(f"docs/{page.file.src_uri}: {exc}") from None


def on_pre_build(config):
    # `mkdocs serve` rebuilds in the same process: re-read edited drawings.
    diagrams.load.cache_clear()
