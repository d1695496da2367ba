"""The built pages say what the data says: marks, ≠, readings, prose, notes, figures and counts.

Every expectation is recomputed from data/ (tests/site/expected.py), never read from the
committed notebooks: a rendering bug that `make notebooks` freezes into the outputs still fails
here.
"""

import csv
import io
import posixpath
import re
from collections import Counter

import pytest
from bs4 import BeautifulSoup
from expected import by, disagreeing, expected_marks, forest_row, plural_words, readings, table

MARK_LABELS = {"✓": "checked", "≈": "holds only if truncated", "✗": "inconsistent", "·": "not checkable"}


@pytest.fixture(scope="module")
def pages(site) -> dict[str, BeautifulSoup]:
    """Every built page's article, by its URL path."""
    found = {}
    for path in sorted(site.rglob("index.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        article = soup.find("article")
        if article is not None:
            found[path.parent.relative_to(site).as_posix()] = article
    assert len(found) >= 15
    return found


def _numbers(pages):
    for url, article in pages.items():
        for element in article.select("[data-claim]"):
            yield url, element


def test_numbers_are_shown_on_the_pages(pages):
    shown = {element["data-claim"] for _, element in _numbers(pages)}
    assert shown == set(by("claims.csv", "claim_id")), "every claim is shown at least once (in the explorer)"


def test_every_number_carries_the_mark_its_findings_give(pages):
    wrong = []
    for url, element in _numbers(pages):
        marks = element.select(".mark")
        symbols = [mark.get_text() for mark in marks]
        expected = expected_marks()[element["data-claim"]]
        if (
            symbols != [expected]
            or marks[0].get("aria-label") != MARK_LABELS[expected]
            or marks[0].get("role") != "img"
        ):
            wrong.append((url, element["data-claim"], symbols, expected))
    assert wrong == []


def test_every_disagreeing_number_shows_not_equal_wherever_it_is_shown(pages):
    wrong = []
    for url, element in _numbers(pages):
        signs = element.select("a.disagrees")
        should = element["data-claim"] in disagreeing()
        if should != bool(signs) or (
            signs and (signs[0].get_text() != "≠" or "disagrees" not in signs[0].get("aria-label", ""))
        ):
            wrong.append((url, element["data-claim"], should))
        if signs and not signs[0]["href"].endswith(f"09_primary_sources/#p-{element['data-claim']}"):
            wrong.append((url, element["data-claim"], signs[0]["href"]))
    assert wrong == []
    assert disagreeing(), "the data has disagreeing claims, so this test checks something"


def test_each_number_reads_as_its_value_with_its_unit(pages):
    wrong = [
        (url, element["data-claim"], element.select_one("a.claim-link").get_text())
        for url, element in _numbers(pages)
        if element.select_one("a.claim-link").get_text() not in readings(element["data-claim"])
    ]
    assert wrong == []


def _prose(article) -> list[str]:
    """The paragraphs and list items of a page as a reader reads them (marks included)."""
    return [
        " ".join(node.get_text(" ").split())
        for node in article.select("p.narrative, ul.answers > li, ul.claim-notes > li")
    ]


def test_prose_has_no_garbled_phrases(pages):
    """The failure classes seen before: doubled words and units, '1 patients', raw LaTeX,
    a capitalised number word mid-sentence."""
    plurals = plural_words()
    one_plural = re.compile(r"(?<![\d.])1 (" + "|".join(map(re.escape, plurals)) + r")\b")
    doubled = re.compile(r"\b(\w{2,})\W+\1\b", re.IGNORECASE)
    latex = re.compile(r"\\[a-z]+|\$[^$]+\$|\^\{?\d")
    found = []
    for url, article in pages.items():
        for text in _prose(article):
            cleaned = re.sub(r"[✓≈✗·≠]", " ", text)
            for pattern in (one_plural, doubled, latex):
                if match := pattern.search(cleaned):
                    found.append((url, match.group(), text[:120]))
    assert found == []


def test_number_words_are_capitalised_only_at_a_sentence_start(pages):
    wrong = []
    for url, element in _numbers(pages):
        text = element.select_one("a.claim-link").get_text()
        first = text.split()[0]
        if not first[:1].isupper() or not first.isalpha() or first.isupper():
            continue  # digits, lower case, or a numeral such as II
        before = "".join(str(s) for s in element.find_all_previous(string=True, limit=3)[::-1]).rstrip()
        if not (before == "" or before.endswith((".", "!", "?", ":")) or element.find_parent("td")):
            wrong.append((url, element["data-claim"], before[-30:] + " | " + text))
    assert wrong == []


def test_no_unit_is_doubled_around_a_number(pages):
    """'phase II phase', 'week 4 study week', 'twice a week a week': the word after a number is not
    the last word of its own reading, and the word before it is not its first."""
    wrong = []
    for url, element in _numbers(pages):
        words = element.select_one("a.claim-link").get_text().split()
        if len(words) < 2:
            continue
        after = element.next_sibling if isinstance(element.next_sibling, str) else ""
        before = element.previous_sibling if isinstance(element.previous_sibling, str) else ""
        next_word = (after.split() or [""])[0].strip(".,;:()")
        previous_word = (before.split() or [""])[-1].strip(".,;:()")
        if next_word.lower() == words[-1].lower() or previous_word.lower() == words[0].lower():
            wrong.append((url, element["data-claim"], f"{previous_word} [{' '.join(words)}] {next_word}"))
    assert wrong == []


def test_a_topic_page_says_in_a_sentence_where_the_cited_study_disagrees(pages):
    """Every disagreeing number shown in a topic page's prose has a note beside it saying what the
    primary says, with a link to the comparison."""
    missing = []
    for url, article in pages.items():
        for paragraph in article.select("p.narrative"):
            notes = paragraph.find_next_sibling("ul", class_="claim-notes")
            for element in paragraph.select("[data-claim]"):
                claim_id = element["data-claim"]
                if claim_id in disagreeing():
                    note = notes.select_one(f'li[data-disagrees="{claim_id}"]') if notes else None
                    primary = by("primary_sources.csv", "claim_id")[claim_id]["primary_statement"]
                    if (
                        note is None
                        or primary not in note.get_text()
                        or note.select_one(f'a[href$="#p-{claim_id}"]') is None
                    ):
                        missing.append((url, claim_id))
    assert missing == []


def test_problems_of_a_set_are_noted_where_its_numbers_are(pages):
    """A finding about a set (parts against a group) carries ✗ in a note next to the paragraph that
    shows its numbers, and on the audit page, never as ✗ on each correct part."""
    from expected import audit

    sets = [f for f in audit().problems if f.kind == "set" and f.mark == "failed" and not f.marks]
    assert sets, "the data has a failing set, so this test checks something"
    missing = []
    for finding in sets:
        audit_row = pages["notebooks/08_evidence_audit"].select_one(f"tr#{finding.anchor}")
        if audit_row is None:
            missing.append(("audit", finding.anchor))
        for url, article in pages.items():
            for paragraph in article.select("p.narrative"):
                shown = {e["data-claim"] for e in paragraph.select("[data-claim]")}
                if len(shown & set(finding.claims)) >= 2:
                    notes = paragraph.find_next_sibling("ul", class_="claim-notes")
                    note = notes.select_one(f'li[data-finding="{finding.anchor}"]') if notes else None
                    if note is None or "✗" not in note.get_text():
                        missing.append((url, finding.anchor))
    assert missing == []


def test_every_in_site_fragment_link_resolves_in_static_html(site, pages):
    """No anchor needs JavaScript: every #fragment of an in-site link is an id in the built HTML."""
    ids = {url: {tag["id"] for tag in article.find_all(id=True)} for url, article in pages.items()}
    broken = []
    for url, article in pages.items():
        for link in article.select("a[href*='#']"):
            href = link["href"]
            if href.startswith(("http://", "https://")):
                continue
            path, _, fragment = href.partition("#")
            target = posixpath.normpath(posixpath.join(url, path)) if path else url
            page_ids = ids.get(target)
            if page_ids is None or fragment not in page_ids:
                broken.append((url, href))
    assert broken == []


def _figures(site, pages):
    for url, article in pages.items():
        for figure in article.select("figure.evidence-figure"):
            link = figure.select_one("a.figure-csv")
            assert link is not None, (url, figure.get("data-figure"))
            rows = list(csv.DictReader(io.StringIO((site / url / link["href"]).resolve().read_text(encoding="utf-8"))))
            yield url, figure, rows


def test_every_figure_ships_the_data_it_draws_and_says_it_in_its_alt_text(site, pages):
    seen = Counter()
    for url, figure, rows in _figures(site, pages):
        seen[figure["data-figure"]] += 1
        alt = figure.select_one("img")["alt"]
        assert rows and len(alt) > 40, (url, figure["data-figure"])
        for row in rows:
            for key in ("stated_percent", "recomputed_percent", "events"):
                if row.get(key):
                    assert row[key] in alt, (url, figure["data-figure"], key, row[key])
    assert {"forest", "stated-rates", "grouped-rates", "references-by-year", "dosing", "evidence-matrix"} <= set(seen)


def test_forest_plots_draw_the_rates_recomputed_from_the_data(site, pages):
    checked = 0
    for url, figure, rows in _figures(site, pages):
        if figure["data-figure"] != "forest":
            continue
        for row in rows:
            expected = forest_row(row["claim_id"])
            assert {key: row.get(key, "") for key in expected} == expected, (url, row["claim_id"])
            checked += 1
    assert checked >= 10


def test_bar_figures_draw_the_stated_percentages(site, pages):
    claims = by("claims.csv", "claim_id")
    checked = 0
    for _, figure, rows in _figures(site, pages):
        if figure["data-figure"] in ("stated-rates", "grouped-rates"):
            for row in rows:
                assert row["stated_percent"] == claims[row["claim_id"]]["value_as_printed"]
                checked += 1
    assert checked >= 8


def test_references_by_year_counts_the_reference_list(site, pages):
    years = Counter(row["year"] for row in table("references.csv"))
    for _, figure, rows in _figures(site, pages):
        if figure["data-figure"] == "references-by-year":
            drawn = {row["year"]: int(row["references"]) for row in rows if int(row["references"])}
            assert drawn == dict(years)


def test_dosing_figure_converts_doses_with_the_parameters(site, pages):
    claims = by("claims.csv", "claim_id")
    units = by("units.csv", "unit")
    parameters = {name: float(row["value"]) for name, row in by("parameters.csv", "parameter").items()}
    for _, figure, rows in _figures(site, pages):
        if figure["data-figure"] != "dosing":
            continue
        for row in rows:
            regimen = by("regimens.csv", "regimen")[row["regimen"]]
            dose_claim = claims[regimen["dose_claim"]]
            dose = float(dose_claim["value"])
            if units[dose_claim["unit"]]["dimension"] == "dose per animal":
                dose /= parameters[f"{regimen['species']}_body_weight"]
            if regimen["species"] != "human":
                dose *= (
                    parameters[f"{regimen['species']}_body_weight"] / parameters["human_body_weight"]
                ) ** parameters["bsa_exponent"]
            assert row["ng_per_kg_per_dose"] == f"{dose:.1f}", row


def test_verdict_counts_on_the_primary_page_equal_the_data(pages):
    verdicts = Counter(row["verdict"] for row in table("primary_sources.csv"))
    labels = {row["label"]: row["verdict"] for row in table("verdicts.csv")}
    article = pages["notebooks/09_primary_sources"]
    caption = article.find("figcaption", string=re.compile("by verdict"))
    shown = {}
    for row in caption.find_parent("figure").select("tbody tr"):
        cells = [td.get_text(strip=True) for td in row.find_all("td")]
        shown[labels[cells[0]]] = int(cells[-1])
    assert shown == dict(verdicts)


def test_home_counts_problems_and_disagreements_from_the_data(pages):
    from expected import audit

    text = " ".join(pages["."].get_text(" ").split())
    problems = [f for f in audit().problems if f.kind in ("claim", "set", "study")]
    assert f"find {len(problems)} problems" in text
    assert f"disagree with {len(disagreeing())} of its numbers" in text
    listed = pages["."].select("ul.answers li[data-finding]")
    assert {li["data-finding"] for li in listed} == {f.anchor for f in problems}


def _record(row: dict) -> str:
    """The link a reader should get for a paper: DOI, else PubMed, else PubMed Central."""
    if row["doi"]:
        return f"https://doi.org/{row['doi']}"
    if row["pmid"]:
        return f"https://pubmed.ncbi.nlm.nih.gov/{row['pmid']}/"
    return f"https://pmc.ncbi.nlm.nih.gov/articles/{row['pmcid']}/" if row["pmcid"] else ""


def test_every_reference_links_to_its_own_record_or_says_none_was_found(pages):
    rows = {row["id"]: row for row in pages["references"].select("tbody tr[id]")}
    assert len(rows) == len(table("references.csv"))
    for reference in table("references.csv"):
        links = [a["href"] for a in rows[f"ref-{reference['ref']}"].select("a[href^='http']")]
        expected = _record(reference)
        assert links == ([expected] if expected else []), reference["ref"]
        if not expected:
            assert "none seen" in rows[f"ref-{reference['ref']}"].get_text()


def test_primary_studies_link_to_their_own_record_and_nothing_else(pages):
    studies = {row["label"]: _record(row) for row in table("primary_studies.csv")}
    seen = set()
    for url in ("notebooks/09_primary_sources", "notebooks/10_primary_by_study"):
        for cell in pages[url].select("td[data-label='Primary study']"):
            label = cell.get_text(" ", strip=True)
            links = [a["href"] for a in cell.select("a[href]")]
            assert links == ([studies[label]] if studies[label] else []), (url, label)
            seen.add(label)
    assert seen == set(studies)
