# %% [markdown]
# # Non-human primates
#
# Gluzman-Poltorak et al. irradiated rhesus monkeys with a lethal dose and gave them no
# supportive care; in a randomised, blinded study an injection of rHuIL-12 was compared with
# placebo and with G-CSF, and a second paper asked how well the lowest blood counts predict
# which animals die.

# %%
from il12_evidence.page import Page

page = Page.load(source="notebooks/05_nonhuman_primates.py")
claims = page.claims
primates = claims[claims.topic == "nonhuman-primates"]
studies = primates.study_id.drop_duplicates()
page.summary_of_findings(
    topic="nonhuman-primates", caption="Irradiated monkeys: the question, what was found, how sure"
)

# %%
page.findings_chart(
    topic="nonhuman-primates",
    title="Irradiated monkeys: survival with and without rHuIL-12",
    caption="Each group's survival with its confidence interval, for the groups with counts (percentages without "
    "counts stay in the table above). Hollow triangles on dotted lines: a study the review does not cite.",
)

# %%
page.indirectness("irradiated-primates")

# %% [markdown]
# ## The studies, as their reports describe them

# %%
page.study_cards(studies)

# %% [markdown]
# ## What the review reports

# %%
page.legend()

# %%
page.say(
    "The review says that a {nhp-injections:bare} administration of rhIL-12 raised neutrophil, platelet and red "
    "cell counts and reduced severe neutropenia and thrombocytopenia compared with G-CSF. Below a lymphocyte "
    "threshold of {nhp-lymphocyte-threshold}, the positive predictive value for death — the share of the animals "
    "predicted to die that did die — was {nhp-ppv-control} in the control group and {nhp-ppv-il12} in the "
    "rhIL-12 group. That is how well the count predicts death, not an effect of the treatment; the paper it comes "
    "from could not be read."
)

# %% [markdown]
# ## Studies the review does not cite

# %%
page.later_studies(studies)

# %% [markdown]
# ## The review's claims without numbers

# %%
page.assertions(topics=["nonhuman-primates"], caption="What the review says about non-human primates in words, checked")

# %% [markdown]
# ## Every number on this page

# %%
page.numbers(primates, caption="Every number the review gives for non-human primates")
