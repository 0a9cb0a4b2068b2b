"""Procedure pages: At a glance box, family lists and the /procedures/ index.

All of it is rendered from front matter (see painref.render). A procedure
page that lacks the heading a generated block belongs before fails the
build instead of silently losing that block.
"""

from mkdocs.exceptions import PluginError

from painref import render, site, vocab


def on_page_markdown(markdown, page, config, files):
    src_uri = page.file.src_uri
    pages = site.current().procedures
    if src_uri == "procedures/index.md":
        return markdown.rstrip() + "\n\n" + render.procedure_index(src_uri, pages)
    if not src_uri.startswith("procedures/"):
        return markdown
    proc = site.current().procedure(page.file.name)
    markdown = render.procedure_header(proc) + markdown
    if vocab.families()[proc.family].get("overview") == proc.slug:
        try:
            markdown = render.insert_before_heading(
                markdown, "who-it-may-help", render.family_members(proc, pages)
            )
        except LookupError as missing:
            raise PluginError(
                f"docs/{src_uri}: heading with id '{missing}' is missing; fix: "
                f"restore '## Who may it help? {{#who-it-may-help}}'"
            ) from None
    return markdown
