"""The site's figures, each built from claims selected by column values and described in words.

Alt text is generated from the same numbers the figure draws, so it never disagrees with it.
"""

from collections import Counter

from IPython.display import HTML

from . import plotting, render
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
    with plotting.figure(height=0.45 * len(rows) + 1.0) as (fig, ax):
        plotting.forest(
            ax,
            labels,
            [r["rate"] for r in rows],
            [r["ci_low"] for r in rows],
            [r["ci_high"] for r in rows],
            [f"n = {row['counts'].split(' / ')[1]}" for row in rows],
        )
        alt = "Point-and-interval plot of recomputed percentages: " + _describe(
            f"{label} {render.percent(r['rate'])} (95% CI {render.percent(r['ci_low'])} to {render.percent(r['ci_high'])}, {r['counts']})"
            for label, r in zip(labels, rows, strict=True)
        )
        return HTML(
            plotting.figure_html(
                fig,
                alt,
                caption or "Percentages recomputed from the stated counts, with 95% Wilson intervals.",
                [row["claim_id"] for row in rows],
                source,
            )
        )


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
