# %% [markdown]
# # Single-agent IL-12
#
# The review reports trials that gave recombinant human IL-12 (rhIL-12) on its own: a trial
# in cutaneous T-cell lymphoma (CTCL), and a trial in non-Hodgkin's lymphoma (NHL) and
# Hodgkin's disease (HD) that compared intravenous with subcutaneous dosing. Every number on this page is read
# from `data/claims.csv`; focus or hover a number to see the sentence that states it, its
# reference and its check status.

# %%
from il12_evidence.evidence import Evidence
from il12_evidence.figures import response_forest

ev = Evidence.load()

# %% [markdown]
# ## Cutaneous T-cell lymphoma (Duvic et al.)

# %%
ev.say(
    "In a phase {ctcl-phase:bare} study, {ctcl-enrolled} were enrolled; {ctcl-completed} completed the "
    "{ctcl-study-duration} study and continued treatment for {ctcl-continued-duration}. The review reports "
    "{ctcl-pr-rate} partial responses ({ctcl-pr-rate:rate} recomputed from {ctcl-pr-count} of the enrolled), "
    "{ctcl-mr-rate} minimal responses and {ctcl-nr-rate} without response. Responses began between study week "
    "{ctcl-earliest-response:bare} and week {ctcl-latest-response:bare}; median times were {ctcl-median-time-to-start} "
    "and {ctcl-median-time-to-response}. Of {ctcl-continuous-count} on continuous treatment, {ctcl-continuous-mr:bare} had a "
    "minimal and {ctcl-continuous-pr:bare} a partial response."
)

# %% [markdown]
# The response categories the review gives for this trial do not cover every
# patient; the audit explains the gap (see the Evidence audit page).

# %%
ev.proportions_table("CTCL phase II: proportions with a known denominator", study="Duvic 2006")

# %% [markdown]
# ## Non-Hodgkin's lymphoma and Hodgkin's disease (Younes et al.)

# %%
ev.say(
    "Of {nhl-treated} treated, {nhl-iv-count} received {nhl-iv-dose} intravenously {nhl-iv-frequency:bare} times a week for "
    "{nhl-iv-duration}, and {nhl-sc-count} received subcutaneous IL-12 {nhl-sc-frequency:bare} a week, first at {nhl-sc-initial-dose}, "
    "later {nhl-sc-later-dose} because of dose-related toxicity. Response was assessed over the first "
    "{nhl-first-assessment} and then every {nhl-assessment-interval-min:bare} to {nhl-assessment-interval-max}. "
    "{nhl-responders:bare} of {nhl-evaluable:bare} evaluable patients responded ({nhl-response-rate} stated, "
    "{nhl-response-rate:rate} recomputed) and {nhl-no-progression-count} had no progression ({nhl-no-progression-rate}). "
    "The review gives {nhl-iv-rate} and {nhl-sc-rate} for the intravenous and subcutaneous groups without their "
    "denominators; every responder's largest tumour was under {nhl-tumour-diameter}."
)

# %%
ev.proportions_table("NHL and HD phase II: proportions with a known denominator", study="Younes 2004")

# %%
ev.claims_table("Every number the review gives for the two single-agent trials", topic="single-agent")

# %% [markdown]
# ## Response rates with their uncertainty

# %%
response_forest(ev, topic="single-agent", source="notebooks/01_single_agent.py")
