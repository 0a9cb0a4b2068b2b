"""FAQ page, its JSON-LD and redirects, and "Common questions" lists.

The questions live in data/faq.yml (see painref.faq); the build fails when
a published id would disappear without a redirect.
"""

from pathlib import Path

from mkdocs.exceptions import PluginError

from painref import faq, render

FAQ_PAGE = "faq.md"
_state = {}


def _data_path(config, key):
    """A data file named under extra.ipm in mkdocs.yml, relative to it."""
    return Path(config.config_file_path).parent / config["extra"]["ipm"][key]


def on_files(files, config):
    try:
        data = faq.load(_data_path(config, "faq"))
        anchors = faq.load_anchors(_data_path(config, "faq_anchors"))
    except faq.FaqError as exc:
        raise PluginError(str(exc)) from None
    slugs = {file.name for file in files.documentation_pages() if file.src_uri.startswith("procedures/") and file.name != "index"}
    problems = faq.problems(data, anchors, slugs)
    if problems:
        raise PluginError("FAQ problems:\n" + "\n".join(problems))
    _state.update(faq=data, anchors=anchors)
    return files


def on_page_markdown(markdown, page, config, files):
    data = _state["faq"]
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
    return (
        html
        + f'\n<script type="application/ld+json">{faq.json_ld(_state["faq"])}</script>'
        + f'\n<script type="application/json" id="ipm-faq-redirects">{faq.redirect_map(_state["anchors"])}</script>'
    )
