"""Front matter rules: one JSON Schema per page type, plus the date rules.

Every problem is reported as one line naming the file, the field and the
fix, e.g.::

    docs/risks.md: field 'description': is 183 characters long, at most 160 allowed; fix: shorten it

The schemas in ``schemas/`` are the single source of the field rules; the
allowed values of vocabulary fields are injected from ``data/`` so that a
new condition or region is added in exactly one place.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from functools import lru_cache
from pathlib import Path

import jsonschema
import yaml
from referencing import Registry, Resource

from . import SCHEMA_DIR, vocab

MAX_REVIEW_YEARS = 3
# libyaml's parser when PyYAML was built with it: the same data (PyYAML's
# own safe constructor builds the values), about ten times faster, and
# front matter is read for every page of every build (twice: here and in
# painref.mdstyle).
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.S)
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

# Which vocabulary file restricts which field (a path inside the schema).
VOCABULARIES = {
    "procedure": {
        ("properties", "family"): "families",
        ("properties", "conditions", "items"): "conditions",
        ("properties", "imaging", "items"): "imaging",
    },
    "condition": {},
}


def page_type(src_uri: str) -> str:
    """Page type from its place in docs/: folders, not a field, decide it."""
    parts = Path(src_uri).parts
    if len(parts) == 2 and parts[1] != "index.md":
        if parts[0] == "procedures":
            return "procedure"
        if parts[0] == "conditions":
            return "condition"
    return "page"


@lru_cache(maxsize=None)
def _common() -> dict:
    return json.loads((SCHEMA_DIR / "common.schema.json").read_text("utf-8"))


@lru_cache(maxsize=None)
def _registry() -> Registry:
    return Registry().with_resource("common.schema.json", Resource.from_contents(_common()))


@lru_cache(maxsize=None)
def schema(kind: str) -> dict:
    """The schema for a page type, with vocabulary enums filled in from data/."""
    loaded = json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text("utf-8"))
    result = copy.deepcopy(loaded)
    vocabularies = dict(VOCABULARIES.get(kind, {}))
    if "body_regions" in result["properties"]:
        # The shared definition is copied in so that its items can carry
        # the region list without touching the other page types.
        result["properties"]["body_regions"] = copy.deepcopy(_common()["$defs"]["body_regions"])
        vocabularies[("properties", "body_regions", "items")] = "regions"
    for path, name in vocabularies.items():
        node = result
        for key in path:
            node = node[key]
        node["enum"] = list(vocab.load(name))
        node["x-vocabulary"] = f"data/{name}.yml"
    return result


@lru_cache(maxsize=None)
def _validator(kind: str) -> jsonschema.protocols.Validator:
    cls = jsonschema.validators.validator_for(schema(kind))
    return cls(schema(kind), registry=_registry(), format_checker=cls.FORMAT_CHECKER)


def split(text: str) -> tuple[str | None, str]:
    """Return (front matter YAML or None, body)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return None, text
    return match.group(1) or "", text[match.end():]


def parse(label: str, text: str) -> tuple[dict | None, list[str]]:
    """Parse a page's front matter; report malformed YAML with its line."""
    raw, _ = split(text)
    if raw is None:
        return None, [f"{label}: front matter is missing; fix: start the file with a '---' line, the fields (title, description, last_reviewed, next_review ...), and a closing '---' line"]
    try:
        data = yaml.load(raw, Loader=YAML_LOADER)
    except ValueError as exc:  # YAML-shaped but impossible, e.g. 2026-13-01
        return None, [f"{label}: front matter has an impossible value ({exc}); fix: correct it (dates are YYYY-MM-DD)"]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, [f"{label}: front matter is not valid YAML{where} ({problem}); fix: check the indentation and quote values that contain ': ' or start with a special character"]
    if not isinstance(data, dict):
        return None, [f"{label}: front matter must be a mapping of 'field: value' lines; fix: write one 'field: value' per line between the '---' lines"]
    return data, []


