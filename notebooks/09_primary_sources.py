# %% [markdown]
# # Review against its sources
#
# A narrative review can mis-copy its sources, cite the wrong paper for a result, name an
# outcome differently from its source, or inherit an error from the primary report. For every
# study whose numbers the review reports, we read what could be read of its source (mostly
# abstracts, sometimes only part of an abstract) and compared it, number by number, with what the review
# says. Each row names the document read. "Not in the source read" concludes no more than
# that document shows; "source not read" lists the searches made. Where the cited paper could
# not be read, a row may compare another report of the same study, and says so. The sources'
# statements are in our own words; where a DOI, PubMed or PubMed Central record of a paper was
# found, its name links to it.

# %%
from IPython.display import display

from il12_evidence.page import Page

page = Page.load(source="notebooks/09_primary_sources.py")
page.legend()

# %%
concordance = page.table("primary-sources").merge(page.table("verdicts"), on="verdict")
by_verdict = (
    concordance.assign(
        compared_with=concordance.compared_with.map(
            {"cited": "the cited paper", "other-report": "another report of the same study"}
        ),
        document=concordance.document.fillna("nothing could be read"),
    )
    .groupby(["label", "compared_with", "document"])
    .size()
    .rename("Numbers")
    .reset_index()
    .sort_values("Numbers", ascending=False)
    .rename(columns={"label": "Verdict", "compared_with": "Compared with", "document": "What was read"})
)
page.show(by_verdict, caption="The review's numbers by verdict and by what was read", numeric=["Numbers"])

# %% [markdown]
# ## Study by study
#
# Each study's numbers in the review's order, with what its source says and the verdict.
# Differences are marked: ≠ a different value, ! a figure its source gives for another
# outcome, statistic or quantity.

# %%
by_study = concordance.merge(page.claims[["claim_id", "study_id"]], on="claim_id")
for study_id, rows in by_study.groupby("study_id", sort=False):
    display(page.study_heading(study_id))
    caption = f"Its numbers in the review ({len(rows)}), against what was read"
    display(page.concordance(rows, caption=caption, anchors=True, collapsed=True))

# %% [markdown]
# ## Outcomes and statistics named differently
#
# A rate the review calls a response may count stable disease too, and a "mean" may be a
# median in the source: differences of meaning, not of value, marked !. Each is explained
# as a problem on the [Evidence audit](../audit/#the-problems).

# %% [markdown]
# ## The sources' own arithmetic
#
# The checks run on the sources' numbers too: a source can carry its own error, and a
# review can copy it.

# %%
findings = page.findings
page.audit_findings(
    findings[findings.rule == "primary-percent-vs-counts"],
    caption="Percentages of the sources checked against their own counts",
)
