"""MkDocs hooks: notebooks and data files become part of the site; data blocks fill the pages.

- invalid data stops `mkdocs build` with the same FILE:ROW:COLUMN list as `validate` (no
  traceback); under `mkdocs serve` every page shows that list instead, until the data is fixed;
- the executed notebooks in notebooks/ become pages (mkdocs-jupyter renders them), and their
  templates are checked (an unknown claim id fails the build naming the notebook and line);
- every data file is published for download; claims.json feeds the number tooltips;
- `{{ evidence.NAME }}` in a Markdown page is replaced, after conversion, by escaped HTML;
- notebook pages lose nbconvert's inlined CSS, CDN scripts and anchor links; each figure's two
  SVG renderings become files behind one <picture>, and its data a CSV download;
- after the build, the claims explorer learns from the built pages where each claim is shown.
"""

import hashlib
import html as html_module
import json
import posixpath
import re
import shutil
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.structure.toc import AnchorLink

from il12_evidence import glossary, render
from il12_evidence.paths import DATA_DIR, NOTEBOOKS_DIR, PACKAGE_FILE, ROOT
from il12_evidence.prose import check_sources
from il12_evidence.site import BLOCKS
from il12_evidence.tooltips import claims_index
from il12_evidence.validation import validate
from il12_evidence.views import Evidence

_BLOCK = re.compile(r"\{\{\s*evidence\.(\w+)\s*\}\}")
_TOKEN = re.compile(r"(<p>)?@@evidence:(\w+)@@(</p>)?")
# nbconvert's page furniture: ~580 KB of JupyterLab CSS, and MathJax and Mermaid loaded from a
# CDN. The notebooks' outputs are plain HTML styled by extra.css, so none of it is needed.
_NBCONVERT_FURNITURE = re.compile(
    r"<style\b[^>]*>.*?</style>|<script\b[^>]*>.*?</script>|<a class=\"anchor-link\"[^>]*>.*?</a>",
    re.DOTALL | re.IGNORECASE,
)
_JUPYTER_CLASSES = re.compile(r'<div class="jp-[^"]*"((?:\s+[\w-]+="[^"]*")*)>')
_FIGURE = re.compile(r'<figure class="evidence-figure" data-figure="([^"]*)">(.*?)</figure>', re.DOTALL)
# nbconvert re-serialises the outputs with BeautifulSoup, which writes an attribute holding a " in
# single quotes and unescapes it: read either quoting, and escape the text again before reuse.
_LABEL = r"""aria-label=(?:"([^"]*)"|'([^']*)')"""
_SVG = re.compile(rf'<svg\b[^>]*?\b{_LABEL}[^>]*?data-variant="(\w+)"[^>]*>.*?</svg>', re.DOTALL)
_DATA = re.compile(r'<pre class="figure-data" hidden(?:="")?>(.*?)</pre>', re.DOTALL)  # BeautifulSoup writes hidden=""
_VIEWBOX = re.compile(r'viewBox="0 0 ([\d.]+) ([\d.]+)"')
_HEADING = re.compile(r'<h([23]) id="([^"]+)">(.*?)</h\1>', re.DOTALL)
_LEGEND_SLOT = re.compile(r'<div class="legend-slot"[^>]*>\s*</div>')
FIGURES_DIR = "figures"
CLAIMS_INDEX = "claims.json"
EXPLORER_PAGE = "claims/index.html"

_state: dict = {"command": "build"}


class DataProblems(PluginError):
    """The data does not validate; the message is the list of problems, one per line."""


GLOSSARY_PAGE = "glossary.md"


def on_startup(command, dirty):
    _state["command"] = command


def on_pre_build(config):
    """Validate the data (and the notebooks' templates) once per build; `serve` re-reads after an edit."""
    dataset, problems = validate(DATA_DIR)
    if not problems:
        notebooks = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.py"))
        problems = check_sources(notebooks, set(dataset.claims_by_id))
    _state["problems"] = [str(problem) for problem in problems]
    _state["evidence"] = Evidence(dataset) if not problems else None
    glossary_page = Path(config["docs_dir"]) / GLOSSARY_PAGE
    _state["terms"] = glossary.terms(glossary_page.read_text(encoding="utf-8")) if glossary_page.exists() else []
    if problems and _state["command"] != "serve":
        raise DataProblems("the data does not validate; fix these and build again:\n" + "\n".join(_state["problems"]))


@event_priority(100)  # before mkdocs-jupyter wraps the notebooks
def on_files(files, config):
    # Real files with a src_dir (not File.generated): mkdocs-jupyter needs one, and reads the
    # notebook at src_dir/src_uri. The sources may live outside the project (IL12_NOTEBOOKS_DIR,
    # IL12_DATA_DIR, e.g. a test's copy); their site paths stay notebooks/… and data/….
    def add(uri, path, src_dir):
        file = File(
            uri, src_dir=str(src_dir), dest_dir=config["site_dir"], use_directory_urls=config["use_directory_urls"]
        )
        file.abs_src_path = str(path)
        files.append(file)

    # mkdocs-jupyter reads a notebook at src_dir/src_uri: each is copied, for this build only, to
    # where its readable address (mkdocs.yml extra.pages) puts it.
    pages = config["extra"].get("pages", {})
    staging = Path(tempfile.mkdtemp(prefix="il12-pages-"))
    _state["staging"] = staging
    for notebook in sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")):
        if notebook.stem not in pages:
            raise PluginError(f"{notebook.name}: mkdocs.yml (extra.pages) gives it no address")
        uri = f"{pages[notebook.stem]}.ipynb"
        (staging / uri).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(notebook, staging / uri)
        add(uri, staging / uri, staging)
    evidence = _state.get("evidence")
    if evidence is None:
        return files
    for relative in [PACKAGE_FILE] + [resource["path"] for resource in evidence.dataset.package["resources"]]:
        add(f"data/{relative}", DATA_DIR / relative, ROOT)
    index = json.dumps(claims_index(evidence), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    files.append(File.generated(config, CLAIMS_INDEX, content=index))
    return files


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri.endswith(".ipynb"):
        return markdown  # a notebook's outputs hold data text, never a template to fill

    def token(match):
        name = match.group(1)
        if name not in BLOCKS:
            raise PluginError(f"{page.file.src_uri}: unknown block evidence.{name}; known: {', '.join(BLOCKS)}")
        return f"@@evidence:{name}@@"

    return _BLOCK.sub(token, markdown)


def _root(page) -> str:
    depth = page.url.rstrip("/").count("/") + 1 if page.url else 0
    return "../" * depth


def on_page_content(html, page, config, files):
    if _state.get("evidence") is None:
        return _problems_page()
    if page.file.src_uri == GLOSSARY_PAGE:
        return html
    # each abbreviation's first use on the page links to its definition
    return glossary.link_first_uses(_page_content(html, page, config), _state["terms"], _root(page) + "glossary/")


def _page_content(html, page, config):
    if page.file.src_uri.endswith(".ipynb"):
        html = _NBCONVERT_FURNITURE.sub("", _externalise_figures(html, page, config))
        html = _JUPYTER_CLASSES.sub("<div>", html)
        _extend_toc(page, html, "")  # headings a cell's output draws (one per study, say)
        return _fill_legend(html)
    evidence, root = _state["evidence"], _root(page)

    def fill(match):
        block = BLOCKS[match.group(2)](evidence, root)
        if match.group(1) and match.group(3):  # a block on its own line replaces its paragraph
            return f'<div class="data-text">{block}</div>'
        return (match.group(1) or "") + f'<span class="data-text">{block}</span>' + (match.group(3) or "")

    filled = _TOKEN.sub(fill, html)
    _extend_toc(page, filled, html)
    return _fill_legend(filled)


def _fill_legend(html: str) -> str:
    """The page's legend lists exactly the signs the page shows (known only once it is rendered)."""
    if not _LEGEND_SLOT.search(html):
        return html
    legend = render.legend(render.signs_used(_LEGEND_SLOT.sub("", html)))
    return _LEGEND_SLOT.sub(lambda _: legend, html, count=1)


def _extend_toc(page, filled: str, original: str) -> None:
    """Headings that a generated block or a cell's output adds enter the page's table of contents,
    where they stand on the page: a third-level heading under the second-level one before it."""

    def entries(items):
        for item in items:
            yield item
            yield from entries(item.children)

    known = {item.id: item for item in entries(page.toc.items)}
    found = _HEADING.findall(filled)
    added = [heading for heading in found if heading[1] not in known]
    if not added:
        return
    roots = [item for item in page.toc.items if item.level == 1]
    top = roots[0].children if len(roots) == 1 and len(page.toc.items) == 1 else page.toc.items
    anchors = {anchor for _, anchor, _ in found}
    if any(item.id not in anchors for item in entries(top)):
        # some heading of the contents is not one this pattern reads: keep them, add the new at the end
        found = added
    else:
        top.clear()
    for level, anchor, text in found:
        # the title stays escaped HTML: the theme's template prints it as it is
        link = known.get(anchor) or AnchorLink(re.sub(r"<[^>]+>", "", text), anchor, int(level))
        link.children = []
        parent = top[-1] if top and link.level > top[-1].level else None
        (parent.children if parent else top).append(link)


def _problems_page() -> str:
    items = "".join(f"<li><code>{render.escape(problem)}</code></li>" for problem in _state["problems"])
    return (
        '<div class="admonition failure"><p class="admonition-title">The data does not validate</p>'
        f"<p>The site shows this list until the data is fixed; every page reloads when you save.</p><ul>{items}</ul></div>"
    )


def _notebook_figures(path: str) -> list[str]:
    """The figures exactly as the notebook stored them: nbconvert's HTML lower-cases attributes
    (viewBox → viewbox), which a standalone SVG file cannot afford."""
    notebook = json.loads(Path(path).read_text(encoding="utf-8"))
    outputs = "".join(
        "".join(output.get("data", {}).get("text/html", ""))
        for cell in notebook["cells"]
        for output in cell.get("outputs", [])
    )
    return [match.group(0) for match in _FIGURE.finditer(outputs)]


def _externalise_figures(html: str, page, config) -> str:
    """Each figure's SVGs → content-addressed files behind one <picture>; its data → a CSV download."""
    page_dir = page.url.rstrip("/") or "."
    originals = iter(_notebook_figures(page.file.abs_src_path))

    def write(content: str, suffix: str) -> str:
        name = hashlib.sha256(content.encode()).hexdigest()[:16] + suffix
        target = Path(config["site_dir"]) / FIGURES_DIR / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
        return posixpath.relpath(f"{FIGURES_DIR}/{name}", page_dir)

    def replace(match):
        original = _FIGURE.match(next(originals))
        name, inner = original.group(1), original.group(2)
        sources, alt, dims = {}, "", ""
        for svg_match in _SVG.finditer(inner):
            svg = svg_match.group(0)
            alt = render.escape(html_module.unescape(svg_match.group(1) or svg_match.group(2) or ""))
            opening_end = svg.index(">")
            head = re.sub(rf'\s(?:role="img"|{_LABEL}|data-variant="\w+")', "", svg[:opening_end])
            if 'xmlns="http://www.w3.org/2000/svg"' not in head:  # a standalone file needs its namespace
                head = head.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
            sources[svg_match.group(3)] = write(head + svg[opening_end:], ".svg")
            if svg_match.group(3) == "wide" and (size := _VIEWBOX.search(svg)):
                dims = f' width="{round(float(size.group(1)))}" height="{round(float(size.group(2)))}"'
        data = _DATA.search(inner)
        href = write(html_module.unescape(data.group(1)), ".csv") if data else ""
        csv_link = (
            f' <a class="figure-csv" href="{href}" download="{render.escape(name)}.csv">Data behind this figure (CSV)</a>'
            if data
            else ""
        )
        caption = re.search(r"<figcaption>(.*?)</figcaption>", inner, re.DOTALL)
        picture = (
            f'<picture><source media="{render.NARROW_MEDIA}" srcset="{sources["narrow"]}">'
            f'<img src="{sources["wide"]}" alt="{alt}"{dims} loading="lazy" decoding="async"></picture>'
        )
        return (
            f'<figure class="evidence-figure" data-figure="{name}">{picture}'
            f"<figcaption>{caption.group(1) if caption else ''}{csv_link}</figcaption></figure>"
        )

    return _FIGURE.sub(replace, html)


def on_post_page(output, page, config):
    # Material's search dialog has no accessible name (axe: aria-dialog-name).
    return output.replace(
        'data-md-component="search" role="dialog"', 'data-md-component="search" role="dialog" aria-label="Search"', 1
    )


def on_post_build(config):
    """Fill the explorer's "shown on" links from where each claim is shown in the built pages."""
    if staging := _state.pop("staging", None):
        shutil.rmtree(staging, ignore_errors=True)
    site = Path(config["site_dir"])
    explorer = site / EXPLORER_PAGE
    if _state.get("evidence") is None or not explorer.exists():
        return
    shown: dict[str, list[tuple[str, str]]] = {}
    for page in sorted(site.rglob("index.html")):
        if page == explorer:
            continue
        text = page.read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)(?: - [^<]*)?</title>", text)
        url = page.parent.relative_to(site).as_posix()
        for claim_id in dict.fromkeys(re.findall(r'data-claim="([^"]+)"', text)):
            shown.setdefault(claim_id, []).append((url, title.group(1) if title else url))

    def links(match):
        pages = shown.get(render.html.unescape(match.group(1)), [])
        if not pages:
            return '<span class="shown-on">this explorer only</span>'
        return ", ".join(f'<a href="../{"" if url == "." else url + "/"}">{title}</a>' for url, title in pages)

    html = explorer.read_text(encoding="utf-8")
    explorer.write_text(
        re.sub(r'<span class="shown-on" data-shown-on="([^"]+)"></span>', links, html), encoding="utf-8"
    )
