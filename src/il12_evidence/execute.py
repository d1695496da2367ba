"""Refresh the committed notebooks: py:percent source → executed .ipynb (nbval's reference).

`python -m il12_evidence.execute notebooks/01_topic.py ...` (what `make notebooks` runs).
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


def prepared(source: Path) -> nbformat.NotebookNode:
    """The notebook of a py:percent source, with fixed metadata and cell ids, not yet executed."""
    notebook = jupytext.read(source)
    notebook.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "jupytext": {"formats": "ipynb,py:percent"},
    }
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{index:02d}"
        cell["metadata"] = {key: value for key, value in cell.get("metadata", {}).items() if key == "tags"}
    return notebook


def _execute(notebook: nbformat.NotebookNode, **kernel) -> None:
    client = NotebookClient(
        notebook,
        timeout=TIMEOUT_SECONDS,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(ROOT)}},
    )
    client.execute(**kernel)


def _write(notebook: nbformat.NotebookNode, target: Path) -> Path:
    notebook.metadata.pop("widgets", None)
    notebook.metadata["language_info"] = {"name": "python"}  # no interpreter version: same bytes on every machine
    target.write_text(nbformat.writes(notebook) + "\n", encoding="utf-8")
    return target


def refresh(source: Path) -> Path:
    notebook = prepared(source)
    _execute(notebook)
    return _write(notebook, source.with_suffix(".ipynb"))


def execute_together(sources: list[Path], target_dir: Path, *, env: dict | None = None) -> list[Path]:
    """Every source executed in ONE kernel (imports paid once), each written to target_dir as .ipynb.

    Much faster than `refresh` one by one, but names may leak from one notebook into the next
    (the namespace is reset between them, imported modules stay): for tests of what the pages
    show, never for the committed references that nbval compares against.
    """
    notebooks = [prepared(source) for source in sources]
    combined = nbformat.v4.new_notebook(metadata=notebooks[0].metadata)
    spans = []
    for notebook in notebooks:
        combined.cells.append(nbformat.v4.new_code_cell("get_ipython().run_line_magic('reset', '-f')"))
        start = len(combined.cells)
        combined.cells.extend(notebook.cells)
        spans.append((start, len(combined.cells)))
    _execute(combined, **({"env": env} if env is not None else {}))
    targets = []
    for source, notebook, (start, end) in zip(sources, notebooks, spans, strict=True):
        notebook.cells = combined.cells[start:end]
        targets.append(_write(notebook, target_dir / source.with_suffix(".ipynb").name))
    return targets


def main(arguments: list[str]) -> int:
    # Each notebook runs in its own kernel: two at a time halves the wait on a 2-core machine.
    with ProcessPoolExecutor(max_workers=min(len(arguments), os.cpu_count() or 1) or 1) as pool:
        for target in pool.map(refresh, map(Path, arguments)):
            print(f"executed {target}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
