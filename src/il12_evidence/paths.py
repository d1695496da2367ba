"""Absolute locations, so nothing depends on the working directory.

IL12_DATA_DIR and IL12_NOTEBOOKS_DIR point the package (validation, `Page.load()`, the MkDocs
hooks) at another data directory or at other executed notebooks, e.g. a test's copy.
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = Path(os.environ.get("IL12_DATA_DIR") or ROOT / "data").resolve()
NOTEBOOKS_DIR = Path(os.environ.get("IL12_NOTEBOOKS_DIR") or ROOT / "notebooks").resolve()
DOCS_DIR = ROOT / "docs"

PACKAGE_FILE = "datapackage.json"
FINDINGS_FILE = "findings.csv"
