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
from . import numbers
from .marks import COPIED, FAILED, HELD, TRUNCATED, ClaimMark
from .views import NO_RECORD, ConcordanceRow, FindingRow, Number, ProblemNote, ProportionRow, ReferenceRow, StudyRow

RECORD_COLUMN = "DOI, PubMed or PMC record"

# Where things are on the site, relative to its root (use_directory_urls).
CLAIMS_PAGE = "claims/"
AUDIT_PAGE = "audit/"
PRIMARY_PAGE = "sources/"
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


def sign(claim_mark: ClaimMark, *, root: str) -> Safe:
    """The number's signs as text with accessible names: what the review's own numbers say (no sign
    when nothing could check it), then what its source says, linked to the comparison."""
    parts = []
    if claim_mark.symbol:
        parts.append(
            f'<span class="mark m-{claim_mark.mark}" role="img" aria-label="{escape(claim_mark.label)}">{claim_mark.symbol}</span>'
        )
    if claim_mark.source:
        boxed = " other-report" if claim_mark.other_report else ""
        target = (
            f"{root}{PRIMARY_PAGE}#p-{escape(claim_mark.claim_id)}" if claim_mark.verdict else f"{root}{AUDIT_PAGE}"
        )
        parts.append(
            f'<a class="source s-{claim_mark.source}{boxed}" href="{target}" '
            f'aria-label="{escape(claim_mark.source_label)}">{claim_mark.source_symbol}</a>'
        )
    return Safe("".join(parts))


def claim(number: Number, *, root: str, form: str = "value", sentence_start: bool = False) -> Safe:
    """A number as the page contract shows it: linked, marked, traceable to its claim."""
    shown = (
        number.reads(sentence_start=sentence_start) if form == "value" else number.bare(sentence_start=sentence_start)
    )
    claim_id = escape(number.claim_id)
    return Safe(
        f'<span class="claim" data-claim="{claim_id}" data-mark="{number.mark.mark}">'
        f'<a class="claim-link" href="{root}{CLAIMS_PAGE}#c-{claim_id}">{escape(math_as_text(shown))}</a>'
        f"{sign(number.mark, root=root)}</span>"
    )


def computed(text: str) -> Safe:
    """A value computed here (not stated by the review), marked so the prose scan knows its origin."""
    return Safe(f'<span class="computed">{escape(text)}</span>')


def rate_text(row: ProportionRow, *, confidence: float) -> str:
    """'67.4% (95% CI 52.5%–79.5%)'; for a subgroup selected on its outcome, the rate alone."""
    if row.no_interval:
        return f"{numbers.rate_percent(row.successes, row.trials)} (no interval: a subgroup selected on its outcome)"
    return f"{numbers.rate_percent(row.successes, row.trials)} ({confidence_text(confidence)} CI {numbers.interval_text(row.ci_low, row.ci_high)})"


def confidence_text(confidence: float) -> str:
    """The confidence level as a percentage: 0.95 → '95%'."""
    return numbers.share_percent(confidence, 0)


def finding_page(finding) -> str:
    """Where a finding is listed: the primary-source page for a source's own arithmetic."""
    return PRIMARY_PAGE if finding.kind == "primary" else AUDIT_PAGE


def problem_anchor(problem_id: str) -> str:
    return f"problem-{problem_id}"


def claim_notes(problems: Sequence[ProblemNote], comparisons: Sequence[ConcordanceRow], *, root: str) -> Safe:
    """Beside a paragraph: one line for each problem the audit finds in its numbers (its title, linked
    to where it is explained once), and one for each number its source names or states differently."""
    items = []
    for note in problems:
        symbol, label = note.sign
        css = "source s-label" if note.mark == "label" else f"mark m-{note.mark}"
        items.append(
            f'<li class="claim-note" data-problem="{escape(note.problem_id)}"><span class="{css}" role="img" '
            f'aria-label="{escape(label)}">{symbol}</span> <a href="{root}{AUDIT_PAGE}#{problem_anchor(note.problem_id)}">'
            f"{escape(note.title)}</a></li>"
        )
    for row in comparisons:
        claim_mark = row.number.mark
        items.append(
            f'<li class="claim-note" data-compared="{escape(row.number.claim_id)}">{sign_only(claim_mark, root=root)} '
            # the data's own note says what differs; the sign's general meaning only where it has none
            f"{escape(math_as_text(row.number.reads()))}: {escape(row.note or claim_mark.source_label)}"
            f"{'' if (row.note or claim_mark.source_label).endswith('.') else '.'} "
            f'<a href="{root}{PRIMARY_PAGE}#p-{escape(row.number.claim_id)}">Its comparison with the source</a>.</li>'
        )
    return Safe(f'<ul class="claim-notes">{"".join(items)}</ul>')


