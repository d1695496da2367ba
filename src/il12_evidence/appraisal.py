"""Views for the reader's question — does it work, for what, how sure: the summary of findings,
study cards, the studies the review does not cite and the review's claims without numbers. Rows of typed values only.

Every number here comes from data: a group's counts from the claims or facts question_evidence.csv
names (summed where several are named), its rate and interval computed from those counts, and
its certainty from the rules in `certainty`.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cached_property

from . import certainty, numbers, stats
from .views import Evidence, SelectionError, record_label, record_url

# A paper's relations (primary_studies.csv) that make it the review's own evidence: the cited
# report, or another report of the same study. Every other paper is one the review does not cite.
CITED_RELATIONS = ("cited", "same-study")


@dataclass(frozen=True, kw_only=True)
class Source:
    """A claim of the review or a fact of a paper read, as a number with its provenance."""

    source_id: str
    kind: str  # "claim" (the review's number) or "fact" (a paper's)
    value: Decimal | None
    printed: str
    unit: str
    numerator: int | None
    denominator: int | None
    outcome: str
    quote: str
    where: str  # the paper and document it was read in, or "the review"
    read_at: str


@dataclass(frozen=True, kw_only=True)
class EffectArm:
    question_id: str
    row: int
    study: str  # label of the paper (or the review's study)
    study_key: str  # primary_id or study_id
    role: str
    arm: str
    successes: int | None
    trials: int | None
    counts: str  # "stated", "summed", "implied" (the only count a percentage of the group allows), "none"
    percent: Decimal | None  # a stated percentage, where no count is
    rate: float | None
    ci_low: float | None
    ci_high: float | None
    sources: tuple[Source, ...]  # the claims and facts the number comes from
    note: str
    publication: str
    cited: bool  # the review cites this study (or another report of it); False: a study it does not cite
    reports: str = ""  # for another report of a study the review cites: that study's label

    @property
    def another_report(self) -> str:
        """What this paper is to the review where it reports a cited study (the page and the chart say it alike)."""
        return f"another report of the study the review cites as {self.reports}" if self.reports else ""


@dataclass(frozen=True, kw_only=True)
class Difference:
    """Intervention minus comparator, in percentage points, with Newcombe's interval."""

    intervention: EffectArm
    comparator: EffectArm
    points: float
    low: float
    high: float


@dataclass(frozen=True, kw_only=True)
class SofRow:
    question_id: str
    order: int
    theme: str
    topic: str
    question: str
    population: str
    intervention: str
    partner: str
    comparator: str
    outcome: str
    outcome_label: str
    outcome_kind: str
    arms: tuple[EffectArm, ...]
    differences: tuple[Difference, ...]  # each treated group of a study against its comparator
    certainty: certainty.Certainty
    studies: tuple[str, ...]
    designs: tuple[str, ...]  # "<paper>: <its design>", one per paper
    participants: int | None


def certainty_rules(dataset, level: str) -> certainty.Rules:
    """The rules' numbers, from parameters.csv."""
    parameters = dataset.parameters
    return certainty.Rules(
        caps={domain: int(parameters[f"certainty_cap_{domain.replace(' ', '_')}"]) for domain in certainty.DOMAINS},
        animals=int(parameters["certainty_down_for_animals"]),
        no_effect=int(parameters["certainty_down_for_no_effect"]),
        participants=int(parameters["imprecision_participants"]),
        interval_points=int(parameters["imprecision_interval_points"]),
        level=level,
    )


