"""JSON Schema checks for the data files (bibliography, guidelines,
glossary), reported as one line each: file, where, what, and the fix.

Front matter has its own, richer messages in painref.frontmatter; both
read their rules from schemas/, the one place they are written.
"""

from __future__ import annotations

import json
from functools import lru_cache

import jsonschema

from . import SCHEMA_DIR
from .frontmatter import jsonable


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text("utf-8"))


def _where(error: jsonschema.ValidationError) -> str:
    parts = list(error.absolute_path)
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "top level"


def _describe_field(node, field: str) -> str | None:
    """The description of a property anywhere in a schema (for 'required'
    errors raised inside if/then, whose own schema names no properties)."""
    if isinstance(node, dict):
        prop = (node.get("properties") or {}).get(field)
        if isinstance(prop, dict) and prop.get("description"):
            return prop["description"]
        children = node.values()
    elif isinstance(node, list):
        children = node
    else:
        return None
    for child in children:
        found = _describe_field(child, field)
        if found:
            return found
    return None


def problems(name: str, data, label: str) -> list[str]:
    """Every schema violation of a data file, one line each."""
    schema = load(name)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    out = []
    for error in sorted(validator.iter_errors(jsonable(data)), key=lambda e: list(map(str, e.absolute_path))):
        hint = error.schema.get("description") if isinstance(error.schema, dict) else None
        message = error.message if len(error.message) < 200 else error.message[:200] + "..."
        if error.validator == "required":
            missing = error.message.split("'")[1]
            hint = _describe_field(schema, missing) or hint
            out.append(f"{label}: {_where(error)}: field '{missing}' is missing; fix: add {missing}: ({hint or 'see schemas/' + name + '.schema.json'})")
            continue
        fix = f"write {hint}" if hint else f"see schemas/{name}.schema.json"
        out.append(f"{label}: {_where(error)}: {message}; fix: {fix}")
    return out
