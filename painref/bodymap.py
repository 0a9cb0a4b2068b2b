"""The home page body map: a front and a back view whose areas link to the
region pages, with a plain list of the same links beside it.

Each area is a real <a> element inside the SVG, with an accessible name,
so it is reached with Tab and announced as a link. Colours come from CSS
classes (extra.css) using Material's colour variables, so the map follows
the light and dark schemes. The drawing is original: simple shapes only.
"""

from __future__ import annotations

from html import escape

from . import vocab
from .browse import href, region_uri

# Shapes per region and view, in a 200 x 400 box per view:
# ("circle", cx, cy, r) or ("rect", x, y, width, height, corner radius).
FRONT = {
    "head-and-neck": [("circle", 100, 38, 24), ("rect", 90, 60, 20, 16, 4)],
    "shoulder": [("circle", 60, 92, 15), ("circle", 140, 92, 15)],
    "upper-back-and-chest": [("rect", 72, 80, 56, 56, 10)],
    "abdomen": [("rect", 74, 139, 52, 44, 8)],
    "pelvis-and-buttock": [("rect", 72, 186, 56, 28, 10)],
    "hip": [("circle", 62, 200, 11), ("circle", 138, 200, 11)],
    "arms-and-legs": [
        ("rect", 36, 108, 16, 118, 8), ("rect", 148, 108, 16, 118, 8),
        ("rect", 76, 217, 22, 64, 9), ("rect", 102, 217, 22, 64, 9),
        ("rect", 76, 311, 22, 72, 9), ("rect", 102, 311, 22, 72, 9),
    ],
    "knee": [("circle", 87, 296, 12), ("circle", 113, 296, 12)],
}
BACK = {
    "head-and-neck": FRONT["head-and-neck"],
    "shoulder": FRONT["shoulder"],
    "upper-back-and-chest": [("rect", 72, 80, 56, 56, 10)],
    "lower-back": [("rect", 74, 139, 52, 44, 8)],
    "pelvis-and-buttock": [("rect", 72, 186, 56, 28, 10)],
    "hip": FRONT["hip"],
    "arms-and-legs": FRONT["arms-and-legs"],
    "knee": FRONT["knee"],
}
VIEWS = (("front", "Front of the body", 0, FRONT), ("back", "Back of the body", 220, BACK))


class BodyMapError(ValueError):
    pass


def _shape(shape: tuple, dx: int) -> str:
    if shape[0] == "circle":
        _, cx, cy, r = shape
        return f'<circle class="bm-area" cx="{cx + dx}" cy="{cy}" r="{r}"/>'
    _, x, y, w, h, rx = shape
    return f'<rect class="bm-area" x="{x + dx}" y="{y}" width="{w}" height="{h}" rx="{rx}"/>'


def check() -> list[str]:
    """Every region of data/regions.yml is drawn, and nothing else."""
    regions = set(vocab.regions())
    drawn = set(FRONT) | set(BACK)
    out = [f"painref/bodymap.py: region '{slug}' has no area on the body map; fix: add its shapes to FRONT or BACK" for slug in sorted(regions - drawn)]
    out += [f"painref/bodymap.py: area '{slug}' is not a region in data/regions.yml; fix: remove it or add the region" for slug in sorted(drawn - regions)]
    return out


def markup(from_uri: str) -> str:
    """The figure: the SVG with linked areas, and the plain list."""
    problems = check()
    if problems:
        raise BodyMapError("\n".join(problems))
    names = vocab.regions()
    parts = []
    for view, title, dx, areas in VIEWS:
        parts.append(f'<g class="bm-view"><text class="bm-caption" x="{100 + dx}" y="398" text-anchor="middle">{escape(title.split()[0])}</text>')
        for slug in names:
            if slug not in areas:
                continue
            label = f"{names[slug]} ({view})"
            shapes = "".join(_shape(shape, dx) for shape in areas[slug])
            # xlink:href, not href: Material's instant navigation rewrites
            # every [href] element's href on page load, and an SVG <a>'s is
            # read-only, so href threw a console error on the home page.
            # role="link" says what the element is to tools that look for
            # href alone (Lighthouse took it for a link placeholder).
            parts.append(
                f'<a class="bm-link" xlink:href="{escape(href(from_uri, region_uri(slug)))}" role="link" aria-label="{escape(label)}">'
                f"<title>{escape(label)}</title>{shapes}</a>"
            )
        parts.append("</g>")
    svg = (
        '<svg class="bm-svg" viewBox="0 0 420 404" role="group" aria-labelledby="body-map-title">'
        '<title id="body-map-title">Body map: choose where it hurts</title>'
        + "".join(parts)
        + "</svg>"
    )
    items = "".join(
        f'<li><a href="{escape(href(from_uri, region_uri(slug)))}">{escape(name)}</a></li>' for slug, name in names.items()
    )
    return (
        '<div class="ipm-bodymap">\n'
        f'<figure class="ipm-bodymap__figure">{svg}'
        '<figcaption>Choose an area of the body, front or back, to see its conditions and procedures.</figcaption></figure>\n'
        f'<nav class="ipm-bodymap__list" aria-label="Body regions"><ul>{items}</ul></nav>\n'
        "</div>\n"
    )


def home_section(from_uri: str) -> str:
    return "## Where does it hurt? {#body-map}\n\n" + markup(from_uri) + "\n"
