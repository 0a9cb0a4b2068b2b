"""Browse by condition and by body region (see painref.browse).

Adds the generated region pages, the condition pages' "Also called" line,
region links and options table, the /conditions/ matrix, the /regions/
list, and the condition links on procedure pages. A condition page that
has lost a template section, or has them out of order, fails the build.
"""

import re

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from painref import bodymap, browse, render, site, template, vocab


def on_files(files, config):
    loaded = site.current()
    problems = []
    for cond in loaded.conditions:
        problems += template.section_problems(
            f"docs/{cond.src_uri}", loaded.sources[cond.src_uri].body, browse.CONDITION_SECTIONS, browse.GENERATED_CONDITION_SECTIONS
        )
    if problems:
        raise PluginError("Condition page problems:\n" + "\n".join(problems))
    if files.get_file_from_path(browse.REGION_INDEX) is None:
        return files  # a site without the regions section (a test fixture)
    for slug in vocab.regions():
        uri = browse.region_uri(slug)
        if files.get_file_from_path(uri) is None:
            files.append(File.generated(config, uri, content=browse.region_page(slug, loaded.conditions, loaded.procedures)))
    return files


def on_page_markdown(markdown, page, config, files):
    loaded = site.current()
    src_uri = page.file.src_uri
    if src_uri == "index.md" and files.get_file_from_path(browse.REGION_INDEX) is not None:
        try:
            return render.insert_before_heading(markdown, "start-here", bodymap.home_section(src_uri))
        except LookupError:
            raise PluginError("docs/index.md: heading with id 'start-here' is missing; fix: restore '## Start here {#start-here}' (the body map goes before it)") from None
        except bodymap.BodyMapError as exc:
            raise PluginError(str(exc)) from None
    if src_uri == "conditions/index.md":
        return markdown.rstrip() + "\n\n" + browse.condition_index(src_uri, loaded.conditions, loaded.procedures)
    if src_uri == "regions/index.md":
        return markdown.rstrip() + "\n\n" + browse.region_index(src_uri, loaded.conditions, loaded.procedures)
    if src_uri.startswith("conditions/"):
        cond = loaded.condition(page.file.name)
        markdown = browse.condition_header(cond) + markdown
        return render.insert_before_heading(markdown, "what-the-evidence-says", browse.options_section(cond, loaded.procedures))
    if src_uri.startswith("procedures/") and page.file.name != "index":
        block = browse.procedure_conditions(loaded.procedure(page.file.name), loaded.conditions)
        return _after_heading(markdown, "who-it-may-help", block, src_uri)
    return markdown


def _after_heading(markdown, heading_id, block, src_uri):
    match = re.search(rf"^## .*\{{#{heading_id}\}}\s*\n", markdown, re.M)
    if not match:
        raise PluginError(f"docs/{src_uri}: heading with id '{heading_id}' is missing; fix: restore it")
    return markdown[: match.end()] + "\n" + block + markdown[match.end():]


def on_post_page(output, page, config):
    # The condition x procedure matrix, into the finished page (see
    # painref.browse.MATRIX_SLOT for why not into the Markdown).
    if page.file.src_uri != "conditions/index.md":
        return output
    loaded = site.current()
    try:
        return browse.fill_matrix(output, page.file.src_uri, loaded.conditions, loaded.procedures)
    except LookupError:
        raise PluginError(
            f"docs/{page.file.src_uri}: the condition and procedure matrix has no place in the built page; fix: keep the page's body and its generated sections (hooks/browse.py) as they are"
        ) from None
