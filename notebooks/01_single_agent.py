# %% [markdown]
# # Single-agent IL-12
#
# The review reports trials that gave recombinant human IL-12 (rhIL-12) on its own: a trial in
# early mycosis fungoides, a cutaneous T-cell lymphoma (CTCL), and a trial in relapsed
# non-Hodgkin's lymphoma (NHL) and Hodgkin's disease (HD), which gave IL-12 into a vein to
# some patients and under the skin to others (the review reports each group's response rate;
# neither source describes a planned comparison).

# %%
from il12_evidence.page import Page

page = Page.load(source="notebooks/01_single_agent.py")
claims = page.claims
single_agent = claims[claims.topic == "single-agent"]
studies = single_agent.study_id.drop_duplicates()
page.summary_of_findings(topic="single-agent", caption="Single-agent IL-12: the questions, what was found, how sure")

# %%
page.findings_chart(
    topic="single-agent",
    title="Single-agent IL-12: each group's rate with its interval",
    caption="Every group with counts that answers a question above, with its confidence interval; no group is "
    "pooled with another, and groups without counts stay in the table.",
)

# %% [markdown]
# ## The trials, as their reports describe them

# %%
page.study_cards(studies)

# %% [markdown]
# ## What the review reports

# %%
page.legend()

# %% [markdown]
# ### Cutaneous T-cell lymphoma (Duvic et al.)

# %%
page.say(
    "In a {ctcl-phase} study, {ctcl-enrolled} were enrolled; {ctcl-completed} completed "
    "{ctcl-study-duration} of treatment and, the review says, continued for {ctcl-continued-duration}. "
    "The review reports partial responses in {ctcl-pr-rate} of patients, {ctcl-pr-count} of those enrolled, "
    "which recomputes to {ctcl-pr-rate:rate}; minimal responses in {ctcl-mr-rate} and no response in "
    "{ctcl-nr-rate}. The earliest response began in {ctcl-earliest-response} and the latest in "
    "{ctcl-latest-response}. The review compares these responses with a control group, but the trial's abstract "
    "describes none: an open-label study of rhIL-12 alone. The median time to the start of a partial response was {ctcl-median-time-to-start}, "
    "and to response in all {ctcl-median-time-all-patients}, {ctcl-median-time-to-response}. "
    "{ctcl-continuous-count} received continuous treatment: {ctcl-continuous-mr:bare} of them had a minimal "
    "response and {ctcl-continuous-pr:bare} a partial response; if they continued because they were doing well, "
    "their share of responses says nothing about the treatment."
)

# %%
duvic = single_agent[single_agent.study_id == "duvic-2006"]
page.proportions(
    duvic, caption=f"{page.study_label('duvic-2006')}: proportions with a known group size", collapsed=True
)

# %% [markdown]
# ### Non-Hodgkin's lymphoma and Hodgkin's disease (Younes et al.)

# %%
page.say(
    "Of {nhl-treated} treated in this {nhl-phase} trial, {nhl-iv-count} received {nhl-iv-dose} intravenously "
    "{nhl-iv-frequency} for {nhl-iv-duration}, and {nhl-sc-count} received subcutaneous injections "
    "{nhl-sc-frequency}, at first {nhl-sc-initial-dose} and later {nhl-sc-later-dose} because of dose-related "
    "toxicity. Tumour response was assessed during the first {nhl-first-assessment} of treatment and every "
    "{nhl-assessment-interval-min:bare} to {nhl-assessment-interval-max} thereafter. {nhl-responders:bare} of "
    "{nhl-evaluable} had a complete or partial response: the review prints {nhl-response-rate}, the counts give "
    "{nhl-response-rate:rate}. {nhl-no-progression-count} had no disease progression, printed as "
    "{nhl-no-progression-rate}."
)

# %%
page.say(
    "For the groups given IL-12 into a vein and under the skin the review gives response rates of {nhl-iv-rate} and "
    "{nhl-sc-rate}, without saying of how many patients. The largest tumour of every responding patient was "
    "under {nhl-tumour-diameter}."
)

# %%
younes = single_agent[single_agent.study_id == "younes-2004"]
page.proportions(
    younes, caption=f"{page.study_label('younes-2004')}: proportions with a known group size", collapsed=True
)

# %% [markdown]
# ## Response rates with their confidence intervals

# %%
page.forest(
    single_agent,
    family="response",
    title="Single-agent IL-12: response rates with their confidence intervals",
    caption="Each response rate the review states for a group of known size, grouped by the outcome it measures: "
    "the stated value beside the rate recomputed from the counts, with its confidence interval. No trial had a "
    "comparison group.",
)

# %% [markdown]
# ## Studies the review does not cite

# %%
page.later_studies(studies)

# %% [markdown]
# ## The review's claims without numbers

# %%
page.assertions(topics=["single-agent"], caption="What the review says about single-agent IL-12 in words, checked")

# %% [markdown]
# ## Every number on this page

# %%
page.numbers(single_agent, caption="Every number the review gives for the trials of IL-12 alone")
