"""Site logic for the interventional pain medicine reference.

Plain Python with no MkDocs imports where it can be avoided, so that the
rules (front matter, generated boxes and indexes, FAQ anchors) are testable
on their own and survive a change of static-site generator. The files in
``hooks/`` are thin adapters that call into this package.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
SCHEMA_DIR = ROOT / "schemas"
DIAGRAM_DIR = ROOT / "diagrams"
