"""The site's figures, each built from claims selected by column values and described in words.

Alt text is generated from the same numbers the figure draws, so it never disagrees with it.
"""

from collections import Counter

from IPython.display import HTML

from . import plotting, render, stats
from .values import parse_printed


def _describe(items: list[str]) -> str:
    return "; ".join(items)


def response_forest(ev, source: str, caption: str = "", **where) -> HTML:
    """Every proportion with counts among the selected claims, with its 95% CI and n."""
    rows = [
        row
        for row in ev.proportion_rows(**where)
        if row["rate"] is not None and ev.claim(row["claim_id"])["unit"] == "%"
    ]
    if not rows:
        return HTML("")
    labels = [f"{row['study']}: {row['arm']}" for row in rows]
    caption = caption or "Percentages recomputed from the stated counts, with 95% Wilson intervals."
    return _forest_figure(rows, labels, "Point-and-interval plot of recomputed percentages", caption, source)


def _forest_figure(rows: list[dict], labels: list[str], title: str, caption: str, source: str) -> HTML:
    """Proportions with their intervals and n, described row by row in the alt text."""
    with plotting.figure(height=0.42 * len(rows) + 1.1) as (fig, ax):
        plotting.forest(
            ax,
            labels,
            [r["rate"] for r in rows],
            [r["ci_low"] for r in rows],
            [r["ci_high"] for r in rows],
            [f"n = {row['counts'].split(' / ')[1]}" for row in rows],
        )
        alt = f"{title}: " + _describe(
            f"{label} {render.percent(r['rate'])} (95% CI {render.percent(r['ci_low'])} to {render.percent(r['ci_high'])}, {r['counts']})"
            for label, r in zip(labels, rows, strict=True)
        )
        return HTML(plotting.figure_html(fig, alt, caption, [row["claim_id"] for row in rows], source))


def grouped_rates(ev, source: str, caption: str, ylabel: str, **where) -> HTML:
    """Stated percentages of claims whose arm reads 'SERIES, GROUP', as grouped bars."""
    claims = ev.claims(**where)
    groups, series = [], {}
    for claim in claims:
        name, _, group = claim["arm"].partition(", ")
        if group not in groups:
            groups.append(group)
        series.setdefault(name, {})[group] = float(claim["value"])
    values = {name: [by_group.get(group, 0.0) for group in groups] for name, by_group in series.items()}
    with plotting.figure(height=3.2) as (fig, ax):
        plotting.grouped_bars(ax, groups, values, ylabel)
        alt = f"Grouped bar chart, {ylabel.lower()}: " + _describe(
            f"{group}: "
            + ", ".join(f"{name} {render.number(by_group.get(group))}%" for name, by_group in series.items())
            for group in groups
        )
        return HTML(plotting.figure_html(fig, alt, caption, [c["claim_id"] for c in claims], source))


def stated_rates(ev, source: str, caption: str, xlabel: str, **where) -> HTML:
    """Stated percentages of the selected claims as horizontal bars, one per arm."""
    claims = ev.claims(**where)
    labels = [claim["arm"] for claim in claims]
    values = [float(claim["value"]) for claim in claims]
    with plotting.figure(height=0.5 * len(claims) + 1.0) as (fig, ax):
        positions = list(range(len(claims)))[::-1]
        bars = ax.barh(positions, values, color=plotting.COLOURS["blue"], height=0.6)
        ax.bar_label(bars, labels=[f"{c['value_as_printed']}%" for c in claims], padding=3)
        ax.set_yticks(positions, labels)
        ax.set_xlim(0, 105)
        ax.set_xlabel(xlabel)
        alt = f"Bar chart, {xlabel.lower()}: " + _describe(f"{c['arm']} {c['value_as_printed']}%" for c in claims)
        return HTML(plotting.figure_html(fig, alt, caption, [c["claim_id"] for c in claims], source))


def references_by_year(ev, source: str) -> HTML:
    """How recent the cited evidence is: references per publication year."""
    years = Counter(row["year"] for row in ev.dataset.references)
    span = list(range(min(years), max(years) + 1))
    with plotting.figure(height=2.8) as (fig, ax):
        ax.bar(span, [years.get(year, 0) for year in span], color=plotting.COLOURS["blue"])
        ax.set_xlabel("Publication year")
        ax.set_ylabel("References")
        ax.grid(axis="x", visible=False)
        ax.grid(axis="y", visible=True)
        ax.yaxis.get_major_locator().set_params(integer=True)
        alt = f"Bar chart of the review's {sum(years.values())} references by publication year: " + _describe(
            f"{year}: {count}" for year, count in sorted(years.items())
        )
        return HTML(
            plotting.figure_html(fig, alt, "References per publication year, from data/references.csv.", [], source)
        )


