"""HTML for the site: numbers with their marks, tables, links. Data text is always escaped.

The page contract, relied on by the tests and by anyone reading the HTML: every number shown
from the data is an element with `data-claim="<claim_id>"`; inside it, the number links to its
row in the claims explorer, and its marks are real text with an accessible name — one of
✓ ≈ ✗ · (marks.py), plus ≠ linking to the primary-source comparison where the cited study
disagrees. Every function takes keyword-only arguments past the first.
"""

import html
import re
from collections.abc import Sequence

from . import marks as mark_names
from .marks import ClaimMark
from .views import NO_RECORD, ConcordanceRow, FindingRow, Number, ProportionRow, ReferenceRow, StudyRow

RECORD_COLUMN = "DOI, PubMed or PMC record"

# Where things are on the site, relative to its root (use_directory_urls).
CLAIMS_PAGE = "claims/"
AUDIT_PAGE = "notebooks/08_evidence_audit/"
PRIMARY_PAGE = "notebooks/09_primary_sources/"
NARROW_MEDIA = "(max-width: 44em)"  # where figures switch to their narrow drawing (phones)


class Safe(str):
    """HTML that is already escaped and may be inserted as is."""


def escape(value) -> Safe:
    if isinstance(value, Safe):
        return value
    return Safe(html.escape("" if value is None else str(value), quote=True))


# ASCII characters that Markdown (or an extension: attr_list, autolinks, tables) can act on.
_MARKDOWN_ACTIVE = frozenset("\\`*_{}[]()#+-.!|~:=")


def markdown_text(value) -> Safe:
    """Data text to place inside Markdown: escaped HTML, and every character Markdown could turn
    into a link, an image, emphasis or an attribute list written as a character reference."""
    return Safe(
        "".join(
            f"&#{ord(c)};" if c in _MARKDOWN_ACTIVE else html.escape(c, quote=True)
            for c in ("" if value is None else str(value))
        )
    )


_SUPERSCRIPTS = str.maketrans("0123456789+-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻")


def math_as_text(text: str) -> str:
    """The review's inline LaTeX as plain text: '$0.08 \\times 10^9/L$' → '0.08 × 10⁹/L'."""

    def convert(match: re.Match) -> str:
        inner = match.group(1).replace("\\times", "×").replace("\\cdot", "·").replace("\\%", "%")
        inner = re.sub(
            r"\^\{([0-9+-]+)\}|\^([0-9+-])", lambda m: (m.group(1) or m.group(2)).translate(_SUPERSCRIPTS), inner
        )
        return re.sub(r"\s+", " ", inner).strip()

    return re.sub(r"\$([^$]+)\$", convert, text)


def link(url: str, text: str, *, external: bool = True) -> Safe:
    """A link, only for http(s) addresses; anything else is shown as text."""
    if not re.match(r"https?://[^\s<>\"']+$", url or ""):
        return escape(text)
    rel = ' rel="noopener noreferrer"' if external else ""
    return Safe(f'<a href="{escape(url)}"{rel}>{escape(text)}</a>')


def mark(claim_mark: ClaimMark, *, root: str) -> Safe:
    """The mark after a number (text with an accessible name), and ≠ where the source disagrees."""
    html_mark = f'<span class="mark m-{claim_mark.mark}" role="img" aria-label="{escape(claim_mark.label)}">{claim_mark.symbol}</span>'
    if claim_mark.disagrees:
        label = f"{mark_names.DISAGREES_LABEL}: {claim_mark.verdict}"
        html_mark += (
            f'<a class="disagrees" href="{root}{PRIMARY_PAGE}#p-{escape(claim_mark.claim_id)}" '
            f'aria-label="{escape(label)}">{mark_names.DISAGREES}</a>'
        )
    return Safe(html_mark)


