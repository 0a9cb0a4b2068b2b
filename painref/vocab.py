"""Controlled vocabularies kept in ``data/``: the one place each is written."""

from __future__ import annotations

from functools import lru_cache

import yaml

from . import DATA_DIR

_data_dir = [DATA_DIR]


def use(data_dir) -> None:
    """Read vocabularies from this folder (the one beside the mkdocs.yml
    being built); cached schemas built from them are dropped."""
    from . import frontmatter

    _data_dir[0] = data_dir
    load.cache_clear()
    frontmatter.schema.cache_clear()
    frontmatter._validator.cache_clear()


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """Return ``data/<name>.yml`` as an ordered mapping (slug -> value)."""
    path = _data_dir[0] / f"{name}.yml"
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
