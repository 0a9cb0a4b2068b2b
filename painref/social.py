"""Link-preview cards (Open Graph images) without the network.

Material's social plugin draws a card per page with Pillow, in Roboto by
default (the theme sets no web font). When the font is not in its cache
it downloads the family from Google Fonts during the build. Copying
Debian's Roboto (package fonts-roboto-unhinted) into that cache first,
under the names the plugin looks for, means it never does: a build works
offline and never depends on an outside host.
"""

from __future__ import annotations

import shutil
from pathlib import Path

# Debian's fonts-roboto-unhinted; the hinted fonts-roboto package has the
# same files under .../roboto/hinted/.
DEBIAN_ROBOTO = Path("/usr/share/fonts/truetype/roboto/unhinted/RobotoTTF")
FAMILY = "Roboto"
# The styles the default card layout draws: the title and site name in
# Bold, the description in Regular.
NEEDED = ("Regular", "Bold")


class FontError(Exception):
    pass


def font_dir(cache_dir: str | Path, family: str = FAMILY) -> Path:
    """Where the social plugin looks for a family before downloading it."""
    return Path(cache_dir) / "fonts" / family


def _style_name(path: Path) -> str:
    """The file name the plugin expects: the style as the font names it
    ("Bold", "Bold Italic"), as its own downloader writes it."""
    from PIL import ImageFont

    _, style = ImageFont.truetype(str(path)).getname()
    return style


def install_fonts(cache_dir: str | Path, source: Path = DEBIAN_ROBOTO) -> Path:
    """Put Roboto into the plugin's font cache (once); return that folder.

    The plugin downloads a family whenever its folder is missing, so the
    folder is only created complete: copied aside, then renamed.
    """
    target = font_dir(cache_dir)
    if all((target / f"{style}.ttf").is_file() for style in NEEDED):
        return target
    fonts = sorted(source.glob(f"{FAMILY}-*.ttf")) if source.is_dir() else []
    if not fonts:
        raise FontError(
            f"social cards: Roboto is missing ({source} not found); fix: install Debian's fonts-roboto-unhinted "
            "(scripts/dev does this when run as root: sudo apt-get install -y fonts-roboto-unhinted)"
        )
    staging = target.with_name(target.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for font in fonts:
        shutil.copyfile(font, staging / f"{_style_name(font)}.ttf")
    missing = [style for style in NEEDED if not (staging / f"{style}.ttf").is_file()]
    if missing:
        shutil.rmtree(staging)
        raise FontError(f"social cards: {source} has no Roboto {', '.join(missing)}; fix: reinstall fonts-roboto-unhinted")
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    return target
