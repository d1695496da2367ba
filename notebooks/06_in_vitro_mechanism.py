# %% [markdown]
# # In vitro progenitor expansion and the IFN-γ mechanism
#
# Laboratory studies cultured human peripheral blood and bone marrow cells, and mouse
# bone marrow progenitors, with IL-12 alone or with other growth factors (IL-3,
# erythropoietin, G-CSF, FLT3 ligand, IL-11). IL-12 enhanced colony formation and
# progenitor expansion in these combinations.
#
# The proposed mechanism runs through interferon-γ (IFN-γ): IL-12 induces IFN-γ through
# the STAT4 pathway, and IFN-γ acts on haematopoietic stem cells. Because IFN-γ both
# stimulates and suppresses haematopoiesis, the review argues that the effect of IL-12 is
# dose dependent: low doses support blood-cell recovery, high doses suppress it through
# excess IFN-γ and toxicity.

# %%
from il12_evidence.evidence import Evidence

ev = Evidence.load()
ev.claims_table("Numbers the review gives for the in vitro and mechanism studies", topic="in-vitro-mechanism")

# %% [markdown]
# The review states these findings in words only, without doses, counts or fold changes,
# so there is nothing to recompute on this page. The studies it cites are listed below,
# read from the review's own citations.

# %%
ev.cited_references_table(
    "IL-12 stimulates bone marrow hematopoietic progenitor cells",
    "Concluding Remarks",
    "References cited in the in vitro and mechanism sections (read from the source text)",
)
