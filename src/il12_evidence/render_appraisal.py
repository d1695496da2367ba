"""HTML for the reader's question: the summary of findings, the bottom line, study cards and the
review's claims without numbers. Data text is always escaped; every number is computed from data
and marked as such (render.computed)."""

import re
from collections.abc import Sequence

from . import numbers
from .appraisal import AssertionRow, EffectArm, SofRow, StudyCard
from .render import Safe, computed, escape, link, table

# GRADE's way of drawing certainty: filled and empty circles, four in all.
LEVEL_SYMBOLS = {"high": "⊕⊕⊕⊕", "moderate": "⊕⊕⊕◯", "low": "⊕⊕◯◯", "very low": "⊕◯◯◯"}
ROLE_WORDS = {
    "intervention": "",
    "comparator": "comparator: ",
    "single-arm": "single-arm: ",
    "benchmark": "benchmark (another study): ",
}


def level_badge(level: str) -> Safe:
    return Safe(
        f'<span class="certainty c-{escape(level.replace(" ", "-"))}" role="img" aria-label="certainty {escape(level)}">'
        f'<span aria-hidden="true">{LEVEL_SYMBOLS[level]}</span> {escape(level)}</span>'
    )


def arm_effect(arm: EffectArm, *, level: str) -> Safe:
    """'11 of 30: 36.7% (95% CI 21.9%–54.5%)', 'stated 56% (no group size)', or 'not quantified'."""
    if arm.successes is not None and arm.trials:
        implied = " (count implied by the percentage)" if arm.counts == "implied" else ""
        return computed(
            f"{arm.successes} of {arm.trials}{implied}: {numbers.rate_percent(arm.successes, arm.trials)} "
            f"({level} CI {numbers.interval_text(arm.ci_low, arm.ci_high)})"
        )
    if arm.percent is not None:
        # the review's own number, where no document read states it, is said to be the review's
        by = "as the review reports it" if all(src.kind == "claim" for src in arm.sources) else "stated"
        return computed(f"{arm.percent.normalize():f}% {by}, no group size")
    if arm.trials is not None:
        return computed(f"{arm.trials} treated; no size of effect in the document read")
    return Safe(
        "not read: only the review's words" if arm.publication == "not read" else "no number in the document read"
    )


def _study_link(arm: EffectArm, pages: dict[str, str], root: str) -> Safe:
    page = pages.get(arm.study_key)
    return (
        Safe(f'<a href="{root}{page}#study-{escape(arm.study_key)}">{escape(arm.study)}</a>')
        if page
        else escape(arm.study)
    )


NOT_CITED = Safe(' <span class="not-cited">(not cited by the review)</span>')


def _reports(arm: EffectArm) -> Safe:
    """Another report of a study the review cites says which (the cited paper itself was not read)."""
    return Safe(f' <span class="not-cited">({escape(arm.another_report)})</span>' if arm.another_report else "")


def sof_table(rows: Sequence[SofRow], *, caption: str, root: str, pages: dict[str, str], confidence_level: str) -> Safe:
    """One row per question: what was asked, which studies answer it, the effect, and how sure."""
    cells, ids = [], []
    for row in rows:
        arms = "".join(
            f"<li>{escape(ROLE_WORDS[arm.role])}{_study_link(arm, pages, root)}{NOT_CITED if not arm.cited else ''}{_reports(arm)}, {escape(arm.arm)}: "
            f"{arm_effect(arm, level=confidence_level)}</li>"
            for arm in row.arms
        )
        difference = "".join(
            '<p class="sof-difference">'
            + computed(
                f"Difference, {d.intervention.arm} minus {d.comparator.arm}: {numbers.signed_points(d.points)} "
                f"({confidence_level} CI {numbers.signed_points(d.low)} to {numbers.signed_points(d.high)})"
            )
            + "</p>"
            for d in row.differences
        )
        reasons = "".join(
            f"<li>{escape(d.domain)} (−{d.levels}): {escape(d.reason)}</li>" for d in row.certainty.downgrades
        )
        notes = "".join(f"<li>{escape(note)}</li>" for note in row.certainty.notes)
        why = (
            f'<details class="sof-why"><summary>Why {escape(row.certainty.level)}</summary><p>Starts {escape(row.certainty.start)}: '
            f"{escape(row.certainty.start_reason)}.</p><ul>{reasons}{notes}</ul></details>"
        )
        cells.append(
            {
                "question": Safe(
                    f"<strong>{escape(row.question)}</strong>"
                    f'<span class="sof-pico">{escape(row.population)} · {escape(row.intervention)} · '
                    f"compared with {escape(row.comparator)} · {escape(row.outcome_label)}</span>"
                ),
                "effect": Safe(f'<ul class="sof-arms">{arms}</ul>{difference}'),
                "certainty": Safe(f"{level_badge(row.certainty.level)}{why}"),
            }
        )
        ids.append(f"q-{row.question_id}")
    columns = [("question", "Question"), ("effect", "What the studies found"), ("certainty", "Certainty")]
    return table(
        cells,
        columns=columns,
        caption=caption,
        key_columns=("question", "effect", "certainty"),
        row_ids=ids,
        download=False,
        cards=True,  # a phone shows each question as a card
    )


