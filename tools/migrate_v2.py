"""One-off migration of data/ from the v1 layout to the normalised Data Package v2 layout.

Run once (`python tools/migrate_v2.py`), commit the result, delete this script; data/CHANGELOG.md
records the migration. Study-level columns move from claims.csv to studies.csv, the cited
primary records to primary_studies.csv, "+"-joined count sources to count_sources.csv, and
free-text units, quantities, outcomes, topics, verdicts and rules become vocabularies.
"""

import csv
import io
import re
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"


def read(name):
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write(name, fields, rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({field: row.get(field, "") for field in fields})
    (DATA / name).write_text(buffer.getvalue(), encoding="utf-8")


STUDY_IDS = {
    "Li 2020": "li-2020",
    "Duvic 2006": "duvic-2006",
    "Younes 2004": "younes-2004",
    "Bekaii-Saab 2009": "bekaii-saab-2009",
    "Ansell 2002": "ansell-2002",
    "Canton 2017": "canton-2017",
    "Kim 2016": "kim-2016",
    "Chen 2007": "chen-2007",
    "Basile 2012": "basile-2012",
    "Basile 2008": "basile-2008",
    "Gluzman-Poltorak 2014": "gluzman-poltorak-2014",
    "Gluzman-Poltorak 2015": "gluzman-poltorak-2015",
}

STUDY_FIELDS = [
    "study_id", "label", "ref", "topic", "design", "phase", "phase_source", "phase_quote",
    "setting", "species", "condition", "intervention", "quote", "note",
]  # fmt: skip
STUDIES = [
    dict(study_id="li-2020", label="Li 2020", topic="overview", design="narrative review", setting="review",
         condition="cancer", intervention="IL-12",
         quote="We review therapeutic strategies using IL-12 in clinical studies",
         note="The review itself: its header and its statements about groups of trials."),
    dict(study_id="duvic-2006", label="Duvic 2006", ref="14", topic="single-agent", design="clinical trial",
         phase="II", phase_source="review", phase_quote="In a phase II study of CTCL [14]",
         setting="clinical", species="human", condition="cutaneous T-cell lymphoma", intervention="rhIL-12",
         quote="In a phase II study of CTCL [14], 23 patients were enrolled and received rhIL-12"),
    dict(study_id="younes-2004", label="Younes 2004", ref="15", topic="single-agent", design="clinical trial",
         phase="II", phase_source="review", phase_quote="A clinical phase II trial of NHL and HD",
         setting="clinical", species="human", condition="non-Hodgkin's lymphoma and Hodgkin's disease",
         intervention="rhIL-12",
         quote="A clinical phase II trial of NHL and HD using IL-12 was conducted by Younes et al. [15]"),
    dict(study_id="bekaii-saab-2009", label="Bekaii-Saab 2009", ref="17", topic="combination",
         design="clinical trial", phase="I", phase_source="reference title",
         phase_quote="A phase I trial of paclitaxel and trastuzumab in combination with interleukin-12",
         setting="clinical", species="human", condition="HER2-positive cancers",
         intervention="rhIL-12 + paclitaxel + trastuzumab",
         quote="the combined administration of rhIL-12 with paclitaxel and trastuzumab was effective",
         note="The review names no phase; the reference's title does."),
    dict(study_id="ansell-2002", label="Ansell 2002", ref="18", topic="combination", design="clinical trial",
         phase="I", phase_source="reference title",
         phase_quote="Phase I study of interleukin-12 in combination with rituximab",
         setting="clinical", species="human", condition="refractory B-cell non-Hodgkin's lymphoma",
         intervention="IL-12 + rituximab",
         quote="a clinical trial using IL-12 combined with an anti-CD20 antibody (rituximab) was conducted with patients with refractory NHL [18]",
         note="The review names no phase; the reference's title does."),
    dict(study_id="canton-2017", label="Canton 2017", ref="19", topic="combination", design="clinical trial",
         setting="clinical", species="human", condition="melanoma", intervention="IL-12 + PD-1-targeted therapy",
         quote="In patients with melanoma given a combination of IL-12 and PD-1-targeted therapy",
         note="The review presents a trial; reference 19 is a review article, and the figures match "
              "Algazi et al.'s phase II trial (see primary_sources.csv). No phase is stated in either."),
    dict(study_id="kim-2016", label="Kim 2016", ref="20", topic="combination", design="clinical trial",
         phase="2A", phase_source="reference title", phase_quote="A single-arm PHASE 2A study",
         setting="clinical", species="human", condition="cutaneous T-cell lymphoma (mycosis fungoides)",
         intervention="rhIL-12 + low-dose TSEBT",
         quote="In an ongoing clinical study of IL-12 combined with low-dose TSEBT for CTCL",
         note="The review calls it an ongoing clinical study; the reference's title names the phase."),
    dict(study_id="chen-2007", label="Chen 2007", ref="4", topic="irradiated-mice", design="animal experiment",
         setting="animal", species="mouse", condition="lethal irradiation", intervention="IL-12",
         quote="In a study conducted by Chen et al. [4], mice were given a single intravenous injection of IL-12"),
    dict(study_id="basile-2012", label="Basile 2012", ref="5", topic="irradiated-mice", design="animal experiment",
         setting="animal", species="mouse", condition="total body irradiation", intervention="IL-12",
         quote="Moreover, Basile et al. [5] found that the effect of IL-12 on survival rate was not significantly affected by radiation dose in mice"),
    dict(study_id="basile-2008", label="Basile 2008", ref="6", topic="tumour-bearing-mice",
         design="animal experiment", setting="animal", species="mouse",
         condition="EL4 lymphoma and Lewis lung cancer", intervention="IL-12 vs G-CSF with chemoradiation",
         quote="Basile et al. [6] established 2 tumor-bearing mouse models"),
    dict(study_id="gluzman-poltorak-2014", label="Gluzman-Poltorak 2014", ref="21", topic="nonhuman-primates",
         design="animal experiment", setting="animal", species="non-human primate", condition="lethal irradiation",
         intervention="rhIL-12 vs G-CSF",
         quote="In a study using nonhuman primates that received radiation treatment as well as rhIL-12 or G-CSF, Gluzman-Poltorak et al. [21]"),
    dict(study_id="gluzman-poltorak-2015", label="Gluzman-Poltorak 2015", ref="22", topic="nonhuman-primates",
         design="animal experiment", setting="animal", species="non-human primate", condition="lethal irradiation",
         intervention="rhIL-12 vs G-CSF",
         quote="Another preclinical study revealed that the survival rate of animals exposed to irradiation was closely correlated with the trough values of blood cells [22]",
         note="The species is named in the reference's title (a nonhuman primate model)."),
    dict(study_id="fardoun-joalland-2010", label="Fardoun-Joalland 2010", ref="23", topic="in-vitro-mechanism",
         design="in vitro experiment", setting="in vitro", species="human",
         condition="normal peripheral blood mononuclear cells", intervention="rhIL-12 with rhIL-3, erythropoietin or G-CSF",
         quote="using normal human peripheral blood and bone marrow mononuclear cells, respectively",
         note="The review states no numbers for this study."),
    dict(study_id="grafte-1998", label="Grafte 1998", ref="24", topic="in-vitro-mechanism",
         design="in vitro experiment", setting="in vitro", species="human",
         condition="normal bone marrow mononuclear cells", intervention="rhIL-12 with rhIL-3, erythropoietin or G-CSF",
         quote="using normal human peripheral blood and bone marrow mononuclear cells, respectively",
         note="The review states no numbers for this study."),
    dict(study_id="jacobsen-1995", label="Jacobsen 1995", ref="25", topic="in-vitro-mechanism",
         design="in vitro experiment", setting="in vitro", species="mouse",
         condition="bone marrow hematopoietic progenitor cells", intervention="FLT3 ligand with IL-12 or IL-11",
         quote="significantly stimulated the expansion of mouse bone marrow hematopoietic progenitor cells",
         note="The review states no numbers for this study."),
    dict(study_id="guo-2017", label="Guo 2017", ref="38", topic="overview", design="clinical study",
         setting="clinical", species="human", condition="complications after radiotherapy",
         intervention="rhIL-12",
         quote="Study of recombinant human interleukin-12 for treatment of complications after radiotherapy for tumor patients",
         note="The only human study of hematological recovery the review cites (Concluding Remarks, [37,38]); "
              "it states no numbers for it. Setting and species are read from the reference's title."),
]  # fmt: skip

PRIMARY_FIELDS = ["primary_id", "label", "citation", "ref", "doi", "pmid", "read_at", "note"]
PRIMARY_STUDIES = {
    "Duvic 2006, J Am Acad Dermatol": dict(primary_id="duvic-2006", label="Duvic 2006", ref="14"),
    "Younes 2004, Clin Cancer Res": dict(primary_id="younes-2004", label="Younes 2004", ref="15"),
    "Bekaii-Saab 2009, Mol Cancer Ther": dict(primary_id="bekaii-saab-2009", label="Bekaii-Saab 2009", ref="17"),
    "Ansell 2002, Blood": dict(primary_id="ansell-2002", label="Ansell 2002", ref="18"),
    "Algazi 2020, Clin Cancer Res": dict(
        primary_id="algazi-2020",
        label="Algazi 2020",
        note="Not in the review's reference list: the figures the review cites as reference 19 come from this trial.",
    ),
    "Kim 2016, Blood (meeting abstract)": dict(primary_id="kim-2016", label="Kim 2016", ref="20"),
    "Chen 2007, Exp Hematol": dict(primary_id="chen-2007", label="Chen 2007", ref="4"),
    "Basile 2012, PLoS One": dict(primary_id="basile-2012", label="Basile 2012", ref="5"),
    "Basile 2008, J Transl Med": dict(primary_id="basile-2008", label="Basile 2008", ref="6"),
    "Gluzman-Poltorak 2014, Am J Hematol": dict(primary_id="gluzman-poltorak-2014", label="Gluzman-Poltorak 2014", ref="21"),
    "Gluzman-Poltorak 2015, Radiat Res": dict(primary_id="gluzman-poltorak-2015", label="Gluzman-Poltorak 2015", ref="22"),
}  # fmt: skip

# How each unit reads after (or around) a number; {n} is the number as printed.
UNIT_FIELDS = ["unit", "singular", "plural", "multiplicative", "dimension", "minimum", "maximum", "description"]
UNITS = [
    ("%", "{n}%", "{n}%", "", "percentage", "0", "100", "Per cent of a group."),
    ("patients", "{n} patient", "{n} patients", "", "count", "0", "", "Number of patients."),
    ("injections", "{n} injection", "{n} injections", "", "count", "0", "", "Number of injections or administrations."),
    ("cycles", "{n} cycle", "{n} cycles", "", "count", "0", "", "Number of treatment cycles."),
    ("radiation doses", "{n} radiation dose", "{n} radiation doses", "", "count", "0", "", "Number of radiation dose levels."),
    ("tumour models", "{n} tumour model", "{n} tumour models", "", "count", "0", "", "Number of tumour models."),
    ("types of trial", "{n} type of trial", "{n} types of trial", "", "count", "0", "", "Number of kinds of trial."),
    ("words", "{n} word", "{n} words", "", "count", "0", "", "Length of a text."),
    ("references", "{n} reference", "{n} references", "", "count", "0", "", "Number of references."),
    ("ng/kg", "{n} ng/kg", "{n} ng/kg", "", "dose per body weight", "0", "", "Nanograms per kilogram of body weight."),
    ("ng", "{n} ng", "{n} ng", "", "dose per animal", "0", "", "Nanograms per animal."),
    ("doses per week", "{n} time a week", "{n} times a week", "{n} a week", "frequency", "0", "", "Administrations per week."),
    ("doses per interval", "{n} time", "{n} times", "{n}", "frequency", "0", "", "Administrations per dosing interval (the interval is a claim of its own)."),
    ("h", "{n} h", "{n} h", "", "duration", "0", "", "Hours."),
    ("days", "{n} day", "{n} days", "", "duration", "0", "", "Days."),
    ("weeks", "{n} week", "{n} weeks", "", "duration", "0", "", "Weeks."),
    ("months", "{n} month", "{n} months", "", "duration", "0", "", "Months."),
    ("years", "{n} year", "{n} years", "", "duration", "0", "", "Years (of duration or of age)."),
    ("h before irradiation", "{n} h before irradiation", "{n} h before irradiation", "", "time point", "0", "", "Hours before irradiation."),
    ("h after irradiation", "{n} h after irradiation", "{n} h after irradiation", "", "time point", "0", "", "Hours after irradiation."),
    ("days after irradiation", "{n} day after irradiation", "{n} days after irradiation", "", "time point", "0", "", "Days after irradiation."),
    ("day after TSEBT start", "day {n} after the start of TSEBT", "day {n} after the start of TSEBT", "", "time point", "0", "", "Study day counted from the start of total skin electron beam therapy."),
    ("study week", "week {n}", "week {n}", "", "time point", "0", "", "Week of the study."),
    ("phase", "phase {n}", "phase {n}", "", "trial phase", "", "", "Phase of a clinical trial (roman numeral)."),
    ("stage", "stage {n}", "stage {n}", "", "disease stage", "", "", "Disease stage (roman numeral and sub-stage letter)."),
    ("Gy", "{n} Gy", "{n} Gy", "", "radiation dose", "0", "", "Gray, absorbed radiation dose."),
    ("Gy/week", "{n} Gy a week", "{n} Gy a week", "", "radiation dose rate", "0", "", "Gray per week."),
    ("cm", "{n} cm", "{n} cm", "", "length", "0", "", "Centimetres."),
    ("×10⁹/L", "{n} ×10⁹/L", "{n} ×10⁹/L", "", "cell concentration", "0", "", "Cells per litre of blood, in units of 10⁹."),
]  # fmt: skip

QUANTITY_FIELDS = ["quantity", "label", "family", "role", "description"]
QUANTITIES = [
    ("word_count", "word count", "publication", "other", "Length of the review."),
    ("reference_count", "reference count", "publication", "other", "Number of references of the review."),
    ("study_count", "number of kinds of study", "design", "other", "How many kinds of study a statement compares."),
    ("trial_phase", "trial phase", "design", "other", "Phase of a clinical trial."),
    ("cited_trial_phase", "phase of the trials cited", "design", "other", "The review's summary of the phases of the trials it cites."),
    ("group_count", "number of groups", "design", "other", "Number of groups or dose levels of an experiment."),
    ("model_count", "number of models", "design", "other", "Number of disease models of an experiment."),
    ("patients_enrolled", "patients enrolled or treated", "population", "group-size", "All patients of a study: a group size."),
    ("patients_evaluable", "evaluable patients", "population", "group-size", "Patients evaluable for the outcome: a group size."),
    ("arm_size", "patients in a group", "population", "group-size", "Patients of one arm, route or subgroup: a group size."),
    ("patients_count", "patients with a characteristic or outcome", "population", "count", "A count of patients within a group."),
    ("age", "age", "population", "other", "Age of the patients (the statistic says mean or median)."),
    ("disease_stage", "disease stage", "population", "other", "Stage of disease."),
    ("dose", "dose", "dosing", "other", "Amount of IL-12 per administration."),
    ("frequency", "dosing frequency", "dosing", "other", "Administrations per week or per interval."),
    ("dosing_interval", "dosing interval", "dosing", "other", "Time between administrations."),
    ("injection_count", "number of injections", "dosing", "other", "Number of administrations."),
    ("cycles", "treatment cycles", "dosing", "other", "Number of treatment cycles."),
    ("radiation_dose", "radiation dose", "radiation", "other", "Radiation dose or dose rate."),
    ("duration", "duration", "time", "other", "Length of treatment, study or exposure."),
    ("time_point", "time point", "time", "other", "When something was given or happened."),
    ("median_time", "median time", "time", "other", "Median time to an event."),
    ("follow_up", "follow-up or assessment time", "time", "other", "Follow-up time or assessment interval."),
    ("response_rate", "response rate", "response", "rate", "Share of patients with a tumour response of a stated kind."),
    ("survival_rate", "survival rate", "survival", "rate", "Share of animals surviving."),
    ("positive_predictive_value", "positive predictive value", "prediction", "rate", "Share of predicted deaths that occurred."),
    ("threshold", "threshold", "prediction", "other", "A cut-off value."),
]  # fmt: skip

OUTCOME_FIELDS = ["outcome", "label", "complete", "partial", "minor", "stable", "progressive", "description"]
OUTCOMES = [
    ("complete-response", "complete response", "true", "false", "false", "false", "false", "Complete response only."),
    ("partial-response", "partial response", "false", "true", "false", "false", "false", "Partial response only."),
    ("minor-response", "minor or minimal response", "false", "false", "true", "false", "false", "Minor (minimal) response only."),
    ("stable-disease", "stable disease", "false", "false", "false", "true", "false", "Stable disease only."),
    ("objective-response", "objective response", "true", "true", "false", "false", "false", "Complete plus partial responses."),
    ("disease-control", "disease control", "true", "true", "false", "true", "false", "Complete and partial responses plus stable disease (also called clinical benefit)."),
    ("no-progression", "no progression", "true", "true", "true", "true", "false", "Every category except progression."),
    ("no-response", "no response", "false", "false", "false", "true", "true", "Patients without a response."),
    ("unspecified", "unspecified benefit", "", "", "", "", "", "The words name no defined outcome (e.g. 'effective')."),
]  # fmt: skip

CLAIM_OUTCOMES = {
    "ctcl-pr-rate": "partial-response", "ctcl-mr-rate": "minor-response", "ctcl-nr-rate": "no-response",
    "ctcl-pr-count": "partial-response", "ctcl-continuous-mr": "minor-response", "ctcl-continuous-pr": "partial-response",
    "nhl-responders": "objective-response", "nhl-response-rate": "objective-response",
    "nhl-no-progression-count": "no-progression", "nhl-no-progression-rate": "no-progression",
    "nhl-iv-rate": "objective-response", "nhl-sc-rate": "objective-response",
    "her2-benefit-rate": "unspecified", "her2-cr": "complete-response", "her2-pr": "partial-response",
    "her2-sd": "stable-disease",
    "rituximab-responders": "objective-response", "rituximab-response-rate": "objective-response",
    "rituximab-cr-count": "complete-response", "rituximab-cr-rate": "complete-response",
    "rituximab-pr-count": "partial-response", "rituximab-pr-rate": "partial-response",
    "pd1-disease-control-rate": "disease-control", "pd1-cr-rate": "complete-response", "pd1-cr-count": "complete-response",
    "tsebt-cr": "complete-response", "tsebt-pr": "partial-response", "tsebt-sd": "stable-disease",
    "tsebt-response-rate": "objective-response",
}  # fmt: skip
CLAIM_STATISTICS = {
    "tsebt-mean-age": "mean",
    "ctcl-median-time-to-start": "median",
    "ctcl-median-time-to-response": "median",
    "tsebt-follow-up": "median",
}
# What the primary abstracts' figures measure (read again for the outcome-definition rule).
PRIMARY_OUTCOMES = {
    "ctcl-pr-rate": "partial-response", "ctcl-mr-rate": "minor-response", "ctcl-nr-rate": "stable-disease",
    "nhl-response-rate": "objective-response", "her2-benefit-rate": "disease-control",
    "rituximab-response-rate": "objective-response", "pd1-cr-rate": "objective-response",
    "pd1-cr-count": "objective-response",
}  # fmt: skip
PRIMARY_STATISTICS = {"tsebt-mean-age": "median", "tsebt-follow-up": "median"}
# The primary's own objective response, where the review reports a broader category.
PRIMARY_ORR = {
    "her2-benefit-rate": {"primary_orr_numerator": "5", "primary_orr_denominator": "21"},
    "nhl-no-progression-rate": {"primary_orr": "21", "primary_orr_numerator": "6", "primary_orr_denominator": "29"},
    "pd1-disease-control-rate": {"primary_orr": "41", "primary_orr_denominator": "22"},
}
PRIMARY_STATEMENTS = {
    "nhl-no-progression-rate": "The abstract gives no percentage without progression; it reports 15 patients with stable "
    "disease, and 6 of 29 patients with non-Hodgkin's lymphoma (21%) with a complete or partial response.",
    "her2-benefit-rate": "No percentage is given; the counts it gives (1 + 4 + 6 = 11 of 21 with clinical benefit) "
    "reproduce 52%, and 1 + 4 = 5 of 21 had an objective response.",
    "pd1-disease-control-rate": "The abstract gives no disease control rate; its objective response rate was 41% of 22 patients.",
}
ARM_SIZES = {"nhl-iv-count", "nhl-sc-count", "ctcl-continuous-count"}

TOPIC_FIELDS = ["topic", "label", "description"]
TOPICS = [
    ("overview", "Overview", "The review's own statements and the evidence as a whole."),
    ("single-agent", "Single-agent IL-12", "Trials of IL-12 given alone."),
    ("combination", "IL-12 in combination", "Trials of IL-12 with other treatments."),
    ("irradiated-mice", "Irradiated mice", "Hematological recovery in lethally irradiated mice."),
    ("tumour-bearing-mice", "Tumour-bearing mice", "Hematological recovery and tumour control in mice under chemoradiation."),
    ("nonhuman-primates", "Non-human primates", "Hematological recovery and survival in irradiated non-human primates."),
    ("in-vitro-mechanism", "In vitro and mechanism", "Progenitor cells in culture and the mechanism of action."),
]  # fmt: skip

VERDICT_FIELDS = ["verdict", "label", "disagrees", "description"]
VERDICTS = [
    ("match", "match", "false", "The primary abstract states the same figure for the same quantity."),
    ("mismatch", "mismatch", "true", "The primary abstract states a different figure, or the same figure for a different quantity."),
    ("misattributed", "misattributed", "true", "The figure belongs to a different study than the one the review cites."),
    ("not-in-abstract", "not in the abstract", "false", "The abstract does not state this figure; only the full paper could."),
    ("unverified", "unverified", "false", "No copy of the primary abstract could be reached."),
]  # fmt: skip

RULE_FIELDS = ["rule", "label", "description"]
RULES = [
    ("percent-vs-counts", "Percentage against its counts",
     "A stated percentage agrees with its stated counts under half-up, half-even or truncating rounding."),
    ("grim", "GRIM: percentage against its group size",
     "A percentage whose count is not stated can be reached by some whole count of its stated group size."),
    ("group-sizes", "Percentage against the study's group sizes",
     "A percentage without its own group size is tried against every group size the review states for the same study, and their sums."),
    ("study-rounding", "One rounding convention per study",
     "Some single rounding convention reproduces every percentage of a study that can be recomputed."),
    ("parts-vs-whole", "Parts against their whole",
     "Categories of one whole (response categories, stages, routes) add up to it, within rounding."),
    ("contradiction", "One value per quantity",
     "The same quantity of the same study and group is stated with one value only."),
    ("outcome-definition", "Outcome named against outcome measured",
     "The outcome a rate's words name is the outcome its counts add up to, and the one the primary abstract reports."),
    ("statistic-type", "Statistic named against the primary's",
     "A mean is called a mean and a median a median, as in the primary abstract."),
    ("textual-erratum", "Suspect terms in the text",
     "Every occurrence of a suspect term (suspect_terms.csv) in the body is reported with its sentence."),
    ("primary-percent-vs-counts", "Primary abstract's own arithmetic",
     "The primary abstract's percentages agree with its own counts."),
]  # fmt: skip


def migrate_claims():
    claims = read("claims.csv")
    new_claims, sources = [], []
    for claim in claims:
        quantity = claim["quantity"]
        if claim["claim_id"] in ARM_SIZES:
            quantity = "arm_size"
        if claim["study"] == "Li 2020" and quantity == "trial_phase":  # the phases of the trials it cites
            quantity = "cited_trial_phase"
        note = claim["note"]
        if claim["study"] == "Li 2020" and claim["cited_as"]:
            note = (note + " " if note else "") + f"The statement cites {claim['cited_as']}."
        new_claims.append(
            {
                **claim,
                "study_id": STUDY_IDS[claim["study"]],
                "quantity": quantity,
                "outcome": CLAIM_OUTCOMES.get(claim["claim_id"], ""),
                "statistic": CLAIM_STATISTICS.get(claim["claim_id"], ""),
                "note": note,
            }
        )
        for count in ("numerator", "denominator"):
            names = claim[f"{count}_source"]
            for name in names.split("+") if names else []:
                sources.append({"claim_id": claim["claim_id"], "count": count, "source_claim_id": name})
    fields = [
        "claim_id", "study_id", "arm", "quantity", "outcome", "statistic", "value_as_printed", "value", "unit",
        "numerator", "denominator", "part_of", "partition", "quote", "note",
    ]  # fmt: skip
    write("claims.csv", fields, new_claims)
    write("count_sources.csv", ["claim_id", "count", "source_claim_id"], sources)


def migrate_primary_sources():
    rows = read("primary_sources.csv")
    studies = {}
    for row in rows:
        study = studies.setdefault(row["primary_study"], {**PRIMARY_STUDIES[row["primary_study"]]})
        study["citation"] = row["primary_study"]
        if row["source"]:
            study.setdefault("read_at", row["source"])
            assert study["read_at"] == row["source"], row
        row["primary_id"] = study["primary_id"]
        row["primary_outcome"] = PRIMARY_OUTCOMES.get(row["claim_id"], "")
        row["primary_statistic"] = PRIMARY_STATISTICS.get(row["claim_id"], "")
        row.update(PRIMARY_ORR.get(row["claim_id"], {}))
        row["primary_statement"] = PRIMARY_STATEMENTS.get(row["claim_id"], row["primary_statement"])
        if row["primary_unit"] == "day":  # the units vocabulary names this time point precisely
            row["primary_unit"] = "day after TSEBT start"
    references = {row["ref"]: row for row in read("references.csv")}
    for study in studies.values():
        reference = references.get(study.get("ref", ""))
        if reference:
            study["doi"], study["pmid"] = reference["doi"], reference["pmid"]
    write("primary_studies.csv", PRIMARY_FIELDS, sorted(studies.values(), key=lambda s: int(s.get("ref") or 99)))
    fields = [
        "claim_id", "primary_id", "primary_value", "primary_unit", "primary_numerator", "primary_denominator",
        "primary_outcome", "primary_statistic", "primary_orr", "primary_orr_numerator", "primary_orr_denominator",
        "primary_statement", "location", "verdict", "note",
    ]  # fmt: skip
    write("primary_sources.csv", fields, rows)


NEW_FINDINGS = [
    ("group-sizes", "nhl-iv-rate",
     "The review gives 40% for the 11 patients who received IL-12 intravenously, but no whole number of 11 "
     "patients is 40% (4 of 11 is 36%, 5 of 11 is 45%). The only group size the review states that gives 40% is "
     "all 42 treated patients (17 of 42), which cannot be right when only 6 of 29 evaluable patients responded. "
     "Either fewer intravenous patients were evaluable than the review says, or the sentence means something else: "
     "it can also be read as a partial-response rate of 40% and a complete-response rate of 7%."),
    ("group-sizes", "nhl-sc-rate",
     "The review gives 7% for the 31 patients who received IL-12 subcutaneously, but no whole number of 31 "
     "patients is 7% (2 of 31 is 6.5%, which rounds to 6%). 7% fits 3 of all 42 treated or 2 of the 29 evaluable "
     "patients, so the review's denominator for this figure is not the group it names."),
    ("study-rounding", "ansell-2002",
     "The rituximab trial's percentages cannot all come from one rounding rule: 25% for 11 of 43 needs the "
     "decimals cut off (25.6%), while 42% for 18 of 43 needs rounding (41.9%). A careful report rounds every "
     "percentage the same way, so at least one of them was computed differently, or from other counts."),
    ("parts-vs-whole", "ctcl-enrolled/response",
     "The three response categories of the CTCL trial (43% partial, 30% minimal, 22% no response) add up to 95% "
     "of the 23 patients, so about one patient is in none of them; each percentage is right for its own count "
     "(10, 7 and 5 of 23), and the review does not say what happened to the 23rd patient."),
    ("parts-vs-whole", "rituximab-response-rate/response",
     "Complete (25%) and partial (42%) responses add up to 67%, not the 69% overall response the review states. "
     "The counts agree (11 + 18 = 29): it is the total, 69%, that is out of line with its parts, because 29 of "
     "43 is 67.4%."),
    ("outcome-definition", "ctcl-nr-rate",
     "The review calls these 22% 'no response'; the primary abstract reports the same 5 of 23 patients as "
     "stable disease. Stable disease is not a response, but it is not progression either: the review's wording "
     "makes the trial look worse than its source reports."),
    ("outcome-definition", "her2-benefit-rate",
     "The review says the combination 'was effective in 52%', but those 11 of 21 patients include 6 with stable "
     "disease: 52% is a disease-control (clinical-benefit) rate. Only 5 of 21 patients (24%) had a complete or "
     "partial response, the objective response rate readers usually expect."),
    ("outcome-definition", "pd1-cr-rate",
     "The review reports 41% as the complete-response rate, but in the trial the figures come from (Algazi et al. "
     "2020) 41% is the objective response rate, complete and partial responses together; complete responses "
     "were 36%."),
    ("outcome-definition", "pd1-cr-count",
     "The 9 of 22 patients the review counts as complete responses are the trial's objective responders "
     "(complete or partial); the primary abstract gives 36% complete responses, about 8 of 22."),
    ("statistic-type", "tsebt-mean-age",
     "The review calls 55 years the average age; the primary abstract gives 55 as the median age. With 6 "
     "patients a median and a mean can differ by years."),
]  # fmt: skip
DROPPED_FINDINGS = {("parts-vs-whole", s) for s in ("ctcl-pr-rate", "ctcl-mr-rate", "ctcl-nr-rate", "rituximab-cr-rate", "rituximab-pr-rate")}


def migrate_findings():
    rows = read("findings.csv")
    text = (DATA / "source" / "review.txt").read_text(encoding="utf-8")
    body_start = text.index("Interleukin-12 (IL-12), a heterodimeric")
    out = []
    for row in rows:
        if row["rule"] == "textual-erratum":
            # subject: the term and its occurrence number in the body (1-based, text order)
            term = "INF- γ" if "INF- γ" in row["fragment"] else "IL-2"
            position = text.index(row["fragment"], body_start) + row["fragment"].index(term)
            occurrences = [m.start() for m in re.finditer(rf"(?<![\w-]){re.escape(term)}(?![\w])", text[body_start:])]
            subject = f"{term}#{occurrences.index(position - body_start) + 1}"
        else:
            subject = row["claim_id"]
        if (row["rule"], subject) not in DROPPED_FINDINGS:
            out.append({"rule": row["rule"], "subject": subject, "explanation": row["explanation"]})
    out += [{"rule": rule, "subject": subject, "explanation": text} for rule, subject, text in NEW_FINDINGS]
    write("findings.csv", ["rule", "subject", "explanation"], out)


def main():
    write("studies.csv", STUDY_FIELDS, STUDIES)
    write("units.csv", UNIT_FIELDS, [dict(zip(UNIT_FIELDS, unit, strict=True)) for unit in UNITS])
    write("quantities.csv", QUANTITY_FIELDS, [dict(zip(QUANTITY_FIELDS, q, strict=True)) for q in QUANTITIES])
    write("outcomes.csv", OUTCOME_FIELDS, [dict(zip(OUTCOME_FIELDS, o, strict=True)) for o in OUTCOMES])
    write("topics.csv", TOPIC_FIELDS, [dict(zip(TOPIC_FIELDS, t, strict=True)) for t in TOPICS])
    write("verdicts.csv", VERDICT_FIELDS, [dict(zip(VERDICT_FIELDS, v, strict=True)) for v in VERDICTS])
    write("rules.csv", RULE_FIELDS, [dict(zip(RULE_FIELDS, r, strict=True)) for r in RULES])
    parameters = read("parameters.csv") + [
        {"parameter": "confidence_level", "value": "0.95",
         "description": "Confidence level of every interval the site shows (Wilson score interval)."},
        {"parameter": "smallest_groups_listed", "value": "3",
         "description": "How many of the smallest group sizes that give a percentage the audit lists when the review states none."},
        {"parameter": "largest_group_searched", "value": "1000",
         "description": "The largest group size the audit tries when it looks for those smallest groups."},
        {"parameter": "nearby_counts", "value": "3",
         "description": "How far (in counts, or in group size) the audit looks for the figures that would give an inconsistent percentage."},
    ]  # fmt: skip
    write("parameters.csv", ["parameter", "value", "unit", "description"], parameters)
    migrate_claims()
    migrate_primary_sources()
    migrate_findings()


if __name__ == "__main__":
    main()


# --- the v2 descriptor ------------------------------------------------------------------------
ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"


def field(name, type_, description, **constraints):
    spec = {"name": name, "type": type_, "description": description}
    if constraints:
        spec["constraints"] = constraints
    return spec


def table(name, path, title, description, fields, primary_key, foreign_keys=()):
    schema = {"fields": fields, "primaryKey": primary_key}
    if foreign_keys:
        schema["foreignKeys"] = [
            {"fields": [local], "reference": {"resource": resource, "fields": [remote]}}
            for local, resource, remote in foreign_keys
        ]
    return {
        "name": name,
        "type": "table",
        "path": path,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "title": title,
        "description": description,
        "schema": schema,
    }


def descriptor(old):
    old_fields = {
        (r["name"], f["name"]): f for r in old["resources"] if "schema" in r for f in r["schema"]["fields"]
    }

    def keep(resource, name, **changes):
        spec = {key: value for key, value in old_fields[(resource, name)].items() if key != "unit"}
        spec.update(changes)
        return spec

    source = next(r for r in old["resources"] if r["name"] == "source-text")
    resources = [
        table(
            "claims", "claims.csv", "Every number the review states",
            "A row for each quantitative statement of the review, from the abstract through the Concluding "
            "Remarks, with the verbatim quote that states it. Study-level facts are in studies.csv.",
            [
                keep("claims", "claim_id"),
                field("study_id", "string", "The study the number belongs to (studies.csv).", required=True),
                keep("claims", "arm"),
                field("quantity", "string", "What the number measures (quantities.csv).", required=True),
                field("outcome", "string", "For response counts and rates: the outcome the review's words name (outcomes.csv)."),
                field("statistic", "string", "For summaries of a distribution: the statistic the review's words name.",
                      enum=["mean", "median"]),
                keep("claims", "value_as_printed", constraints={"required": True, "minLength": 1, "maxLength": 40}),
                keep("claims", "value"),
                field("unit", "string", "Unit of value (units.csv says how it reads after a number).", required=True),
                field("numerator", "integer", "Count of subjects with the outcome, where the text states or clearly "
                      "implies it; count_sources.csv names the claims it equals (their sum).", minimum=0),
                field("denominator", "integer", "Size of the group the number refers to, where the text states or "
                      "clearly implies it; count_sources.csv names the claims it equals.", minimum=1),
                keep("claims", "part_of"),
                keep("claims", "partition"),
                keep("claims", "quote"),
                keep("claims", "note"),
            ],
            ["claim_id"],
            [("study_id", "studies", "study_id"), ("quantity", "quantities", "quantity"),
             ("outcome", "outcomes", "outcome"), ("unit", "units", "unit"), ("part_of", "claims", "claim_id")],
        ),
        table(
            "count-sources", "count_sources.csv", "Which claims each count equals",
            "A claim's numerator or denominator equals the value of the claim named here, or the sum of the "
            "values of all claims named for it; validate checks the sum.",
            [
                field("claim_id", "string", "The claim whose count is sourced.", required=True),
                field("count", "string", "Which count.", required=True, enum=["numerator", "denominator"]),
                field("source_claim_id", "string", "A claim whose value is (part of) the count.", required=True),
            ],
            ["claim_id", "count", "source_claim_id"],
            [("claim_id", "claims", "claim_id"), ("source_claim_id", "claims", "claim_id")],
        ),
        table(
            "studies", "studies.csv", "The studies the review reports",
            "One row per study whose results the review reports, with what the review says about it; the quote "
            "and phase_quote are verbatim fragments of the source text (the review's body or its reference list).",
            [
                field("study_id", "string", "Stable identifier: first author and year.", required=True, unique=True, pattern=ID),
                field("label", "string", "First author and year, as shown on the site.", required=True),
                field("ref", "integer", "The review's reference number for the study; empty for the review itself.", minimum=1),
                field("topic", "string", "The site page the study belongs to (topics.csv).", required=True),
                field("design", "string", "Kind of study.", required=True,
                      enum=["clinical trial", "clinical study", "animal experiment", "in vitro experiment", "narrative review"]),
                field("phase", "string", "Trial phase as printed, where the review or the reference's title states it."),
                field("phase_source", "string", "Where the phase is printed.", enum=["review", "reference title"]),
                field("phase_quote", "string", "Verbatim fragment of the source text that prints the phase."),
                field("setting", "string", "Kind of evidence.", required=True, enum=["clinical", "animal", "in vitro", "review"]),
                field("species", "string", "Species studied (of the cells, in vitro); empty for the review itself."),
                field("condition", "string", "Disease, exposure or cells studied.", required=True),
                field("intervention", "string", "Treatment given.", required=True),
                field("quote", "string", "Verbatim fragment of the source text that introduces the study.", required=True, minLength=1),
                field("note", "string", "Where setting, species or phase come from, where that needed a judgement."),
            ],
            ["study_id"],
            [("ref", "references", "ref"), ("topic", "topics", "topic")],
        ),
        table(
            "references", "references.csv", "The review's reference list",
            "All references of the review, parsed from its reference list; entry keeps the printed text verbatim.",
            [keep("references", name) for name in ("ref", "authors", "title", "journal", "year", "volume", "pages")]
            + [
                field("doi", "string", "DOI, only where seen in a record of the paper; never guessed.",
                      pattern=r"^10\.\d{4,9}/\S+$"),
                field("pmid", "integer", "PubMed identifier, only where seen; never guessed.", minimum=1),
                keep("references", "entry"),
            ],
            ["ref"],
        ),
        table(
            "primary-studies", "primary_studies.csv", "The primary records read",
            "Each primary study whose abstract was compared with the review: the cited reference, or the study the "
            "figures really come from when the review misattributes them.",
            [
                field("primary_id", "string", "Stable identifier: first author and year.", required=True, unique=True, pattern=ID),
                field("label", "string", "First author and year.", required=True),
                field("citation", "string", "First author, year and journal.", required=True),
                field("ref", "integer", "The review's reference number, when the study is in its list.", minimum=1),
                field("doi", "string", "DOI, only where seen; never guessed.", pattern=r"^10\.\d{4,9}/\S+$"),
                field("pmid", "integer", "PubMed identifier, only where seen; never guessed.", minimum=1),
                field("read_at", "string", "Address of the stored copy of the abstract that was read; empty when none "
                      "was reachable. Provenance only: the site links the DOI or PubMed record.", pattern=r"^https?://\S+$"),
                field("note", "string", "Why this record, where that needs saying."),
            ],
            ["primary_id"],
            [("ref", "references", "ref")],
        ),
        table(
            "primary-sources", "primary_sources.csv", "The review's numbers against the primary abstracts",
            "A row for each claim of a study whose numbers the review reports: what the primary abstract states (in "
            "our words, with its figures), what it measures, and a verdict.",
            [
                field("claim_id", "string", "The review's claim this row checks.", required=True, unique=True),
                field("primary_id", "string", "The primary study the number comes from (primary_studies.csv).", required=True),
                keep("primary-sources", "primary_value", constraints={"maxLength": 40}),
                field("primary_unit", "string", "Unit of primary_value (units.csv)."),
                keep("primary-sources", "primary_numerator"),
                keep("primary-sources", "primary_denominator"),
                field("primary_outcome", "string", "The outcome the primary's figure measures (outcomes.csv)."),
                field("primary_statistic", "string", "The statistic the primary reports.", enum=["mean", "median"]),
                field("primary_orr", "string", "The primary's own objective response rate as printed (per cent), where "
                      "the review reports a broader or different category.", maxLength=40),
                field("primary_orr_numerator", "integer", "Patients with an objective response, where the primary states it.", minimum=0),
                field("primary_orr_denominator", "integer", "Patients the objective response rate is of.", minimum=1),
                keep("primary-sources", "primary_statement"),
                keep("primary-sources", "location"),
                field("verdict", "string", "How the review's number compares with the primary source (verdicts.csv).", required=True),
                keep("primary-sources", "note"),
            ],
            ["claim_id"],
            [("claim_id", "claims", "claim_id"), ("primary_id", "primary-studies", "primary_id"),
             ("primary_unit", "units", "unit"), ("primary_outcome", "outcomes", "outcome"),
             ("verdict", "verdicts", "verdict")],
        ),
        table(
            "findings", "findings.csv", "Explanations of the audit's findings",
            "A human explanation for each problem the audit rules find. The rules decide what is a finding; this "
            "file only explains it. validate fails on an unexplained finding and on an explanation whose finding "
            "the rules no longer produce.",
            [
                field("rule", "string", "The audit rule that produced the finding (rules.csv).", required=True),
                field("subject", "string", "What the finding is about: a claim_id, a study_id, a set of claims "
                      "(whole/partition or claims joined by +), or a suspect term and its occurrence (term#n).",
                      required=True),
                keep("findings", "explanation"),
            ],
            ["rule", "subject"],
            [("rule", "rules", "rule")],
        ),
        table(
            "units", "units.csv", "Units and how they read",
            "The vocabulary of units: how a number reads with its unit ({n} is the number as printed), singular "
            "for one, plural otherwise, and the form for multiplicative words such as once or twice; the range "
            "of values the unit admits.",
            [
                field("unit", "string", "The unit as used in claims.csv.", required=True, unique=True),
                field("singular", "string", "How one reads, with {n} for the number.", required=True, pattern=r".*\{n\}.*"),
                field("plural", "string", "How other numbers read, with {n}.", required=True, pattern=r".*\{n\}.*"),
                field("multiplicative", "string", "How a multiplicative word (once, twice) reads, with {n}.", pattern=r".*\{n\}.*"),
                field("dimension", "string", "What kind of quantity the unit measures.", required=True),
                field("minimum", "number", "Smallest value the unit admits."),
                field("maximum", "number", "Largest value the unit admits."),
                field("description", "string", "What the unit is.", required=True),
            ],
            ["unit"],
        ),
        table(
            "quantities", "quantities.csv", "What numbers measure",
            "The vocabulary of the quantity column: a reader's label, the family of outcomes it belongs to, and its "
            "role in the audit (group sizes are tried as denominators of percentages without one).",
            [
                field("quantity", "string", "The quantity as used in claims.csv.", required=True, unique=True, pattern=r"^[a-z_]+$"),
                field("label", "string", "Reader's label.", required=True),
                field("family", "string", "Family of quantities, for the evidence figures.", required=True),
                field("role", "string", "Role in the audit.", required=True, enum=["group-size", "count", "rate", "other"]),
                field("description", "string", "What it measures.", required=True),
            ],
            ["quantity"],
        ),
        table(
            "outcomes", "outcomes.csv", "Response outcomes and what they count",
            "The vocabulary of response outcomes, each defined by the response categories it counts; outcome-"
            "definition compares these sets. An outcome with no categories names no defined outcome.",
            [field("outcome", "string", "The outcome as used in claims.csv and primary_sources.csv.", required=True, unique=True, pattern=ID),
             field("label", "string", "Reader's label.", required=True)]
            + [field(name, "boolean", f"Counts patients with {name} {'disease' if name in ('stable', 'progressive') else 'response'}.")
               for name in ("complete", "partial", "minor", "stable", "progressive")]
            + [field("description", "string", "What it counts.", required=True)],
            ["outcome"],
        ),
        table(
            "topics", "topics.csv", "Site sections",
            "The site's topic pages; every study belongs to one.",
            [field("topic", "string", "Identifier.", required=True, unique=True, pattern=ID),
             field("label", "string", "Title of the page.", required=True),
             field("description", "string", "What the page covers.", required=True)],
            ["topic"],
        ),
        table(
            "verdicts", "verdicts.csv", "Verdicts of the primary-source comparison",
            "How a number of the review compares with the primary abstract; disagrees marks the verdicts shown with "
            "≠ beside the number.",
            [field("verdict", "string", "Identifier.", required=True, unique=True, pattern=ID),
             field("label", "string", "Reader's label.", required=True),
             field("disagrees", "boolean", "True when the primary source disagrees with the review.", required=True),
             field("description", "string", "What it means.", required=True)],
            ["verdict"],
        ),
        table(
            "rules", "rules.csv", "Audit rules",
            "The audit's rules, with a reader's label and what each checks; the engine implements one function per "
            "rule and validate fails when this list and the engine disagree.",
            [field("rule", "string", "Identifier.", required=True, unique=True, pattern=ID),
             field("label", "string", "Reader's label.", required=True),
             field("description", "string", "What it checks.", required=True)],
            ["rule"],
        ),
    ]
    for resource in old["resources"]:
        if resource["name"] in ("regimens", "parameters", "suspect-terms"):
            new = {key: value for key, value in resource.items() if key != "profile"}
            new["type"] = "table"
            for spec in new["schema"]["fields"]:
                spec.pop("unit", None)
            if resource["name"] == "suspect-terms":
                new["schema"]["primaryKey"] = ["term"]
            resources.append(new)
    text = source
    resources.append(
        {
            "name": "source-text",
            "type": "file",
            "path": text["path"],
            "format": "txt",
            "mediatype": "text/plain",
            "encoding": "utf-8",
            "title": text["title"],
            "description": text["description"],
            "licenses": text["licenses"],
            "x-body-start": text["x-body-start"],
            "x-body-end": text["x-body-end"],
            "x-not-numbers": text["x-not-numbers"],
        }
    )
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": old["name"],
        "title": old["title"],
        "description": old["description"],
        "version": "2.0.0",
        "created": "2026-11-27T00:00:00Z",
        "keywords": ["interleukin-12", "evidence", "narrative review", "reproducibility", "provenance", "audit"],
        "contributors": [{"title": "IL-12 Evidence contributors", "roles": ["creator"]}],
        "licenses": old["licenses"],
        "sources": old["sources"],
        "resources": resources,
    }


def write_descriptor():
    import hashlib
    import json

    path = DATA / "datapackage.json"
    package = descriptor(json.loads(path.read_text(encoding="utf-8")))
    text = package["resources"][-1]
    raw = (DATA / text["path"]).read_bytes()
    text["bytes"] = len(raw)
    text["hash"] = "sha256:" + hashlib.sha256(raw).hexdigest()
    path.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write_descriptor()
