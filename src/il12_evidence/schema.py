"""Table Schema checks (the subset the data package uses), reported per cell.

frictionless proves the descriptor itself (see tests/data); this checker applies the same
constraints in milliseconds, so that `validate` stays fast enough to run on every mutation of
the data and reports every problem as FILE:ROW:COLUMN. The descriptor is checked first
(`descriptor_problems`), so that nothing below ever raises on a malformed schema.
"""

import re
from collections.abc import Callable, Iterable

from .numbers import decimal_problem, parse_decimal

Report = Callable[[int, str, str], None]
TYPES = ("string", "integer", "number", "boolean")
CONSTRAINTS = ("required", "unique", "enum", "minimum", "maximum", "minLength", "maxLength", "pattern")
TRUE_VALUES, FALSE_VALUES = ("true", "True", "TRUE", "1"), ("false", "False", "FALSE", "0")
_INTEGER = re.compile(r"[+-]?[0-9]{1,18}", re.ASCII)


def cast(type_: str, text: str):
    """The typed value of a non-empty cell, or raise ValueError with a reader's message."""
    if type_ == "string":
        return text
    if type_ == "integer":
        if not _INTEGER.fullmatch(text):
            if text.strip() and not text.strip().isascii():
                raise ValueError(f"{_preview(text)} is not a whole number: use ASCII digits 0-9")
            raise ValueError(f"{_preview(text)} is not a whole number")
        return int(text)
    if type_ == "number":
        value = parse_decimal(text)
        if value is None or text != text.strip():
            raise ValueError(decimal_problem(text))
        return value
    if type_ == "boolean":
        if text in TRUE_VALUES:
            return True
        if text in FALSE_VALUES:
            return False
        raise ValueError(f"{_preview(text)} is not true or false")
    raise ValueError(f"unsupported field type {type_!r}")


def descriptor_problems(resource: dict) -> Iterable[tuple[str, str]]:
    """(where, message) for every structural problem of a table resource's schema."""
    schema = resource.get("schema")
    if not isinstance(schema, dict):
        yield "schema", "a table resource needs a schema object"
        return
    fields = schema.get("fields")
    if not isinstance(fields, list) or not fields:
        yield "schema.fields", "must be a non-empty list"
        return
    names = []
    for index, field in enumerate(fields):
        where = f"schema.fields[{index}]"
        if not isinstance(field, dict) or not isinstance(field.get("name"), str) or not field.get("name"):
            yield where, "a field needs a non-empty name"
            continue
        names.append(field["name"])
        where = f"schema.fields.{field['name']}"
        if field.get("type", "string") not in TYPES:
            yield where, f"type {field.get('type')!r} is not one of {', '.join(TYPES)}"
        constraints = field.get("constraints", {})
        if not isinstance(constraints, dict):
            yield where, "constraints must be an object"
            continue
        for key, value in constraints.items():
            if key not in CONSTRAINTS:
                yield where, f"unknown constraint {key!r}"
            elif key == "pattern":
                try:
                    re.compile(value)
                except (re.error, TypeError) as error:
                    yield where, f"pattern {_preview(str(value))} is not a valid regular expression: {error}"
            elif key == "enum" and not isinstance(value, list):
                yield where, "enum must be a list"
            elif key in ("minimum", "maximum") and (isinstance(value, bool) or not isinstance(value, int | float)):
                yield where, f"{key} must be a number"
            elif key in ("minimum", "maximum") and field.get("type", "string") not in ("integer", "number"):
                yield where, f"{key} applies to integer and number fields only"  # a text compared with 0 raises
            elif key in ("minLength", "maxLength") and (isinstance(value, bool) or not isinstance(value, int)):
                yield where, f"{key} must be a whole number"
    if len(set(names)) != len(names):
        yield "schema.fields", "field names must be unique"
    key = schema.get("primaryKey", [])
    if not isinstance(key, list) or any(name not in names for name in key):
        yield "schema.primaryKey", "must list fields of the schema"
    foreign_keys = schema.get("foreignKeys", [])
    if not isinstance(foreign_keys, list):
        yield "schema.foreignKeys", "must be a list"
        foreign_keys = []
    for index, foreign in enumerate(foreign_keys):
        where = f"schema.foreignKeys[{index}]"
        reference = foreign.get("reference") if isinstance(foreign, dict) else None
        if (
            not isinstance(reference, dict)
            or not isinstance(foreign.get("fields"), list)
            or not isinstance(reference.get("fields"), list)
            or len(foreign["fields"]) != len(reference["fields"])
            or any(name not in names for name in foreign["fields"])
            # names are looked up in rows and tables: anything but text would raise there
            or not all(isinstance(name, str) for name in reference["fields"])
            or not isinstance(reference.get("resource", ""), str)
        ):
            yield where, "needs fields of the schema and a reference with as many fields"


