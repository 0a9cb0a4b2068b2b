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

    data: a folder whose files replace those of data/ (the others are
    copied in). A fixture cites nothing and has other procedures, so unless
    it brings its own it gets an empty bibliography, FAQ, guideline and
    redirect file.
    """
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=_ConfigLoader)
    config["docs_dir"] = str(docs)
    config["site_dir"] = str(tmp / "site")
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    config["hooks"] = [str(ROOT / hook) for hook in config["hooks"]]
    config["watch"] = [str(ROOT / path) for path in config.get("watch", [])]
    # Social cards and their font: the project's cache, not a new one (and
    # fresh drawings of every card) per fixture.
    config["plugins"] = [
        {"social": {"cache_dir": str(ROOT / ".cache" / "plugin" / "social")}} if plugin == "social" else plugin
        for plugin in config.get("plugins", [])
    ]
    if nav is not None:
        config["nav"] = nav
    if data is None:
        data = tmp / "data"
        data.mkdir(exist_ok=True)
    if not (data / "references.yml").exists():
        (data / "references.yml").write_text("official_hosts: [nice.org.uk]\nreferences: {}\n", "utf-8")
    if not (data / "faq.yml").exists():
        (data / "faq.yml").write_text("topics: []\n", "utf-8")
        (data / "faq-anchors.yml").write_text("ids: []\n", "utf-8")
    if not (data / "guidelines.yml").exists():
        (data / "guidelines.yml").write_text("guidelines: {}\nrecommendations: []\n", "utf-8")
    if not (data / "redirects.yml").exists():
        (data / "redirects.yml").write_text("redirects: {}\n", "utf-8")
    for source in (ROOT / "data").glob("*.yml"):
        if not (data / source.name).exists():
            shutil.copy(source, data / source.name)
    config["extra"]["ipm"]["data_dir"] = str(data)
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


def copy_site(tmp: Path) -> tuple[Path, Path, Path]:
    """A full copy of docs/ and data/ with the real config: (docs, data,
    mkdocs.yml), for tests that change the content and rebuild."""
    docs, data = tmp / "docs", tmp / "data"
    shutil.copytree(ROOT / "docs", docs)
    shutil.copytree(ROOT / "data", data)
    return docs, data, fixture_config(tmp, docs, data=data)
