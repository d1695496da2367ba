"""Formatting numbers, status marks and tables as HTML for the site. Data text is always escaped."""

import html
from decimal import Decimal

from .checks import STATUS_INCONSISTENT, STATUS_NOT_CHECKABLE, STATUS_REPRODUCED, STATUS_TRUNCATED


class Safe(str):
    """HTML that is already escaped and may be inserted as is."""


def escape(value) -> Safe:
    if isinstance(value, Safe):
        return value
    return Safe(html.escape("" if value is None else str(value), quote=True))


# status → (symbol, css class); the symbol is decorative, the words are read out.
STATUS_MARKS = {
    STATUS_REPRODUCED: ("✓", "status-ok"),
    STATUS_TRUNCATED: ("≈", "status-warn"),
    STATUS_INCONSISTENT: ("✗", "status-bad"),
    STATUS_NOT_CHECKABLE: ("·", "status-na"),
}


def status_mark(status: str) -> Safe:
    symbol, css = STATUS_MARKS[status]
    return Safe(
        f'<span class="status {css}" title="{escape(status)}"><span aria-hidden="true">{symbol}</span>'
        f'<span class="sr-only">{escape(status)}</span></span>'
    )


def status_legend() -> Safe:
    items = "".join(f"<li>{status_mark(status)} {escape(status)}</li>" for status in STATUS_MARKS)
    return Safe(f'<ul class="status-legend" aria-label="Check status legend">{items}</ul>')


def number(value, places: int | None = None) -> str:
    """A number for display: Decimals keep their printed digits unless places is given."""
    if value is None:
        return "—"
    if places is not None:
        return f"{float(value):.{places}f}"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}" if value == value.to_integral() else f"{value:f}"
    return str(value)


def percent(rate: float, places: int = 1) -> str:
    return f"{rate * 100:.{places}f}%"


def with_unit(text: str, unit: str) -> str:
    if unit == "%":
        return f"{text}%"
    return f"{text} {unit}" if unit else text


DISAGREEING_VERDICTS = ("mismatch", "misattributed")
PRIMARY_PAGE = "../09_primary_sources/"


def primary_flag(claim_id: str, verdict: str, note: str) -> Safe:
    """A link from a number to its concordance row, shown where the primary source disagrees."""
    return Safe(
        f'<a class="primary-flag" href="{PRIMARY_PAGE}#p-{escape(claim_id)}" title="{escape(f"Primary source: {verdict}. {note}")}">'
        f'<span aria-hidden="true">≠</span><span class="sr-only">primary source: {escape(verdict)}</span></a>'
    )


def claim_value(
    claim: dict, status: str, reference: str = "", show_unit: bool = True, primary: dict | None = None
) -> Safe:
    """A claim's number as printed, carrying its quote, reference and check status."""
    shown = with_unit(claim["value_as_printed"], claim["unit"]) if show_unit else claim["value_as_printed"]
    tip = f"“{claim['quote']}” — {reference or claim['study']} — {status} — claim {claim['claim_id']}"
    flag = ""
    if primary and primary["verdict"] in DISAGREEING_VERDICTS:
        flag = primary_flag(claim["claim_id"], primary["verdict"], primary["note"] or "")
    return Safe(
        f'<span class="claim" tabindex="0" data-claim="{escape(claim["claim_id"])}" title="{escape(tip)}">'
        f"{escape(shown)}</span>{status_mark(status)}{flag}"
    )


def link(url: str, text: str) -> Safe:
    return Safe(f'<a href="{escape(url)}" rel="noopener noreferrer">{escape(text)}</a>')


def table(rows: list[dict], columns: list[tuple[str, str]], caption: str, numeric: tuple[str, ...] = ()) -> Safe:
    """An accessible HTML table: a caption, column headers with scope, no index column."""
    head = "".join(f'<th scope="col">{escape(title)}</th>' for _, title in columns)
    body = []
    for row in rows:
        cells = "".join(
            f'<td class="num">{escape(row.get(key))}</td>' if key in numeric else f"<td>{escape(row.get(key))}</td>"
            for key, _ in columns
        )
        row_id = f' id="{escape(row["__id__"])}"' if row.get("__id__") else ""
        body.append(f"<tr{row_id}>{cells}</tr>")
    return Safe(
        f'<div class="evidence-table"><table><caption>{escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )
