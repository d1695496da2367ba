# %% [markdown]
# # Review against primary sources
#
# A narrative review can mis-copy its sources, cite the wrong paper for a result, or
# inherit an error from the primary report. For every study whose numbers the review
# reports, we read the study's own abstract and compared it, number by number, with what
# the review says. Only abstracts were reachable, so "not in abstract" is an honest
# verdict, not a failure; "unverified" means no copy of the abstract could be reached.
# The primary statements are in our own words; follow the link to read the original.

# %%
from il12_evidence.evidence import Evidence
from il12_evidence.figures import review_vs_primary

ev = Evidence.load()
ev.verdict_counts_table("Claims by verdict")

# %% [markdown]
# ## Where the review and its sources disagree

# %%
ev.disagreements_table("Every mismatch and misattribution, explained")

# %% [markdown]
# ## Arithmetic of the primary abstracts
#
# The audit's rules run on the primary numbers too: a primary abstract can carry its own
# error, and a review can copy it.

# %%
ev.primary_findings_table("Percentages of the primary abstracts checked against their own counts")

# %%
review_vs_primary(ev, source="notebooks/09_primary_sources.py")

# %% [markdown]
# Every number of every cited study, checked individually, is on the next page.
