# %% [markdown]
# # IL-12 in lethally irradiated mice
#
# Mouse studies tested whether an injection of IL-12 rescues the blood-forming
# system after a lethal dose of radiation: Chen et al. varied when IL-12 was given
# relative to irradiation; Basile et al. varied the radiation dose.

# %%
from il12_evidence.evidence import Evidence
from il12_evidence.figures import grouped_rates, stated_rates

ev = Evidence.load()

# %% [markdown]
# ## Timing of IL-12 relative to irradiation (Chen et al.)

# %%
ev.say(
    "Mice received a {chen-injections:bare} intravenous injection of IL-12 at {chen-schedule-48h-before:bare}, "
    "{chen-schedule-36h-before:bare}, {chen-schedule-24h-before:bare} or {chen-schedule-12h-before}, or at "
    "{chen-schedule-1h-after:bare}, {chen-schedule-12h-after:bare}, {chen-schedule-24h-after:bare} or "
    "{chen-schedule-36h-after}. Long-term survival (beyond {chen-long-term-definition:bare} year) was "
    "{chen-survival-24h-before} when IL-12 came {chen-survival-24h-before-time} and {chen-survival-1h-after} when it came "
    "{chen-survival-1h-after-time}; every control mouse died within {chen-control-death-time}. The marrow of treated mice "
    "looked normal again on day {chen-marrow-recovery-day:bare} after irradiation."
)

# %%
stated_rates(
    ev,
    source="notebooks/03_irradiated_mice.py",
    xlabel="Long-term survival (%)",
    caption="Long-term survival by when IL-12 was given. The review states no group sizes, so no interval can be drawn.",
    study="Chen 2007",
    quantity="survival_rate",
)

# %% [markdown]
# ## Survival by radiation dose (Basile et al.)

# %%
ev.say(
    "Groups of mice received {basile-dose-levels:bare} different doses of total body irradiation ({basile-radiation-8-6gy:bare}, "
    "{basile-radiation-8-8gy:bare} or {basile-radiation-9-0gy}) and a {basile-injections:bare} dose of IL-12 "
    "({basile-il12-dose}). Placebo survival was {basile-survival-placebo-8-6gy}, {basile-survival-placebo-8-8gy} and "
    "{basile-survival-placebo-9-0gy}; with IL-12 it was {basile-survival-il12-8-6gy}, {basile-survival-il12-8-8gy} and "
    "{basile-survival-il12-9-0gy}. The review prints “IL-2” for these IL-12 groups."
)

# %%
grouped_rates(
    ev,
    source="notebooks/03_irradiated_mice.py",
    ylabel="Survival (%)",
    caption="Survival by radiation dose, placebo against IL-12. Group sizes are not stated in the review.",
    study="Basile 2012",
    quantity="survival_rate",
)

# %% [markdown]
# Without group sizes no confidence interval can be computed; the audit lists the
# smallest groups that could produce each percentage.

# %%
ev.claims_table("Every number the review gives for irradiated mice", topic="irradiated-mice")
