"""MkDocs hooks: notebooks and data files become part of the site; data blocks fill the pages.

- the executed notebooks in notebooks/ become pages (mkdocs-jupyter renders them);
- every data file is published next to the Data page for download, and claims.json feeds the
  site script (number tooltips, the claims explorer);
- `{{ evidence.NAME }}` in a Markdown page is replaced by a block computed from data/;
- notebook pages lose nbconvert's inlined CSS, CDN scripts and anchor links, and their inline
  SVG figures become cached files (page weight, privacy);
- the search dialog gets an accessible name.
"""

import hashlib
import json
import posixpath
import re
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from il12_evidence.data import load
from il12_evidence.evidence import Evidence
from il12_evidence.paths import DATA_DIR, NOTEBOOKS_DIR, PACKAGE_FILE, ROOT
from il12_evidence.site import BLOCKS

_BLOCK = re.compile(r"\{\{\s*evidence\.(\w+)\s*\}\}")
# nbconvert's page furniture: ~580 KB of JupyterLab CSS, and MathJax and Mermaid loaded from a
# CDN. The notebooks' outputs are plain HTML styled by extra.css, so none of it is needed.
_NBCONVERT_FURNITURE = re.compile(
    r"<style\b[^>]*>.*?</style>|<script\b[^>]*>.*?</script>|<a class=\"anchor-link\"[^>]*>.*?</a>",
    re.DOTALL | re.IGNORECASE,
)
# nbconvert wraps every cell in JupyterLab's class names; without its CSS they only add weight.
_JUPYTER_CLASSES = re.compile(r'<div class="jp-[^"]*"((?:\s+[\w-]+="[^"]*")*)>')
_FIGURE_SVG = re.compile(r'<svg\b[^>]*?\baria-label="([^"]*)"[^>]*>.*?</svg>', re.DOTALL)
_VIEWBOX = re.compile(r'viewBox="0 0 ([\d.]+) ([\d.]+)"')
FIGURES_DIR = "figures"
CLAIMS_INDEX = "claims.json"
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
    files.append(
        File.generated(
            config,
            CLAIMS_INDEX,
            content=json.dumps(Evidence(_data()).claims_index(), ensure_ascii=False, sort_keys=True),
        )
    )
    return files


def _notebook_svgs(path: str) -> list[str]:
    """The figures' SVG exactly as the notebook stored it (nbconvert's HTML lower-cases attributes)."""
    notebook = json.loads(Path(path).read_text(encoding="utf-8"))
    html = "".join(
        "".join(output.get("data", {}).get("text/html", ""))
        for cell in notebook["cells"]
        for output in cell.get("outputs", [])
    )
    return [match.group(0) for match in _FIGURE_SVG.finditer(html)]


def _externalise_figures(html: str, page, config) -> str:
    """Inline SVG → a content-addressed file referenced by <img> with the same alt text."""
    originals = iter(_notebook_svgs(page.file.abs_src_path))
    page_dir = page.url.rstrip("/")

    def replace(match):
        original = next(originals)
        alt = _FIGURE_SVG.match(original).group(1)
        opening_end = original.index(">")
        svg = re.sub(r'\s(?:role="img"|aria-label="[^"]*")', "", original[:opening_end]) + original[opening_end:]
        if 'xmlns="http://www.w3.org/2000/svg"' not in svg[: svg.index(">")]:  # a standalone file needs its namespace
            svg = svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
        name = hashlib.sha256(svg.encode()).hexdigest()[:16] + ".svg"
        target = Path(config["site_dir"]) / FIGURES_DIR / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(svg, encoding="utf-8")
        size = _VIEWBOX.search(svg)
        dims = f' width="{round(float(size.group(1)))}" height="{round(float(size.group(2)))}"' if size else ""
        src = posixpath.relpath(f"{FIGURES_DIR}/{name}", page_dir or ".")
        return f'<img src="{src}" alt="{alt}"{dims} loading="lazy" decoding="async">'

    return _FIGURE_SVG.sub(replace, html)


def on_page_content(html, page, config, files):
    if page.file.src_uri.endswith(".ipynb"):
        # figures first: their own <style> must go with them into the file
        html = _NBCONVERT_FURNITURE.sub("", _externalise_figures(html, page, config))
        return _JUPYTER_CLASSES.sub("<div>", html)
    return html


def on_post_page(output, page, config):
    # Material's search dialog has no accessible name (axe: aria-dialog-name).
    return output.replace(
        'data-md-component="search" role="dialog"', 'data-md-component="search" role="dialog" aria-label="Search"', 1
    )


def on_page_markdown(markdown, page, config, files):
    def fill(match):
        name = match.group(1)
        if name not in BLOCKS:
            raise KeyError(f"{page.file.src_uri}: unknown block evidence.{name}; known: {', '.join(BLOCKS)}")
        return BLOCKS[name](_data())

    return _BLOCK.sub(fill, markdown)
