"""Table Schema checks (the subset the data package uses), reported per cell.

frictionless proves the descriptor itself (see tests/data); this checker applies the same
constraints in milliseconds, so that `validate` stays fast enough to run on every mutation of
the data and reports every problem as FILE:ROW:COLUMN.
"""

import re
from collections.abc import Callable, Iterable

from .values import parse_decimal

Report = Callable[[int, str, str], None]


def cast(type_: str, text: str):
    """The typed value of a non-empty cell, or raise ValueError with a reader's message."""
    if type_ == "string":
        return text
    if type_ == "integer":
        if not re.fullmatch(r"[+-]?\d+", text.strip()):
            raise ValueError(f"{text!r} is not a whole number")
        return int(text)
    if type_ == "number":
        value = parse_decimal(text)
        if value is None:
            raise ValueError(f"{text!r} is not a number")
        return value
    raise ValueError(f"unsupported field type {type_!r} in the schema")


def check_fields(rows: list[dict], schema: dict, report: Report) -> list[dict]:
    """Check every cell against its field; return the rows with typed values (None if empty)."""
    typed_rows = []
    seen: dict[str, dict] = {field["name"]: {} for field in schema["fields"]}
    for row in rows:
        typed = {"__row__": row["__row__"]}
        for field in schema["fields"]:
            name, constraints = field["name"], field.get("constraints", {})
            text = row.get(name, "")
            if text == "":
                if constraints.get("required"):
                    report(row["__row__"], name, "required value is missing")
                typed[name] = None
                continue
            try:
                value = cast(field["type"], text)
            except ValueError as error:
                report(row["__row__"], name, f"{error} (type {field['type']})")
                typed[name] = None
                continue
            for message in _constraint_problems(value, text, constraints):
                report(row["__row__"], name, message)
            if constraints.get("unique"):
                first = seen[name].setdefault(value, row["__row__"])
                if first != row["__row__"]:
                    report(row["__row__"], name, f"duplicate value {text!r} (first at row {first})")
            typed[name] = value
        typed_rows.append(typed)
    return typed_rows


def _constraint_problems(value, text: str, constraints: dict) -> Iterable[str]:
    if "enum" in constraints and value not in constraints["enum"]:
        yield f"{text!r} is not one of: {', '.join(map(str, constraints['enum']))}"
    if "minimum" in constraints and value < constraints["minimum"]:
        yield f"{text} is below the minimum {constraints['minimum']}"
    if "maximum" in constraints and value > constraints["maximum"]:
        yield f"{text} is above the maximum {constraints['maximum']}"
    if "minLength" in constraints and len(text) < constraints["minLength"]:
        yield f"shorter than {constraints['minLength']} characters"
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], text):
        yield f"{_preview(text)} does not match the pattern {constraints['pattern']}"


def check_primary_key(typed_rows: list[dict], schema: dict, report: Report) -> None:
    key = schema.get("primaryKey", [])
    if len(key) < 2:  # a one-field key is already checked as `unique`
        return
    first_rows: dict[tuple, int] = {}
    for row in typed_rows:
        values = tuple(row.get(name) for name in key)
        first = first_rows.setdefault(values, row["__row__"])
        if first != row["__row__"]:
            report(row["__row__"], key[0], f"duplicate key {values} (first at row {first})")


def check_foreign_keys(typed_rows: list[dict], schema: dict, tables: dict[str, list[dict]], report: Report) -> None:
    for foreign_key in schema.get("foreignKeys", []):
        (field,) = foreign_key["fields"]
        target = foreign_key["reference"]
        (target_field,) = target["fields"]
        known = {row.get(target_field) for row in tables.get(target["resource"], [])}
        for row in typed_rows:
            value = row.get(field)
            if value is not None and value not in known:
                report(row["__row__"], field, f"{value!r} is not a {target_field} in {target['resource']}")


def _preview(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "…")
