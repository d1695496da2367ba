"""Numbers in prose: one strict placeholder syntax, checked before anything is rendered.

A template is plain text with placeholders:

    {claim-id}        the number as it reads with its unit ("23 patients", "twice a week")
    {claim-id:bare}   the number alone, as printed ("Six" at a sentence start, "six" elsewhere)
    {claim-id:rate}   the rate recomputed from the claim's counts, with its confidence interval
    {=name}           a value the notebook computed and passes by keyword (say(..., name=value))

An unknown claim id, an unknown form, a stray brace or an empty placeholder is an error, never
an empty string: `fill` raises TemplateError, and `check_sources` reports each one in the
notebook sources as FILE:LINE so that the build fails before a page is made.
"""

import ast
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem, display_path

FORMS = ("value", "bare", "rate")
_BRACES = re.compile(r"[{}]")
_INSIDE = re.compile(r"([a-z0-9]+(?:-[a-z0-9]+)*)(?::([a-z]+))?|=([a-z_][a-z0-9_]*)")
_SENTENCE_END = re.compile(r"(?:^|[.!?]\s+)$")


class TemplateError(ValueError):
    """A template that names no claim, an unknown form, or is malformed."""


@dataclass(frozen=True)
class Slot:
    claim_id: str
    form: str
    start: int  # offset of "{" in the template
    end: int
    sentence_start: bool


def parse(template: str) -> list[str | Slot]:
    """Text pieces and slots, in order; raises TemplateError on any malformed brace."""
    pieces: list[str | Slot] = []
    position = 0
    while (match := _BRACES.search(template, position)) is not None:
        start = match.start()
        if match.group() == "}":
            raise TemplateError(f"a '}}' at offset {start} closes no placeholder")
        end = template.find("}", start)
        nested = template.find("{", start + 1)
        if end == -1 or (nested != -1 and nested < end):
            raise TemplateError(f"the placeholder at offset {start} is not closed")
        inside = template[start + 1 : end]
        found = _INSIDE.fullmatch(inside)
        if found is None:
            raise TemplateError(
                f"{{{inside}}} is not a placeholder: write {{claim-id}}, {{claim-id:form}} or {{=name}}"
            )
        if found.group(3):  # a computed value passed by keyword
            pieces.append(template[position:start])
            pieces.append(Slot(found.group(3), "computed", start, end + 1, False))
            position = end + 1
            continue
        form = found.group(2) or "value"
        if form not in FORMS:
            raise TemplateError(f"{{{inside}}}: unknown form {form!r}; the forms are {', '.join(FORMS)}")
        before = template[position:start]
        pieces.append(before)
        text_so_far = "".join(p for p in pieces if isinstance(p, str))
        pieces.append(Slot(found.group(1), form, start, end + 1, bool(_SENTENCE_END.search(text_so_far))))
        position = end + 1
    pieces.append(template[position:])
    return pieces


def problems_in(template: str, known_claims: set[str], values: set[str] = frozenset()) -> list[tuple[int, str]]:
    """(offset, message) for every problem of a template against the known claim ids and keyword values."""
    try:
        slots = [piece for piece in parse(template) if isinstance(piece, Slot)]
    except TemplateError as error:
        return [(0, str(error))]
    found = []
    for slot in slots:
        if slot.form == "computed" and slot.claim_id not in values:
            found.append((slot.start, f"{{={slot.claim_id}}} is passed no value: add {slot.claim_id}=... to the call"))
        elif slot.form != "computed" and slot.claim_id not in known_claims:
            found.append((slot.start, f"{{{slot.claim_id}}} names no claim in claims.csv"))
    return found


def check_sources(paths: Iterable[Path], known_claims: set[str], *, call: str = "say") -> list[Problem]:
    """Every template passed to `call(...)` in the notebook sources, checked; FILE:LINE problems."""
    problems = []
    for path in paths:
        source = path.read_text(encoding="utf-8")
        shown = display_path(path)
        try:
            tree = ast.parse(source, filename=shown)
        except SyntaxError as error:
            problems.append(Problem(shown, error.lineno or 0, "-", f"not valid Python: {error.msg}"))
            continue
        lines = source.splitlines()
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and _called(node) == call):
                continue
            argument = node.args[0] if node.args else None
            if not (isinstance(argument, ast.Constant) and isinstance(argument.value, str)):
                problems.append(Problem(shown, node.lineno, "-", f"{call}() needs a literal template string"))
                continue
            keywords = {keyword.arg for keyword in node.keywords if keyword.arg}
            for offset, message in problems_in(argument.value, known_claims, keywords):
                line = _line_of(argument.value, offset, lines, argument.lineno, argument.end_lineno)
                problems.append(Problem(shown, line, "-", message))
    return problems


def _called(node: ast.Call) -> str:
    function = node.func
    return function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")


def _line_of(template: str, offset: int, lines: list[str], first: int, last: int) -> int:
    """The source line (1-based) that holds the placeholder at `offset` of a concatenated literal."""
    snippet = template[offset : template.find("}", offset) + 1] or template[offset : offset + 20]
    for number in range(first, last + 1):
        if snippet and snippet in lines[number - 1]:
            return number
    return first
