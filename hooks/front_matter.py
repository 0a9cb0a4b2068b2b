"""Load the site once per build and fail on any front matter or data
problem, one line per problem.

This is the first hook in mkdocs.yml: its on_config reads every page and
data file once (painref.site) for all the hooks after it. MkDocs itself
silently ignores front matter that is not valid YAML, so the raw files are
parsed there.
"""

import datetime

from mkdocs.exceptions import PluginError

from painref import site


def on_config(config):
    site.load(config)
    return config


def on_files(files, config):
    problems = site.load(config).problems
    if problems:
        raise PluginError("Front matter and data problems:\n" + "\n".join(problems))
    return files


def _long_date(value):
    """29 November 2026, from a YAML date or an ISO string."""
    day = value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))
    return f"{day.day} {day:%B %Y}"


def on_env(env, config, files):
    env.filters["long_date"] = _long_date
    return env
