"""References: each page's numbered list, from data/references.yml.

Pages cite by key ([^narouze2018]); this hook checks every citation when
the build starts, appends the rendered definitions to each page after all
generated text is in (so it comes after the hooks that add text), and
writes the /sources/ list (see painref.bibliography and painref.sources).
"""

from mkdocs.exceptions import PluginError

from painref import bibliography, site, sources


def on_files(files, config):
    problems = sources.problems(site.current())
    if problems:
        raise PluginError("Reference problems:\n" + "\n".join(problems))
    return files


def on_page_markdown(markdown, page, config, files):
    loaded = site.current()
    if page.file.src_uri == sources.SOURCES_PAGE:
        return markdown.rstrip() + "\n\n" + sources.page_markdown(loaded)
    keys = bibliography.citations(markdown)
    if not keys:
        return markdown
    label = f"docs/{page.file.src_uri}"
    problems = bibliography.page_problems(label, markdown, loaded.bibliography)
    if problems:
        raise PluginError("\n".join(problems))
    return markdown.rstrip() + "\n\n" + bibliography.definitions(keys, loaded.bibliography) + "\n"
