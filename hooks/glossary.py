"""/glossary/ and its abbreviation list from data/glossary.yml, and an
<abbr title> on every abbreviation a page uses (see painref.glossary)."""

from painref import glossary, site

GLOSSARY_PAGE = "glossary.md"


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri != GLOSSARY_PAGE:
        return markdown
    return markdown.rstrip() + "\n\n" + glossary.page_markdown(site.current().glossary)


def on_page_content(html, page, config, files):
    return glossary.mark(html, glossary.abbreviations(site.current().glossary))
