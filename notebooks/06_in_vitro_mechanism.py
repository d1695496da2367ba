# %% [markdown]
# # In vitro and mechanism
#
# Laboratory studies cultured human peripheral blood and bone marrow cells, and mouse bone
# marrow progenitors, with IL-12 alone or with other growth factors (IL-3, erythropoietin,
# G-CSF, FLT3 ligand, IL-11). The review reports that IL-12 enhanced colony formation and
# progenitor expansion in these combinations.
#
# The review proposes a mechanism through interferon-γ (IFN-γ): IL-12 would induce IFN-γ through
# the STAT4 pathway, and IFN-γ would act on hematopoietic stem cells; the source it cites for
# this names oncostatin M, not IFN-γ, as the messenger (see its claims below). Because IFN-γ
# both stimulates and suppresses hematopoiesis, the review argues that the effect of IL-12 is
# dose dependent: low doses would support blood-cell recovery, high doses suppress it through
# excess IFN-γ and toxicity.
#
# A conflict with a cited title: the review says the second study used normal bone marrow
# mononuclear cells, while the cited paper's title names fluorouracil-treated peripheral
# blood CD34+ cells (the table shows both).

# %%
from il12_evidence.page import Page

page = Page.load(source="notebooks/06_in_vitro_mechanism.py")
page.summary_of_findings(topic="in-vitro-mechanism", caption="Cells in culture: the question, what was found, how sure")

# %%
page.indirectness("progenitors-in-culture")

# %% [markdown]
# ## The studies, as their reports describe them

# %%
studies = page.studies
page.study_cards(studies[studies.topic == "in-vitro-mechanism"].study_id)

# %%
page.studies_table(
    studies[studies.topic == "in-vitro-mechanism"],
    caption="The in vitro studies the review reports (it states no numbers for them)",
)

# %% [markdown]
# The review states these findings in words only, without doses, counts or fold changes, so
# there is nothing to recompute on this page. The studies it cites are listed below, read
# from the review's own citations.

# %%
page.cited_references(
    "IL-12 stimulates bone marrow hematopoietic progenitor cells",
    "Concluding Remarks",
    caption="References cited in the in vitro and mechanism sections (read from the source text)",
)

# %% [markdown]
# ## The review's claims without numbers

# %%
page.assertions(
    topics=["in-vitro-mechanism"], caption="What the review says about cells in culture and the mechanism, checked"
)