def review_vs_primary(ev, source: str) -> HTML:
    """Each number the review states against the primary abstract's figure for the same quantity."""
    points = []
    for claim_id, row in ev.primary.items():
        claim = ev.claim(claim_id)
        primary = parse_printed(row["primary_value"] or "")
        if primary is None or row["primary_unit"] != claim["unit"]:
            continue
        points.append((claim_id, float(claim["value"]), float(primary), row["verdict"], claim["unit"]))
    styles = {
        "match": (plotting.COLOURS["blue"], "o"),
        "mismatch": (plotting.COLOURS["vermillion"], "X"),
        "misattributed": (plotting.COLOURS["green"], "s"),
    }
    with plotting.figure(width=5.5, height=5.0) as (fig, ax):
        top = max(max(r, p) for _, r, p, _, _ in points) * 1.08
        ax.plot([0.8, top], [0.8, top], color=plotting.COLOURS["grey"], linewidth=0.8, linestyle="--", label="equal")
        for verdict, (colour, marker) in styles.items():
            chosen = [(r, p) for _, r, p, v, _ in points if v == verdict]
            if chosen:
                ax.scatter(
                    [r for r, _ in chosen],
                    [p for _, p in chosen],
                    color=colour,
                    marker=marker,
                    s=36,
                    label=f"{verdict} ({len(chosen)})",
                    zorder=3,
                )
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("Value stated in the review (log scale)")
        ax.set_ylabel("Value in the primary abstract (log scale)")
        ax.grid(axis="both", visible=True)
        ax.legend(frameon=False, loc="upper left")
        off = [f"{cid}: review {r:g} {u}, primary {p:g} {u}" for cid, r, p, v, u in points if r != p]
        alt = (
            f"Scatter plot of {len(points)} numbers, review value against primary-abstract value; points on the diagonal agree. "
            + ("Off the diagonal: " + "; ".join(off) + "." if off else "All points lie on the diagonal.")
        )
        return HTML(
            plotting.figure_html(
                fig,
                alt,
                "Review against primary abstract, for every number the abstract states in the same unit.",
                [p[0] for p in points],
                source,
            )
        )


def dosing(ev, source: str) -> HTML:
    """IL-12 per dose and per week across regimens, animal doses as human-equivalent doses."""
    from .dosing import regimens

    rows = regimens(ev.dataset)
    labels = [row.label + (" (HED)" if row.converted else "") for row in rows]
    with plotting.figure(height=0.55 * len(rows) + 1.2) as (fig, ax):
        positions = list(range(len(rows)))[::-1]
        height = 0.38
        per_dose = ax.barh(
            [p + height / 2 for p in positions],
            [r.per_dose for r in rows],
            height,
            color=plotting.COLOURS["blue"],
            label="per dose",
        )
        weekly = [(p - height / 2, r.per_week) for p, r in zip(positions, rows, strict=True) if r.per_week is not None]
        per_week = ax.barh(
            [p for p, _ in weekly],
            [w for _, w in weekly],
            height,
            color=plotting.COLOURS["vermillion"],
            label="per week",
        )
        ax.bar_label(per_dose, labels=[f"{r.per_dose:,.0f}" for r in rows], padding=3, fontsize=8)
        ax.bar_label(per_week, labels=[f"{w:,.0f}" for _, w in weekly], padding=3, fontsize=8)
        ax.set_yticks(positions, labels)
        ax.set_xscale("log")
        ax.set_xlabel("IL-12 dose (ng/kg, log scale)")
        ax.legend(frameon=False, loc="lower right")
        alt = "Horizontal bar chart of IL-12 doses in ng/kg: " + _describe(
            f"{label}: {r.per_dose:,.0f} per dose"
            + (f", {r.per_week:,.0f} per week" if r.per_week is not None else ", no weekly schedule")
            for label, r in zip(labels, rows, strict=True)
        )
        claim_ids = [claim_id for r in rows for claim_id in r.claim_ids]
        return HTML(
            plotting.figure_html(
                fig,
                alt,
                "IL-12 per dose and per week; the mouse dose is converted to a human-equivalent dose "
                "with the parameters below.",
                claim_ids,
                source,
            )
        )


