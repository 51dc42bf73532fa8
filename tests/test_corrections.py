"""Every figure says what its publication says (#11).

Each test holds a corrected fact twice: the publication's value, from shared/research/sources.md,
and the document's value, from the source document, so that a later edit cannot silently bring
the misreading back (and the document's own figure cannot silently disappear).
"""

import csv
import io

import pytest

from peptide_cli.render.records import OUTCOME_ROWS


@pytest.fixture(scope="module")
def cerebrolysin(catalog):
    return catalog.compounds[0]


def rows(run, *args):
    return run.json("studies", *args, "--json")


def row(run, study, measure, when=None):
    found = [
        r
        for r in rows(run)
        if r["study"] == study
        and r["measure"] == measure
        and (when is None or r["timepoint"] == when)
    ]
    assert len({(r["study"], r["measure"], r["timepoint"]) for r in found}) == 1, found
    return found[0]


def notes(study, measure=None):
    outcome = None if measure is None else next(o for o in study.outcomes if o.measure == measure)
    found = {}
    for note in (outcome or study).source_notes:
        found.setdefault(note.kind, note)  # the first note of each kind
    return found


# CARS: two analyses, not a range -----------------------------------------------------------------


def test_cars_is_442_patients_and_the_1879_belongs_to_another_analysis(run, cerebrolysin):
    cars = cerebrolysin.study("cars")
    assert (cars.n, cars.n_max) == (442, 1879)  # the document: "442-1879 patients"
    assert cars.size == (442, None)  # the publication: N = 442
    arat = row(run, "cars", "ARAT")
    assert (arat["n"], arat["n_max"], arat["n_range"]) == (442, None, "442")
    assert arat["document_says"] == "n 442-1879"
    assert arat["source_notes"] == ["departs"]
    figures = {f.label: (f.value, f.publication) for f in notes(cars)["departs"].figures}
    assert figures["patients in the nine-trial meta-analysis"] == (1879, "bornstein-2018")


def test_the_stroke_limitation_no_longer_calls_442_1879_a_range(run):
    stroke = run.json("show", "stroke", "--json")
    assert not any("range" in limitation for limitation in stroke["limitations"])
    assert "442 patients in the CARS pooled analysis" in stroke["limitations"][0]
    # CARS counts its publication's 442 in its group of overlapping syntheses, never the
    # document's 1879 added to it (the count itself: test_appraisal)
    assert stroke["profile"]["human_participants"] < 442 + 1879


def test_the_nnt_is_for_early_nihss_at_days_14_to_21(run, cerebrolysin):
    nnt = next(o for o in cerebrolysin.study("cars").outcomes if o.measure == "NIHSS")
    assert nnt.timepoint.label == "early"  # the document
    assert (nnt.when.value, nnt.when.value_max, nnt.when.unit) == (14, 21, "day")  # Guekht 2017
    r = row(run, "cars", "NIHSS")
    assert r["timepoint"] == "14-21 days"
    assert r["document_says"] == "n 442-1879; when early"
    [figure] = notes(nnt_study := cerebrolysin.study("cars"), "NIHSS")["adds"].figures
    assert (figure.value, figure.ci.low, figure.ci.high) == (7.1, 4, 22)
    assert nnt_study.id == "cars"


# CAPTAIN II and its analyses --------------------------------------------------------------------


def test_the_day_10_benefit_is_not_confirmed(run, cerebrolysin):
    day10 = row(run, "captain-ii", "Multidimensional ensemble of outcome scales", "day 10")
    assert day10["source_notes"] == ["unconfirmed", "later"]
    assert day10["finding"] == "The document reports a benefit already detectable at day 10."
    later = notes(cerebrolysin.study("captain-ii"))["later"]
    assert [(f.value, f.ci.low, f.ci.high) for f in later.figures] == [
        (0.60, 0.52, 0.68),
        (0.60, 0.52, 0.66),
    ]


