"""How sure one can be of an answer: certainty of evidence rated by written rules, in the manner of GRADE.

A question starts at "high" when a randomised study compares the treatment with a concurrent
control, and at "low" otherwise. It is then rated down, each time for a stated reason:

- risk of bias: no concurrent control group; a randomised comparison of a
  judged outcome (tumour response) whose blinding is not stated; evidence reported only as a
  conference abstract, registry record, news or company report, or seen only through the review;
- indirectness: animals or cells rather than patients (rated down more); an
  outcome that stands in for one patients feel; a population unlike patients under
  chemoradiotherapy; the treatment given with an active partner in every treated group, with no group
  receiving the partner alone;
- imprecision: no size of effect, or no group sizes, reported (rated down more);
  fewer participants than a threshold; an interval wider than a threshold (both parameters);
- inconsistency: intervals of different studies of the same treatment that do not overlap.

How far each domain may rate down, and by how much animals and a missing effect rate down, are
parameters (parameters.csv), not constants of this module.

Publication bias is not assessed (a narrative review's search is unknown). The result is never
below "very low". Every input is data (designs of the papers read, the question's outcome and
population); nothing here knows one review from another.
"""

from dataclasses import dataclass

LEVELS = ("very low", "low", "moderate", "high")
HIGH, LOW = "high", "low"
DOMAINS = ("risk of bias", "indirectness", "imprecision", "inconsistency")


@dataclass(frozen=True, kw_only=True)
class Rules:
    """The numbers of the rules (parameters.csv): how far each domain may rate down, and by how much
    evidence in animals or cells, and an answer with no size of effect, rate down."""

    caps: dict[str, int]  # domain → the most it rates down
    animals: int
    no_effect: int
    participants: int
    interval_points: int
    level: str  # the intervals' confidence level, as it reads ("95%")


@dataclass(frozen=True, kw_only=True)
class Design:
    """What a study's report says of its design, as far as a question needs it."""

    label: str
    species_label: str
    human: bool
    randomised: str  # yes | no | not stated
    blinded: str  # yes | no | not stated
    peer_reviewed: bool  # published as a peer-reviewed article
    publication: str  # what kind of publication, as it reads
    read: bool  # a document of the study itself was read (not only the review's words)


@dataclass(frozen=True, kw_only=True)
class Arm:
    """One group of a study that answers a question, with its counts where known."""

    study: str  # the design's label
    role: str  # intervention | comparator | single-arm | benchmark
    successes: int | None
    trials: int | None
    ci_low: float | None  # share of 1
    ci_high: float | None
    stated_rate: bool = False  # a rate is stated although its counts are not


@dataclass(frozen=True, kw_only=True)
class Question:
    outcome_label: str
    surrogate: bool
    judged: bool
    partner: str
    population_indirect: str


@dataclass(frozen=True, kw_only=True)
class Downgrade:
    domain: str
    levels: int
    reason: str


@dataclass(frozen=True, kw_only=True)
class Certainty:
    start: str
    start_reason: str
    level: str
    downgrades: tuple[Downgrade, ...]
    notes: tuple[str, ...]  # what was looked at and did not rate it down

    @property
    def levels_down(self) -> int:
        return sum(d.levels for d in self.downgrades)


def _and(items: list[str]) -> str:
    return ", ".join(items[:-1]) + (" and " if len(items) > 1 else "") + items[-1] if items else ""


def start_level(designs: dict[str, Design], arms: list[Arm]) -> tuple[str, str]:
    """High when a randomised study gives both a treated group and its concurrent comparator."""
    for study, design in designs.items():
        roles = {arm.role for arm in arms if arm.study == study}
        if design.randomised == "yes" and {"intervention", "comparator"} <= roles:
            return HIGH, f"{study} randomised the treatment against a concurrent comparator"
    return LOW, "no comparison with a concurrent control that the documents read call randomised"


def risk_of_bias(designs: dict[str, Design], arms: list[Arm], question: Question, start: str) -> list[Downgrade]:
    found = []
    controlled = {arm.study for arm in arms if arm.role == "comparator"}
    treated = {arm.study for arm in arms if arm.role in ("intervention", "single-arm")}
    if treated and not treated & controlled:
        found.append(
            Downgrade(
                domain="risk of bias",
                levels=1,
                reason="no control group: every group here was given the treatment",
            )
        )
    if start == HIGH and question.judged:
        unblinded = [s for s in controlled if designs[s].randomised == "yes" and designs[s].blinded != "yes"]
        if unblinded:
            found.append(
                Downgrade(
                    domain="risk of bias",
                    levels=1,
                    reason=f"{_and(unblinded)}: no blinding stated, and the outcome ({question.outcome_label}) is judged by people who knew the treatment",
                )
            )
    answering = {arm.study for arm in arms if arm.role != "benchmark"}
    weak = [s for s in answering if not designs[s].peer_reviewed or not designs[s].read]
    if answering and len(weak) == len(answering):
        kinds = sorted({designs[s].publication for s in weak if designs[s].read})
        unread = [s for s in weak if not designs[s].read]
        seen = ([f"as {_and(kinds)}"] if kinds else []) + (
            ["through the review's words (the study itself not read)"] if unread else []
        )
        found.append(Downgrade(domain="risk of bias", levels=1, reason=f"seen only {' or '.join(seen)}"))
    return found


