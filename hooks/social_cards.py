"""Link previews: Material's social plugin draws an Open Graph card for
every page and adds og:image (with its width and height), og:title,
og:description and twitter:card. This hook only makes sure the plugin's
font is already in its cache, so it never downloads one (painref.social).

It runs after the plugin's own on_config, which makes the cache folder
absolute (beside mkdocs.yml, .cache/plugin/social, kept between builds
and ignored by git).
"""

from mkdocs.exceptions import PluginError

from painref import social


def on_config(config):
    plugin = config.plugins.get("material/social")
    if plugin is None or not plugin.config.enabled:
        return config
    try:
        social.install_fonts(plugin.config.cache_dir)
    except social.FontError as exc:
        raise PluginError(str(exc)) from None
    return config
