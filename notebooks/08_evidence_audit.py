# %% [markdown]
# # Evidence audit
#
# Every number the review states was checked by rules, not by hand: percentages against the
# counts they come from (under half-up, half-even and truncating rounding), against the
# group sizes the review states, categories against the whole they should add up to,
# repeated statements of the same quantity, the outcome a rate's words name against what it
# counts, and suspect terms in the text. A finding is produced by a rule; the data only adds
# a human explanation, and the build fails if a finding is unexplained or an explanation no
# longer matches a finding.

# %%
from il12_evidence.notebook import Page

page = Page.load(source="notebooks/08_evidence_audit.py")
findings = page.findings
counts = (
    findings.groupby(["rule", "status", "severity"])
    .size()
    .rename("checks")
    .reset_index()
    .rename(columns={"rule": "Rule", "status": "Outcome", "severity": "Severity", "checks": "Checks"})
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
# The review is about IL-12, so every mention of another cytokine's name is shown with its
# sentence, and so is every misspelled standard abbreviation.

# %%
page.audit_findings(
    findings[findings.kind == "text"], caption="Suspect terms in the review's text, with their sentences"
)
