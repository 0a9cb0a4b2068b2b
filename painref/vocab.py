"""Controlled vocabularies kept in ``data/``: the one place each is written."""

from __future__ import annotations

from functools import lru_cache

import yaml

from . import DATA_DIR


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """Return ``data/<name>.yml`` as an ordered mapping (slug -> value)."""
    path = DATA_DIR / f"{name}.yml"
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict) or not data:
        raise ValueError(f"{path}: expected a non-empty mapping of slug to value")
    return data


def regions() -> dict[str, str]:
    return load("regions")


def conditions() -> dict[str, str]:
    return load("conditions")


def imaging() -> dict[str, str]:
    return load("imaging")


def families() -> dict[str, dict]:
    return load("families")


def family_name(slug: str) -> str:
    return families()[slug]["name"]
