# %% [markdown]
# # Non-human primates: IL-12 against G-CSF, and blood-count nadirs as predictors of death
#
# Gluzman-Poltorak et al. irradiated non-human primates and compared a dose of rhIL-12 with
# G-CSF; a second analysis asked how well the lowest blood counts (nadirs) predict which
# animals die.

# %%
from il12_evidence.page import Page

page = Page.load(source="notebooks/05_nonhuman_primates.py")
claims = page.claims
primates = claims[claims.topic == "nonhuman-primates"]
page.legend()

# %%
page.say(
    "The review says that a {nhp-injections:bare} administration of rhIL-12 raised neutrophil, platelet and red "
    "cell counts and reduced severe neutropenia and thrombocytopenia compared with G-CSF. Below a lymphocyte threshold of "
    "{nhp-lymphocyte-threshold}, the positive predictive value for death — the share of the animals predicted to "
    "die that did die — was {nhp-ppv-control} in the control group and {nhp-ppv-il12} in the rhIL-12 group."
)

# %%
page.stated_rates(
    primates[primates.quantity == "positive_predictive_value"],
    title="Gluzman-Poltorak 2015: positive predictive value of the lymphocyte nadir for death",
    xlabel="Positive predictive value for death (%)",
    caption="Of the animals whose lowest lymphocyte count fell below the threshold, the share that died, in each "
    "group. This measures how well the count predicts death, not an effect of the treatment; the number of "
    "predicted deaths is not stated, so no interval can be drawn.",
)

# %% [markdown]
# The review does not give the number of animals predicted to die, so the predictive
# values cannot be recomputed; the audit lists the smallest groups that could give them.

# %% [markdown]
# ## Every number on this page

# %%
page.numbers(primates, caption="Every number the review gives for non-human primates")