class Appraisal:
    """The summary of findings and what hangs from it, computed once for an Evidence."""

    def __init__(self, evidence: Evidence):
        self.evidence = evidence
        self.dataset = evidence.dataset

    @cached_property
    def facts(self) -> dict[str, dict]:
        return self.dataset.rows_by("facts", "fact_id")

    @cached_property
    def papers(self) -> dict[str, dict]:
        return self.dataset.primary_studies

    def source(self, source_id: str) -> Source:
        dataset = self.dataset
        if source_id in dataset.claims_by_id:
            claim = dataset.claims_by_id[source_id]
            return Source(
                source_id=source_id,
                kind="claim",
                value=claim["value"],
                printed=claim["value_as_printed"],
                unit=claim["unit"],
                numerator=claim["numerator"],
                denominator=claim["denominator"],
                outcome=claim["outcome"] or "",
                quote=claim["quote"],
                where="the review",
                read_at="",
            )
        fact = self.facts.get(source_id)
        if fact is None:
            raise SelectionError(f"no claim or fact {source_id!r}")
        paper = self.papers[fact["primary_id"]]
        return Source(
            source_id=source_id,
            kind="fact",
            value=fact["value"],
            printed=fact["value_as_printed"] or "",
            unit=fact["unit"] or "",
            numerator=fact["numerator"],
            denominator=fact["denominator"],
            outcome=fact["outcome"] or "",
            quote=fact["quote"],
            where=f"{paper['label']} ({fact['document']})",
            read_at=fact["read_at"],
        )

    def _sum(self, ids: str) -> tuple[int | None, tuple[Source, ...]]:
        sources = tuple(self.source(i) for i in ids.split()) if ids else ()
        if not sources:
            return None, ()
        return int(sum(s.value for s in sources)), sources

    def _arm(self, row: dict) -> EffectArm:
        dataset = self.dataset
        successes = trials = None
        percent, counts, sources = None, "none", []
        if row["from"]:
            source = self.source(row["from"])
            sources.append(source)
            successes, trials = source.numerator, source.denominator
            if dataset.units.get(source.unit, {}).get("dimension") == "percentage":
                percent = source.value
            elif source.numerator is None and source.value is not None and source.denominator is not None:
                successes = int(source.value)
            counts = "stated" if successes is not None and trials is not None else "none"
        summed, numerator_sources = self._sum(row["numerator_from"])
        if summed is not None:
            successes, counts = summed, "summed"
            sources += numerator_sources
        total, denominator_sources = self._sum(row["denominator_from"])
        if total is not None:
            trials = total
            sources += denominator_sources
            if successes is None and percent is not None:
                found = set(numbers.grim_counts(f"{percent.normalize():f}", trials).values())
                if len(found) == 1 and (only := found.pop())[0] == only[1]:
                    successes, counts = only[0], "implied"
        if percent is not None and trials is not None and successes is None:
            found = set(numbers.grim_counts(f"{percent.normalize():f}", trials).values())
            if len(found) == 1 and (only := found.pop())[0] == only[1]:
                successes, counts = only[0], "implied"
        rate = low = high = None
        if successes is not None and trials:
            result = stats.proportion(successes, trials, confidence=self.evidence.confidence)
            rate, low, high = result.rate, result.ci_low, result.ci_high
        if row["primary_id"]:
            paper = self.papers[row["primary_id"]]
            label, key = paper["label"], row["primary_id"]
            kinds = dataset.rows_by("publication-types", "publication_type")
            publication = kinds[paper["publication_type"]]["label"]
            cited = paper["relation"] in CITED_RELATIONS
            reports = dataset.studies_by_id[paper["study_id"]]["label"] if paper["relation"] == "same-study" else ""
        else:
            label, key, publication = dataset.studies_by_id[row["study_id"]]["label"], row["study_id"], "not read"
            cited, reports = True, ""
        return EffectArm(
            question_id=row["question_id"],
            row=row["row"],
            study=label,
            study_key=key,
            role=row["role"],
            arm=row["arm"],
            successes=successes,
            trials=trials,
            counts=counts if successes is not None else ("none" if trials is None else "group only"),
            percent=percent,
            rate=rate,
            ci_low=low,
            ci_high=high,
            sources=tuple(sources),
            note=row["note"] or "",
            publication=publication,
            cited=cited,
            reports=reports,
        )

    def _as_species(self, design: certainty.Design, species: str | None) -> certainty.Design:
        if not species:
            return design
        row = self.dataset.rows_by("species", "species")[species]
        return replace(design, species_label=row["label"], human=row["human"])

    def design(self, key: str) -> certainty.Design:
        dataset = self.dataset
        species = dataset.rows_by("species", "species")
        if key in self.papers:
            paper = self.papers[key]
            kind = dataset.rows_by("publication-types", "publication_type")[paper["publication_type"]]
            return certainty.Design(
                label=paper["label"],
                species_label=species[paper["species"]]["label"],
                human=species[paper["species"]]["human"],
                randomised=paper["randomised"],
                blinded=paper["blinded"],
                peer_reviewed=kind["peer_reviewed"],
                publication=kind["label"],
                read=bool(paper["read_at"]),
            )
        study = dataset.studies_by_id[key]
        kind = "in vitro" if study["setting"] == "in vitro" else (study["species"] or "human")
        return certainty.Design(
            label=study["label"],
            species_label=species[kind]["label"] if kind in species else kind,
            human=kind == "human" and study["setting"] != "in vitro",
            randomised="not stated",
            blinded="not stated",
            peer_reviewed=False,
            publication="the review's words only",
            read=False,
        )

    @cached_property
    def rows(self) -> list[SofRow]:
        dataset = self.dataset
        evidence_rows: dict[str, list[dict]] = {}
        for row in dataset.rows("question-evidence"):
            evidence_rows.setdefault(row["question_id"], []).append(row)
        kinds = dataset.rows_by("outcome-kinds", "kind")
        level = numbers.share_percent(self.evidence.confidence, 0)
        rows = []
        for question in sorted(dataset.rows("questions"), key=lambda q: q["order"]):
            arms = tuple(
                self._arm(r) for r in sorted(evidence_rows.get(question["question_id"], []), key=lambda r: r["row"])
            )
            if not arms:
                raise SelectionError(f"question {question['question_id']} has no evidence rows")
            keys = list(dict.fromkeys(arm.study_key for arm in arms))
            # a group may name who it is where its paper treated several kinds (mice of a mouse and monkey paper)
            kinds_of = {
                r["primary_id"] or r["study_id"]: r["species"]
                for r in evidence_rows.get(question["question_id"], [])
                if r.get("species")
            }
            designs = {self.design(k).label: self._as_species(self.design(k), kinds_of.get(k)) for k in keys}
            outcome_label = dataset.outcomes[question["outcome"]]["label"]
            kind = kinds[question["outcome_kind"]]
            rated = certainty.rate(
                designs,
                [
                    certainty.Arm(
                        study=a.study,
                        role=a.role,
                        successes=a.successes,
                        trials=a.trials,
                        ci_low=a.ci_low,
                        ci_high=a.ci_high,
                        stated_rate=a.percent is not None,
                    )
                    for a in arms
                ],
                certainty.Question(
                    outcome_label=outcome_label,
                    surrogate=kind["surrogate"],
                    judged=kind["judged"],
                    partner=question["partner"] or "",
                    population_indirect=question["population_indirect"] or "",
                ),
                rules=certainty_rules(dataset, level),
            )
            counted = [a for a in arms if a.trials is not None and a.role != "benchmark"]
            rows.append(
                SofRow(
                    question_id=question["question_id"],
                    order=question["order"],
                    theme=question["theme"],
                    topic=question["topic"],
                    question=question["question"],
                    population=question["population"],
                    intervention=question["intervention"],
                    partner=question["partner"] or "",
                    comparator=question["comparator"],
                    outcome=question["outcome"],
                    outcome_label=outcome_label,
                    outcome_kind=kind["label"],
                    arms=arms,
                    differences=self._differences(arms),
                    certainty=rated,
                    studies=tuple(designs),
                    designs=tuple(self._design_text(k) for k in keys),
                    participants=sum(a.trials for a in counted) if counted else None,
                )
            )
        return rows

    def _design_text(self, key: str) -> str:
        if key in self.papers:
            paper = self.papers[key]
            return f"{paper['label']}: {paper['design']}"
        study = self.dataset.studies_by_id[key]
        return f"{study['label']}: {study['design']} (only the review's words read)"

    def _differences(self, arms: Sequence[EffectArm]) -> tuple[Difference, ...]:
        """Each intervention group with counts against its own study's comparator with counts."""
        found = []
        for intervention in arms:
            if intervention.role != "intervention" or intervention.rate is None:
                continue
            comparator = next(
                (
                    a
                    for a in arms
                    if a.role == "comparator" and a.study_key == intervention.study_key and a.rate is not None
                ),
                None,
            )
            if comparator is not None:
                points, low, high = stats.newcombe_difference(
                    intervention.successes,
                    intervention.trials,
                    comparator.successes,
                    comparator.trials,
                    confidence=self.evidence.confidence,
                )
                found.append(
                    Difference(intervention=intervention, comparator=comparator, points=points, low=low, high=high)
                )
        return tuple(found)

    def rows_for(self, *, topic: str | None = None, theme: str | None = None) -> list[SofRow]:
        chosen = [r for r in self.rows if (topic is None or r.topic == topic) and (theme is None or r.theme == theme)]
        if not chosen:
            raise SelectionError(f"no question of the summary of findings for topic={topic!r} theme={theme!r}")
        return chosen


