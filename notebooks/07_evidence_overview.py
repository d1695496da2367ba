# %% [markdown]
# # Evidence overview
#
# Which kinds of evidence does the review rest on? This page counts the studies it
# reports numbers for by setting, species, condition and trial phase, and shows how
# recent its references are.

# %%
from il12_evidence.evidence import Evidence
from il12_evidence.figures import references_by_year

ev = Evidence.load()
ev.say(
    "The review's header lists {review-reference-count:bare} references and a length of {review-word-count}; the data "
    "holds every number it states, each with the sentence that states it."
)

# %%
ev.studies_table("Studies the review reports numbers for")

# %%
ev.tally_table("setting", "Studies by setting")

# %%
ev.tally_table("species", "Studies by species")

# %%
ev.tally_table("condition", "Studies by condition")

# %%
ev.tally_table("phase", "Clinical studies by trial phase (blank for studies without a stated phase)")

# %% [markdown]
# ## References by year

# %%
references_by_year(ev, source="notebooks/07_evidence_overview.py")
