"""Printed handouts (docs/assets/stylesheets/print.css): mark the links
that leave the site, so print shows their address (painref.printing)."""

from painref import printing


def on_page_content(html, page, config, files):
    return printing.mark_outside_links(html, config.site_url)