def claim(number: Number, *, root: str, form: str = "value", sentence_start: bool = False) -> Safe:
    """A number as the page contract shows it: linked, marked, traceable to its claim."""
    shown = (
        number.reads(sentence_start=sentence_start) if form == "value" else number.bare(sentence_start=sentence_start)
    )
    claim_id = escape(number.claim_id)
    return Safe(
        f'<span class="claim" data-claim="{claim_id}" data-mark="{number.mark.mark}">'
        f'<a class="claim-link" href="{root}{CLAIMS_PAGE}#c-{claim_id}">{escape(math_as_text(shown))}</a>'
        f"{mark(number.mark, root=root)}</span>"
    )


def computed(text: str) -> Safe:
    """A value computed here (not stated by the review), marked so the prose scan knows its origin."""
    return Safe(f'<span class="computed">{escape(text)}</span>')


def percent(rate: float, places: int = 1) -> str:
    return f"{rate * 100:.{places}f}%"


def rate_text(row: ProportionRow, *, confidence: float) -> str:
    """'67.4% (95% CI 52.5%–79.5%)'."""
    return f"{percent(row.rate)} ({confidence:.0%} CI {percent(row.ci_low)}–{percent(row.ci_high)})"


PAGE_NAMES = {AUDIT_PAGE: "See it in the audit", PRIMARY_PAGE: "See it among the primary sources"}


def finding_page(finding) -> str:
    """Where a finding is listed: the primary-source page for a primary abstract's own arithmetic."""
    return PRIMARY_PAGE if finding.kind == "primary" else AUDIT_PAGE


def claim_notes(findings: Sequence[FindingRow], disagreements: Sequence[ConcordanceRow], *, root: str) -> Safe:
    """Beside a paragraph: a sentence for each problem the audit finds in its numbers, and for each
    number whose cited study says otherwise, linked to where it is shown in full."""
    items = []
    for row in findings:
        finding = row.finding
        if finding.mark:
            sign = (
                f'<span class="mark m-{finding.mark}" role="img" aria-label="{escape(mark_names.LABELS[finding.mark])}">'
                f"{mark_names.SYMBOLS[finding.mark]}</span> "
            )
        else:  # a difference of meaning, not of arithmetic: no mark of the legend, a note sign
            sign = f'<span class="note-sign" role="img" aria-label="{mark_names.NOTE_LABEL}">{mark_names.NOTE}</span> '

        text = row.explanation or finding.explanation
        items.append(
            f'<li class="claim-note" data-finding="{escape(finding.anchor)}">{sign}<strong>{escape(row.rule_label)}.</strong> '
            f'{escape(math_as_text(text))} <a href="{root}{finding_page(finding)}#{escape(finding.anchor)}">{PAGE_NAMES[finding_page(finding)]}</a></li>'
        )
    said = set()  # a note shared by several numbers (one misattribution) is said once
    for row in disagreements:
        source = link(row.primary_url, row.primary_label) if row.primary_url else escape(row.primary_label)
        note = row.note if row.note not in said else ""
        said.add(row.note)
        label = f"{mark_names.DISAGREES_LABEL}: {row.verdict}"
        items.append(
            f'<li class="claim-note" data-disagrees="{escape(row.number.claim_id)}">'
            f'<a class="disagrees" href="{root}{PRIMARY_PAGE}#p-{escape(row.number.claim_id)}" aria-label="{escape(label)}">'
            f"{mark_names.DISAGREES}</a> <strong>{escape(row.verdict_label.capitalize())}.</strong> "
            f"The review says {escape(math_as_text(row.number.reads()))}; {source}’s abstract: {escape(row.statement)}"
            + (f" {escape(note)}" if note else "")
            + "</li>"
        )
    return Safe(f'<ul class="claim-notes">{"".join(items)}</ul>')


def legend() -> Safe:
    items = "".join(
        f'<li><span class="mark m-{name}" aria-hidden="true">{mark_names.SYMBOLS[name]}</span> {escape(text)}</li>'
        for name, text in mark_names.LEGEND.items()
    )
    items += (
        f'<li><span class="disagrees" aria-hidden="true">{mark_names.DISAGREES}</span> '
        f"{escape(mark_names.DISAGREES_LABEL)}: its abstract says otherwise, or the number is another study's</li>"
    )
    return Safe(f'<ul class="status-legend" aria-label="What the marks mean" data-search-exclude>{items}</ul>')


# From this many columns on, a table's rows become cards on narrow screens (extra.css).
CARD_COLUMNS = 4


def card_layout(columns: int) -> str:
    """The class that lays a table's rows out as cards on phones: set here, not found by a CSS
    :has() query, whose re-evaluation on every change inside a table slowed long pages down."""
    return " cards" if columns >= CARD_COLUMNS else ""


def table(
    rows: Sequence[dict],
    *,
    columns: Sequence[tuple[str, str]],
    caption: str,
    numeric: Sequence[str] = (),
    key_columns: Sequence[str] = (),
    row_ids: Sequence[str] | None = None,
    download: bool = True,
    searchable: bool = False,
) -> Safe:
    """An accessible table: caption outside the scroll area, headers with scope, no index column.

    key_columns stay visible on narrow screens (stacked as cards); the rest scroll with them.
    """
    layout = card_layout(len(columns))
    head = "".join(
        f'<th scope="col"{_cell_class(key, numeric, key_columns)}>{escape(title)}</th>' for key, title in columns
    )
    body = []
    for index, row in enumerate(rows):
        cells = "".join(
            f'<td data-label="{escape(title)}"{_cell_class(key, numeric, key_columns)}>{escape(row.get(key))}</td>'
            for key, title in columns
        )
        row_id = f' id="{escape(row_ids[index])}"' if row_ids and row_ids[index] else ""
        body.append(f"<tr{row_id}>{cells}</tr>\n")
    button = '<button type="button" class="csv-download" hidden>Download CSV</button>' if download else ""
    search = "" if searchable else " data-search-exclude"
    return Safe(
        f'<figure class="evidence-table"{search}><figcaption>{escape(caption)}</figcaption>'
        f'<div class="table-scroll{layout}" role="region" tabindex="0" aria-label="{escape(caption)}">'
        # A class keeps Material's script from wrapping the table again: on long pages that second
        # wrap re-laid out every table and cost phones about a second of blocked main thread.
        f'<table class="evidence{layout}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>{button}</figure>"
    )


def _cell_class(key: str, numeric: Sequence[str], key_columns: Sequence[str]) -> str:
    classes = [name for name, on in (("num", key in numeric), ("key", key in key_columns)) if on]
    return f' class="{" ".join(classes)}"' if classes else ""


def proportions_table(rows: Sequence[ProportionRow], *, caption: str, root: str, confidence: float) -> Safe:
    cells = []
    for row in rows:
        if row.successes is None:
            counts, recomputed, interval = f"? / {row.trials}", "count not stated", "—"
        else:
            counts = f"{row.successes} / {row.trials}" + (" (implied)" if row.counts == "implied" else "")
            recomputed = percent(row.rate)
            interval = f"{percent(row.ci_low)}–{percent(row.ci_high)}"
        cells.append(
            {
                "study": row.study,
                "group": row.group,
                "stated": claim(row.number, root=root),
                "counts": counts,
                "recomputed": computed(recomputed) if row.successes is not None else recomputed,
                "ci": computed(interval) if row.successes is not None else interval,
            }
        )
    columns = [
        ("study", "Study"),
        ("group", "Group"),
        ("stated", "Stated"),
        ("counts", "Count / n"),
        ("recomputed", "Recomputed"),
        ("ci", f"{confidence:.0%} CI (Wilson)"),
    ]
    note = (
        '<p class="table-note">An implied count is the only whole number of the group that gives the stated '
        "percentage (GRIM); the review does not print it.</p>"
        if any(r.counts == "implied" for r in rows)
        else ""
    )
    return Safe(
        table(cells, columns=columns, caption=caption, numeric=("stated", "counts", "recomputed", "ci"),
              key_columns=("group", "stated", "recomputed"))
        + note
    )  # fmt: skip


