"""Fail the build on any front matter problem, one line per problem.

MkDocs itself silently ignores front matter that is not valid YAML, so the
raw files are read again here (see painref.frontmatter).
"""

import datetime

from mkdocs.exceptions import PluginError

from painref import frontmatter


def on_files(files, config):
    problems = []
    for file in files.documentation_pages():
        label = f"docs/{file.src_uri}"
        with open(file.abs_src_path, encoding="utf-8") as handle:
            problems += frontmatter.check_text(label, file.src_uri, handle.read())
    if problems:
        raise PluginError("Front matter problems:\n" + "\n".join(problems))
    return files


def _long_date(value):
    """29 November 2026, from a YAML date or an ISO string."""
    day = value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))
    return f"{day.day} {day:%B %Y}"


def on_env(env, config, files):
    env.filters["long_date"] = _long_date
    return env
