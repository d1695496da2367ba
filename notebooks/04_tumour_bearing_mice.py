# %% [markdown]
# # Tumour-bearing mice
#
# Basile et al. asked whether IL-12 restores blood counts in mice that carry a tumour and
# receive radiotherapy and chemotherapy, and whether it helps or hinders tumour control,
# compared with granulocyte colony-stimulating factor (G-CSF) and with no growth factor.

# %%
from il12_evidence.page import Page

page = Page.load(source="notebooks/04_tumour_bearing_mice.py")
claims = page.claims
page.summary_of_findings(
    topic="tumour-bearing-mice", caption="Tumour-bearing mice: the question, what was found, how sure"
)

# %%
page.indirectness("tumour-bearing-mice")

# %% [markdown]
# ## The study, as its abstract describes it

# %%
page.study_cards(["basile-2008"])

# %% [markdown]
# ## What the review reports

# %%
page.legend()

# %%
page.say(
    "The study used {tumour-models}, EL4 lymphoma and Lewis lung cancer. The review reports faster recovery of "
    "every blood cell type and smaller tumours with IL-12 than with G-CSF or no growth factor, and a higher "
    "tumour-free rate when IL-12 was added to chemoradiation; the part of the study's abstract that could be read "
    "reports the recovery, without numbers."
)

# %% [markdown]
# ## The review's claims without numbers

# %%
page.assertions(
    topics=["tumour-bearing-mice"], caption="What the review says about tumour-bearing mice in words, checked"
)

# %%
page.cited_references(
    "IL-12 promotes hematological recovery and exerts synergistic",
    "IL-12 protects against radiation better than G-CSF",
    caption="References cited in this section of the review (read from the source text)",
)