# --- study cards -----------------------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class CardFact:
    attribute: str
    label: str
    arm: str
    text: str
    printed: str
    unit_reads: str  # the number as it reads with its unit, "" for a fact in words
    successes: int | None
    trials: int | None
    rate: float | None
    ci_low: float | None
    ci_high: float | None
    quote: str
    document: str
    read_at: str
    read_on: str


@dataclass(frozen=True, kw_only=True)
class StudyCard:
    primary_id: str
    label: str
    citation: str
    relation: str
    follows: str  # label of the review's study it relates to
    trial: str
    publication: str
    peer_reviewed: bool
    design: str
    species: str
    randomised: str
    blinded: str
    control: str
    summary: str
    document: str
    read_at: str
    read_on: str
    record_url: str
    record_label: str
    facts: tuple[CardFact, ...]
    missing: tuple[str, ...]  # attributes a card shows that the document read does not state


RELATION_WORDS = {
    "cited": "cited by the review",
    "same-study": "another report of a study the review cites",
    "later-trial": "a later trial of the same regimen",
    "randomised-comparison": "a randomised trial of the same regimen",
    "next-stage": "the next stage of the same product",
    "earlier-stage": "an earlier stage of the same product",
    "related": "another study of the same product and setting",
    "benchmark": "a benchmark: the partner treatment's own result",
}
# What a reader of a treatment study looks for on its card even when the document does not say it.
EXPECTED = (
    "randomised",
    "comparator",
    "enrolled",
    "evaluable",
    "response-criteria",
    "durability",
    "grade3-toxicity",
    "deaths",
)


def study_card(evidence: Evidence, primary_id: str) -> StudyCard:
    dataset = evidence.dataset
    paper = dataset.primary_studies.get(primary_id)
    if paper is None:
        raise SelectionError(f"no paper {primary_id!r} in primary_studies.csv")
    attributes = dataset.rows_by("attributes", "attribute")
    kinds = dataset.rows_by("publication-types", "publication_type")
    facts = []
    for fact in dataset.rows("facts"):
        if fact["primary_id"] != primary_id or not attributes[fact["attribute"]]["card"]:
            continue
        rate = low = high = None
        successes, trials = fact["numerator"], fact["denominator"]
        if successes is not None and trials:
            result = stats.proportion(successes, trials, confidence=evidence.confidence)
            rate, low, high = result.rate, result.ci_low, result.ci_high
        unit = dataset.units.get(fact["unit"]) if fact["unit"] else None
        reads = ""
        if fact["value_as_printed"] and unit is not None:
            from .units import reads as unit_reads

            reads = unit_reads(unit, fact["value_as_printed"], fact["value"])
        facts.append(
            CardFact(
                attribute=fact["attribute"],
                label=attributes[fact["attribute"]]["label"],
                arm=fact["arm"] or "",
                text=fact["text"],
                printed=fact["value_as_printed"] or "",
                unit_reads=reads,
                successes=successes,
                trials=trials,
                rate=rate,
                ci_low=low,
                ci_high=high,
                quote=fact["quote"],
                document=fact["document"],
                read_at=fact["read_at"],
                read_on=fact["read_on"],
            )
        )
    facts.sort(key=lambda f: attributes[f.attribute]["order"])
    stated = {f.attribute for f in facts} | ({"randomised"} if paper["randomised"] != "not stated" else set())
    missing = tuple(attributes[a]["label"] for a in EXPECTED if a not in stated and paper["species"] == "human")
    follows = dataset.studies_by_id[paper["follows"]]["label"] if paper["follows"] else ""
    kind = kinds[paper["publication_type"]]
    return StudyCard(
        primary_id=primary_id,
        label=paper["label"],
        citation=paper["citation"],
        relation=RELATION_WORDS[paper["relation"]],
        follows=follows,
        trial=paper["trial"] or "",
        publication=kind["label"],
        peer_reviewed=kind["peer_reviewed"],
        design=paper["design"],
        species=dataset.rows_by("species", "species")[paper["species"]]["label"],
        randomised=paper["randomised"],
        blinded=paper["blinded"],
        control=paper["control"],
        summary=paper["summary"] or "",
        document=paper["document"] or "",
        read_at=paper["read_at"] or "",
        read_on=paper["read_on"] or "",
        record_url=record_url(paper),
        record_label=record_label(paper),
        facts=tuple(facts),
        missing=missing,
    )


