"""Cells of exported tables, safe to open in a spreadsheet.

A cell that begins with = + - @ (or a tab or carriage return) is run as a formula by
spreadsheet programs; OWASP's advice is to prefix it with a single quote. The canonical data
files are never rewritten: this applies to what the site and the CLI export.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text
