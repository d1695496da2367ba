# %% [markdown]
# # Evidence overview
#
# Which kinds of evidence does the review rest on? This page lists the studies whose results
# it reports, counts them by setting and species, shows which outcomes rest on which kind of
# evidence, and brings together the clinical response rates and the doses.

# %%
import pandas as pd

from il12_evidence.dosing import regimens
from il12_evidence.page import Page

page = Page.load(source="notebooks/07_evidence_overview.py")
studies = page.studies
claims = page.claims
page.say(
    "The review's header lists {review-reference-count} and a length of {review-word-count}; the data holds every "
    "number it states, each with the sentence that states it."
)

# %% [markdown]
# ## The only study in patients of blood-cell recovery that the review cites
#
# The review cites a randomised study of rhIL-12 in patients after radiotherapy in its
# conclusions, without a number.

# %%
page.summary_of_findings(
    topic="overview", caption="Patients after radiotherapy: the question, what was found, how sure"
)

# %%
page.study_cards(["guo-2017"])

# %%
page.later_studies(["guo-2017"])

# %% [markdown]
# ## The studies whose results the review reports

# %%
page.studies_table(studies, caption="Open the table: each study with its design, setting and species", collapsed=True)

# %% [markdown]
# ## What kind of evidence supports which outcome

# %%
page.evidence_matrix(
    caption="Each dot counts the studies of a kind (setting and species) that report an outcome; studies the "
    "review describes in words only form their own row."
)

# %%
by_kind = (
    studies[studies.setting != "review"]
    .assign(species=lambda frame: frame.species.fillna("not stated"))
    .groupby(["setting", "species"])
    .size()
    .rename("Studies")
    .reset_index()
    .rename(columns={"setting": "Setting", "species": "Species"})
)
page.show(by_kind, caption="Studies by setting and species", numeric=["Studies"])

# %% [markdown]
# ## Clinical studies and their phases
#
# Where the review does not name a trial's phase, the reference's own title often does; the
# phase is then quoted from the title and marked as such.

# %%
clinical = studies[studies.setting == "clinical"]
phases = clinical.assign(
    phase=clinical.phase.fillna("not stated"),
    phase_source=clinical.phase_source.fillna("neither the review nor the reference's title"),
)[["label", "design", "phase", "phase_source"]].rename(
    columns={"label": "Study", "design": "Design", "phase": "Phase", "phase_source": "Phase printed in"}
)
page.show(phases, caption="Open the table: each clinical study with its phase", collapsed=True)

# %% [markdown]
# ## Clinical response rates
#
# Every response rate the review reports for a group of known size, recomputed with its
# confidence interval, for IL-12 alone and in combination. Intervals this wide are what trials
# of this size can show.

# %%
clinical_claims = claims[claims.setting == "clinical"]
page.forest(
    clinical_claims,
    family="response",
    title="Clinical response rates with their confidence intervals",
    caption="Every clinical rate of a response outcome with a known group size, grouped by the outcome it measures "
    "(objective response first). Where the review gives only a percentage and a group size, the count is the only "
    "whole number that gives it (an implied count, drawn hollow).",
)

# %% [markdown]
# ## Doses across regimens
#
# The review gives doses per administration and schedules; multiplying them gives the dose
# per week. The mouse dose is per animal, so it is divided by an assumed body weight and
# converted to a human-equivalent dose by the FDA body-surface-area method. The assumed
# values are data, listed below.

# %%
page.dosing(caption="IL-12 per administration and per week, in ng/kg; the mouse dose as a human-equivalent dose.")

# %%
doses = pd.DataFrame(regimens(page.dataset)).merge(page.table("regimens")[["regimen", "note"]], on="regimen")


def dose(value):
    return "" if pd.isna(value) else f"{value:,.1f}".removesuffix(".0")


page.show(
    doses.assign(
        per_dose=doses.per_dose.map(dose),
        per_week=doses.per_week.map(dose),
        converted=doses.converted.map({True: "converted from the animal dose", False: "as given"}),
    )[["label", "per_dose", "per_week", "converted", "note"]].rename(
        columns={
            "label": "Regimen",
            "per_dose": "ng/kg per administration",
            "per_week": "ng/kg per week",
            "converted": "Dose shown",
            "note": "Note",
        }
    ),
    caption="IL-12 doses per regimen",
    numeric=["ng/kg per administration", "ng/kg per week"],
    collapsed=True,
)

# %%
parameters = page.table("parameters")
page.show(
    parameters[parameters.parameter.str.contains("weight|exponent")][["description", "value", "unit"]].rename(
        columns={"description": "Parameter and its source", "value": "Assumed value", "unit": "Unit"}
    ),
    caption="Assumed parameters of the dose conversion",
    numeric=["Assumed value"],
    collapsed=True,
)

# %% [markdown]
# ## The review's claims without numbers
#
# Its general claims — about IL-12 as a whole, and about recovery in patients.

# %%
page.assertions(topics=["overview"], caption="What the review says in general, in words, checked")
