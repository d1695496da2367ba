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


# status → css class. The stylesheet draws the mark after the number, with the status as its
# alternative text (content: "✗" / "inconsistent"), so each number carries one short class.
STATUS_CLASSES = {
    STATUS_REPRODUCED: "s-ok",
    STATUS_TRUNCATED: "s-warn",
    STATUS_INCONSISTENT: "s-bad",
    STATUS_NOT_CHECKABLE: "s-na",
}


def status_legend() -> Safe:
    items = "".join(
        f'<li><span class="mark {STATUS_CLASSES[status]}"></span> {escape(status)}</li>' for status in STATUS_CLASSES
    )
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
CLAIMS_PAGE = "../../claims/"  # notebook pages live at notebooks/NN_topic/


def primary_flag(claim_id: str, verdict: str, note: str) -> Safe:
    """A link from a number to its concordance row, shown where the primary source disagrees."""
    return Safe(
        f'<a class="primary-flag" href="{PRIMARY_PAGE}#p-{escape(claim_id)}" aria-label="primary source: {escape(verdict)}">≠</a>'
    )


def claim_value(
    claim: dict, status: str, reference: str = "", show_unit: bool = True, primary: dict | None = None
) -> Safe:
    """A claim's number as printed, linked to its row; the site script shows its quote on hover and focus."""
    shown = with_unit(claim["value_as_printed"], claim["unit"]) if show_unit else claim["value_as_printed"]
    flag = ""
    if primary and primary["verdict"] in DISAGREEING_VERDICTS:
        flag = primary_flag(claim["claim_id"], primary["verdict"], primary["note"] or "")
    claim_id = escape(claim["claim_id"])
    return Safe(
        f'<a class="claim {STATUS_CLASSES[status]}" href="{CLAIMS_PAGE}#c-{claim_id}">{escape(shown)}</a>{flag}'
    )


def link(url: str, text: str) -> Safe:
    return Safe(f'<a href="{escape(url)}" rel="noopener noreferrer">{escape(text)}</a>')


def table(rows: list[dict], columns: list[tuple[str, str]], caption: str, numeric: tuple[str, ...] = ()) -> Safe:
    """An accessible HTML table: a caption, column headers with scope, no index column."""
    head = " ".join(f'<th scope="col">{escape(title)}</th>' for _, title in columns)
    body = []
    for row in rows:
        cells = " ".join(
            f'<td class="num">{escape(row.get(key))}</td>' if key in numeric else f"<td>{escape(row.get(key))}</td>"
            for key, _ in columns
        )
        row_id = f' id="{escape(row["__id__"])}"' if row.get("__id__") else ""
        body.append(f"<tr{row_id}>{cells}</tr>\n")
    return Safe(
        f'<div class="evidence-table" role="region" tabindex="0" aria-label="{escape(caption)}">'
        f"<table><caption>{escape(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        f'<button type="button" class="csv-download" hidden>Download CSV</button></div>'
    )