def claims_table(numbers: Sequence[Number], *, caption: str, root: str) -> Safe:
    rows = [
        {
            "study": number.study,
            "group": number.group,
            "quantity": number.quantity,
            "value": claim(number, root=root),
            "quote": math_as_text(number.quote),
        }
        for number in numbers
    ]
    columns = [
        ("study", "Study"),
        ("group", "Group"),
        ("quantity", "Quantity"),
        ("value", "Stated"),
        ("quote", "Source text"),
    ]
    return table(
        rows, columns=columns, caption=caption, numeric=("value",), key_columns=("value", "quote"), searchable=False
    )


def findings_table(rows: Sequence[FindingRow], *, caption: str, root: str) -> Safe:
    cells, ids = [], []
    for row in rows:
        numbers = (
            Safe(", ".join(claim(n, root=root) for n in row.numbers)) if row.numbers else escape(row.finding.fragment)
        )
        cells.append(
            {
                "numbers": numbers,
                # a passing check has no human explanation: what the rule computed says it all
                "explanation": row.explanation or row.finding.explanation,
                "study": row.study,
                "rule": row.rule_label,
                "computed": row.finding.explanation if row.explanation else "",
            }
        )
        ids.append(row.finding.anchor)
    columns = [
        ("numbers", "Numbers"),
        ("explanation", "What it means"),
        ("study", "Study"),
        ("rule", "Rule"),
        ("computed", "What the rule computed"),
    ]
    if not any(cell["computed"] for cell in cells):  # every row is a passing check: it says it all already
        columns = columns[:-1]
    return table(cells, columns=columns, caption=caption, key_columns=("numbers", "explanation"), row_ids=ids)


def errata_table(rows: Sequence[FindingRow], *, caption: str) -> Safe:
    cells, ids = [], []
    for row in rows:
        term = row.finding.conventions[0]
        before, _, after = row.finding.fragment.partition(term)
        sentence = Safe(f"{escape(math_as_text(before))}<mark>{escape(term)}</mark>{escape(math_as_text(after))}")
        cells.append({"sentence": sentence, "explanation": row.explanation})
        ids.append(row.finding.anchor)
    columns = [("sentence", "Sentence in the review"), ("explanation", "What it means")]
    return table(cells, columns=columns, caption=caption, key_columns=("sentence", "explanation"), row_ids=ids)


def concordance_table(rows: Sequence[ConcordanceRow], *, caption: str, root: str, anchors: bool = False) -> Safe:
    cells = []
    for row in rows:
        # the human note where there is one; the rule's words only where no one explained the difference
        differs = [row.note] if row.note else [row.definition.explanation] if row.definition is not None else []
        cells.append(
            {
                "review": claim(row.number, root=root),
                "quote": math_as_text(row.number.quote),
                "primary": link(row.primary_url, row.primary_label) if row.primary_url else escape(row.primary_label),
                "statement": row.statement,
                "verdict": row.verdict_label,
                "outcome": _outcome_cell(row),
                "differs": " ".join(differs),
            }
        )
    columns = [
        ("review", "Review"),
        ("verdict", "Verdict"),
        ("statement", "Primary abstract (our words)"),
        ("differs", "What differs"),
        ("outcome", "Outcome: review / primary"),
        ("quote", "Review's words"),
        ("primary", "Primary study"),
    ]
    ids = [f"p-{row.number.claim_id}" for row in rows] if anchors else None
    return table(cells, columns=columns, caption=caption, key_columns=("review", "verdict", "statement"), row_ids=ids)


def _outcome_cell(row: ConcordanceRow) -> str:
    parts = []
    if row.review_outcome or row.primary_outcome:
        parts.append(f"{row.review_outcome or '—'} / {row.primary_outcome or '—'}")
    if row.review_statistic or row.primary_statistic:
        parts.append(f"{row.review_statistic or '—'} / {row.primary_statistic or '—'}")
    if row.primary_orr:
        parts.append(f"the primary's own {row.primary_orr}")
    return "; ".join(parts)


