"""What the first paint waits for (painref.first_paint): after the minify
plugin has written its files, put the small stylesheets into each page's
<head> (before the headers hook hashes them) and check that every file
loaded after the first paint exists."""

from pathlib import Path

from mkdocs.exceptions import PluginError

from painref import first_paint


def on_post_build(config):
    site_dir = Path(config["site_dir"])
    sheets = first_paint.stylesheets(site_dir)
    problems = first_paint.missing_after_paint(site_dir, (config.get("extra") or {}).get("ipm") or {})
    for path in site_dir.rglob("*.html"):
        html = path.read_text("utf-8")
        new, missing = first_paint.inline(html, sheets)
        problems += [f"{path.relative_to(site_dir).as_posix()}: links {name}, which the build did not write; fix: check extra_css and the minify plugin's css_files in mkdocs.yml" for name in missing]
        if new != html:
            path.write_text(new, "utf-8")
    if problems:
        raise PluginError("First paint:\n" + "\n".join(sorted(set(problems))))
