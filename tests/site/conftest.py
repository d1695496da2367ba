"""A strictly built site, served on loopback, and Debian's chromium driven by Playwright."""

import fcntl
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from il12_evidence.paths import ROOT

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Flags for a sandboxed, offline machine: no background requests to any other host.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> tuple[Path, str]:
    """The site, built once per test run: pytest-xdist workers share one build (under a lock)."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the run's base directory, common to every worker
    target, log = shared / "site", shared / "site-build.log"
    with (shared / "site-build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not log.exists():
            result = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)],
                capture_output=True,
                text=True,
                cwd=ROOT,
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            )
            assert result.returncode == 0, result.stderr[-3000:]
            log.write_text(result.stderr, encoding="utf-8")
        stderr = log.read_text(encoding="utf-8")
    return target, stderr


@pytest.fixture(scope="session")
def site(built_site) -> Path:
    return built_site[0]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(site):
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        message = f"no chromium at {CHROMIUM}: install Debian's chromium (`.ci/run` does) to run the browser tests"
        # Only a local run may skip them (listed by -rs); in CI a missing browser is a failure.
        if any(os.environ.get(name, "").lower() not in ("", "0", "false") for name in ("IL12_REQUIRE_BROWSER", "CI")):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright  # locked dev dependency: missing means a broken setup

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()
