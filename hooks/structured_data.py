"""schema.org JSON-LD on every page, from front matter (see
painref.structured_data): MedicalWebPage and BreadcrumbList everywhere, a
MedicalProcedure or MedicalCondition as what procedure and condition pages
are about. The FAQ page keeps its FAQPage block (hooks/faq.py). Every
block is checked against schemas/jsonld.schema.json; problems are
reported when the build ends, one line each."""

from mkdocs.exceptions import PluginError

from painref import browse, frontmatter, site, structured_data as sd

ABOUT_PAGE = "about.md"

_problems: list = []
# Titles of all pages by URL, for breadcrumbs: one per build.
_titles: dict = {}


def on_pre_build(config):
    _problems.clear()
    _titles.clear()
    _titles.update(sd.titles_by_url(site.current().sources))


def on_page_content(html, page, config, files):
    loaded = site.current()
    src_uri = page.file.src_uri
    site_url = config.get("site_url") or ""
    url = page.canonical_url or sd.absolute(site_url, page.url)
    meta = page.meta or {}
    title = meta.get("title") or page.title
    kind = frontmatter.page_type(src_uri)
    slug = page.file.name
    if kind == "procedure":
        about = sd.procedure(loaded.procedure(slug), url, sd.section_text(html, sd.PREPARE_ID))
    elif kind == "condition" and loaded.condition(slug) is not None:
        treatments = [(p.title, sd.absolute(site_url, sd.url_of(p.src_uri))) for p in browse.procedures_for(slug, loaded.procedures)]
        about = sd.condition(loaded.condition(slug), url, treatments)
    else:
        about = {"@type": "Thing", "name": title}
    about_url = sd.absolute(site_url, sd.url_of(ABOUT_PAGE)) if ABOUT_PAGE in loaded.sources else None
    page_data = sd.web_page(
        title=title,
        description=meta.get("description") or config.get("site_description") or "",
        url=url,
        language=config["theme"]["language"],
        last_reviewed=meta.get("last_reviewed"),
        reviewer=sd.editorial_team(config["site_name"], about_url),
        about=about,
    )
    trail = sd.trail(page.url, _titles)
    if trail[-1][1] != page.url:  # a page the build generates
        trail.append((title, page.url))
    crumbs = sd.breadcrumbs([(name, sd.absolute(site_url, href)) for name, href in trail])
    added = sd.script(page_data) + "\n" + sd.script(crumbs)
    _problems.extend(sd.problems(f"docs/{src_uri}", added))
    return html + "\n" + added


def on_post_build(config):
    if _problems:
        raise PluginError("Structured data problems:\n" + "\n".join(_problems))
