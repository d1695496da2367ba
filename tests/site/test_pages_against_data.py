"""The built pages say what the data says: signs, readings, notes, figures, summary of findings, counts.

Every expectation comes from oracle.py, which recomputes from data/ with its own code and imports
nothing of the engine: a rule of the engine that changes its answers, or a rendering bug that
`make notebooks` freezes into the committed outputs, fails here.
"""

import csv
import io
import posixpath
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import oracle
import pytest
from bs4 import BeautifulSoup

READER_PAGES_EXEMPT = {"data", "methods"}  # the pages that document the files themselves


@pytest.fixture(scope="module")
def pages(site) -> dict[str, BeautifulSoup]:
    """Every built page's article, by its address ("" for the home page); redirect stubs left out."""
    found = {}
    for path in sorted(site.rglob("index.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        article = soup.find("article")
        if article is not None:
            url = path.parent.relative_to(site).as_posix()
            found["" if url == "." else url] = article
    return found


def _numbers(pages):
    for url, article in pages.items():
        for element in article.select("[data-claim]"):
            yield url, element


def test_every_claim_is_shown_somewhere(pages):
    shown = {element["data-claim"] for _, element in _numbers(pages)}
    assert shown == set(oracle.by("claims.csv", "claim_id"))


def test_every_number_carries_the_signs_the_data_gives_it(pages):
    """Its first sign from the checks re-done by the oracle (none when unchecked), its second from the
    source comparison, boxed when another report of the same study was compared."""
    wrong = []
    for url, element in _numbers(pages):
        claim_id = element["data-claim"]
        arithmetic, source, other = oracle.expected_signs()[claim_id]
        marks = [m.get_text() for m in element.select(".mark")]
        expected_marks = [] if arithmetic == "unchecked" else [oracle.MARK_SYMBOLS[arithmetic]]
        signs = element.select(".source")
        got_source = [(s.get_text(), "other-report" in s["class"]) for s in signs]
        expected_source = [(oracle.SOURCE_SYMBOLS[source], other)] if source else []
        if marks != expected_marks or got_source != expected_source or element["data-mark"] != arithmetic:
            wrong.append((url, claim_id, marks, got_source, expected_marks, expected_source))
    assert wrong == []
    assert {s for s, _, _ in oracle.expected_signs().values()} >= {"held", "truncated", "copied", "unchecked"}


def _sentence_start(element) -> bool:
    paragraph = element.find_parent("p", class_="narrative")
    if paragraph is None:
        return False
    before = ""
    for node in element.previous_elements:
        if node is paragraph:
            break
        if isinstance(node, str):
            before = node + before
    return before.strip() == "" or before.rstrip().endswith((".", "!", "?"))


def test_each_number_reads_exactly_as_its_value_with_its_unit(pages):
    """One reading per place: the unit's singular for one, its plural otherwise, a number word
    capitalised only at a sentence start."""
    wrong = []
    for url, element in _numbers(pages):
        text = element.select_one("a.claim-link").get_text()
        expected = oracle.reading(element["data-claim"], sentence_start=_sentence_start(element))
        bare = oracle.by("claims.csv", "claim_id")[element["data-claim"]]["value_as_printed"]
        if text != expected and text.lower() != bare.lower():  # {claim:bare} shows the number alone
            wrong.append((url, element["data-claim"], text, expected))
    assert wrong == []


def _prose(article) -> list[str]:
    return [
        " ".join(node.get_text(" ").split())
        for node in article.select("p.narrative, ul.answers > li, ul.claim-notes > li")
    ]


def test_prose_has_no_garbled_phrases(pages):
    """Doubled words and units, '1 patients', raw LaTeX."""
    plurals = {
        u["plural"].replace("{n}", "").split()[0]
        for u in oracle.table("units.csv")
        if u["plural"].replace("{n}", "").split() and u["singular"] != u["plural"]
    }
    one_plural = re.compile(r"(?<![\d.])1 (" + "|".join(map(re.escape, sorted(plurals))) + r")\b")
    doubled = re.compile(r"\b(\w{2,})\W+\1\b", re.IGNORECASE)
    latex = re.compile(r"\\[a-z]+|\$[^$]+\$|\^\{?\d")
    found = []
    for url, article in pages.items():
        for text in _prose(article):
            cleaned = re.sub(r"[✓≈✗↺=≠!∅?⇄]", " ", text)
            for pattern in (one_plural, doubled, latex):
                if match := pattern.search(cleaned):
                    found.append((url, match.group(), text[:120]))
    assert found == []


def test_a_paragraph_notes_the_problem_of_each_number_its_checks_find(pages):
    """A number a check marks ✗, ↺ or ≈, or names differently (!), has beside its paragraph a note
    linking to the one place its problem is explained."""
    problem_of = {(r["rule"], r["subject"]): r["problem_id"] for r in oracle.table("findings.csv")}
    flagged = {}
    for check in oracle.checks():
        if check.problem and (check.rule, check.subject) in problem_of:
            for claim_id in check.marks or (check.subject,):
                flagged.setdefault(claim_id, set()).add(problem_of[(check.rule, check.subject)])
    missing, checked = [], 0
    for url, article in pages.items():
        for paragraph in article.select("p.narrative"):
            notes = paragraph.find_next_sibling("ul", class_="claim-notes")
            noted = {li["data-problem"] for li in notes.select("li[data-problem]")} if notes else set()
            for element in paragraph.select("[data-claim]"):
                wanted = flagged.get(element["data-claim"], set())
                checked += bool(wanted)
                if not wanted <= noted:
                    missing.append((url, element["data-claim"], wanted - noted))
    assert missing == [] and checked >= 5


def test_every_problem_of_the_data_is_found_by_the_checks_and_explained_once(pages):
    """findings.csv assigns exactly the checks the oracle finds to be problems (rules re-done here),
    and the audit page explains each problem once, at its own anchor."""
    problems = {(c.rule, c.subject) for c in oracle.checks() if c.problem and c.rule != "textual-erratum"}
    assigned = {(r["rule"], r["subject"]) for r in oracle.table("findings.csv") if r["rule"] != "textual-erratum"}
    assert assigned == problems
    audit = pages["audit"]
    for row in oracle.table("review_problems.csv"):
        assert len(audit.select(f"tr#problem-{row['problem_id']}")) == 1, row["problem_id"]


def test_every_in_site_fragment_link_resolves_in_static_html(pages):
    """No anchor needs JavaScript: every #fragment of an in-site link is an id in the built HTML."""
    ids = {url: {tag["id"] for tag in article.find_all(id=True)} for url, article in pages.items()}
    broken = []
    for url, article in pages.items():
        for link in article.select("a[href*='#']"):
            href = link["href"]
            if href.startswith(("http://", "https://")):
                continue
            path, _, fragment = href.partition("#")
            target = posixpath.normpath(posixpath.join(url or ".", path)) if path else url
            target = "" if target == "." else target.rstrip("/")
            if fragment not in ids.get(target, set()):
                broken.append((url, href))
    assert broken == []


def _figures(site, pages):
    for url, article in pages.items():
        for figure in article.select("figure.evidence-figure"):
            link = figure.select_one("a.figure-csv")
            assert link is not None, (url, figure.get("data-figure"))
            text = (site / (url or ".") / link["href"]).resolve().read_text(encoding="utf-8")
            yield url, figure, list(csv.DictReader(io.StringIO(text)))


def test_response_rate_figures_draw_the_rates_recomputed_from_the_data(site, pages):
    """Every row of every response-rate figure: counts, stated value, recomputed rate and interval,
    the signs of its number — recomputed by the oracle, half-up."""
    checked = 0
    for _url, figure, rows in _figures(site, pages):
        if figure["data-figure"] != "response-rates":
            continue
        alt = figure.select_one("img")["alt"]
        for row in rows:
            claim = oracle.by("claims.csv", "claim_id")[row["claim_id"]]
            if row["stated_by_review"] == "yes":
                assert row["stated_percent"] == claim["value_as_printed"], row
                assert row["mark"] == oracle.expected_signs()[row["claim_id"]][0], row
            if row["events"]:
                k, n = int(row["events"]), int(row["total"])
                low, high = oracle._wilson(k, n)
                assert row["recomputed_percent"] == oracle.percent_text(k, n).rstrip("%"), row
                assert (row["ci_low_percent"], row["ci_high_percent"]) == (
                    oracle.share_text(low).rstrip("%"),
                    oracle.share_text(high).rstrip("%"),
                )
                assert row["recomputed_percent"] in alt
            checked += 1
    assert checked >= 10


def test_no_axis_mixes_outcomes_and_labels_follow_the_audit(site, pages):
    """A response-rate figure groups its rows by the outcome measured; a rate the checks show to be
    named wrongly is labelled with the outcome its counts or source show, the review's name beside it."""
    labelled = {s for s, (_, source, _) in oracle.expected_signs().items() if source == "label"}
    seen = 0
    for url, figure, rows in _figures(site, pages):
        if figure["data-figure"] != "response-rates":
            continue
        outcomes = [row["outcome_measured"] for row in rows]
        assert outcomes == sorted(outcomes, key=outcomes.index), (url, "rows of one outcome are together")
        for row in rows:
            claim = oracle.by("claims.csv", "claim_id")[row["claim_id"]]
            named = oracle.by("outcomes.csv", "outcome")[claim["outcome"]]["label"]
            if row["claim_id"] in labelled and row["stated_by_review"] == "yes" and row["outcome_measured"] != named:
                assert row["outcome_named_by_review"] == named, row
                seen += 1
    assert seen >= 2


def test_bar_figures_draw_the_stated_percentages(site, pages):
    claims = oracle.by("claims.csv", "claim_id")
    checked = 0
    for _, figure, rows in _figures(site, pages):
        if figure["data-figure"] in ("stated-rates", "grouped-rates"):
            for row in rows:
                assert row["stated_percent"] == claims[row["claim_id"]]["value_as_printed"]
                checked += 1
    assert checked >= 8


def test_dosing_figure_converts_doses_with_the_parameters_and_doses_per_interval(site, pages):
    claims = oracle.by("claims.csv", "claim_id")
    units = oracle.by("units.csv", "unit")
    parameters = {name: float(row["value"]) for name, row in oracle.by("parameters.csv", "parameter").items()}
    checked = 0
    for _, figure, rows in _figures(site, pages):
        if figure["data-figure"] != "dosing":
            continue
        for row in rows:
            regimen = oracle.by("regimens.csv", "regimen")[row["regimen"]]
            dose_claim = claims[regimen["dose_claim"]]
            dose = float(dose_claim["value"])
            if units[dose_claim["unit"]]["dimension"] == "dose per animal":
                dose /= parameters[f"{regimen['species']}_body_weight"]
            if regimen["species"] != "human":
                dose *= (
                    parameters[f"{regimen['species']}_body_weight"] / parameters["human_body_weight"]
                ) ** parameters["bsa_exponent"]
            assert row["ng_per_kg_per_dose"] == f"{dose:.1f}", row
            if regimen["interval_weeks_claim"]:
                per_week = (
                    dose
                    * float(claims[regimen["doses_per_interval_claim"]]["value"])
                    / float(claims[regimen["interval_weeks_claim"]]["value"])
                )
                assert row["ng_per_kg_per_week"] == f"{per_week:.1f}", row
            checked += 1
    assert checked >= 5


def test_findings_charts_draw_every_counted_group_and_tell_later_studies_apart(site, pages):
    """Each findings chart: per question of its page, every group with counts (the oracle's arms),
    its rate and interval, and whether the review cites it (a later study, a benchmark, or not)."""
    questions = {q["question"]: q for q in oracle.table("questions.csv")}
    papers = oracle.by("primary_studies.csv", "primary_id")
    charts = 0
    for _url, figure, rows in _figures(site, pages):
        if figure["data-figure"] != "findings":
            continue
        charts += 1
        drawn = Counter()
        for row in rows:
            question = questions[row["question"]]
            k, n = int(row["events"]), int(row["total"])
            assert row["percent"] == oracle.percent_text(k, n).rstrip("%"), row
            low, high = oracle._wilson(k, n)
            assert (row["ci_low_percent"], row["ci_high_percent"]) == (
                oracle.share_text(low).rstrip("%"),
                oracle.share_text(high).rstrip("%"),
            ), row
            drawn[(question["question_id"], k, n, row["in_the_review"])] += 1
        expected = Counter()
        for question_id in {
            q["question_id"] for q in questions.values() if q["question"] in {r["question"] for r in rows}
        }:
            for arm in oracle.arms(question_id):
                if arm.k is None or not arm.n:
                    continue
                relation = papers[arm.study]["relation"] if arm.study in papers else "cited"
                cited = arm.role != "benchmark" and relation in ("cited", "same-study")
                expected[(question_id, arm.k, arm.n, "yes" if cited else "no")] += 1
        assert drawn == expected
    assert charts >= 3


def test_summary_of_findings_shows_each_answer_and_the_certainty_the_rules_give(pages):
    """Home's summary of findings: one row per question, its certainty as the Methods page's rules
    give it (re-done by the oracle), and each group's counts, rate and interval."""
    home = pages[""]
    for question in oracle.table("questions.csv"):
        row = home.select_one(f"tr#q-{question['question_id']}")
        assert row is not None, question["question_id"]
        level = row.select_one(".certainty")["aria-label"]
        assert level == f"certainty {oracle.certainty(question['question_id'])}", question["question_id"]
        text = " ".join(row.get_text(" ").split())
        for arm in oracle.arms(question["question_id"]):
            if arm.k is not None and arm.n:
                expected = f"{arm.k} of {arm.n}"
                assert expected in text and oracle.percent_text(arm.k, arm.n) in text, (
                    question["question_id"],
                    expected,
                )
                assert f"{oracle.share_text(arm.low)}–{oracle.share_text(arm.high)}" in text, question["question_id"]
        shown = [" ".join(p.get_text(" ").split()) for p in row.select("p.sof-difference")]
        assert shown == oracle.differences(question["question_id"]), question["question_id"]
        animals = oracle.animals_named(question["question_id"])
        if animals:
            assert f"the evidence is in {animals}, not patients" in text, (question["question_id"], animals)


def test_topic_pages_open_with_their_questions(pages):
    topics = oracle.by("topics.csv", "topic")
    for question in oracle.table("questions.csv"):
        page = topics[question["topic"]]["page"].rstrip("/")
        first = pages[page].select_one("figure.evidence-table")
        assert first is not None and first.select_one(f"tr#q-{question['question_id']}"), (
            page,
            question["question_id"],
        )


def test_home_counts_problems_each_once_and_the_claims_without_numbers(pages):
    text = " ".join(pages[""].get_text(" ").split())
    problems = oracle.table("review_problems.csv")
    assert f"The audit finds {len(problems)} problems" in text
    listed = [li["data-problem"] for li in pages[""].select("ul.answers li[data-problem]")]
    assert sorted(listed) == sorted(p["problem_id"] for p in problems)
    assert f"Of the review's {len(oracle.table('assertions.csv'))} claims without numbers" in text
    for verdict, count in Counter(r["verdict"] for r in oracle.table("assertions.csv")).items():
        assert f"{count} {oracle.by('assertion_verdicts.csv', 'verdict')[verdict]['label']}" in text


def test_every_legend_explains_every_sign_its_page_uses(pages):
    missing = []
    for url, article in pages.items():
        used = {m["class"][1] for m in article.select(".mark[role], .source[href]")}
        if not used:
            continue
        legend = article.select_one("details.legend")
        shown = {s["class"][1] for s in legend.select(".mark, .source")} if legend else set()
        if used - shown:
            missing.append((url, sorted(used - shown)))
    assert missing == []


_RECORD_URL = {
    "doi": "https://doi.org/{}",
    "pmid": "https://pubmed.ncbi.nlm.nih.gov/{}/",
    "pmcid": "https://pmc.ncbi.nlm.nih.gov/articles/{}/",
}


def _record(row: dict) -> str:
    key = next((k for k in ("doi", "pmid", "pmcid") if row[k]), None)
    return _RECORD_URL[key].format(row[key]) if key else ""


def test_every_reference_links_to_its_own_record_or_says_none_was_seen(pages):
    rows = {row["id"]: row for row in pages["references"].select("tbody tr[id]")}
    assert len(rows) == len(oracle.table("references.csv"))
    for reference in oracle.table("references.csv"):
        cells = rows[f"ref-{reference['ref']}"]
        links = [a["href"] for a in cells.select("a[href^='http']")]
        expected = _record(reference)
        assert links == ([expected] if expected else []), reference["ref"]
        if not expected:
            assert "none seen" in cells.get_text()


def test_study_cards_link_the_papers_own_record_and_quote_what_was_read(pages):
    papers = oracle.by("primary_studies.csv", "primary_id")
    facts = oracle.table("facts.csv")
    seen = 0
    for _url, article in pages.items():
        for card in article.select("details.study-card"):
            paper = papers[card["id"].removeprefix("study-")]
            meta = card.select_one(".card-meta")
            expected = _record(paper)
            links = [a["href"] for a in meta.select("a[href]")]
            assert (expected in links) if expected else "no DOI or PubMed record seen" in meta.get_text(), paper[
                "primary_id"
            ]
            quotes = [" ".join(q.get_text(" ").split()) for q in card.select("blockquote.fact-quote")]
            for fact in (f for f in facts if f["primary_id"] == paper["primary_id"] and f["attribute"] != "other"):
                assert any(" ".join(fact["quote"].split()) in q for q in quotes), (paper["primary_id"], fact["fact_id"])
            seen += 1
    assert seen >= 20


_INTERNAL = re.compile(
    r"\b(?:data/\w+\.csv|notebooks/\d\d_\w+|src/il12_evidence|\.py\b|percent-vs-counts|parts-vs-whole|study-rounding|"
    r"outcome-definition|statistic-type|textual-erratum|group-sizes|GRIM)\b"
)


def test_reader_pages_show_no_file_paths_rule_ids_severities_or_claim_ids(pages):
    claim_ids = set(oracle.by("claims.csv", "claim_id"))
    found = []
    for url, article in pages.items():
        if url in READER_PAGES_EXEMPT:
            continue
        for node in article.find_all(string=True):
            if node.find_parent(["q", "blockquote", "code", "script", "style"]) is not None:
                continue  # quotes of the review and its sources are their words, not the site's
            text = str(node)
            if match := _INTERNAL.search(text):
                found.append((url, match.group(), text[:80]))
            words = set(re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)+", text))
            if words & claim_ids:
                found.append((url, sorted(words & claim_ids)[:2], text[:80]))
        for cell in article.select("th, td"):
            if cell.get_text(strip=True).lower() in ("severity", "pass", "info", "warning", "error"):
                found.append((url, "severity", cell.get_text(strip=True)))
    assert found == []


def test_no_explanation_is_repeated_on_two_pages(pages):
    """An explanation lives in one place; other pages link to it."""
    seen: dict[str, str] = {}
    repeated = []
    for url, article in pages.items():
        for node in article.select("p, li, td"):
            if node.find(["p", "li", "td"]) is not None or node.find_parent(["nav", "details"], class_="legend"):
                continue
            if "card-missing" in (node.get("class") or []):  # a list of what a card lacks, not an explanation
                continue
            if node.find_parent(
                "tr", id=re.compile("^q-")
            ):  # the summary of findings opens Home and its topic page alike
                continue
            text = " ".join(node.get_text(" ").split())
            if len(text) < 120:
                continue
            if text in seen and seen[text] != url:
                repeated.append((seen[text], url, text[:80]))
            seen.setdefault(text, url)
    assert repeated == []


def test_old_addresses_redirect_to_the_readable_ones(site):
    pages = {stem: path for stem, path in _extra_pages().items()}
    for stem, path in pages.items():
        stub = (site / "notebooks" / stem / "index.html").read_text(encoding="utf-8")
        target = "" if path == "index" else f"{path}/"
        assert f'content="0; url=../../{target}"' in stub, stem


def _extra_pages() -> dict[str, str]:
    import yaml

    config = yaml.load((oracle.DATA.parent / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return config["extra"]["pages"]


def test_nav_labels_are_the_page_titles(site):
    import yaml

    config = yaml.load((oracle.DATA.parent / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)

    def walk(items):
        for item in items:
            for label, value in item.items():
                yield from walk(value) if isinstance(value, list) else [(label, value)]

    wrong = []
    for label, source in walk(config["nav"]):
        stem = posixpath.splitext(source)[0]
        page = site / ("" if stem == "index" else stem) / "index.html"
        title = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("article h1")
        if label != "Home" and (title is None or title.get_text(" ", strip=True).removesuffix("¶").strip() != label):
            wrong.append((label, title.get_text(strip=True) if title else None))
    assert wrong == []


def test_value_words_in_data_are_numbers_in_the_oracle():
    """The oracle reads every claim's value (a guard that it reads the data it should)."""
    assert all(Decimal(c["value"]) >= 0 for c in oracle.table("claims.csv"))


# The abbreviations a reader meets; each must be defined in the glossary and linked on first use.
ABBREVIATIONS = ("MR", "SD", "ORR", "DCR", "RECIST", "PPV", "CR", "PR", "SWAT", "CI", "G-CSF", "TSEBT")
# Text in these is not running prose, or is traced to data or quoted verbatim: never linked.
NOT_PROSE = "a, abbr, code, pre, script, style, svg, h1, h2, h3, h4, h5, h6, button, summary, label, q, blockquote, cite, kbd, .claim, .mark, .source, .quote, .claim-tip, .legend"


def _glossary_anchors() -> dict[str, str]:
    """Abbreviation → anchor, read from the glossary's Markdown (`Name (ABBR) { #anchor }` or `ABBR { #anchor }`)."""
    text = (Path(__file__).resolve().parents[2] / "docs" / "glossary.md").read_text(encoding="utf-8")
    found = {}
    for name, anchor in re.findall(r"^(.+?)\s*\{ #([\w-]+) \}$", text, flags=re.MULTILINE):
        short = re.search(r"\(([\w-]+)\)$", name)
        found[short.group(1) if short else name.strip()] = anchor
    return found


def test_every_abbreviation_is_defined_and_linked_on_its_first_use_on_each_page(pages):
    anchors = _glossary_anchors()
    assert set(ABBREVIATIONS) <= set(anchors), set(ABBREVIATIONS) - set(anchors)
    wrong = []
    for url, article in pages.items():
        if url in ("glossary",) or url.startswith("notebooks/"):
            continue
        skipped = {id(node) for element in article.select(NOT_PROSE) for node in element.find_all(string=True)}
        order = {id(node): index for index, node in enumerate(article.find_all(string=True))}
        for short in ABBREVIATIONS:
            word = re.compile(rf"(?<![\w-]){re.escape(short)}(?![\w-])")
            links = [a for a in article.select("a.glossary-term") if a.get_text() == short]
            prose = [node for node in article.find_all(string=True) if id(node) not in skipped and word.search(node)]
            linked_at = order[id(links[0].find(string=True))] if links else -1
            if not prose and not links:
                continue  # the page does not use it
            ok = (
                len(links) == 1
                and links[0]["href"].endswith(f"glossary/#{anchors[short]}")
                and all(order[id(node)] > linked_at for node in prose)  # no use in running text before it
            )
            if not ok:
                wrong.append((url, short, len(links), len(prose)))
    assert wrong == []