def sign_only(claim_mark: ClaimMark, *, root: str) -> Safe:
    """The source sign alone (for a note about the comparison)."""
    boxed = " other-report" if claim_mark.other_report else ""
    return Safe(
        f'<a class="source s-{claim_mark.source}{boxed}" href="{root}{PRIMARY_PAGE}#p-{escape(claim_mark.claim_id)}" '
        f'aria-label="{escape(claim_mark.source_label)}">{claim_mark.source_symbol}</a>'
    )


LEGEND_SLOT = '<div class="legend-slot" data-search-exclude></div>'


def legend(used: set[tuple[str, str]] | None = None) -> Safe:
    """The signs in one line (each with a word), opening onto their meanings. `used` limits it to the
    signs a page shows: ("mark", name) and ("source", kind) pairs, ("other-report", "") for the box."""
    entries = []
    for name in (HELD, TRUNCATED, FAILED, COPIED):
        if used is None or ("mark", name) in used:
            entries.append((f'<span class="mark m-{name}" aria-hidden="true">{mark_names.SYMBOLS[name]}</span>',
                            mark_names.WORDS[name], mark_names.MEANINGS[name]))  # fmt: skip
    for kind, symbol in mark_names.SOURCE_SYMBOLS.items():
        if used is None or ("source", kind) in used:
            entries.append((f'<span class="source s-{kind}" aria-hidden="true">{symbol}</span>',
                            mark_names.SOURCE_WORDS[kind], mark_names.SOURCE_MEANINGS[kind]))  # fmt: skip
    if not entries:
        return Safe("")
    line = " · ".join(f"{glyph} {escape(word)}" for glyph, word, _ in entries)
    meanings = "".join(
        f"<li>{glyph} <strong>{escape(word)}</strong>: {escape(text)}</li>" for glyph, word, text in entries
    )
    if used is None or ("other-report", "") in used:
        meanings += (
            f'<li><span class="source other-report" aria-hidden="true">=</span> {escape(mark_names.OTHER_REPORT)}</li>'
        )
    return Safe(
        f'<details class="legend" data-search-exclude><summary><span class="legend-title">Signs:</span> {line}</summary>'
        f'<ul class="status-legend" aria-label="What the signs mean">{meanings}</ul>'
        f'<p class="legend-pair">{escape(mark_names.PAIR)} A number without a sign could not be checked; its link shows its source sentence.</p></details>'
    )


def signs_used(html_text: str) -> set[tuple[str, str]]:
    """The signs an HTML page shows (for its legend)."""
    used = {("mark", name) for name in re.findall(r'class="mark m-([a-z]+)"', html_text)}
    used |= {("source", kind) for kind in re.findall(r'class="source s-([a-z-]+?)(?: other-report)?"', html_text)}
    if 'other-report"' in html_text:
        used.add(("other-report", ""))
    return used


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
    cards: bool | None = None,
) -> Safe:
    """An accessible table: caption outside the scroll area, headers with scope, no index column.

    key_columns stay visible on narrow screens (stacked as cards); the rest scroll with them.
    """
    layout = card_layout(len(columns)) if cards is None else (" cards" if cards else "")
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


def counts_text(row: ProportionRow) -> str:
    """'29 / 43', '5 / 21 (from its counts)', '4 / 11 (implied)' or '? / 22'."""
    text = f"{row.successes_text} / {row.trials}"
    if row.counts == "implied":
        text += " (implied)"
    return text


def outcome_text(row: ProportionRow) -> str:
    """The outcome measured, with the review's name for it where that differs."""
    if row.named_label:
        return f"{row.outcome_label} (the review: {row.named_label})"
    return row.outcome_label