def jsonable(value):
    """YAML dates become ISO strings so JSON Schema can check them."""
    if isinstance(value, dict):
        return {key: jsonable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [jsonable(item) for item in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _field(error: jsonschema.ValidationError) -> str:
    parts = list(error.absolute_path)
    if not parts:
        return ""
    text = str(parts[0])
    for part in parts[1:]:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def _hint(error: jsonschema.ValidationError) -> str:
    return error.schema.get("description") or error.parent and error.parent.schema.get("description") or ""


def _describe(label: str, error: jsonschema.ValidationError, kind: str) -> str:
    field = _field(error)
    keyword = error.validator
    if keyword == "required":
        missing = re.search(r"'([^']+)' is a required property", error.message).group(1)
        prop = schema(kind)["properties"].get(missing, {})
        hint = prop.get("description") or _ref_description(prop)
        return f"{label}: field '{missing}': is missing; fix: add '{missing}:' ({hint})"
    if keyword == "additionalProperties":
        extra = re.findall(r"'([^']+)'", error.message.split("(")[-1])
        allowed = ", ".join(schema(kind)["properties"])
        where = f"field '{field}.{extra[0]}'" if field else f"field '{extra[0]}'"
        return f"{label}: {where}: is not allowed on a {kind} page; fix: remove it or correct its spelling (allowed: {allowed})"
    if keyword == "enum":
        source = error.schema.get("x-vocabulary", "the schema")
        allowed = ", ".join(str(item) for item in error.validator_value)
        return f"{label}: field '{field}': unknown value {error.instance!r}; fix: use one of {source}: {allowed}"
    if keyword == "type" and isinstance(error.instance, bool):
        return f"{label}: field '{field}': YAML read the bare word as {error.instance!r}, expected {error.validator_value}; fix: put the text in quotes, e.g. {field}: \"Yes, when pain returns\""
    if keyword == "type":
        return f"{label}: field '{field}': is {type(error.instance).__name__} {error.instance!r}, expected {error.validator_value}; fix: write {_hint(error) or 'a ' + str(error.validator_value)}"
    if keyword == "format":
        return f"{label}: field '{field}': {error.instance!r} is not a valid {error.validator_value}; fix: write {_hint(error)}"
    if keyword in {"maxLength", "minLength"}:
        bound = "at most" if keyword == "maxLength" else "at least"
        return f"{label}: field '{field}': is {len(error.instance)} characters long, {bound} {error.validator_value} allowed; fix: write {_hint(error)}"
    if keyword in {"minItems", "uniqueItems"}:
        return f"{label}: field '{field}': {error.message}; fix: write {_hint(error)}"
    if keyword == "pattern":
        return f"{label}: field '{field}': {error.instance!r} does not match the required form; fix: write {_hint(error)}"
    return f"{label}: field '{field}': {error.message}; fix: see schemas/{kind}.schema.json"


def _ref_description(prop: dict) -> str:
    ref = prop.get("$ref", "")
    if ref.startswith("common.schema.json#/$defs/"):
        return _common()["$defs"][ref.rsplit("/", 1)[1]].get("description", "")
    return ""


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _date_rules(label: str, meta: dict, today: dt.date) -> list[str]:
    try:
        last = dt.date.fromisoformat(str(meta["last_reviewed"]))
        due = dt.date.fromisoformat(str(meta["next_review"]))
    except (KeyError, ValueError):
        return []  # already reported by the schema
    problems = []
    if last > today:
        problems.append(f"{label}: field 'last_reviewed': {last} is in the future; fix: set it to the day the page was actually reviewed")
    if due <= last:
        problems.append(f"{label}: field 'next_review': {due} is not after last_reviewed {last}; fix: set a date after the last review")
    elif due > _add_years(last, MAX_REVIEW_YEARS):
        problems.append(f"{label}: field 'next_review': {due} is more than {MAX_REVIEW_YEARS} years after last_reviewed {last}; fix: set it on or before {_add_years(last, MAX_REVIEW_YEARS)}")
    if due < today:
        problems.append(f"{label}: field 'next_review': review overdue since {due}; fix: review the page against current sources, then update last_reviewed and next_review")
    return problems


def validate(label: str, src_uri: str, meta: dict, today: dt.date | None = None) -> list[str]:
    """All problems with one page's parsed front matter."""
    today = today or dt.date.today()
    kind = page_type(src_uri)
    data = jsonable(meta)
    errors = sorted(_validator(kind).iter_errors(data), key=lambda e: (list(e.absolute_path), e.validator))
    problems = [_describe(label, error, kind) for error in errors]
    stem = Path(src_uri).stem
    if kind != "page" and not SLUG.match(stem):
        problems.append(f"{label}: file name '{stem}' is not a URL slug; fix: rename the file to lowercase words joined by hyphens")
    if kind == "condition" and stem not in vocab.conditions():
        problems.append(f"{label}: file name '{stem}' is not a condition slug; fix: add it to data/conditions.yml or rename the file")
    return problems + _date_rules(label, data, today)


def check_text(label: str, src_uri: str, text: str, today: dt.date | None = None) -> list[str]:
    meta, problems = parse(label, text)
    if meta is None:
        return problems
    return validate(label, src_uri, meta, today)


def check_docs(docs_dir: Path, today: dt.date | None = None, label_root: Path | None = None) -> list[str]:
    """Check every Markdown page under docs_dir; return all problems."""
    problems = []
    for path in sorted(docs_dir.rglob("*.md")):
        label = path.relative_to(label_root or docs_dir.parent).as_posix()
        src_uri = path.relative_to(docs_dir).as_posix()
        problems += check_text(label, src_uri, path.read_text("utf-8"), today)
    return problems
