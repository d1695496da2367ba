# %% [markdown]
# # Evidence audit
#
# Every number the review states was checked by rules, not by hand: percentages against
# the counts they come from (under half-up, half-even and truncating rounding), GRIM
# reachability where only the group size is known, categories against the whole they
# should add up to, and repeated statements of the same quantity, and suspect terms in the text. A finding is produced
# by a rule; the data only adds a human explanation, and the build fails if a finding is
# unexplained or an explanation no longer matches a finding.

# %%
from il12_evidence.evidence import Evidence

ev = Evidence.load()
ev.audit_counts_table("Checks by rule and outcome")

# %% [markdown]
# ## Problems found

# %%
ev.audit_table("Every problem the rules find, with its explanation")

# %% [markdown]
# ## Textual errata
#
# The review is about IL-12, so every mention of another cytokine's name is shown with its
# sentence, and so is every misspelled standard abbreviation.

# %%
ev.errata_table("Suspect terms in the review's text, with their sentences")

# %% [markdown]
# ## Percentages without a group size
#
# For a percentage with no stated group size nothing can be recomputed, but the smallest
# groups that could give it show how much (or little) it can rest on. These are for
# information, not failures.

# %%
ev.informational_table("Smallest group sizes that reproduce each percentage (half-up rounding)")
