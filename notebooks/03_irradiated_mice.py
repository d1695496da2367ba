# %% [markdown]
# # Irradiated mice
#
# Mouse studies tested whether an injection of IL-12 rescues the blood-forming system after
# a lethal dose of radiation: Chen et al. varied when IL-12 was given relative to
# irradiation; Basile et al. varied the radiation dose.

# %%
from il12_evidence.page import Page

page = Page.load(source="notebooks/03_irradiated_mice.py")
claims = page.claims
mice = claims[claims.topic == "irradiated-mice"]
studies = mice.study_id.drop_duplicates()
page.summary_of_findings(topic="irradiated-mice", caption="Irradiated mice: the question, what was found, how sure")

# %%
page.indirectness("irradiated-mice")

# %% [markdown]
# ## The studies, as their reports describe them

# %%
page.study_cards(studies)

# %% [markdown]
# ## What the review reports

# %%
page.legend()

# %% [markdown]
# ### Timing of IL-12 relative to irradiation (Chen et al.)

# %%
page.say(
    "Mice received a {chen-injections} of IL-12 into a vein at {chen-schedule-48h-before:bare}, "
    "{chen-schedule-36h-before:bare}, {chen-schedule-24h-before:bare} or {chen-schedule-12h-before}, or at "
    "{chen-schedule-1h-after:bare}, {chen-schedule-12h-after:bare}, {chen-schedule-24h-after:bare} or "
    "{chen-schedule-36h-after}. Long-term survival, beyond {chen-long-term-definition}, was "
    "{chen-survival-24h-before} when IL-12 came {chen-survival-24h-before-time} and {chen-survival-1h-after} "
    "when it came {chen-survival-1h-after-time}; every control mouse died within {chen-control-death-time}. "
    "The marrow of treated mice looked normal again on the {chen-marrow-recovery-day}."
)

# %%
chen_survival = mice[(mice.study_id == "chen-2007") & (mice.quantity == "survival_rate")]
chen_timings = mice[(mice.study_id == "chen-2007") & mice.unit.isin(["h before irradiation", "h after irradiation"])]
page.figure_note(
    tested=chen_timings.arm.drop_duplicates(),
    reported=chen_survival.arm,
    what="long-term survival",
)

# %%
page.stated_rates(
    chen_survival,
    title=f"Long-term survival by timing of IL-12, as the review reports {page.study_label('chen-2007')}",
    xlabel="Long-term survival (%)",
    caption="Long-term survival for the timings the review reports it for. The review states no group sizes, so "
    "no interval can be drawn; for the control group it says only that every mouse died.",
)

# %% [markdown]
# ### Survival by radiation dose (Basile et al.)

# %%
page.say(
    "Groups of mice were given {basile-dose-levels} of total body irradiation ({basile-radiation-8-6gy:bare}, "
    "{basile-radiation-8-8gy:bare} or {basile-radiation-9-0gy}), which the review says lasted "
    "{basile-irradiation-time}, and a {basile-injections:bare} dose of IL-12 "
    "({basile-il12-dose}). Survival was {basile-survival-placebo-8-6gy}, {basile-survival-placebo-8-8gy} and "
    "{basile-survival-placebo-9-0gy} with placebo, and {basile-survival-il12-8-6gy}, {basile-survival-il12-8-8gy} "
    "and {basile-survival-il12-9-0gy} with IL-12, which the review prints as “IL-2”. The review concludes that "
    "survival did not depend on the radiation dose in mice that received a {basile-injections-restated} of IL-12 "
    "at the same dose; with no group sizes given, its numbers cannot show that."
)

# %%
page.grouped_rates(
    mice[(mice.study_id == "basile-2012") & (mice.quantity == "survival_rate")],
    title=f"Survival by radiation dose, placebo against IL-12, as the review reports {page.study_label('basile-2012')}",
    ylabel="Survival (%)",
    caption="Survival by radiation dose, as the review states it (the part of the abstract read does not give "
    "these percentages). The review states no group sizes, so no interval can be drawn.",
)

# %% [markdown]
# Without group sizes no confidence interval can be computed; the audit lists the smallest
# groups that could give each percentage.

# %% [markdown]
# ## Studies the review does not cite

# %%
page.later_studies(studies)

# %% [markdown]
# ## The review's claims without numbers

# %%
page.assertions(topics=["irradiated-mice"], caption="What the review says about irradiated mice in words, checked")

# %% [markdown]
# ## Every number on this page

# %%
page.numbers(mice, caption="Every number the review gives for irradiated mice")