def studies_table(rows: Sequence[StudyRow], *, caption: str) -> Safe:
    cells = [
        {
            "study": link(row.url, row.label) if row.url else row.label,
            "ref": f"[{row.ref}]" if row.ref else "",
            "design": row.design,
            "phase": row.phase + (" (from its title)" if row.phase_source == "reference title" else ""),
            "setting": row.setting,
            "species": row.species,
            "condition": row.condition,
            "intervention": row.intervention,
            "numbers": row.numbers,
        }
        for row in rows
    ]
    columns = [
        ("study", "Study"),
        ("ref", "Ref."),
        ("design", "Design"),
        ("phase", "Phase"),
        ("setting", "Setting"),
        ("species", "Species"),
        ("condition", "Condition"),
        ("intervention", "Intervention"),
        ("numbers", "Numbers stated"),
    ]
    return table(
        cells, columns=columns, caption=caption, numeric=("numbers",), key_columns=("study", "design", "species")
    )


def frame_table(frame, *, caption: str, numeric: Sequence[str] = ()) -> Safe:
    """A pandas DataFrame (a tally, a pivot) as an accessible table; its column names are the headers."""
    frame = frame.astype(object).where(frame.notna(), "")
    rows = frame.to_dict("records")
    columns = [(name, str(name)) for name in frame.columns]
    return table(rows, columns=columns, caption=caption, numeric=numeric, key_columns=[c for c, _ in columns[:2]])


def record(url: str, label: str) -> Safe | str:
    """A paper's own record, linked by its identifier's name, or the words for none seen."""
    return link(url, label) if url else NO_RECORD


def references_table(rows: Sequence[ReferenceRow], *, caption: str) -> Safe:
    cells = [
        {
            "ref": f"[{row.ref}]",
            "entry": row.entry.replace("*", ""),
            "record": record(row.url, row.label),
        }
        for row in rows
    ]
    columns = [("ref", "Ref."), ("entry", "Reference as printed"), ("record", RECORD_COLUMN)]
    return table(cells, columns=columns, caption=caption, key_columns=("ref", "entry"))


def rates_list(rows: Sequence[ProportionRow], *, root: str, confidence: float) -> Safe:
    """Rates as a list a reader can scan: study, group, the stated number (marked), recomputed with CI."""
    items = []
    for row in rows:
        if row.rate is not None:
            recomputed = computed(
                f"{row.successes} of {row.trials}{' (implied)' if row.counts == 'implied' else ''}: {percent(row.rate)}, "
                f"{confidence:.0%} CI {percent(row.ci_low)}–{percent(row.ci_high)}"
            )
        else:
            recomputed = computed(f"of {row.trials}, count not stated")
        items.append(
            f"<li>{escape(row.study)}, {escape(row.group)}: {claim(row.number, root=root)} — {recomputed}</li>"
        )
    return Safe(f'<ul class="answers">{"".join(items)}</ul>')


def study_links(rows: Sequence[StudyRow]) -> Safe:
    parts = [
        (link(row.url, row.label) if row.url else escape(row.label)) + (f" [{row.ref}]" if row.ref else "")
        for row in rows
    ]
    return Safe(f'<span class="data-text">{", ".join(parts)}</span>')


def problems_list(rows: Sequence[FindingRow], *, root: str) -> Safe:
    items = []
    for row in rows:
        finding = row.finding
        numbers = ", ".join(claim(n, root=root) for n in row.numbers[:4])
        items.append(
            f'<li data-finding="{escape(finding.anchor)}"><a href="{root}{finding_page(finding)}#{escape(finding.anchor)}">{escape(row.rule_label)}</a>'
            f" ({escape(row.study)}): {numbers}. {escape(math_as_text(row.explanation or finding.explanation))}</li>"
        )
    return Safe(f'<ul class="answers">{"".join(items)}</ul>')


def disagreements_list(rows: Sequence[ConcordanceRow], *, root: str) -> Safe:
    items = [
        f"<li>{claim(row.number, root=root)} ({escape(row.number.study)}, {escape(row.verdict_label)}): "
        f"{link(row.primary_url, row.primary_label) if row.primary_url else escape(row.primary_label)}’s abstract — {escape(row.statement)}</li>"
        for row in rows
    ]
    return Safe(f'<ul class="answers">{"".join(items)}</ul>')
