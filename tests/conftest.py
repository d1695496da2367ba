"""Shared fixture: a writable copy of the real data."""

import shutil
from pathlib import Path

import pytest

from il12_evidence.paths import DATA_DIR


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ that a test may break; the real files are never touched."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target
