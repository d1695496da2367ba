"""Refresh the committed notebooks: py:percent source → executed .ipynb (nbval's reference).

`python -m il12_evidence.notebooks notebooks/01_topic.py ...` (what `make notebooks` runs).
It builds each .ipynb afresh from its .py and executes it; it never copies old outputs back
(the trap of `jupytext --update --execute`). Cell ids are derived from the cell position so
that re-running gives the same bytes.
"""

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

from .paths import ROOT

TIMEOUT_SECONDS = 300


def refresh(source: Path) -> Path:
    notebook = jupytext.read(source)
    notebook.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "jupytext": {"formats": "ipynb,py:percent"},
    }
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{index:02d}"
        cell["metadata"] = {key: value for key, value in cell.get("metadata", {}).items() if key == "tags"}
    client = NotebookClient(
        notebook,
        timeout=TIMEOUT_SECONDS,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(ROOT)}},
    )
    client.execute()
    notebook.metadata.pop("widgets", None)
    notebook.metadata["language_info"] = {"name": "python"}  # no interpreter version: same bytes on every machine
    target = source.with_suffix(".ipynb")
    target.write_text(nbformat.writes(notebook) + "\n", encoding="utf-8")
    return target


def main(arguments: list[str]) -> int:
    # Each notebook runs in its own kernel: two at a time halves the wait on a 2-core machine.
    with ProcessPoolExecutor(max_workers=min(len(arguments), os.cpu_count() or 1) or 1) as pool:
        for target in pool.map(refresh, map(Path, arguments)):
            print(f"executed {target}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
