"""One reportable problem with the data, located as FILE:ROW:COLUMN."""

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    row: int  # record number in the file, the header being row 1; 0 for the whole file
    column: str  # column name, or "-" when the problem is not about one column
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.row}:{self.column}: {self.message}"


class DataError(Exception):
    """Raised by `load` when the data does not validate; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


def display_path(path: Path) -> str:
    """A path as a reader typed it: relative to the working directory when below it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative
