"""Checks across rows and files: provenance, counts, studies, concordance and completeness.

`validate(data_dir)` is what `python -m il12_evidence validate`, `load()` and the site build
run: schema problems first (data.read), then these checks, then the audit's reconciliation
(every problem the rules find is explained in findings.csv). Each check is linear in the
number of rows; the source text is searched once per distinct fragment (sourcetext).
"""

import re
from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from .coverage import uncovered_numbers
from .data import DATA_DIR, SOURCE_TEXT, Dataset, read
from .dosing import regimen_problems
from .numbers import MAX_DECIMALS, occurs_as_token, parse_decimal, parse_printed
from .problems import DataError, Problem, display_path
from .rules import RULES, Audit, categories

# Parameters the engine reads from parameters.csv (rule thresholds and the dose conversion).
REQUIRED_PARAMETERS = ("confidence_level", "smallest_groups_listed", "largest_group_searched", "nearby_counts")
# The audit loops up to these counts: a bound keeps a mistyped parameter from hanging it.
COUNT_PARAMETERS = {"smallest_groups_listed": 100, "largest_group_searched": 10_000, "nearby_counts": 1_000}
PERCENT_DIGITS = f"a percentage is printed in digits with at most {MAX_DECIMALS} decimals (the audit recomputes it)"

# A paper's identifiers, in the order a reader's link prefers them (views.record_url).
IDENTIFIERS = ("doi", "pmid", "pmcid")

Report = Callable[[dict, str, str], None]


def validate(data_dir: Path = DATA_DIR) -> tuple[Dataset | None, list[Problem]]:
    """The dataset and every problem with it, audit reconciliation included."""
    dataset, problems = read(data_dir)
    if dataset is None or problems:
        return dataset, problems
    problems = check(dataset)
    if not problems:
        audit = Audit.of(dataset)
        problems = audit.reconcile() + check_consequences(dataset, audit)
    return dataset, sorted(problems)


def load(data_dir: Path = DATA_DIR) -> Dataset:
    """The validated dataset; raises DataError listing every problem (audit findings included)."""
    dataset, problems = validate(data_dir)
    if problems:
        raise DataError(problems)
    return dataset


def quoted_fragments(dataset: Dataset) -> list[str]:
    """Every fragment any check looks up in the source text, to be found in one pass."""
    source = dataset.resource(SOURCE_TEXT)
    fragments = [row["quote"] for row in dataset.claims]
    fragments += [row[key] for row in dataset.studies for key in ("quote", "phase_quote")]
    fragments += [row["entry"] for row in dataset.references]
    fragments += [row["quote"] for row in dataset.rows("assertions")]
    fragments += [item["fragment"] for item in source.get("x-not-numbers", []) if isinstance(item, dict)]
    return [f for f in fragments if f]


def check(dataset: Dataset) -> list[Problem]:
    dataset.source.index(quoted_fragments(dataset))
    problems: list[Problem] = []
    for checker in (
        _check_claims,
        _check_counts,
        _check_studies,
        _check_references,
        _check_primary_sources,
        _check_papers,
        _check_facts,
        _check_questions,
        _check_assertions,
        _check_problems,
        _check_vocabularies,
        _check_completeness,
    ):
        checker(dataset, problems)
    return problems


def _reporter(dataset: Dataset, resource: str, problems: list[Problem]) -> Report:
    shown = display_path(dataset.path(resource))
    return lambda row, column, message: problems.append(Problem(shown, row["__row__"] if row else 0, column, message))


def _check_claims(dataset: Dataset, problems: list[Problem]) -> None:
    """Quotes are verbatim, values are the ones quoted and within their unit's range."""
    report = _reporter(dataset, "claims", problems)
    for row in dataset.claims:
        claim_id, quote, printed = row["claim_id"], row["quote"], row["value_as_printed"]
        if quote and quote not in dataset.source:
            report(row, "quote", f"claim {claim_id}: quote not found verbatim in the source text: {quote[:80]!r}")
        elif quote and printed and not occurs_as_token(printed, quote):
            report(row, "value_as_printed", f"claim {claim_id}: {printed!r} does not occur in its quote {quote[:80]!r}")
        if printed:
            parsed = parse_printed(printed)
            if parsed is None:
                report(
                    row, "value_as_printed", f"claim {claim_id}: {printed!r} is not a number, number word or numeral"
                )
            elif row["value"] is not None and parsed != row["value"]:
                report(
                    row,
                    "value",
                    f"claim {claim_id}: value {row['value']} differs from {printed!r} as printed ({parsed})",
                )
        unit = dataset.units.get(row["unit"])
        if unit and unit["dimension"] == "percentage" and printed and parse_decimal(printed) is None:
            report(row, "value_as_printed", f"claim {claim_id}: {printed!r} is in {row['unit']}, but {PERCENT_DIGITS}")
        if unit and row["value"] is not None:
            if unit["minimum"] is not None and row["value"] < unit["minimum"]:
                report(
                    row,
                    "value",
                    f"claim {claim_id}: {row['value']} is below {unit['minimum']}, the least a value in {row['unit']} can be",
                )
            if unit["maximum"] is not None and row["value"] > unit["maximum"]:
                report(
                    row,
                    "value",
                    f"claim {claim_id}: {row['value']} is above {unit['maximum']}, the most a value in {row['unit']} can be",
                )
        numerator, denominator = row["numerator"], row["denominator"]
        if numerator is not None and denominator is not None and numerator > denominator:
            report(row, "numerator", f"claim {claim_id}: numerator {numerator} exceeds denominator {denominator}")
        if row["part_of"] == claim_id:
            report(row, "part_of", f"claim {claim_id}: a claim cannot be a part of itself")
        if row["part_of"] and not row["partition"]:
            report(row, "partition", f"claim {claim_id}: part_of needs the name of its partition")
    _check_parts_units(dataset, report)


def _check_parts_units(dataset: Dataset, report: Report) -> None:
    """Parts and their whole are all percentages, percentages of a group size, or counts of one unit."""
    groups: dict[tuple, list[dict]] = {}
    for row in dataset.claims:
        if row["part_of"] in dataset.claims_by_id:
            groups.setdefault((row["part_of"], row["partition"]), []).append(row)
    for (whole_id, _), parts in groups.items():
        whole = dataset.claims_by_id[whole_id]
        units = {part["unit"] for part in parts}
        percent = [dataset.is_percentage(part) for part in parts]
        if any(percent) and not all(percent):
            report(
                parts[0],
                "unit",
                f"claim {parts[0]['claim_id']}: the parts of {whole_id} mix percentages and counts ({', '.join(sorted(units))})",
            )
        elif not any(percent) and (dataset.is_percentage(whole) or units != {whole["unit"]}):
            part = parts[0]
            report(
                part,
                "unit",
                f"claim {part['claim_id']}: a part in {part['unit']} cannot add up to its whole {whole_id} (row "
                f"{whole['__row__']}) in {whole['unit']}: parts and whole must share a unit, or the parts be percentages",
            )


def _check_counts(dataset: Dataset, problems: list[Problem]) -> None:
    """A count equals the (summed) values of the claims count_sources.csv names for it."""
    report = _reporter(dataset, "claims", problems)
    sources_report = _reporter(dataset, "count-sources", problems)
    by_id = dataset.claims_by_id
    for row in dataset.claims:
        for count in ("numerator", "denominator"):
            value, names = row[count], dataset.count_sources.get((row["claim_id"], count))
            if value is None and names is None:
                continue
            if names is None:
                report(
                    row,
                    count,
                    f"claim {row['claim_id']}: {count} {value} names no claim that states it (count_sources.csv)",
                )
                continue
            stated = sum((by_id[name]["value"] or Decimal(0) for name in names), Decimal(0))
            if value is None:
                report(row, count, f"claim {row['claim_id']}: {count} is empty but count_sources.csv gives {stated}")
            elif stated != value:
                report(
                    row,
                    count,
                    f"claim {row['claim_id']}: {count} {value} differs from {stated} stated by {' + '.join(names)}",
                )
    for row in dataset.rows("count-sources"):
        source = by_id.get(row["source_claim_id"])
        if source is not None and source["study_id"] != by_id[row["claim_id"]]["study_id"]:
            sources_report(
                row, "source_claim_id", f"{row['source_claim_id']} belongs to another study than {row['claim_id']}"
            )


def _check_studies(dataset: Dataset, problems: list[Problem]) -> None:
    report = _reporter(dataset, "studies", problems)
    phases: dict[str, set[str]] = {}
    for claim in dataset.claims:
        if claim["quantity"] == "trial_phase":
            phases.setdefault(claim["study_id"], set()).add(claim["value_as_printed"])
    for row in dataset.studies:
        study_id = row["study_id"]
        if row["quote"] and row["quote"] not in dataset.source:
            report(
                row, "quote", f"study {study_id}: quote not found verbatim in the source text: {row['quote'][:80]!r}"
            )
        if (row["phase"] is None) != (row["phase_quote"] is None) or (row["phase"] is None) != (
            row["phase_source"] is None
        ):
            report(row, "phase", f"study {study_id}: phase, phase_source and phase_quote go together")
        elif row["phase"]:
            if row["phase_quote"] not in dataset.source:
                report(row, "phase_quote", f"study {study_id}: phase_quote not found verbatim in the source text")
            elif not occurs_as_token(row["phase"], row["phase_quote"]):
                report(row, "phase", f"study {study_id}: {row['phase']!r} does not occur in its phase_quote")
            if phases.get(study_id, {row["phase"]}) != {row["phase"]}:
                report(
                    row,
                    "phase",
                    f"study {study_id}: phase {row['phase']} differs from the trial_phase claims {sorted(phases[study_id])}",
                )
        elif study_id in phases:
            report(
                row,
                "phase",
                f"study {study_id}: claims state phase {sorted(phases[study_id])}, so the study needs it too",
            )


def _check_references(dataset: Dataset, problems: list[Problem]) -> None:
    report = _reporter(dataset, "references", problems)
    for row in dataset.references:
        if row["entry"] and row["entry"] not in dataset.source:
            report(row, "entry", f"reference {row['ref']}: entry not found verbatim in the source text")
        if any(row.get(key) for key in IDENTIFIERS) and not row.get("identifiers_seen_at"):
            report(row, "identifiers_seen_at", f"reference {row['ref']}: an identifier needs the record it was seen in")
        if "searches" in dataset.tables and not any(row.get(key) for key in IDENTIFIERS):
            papers = [p["primary_id"] for p in dataset.rows("primary-studies") if p["ref"] == row["ref"]]
            if not dataset.searches_for.get(f"ref-{row['ref']}") and not any(
                dataset.searches_for.get(p) for p in papers
            ):
                report(
                    row,
                    "doi",
                    f"reference {row['ref']}: no identifier seen, and no search for one recorded (searches.csv, target ref-{row['ref']})",
                )
    # A primary study's identifiers are its reference's: the two tables must not disagree.
    studies_report = _reporter(dataset, "primary-studies", problems)
    for study in dataset.rows("primary-studies"):
        reference = dataset.references_by_ref.get(study["ref"]) if study["ref"] is not None else None
        for key in IDENTIFIERS:
            if reference and study.get(key) and reference.get(key) and study[key] != reference[key]:
                studies_report(
                    study,
                    key,
                    f"primary study {study['primary_id']}: {key} {study[key]} differs from reference "
                    f"{study['ref']}'s {reference[key]}",
                )


def _check_primary_sources(dataset: Dataset, problems: list[Problem]) -> None:
    """Each concordance row states its figure, checks a claim of its study, and counts that fit."""
    rows = dataset.rows("primary-sources")
    if "primary-sources" not in dataset.tables:
        return
    report = _reporter(dataset, "primary-sources", problems)
    claims_report = _reporter(dataset, "claims", problems)
    checked = dataset.primary_by_claim
    for claim in dataset.claims:  # every number attributed to a cited study is compared with that study
        if dataset.study_of(claim)["ref"] is not None and claim["claim_id"] not in checked:
            claims_report(
                claim, "study_id", f"claim {claim['claim_id']} cites a reference but has no row in primary_sources.csv"
            )
    for row in rows:
        claim_id = row["claim_id"]
        value, statement = row["primary_value"], row["primary_statement"] or ""
        if value and not occurs_as_token(value, statement):
            report(row, "primary_value", f"claim {claim_id}: {value!r} does not occur in primary_statement")
        if value and row["primary_unit"] is None:
            report(row, "primary_unit", f"claim {claim_id}: primary_value needs its unit")
        unit = dataset.units.get(row["primary_unit"])
        if value and unit and unit["dimension"] == "percentage" and parse_decimal(value) is None:
            report(
                row, "primary_value", f"claim {claim_id}: {value!r} is in {row['primary_unit']}, but {PERCENT_DIGITS}"
            )
        numerator, denominator = row["primary_numerator"], row["primary_denominator"]
        if numerator is not None and denominator is not None and numerator > denominator:
            report(row, "primary_numerator", f"claim {claim_id}: {numerator} exceeds {denominator}")
        study = dataset.primary_studies[row["primary_id"]]
        verdict = dataset.verdicts[row["verdict"]]
        read = verdict["result"] != "not-read"
        if read and not row["document"]:
            report(row, "document", f"claim {claim_id}: verdict {row['verdict']} needs the document that was read")
        if read and not dataset.read_at(row):
            report(
                row,
                "verdict",
                f"claim {claim_id}: verdict {row['verdict']} needs a copy that was read ({row['primary_id']} has no read_at)",
            )
        if not read and row["document"]:
            report(
                row,
                "document",
                f"claim {claim_id}: verdict {row['verdict']} says nothing was read, but a document is named",
            )
        cited = dataset.study_of(dataset.claims_by_id[claim_id])
        # for another report of the study, the searches for the cited paper count too
        searched = _searched(dataset, study) or bool(
            dataset.searches_for.get(cited["study_id"])
            or (cited["ref"] and dataset.searches_for.get(f"ref-{cited['ref']}"))
        )
        if verdict["result"] in ("absent", "not-read") and not searched:
            report(
                row,
                "verdict",
                f"claim {claim_id}: an unresolved comparison needs the searches made for {row['primary_id']} (searches.csv)",
            )
        if row["compared_with"] == "cited":
            if study["ref"] is not None and study["ref"] != cited["ref"]:
                report(
                    row,
                    "primary_id",
                    f"claim {claim_id} cites reference {cited['ref']}, not {study['ref']} ({row['primary_id']})",
                )
        elif study["relation"] != "same-study" or study["study_id"] != cited["study_id"]:
            report(
                row,
                "compared_with",
                f"claim {claim_id}: {row['primary_id']} must be another report of {cited['study_id']} (relation same-study) to stand in for the cited source",
            )
        if verdict["result"] == "elsewhere" and (row["compared_with"] != "cited" or not row["note"]):
            report(
                row,
                "verdict",
                f"claim {claim_id}: a figure is said to belong to another study only when the cited source was read (compared_with cited) and the note names that study",
            )


def _searched(dataset: Dataset, paper: dict) -> bool:
    return bool(
        dataset.searches_for.get(paper["primary_id"])
        or (paper["ref"] and dataset.searches_for.get(f"ref-{paper['ref']}"))
    )


def _check_papers(dataset: Dataset, problems: list[Problem]) -> None:
    """What each paper is to the review, and where and when it was read."""
    report = _reporter(dataset, "primary-studies", problems)
    for row in dataset.rows("primary-studies"):
        paper = row["primary_id"]
        if row["read_at"] and not (row["read_on"] and row["document"]):
            report(
                row,
                "read_on",
                f"paper {paper}: a copy that was read needs the date it was read and what it showed (read_on, document)",
            )
        if not row["read_at"] and row["document"]:
            report(row, "document", f"paper {paper}: a document is named but no read_at says where it was read")
        relation = row["relation"]
        study = dataset.studies_by_id.get(row["study_id"]) if row["study_id"] else None
        if relation == "cited" and (row["ref"] is None or (study is not None and study["ref"] != row["ref"])):
            report(
                row,
                "ref",
                f"paper {paper}: a cited paper needs its reference (and, with a study_id, that study's reference)",
            )
        if relation == "same-study" and (study is None or not row["same_study"]):
            report(
                row,
                "same_study",
                f"paper {paper}: another report of a study needs study_id and why it is the same study",
            )
        following = relation not in ("cited", "same-study")
        if following and (not row["follows"] or row["study_id"]):
            report(
                row,
                "follows",
                f"paper {paper}: a {relation} paper names the review's study it relates to (follows), not a study_id",
            )
        if not following and row["follows"]:
            report(
                row,
                "follows",
                f"paper {paper}: a {relation} paper reports a study (study_id); only other studies follow one",
            )


# A sentence ends at . ! or ? followed by a space and a capital letter or digit, unless the period
# closes an abbreviation ("vs. HemaMax", "Sept. 1") or a list numeral ("I. Determine").
_SENTENCE_BREAK = re.compile(r"(\w*)([.!?])[)\]”\"']?\s+(?=[A-Z0-9])")
ABBREVIATIONS = frozenset({"vs", "al", "fig", "figs", "sept", "no", "dr", "approx", "e.g", "i.e", "ca", "cf", "ref", "refs", "vol", "jan",
                           "feb", "mar", "apr", "jun", "jul", "aug", "oct", "nov", "dec", "st", "pts", "resp", "mg", "inc", "ltd", "co"})  # fmt: skip


@lru_cache(maxsize=8192)  # the same quotes are counted on every validation
def sentences_in(text: str) -> int:
    """How many sentences a quote holds (at most one may be quoted from a source other than the review)."""
    if not text.strip():
        return 0
    breaks = [
        m for m in _SENTENCE_BREAK.finditer(text.strip())
        if m.group(2) != "." or (m.group(1).lower() not in ABBREVIATIONS and not re.fullmatch(r"[IVX]+|[A-Za-z]", m.group(1)))
    ]  # fmt: skip
    return len(breaks) + 1


def _check_facts(dataset: Dataset, problems: list[Problem]) -> None:
    """A fact's number stands in its quote, which is one sentence at most; counts fit."""
    report = _reporter(dataset, "facts", problems) if "facts" in dataset.tables else None
    for row in dataset.rows("facts"):
        fact = row["fact_id"]
        printed, quote = row["value_as_printed"], row["quote"]
        if printed and not occurs_as_token(printed, quote):
            report(row, "value_as_printed", f"fact {fact}: {printed!r} does not occur in its quote {quote[:80]!r}")
        if printed and parse_printed(printed) is not None and row["value"] != parse_printed(printed):
            report(row, "value", f"fact {fact}: value {row['value']} differs from {printed!r} as printed")
        if printed and row["unit"] is None:
            report(row, "unit", f"fact {fact}: a number needs its unit")
        if sentences_in(quote) > 1:
            report(
                row,
                "quote",
                f"fact {fact}: quote at most one sentence of a source other than the review ({sentences_in(quote)} here)",
            )
        if row["numerator"] is not None and row["denominator"] is not None and row["numerator"] > row["denominator"]:
            report(
                row, "numerator", f"fact {fact}: numerator {row['numerator']} exceeds denominator {row['denominator']}"
            )


def _check_questions(dataset: Dataset, problems: list[Problem]) -> None:
    """Each question has evidence; each evidence row names a paper or a study, and numbers that exist,
    belong to that study and count the question's outcome."""
    if "question-evidence" not in dataset.tables:
        return
    report = _reporter(dataset, "question-evidence", problems)
    facts = dataset.rows_by("facts", "fact_id")
    questions = dataset.rows_by("questions", "question_id")
    answered = {row["question_id"] for row in dataset.rows("question-evidence")}
    questions_report = _reporter(dataset, "questions", problems)
    for question in dataset.rows("questions"):
        if question["question_id"] not in answered:
            questions_report(
                question, "question_id", f"question {question['question_id']} has no evidence (question_evidence.csv)"
            )
    for row in dataset.rows("question-evidence"):
        where = f"question {row['question_id']} row {row['row']}"
        if bool(row["primary_id"]) == bool(row["study_id"]):
            report(
                row,
                "primary_id",
                f"{where}: name the paper read (primary_id) or, where none was read, the review's study (study_id)",
            )
            continue
        if row["from"] and row["numerator_from"]:
            report(
                row,
                "numerator_from",
                f"{where}: give one stated number (from) or counts to add up (numerator_from), not both",
            )
        paper = dataset.primary_studies.get(row["primary_id"]) if row["primary_id"] else None
        own_studies = {row["study_id"]} if row["study_id"] else {paper["study_id"], paper["follows"]} - {None}
        question = questions.get(row["question_id"])
        for column in ("from", "numerator_from", "denominator_from"):
            for source in (row[column] or "").split():
                claim, fact = dataset.claims_by_id.get(source), facts.get(source)
                if claim is None and fact is None:
                    report(row, column, f"{where}: {source!r} is no claim (claims.csv) and no fact (facts.csv)")
                elif fact is not None and fact["primary_id"] != row["primary_id"]:
                    report(row, column, f"{where}: fact {source} is of {fact['primary_id']}, not {row['primary_id']}")
                elif claim is not None and claim["study_id"] not in own_studies:
                    report(row, column, f"{where}: claim {source} is of {claim['study_id']}, not of this group's study")
                elif column != "denominator_from" and question is not None:
                    outcome = (claim or fact)["outcome"]
                    if column == "from" and outcome and outcome != question["outcome"]:
                        report(
                            row,
                            column,
                            f"{where}: {source} counts {outcome}, the question asks about {question['outcome']}",
                        )
        if row["numerator_from"] and question is not None:
            counted = [
                (dataset.claims_by_id.get(s) or facts.get(s) or {}).get("outcome")
                for s in row["numerator_from"].split()
            ]
            union = frozenset().union(*(categories(dataset, o) or frozenset() for o in counted))
            if union != categories(dataset, question["outcome"]):
                report(
                    row,
                    "numerator_from",
                    f"{where}: the counts added ({', '.join(map(str, counted))}) are not {question['outcome']}",
                )
    design_report = _reporter(dataset, "primary-studies", problems)
    used = {row["primary_id"] for row in dataset.rows("question-evidence") if row["primary_id"]}
    stated = {(fact["primary_id"], fact["attribute"]) for fact in dataset.rows("facts")}
    for paper in dataset.rows("primary-studies"):
        for attribute in ("randomised", "blinded"):
            if (
                paper["primary_id"] in used
                and paper[attribute] == "yes"
                and (paper["primary_id"], attribute) not in stated
            ):
                design_report(
                    paper,
                    attribute,
                    f"paper {paper['primary_id']}: {attribute} 'yes' needs a fact quoting it (facts.csv, attribute {attribute})",
                )


def _check_assertions(dataset: Dataset, problems: list[Problem]) -> None:
    """The review's claims without numbers: quoted verbatim, judged against a source that was read."""
    if "assertions" not in dataset.tables:
        return
    report = _reporter(dataset, "assertions", problems)
    for row in dataset.rows("assertions"):
        name = row["assertion_id"]
        if row["quote"] not in dataset.source:
            report(
                row, "quote", f"assertion {name}: quote not found verbatim in the source text: {row['quote'][:80]!r}"
            )
        if row["source_quote"] and sentences_in(row["source_quote"]) > 1:
            report(
                row, "source_quote", f"assertion {name}: quote at most one sentence of a source other than the review"
            )
        read = bool(row["source_document"] and row["read_at"] and row["read_on"])
        if row["verdict"] != "not-checkable" and not read:
            report(
                row,
                "verdict",
                f"assertion {name}: verdict {row['verdict']} needs a source that was read (source_document, read_at, read_on)",
            )
        if row["verdict"] in ("overstated", "contradicted") and not row["spin_category"]:
            report(row, "spin_category", f"assertion {name}: an {row['verdict']} claim needs its category of spin")
        if row["verdict"] not in ("overstated", "contradicted") and row["spin_category"]:
            report(
                row, "spin_category", f"assertion {name}: spin is classified only for overstated or contradicted claims"
            )
        if read and not (row["source_ref"] or row["source_paper"]):
            report(row, "source_ref", f"assertion {name}: name the source read (source_ref or source_paper)")


