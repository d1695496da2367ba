# %% [markdown]
# # Evidence audit
#
# Every number the review states goes through the same checks: percentages against the
# counts they come from and against the group sizes the review and its sources state,
# categories against the whole they should add up to, repeated statements of the same
# quantity, the outcome a rate's words name against what it counts, and a list of suspect
# words. Where several checks find the same problem, it is counted and explained here only.

# %%
from il12_evidence.page import Page

page = Page.load(source="notebooks/08_evidence_audit.py")
page.legend()

# %% [markdown]
# ## The problems
#
# Most consequential first. "Copied from its source" means the source the review cites
# prints the same thing.

# %%
problems = page.problems
page.show(
    problems.groupby(["rank", "consequence", "kind"])
    .size()
    .rename("Problems")
    .reset_index()
    .drop(columns="rank")
    .rename(columns={"consequence": "What it changes", "kind": "Kind"}),
    caption="Problems by what they change and by kind",
    numeric=["Problems"],
)

# %%
page.problems_table(problems, caption="Every problem the checks find, with what it means and what it changes")

# %% [markdown]
# ## The review's claims without numbers
#
# Every sentence of the review that asserts an effect, a comparison, safety, proof or promise
# without a number, against what its cited source says. Overstatements are classified with a
# published classification of spin in reviews (see the [glossary](../glossary/#spin)).

# %%
assertions = page.table("assertions").merge(page.table("assertion-verdicts"), on="verdict")
page.show(
    assertions.pivot_table(index="label", columns="kind", values="assertion_id", aggfunc="count", fill_value=0)
    .reset_index()
    .rename(columns={"label": "Verdict"}),
    caption="The review's claims without numbers, by verdict and kind",
)

# %%
page.assertions_by_topic()

# %% [markdown]
# ## Percentages without their own group size
#
# For a percentage whose group size is not printed beside it, the audit tries every group
# size the review and the study's sources state (arms, totals, assessable patients, and the
# sums of arms), and each arm less its patients who were not assessable, under each rounding
# convention. Where none is stated, it lists the smallest groups that could give the
# percentage: these inform, they are not failures.

# %%
findings = page.findings
page.audit_findings(
    findings[findings.rule == "group-sizes"],
    caption="Each percentage without its own group size, tried against the study's group sizes",
)

# %% [markdown]
# ## The review's numbers by sign

# %%
marks = page.marks.replace({"symbol": {"": "no sign"}})
page.show(
    marks.groupby(["symbol", "label"])
    .size()
    .rename("Numbers")
    .reset_index()
    .sort_values("Numbers", ascending=False)
    .rename(columns={"symbol": "Sign", "label": "Meaning"}),
    caption="The review's numbers by what its own numbers say of them",
    numeric=["Numbers"],
)
