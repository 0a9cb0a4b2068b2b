"""Markdown style of every page in docs/ (see painref.mdstyle): heading
order, no H1 in the text, no bare URLs, no trailing spaces."""

from mkdocs.exceptions import PluginError

from painref import mdstyle, site


def on_files(files, config):
    problems = [line for source in site.current().sources.values() for line in mdstyle.problems(source.label, source.text)]
    if problems:
        raise PluginError("Markdown style problems:\n" + "\n".join(problems))
    return files
