# %% [markdown]
# # Primary sources, study by study
#
# For each study whose numbers the review reports, each of its numbers in the review's
# order, with what the abstract says (in our own words, with its figures) and the verdict:
# match, mismatch, misattributed, not in the abstract, or unverified where no copy of the
# abstract was reachable.

# %%
from IPython.display import display

from il12_evidence.notebook import Page

page = Page.load(source="notebooks/10_primary_by_study.py")
concordance = page.table("primary-sources").merge(page.claims[["claim_id", "study_id"]], on="claim_id")
for study_id, rows in concordance.groupby("study_id", sort=False):
    display(page.study_heading(study_id))
    label = page.dataset.studies_by_id[study_id]["label"]
    display(page.concordance(rows, caption=f"{label}: the review's numbers against the abstract"))
