"""Build helpers shared by the tests: the real config, other docs folders."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml; an !ENV [NAME, default] value becomes its default."""


_ConfigLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def fixture_config(tmp: Path, docs: Path, nav: list | None = None, data: Path | None = None) -> Path:
    """mkdocs.yml with its hooks and theme, pointed at another docs folder.

    data: a folder with faq.yml and faq-anchors.yml to use instead of data/.
    """
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=_ConfigLoader)
    config["docs_dir"] = str(docs)
    config["site_dir"] = str(tmp / "site")
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    config["hooks"] = [str(ROOT / hook) for hook in config["hooks"]]
    config["watch"] = [str(ROOT / path) for path in config.get("watch", [])]
    if nav is not None:
        config["nav"] = nav
    data = data or ROOT / "data"
    config["extra"]["ipm"] = {"faq": str(data / "faq.yml"), "faq_anchors": str(data / "faq-anchors.yml")}
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets", dirs_exist_ok=True)
    path = tmp / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
    return path


def build(config: Path, site_dir: Path | None = None, site_url: str | None = None) -> subprocess.CompletedProcess:
    """Run a strict build (never -q: it hides warnings) and capture output.

    site_url: the address the site will be served at. Material's instant
    navigation only takes over links found in sitemap.xml, and it compares
    them with the port included.
    """
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(config)]
    if site_dir is not None:
        command += ["-d", str(site_dir)]
    env = {**ENV, "IPM_SITE_URL": site_url} if site_url else ENV
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
