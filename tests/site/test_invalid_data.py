"""With invalid data the site shows no number: the build fails listing the problems, and serve shows them.

Both run on a broken copy of data/ named by IL12_DATA_DIR; the list must be exactly the
FILE:ROW:COLUMN lines that `python -m il12_evidence validate` prints for that copy.
"""

import html
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from il12_evidence.paths import ROOT

PROBLEM_LINE = re.compile(r"^[^:\s]+:\d+:[^:\s]+: \S.*$")
LISTED = re.compile(r"<li><code>(.*?)</code></li>", re.DOTALL)
PAGES = ["", "methods/", "claims/", "therapy/single-agent/", "audit/"]
SERVE_TIMEOUT = 120  # seconds until the first page is served (the first build takes 5-15 s)


def _set_cells(path, claim_id, **cells):
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = lines[0].rstrip("\n").split(",")
    for index, line in enumerate(lines):
        if line.startswith(claim_id + ","):
            cells_of_row = line.rstrip("\n").split(",")  # the cells edited here hold no comma or quote
            for column, value in cells.items():
                cells_of_row[header.index(column)] = value
            lines[index] = ",".join(cells_of_row) + "\n"
    path.write_text("".join(lines), encoding="utf-8")


@pytest.fixture(scope="module")
def broken_data(tmp_path_factory):
    data = tmp_path_factory.mktemp("invalid") / "data"
    shutil.copytree(ROOT / "data", data)
    _set_cells(data / "claims.csv", "ctcl-pr-rate", value="44")  # differs from the printed 43
    _set_cells(data / "claims.csv", "ctcl-completed", denominator="9")  # fewer than its 10 completers
    return data.resolve()


@pytest.fixture(scope="module")
def expected_problems(broken_data) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-m", "il12_evidence", "validate", "--data", str(broken_data)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) >= 2 and all(PROBLEM_LINE.match(line) for line in lines), result.stdout
    return lines


def _environment(data) -> dict[str, str]:
    return {
        **os.environ,
        "IL12_DATA_DIR": str(data),
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONPATH": str(ROOT / "src"),
    }


def test_strict_build_fails_listing_the_problems(broken_data, expected_problems, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_environment(broken_data),
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert [line for line in output.splitlines() if PROBLEM_LINE.match(line)] == expected_problems, output[-3000:]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""


def test_serve_shows_the_problems_on_every_page(broken_data, expected_problems, tmp_path):
    port = _free_port()
    log = tmp_path / "serve.log"
    with open(log, "wb") as output:  # a file, not a pipe: a full pipe would stall the server
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            stdout=output,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
            env=_environment(broken_data),
        )
    try:
        deadline = time.monotonic() + SERVE_TIMEOUT
        while True:
            assert server.poll() is None, f"mkdocs serve ended:\n{log.read_text()[-3000:]}"
            try:
                status, _ = _get(f"http://127.0.0.1:{port}/")
                if status == 200:
                    break
            except OSError:  # not listening yet
                pass
            assert time.monotonic() < deadline, f"no page after {SERVE_TIMEOUT} s:\n{log.read_text()[-3000:]}"
            time.sleep(0.5)
        for _ in range(2):  # and it keeps answering
            for page in PAGES:
                status, body = _get(f"http://127.0.0.1:{port}/{page}")
                assert status == 200, page
                assert [html.unescape(item) for item in LISTED.findall(body)] == expected_problems, page
        assert server.poll() is None
        assert "Traceback" not in log.read_text()
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