def _check_problems(dataset: Dataset, problems: list[Problem]) -> None:
    """A subgroup names an arm of its study; a problem's consequence agrees with the gap its findings compute."""
    report = _reporter(dataset, "subgroups", problems)
    for row in dataset.rows("subgroups"):
        arms = {claim["arm"] for claim in dataset.claims_by_study.get(row["study_id"], [])}
        if row["arm"] not in arms:
            report(row, "arm", f"subgroup {row['arm']!r} is no arm of {row['study_id']} in claims.csv")


def check_consequences(dataset: Dataset, audit: Audit) -> list[Problem]:
    """Each problem's recorded consequence against the largest gap (in points) its findings compute:
    a gap of figure_change_points or more is not cosmetic, and changes-figure needs such a gap."""
    if "review-problems" not in dataset.tables:
        return []
    found: list[Problem] = []
    report = _reporter(dataset, "review-problems", found)
    threshold = dataset.parameters.get("figure_change_points")
    for row in dataset.rows("review-problems"):
        gaps = [f.gap for f in audit.by_problem.get(row["problem_id"], []) if f.gap is not None]
        if threshold is None or not gaps:
            if row["consequence"] == "changes-figure":
                report(
                    row,
                    "consequence",
                    f"problem {row['problem_id']}: changes-figure needs a finding that computes how far the figure is off",
                )
            continue
        largest = max(gaps)
        if largest >= threshold and row["consequence"] == "cosmetic":
            report(
                row,
                "consequence",
                f"problem {row['problem_id']}: a figure off by {largest.normalize():f} points is not cosmetic",
            )
        if largest < threshold and row["consequence"] == "changes-figure":
            report(
                row,
                "consequence",
                f"problem {row['problem_id']}: its figures are off by {largest.normalize():f} points, under figure_change_points",
            )
    return found


def _check_vocabularies(dataset: Dataset, problems: list[Problem]) -> None:
    report = _reporter(dataset, "rules", problems)
    for name in sorted(set(RULES) - set(dataset.rules)):
        report(None, "rule", f"the engine has a rule {name!r} that rules.csv does not list")
    for row in dataset.rows("rules"):
        if row["rule"] not in RULES:
            report(row, "rule", f"rule {row['rule']!r} is not implemented by the engine")
    if "regimens" in dataset.tables:
        report = _reporter(dataset, "regimens", problems)
        for row, column, message in regimen_problems(dataset):
            report(row, column, message)
    report = _reporter(dataset, "parameters", problems)
    for name in REQUIRED_PARAMETERS:
        if name not in dataset.parameters:
            report(None, "parameter", f"parameter {name!r} is missing; the audit needs it")
    for row in dataset.rows("parameters"):
        name, value = row["parameter"], row["value"]
        most = COUNT_PARAMETERS.get(name)
        if most is not None and (value != int(value) or value > most):
            report(row, "value", f"parameter {name} must be a whole number up to {most:,}; the audit counts up to it")
        if name == "confidence_level" and not 0 < value < 1:
            report(row, "value", "confidence_level must lie strictly between 0 and 1")


def _check_completeness(dataset: Dataset, problems: list[Problem]) -> None:
    """Every number printed in the source's body is stated by a claim (see coverage)."""
    source = dataset.resource(SOURCE_TEXT)
    if not source.get("x-body-start"):
        return
    path = display_path(dataset.path(SOURCE_TEXT))
    try:
        missing = uncovered_numbers(
            dataset.source,
            dataset.claims,
            source["x-body-start"],
            source.get("x-body-end", ""),
            [item["fragment"] for item in source.get("x-not-numbers", [])],
        )
    except ValueError:
        problems.append(Problem(path, 0, "-", "x-body-start or x-body-end of datapackage.json is not in the text"))
        return
    for number in missing:
        problems.append(
            Problem(path, number.line, "-", f"number {number.token!r} is stated by no claim: …{number.context}…")
        )
