"""Doses per administration and per week, and human-equivalent doses (FDA body-surface-area method).

Pure functions of the regimens table, the claims it names and the assumed parameters.
"""

from dataclasses import dataclass

PER_ANIMAL, PER_KG = "dose per animal", "dose per body weight"


def regimen_problems(dataset) -> list[tuple[dict, str, str]]:
    """(row, column, message) for regimens the conversion cannot use; validation reports them."""
    found = []
    for row in dataset.rows("regimens"):
        claim = dataset.claims_by_id.get(row["dose_claim"])
        if claim is not None and dataset.units[claim["unit"]]["dimension"] not in (PER_ANIMAL, PER_KG):
            found.append(
                (row, "dose_claim", f"{row['dose_claim']} is in {claim['unit']}, not a dose per animal or per kilogram")
            )
        if row.get("interval_weeks_claim") and not row.get("doses_per_interval_claim"):
            found.append(
                (row, "doses_per_interval_claim", "an interval schedule needs the number of doses per interval")
            )
        if row.get("doses_per_interval_claim") and not row.get("interval_weeks_claim"):
            found.append((row, "interval_weeks_claim", "doses per interval need the interval they are given in"))
        for name in (f"{row['species']}_body_weight", "human_body_weight", "bsa_exponent"):
            if row["species"] != "human" and name not in dataset.parameters:
                found.append((row, "species", f"converting a {row['species']} dose needs the parameter {name}"))
    return found


@dataclass(frozen=True)
class Regimen:
    regimen: str
    label: str
    species: str
    per_dose: float  # ng/kg, human-equivalent for animal doses
    per_week: float | None  # ng/kg per week; None when the schedule is not weekly
    converted: bool  # True when per_dose is a human-equivalent dose
    claim_ids: tuple[str, ...]


def human_equivalent_dose(dose_per_kg: float, animal_weight: float, human_weight: float, exponent: float) -> float:
    """HED = animal dose × (animal weight / human weight) ** exponent (FDA BSA method; exponent 0.33)."""
    return dose_per_kg * (animal_weight / human_weight) ** exponent


def regimens(dataset) -> list[Regimen]:
    claims = dataset.claims_by_id
    parameters = {row["parameter"]: float(row["value"]) for row in dataset.tables.get("parameters", [])}
    result = []
    for row in dataset.tables.get("regimens", []):
        dose_claim = claims[row["dose_claim"]]
        dose = float(dose_claim["value"])
        if dataset.units[dose_claim["unit"]]["dimension"] == PER_ANIMAL:  # per kilogram of the assumed body weight
            dose /= parameters[f"{row['species']}_body_weight"]
        converted = row["species"] != "human"
        if converted:
            dose = human_equivalent_dose(
                dose,
                parameters[f"{row['species']}_body_weight"],
                parameters["human_body_weight"],
                parameters["bsa_exponent"],
            )
        per_week = None
        used = [row["dose_claim"]]
        if row["doses_per_week_claim"]:
            per_week = dose * float(claims[row["doses_per_week_claim"]]["value"])
            used.append(row["doses_per_week_claim"])
        elif row["interval_weeks_claim"]:  # doses per interval over weeks per interval
            doses = float(claims[row["doses_per_interval_claim"]]["value"])
            per_week = dose * doses / float(claims[row["interval_weeks_claim"]]["value"])
            used += [row["doses_per_interval_claim"], row["interval_weeks_claim"]]
        result.append(Regimen(row["regimen"], row["label"], row["species"], dose, per_week, converted, tuple(used)))
    return result
