# %% [markdown]
# # Primary sources, study by study
#
# For each study whose numbers the review reports: the numbers its abstract also states,
# what the abstract says (in our own words, with its figures), and the verdict; then the
# numbers the abstract does not mention, and those we could not check because no copy of
# the abstract was reachable. The address read is given for each study.

# %%
from IPython.display import display

from il12_evidence.evidence import Evidence

ev = Evidence.load()
for study in ev.cited_studies():
    display(ev.concordance_table(f"{study}: the review's numbers against the abstract", study=study))
