"""Reading the YAML data files (bibliography, guidelines, glossary, FAQ,
redirects) with one kind of error message: the file, the line when YAML
knows it, and the fix."""

from __future__ import annotations

from pathlib import Path

import yaml

from . import schemas


def read(path: Path, label: str, error: type[Exception], schema: str | None = None):
    """The file's data (an empty mapping for an empty file); raises
    `error` with one line per problem, including schema violations."""
    try:
        # libyaml when available: the bibliography alone takes a second
        # with the pure-Python parser.
        data = yaml.load(path.read_text("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    except OSError as exc:
        raise error(f"{label}: cannot be read ({exc.strerror}); fix: restore the file") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise error(f"{label}: not valid YAML{where} ({problem}); fix: check the indentation and quote text that contains ': '") from None
    if schema:
        problems = schemas.problems(schema, data, label)
        if problems:
            raise error("\n".join(problems))
    return data
