"""Absolute locations, so nothing depends on the working directory."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "data"
NOTEBOOKS_DIR = ROOT / "notebooks"
DOCS_DIR = ROOT / "docs"

PACKAGE_FILE = "datapackage.json"
FINDINGS_FILE = "findings.csv"
