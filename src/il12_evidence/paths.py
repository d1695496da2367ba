"""Absolute locations, so nothing depends on the working directory.

IL12_DATA_DIR points the package (validation, the site build) at another data directory,
such as a test's broken copy.
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = Path(os.environ.get("IL12_DATA_DIR") or ROOT / "data").resolve()
NOTEBOOKS_DIR = ROOT / "notebooks"
DOCS_DIR = ROOT / "docs"

PACKAGE_FILE = "datapackage.json"
FINDINGS_FILE = "findings.csv"
