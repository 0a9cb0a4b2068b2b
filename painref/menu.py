"""Menu links rendered once per build instead of once per page.

With `navigation.prune`, every page's menu lists each page of its own
section, so a section of n pages costs n * n renderings of Material's
nav-item macro: at ten times today's pages, the part of the build that
grew fastest (benchmarks/performance.md). A menu link to a page other
than the current one differs from page to page only in its relative href,
so its content (title, icon, status) is rendered once by Material's own
macro and kept; each page then adds only the href. Everything else (the
current page with its table of contents, sections, the active trail) is
still rendered by the macro, for every page.
"""

from __future__ import annotations

from jinja2 import pass_context
from markupsafe import Markup, escape
from mkdocs.utils.templates import url_filter


class MenuItems:
    """`ipm_menu_items(...)` in overrides/partials/nav-item.html: the items
    of one section's list, as the upstream loop would render them. One
    instance per build (hooks/navigation.py, on_env), so `mkdocs serve`
    sees edited titles."""

    def __init__(self) -> None:
        self._content: dict[int, str] = {}

    @pass_context
    def __call__(self, context, section, index, path: str, level: int, render, render_content) -> Markup:
        page = context["page"]
        html = []
        # Numbered over all children, the index page included, like the
        # upstream loop's loop.index: the ids of the toggles stay the same.
        for number, item in enumerate(section.children, 1):
            if index is not None and item == index:
                continue
            if item.children or item.active or getattr(item, "pages", None) or item == page:
                html.append(str(render(item, f"{path}_{number}", level + 1, section)))
                continue
            # Keyed by the object: nav items live for the whole build.
            content = self._content.get(id(item))
            if content is None:
                content = self._content[id(item)] = str(render_content(item))
            href = escape(url_filter(context, item.url))
            html.append(f'<li class="md-nav__item">\n<a href="{href}" class="md-nav__link">\n{content}\n</a>\n</li>')
        return Markup("\n".join(html))