def clinical_forest(ev, source: str) -> HTML:
    """Every clinical response rate with a known group size, 95% Wilson CI and n, by strategy."""
    groups = {"single-agent": "Single agent", "combination": "Combination"}
    rows, labels = [], []
    for topic, title in groups.items():
        for row in ev.proportion_rows(topic=topic, setting="clinical"):
            claim = ev.claim(row["claim_id"])
            if claim["unit"] != "%" or claim["quantity"] != "response_rate":
                continue
            if row["rate"] is None:  # stated without a count: GRIM gives the count when it is unique
                reachable = stats.grim_counts(claim["value_as_printed"], claim["denominator"])
                if len(reachable) != 1:
                    continue
                result = stats.proportion(next(iter(reachable)), claim["denominator"])
                row = {
                    **row,
                    "rate": result.rate,
                    "ci_low": result.ci_low,
                    "ci_high": result.ci_high,
                    "counts": f"{result.successes} / {result.trials}",
                }
            rows.append(row)
            labels.append(f"{title} · {row['study']}: {row['arm']}")
    caption = (
        "Every clinical response rate with a known group size: single agent above, combinations below. Counts implied "
        "by the GRIM check are used where the review gives only a percentage and a group size."
    )
    return _forest_figure(
        rows, labels, "Forest plot of clinical response rates with 95% Wilson intervals", caption, source
    )


# Outcome families of the controlled quantity vocabulary, for the evidence map.
OUTCOMES = {
    "Response": ("response_rate",),
    "Survival": ("survival_rate",),
    "Prediction": ("positive_predictive_value", "threshold"),
    "Dosing & schedule": (
        "dose",
        "frequency",
        "dosing_interval",
        "cycles",
        "injection_count",
        "radiation_dose",
        "duration",
    ),
    "Time": ("time_point", "median_time", "follow_up"),
    "Population": (
        "patients_enrolled",
        "patients_evaluable",
        "patients_count",
        "age",
        "disease_stage",
        "trial_phase",
        "group_count",
        "model_count",
    ),
}


def evidence_map(ev, source: str) -> HTML:
    """Studies (by setting) against outcome families; bubble area = number of claims."""
    studies = ev.studies_rows()
    names = [row["study"] for row in studies]
    family = {quantity: name for name, quantities in OUTCOMES.items() for quantity in quantities}
    counts = Counter(
        (ev.reference_label(c), family.get(c["quantity"], "Population")) for c in ev.dataset.claims if c["ref"]
    )
    outcome_names = list(OUTCOMES)
    colours = {
        "clinical": plotting.COLOURS["blue"],
        "animal": plotting.COLOURS["vermillion"],
        "in vitro": plotting.COLOURS["green"],
    }
    with plotting.figure(height=0.42 * len(names) + 1.4) as (fig, ax):
        for y, row in enumerate(reversed(studies)):
            for x, outcome in enumerate(outcome_names):
                n = counts.get((row["study"], outcome), 0)
                if n:
                    ax.scatter(
                        x, y, s=40 + 25 * n, color=colours.get(row["setting"], plotting.COLOURS["grey"]), alpha=0.85
                    )
                    ax.annotate(str(n), (x, y), ha="center", va="center", fontsize=7, color="white")
        ax.set_xticks(range(len(outcome_names)), outcome_names, rotation=20, ha="right")
        ax.set_yticks(range(len(names)), [f"{row['study']} ({row['setting']})" for row in reversed(studies)])
        ax.set_xlim(-0.6, len(outcome_names) - 0.4)
        ax.grid(axis="both", visible=True)
        alt = "Evidence map, number of claims per study and outcome: " + _describe(
            f"{row['study']} ({row['setting']}): "
            + ", ".join(f"{o} {counts[(row['study'], o)]}" for o in outcome_names if counts.get((row["study"], o)))
            for row in studies
        )
        return HTML(
            plotting.figure_html(
                fig,
                alt,
                "Evidence map: each bubble counts the numbers a study contributes to an outcome "
                "family; colour marks the setting (blue clinical, vermillion animal).",
                [],
                source,
            )
        )
