# %% [markdown]
# # IL-12 in combination
#
# The review turns from IL-12 alone, whose clinical benefit it calls limited, to trials that
# combined it with chemotherapy, antibodies, checkpoint blockade or radiotherapy: paclitaxel
# with trastuzumab in HER2-positive cancers, rituximab in B-cell NHL, PD-1 blockade in
# melanoma, and low-dose total skin electron beam therapy (TSEBT) in CTCL. In every trial
# IL-12 came with an active partner, so its own share shows only where a group received the
# partner without it.

# %%
from il12_evidence.page import Page

page = Page.load(source="notebooks/02_combinations.py")
claims = page.claims
combination = claims[claims.topic == "combination"]
studies = combination[combination.study_id != "li-2020"].study_id.drop_duplicates()
page.summary_of_findings(topic="combination", caption="IL-12 in combination: the questions, what was found, how sure")

# %%
page.findings_chart(
    topic="combination",
    title="IL-12 in combination: each group's rate with its interval",
    caption="Every group with counts that answers a question above, with its confidence interval. Filled circles: "
    "the studies the review cites, or other reports of them; hollow triangles on dotted lines: studies it does not cite; grey: a benchmark "
    "from another study. Groups answering the same question are not pooled; groups without counts stay in the table.",
)

# %% [markdown]
# ## The trials, as their reports describe them

# %%
page.study_cards(studies)

# %% [markdown]
# ## What the review reports

# %%
page.legend()

# %%
page.say(
    "The review says that clinical trials of IL-12 against cancer are mainly in {combination-trials-phase-i} or "
    "{combination-trials-phase-ii}."
)

# %% [markdown]
# ### Paclitaxel and trastuzumab in HER2-positive cancers (Bekaii-Saab et al.)

# %%
page.say(
    "The review says the combination was effective in {her2-benefit-rate} of {her2-enrolled}: {her2-cr} had a "
    "complete response, {her2-pr} a partial response and {her2-sd} stable disease. The counts recompute to "
    "{her2-benefit-rate:rate}."
)

# %% [markdown]
# ### Rituximab in refractory B-cell NHL (Ansell et al.)

# %%
page.say(
    "Among {rituximab-treated}, {rituximab-responders} responded; the review prints {rituximab-response-rate}, "
    "but the counts give {rituximab-response-rate:rate}. It reports {rituximab-cr-count:bare} complete responses, "
    "printed as {rituximab-cr-rate}, recomputed {rituximab-cr-rate:rate}, and {rituximab-pr-count:bare} partial "
    "responses, printed as {rituximab-pr-rate}, recomputed {rituximab-pr-rate:rate}."
)

# %% [markdown]
# ### PD-1 blockade in melanoma (cited as Canton et al.)

# %%
page.say(
    "The review says that over a treatment cycle of {pd1-cycle} the disease control rate reached "
    "{pd1-disease-control-rate}, and that {pd1-cr-count:bare} of {pd1-patients} had a complete response, printed as "
    "{pd1-cr-rate}, recomputed {pd1-cr-rate:rate}."
)

# %% [markdown]
# ### Low-dose total skin electron beam therapy in CTCL (Kim et al.)

# %%
page.say(
    "IL-12 ({tsebt-induction-dose}) was injected under the skin on days {tsebt-induction-day-first:bare} and "
    "{tsebt-induction-day-second:bare} after the start of TSEBT, given at {tsebt-radiation-weekly} up to {tsebt-radiation-total}; "
    "maintenance was {tsebt-maintenance-dose} {tsebt-maintenance-frequency} every {tsebt-maintenance-interval} "
    "for {tsebt-maintenance-cycles}."
)

# %%
page.say(
    "Of {tsebt-enrolled} enrolled, {tsebt-evaluable:bare} could be evaluated; {tsebt-male:bare} were men, and the "
    "review gives an average age of {tsebt-mean-age}. Of {tsebt-evaluable-restated}, {tsebt-cr} had a complete "
    "response, {tsebt-pr} a partial response and {tsebt-sd} stable disease: a response rate of "
    "{tsebt-response-rate}, recomputed {tsebt-response-rate:rate}. {tsebt-stage-ib-count:bare} of "
    "{tsebt-stage-denominator} had disease of {tsebt-stage-ib}, {tsebt-stage-iib-count:bare} of {tsebt-stage-iib} "
    "and {tsebt-stage-iiib-count:bare} of {tsebt-stage-iiib}. At a median follow-up of {tsebt-follow-up}, "
    "{tsebt-still-on-study} were still being studied and {tsebt-dropped-out} had dropped out."
)

# %%
page.proportions(combination, caption="Combination trials: proportions with a known group size", collapsed=True)

# %% [markdown]
# ## Response rates with their confidence intervals
#
# Small trials give wide intervals: each is a confidence interval, the range of true rates
# compatible with the observed counts. No trial the review cites has a control arm.

# %%
page.forest(
    combination,
    family="response",
    title="IL-12 in combination: response rates with their confidence intervals",
    caption="Each response rate the review states for a group of known size, grouped by the outcome it measures "
    "(objective response first); where the audit shows a rate counts more than responses, the objective response "
    "its own counts give is drawn beside it.",
)

# %% [markdown]
# ## Studies the review does not cite

# %%
page.later_studies(studies)

# %% [markdown]
# ## The review's claims without numbers

# %%
page.assertions(topics=["combination"], caption="What the review says about IL-12 in combination in words, checked")

# %% [markdown]
# ## Every number on this page

# %%
page.numbers(combination, caption="Every number the review gives for the combination trials")