def papers_for(evidence: Evidence, study_ids: Sequence[str], *, relations: Sequence[str]) -> list[str]:
    """The papers read that report (or follow) these review studies, in the data's order."""
    wanted = set(study_ids)
    chosen = []
    for paper in evidence.dataset.rows("primary-studies"):
        if paper["relation"] not in relations:
            continue
        if paper["study_id"] in wanted or paper["follows"] in wanted:
            chosen.append(paper["primary_id"])
    return chosen


# --- the review's claims without numbers --------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class AssertionRow:
    assertion_id: str
    section: str
    quote: str
    kind: str
    refs: str
    topic: str
    source: str  # the source read, as a reader names it
    source_url: str
    source_says: str
    source_quote: str
    source_document: str
    verdict: str
    verdict_label: str
    verdict_rank: int
    spin: str  # "category: type", or ""
    reason: str


def assertion_rows(evidence: Evidence, *, topics: Sequence[str] | None = None) -> list[AssertionRow]:
    dataset = evidence.dataset
    verdicts = dataset.rows_by("assertion-verdicts", "verdict")
    rows = []
    for row in dataset.rows("assertions"):
        if topics is not None and row["topic"] not in topics:
            continue
        if row["source_ref"] is not None:
            reference = dataset.references_by_ref[row["source_ref"]]
            # the paper read, where it is in the data, names it (with the year of its record, not a misprint)
            papers = dataset.grouped_by("primary-studies", "ref").get(row["source_ref"], [])
            name = (
                papers[0]["label"]
                if len(papers) == 1
                else f"{reference['authors'].split(',')[0].split(' ')[0]} {reference['year']}"
            )
            source = f"ref. {row['source_ref']} ({name})"
            url = record_url(reference)
        elif row["source_paper"]:
            paper = dataset.primary_studies[row["source_paper"]]
            source, url = paper["label"], record_url(paper)
        else:
            source, url = "", ""
        spin = row["spin_category"] or ""
        if spin and row["spin_type"]:
            spin += f": {row['spin_type']}"
        rows.append(
            AssertionRow(
                assertion_id=row["assertion_id"],
                section=row["section"],
                quote=row["quote"],
                kind=row["kind"],
                refs=row["refs"] or "",
                topic=row["topic"],
                source=source,
                source_url=url,
                source_says=row["source_says"] or "",
                source_quote=row["source_quote"] or "",
                source_document=row["source_document"] or "",
                verdict=row["verdict"],
                verdict_label=verdicts[row["verdict"]]["label"],
                verdict_rank=verdicts[row["verdict"]]["rank"],
                spin=spin,
                reason=row["reason"],
            )
        )
    if not rows:
        raise SelectionError(f"no claim without numbers for topics {topics!r}")
    return sorted(rows, key=lambda r: r.verdict_rank)