def bottom_line(sentences: Sequence[Safe]) -> Safe:
    return Safe('<div class="bottom-line">' + "".join(f"<p>{s}</p>" for s in sentences) + "</div>")


def study_card(card: StudyCard, *, confidence_level: str, open_: bool = False) -> Safe:
    """A study as its report describes it: design, groups, results with intervals, harms — each with
    the sentence it comes from and where that was read."""
    facts, quoted = [], set()
    for fact in card.facts:
        number = escape(fact.unit_reads or fact.printed)
        if fact.rate is not None:
            number = Safe(
                f"{number} — "
                + computed(
                    f"{fact.successes} of {fact.trials}: {numbers.rate_percent(fact.successes, fact.trials)} "
                    f"({confidence_level} CI {numbers.interval_text(fact.ci_low, fact.ci_high)})"
                )
            )
        arm = f" ({escape(fact.arm)})" if fact.arm else ""
        facts.append(
            f'<li><span class="fact-label">{escape(fact.label)}{arm}:</span> {escape(fact.text)}'
            + (f' <span class="fact-number">{number}</span>' if number else "")
            + (
                # a sentence stating several numbers is quoted once per card
                '<p class="fact-quote-again">From a sentence quoted above.</p></li>'
                if (fact.quote, fact.read_at) in quoted
                else f'<blockquote class="fact-quote">“{escape(fact.quote)}” — {link(fact.read_at, fact.document)}, read {escape(fact.read_on)}</blockquote></li>'
            )
        )
        quoted.add((fact.quote, fact.read_at))
    missing = (
        f'<p class="card-missing">Not in the document read: {escape(", ".join(m.lower() for m in card.missing))}.</p>'
        if card.missing
        else ""
    )
    record = link(card.record_url, card.record_label) if card.record_url else escape("no DOI or PubMed record seen")
    review = f" of {escape(card.follows)}" if card.follows and card.relation != "cited by the review" else ""
    weight = "" if card.peer_reviewed else ' <span class="not-peer-reviewed">not peer-reviewed</span>'
    head = (
        f"<summary><strong>{escape(card.label)}</strong> · {escape(card.design)}{weight}</summary>"
        f'<p class="card-meta">{escape(card.relation)}{review}; {escape(card.publication)}; {escape(card.citation)}; {record}. '
        f"Read: {link(card.read_at, card.document) if card.read_at else 'nothing could be read'}"
        + (f" (first on {escape(card.read_on)})" if card.read_on else "")
        + ".</p>"
        f'<p class="card-design">Species: {escape(card.species)}. Randomised: {escape(card.randomised)}. '
        f"Blinded: {escape(card.blinded)}. Control: {escape(card.control)}.</p>"
        + (f'<p class="card-summary">{escape(card.summary)}</p>' if card.summary else "")
    )
    return Safe(
        f'<details class="study-card data-text" id="study-{escape(card.primary_id)}"{" open" if open_ else ""}>{head}'
        f'<ul class="card-facts">{"".join(facts)}</ul>{missing}</details>'
    )


def assertions_table(rows: Sequence[AssertionRow], *, caption: str) -> Safe:
    cells, ids = [], []
    for row in rows:
        source = link(row.source_url, row.source) if row.source_url else escape(row.source or "none read")
        says = escape(row.source_says)
        if row.source_quote:
            says = Safe(f"{says} <q>{escape(row.source_quote)}</q>")
        cells.append(
            {
                "quote": Safe(f"<q>{escape(row.quote)}</q>" + _cited(row)),
                "kind": row.kind,
                "verdict": Safe(
                    f'<strong class="verdict v-{escape(row.verdict)}">{escape(row.verdict_label)}</strong>'
                ),
                "reason": row.reason + (f" Spin: {row.spin}." if row.spin else ""),
                "source": Safe(
                    f"{source}"
                    + (f" ({escape(row.source_document)})" if row.source_document else "")
                    + (f": {says}" if row.source_says or row.source_quote else "")
                ),
            }
        )
        ids.append(f"a-{row.assertion_id}")
    columns = [
        ("quote", "The review says"),
        ("verdict", "Verdict"),
        ("reason", "Why"),
        ("kind", "Kind"),
        ("source", "What the source read says"),
    ]
    return table(cells, columns=columns, caption=caption, key_columns=("quote", "verdict", "reason"), row_ids=ids)