def test_the_hads_analysis_is_a_secondary_analysis_of_an_rct_at_visits_2_and_3(run, cerebrolysin):
    study = cerebrolysin.study("tbi-hads-anxiety")
    assert study.design == "observational"  # the document
    assert (study.shown_design, study.analysis) == ("rct", "secondary")  # Mureșanu 2022
    hads = study.outcomes[0]
    assert (hads.timepoint.value, hads.timepoint.value_max) == (2, 3)  # the document: weeks
    assert hads.when.label == "visits 2 and 3"  # the publication
    r = row(run, "tbi-hads-anxiety", "HADS-Anxiety")
    assert (r["design"], r["analysis"], r["timepoint"]) == ("rct", "secondary", "visits 2 and 3")
    assert r["document_says"] == "design observational; when 2-3 weeks"
    assert "most likely a Mann-Whitney effect" in notes(study, "HADS-Anxiety")["adds"].text


def test_the_95_percent_is_about_cost_effectiveness_not_improvement(run, cerebrolysin):
    study = cerebrolysin.study("captain-ii-cost-effectiveness")
    assert study.publication == "strilciuc-2025"
    assert study.population == "moderate traumatic brain injury"  # not moderate-to-severe
    for measure in ("HADS-Depression", "HADS-Anxiety"):
        outcome = next(o for o in study.outcomes if o.measure == measure)
        assert (outcome.value_relation, outcome.value) == (">", 95)  # the document's figure
        assert "cost-effective" in outcome.measure_name.lower()
        assert "not a chance that the score improved" in outcome.finding
    departs = notes(study)["departs"].text
    assert "12 months" in departs and "three months" in departs
    mood = " ".join(run("show", "mood", env={"COLUMNS": "300"}).stdout.split())
    assert "Chance that Cerebrolysin improved" not in mood
    assert "likely to be cost-effective" in mood


# Cognition ---------------------------------------------------------------------------------------


def test_mmse_keeps_its_reported_precision(run):
    mmse = row(run, "vad-meta-analysis", "MMSE")
    assert mmse["value"] == 1.1  # a JSON number
    assert (mmse["result"], mmse["ci"]) == ("1.10 points", "0.37 to 1.82 (95%)")
    smd = row(run, "ad-meta-analysis-smd", "Cognitive function")
    assert smd["result"] == "-0.40"


def test_the_2019_cochrane_update_is_later_evidence(cerebrolysin):
    study = cerebrolysin.study("vad-meta-analysis")
    assert notes(study)["later"].publications == ["cui-2019"]
    assert study.population == "mild-to-moderate vascular dementia"


def test_the_responder_rates_come_from_one_trial_with_its_definition(cerebrolysin):
    study = cerebrolysin.study("ad-meta-analysis-cgi")
    responders = notes(study, "Responder rate")
    assert [a.value for a in study.outcomes[1].arms] == [76, 57]  # the document
    assert [f.value for f in responders["adds"].figures[:2]] == [68, 51]  # Panisset 2002
    assert "4 or less" in responders["adds"].text
    assert responders["departs"].figures[0].value == 192


def test_the_six_month_smd_is_not_significant(cerebrolysin):
    figures = notes(cerebrolysin.study("ad-meta-analysis-smd"), "Cognitive function")["adds"]
    six = figures.figures[1]
    assert (six.value, six.ci.low, six.ci.high, six.p.value, six.p.decimals) == (
        -0.37,
        -0.90,
        0.16,
        0.171,
        4,
    )


# Animals and the rest ----------------------------------------------------------------------------


def test_the_ketamine_study_is_a_schizophrenia_model(run, cerebrolysin):
    study = cerebrolysin.study("ketamine-mice")
    assert "schizophrenia" in study.population
    assert (study.n, study.dose.value, study.publication) == (30, 2.5, "hosseini-ketamine")
    assert set(notes(study)) == {"departs", "unconfirmed"}
    energy = run.json("show", "energy", "--json")
    assert "ketamine stress" not in energy["summary"]


