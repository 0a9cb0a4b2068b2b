"""FAQ page, its JSON-LD and redirects, and "Common questions" lists.

The questions live in data/faq.yml (see painref.faq), read once per build
by painref.site; the build fails when a published id would disappear
without a redirect.
"""

from mkdocs.exceptions import PluginError

from painref import faq, render, site

FAQ_PAGE = "faq.md"


def on_files(files, config):
    loaded = site.current()
    slugs = {page.slug for page in loaded.procedures}
    problems = faq.problems(loaded.faq, loaded.faq_anchors, slugs)
    if problems:
        raise PluginError("FAQ problems:\n" + "\n".join(problems))
    return files


def on_page_markdown(markdown, page, config, files):
    data = site.current().faq
    src_uri = page.file.src_uri
    if src_uri == FAQ_PAGE:
        return markdown.rstrip() + "\n\n" + faq.page_markdown(data)
    if src_uri.startswith("procedures/") and page.file.name != "index":
        block = faq.common_questions(src_uri, data.by_procedure(page.file.name))
        if block:
            try:
                return render.insert_before_heading(markdown, "for-clinicians", block)
            except LookupError:
                raise PluginError(
                    f"docs/{src_uri}: heading with id 'for-clinicians' is missing; fix: restore '## For clinicians {{#for-clinicians}}'"
                ) from None
    return markdown


def on_page_content(html, page, config, files):
    if page.file.src_uri != FAQ_PAGE:
        return html
    loaded = site.current()
    return (
        html
        + f'\n<script type="application/ld+json">{faq.json_ld(loaded.faq)}</script>'
        + f'\n<script type="application/json" id="ipm-faq-redirects">{faq.redirect_map(loaded.faq_anchors)}</script>'
    )