def bottom_line_sentences(line, *, root: str, sof_anchor: str) -> list[Safe]:
    """The bottom line in plain words: what was tried, what was seen, how sure, what is not known.
    Every number is computed from the summary of findings (appraisal.BottomLine)."""
    n = lambda value: computed(str(value))  # noqa: E731
    data = lambda text: Safe(f'<span class="data-text">{escape(text)}</span>')  # noqa: E731
    rate = lambda arm: computed(numbers.rate_percent(arm.successes, arm.trials))  # noqa: E731
    sentences = [
        Safe(
            f"<strong>What was tried.</strong> As a treatment of the disease, {data(line.treatment)} was given alone in "
            f"{n(line.alone)} and with another treatment in {n(line.combined)} of the {n(line.therapy)} treatment questions "
            f"below; for {data(line.other_theme)}, {n(line.recovery)} questions, {n(line.recovery_in_patients)} of them in "
            "patients and the rest in animals or cells."
        )
    ]
    seen = "<strong>What was seen.</strong> "
    if line.lowest is not None and line.highest is not None:
        seen += (
            f"In patients, tumours shrank in {rate(line.lowest)} ({data(line.lowest.study)}) to {rate(line.highest)} "
            f"({data(line.highest.study)}) of those treated, in studies without a comparison group. "
        )
    for study in line.comparisons:
        first = study[0]
        groups = "; ".join(f"{data(d.intervention.arm)}: {rate(d.intervention)}" for d in study)
        seen += (
            f"In {data(first.intervention.study)}{NOT_CITED if not first.intervention.cited else ''}, a randomised "
            f"comparison in {data(line.species[first.intervention.study_key])}: {groups}; "
            f"{data(first.comparator.arm)}: {rate(first.comparator)}. "
        )
    if line.unquantified:
        seen += f"For {n(len(line.unquantified))} questions the documents read give no size of effect at all."
    sentences.append(Safe(seen))
    levels = "; ".join(f"{escape(level)} for {n(count)}" for level, count in line.by_level)
    sentences.append(
        Safe(
            f'<strong>How sure.</strong> Certainty, rated by written rules (<a href="{root}methods/#certainty">Methods</a>): {levels} of the {n(line.questions)} questions.'
        )
    )
    unknown = [
        Safe(
            f"whether {data(line.treatment)} helps patients live longer or better: no study read compared survival or "
            "quality of life between patients given it and patients not given it"
        )
    ]
    if line.without_partner_alone:
        unknown.append(
            Safe(
                f"what {data(line.treatment)} adds to its partner treatments: {n(line.without_partner_alone)} of the {n(line.combined)} "
                "combination questions have no group that received the partner alone"
            )
        )
    sentences.append(
        Safe(
            "<strong>What is not known.</strong> "
            + _sentence_case("; ".join(unknown))
            + f'. <a href="{sof_anchor}">The summary of findings</a> shows each answer with its reasons.'
        )
    )
    return sentences


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def searches_made(searches) -> Safe:
    """The searches made for something, collapsed: each query, where, when and what it found."""
    if not searches:
        return Safe("")
    listed = "".join(
        f"<li><code>{escape(row['query'])}</code>, searched on {escape(row['searched_on'])} in {escape(row['where'])}. "
        f"Found: {escape(row['result'])}</li>"
        for row in searches
    )
    return Safe(
        f'<details class="searches"><summary>The searches made ({computed(str(len(searches)))})</summary><ul>{listed}</ul></details>'
    )


def later_block(label: str, cards: str, searches) -> Safe:
    """The studies the review does not cite beside one of its studies: the cards, and the searches made."""
    searched = searches_made(searches)
    if cards:
        return Safe(
            f'<div class="later data-text"><p class="later-head">Beyond {escape(label)}, studies the review does not cite:</p><div class="study-cards">{cards}</div>{searched}</div>'
        )
    return Safe(
        f'<div class="later data-text"><p class="later-head">Beyond {escape(label)}: no other study of the same regimen was found.</p>{searched}</div>'
    )


def _cited(row: AssertionRow) -> str:
    """The references a claim cites, unless its quote already ends by citing them ("… [4,5].")."""
    if not row.refs or re.search(r"\[[\d,–\- ]+\]\.?$", row.quote.rstrip()):
        return ""
    return f" [{escape(row.refs)}]"
