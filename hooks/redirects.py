"""Short and old links (painref.redirects): data/redirects.yml plus one
short link per procedure abbreviation, handed to the mkdocs-redirects
plugin. The build fails on a redirect to a missing page, through another
redirect, or over a real page.
"""

from pathlib import Path

from mkdocs.exceptions import PluginError

from painref import redirects, site

_map = {}


def on_config(config):
    _map.clear()
    plugin = config.plugins.get("redirects")
    if plugin is None:
        return config
    _, _, data_dir = site.paths(config)
    try:
        hand = redirects.load(data_dir / "redirects.yml")
    except redirects.RedirectError as exc:
        raise PluginError(str(exc)) from None
    _map.update(redirects.combined(hand, site.current().procedures))
    # The plugin reads its map when the files are collected, after this.
    plugin.config["redirect_maps"] = redirects.plugin_map(_map)
    return config


def on_files(files, config):
    if not _map:
        return files
    pages = {file.src_uri for file in files.documentation_pages()}
    outputs = {file.dest_uri for file in files}
    problems = redirects.problems(_map, pages, outputs)
    if problems:
        raise PluginError("Redirect problems:\n" + "\n".join(problems))
    # The plugin listed the pages before hooks/browse.py added the region
    # pages; let it list them again so a redirect may lead to one.
    config.plugins["redirects"].on_files(files, config=config)
    return files


def on_post_build(config):
    # After the plugin wrote the pages: one shared script, one CSP hash.
    site_dir = Path(config["site_dir"])
    for path in _map:
        page = site_dir / redirects.output_file(path)
        try:
            page.write_text(redirects.shared_script(page.read_text("utf-8"), redirects.output_file(path)), "utf-8")
        except redirects.RedirectError as exc:
            raise PluginError(str(exc)) from None
