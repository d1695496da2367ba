"""Cells of exported tables, safe to open in a spreadsheet.

A cell that begins with = + - @ (or a tab or carriage return) is run as a formula by
spreadsheet programs; OWASP's advice is to prefix it with a single quote. The canonical data
files are never rewritten: this applies to what the site and the CLI export.
"""

import csv
import io
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_lines(rows: Iterable[Iterable]) -> str:
    """Rows as CSV, every cell through safe_cell, each record ending in "\\n".

    Python's csv quotes a cell only for the characters of its line terminator: with "\\n" alone, a
    carriage return inside a cell stays bare, and a spreadsheet starts a new row there whose
    first cell safe_cell never saw. Writing with "\\r\\n" quotes both; the records then end in "\\n".
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    lines = []
    for row in rows:
        writer.writerow([safe_cell(str(cell)) for cell in row])
        lines.append(buffer.getvalue().removesuffix("\r\n") + "\n")
        buffer.seek(0)
        buffer.truncate()
    return "".join(lines)
