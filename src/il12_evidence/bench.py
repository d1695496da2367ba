"""Measure the budgets (`make bench`): scaling of validation, test suite, strict build, serve
rebuild, fresh clone to site, Lighthouse.

Prints one line per measurement. Timings are wall-clock on this machine; run it on an idle
machine. `--quick` skips the fresh-clone measurement, which downloads every dependency;
`--scaling` measures only validate and audit on synthetic 10× and 100× data.
"""

import contextlib
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .paths import ROOT
from .serving import serve

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
BIN = Path(sys.executable).parent


def timed(command: list[str], cwd: Path = ROOT, env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env or ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def serve_rebuild_seconds(project: Path, port: int = 8799) -> tuple[float, float | None]:
    """Edit a Markdown page under a running `mkdocs serve` (in a copy): seconds from the edit to
    the browser reload (file watching included), and the build time MkDocs reports."""
    server = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=ENV,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for line in server.stderr:
            if "Serving on" in line:
                break
        page = project / "docs" / "methods.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nEdited by the benchmark.\n", encoding="utf-8")
        edited, built = time.perf_counter(), None
        for line in server.stderr:
            if match := re.search(r"Documentation built in ([\d.]+) seconds", line):
                built = float(match.group(1))
            if "Reloading browsers" in line:
                return time.perf_counter() - edited, built
        raise RuntimeError("mkdocs serve stopped before rebuilding")
    finally:
        server.terminate()
        server.wait(timeout=10)


LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
LIGHTHOUSE_RUNS = 3
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking "
    "--disable-component-update --disable-sync"
)


def lighthouse_scores(site: Path, runs: int = LIGHTHOUSE_RUNS) -> list[tuple[str, int, int, int]]:
    """(page, median performance, lowest performance, lowest accessibility) over `runs` runs of every
    page: Lighthouse's mobile defaults, Debian's chromium, the site served with gzip as a static host
    serves it. Several runs, as Lighthouse's own guidance on variability advises: one run of a long
    page swung by 10 points from one run to the next on this machine."""
    pages = sorted(  # every page but the redirects from old addresses (they land on a page measured here)
        "" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
        for p in site.rglob("index.html")
        if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")[:2000]
    )
    scores = []
    with serve(site) as url:
        for page in pages:
            performance, accessibility = [], []
            for _ in range(runs):
                run = _lighthouse(f"{url}/{page}")
                performance.append(run[0])
                accessibility.append(run[1])
            scores.append(
                (page or "(home)", round(statistics.median(performance)), min(performance), min(accessibility))
            )
    return scores