def indirectness(
    designs: dict[str, Design], arms: list[Arm], question: Question, *, animals_levels: int
) -> list[Downgrade]:
    found = []
    answering = [designs[s] for s in dict.fromkeys(arm.study for arm in arms if arm.role != "benchmark")]
    # each species once, though one study's label may name several ("A and B")
    animals = sorted({kind for d in answering if not d.human for kind in d.species_label.split(" and ")})
    if answering and len(animals) and all(not d.human for d in answering):
        found.append(
            Downgrade(
                domain="indirectness", levels=animals_levels, reason=f"the evidence is in {_and(animals)}, not patients"
            )
        )
    if question.surrogate:
        found.append(
            Downgrade(
                domain="indirectness",
                levels=1,
                reason=f"{question.outcome_label} stands in for outcomes patients feel (living longer or better)",
            )
        )
    if question.population_indirect:
        found.append(Downgrade(domain="indirectness", levels=1, reason=question.population_indirect))
    if question.partner and not any(arm.role == "comparator" for arm in arms):
        found.append(
            Downgrade(
                domain="indirectness",
                levels=1,
                reason=f"the treatment was given with {question.partner} in every group with results, and no group given {question.partner} alone has results here: its own share cannot be seen",
            )
        )
    return found


def imprecision(
    arms: list[Arm], *, participants: int, interval_points: int, level: str, no_effect: int
) -> list[Downgrade]:
    answering = [arm for arm in arms if arm.role != "benchmark"]
    if not any(arm.successes is not None or arm.stated_rate for arm in answering):
        reason = "no size of effect is reported: neither how large nor how precise it is can be judged"
        return [Downgrade(domain="imprecision", levels=no_effect, reason=reason)]
    counted = [arm for arm in answering if arm.trials is not None]
    if not counted:
        reason = "no group sizes are reported: how precise the effect is cannot be judged"
        return [Downgrade(domain="imprecision", levels=no_effect, reason=reason)]
    found = []
    total = sum(arm.trials for arm in counted)
    if total < participants:
        found.append(
            Downgrade(domain="imprecision", levels=1, reason=f"{total} participants in all, fewer than {participants}")
        )
    widths = [(arm.ci_high - arm.ci_low) * 100 for arm in counted if arm.ci_low is not None and arm.ci_high is not None]
    if widths and max(widths) > interval_points:
        found.append(
            Downgrade(
                domain="imprecision",
                levels=1,
                reason=f"the widest {level} interval spans {round(max(widths))} percentage points, more than {interval_points}",
            )
        )
    return found


def inconsistency(arms: list[Arm]) -> tuple[list[Downgrade], list[str]]:
    treated = [arm for arm in arms if arm.role in ("intervention", "single-arm") and arm.ci_low is not None]
    studies = {arm.study for arm in treated}
    if len(studies) < 2:
        # the reason says how many studies gave a rate: several may answer with none
        return [], [
            "inconsistency cannot be judged: no study gives a rate with an interval"
            if not studies
            else "inconsistency cannot be judged from one study"
        ]
    for first in treated:
        for second in treated:
            if first.study < second.study and (first.ci_high < second.ci_low or second.ci_high < first.ci_low):
                return [
                    Downgrade(
                        domain="inconsistency",
                        levels=1,
                        reason=f"the intervals of {first.study} and {second.study} do not overlap",
                    )
                ], []
    return [], ["the studies' intervals overlap"]


def rate(designs: dict[str, Design], arms: list[Arm], question: Question, *, rules: Rules) -> Certainty:
    """The certainty of one answer, every step with its reason."""
    start, start_reason = start_level(designs, arms)
    downgrades = risk_of_bias(designs, arms, question, start)
    downgrades += indirectness(designs, arms, question, animals_levels=rules.animals)
    downgrades += imprecision(
        arms,
        participants=rules.participants,
        interval_points=rules.interval_points,
        level=rules.level,
        no_effect=rules.no_effect,
    )
    found, notes = inconsistency(arms)
    downgrades += found
    capped, notes = [], list(notes)
    for domain in DOMAINS:  # each domain rates down at most its cap
        left = rules.caps[domain]
        for downgrade in (d for d in downgrades if d.domain == domain):
            levels = min(downgrade.levels, left)
            left -= levels
            if levels:
                capped.append(Downgrade(domain=domain, levels=levels, reason=downgrade.reason))
            else:
                notes.append(f"also {downgrade.reason} ({domain} is already rated down as far as it goes)")
    total = sum(d.levels for d in capped)
    level = LEVELS[max(LEVELS.index(start) - total, 0)]
    return Certainty(
        start=start,
        start_reason=start_reason,
        level=level,
        downgrades=tuple(capped),
        notes=(*notes, "publication bias not assessed: how the review found its studies is not reported"),
    )
