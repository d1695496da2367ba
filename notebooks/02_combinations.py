# %% [markdown]
# # IL-12 in combination
#
# Because IL-12 alone helped few patients, later trials combined it with chemotherapy,
# antibodies, checkpoint blockade or radiotherapy. The review reports studies of
# paclitaxel with trastuzumab in HER2-positive cancers, rituximab in B-cell NHL, PD-1
# blockade in melanoma, and low-dose total skin electron beam therapy (TSEBT) in CTCL.

# %%
from il12_evidence.evidence import Evidence
from il12_evidence.figures import response_forest

ev = Evidence.load()
ev.say(
    "The review places these trials mainly in phase {combination-trials-phase-i:bare} or {combination-trials-phase-ii:bare}."
)

# %% [markdown]
# ## Paclitaxel and trastuzumab in HER2-positive cancers (Bekaii-Saab et al.)

# %%
ev.say(
    "The combination was effective in {her2-benefit-rate} of {her2-enrolled}: {her2-cr:bare} with a complete response, "
    "{her2-pr:bare} with a partial response and {her2-sd:bare} with stable disease, which recomputes to {her2-benefit-rate:rate}."
)

# %% [markdown]
# ## Rituximab in refractory B-cell NHL (Ansell et al.)

# %%
ev.say(
    "Among {rituximab-treated}, {rituximab-responders} responded; the review prints {rituximab-response-rate}, but the "
    "counts give {rituximab-response-rate:rate}. It reports {rituximab-cr-count} complete responses ({rituximab-cr-rate}; "
    "recomputed {rituximab-cr-rate:rate}) and {rituximab-pr-count} partial responses ({rituximab-pr-rate}; recomputed "
    "{rituximab-pr-rate:rate})."
)

# %% [markdown]
# ## PD-1 blockade in melanoma (Canton et al.)

# %%
ev.say(
    "Over a {pd1-cycle} treatment cycle, disease control reached {pd1-disease-control-rate} and "
    "{pd1-cr-count} of {pd1-patients} had a complete response ({pd1-cr-rate} stated, {pd1-cr-rate:rate} recomputed)."
)

# %% [markdown]
# ## Low-dose total skin electron beam therapy in CTCL (Kim et al.)

# %%
ev.say(
    "rhIL-12 {tsebt-induction-dose} was injected on day {tsebt-induction-day-first:bare} and day "
    "{tsebt-induction-day-second:bare} after the start of TSEBT ({tsebt-radiation-weekly}, up to {tsebt-radiation-total}), "
    "then {tsebt-maintenance-dose} {tsebt-maintenance-frequency:bare} every {tsebt-maintenance-interval} for "
    "{tsebt-maintenance-cycles}. Of {tsebt-enrolled} enrolled ({tsebt-male} men, mean age {tsebt-mean-age}), "
    "{tsebt-evaluable} were evaluable: {tsebt-cr:bare} complete, {tsebt-pr:bare} partial response and {tsebt-sd:bare} stable disease, "
    "a response rate of {tsebt-response-rate} ({tsebt-response-rate:rate} recomputed). Stages were IB in "
    "{tsebt-stage-ib-count}, IIB in {tsebt-stage-iib-count} and IIIB in {tsebt-stage-iiib-count}. At a median follow-up of "
    "{tsebt-follow-up}, {tsebt-still-on-study} remained on study and {tsebt-dropped-out:bare} had dropped out."
)

# %%
ev.proportions_table("Combination trials: proportions with a known denominator", topic="combination")

# %% [markdown]
# ## Response rates with their uncertainty
#
# Small trials give wide intervals: the width of each bar is the range of true rates that
# fit the observed counts.

# %%
response_forest(ev, topic="combination", source="notebooks/02_combinations.py")

# %%
ev.claims_table("Every number the review gives for the combination trials", topic="combination")