# --- the bottom line -----------------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class BottomLine:
    """What a reader asks first, in numbers computed from the summary of findings."""

    therapy: int  # questions of the theme 'therapy' (treating the disease)
    alone: int  # … of the treatment alone
    combined: int  # … of the treatment with a partner
    treatment: str  # what the review is about (its own row of studies.csv names it)
    recovery: int  # questions of the other theme
    other_theme: str  # its name, as questions.csv gives it
    recovery_in_patients: int
    treated_arms: tuple[EffectArm, ...]  # patients' treated groups with counts (therapy)
    lowest: EffectArm | None
    highest: EffectArm | None
    comparisons: tuple[tuple[Difference, ...], ...]  # randomised comparisons with counts, one per study and question
    species: dict[str, str]  # who was treated in each compared study, by study key (a species label)
    unquantified: tuple[SofRow, ...]  # questions whose evidence gives no size of effect
    by_level: tuple[tuple[str, int], ...]  # (level, questions), most certain first
    questions: int
    without_partner_alone: int  # combination questions with no group given the partner alone
    surrogate_only: bool  # every outcome stands in for one patients feel (or is in animals or cells)


def bottom_line(appraisal: Appraisal) -> BottomLine:
    rows = appraisal.rows
    dataset = appraisal.dataset
    therapy = [r for r in rows if r.theme == "therapy"]
    recovery = [r for r in rows if r.theme != "therapy"]
    human = {k for k, d in ((a.study_key, appraisal.design(a.study_key)) for r in rows for a in r.arms) if d.human}
    treated = tuple(
        a for r in therapy for a in r.arms if a.role in ("intervention", "single-arm") and a.rate is not None
    )
    by_study: dict[tuple[str, str], list[Difference]] = {}
    for row in rows:
        for d in row.differences:
            by_study.setdefault((row.question_id, d.intervention.study_key), []).append(d)
    comparisons = tuple(tuple(study) for study in by_study.values())
    unquantified = tuple(
        r for r in rows if not any(a.rate is not None or a.percent is not None for a in r.arms if a.role != "benchmark")
    )
    levels = [(level, sum(r.certainty.level == level for r in rows)) for level in reversed(certainty.LEVELS)]
    patient_rows = [r for r in rows if any(a.study_key in human for a in r.arms)]
    review = next((s for s in dataset.studies if s["setting"] == "review"), None)
    return BottomLine(
        treatment=review["intervention"] if review else "the treatment",
        therapy=len(therapy),
        alone=sum(not r.partner for r in therapy),
        combined=sum(bool(r.partner) for r in therapy),
        recovery=len(recovery),
        other_theme=recovery[0].theme if recovery else "",
        recovery_in_patients=sum(1 for r in recovery if r in patient_rows),
        treated_arms=treated,
        lowest=min(treated, key=lambda a: a.rate) if treated else None,
        highest=max(treated, key=lambda a: a.rate) if treated else None,
        comparisons=comparisons,
        species={
            d.intervention.study_key: appraisal.design(d.intervention.study_key).species_label
            for study in comparisons
            for d in study
        },
        unquantified=unquantified,
        by_level=tuple((level, count) for level, count in levels if count),
        questions=len(rows),
        without_partner_alone=sum(1 for r in therapy if r.partner and not any(a.role == "comparator" for a in r.arms)),
        surrogate_only=all(
            kinds_of(dataset, r)["surrogate"] or r.question_id not in {p.question_id for p in patient_rows}
            for r in rows
        ),
    )


def kinds_of(dataset, row: SofRow) -> dict:
    question = dataset.rows_by("questions", "question_id")[row.question_id]
    return dataset.rows_by("outcome-kinds", "kind")[question["outcome_kind"]]
