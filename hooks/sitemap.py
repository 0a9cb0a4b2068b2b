"""sitemap.xml dated by review, and robots.txt pointing at it (see
painref.sitemap)."""

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from painref import sitemap

ROBOTS = "robots.txt"


def on_files(files, config):
    if files.get_file_from_path(ROBOTS) is not None:
        raise PluginError(f"docs/{ROBOTS}: the build writes robots.txt; fix: delete docs/{ROBOTS}")
    files.append(File.generated(config, ROBOTS, content=sitemap.robots_txt(config.site_url)))
    return files


def on_page_markdown(markdown, page, config, files):
    # MkDocs' sitemap template prints update_date as <lastmod>.
    day = sitemap.lastmod(page.meta)
    if day:
        page.update_date = day
    return markdown
