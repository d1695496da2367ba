# %% [markdown]
# # Evidence audit
#
# Every number the review states goes through the rules, not through a person: percentages
# against the counts they come from (under half-up, half-even and truncating rounding) and
# against the group sizes the review states, categories against the whole they should add up
# to, repeated statements of the same quantity, the outcome a rate's words name against what
# it counts, and the suspect terms listed in the data. A finding is produced by a rule; the
# data only adds a human explanation, and the build fails if a finding is unexplained or an
# explanation no longer matches a finding. Many numbers (durations, doses, time points) have
# nothing in the review to be checked against: they carry the mark for "not checkable".

# %%
from il12_evidence.notebook import Page

page = Page.load(source="notebooks/08_evidence_audit.py")
marks = page.marks
by_mark = marks.groupby(["symbol", "label"]).size().rename("Numbers").reset_index()
page.show(
    by_mark.rename(columns={"symbol": "Mark", "label": "Meaning"}).sort_values("Numbers", ascending=False),
    caption="The review's numbers by mark",
    numeric=["Numbers"],
)

# %%
findings = page.findings.merge(page.table("rules")[["rule", "label"]], on="rule")
counts = (
    findings.assign(status=findings.status.str.replace("-", " "))
    .groupby(["label", "status", "severity"])
    .size()
    .rename("checks")
    .reset_index()
    .rename(columns={"label": "Rule", "status": "Outcome", "severity": "Severity", "checks": "Checks"})
)
page.show(counts, caption="Checks by rule and outcome", numeric=["Checks"])

# %% [markdown]
# ## Problems in the review's numbers
#
# Each row says what the rule computed and what it means; the numbers carry their marks.

# %%
problems = findings[findings.problem & findings.kind.isin(["claim", "set", "study"])]
page.audit_findings(problems, caption="Every problem the rules find in the review's numbers, with its explanation")

# %% [markdown]
# ## Percentages without their own group size
#
# For a percentage whose group size is not printed beside it, the audit tries every group
# size the review states for the same study (arms, totals, evaluable patients, and the sums
# of arms), under each rounding convention. Where the review states none, it lists the
# smallest groups that could give the percentage: these inform, they are not failures.

# %%
page.audit_findings(
    findings[findings.rule == "group-sizes"],
    caption="Each percentage without its own group size, tried against the study's stated group sizes",
)

# %% [markdown]
# ## Textual errata
#
# Every occurrence of a term listed in `data/suspect_terms.csv` is shown with its sentence:
# another cytokine's name where the context is about IL-12, and a misspelled standard
# abbreviation.

# %%
page.audit_findings(
    findings[findings.kind == "text"], caption="Suspect terms in the review's text, with their sentences"
)