def check_fields(rows: list[dict], schema: dict, report: Report) -> list[dict]:
    """Check every cell against its field; return the rows with typed values (None if empty)."""
    typed_rows = []
    # each field's checks, looked up once per table rather than once per cell
    fields = []
    for field in schema["fields"]:
        constraints = field.get("constraints", {})
        pattern = re.compile(constraints["pattern"]) if "pattern" in constraints else None
        checked = any(key in constraints for key in ("enum", "minimum", "maximum", "minLength", "maxLength", "pattern"))
        fields.append((field["name"], field.get("type", "string"), constraints, pattern, checked))
    seen: dict[str, dict] = {name: {} for name, *_ in fields}
    for row in rows:
        line = row["__row__"]
        typed = {"__row__": line}
        for name, type_, constraints, pattern, checked in fields:
            text = row.get(name, "")
            if text == "":
                if constraints.get("required"):
                    report(line, name, "required value is missing")
                typed[name] = None
                continue
            try:
                value = text if type_ == "string" else cast(type_, text)
            except ValueError as error:
                report(line, name, f"{error} (type {type_})")
                typed[name] = None
                continue
            if checked:
                for message in _constraint_problems(value, text, constraints, pattern):
                    report(line, name, message)
            if constraints.get("unique"):
                first = seen[name].setdefault(value, line)
                if first != line:
                    report(line, name, f"duplicate value {_preview(text)} (first at row {first})")
            typed[name] = value
        typed_rows.append(typed)
    return typed_rows


def _constraint_problems(value, text: str, constraints: dict, pattern) -> Iterable[str]:
    if "enum" in constraints and value not in constraints["enum"]:
        yield f"{_preview(text)} is not one of: {', '.join(map(str, constraints['enum']))}"
    if "minimum" in constraints and value < constraints["minimum"]:
        yield f"{text} is below the minimum {constraints['minimum']}"
    if "maximum" in constraints and value > constraints["maximum"]:
        yield f"{text} is above the maximum {constraints['maximum']}"
    if "minLength" in constraints and len(text) < constraints["minLength"]:
        yield f"shorter than {constraints['minLength']} characters"
    if "maxLength" in constraints and len(text) > constraints["maxLength"]:
        yield f"longer than {constraints['maxLength']} characters"
    if pattern is not None and not pattern.fullmatch(text):
        yield f"{_preview(text)} does not match the pattern {constraints['pattern']}"


def check_primary_key(typed_rows: list[dict], schema: dict, report: Report) -> None:
    key = schema.get("primaryKey", [])
    if not key:
        return
    first_rows: dict[tuple, int] = {}
    for row in typed_rows:
        values = tuple(row.get(name) for name in key)
        if any(value is None for value in values):
            if len(key) > 1:  # a one-field key is reported as a missing required value
                report(row["__row__"], key[0], f"primary key {'+'.join(key)} needs every part")
            continue
        first = first_rows.setdefault(values, row["__row__"])
        if first != row["__row__"]:
            shown = "+".join(map(str, values))
            report(row["__row__"], key[0], f"duplicate key {_preview(shown)} (first at row {first})")


def check_foreign_keys(
    typed_rows: list[dict], schema: dict, own_name: str, tables: dict[str, list[dict]], report: Report
) -> None:
    for foreign_key in schema.get("foreignKeys", []):
        fields, target = foreign_key["fields"], foreign_key["reference"]
        resource = target.get("resource") or own_name
        if resource not in tables:
            report(0, fields[0], f"refers to resource {resource!r}, which the package does not have")
            continue
        known = {tuple(row.get(name) for name in target["fields"]) for row in tables[resource]}
        for row in typed_rows:
            values = tuple(row.get(name) for name in fields)
            if all(value is not None for value in values) and values not in known:
                shown = "+".join(map(str, values))
                report(
                    row["__row__"], fields[0], f"{_preview(shown)} is not a {'+'.join(target['fields'])} in {resource}"
                )


def _preview(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "…")
