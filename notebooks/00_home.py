# %% [markdown]
# # IL-12 Evidence
#
# Every number of a published narrative review on interleukin-12 (IL-12) in cancer therapy
# and in blood-cell recovery after chemoradiotherapy, checked: each is a row of data with the
# sentence that states it, recomputed where the review gives counts, compared with the cited
# study's own abstract, and marked with what the checks found.

# %%
from il12_evidence.page import Page

page = Page.load(source="notebooks/00_home.py")
studies, claims, findings = page.studies, page.claims, page.findings
page.legend()

# %% [markdown]
# ## What the clinical trials showed

# %%
trials = studies[(studies.setting == "clinical") & (studies.theme == "therapy")]
enrolled = claims[claims.study_id.isin(trials.study_id) & (claims.quantity == "patients_enrolled")]
page.say(
    "The review reports {=trials} clinical trials of IL-12 against cancer, alone or in combination. The largest "
    "enrolled {=largest} patients and the smallest {=smallest}; none compares IL-12 with a control arm in the "
    "numbers the review gives. Their response rates, recomputed from the review's own counts (or, where it gives "
    "only a percentage, from the only count that percentage allows, marked implied):",
    trials=len(trials),
    largest=int(enrolled.value.max()),
    smallest=int(enrolled.value.min()),
)

# %%
page.rates_list(claims[claims.study_id.isin(trials.study_id)], family="response")

# %% [markdown]
# Every trial is small, so every interval is wide. The chart of response rates on the
# [Evidence overview](notebooks/07_evidence_overview/) draws them together.

# %% [markdown]
# ## The evidence for hematological recovery

# %%
recovery = studies[studies.theme == "hematological recovery"]
kinds = recovery.species.fillna("species not stated") + " (" + recovery.setting + ")"
rates = claims[claims.study_id.isin(recovery.study_id) & (claims.role == "rate")]
page.say(
    "The review cites {=studies} studies for IL-12's protective role in blood-cell recovery after chemoradiotherapy, "
    "by species: {=kinds}. Its survival rates and predictive values come from {=with_rates} of them, all in animals. "
    "In lethally irradiated mice, long-term survival was {chen-survival-24h-before} with IL-12 given "
    "{chen-survival-24h-before-time} and {chen-survival-1h-after} with IL-12 given {chen-survival-1h-after-time}, "
    "while every control mouse died within {chen-control-death-time}; in a second mouse study survival with IL-12 "
    "was {basile-survival-il12-8-6gy}, {basile-survival-il12-8-8gy} and {basile-survival-il12-9-0gy} against "
    "{basile-survival-placebo-8-6gy}, {basile-survival-placebo-8-8gy} and {basile-survival-placebo-9-0gy} with "
    "placebo. The review gives no group sizes for any of them, so none can be recomputed.",
    studies=len(recovery),
    kinds=[f"{count} in {kind}" for kind, count in kinds.value_counts().items()],
    with_rates=rates.study_id.nunique(),
)

# %% [markdown]
# The only study in patients is cited in the review's conclusions without a number; its
# title describes recombinant human IL-12 for complications after radiotherapy:

# %%
page.study_links(recovery[(recovery.setting == "clinical") & (recovery.species == "human")])

# %% [markdown]
# ## Which of the review's numbers fail

# %%
problems = page.problems
by_consequence = problems.groupby(["rank", "consequence"]).size()
by_kind = problems.groupby("kind").size()
page.say(
    "The audit finds {=problems} problems in the review, each counted once however many checks find it: "
    "{=consequences}. By kind: {=kinds}. {=copied} of them the review copied from its source. Most consequential first:",
    problems=len(problems),
    consequences=[f"{count} {name}" for (_, name), count in by_consequence.items()],
    kinds=[f"{count} {name}" for name, count in by_kind.items()],
    copied=int(problems.copied.sum()),
)

# %%
page.problems_list(problems)

# %% [markdown]
# Numbers whose source states or names them differently (every comparison is on
# [Review vs primary sources](notebooks/09_primary_sources/)):

# %%
compared = page.table("primary-sources").merge(page.table("verdicts"), on="verdict")
page.comparisons_list(compared[compared.result.isin(["differs", "elsewhere"])])

# %% [markdown]
# ## How to read this site
#
# - **Every number carries its source.** Hover over a number, or move to it with the
#   keyboard (on a phone, tap it), to see the sentence that states it, its study and why it
#   has its mark; follow it to its row in the [Claims explorer](claims/), which lists every
#   check made on it and every page that shows it.
# - **Stated and recomputed values** stand side by side, with a confidence interval for
#   every proportion whose group size is known.
# - The [Evidence audit](notebooks/08_evidence_audit/) lists every problem the rules find,
#   in plain words.

# %%
page.summary()

# %% [markdown]
# ## Cite this

# %%
page.cite()

# %% [markdown]
# ## What this site is not
#
# It is not a new systematic review, and it does not judge whether IL-12 works. It checks
# that the numbers of the review agree with each other and with their sources, and shows
# where each comes from. The review's text is reproduced under its open licence; see
# [Data](data/).
