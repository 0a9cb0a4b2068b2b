"""What the guidelines say, from data/guidelines.yml (painref.guidelines):
a section on every procedure page, after "How well does it work?", and
the /guidelines/ page with the whole field side by side."""

from mkdocs.exceptions import PluginError

from painref import guidelines, render, site


def on_page_markdown(markdown, page, config, files):
    loaded = site.current()
    src_uri = page.file.src_uri
    if src_uri == guidelines.PAGE:
        return markdown.rstrip() + "\n\n" + guidelines.page_markdown(loaded.guidelines, loaded.procedures)
    if src_uri.startswith("procedures/") and page.file.name != "index":
        has_page = files.get_file_from_path(guidelines.PAGE) is not None
        block = guidelines.procedure_section(page.file.name, loaded.guidelines, src_uri, has_page)
        try:
            return render.insert_before_heading(markdown, "risks", block)
        except LookupError:
            raise PluginError(f"docs/{src_uri}: heading with id 'risks' is missing; fix: restore '## What are the risks? {{#risks}}'") from None
    return markdown
