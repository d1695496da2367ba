"""MkDocs hooks: notebooks and data files become part of the site; data blocks fill the pages.

- the executed notebooks in notebooks/ become pages (mkdocs-jupyter renders them);
- every data file is published next to the Data page for download;
- `{{ evidence.NAME }}` in a Markdown page is replaced by a block computed from data/;
- notebook pages lose nbconvert's inlined CSS and CDN scripts (privacy and page weight).
"""

import re

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from il12_evidence.data import load
from il12_evidence.paths import DATA_DIR, NOTEBOOKS_DIR, PACKAGE_FILE, ROOT
from il12_evidence.site import BLOCKS

_BLOCK = re.compile(r"\{\{\s*evidence\.(\w+)\s*\}\}")
_dataset = None


def _data():
    global _dataset  # loaded once per build: every page reads the same validated data
    if _dataset is None:
        _dataset = load(DATA_DIR)
    return _dataset


def on_pre_build(config):
    global _dataset
    _dataset = None  # `mkdocs serve` rebuilds after a data edit: read it again


@event_priority(100)  # before mkdocs-jupyter wraps the notebooks
def on_files(files, config):
    # Files rooted at the project (not File.generated): mkdocs-jupyter needs a real src_dir.
    def add(path):
        files.append(
            File(
                path.relative_to(ROOT).as_posix(),
                src_dir=str(ROOT),
                dest_dir=config["site_dir"],
                use_directory_urls=config["use_directory_urls"],
            )
        )

    for notebook in sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")):
        add(notebook)
    for relative in [PACKAGE_FILE] + [resource["path"] for resource in _data().package["resources"]]:
        add(DATA_DIR / relative)
    return files


# nbconvert's page furniture: ~580 KB of JupyterLab CSS, and MathJax and Mermaid loaded from a
# CDN. The notebooks' outputs are plain HTML styled by extra.css, so none of it is needed.
_NBCONVERT_FURNITURE = re.compile(r"<style\b[^>]*>.*?</style>|<script\b[^>]*>.*?</script>", re.DOTALL | re.IGNORECASE)


def on_page_content(html, page, config, files):
    if page.file.src_uri.endswith(".ipynb"):
        return _NBCONVERT_FURNITURE.sub("", html)
    return html


def on_page_markdown(markdown, page, config, files):
    def fill(match):
        name = match.group(1)
        if name not in BLOCKS:
            raise KeyError(f"{page.file.src_uri}: unknown block evidence.{name}; known: {', '.join(BLOCKS)}")
        return BLOCKS[name](_data())

    return _BLOCK.sub(fill, markdown)
