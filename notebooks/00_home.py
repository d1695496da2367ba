# %% [markdown]
# # Does IL-12 work, for what, and how sure is the evidence?
#
# A check of a published narrative review of interleukin-12 (IL-12) in cancer and in
# blood-cell recovery after chemoradiotherapy, of the studies it cites, and of studies on the
# same questions that it does not cite: every number is data with the sentence that states it.

# %%
from il12_evidence.page import Page

page = Page.load(source="notebooks/00_home.py")
page.bottom_line()

# %% [markdown]
# ## Summary of findings
#
# Each row is a question about a treatment the review reports; a few are asked only by studies
# it does not cite. Certainty follows the GRADE approach: high,
# moderate, low or very low, rated by written rules; open "Why" for each reason.

# %%
page.summary_of_findings(
    caption="Summary of findings: each question, what the studies found, and how certain the evidence is"
)

# %% [markdown]
# ## What the review gets wrong

# %%
page.legend()

# %%
problems = page.problems
by_consequence = problems.groupby(["rank", "consequence"]).size()
page.say(
    "The audit finds {=problems} problems in the review, however many checks find each; by what they change: "
    "{=consequences}. {=copied} of them the review copied from its source. Most consequential first:",
    problems=len(problems),
    consequences=[f"{name} ({count})" for (_, name), count in by_consequence.items()],
    copied=int(problems.copied.sum()),
)

# %%
page.problems_list(problems)

# %%
assertions = page.table("assertions").merge(page.table("assertion-verdicts"), on="verdict")
by_verdict = assertions.sort_values("rank").groupby(["rank", "label"]).size()
page.say(
    "Of the review's {=claims} claims without numbers — of effect, comparison, safety, proof or promise — "
    "checked against what their cited sources say: {=verdicts}. Each is listed, with its reason, on the page of its "
    "topic and on the audit page.",
    claims=len(assertions),
    verdicts=[f"{count} {label}" for (_, label), count in by_verdict.items()],
)

# %% [markdown]
# ## How to read this site
#
# - **Every number carries its source.** Hover over a number, move to it with the keyboard or
#   tap it to see the sentence that states it; it links to its row in the
#   [claims explorer](claims/).
# - **Signs** after a number say what the review's own numbers, and then its source, say of
#   it; a number without a sign could not be checked. The [glossary](glossary/) explains every
#   term.
# - Each topic page opens with its questions, then the studies as their reports describe them,
#   then the review's numbers, the studies it does not cite and its claims without numbers.

# %% [markdown]
# ## Cite this

# %%
page.cite()
