# %% [markdown]
# # Evidence overview
#
# Which kinds of evidence does the review rest on? This page counts the studies it
# reports numbers for by setting, species, condition and trial phase, and shows how
# recent its references are.

# %%
from il12_evidence.evidence import Evidence
from il12_evidence.figures import clinical_forest, dosing, evidence_map, references_by_year

ev = Evidence.load()
ev.say(
    "The review's header lists {review-reference-count:bare} references and a length of {review-word-count}; the data "
    "holds every number it states, each with the sentence that states it."
)

# %%
ev.studies_table("Studies the review reports numbers for")

# %%
evidence_map(ev, source="notebooks/07_evidence_overview.py")

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

# %% [markdown]
# ## Clinical response rates
#
# Every response rate the review reports for a group of known size, recomputed with its
# confidence interval, for IL-12 alone and in combination. Intervals this wide are what trials of
# this size can show.

# %%
clinical_forest(ev, source="notebooks/07_evidence_overview.py")

# %% [markdown]
# ## Doses across regimens
#
# The review gives doses per administration and schedules; multiplying them gives the dose
# per week. The mouse dose is per animal, so it is divided by an assumed body weight and
# converted to a human-equivalent dose by the FDA body-surface-area method. The assumed
# values are data, listed below; change them in `data/parameters.csv`.

# %%
dosing(ev, source="notebooks/07_evidence_overview.py")

# %%
ev.dosing_table("IL-12 doses per regimen")

# %%
ev.parameters_table("Assumed parameters of the dose conversion")
