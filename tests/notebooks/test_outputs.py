"""The committed notebooks publish no warnings, tracebacks or machine paths."""

import json

import pytest

from il12_evidence.paths import NOTEBOOKS_DIR

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_no_notebook_prints_to_a_stream(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    streams = [o.get("text") for c in cells for o in c.get("outputs", []) if o["output_type"] == "stream"]
    assert streams == [], f"{path.name} publishes {streams}"
