# %% [markdown]
# # Review against primary sources
#
# A narrative review can mis-copy its sources, cite the wrong paper for a result, name an
# outcome differently from its source, or inherit an error from the primary report. For every
# study whose numbers the review reports, we read the study's own abstract and compared it,
# number by number, with what the review says. Only abstracts were reachable, so "not in the
# abstract" is an honest verdict, not a failure; "unverified" means no copy of the abstract
# could be reached. The primary statements are in our own words; where a DOI, PubMed or PubMed
# Central record of the study was found, its name links to it.

# %%
from il12_evidence.notebook import Page

page = Page.load(source="notebooks/09_primary_sources.py")
concordance = page.table("primary-sources").merge(page.table("verdicts"), on="verdict")
by_verdict = (
    concordance.groupby(["label", "disagrees"])
    .size()
    .rename("Numbers")
    .reset_index()
    .sort_values("Numbers", ascending=False)
    .rename(columns={"label": "Verdict", "disagrees": "The source disagrees"})
)
by_verdict["The source disagrees"] = by_verdict["The source disagrees"].map({True: "yes", False: "no"})
page.show(by_verdict, caption="The review's numbers by verdict", numeric=["Numbers"])

# %% [markdown]
# ## Every number the abstracts let us compare
#
# Disagreements first: a ≠ marks a number whose cited study's abstract says otherwise, or
# whose figures belong to another study. The outcome column compares what the review's words
# call a rate with what the primary reports, and a mean with a median.

# %%
compared = concordance[concordance.verdict.isin(["match", "mismatch", "misattributed"])].sort_values(
    "disagrees", ascending=False, kind="stable"
)
page.concordance(compared, caption="The review against the primary abstracts, disagreements first", anchors=True)

# %% [markdown]
# ## Outcomes and statistics named differently
#
# A rate the review calls a response may count stable disease too, and a "mean" may be a
# median in the source. These are differences of meaning, not of value.

# %%
findings = page.findings
page.audit_findings(
    findings[findings.rule.isin(["outcome-definition", "statistic-type"]) & findings.problem],
    caption="Where the review names a different outcome or statistic than its number measures",
)

# %% [markdown]
# ## Arithmetic of the primary abstracts
#
# The audit's rules run on the primary numbers too: a primary abstract can carry its own
# error, and a review can copy it.

# %%
page.audit_findings(
    findings[findings.rule == "primary-percent-vs-counts"],
    caption="Percentages of the primary abstracts checked against their own counts",
)

# %% [markdown]
# Every number of every cited study, including those the abstracts do not mention, is on the
# [next page](../10_primary_by_study/).
