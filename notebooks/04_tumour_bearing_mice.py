# %% [markdown]
# # Tumour-bearing mice under chemoradiation: IL-12 against G-CSF
#
# Basile et al. asked whether IL-12 restores blood counts in mice that carry a tumour and
# receive radiotherapy and chemotherapy, and whether it helps or hinders tumour control,
# compared with granulocyte colony-stimulating factor (G-CSF) and with no growth factor.

# %%
from il12_evidence.page import Page

page = Page.load(source="notebooks/04_tumour_bearing_mice.py")
claims = page.claims
page.legend()

# %%
page.say(
    "The study used {tumour-models}, EL4 lymphoma and Lewis lung cancer. In both, the review reports faster "
    "recovery of every blood cell type and smaller tumours with IL-12 than with G-CSF or no growth factor, and a "
    "higher tumour-free rate when IL-12 was added to chemoradiation."
)

# %% [markdown]
# The review gives these results in words only: it states no counts, rates or doses for
# this study, so nothing here can be recomputed. The primary report is the place to look.

# %% [markdown]
# ## Every number on this page

# %%
page.numbers(
    claims[claims.topic == "tumour-bearing-mice"], caption="Every number the review gives for tumour-bearing mice"
)

# %%
page.cited_references(
    "IL-12 promotes hematological recovery and exerts synergistic",
    "IL-12 protects against radiation better than G-CSF",
    caption="References cited in this section of the review (read from the source text)",
)
