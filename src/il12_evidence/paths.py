"""Absolute locations, so nothing depends on the working directory.

IL12_DATA_DIR and IL12_NOTEBOOKS_DIR point the package (validation, `Page.load()`, the MkDocs
hooks) at another data directory or at other executed notebooks, e.g. a test's copy.
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = Path(os.environ.get("IL12_DATA_DIR") or ROOT / "data").resolve()
NOTEBOOKS_DIR = Path(os.environ.get("IL12_NOTEBOOKS_DIR") or ROOT / "notebooks").resolve()
PACKAGE_FILE = "datapackage.json"
SITE_CONFIG = ROOT / "mkdocs.yml"


def notebook_pages() -> dict[str, str]:
    """Notebook stem → the page's address on the site ("index" for the home page), from mkdocs.yml."""
    import yaml

    # mkdocs.yml may hold !!python tags in other projects; only plain keys are read here
    config = yaml.load(SITE_CONFIG.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return dict(config.get("extra", {}).get("pages", {}))


def page_url(path: str) -> str:
    """The address of a page path relative to the site root: "index" → "", "therapy/combination" → "therapy/combination/"."""
    return "" if path == "index" else path.rstrip("/") + "/"
