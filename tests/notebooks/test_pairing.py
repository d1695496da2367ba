"""The committed .ipynb files are the executed twins of their py:percent sources."""

import ast
import json
import re

import jupytext
import pytest

from il12_evidence.coverage import NUMBER
from il12_evidence.paths import NOTEBOOKS_DIR

SOURCES = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.py"))


def _cells(notebook):
    return [
        (cell["cell_type"], "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"])
        for cell in notebook["cells"]
    ]


def test_there_are_notebooks():
    assert len(SOURCES) >= 8


@pytest.mark.parametrize("source", SOURCES, ids=[path.stem for path in SOURCES])
def test_ipynb_cells_match_their_py_source(source):
    paired = source.with_suffix(".ipynb")
    assert paired.exists(), f"{paired.name} is missing: run `make notebooks`"
    expected = _cells(jupytext.read(source))
    committed = _cells(json.loads(paired.read_text(encoding="utf-8")))
    assert committed == expected, f"{paired.name} is out of date with {source.name}: run `make notebooks`"


@pytest.mark.parametrize("source", SOURCES, ids=[path.stem for path in SOURCES])
def test_committed_notebook_is_executed_without_errors(source):
    notebook = json.loads(source.with_suffix(".ipynb").read_text(encoding="utf-8"))
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert all(cell["execution_count"] for cell in code), "not executed: run `make notebooks`"
    assert not [o for cell in code for o in cell["outputs"] if o["output_type"] == "error"]


@pytest.mark.parametrize("source", SOURCES, ids=[path.stem for path in SOURCES])
def test_markdown_cells_type_no_numbers(source):
    prose = [text for kind, text in _cells(jupytext.read(source)) if kind == "markdown"]
    typed = [match.group() for text in prose for match in NUMBER.finditer(_without_code(text))]
    assert typed == [], f"numbers typed into markdown of {source.name}; emit them from data: {typed}"


def _without_code(markdown: str) -> str:
    return re.sub(r"`[^`]*`", "", markdown)


def test_prose_number_pattern_catches_numbers_but_not_names():
    assert [m.group() for m in NUMBER.finditer("In 43 patients, six of phase II, 91.4% survived")] == [
        "43",
        "six",
        "II",
        "91.4",
    ]
    assert NUMBER.findall("IL-12, PD-1, HER2, EL4, IFN-γ, G-CSF, single-agent, `data/claims.csv`") == []


# Keyword arguments whose text a reader sees: a number typed into one is as unchecked as in prose.
SHOWN_KEYWORDS = {"title", "caption", "alt", "xlabel", "ylabel", "label", "heading", "summary"}


def _shown_strings(code: str) -> list[str]:
    """Every string literal (f-string parts included) passed to a call as one of SHOWN_KEYWORDS."""
    found = []
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg in SHOWN_KEYWORDS:
                    found += [
                        c.value
                        for c in ast.walk(keyword.value)
                        if isinstance(c, ast.Constant) and isinstance(c.value, str)
                    ]
    return found


@pytest.mark.parametrize("source", SOURCES, ids=[path.stem for path in SOURCES])
def test_figure_and_table_captions_titles_and_alt_text_type_no_numbers(source):
    code = [text for kind, text in _cells(jupytext.read(source)) if kind == "code"]
    typed = [(text, match.group()) for cell in code for text in _shown_strings(cell) for match in NUMBER.finditer(text)]
    assert typed == [], (
        f"numbers typed into captions, titles or alt text of {source.name}; emit them from data: {typed}"
    )


def test_caption_scan_sees_a_typed_number_in_a_keyword_and_an_f_string():
    code = 'page.forest(x, title="the two single-agent trials", caption=f"{n} of 43 patients")'
    assert [m.group() for text in _shown_strings(code) for m in NUMBER.finditer(text)] == ["two", "43"]