def test_the_lps_liver_evidence_is_one_rat_study(cerebrolysin):
    study = cerebrolysin.study("lps-liver-animal")
    assert (study.species, study.publication) == ("rat", "abdel-salam-2013")
    assert "animal studies" in notes(study)["departs"].text  # the document's wording


def test_the_rat_ischaemia_source_is_only_probable(run, cerebrolysin):
    study = cerebrolysin.study("rat-ischaemia-inflammation")
    assert (study.publication, study.probable_publication) == (None, "guan-2019")
    cytokines = row(
        run, "rat-ischaemia-inflammation", "Pro-inflammatory cytokines (TNF-α, IL-1β, IL-6)"
    )
    assert cytokines["source_notes"] == ["unconfirmed"]
    show = " ".join(run("show", "anti-inflammatory", env={"COLUMNS": "300"}).stdout.split())
    assert "a probable match, not confirmed: Guan X, Wang Y, Kai G" in show


def test_the_liver_enzyme_study_is_uncontrolled_and_about_safety(cerebrolysin):
    study = cerebrolysin.study("stroke-liver-ast")
    assert study.publication == "morega-2022"
    assert "no control group" in notes(study)["adds"].text


def test_the_computed_concentration_says_it_is_computed(run):
    info = run.json("info", "--json")
    assert info["preparations"][0]["mg_per_ml"] == 43
    assert info["preparations"][0]["mg_per_ml_derivation"] == (
        "215 mg / 5 mL, computed by this tool; no source states it"
    )
    text = " ".join(run("info", env={"COLUMNS": "200"}).stdout.split())
    assert "mg per mL (computed)" in text
    assert "no source states it" in text
    assert "215.2 mg" in text


# Every format carries the notes -----------------------------------------------------------------


@pytest.mark.parametrize("form", ["csv", "tsv", "plain", "markdown", "table"])
def test_every_row_with_a_noted_figure_says_so_in_every_format(run, form):
    out = run("studies", "--format", form, env={"COLUMNS": "400"}).stdout
    if form in ("csv", "tsv"):
        reader = csv.DictReader(io.StringIO(out), delimiter="," if form == "csv" else "\t")
        cars = [r for r in reader if r["study"] == "cars"]
        assert {r["source_notes"] for r in cars} == {"departs", "departs; adds"}
    else:
        assert "Notes" in out or "source_notes" in out
        assert "departs; adds" in out


def test_the_notes_field_is_declared_once():
    assert "source_notes" in OUTCOME_ROWS.columns
    assert OUTCOME_ROWS.title("source_notes") == "Notes"


# The rules that judge a tier (each on the bundled file; the invented cases are in test_appraisal)


def flag(run, goal, code):
    found = {f["code"]: f for f in run.json("show", goal, "--json")["flags"]}
    return found.get(code)


@pytest.mark.parametrize("goal", ["anti-inflammatory", "longevity", "mood", "liver"])
def test_tier_3_claims_without_direct_confirmed_controlled_evidence_are_flagged(run, goal):
    assert flag(run, goal, "tier-above-evidence")["severity"] == "high"


def test_a_tier_range_is_judged_by_its_upper_bound(run):
    liver = flag(run, "liver", "tier-above-evidence")
    assert liver["reason"].startswith("Tier 2-3 (judged by its upper bound) without a controlled")


@pytest.mark.parametrize("goal", ["sleep", "immune", "anti-inflammatory"])
def test_human_evidence_searched_and_not_found_cannot_be_missed(run, goal):
    found = flag(run, goal, "human-evidence-not-found")
    assert found["severity"] == "high"
    assert run.json("show", goal, "--json")["flags"][0]["severity"] == "high"


def test_direct_confirmed_controlled_evidence_carries_tier_3(run):
    assert flag(run, "memory", "tier-above-evidence") is None
    assert flag(run, "stroke", "tier-above-evidence") is None
