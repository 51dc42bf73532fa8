"""Every figure in the source document, held here as expected values and checked in the data.

The numbers below were copied from the source document by hand, independently of
data/claims.yaml; each test finds the figure in a typed field of the loaded catalog.
"""

import pytest


@pytest.fixture(scope="module")
def cerebrolysin(catalog):
    return catalog.compounds[0]


def outcome(compound, study_id, measure, timepoint_value=None):
    study = compound.study(study_id)
    found = [
        o
        for o in study.outcomes
        if o.measure == measure
        and (timepoint_value is None or (o.timepoint and o.timepoint.value == timepoint_value))
    ]
    assert len(found) == 1, f"{study_id}/{measure}: {len(found)} outcomes"
    return found[0]


def interval(o):
    return (o.ci.low, o.ci.high, o.ci.level)


def p(o):
    return (o.p.relation, o.p.value)


def test_tiers_of_every_goal(catalog, cerebrolysin):
    tiers = {g.id: (g.tier, g.tier_max, catalog.tier_label(g)) for g in cerebrolysin.goals}
    assert tiers == {
        "cognition-memory": (3, None, "Probable Efficacy"),
        "stroke-injury-recovery": (3, None, "Probable Efficacy"),
        "anti-inflammatory": (3, None, "Probable Efficacy"),
        "mood-stress": (3, None, "Probable Efficacy"),
        "sleep": (2, None, "Plausible Efficacy"),
        "longevity": (3, None, "Probable Efficacy"),
        "immune": (2, None, "Plausible Efficacy"),
        "energy-mitochondria": (2, None, "Plausible Efficacy"),
        "hair": (3, None, "Probable Efficacy"),
        "muscle": (1, None, "No Evidence"),
        "athletic": (1, None, "No Evidence"),
        "liver-heart": (2, 3, "Limited & Indirect"),
        "gut": (1, None, "No Evidence"),
    }


def test_tier_scale(catalog):
    # The document's three tiers; Tier 4 is the tool's, for its computed tiers (#13).
    assert [(t.tier, t.label) for t in catalog.tier_scale if t.tier <= 3] == [
        (1, "No Evidence"),
        (2, "Plausible Efficacy"),
        (3, "Probable Efficacy"),
    ]
    assert [t.tier for t in catalog.tier_scale] == [1, 2, 3, 4]


def test_preparations_5_to_30_ml_and_215_to_1290_mg(cerebrolysin):
    assert [(p.volume_ml, p.peptide_mg) for p in cerebrolysin.preparations] == [
        (5, 215),
        (30, 1290),
    ]


def test_three_mechanism_groups(cerebrolysin):
    assert len(cerebrolysin.mechanisms) == 3


def test_vascular_dementia_meta_analysis(cerebrolysin):
    study = cerebrolysin.study("vad-meta-analysis")
    assert (study.design, study.trials, study.n) == ("meta-analysis", 6, 597)
    mmse = outcome(cerebrolysin, "vad-meta-analysis", "MMSE")
    assert (mmse.effect_type, mmse.value, mmse.better) == ("mean-difference", 1.10, "higher")
    assert interval(mmse) == (0.37, 1.82, 0.95)
    adas = outcome(cerebrolysin, "vad-meta-analysis", "ADAS-cog+")
    assert (adas.effect_type, adas.value, adas.better) == ("mean-difference", -4.01, "lower")
    assert interval(adas) == (-5.36, -2.66, 0.95)
    assert p(adas) == ("<", 0.0001)


def test_alzheimers_meta_analysis(cerebrolysin):
    study = cerebrolysin.study("ad-meta-analysis-cgi")
    assert (study.design, study.trials) == ("meta-analysis", 6)
    cgi = outcome(cerebrolysin, "ad-meta-analysis-cgi", "CGI")
    assert (cgi.effect_type, cgi.value) == ("log-odds-ratio", 1.1799)
    assert interval(cgi) == (0.7463, 1.6135, 0.95)
    assert p(cgi) == ("<", 0.05)
    responders = outcome(cerebrolysin, "ad-meta-analysis-cgi", "Responder rate")
    assert responders.effect_type == "responder-rate"
    assert responders.unit == "%"
    assert [(a.group, a.value) for a in responders.arms] == [("cerebrolysin", 76), ("placebo", 57)]
    assert p(responders) == ("=", 0.007)


def test_cars_stroke_meta_analysis(cerebrolysin):
    study = cerebrolysin.study("cars")
    assert (study.label, study.design, study.n, study.n_max) == (
        "CARS",
        "meta-analysis",
        442,
        1879,
    )
    arat = outcome(cerebrolysin, "cars", "ARAT")
    assert (arat.effect_type, arat.value) == ("mann-whitney", 0.62)
    assert (arat.timepoint.value, arat.timepoint.unit) == (90, "day")
    assert p(arat) == ("<", 0.0001)
    nihss = outcome(cerebrolysin, "cars", "NIHSS")
    assert (nihss.effect_type, nihss.value, nihss.timepoint.label) == ("nnt", 7.1, "early")