def proportions_table(rows: Sequence[ProportionRow], *, caption: str, root: str, confidence: float) -> Safe:
    cells = []
    for row in rows:
        if row.successes is None:
            recomputed, interval = "count not stated", "—"
        elif row.no_interval:
            recomputed, interval = (
                computed(numbers.rate_percent(row.successes, row.trials)),
                "none: a subgroup selected on its outcome",
            )
        else:
            recomputed = computed(numbers.rate_percent(row.successes, row.trials))
            interval = computed(numbers.interval_text(row.ci_low, row.ci_high))
        cells.append(
            {
                "study": row.study,
                "group": row.group,
                "outcome": outcome_text(row),
                "stated": claim(row.number, root=root) if row.stated else "not stated (computed from its counts)",
                "counts": counts_text(row),
                "recomputed": recomputed,
                "ci": interval,
            }
        )
    columns = [
        ("study", "Study"),
        ("group", "Group"),
        ("outcome", "Outcome measured"),
        ("stated", "Stated"),
        ("counts", "Count / n"),
        ("recomputed", "Recomputed"),
        ("ci", f"{confidence_text(confidence)} CI (Wilson)"),
    ]
    if not any(cell["outcome"] for cell in cells):
        columns = [c for c in columns if c[0] != "outcome"]
    note = (
        '<p class="table-note">An implied count is the only whole number of the group that gives the stated '
        "percentage; the review does not print it.</p>"
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
    """Checks and what each computed (passing checks, or the findings of one problem)."""
    cells, ids = [], []
    for row in rows:
        numbers_cell = (
            Safe(", ".join(claim(n, root=root) for n in row.numbers)) if row.numbers else escape(row.finding.fragment)
        )
        cells.append(
            {"numbers": numbers_cell, "computed": row.finding.explanation, "study": row.study, "rule": row.rule_label}
        )
        ids.append(row.finding.anchor)
    columns = [("numbers", "Numbers"), ("computed", "What the check computed"), ("study", "Study"), ("rule", "Check")]
    return table(cells, columns=columns, caption=caption, key_columns=("numbers", "computed"), row_ids=ids)


def problems_table(notes: Sequence[ProblemNote], *, caption: str, root: str) -> Safe:
    """The review's problems, each once: what it is, what it changes, whose, and the checks that found it."""
    cells, ids = [], []
    for note in notes:
        symbol, label = note.sign
        css = "source s-label" if note.mark == "label" else f"mark m-{note.mark}"
        numbers_cell = ", ".join(claim(n, root=root) for n in note.numbers[:6])
        checks = " ".join(dict.fromkeys(f.explanation for f in note.findings))
        cells.append(
            {
                "problem": Safe(
                    f'<span class="{css}" role="img" aria-label="{escape(label)}">{symbol}</span> '
                    f"<strong>{escape(note.title)}</strong>"
                    + (f'<span class="problem-numbers">Numbers: {numbers_cell}</span>' if numbers_cell else "")
                ),  # fmt: skip
                # what the checks computed is long, and for readers who want to check the check: on demand
                "explanation": Safe(
                    escape(note.explanation)
                    + (
                        f'<details class="checks"><summary>What the checks computed</summary>{escape(checks)}</details>'
                        if checks
                        else ""
                    )
                ),
                "consequence": Safe(
                    f"{escape(note.consequence)}: {escape(note.consequence_reason)}"
                    f'<span class="problem-whose">Whose error: {escape(note.whose)}</span>'
                ),
            }
        )
        ids.append(problem_anchor(note.problem_id))
    columns = [("problem", "Problem"), ("explanation", "What it means"), ("consequence", "What it changes")]
    # three long cells do not fit side by side on a phone: cards there, whatever the column count
    return table(
        cells, columns=columns, caption=caption, key_columns=("problem", "explanation"), row_ids=ids, cards=True
    )


def errata_table(rows: Sequence[FindingRow], *, caption: str) -> Safe:
    cells, ids = [], []
    for row in rows:
        term = row.finding.term
        before, _, after = row.finding.fragment.partition(term)
        sentence = Safe(f"{escape(math_as_text(before))}<mark>{escape(term)}</mark>{escape(math_as_text(after))}")
        cells.append({"sentence": sentence, "explanation": row.explanation})
        ids.append(row.finding.anchor)
    columns = [("sentence", "Sentence in the review"), ("explanation", "What it means")]
    return table(cells, columns=columns, caption=caption, key_columns=("sentence", "explanation"), row_ids=ids)


def concordance_table(rows: Sequence[ConcordanceRow], *, caption: str, root: str, anchors: bool = False) -> Safe:
    cells = []
    for row in rows:
        # the human note where there is one; else a link to where the audit explains the difference
        if row.note:
            differs = escape(row.note)
        elif row.definition_problem is not None:
            problem = row.definition_problem
            differs = Safe(
                f'<a href="{root}{AUDIT_PAGE}#{problem_anchor(problem["problem_id"])}">{escape(problem["title"])}</a>'
            )
        else:
            differs = ""
        paper = link(row.primary_url, row.primary_label) if row.primary_url else escape(row.primary_label)
        read = (
            f" ({escape(row.document)}"
            + (", another report of the same study" if row.compared_with == "other-report" else "")
            + ")"
        )
        cells.append(
            {
                "review": claim(row.number, root=root),
                "quote": math_as_text(row.number.quote),
                "primary": Safe(paper + (read if row.document else " (not read)")),
                "statement": row.statement,
                "verdict": row.verdict_label,
                "outcome": _outcome_cell(row),
                "differs": differs,
            }
        )
    columns = [
        ("review", "Review"),
        ("verdict", "Verdict"),
        ("statement", "What the source read says (our words)"),
        ("differs", "What differs"),
        ("outcome", "Outcome: review / source"),
        ("quote", "Review's words"),
        ("primary", "Source read"),
    ]
    columns = [c for c in columns if any(cell[c[0]] for cell in cells)]
    ids = [f"p-{row.number.claim_id}" for row in rows] if anchors else None
    return table(cells, columns=columns, caption=caption, key_columns=("review", "verdict", "statement"), row_ids=ids)


def _outcome_cell(row: ConcordanceRow) -> str:
    parts = []
    if row.review_outcome or row.primary_outcome:
        parts.append(f"{row.review_outcome or '—'} / {row.primary_outcome or '—'}")
    if row.review_statistic or row.primary_statistic:
        parts.append(f"{row.review_statistic or '—'} / {row.primary_statistic or '—'}")
    if row.primary_orr:
        parts.append(f"the source's own {row.primary_orr}")
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


def reference_links(rows: Sequence[ReferenceRow], *, caption: str, root: str) -> Safe:
    """The references a section cites, each a link to its entry on the References page (said there once)."""
    links = ", ".join(f'<a href="{root}references/#ref-{row.ref}">[{row.ref}]</a>' for row in rows)
    return Safe(f'<p class="reference-links">{escape(caption)}: <span class="data-text">{links}</span></p>')


def rates_list(rows: Sequence[ProportionRow], *, root: str, confidence: float) -> Safe:
    """Rates as a list a reader can scan: study, group, outcome measured, the stated number (signed),
    recomputed with its interval."""
    items = []
    for row in rows:
        if row.rate is not None:
            recomputed = computed(f"{counts_text(row).replace(' / ', ' of ')}: {rate_text(row, confidence=confidence)}")
        elif row.successes is not None:
            recomputed = computed(f"{row.successes} of {row.trials}: {rate_text(row, confidence=confidence)}")
        else:
            recomputed = computed(f"of {row.trials}, count not stated")
        stated = claim(row.number, root=root) if row.stated else escape("not stated by the review, from its counts")
        who = row.study + (f", {row.group}" if row.group_is_arm else "")
        what = outcome_text(row) or row.group
        items.append(f"<li>{escape(who)} · {escape(what)}: {stated} — {recomputed}</li>")
    return Safe(f'<ul class="answers">{"".join(items)}</ul>')


def study_links(rows: Sequence[StudyRow]) -> Safe:
    parts = [
        (link(row.url, row.label) if row.url else escape(row.label)) + (f" [{row.ref}]" if row.ref else "")
        for row in rows
    ]
    return Safe(f'<span class="data-text">{", ".join(parts)}</span>')


def problems_list(notes: Sequence[ProblemNote], *, root: str) -> Safe:
    """The review's problems, each once, linked to where each is explained."""
    items = []
    for note in notes:
        symbol, label = note.sign
        css = "source s-label" if note.mark == "label" else f"mark m-{note.mark}"
        whose = "" if note.whose == "the review's" else f"; {note.whose}"
        items.append(
            f'<li data-problem="{escape(note.problem_id)}"><span class="{css}" role="img" aria-label="{escape(label)}">{symbol}</span> '
            f'<a href="{root}{AUDIT_PAGE}#{problem_anchor(note.problem_id)}">{escape(note.title)}</a> '
            f"({escape(note.consequence)}{whose})</li>"
        )
    return Safe(f'<ul class="answers">{"".join(items)}</ul>')


def comparisons_list(rows: Sequence[ConcordanceRow], *, root: str) -> Safe:
    """Numbers whose source states or names them differently, each linked to its comparison."""
    items = [
        f"<li>{claim(row.number, root=root)} ({escape(row.number.study)}): {escape(row.number.mark.source_label)}. "
        f'<a href="{root}{PRIMARY_PAGE}#p-{escape(row.number.claim_id)}">Its comparison with the source</a>.</li>'
        for row in rows
    ]
    return Safe(f'<ul class="answers">{"".join(items)}</ul>')


def collapsed(html: str, *, summary: str) -> Safe:
    """Content a reader opens on demand (closed by default, so a page stays short on a phone).

    A table whose caption is the summary keeps its caption for screen readers only: seen twice,
    one above the other, it reads as a slip."""
    same = html.startswith('<figure class="evidence-table"') and f"<figcaption>{escape(summary)}</figcaption>" in html
    if same:  # the caption's words as the notebook gave them, data text included (as in a figcaption)
        return Safe(
            f'<details class="more caption-in-summary"><summary><span class="data-text">{escape(summary)}</span>'
            f"</summary>{html}</details>"
        )
    return Safe(f'<details class="more"><summary>{escape(summary)}</summary>{html}</details>')


def callout(text: str, *, title: str) -> Safe:
    return Safe(
        f'<div class="admonition note callout"><p class="admonition-title">{escape(title)}</p><p class="data-text">{escape(text)}</p></div>'
    )