def _lighthouse(address: str) -> tuple[int, int]:
    """One Lighthouse run: (performance, accessibility)."""
    result = subprocess.run(
        [
            "node",
            str(LIGHTHOUSE),
            address,
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            "--only-categories=performance,accessibility",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        capture_output=True,
        text=True,
        env={**ENV, "CHROME_PATH": os.environ.get("CHROMIUM", "/usr/bin/chromium")},
    )
    categories = json.loads(result.stdout)["categories"]
    return round(categories["performance"]["score"] * 100), round(categories["accessibility"]["score"] * 100)


def page_weights(site: Path) -> list[tuple[str, int]]:
    return sorted((str(page.relative_to(site)), page.stat().st_size) for page in site.rglob("index.html"))


def scaling(scratch: Path) -> None:
    """validate and audit on synthetic data 10× and 100× the real size: wall time of the command a
    user runs, and the growth exponent of the work between the two sizes (interpreter start excluded)."""
    import math

    from .__main__ import run_audit, run_validate
    from .paths import DATA_DIR
    from .synthetic import scale

    timings: dict[str, dict[int, float]] = {"validate": {}, "audit": {}}
    for factor in (10, 100):
        data = scale(DATA_DIR, factor, scratch / f"x{factor}")
        for command in timings:
            wall = min(timed([sys.executable, "-m", "il12_evidence", command, "--data", str(data)]) for _ in range(3))
            print(f"{command} at {factor}× ({factor * 123:,} claims): {wall:.2f} s wall  [budget 3 s]")
        for command, run in (("validate", run_validate), ("audit", lambda d: run_audit(d, "csv", True))):
            runs = []
            for _ in range(3):
                start = time.perf_counter()
                with contextlib.redirect_stdout(io.StringIO()):
                    assert run(data) == 0
                runs.append(time.perf_counter() - start)
            timings[command][factor] = min(runs)
    for command, by_size in timings.items():
        exponent = math.log(by_size[100] / by_size[10]) / math.log(10)
        print(
            f"{command}: work {by_size[10]:.3f} s at 10×, {by_size[100]:.3f} s at 100×, growth exponent {exponent:.2f}  [budget 1.1]"
        )


def main(arguments: list[str]) -> int:
    quick = "--quick" in arguments
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        scaling(scratch)
        if "--scaling" in arguments:
            return 0
        site = scratch / "site"
        timed([str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site)])  # warm the notebook cache
        build = min(timed([str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site)]) for _ in range(3))
        print(f"mkdocs build --strict (warm, best of 3): {build:.2f} s  [budget 5 s]")
        start = time.perf_counter()
        suite = subprocess.run(
            [sys.executable, "-m", "pytest", "-q"], cwd=ROOT, env=ENV, capture_output=True, text=True
        )
        tests = time.perf_counter() - start
        counts = dict((kind, int(n)) for n, kind in re.findall(r"(\d+) (passed|failed|skipped|errors?)", suite.stdout))
        print(
            f"full test suite (make test's pytest, dependencies installed): {tests:.1f} s for "
            f"{counts.get('passed', 0)} passed, {counts.get('failed', 0)} failed, {counts.get('skipped', 0)} skipped  [budget 60 s]"
        )
        pinned = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-o", "addopts=", "-p", "no:cacheprovider",
             "tests/data/test_numbers_pinned.py", "-k", "pinned_to_its_quote"],
            cwd=ROOT, env=ENV, capture_output=True, text=True,
        ).stdout  # fmt: skip
        caught = int(re.search(r"(\d+) passed", pinned).group(1)) if "passed" in pinned else 0
        missed = int(re.search(r"(\d+) failed", pinned).group(1)) if "failed" in pinned else 0
        print(
            f"every number pinned to its quote and counts (each numeric cell of claims.csv changed by one unit): "
            f"{caught} of {caught + missed} caught by validation"
        )
        copy = scratch / "project"
        shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".venv", "site", ".git"))
        shutil.copytree(ROOT / ".cache", copy / ".cache", dirs_exist_ok=True) if (ROOT / ".cache").exists() else None
        wall, built = serve_rebuild_seconds(copy)
        print(
            f"mkdocs serve rebuild after editing a Markdown page: build {built:.2f} s, edit to reload {wall:.2f} s  [budget 1 s]"
        )
        weights = page_weights(site)
        markdown_page = dict(weights)["methods/index.html"]
        heaviest = max(weights, key=lambda item: item[1])
        print(
            f"page weight: plain Markdown page {markdown_page / 1024:.0f} KB; heaviest {heaviest[0]} {heaviest[1] / 1024:.0f} KB "
            f"({heaviest[1] / markdown_page:.1f}×)"
        )
        index = site / "search" / "search_index.json"
        print(f"search index: {index.stat().st_size / 1024:.0f} KB  [budget 1 MB]")
        if LIGHTHOUSE.exists() and shutil.which("node"):
            scores = lighthouse_scores(site)
            for page, median, lowest, accessibility in scores:
                print(
                    f"  lighthouse {page}: performance median {median} (lowest {lowest}), accessibility {accessibility}"
                )
            print(
                f"lighthouse (mobile, {LIGHTHOUSE_RUNS} runs a page) over {len(scores)} pages: performance medians "
                f"{min(s[1] for s in scores)}–{max(s[1] for s in scores)}, lowest single run {min(s[2] for s in scores)} "
                f"[budget 95]; accessibility lowest {min(s[3] for s in scores)} [budget 100]"
            )
        else:
            print(
                "lighthouse: skipped (run `make bench`, which installs it from tools/lighthouse, on a machine with Node.js)"
            )
        if not quick:
            clone = scratch / "clone"
            subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
            env = {**ENV, "UV_CACHE_DIR": str(scratch / "uv-cache"), "PIP_NO_CACHE_DIR": "1"}  # nothing cached
            setup = timed(["make", "setup"], cwd=clone, env=env)
            first_build = timed([str(clone / ".venv" / "bin" / "mkdocs"), "build", "--strict"], cwd=clone, env=env)
            print(
                f"fresh clone to served site (empty caches: setup {setup:.1f} s + first build {first_build:.1f} s): "
                f"{setup + first_build:.1f} s  [budget 90 s]"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