def test_captain_ii_tbi_trial(cerebrolysin):
    study = cerebrolysin.study("captain-ii")
    assert (study.label, study.design, study.n) == ("CAPTAIN II", "rct", 139)
    measure = "Multidimensional ensemble of outcome scales"
    day90 = outcome(cerebrolysin, "captain-ii", measure, 90)
    assert (day90.effect_type, day90.value, day90.components) == ("mann-whitney", 0.59, 13)
    assert p(day90) == ("=", 0.0119)
    day10 = outcome(cerebrolysin, "captain-ii", measure, 10)
    assert (day10.timepoint.value, day10.timepoint.unit) == (10, "day")


def test_acute_stroke_immunity_trial(cerebrolysin):
    study = cerebrolysin.study("stroke-pneumonia-rct")
    assert (study.design, study.species, study.n) == ("rct", "human", 140)


def test_tbi_anxiety_study(cerebrolysin):
    study = cerebrolysin.study("tbi-hads-anxiety")
    assert (study.design, study.n) == ("observational", 125)
    hads = outcome(cerebrolysin, "tbi-hads-anxiety", "HADS-Anxiety")
    assert hads.value == 0.73
    assert (hads.timepoint.value, hads.timepoint.value_max, hads.timepoint.unit) == (2, 3, "week")


def test_captain_ii_cost_effectiveness(cerebrolysin):
    study = cerebrolysin.study("captain-ii-cost-effectiveness")
    assert (study.design, study.based_on) == ("cost-effectiveness", "captain-ii")
    for measure in ("HADS-Depression", "HADS-Anxiety"):
        o = outcome(cerebrolysin, "captain-ii-cost-effectiveness", measure)
        assert (o.effect_type, o.value_relation, o.value, o.unit) == ("probability", ">", 95, "%")
        assert (o.timepoint.value, o.timepoint.unit) == (3, "month")


def test_ptsd_mice_dose(cerebrolysin):
    study = cerebrolysin.study("ptsd-mice")
    assert (study.species, study.dose.value, study.dose.unit) == ("mouse", 2.5, "mL/kg")


def test_diabetic_neuropathy_trial(cerebrolysin):
    study = cerebrolysin.study("neuropathy-rct")
    assert (study.design, study.n) == ("rct", 20)
    score = outcome(cerebrolysin, "neuropathy-rct", "Composite symptom score")
    assert (score.effect_type, score.components, score.better) == ("before-after", 5, "lower")
    assert (score.timepoint.value, score.timepoint.unit) == (6, "week")
    arms = [
        (a.group, a.before.mean, a.before.sd, a.after.mean, a.after.sd, a.p.relation, a.p.value)
        for a in score.arms
    ]
    assert arms == [
        ("cerebrolysin", 8.7, 1.9, 5.1, 2.2, "<", 0.001),
        ("placebo", 7.9, 1.2, 6.6, 1.1, "<", 0.05),
    ]


def test_alzheimers_smd_meta_analysis(cerebrolysin):
    study = cerebrolysin.study("ad-meta-analysis-smd")
    assert (study.design, study.trials) == ("meta-analysis", 6)
    o = outcome(cerebrolysin, "ad-meta-analysis-smd", "Cognitive function")
    assert (o.effect_type, o.value, o.better) == ("smd", -0.40, "lower")
    assert p(o) == ("=", 0.0031)
    assert (o.timepoint.value, o.timepoint.unit) == (4, "week")


def test_mci_immunity_study(cerebrolysin, catalog):
    study = cerebrolysin.study("mci-immune")
    assert (study.design, study.n) == ("observational", 20)
    il10 = outcome(cerebrolysin, "mci-immune", "Serum IL-10")
    assert (il10.timepoint.value, il10.timepoint.value_max, il10.timepoint.unit) == (
        6,
        22,
        "week",
    )
    immune = next(g for g in cerebrolysin.goals if g.id == "immune")
    assert immune.reported_study_counts == {"rct": 1, "observational": 5}


def test_hair_case_series(cerebrolysin):
    study = cerebrolysin.study("hair-case-series")
    assert (study.design, study.species, study.n) == ("case-series", "human", 5)


def test_goals_without_evidence_say_what_little_was_found(cerebrolysin):
    goals = {g.id: g for g in cerebrolysin.goals}
    assert goals["muscle"].studies == []
    assert goals["gut"].studies == []
    found = [cerebrolysin.study(s) for s in goals["athletic"].studies]
    assert [(s.design, s.species) for s in found] == [("animal", "animal"), ("review", None)]
