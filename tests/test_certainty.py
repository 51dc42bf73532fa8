"""Certainty and plain readings (#12): exact values for the bundled file, and properties that
hold for any claims file."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peptide_cli.catalog.loading import _validate
from peptide_cli.evidence import certainty
from peptide_cli.evidence.queries import entries

from minimal import edit

# Every outcome of the bundled file, under each goal it backs: the computed level and the codes
# of the rules that moved it down, in the order the domains are assessed. Only the vascular
# dementia review has a risk-of-bias judgement a source gives (high); no other outcome rises
# above low, where rob-not-assessed holds it (#26).
EXPECTED = {
    ("cognition-memory", "vad-meta-analysis", "MMSE", ""): (
        "low",
        ["rob-high", "heterogeneity-judged"],
    ),
    ("cognition-memory", "vad-meta-analysis", "ADAS-cog+", ""): (
        "low",
        ["rob-high", "heterogeneity-judged"],
    ),
    ("cognition-memory", "ad-meta-analysis-cgi", "CGI", ""): (
        "low",
        ["rob-not-assessed", "below-information-size"],
    ),
    ("cognition-memory", "ad-meta-analysis-cgi", "Responder rate", ""): (
        "low",
        ["no-interval"],
    ),
    ("cognition-memory", "ad-meta-analysis-cgi", "Cognitive performance", ""): (
        "low",
        ["no-figure"],
    ),
    # the independent and negative evidence added for #27
    ("stroke-injury-recovery", "cochrane-stroke-2023", "All-cause death", "up to day 90"): (
        "low",
        ["rob-not-assessed", "crosses-no-effect"],
    ),
    (
        "stroke-injury-recovery",
        "casta",
        "Combined global test (mRS, Barthel Index, NIHSS)",
        "day 90",
    ): ("low", ["rob-not-assessed", "no-figure"]),
    ("stroke-injury-recovery", "wang-2017", "mRS response", "day 90"): (
        "low",
        ["rob-not-assessed", "crosses-no-effect"],
    ),
    ("stroke-injury-recovery", "wang-2017", "NIHSS response", "day 90"): (
        "low",
        ["rob-not-assessed", "crosses-no-effect"],
    ),
    ("stroke-injury-recovery", "wang-2017", "Barthel Index response", "day 90"): (
        "low",
        ["rob-not-assessed", "below-information-size"],
    ),
    ("stroke-injury-recovery", "zhang-2017", "mRS and Barthel Index", ""): (
        "low",
        ["rob-not-assessed", "no-figure"],
    ),
    ("stroke-injury-recovery", "chang-2016", "Motor function (Fugl-Meyer)", ""): (
        "low",
        ["no-figure"],
    ),
    (
        "stroke-injury-recovery",
        "chang-2016",
        "Motor function (Fugl-Meyer), severe impairment subgroup",
        "",
    ): ("low", ["no-figure"]),
    (
        "stroke-injury-recovery",
        "captain-i",
        "Multidimensional ensemble of outcome scales (intention to treat)",
        "",
    ): ("low", ["rob-not-assessed", "crosses-no-effect"]),
    ("stroke-injury-recovery", "cars", "ARAT", "day 90"): (
        "low",
        ["rob-not-assessed", "no-interval"],
    ),
    ("stroke-injury-recovery", "cars", "NIHSS", "14-21 days"): (
        "low",
        ["rob-not-assessed"],
    ),
    (
        "stroke-injury-recovery",
        "captain-ii",
        "Multidimensional ensemble of outcome scales",
        "day 90",
    ): (
        "low",
        ["rob-not-assessed", "below-information-size"],
    ),
    (
        "stroke-injury-recovery",
        "captain-ii",
        "Multidimensional ensemble of outcome scales",
        "day 10",
    ): (
        "low",
        ["no-figure"],
    ),
    (
        "anti-inflammatory",
        "rat-ischaemia-inflammation",
        "Pro-inflammatory cytokines (TNF-α, IL-1β, IL-6)",
        "",
    ): (
        "very low",
        ["animal", "no-figure"],
    ),
    ("anti-inflammatory", "rat-ischaemia-inflammation", "NF-κB expression", ""): (
        "very low",
        ["animal", "no-figure"],
    ),
    ("anti-inflammatory", "rat-ischaemia-inflammation", "Infarct volume", ""): (
        "very low",
        ["animal", "no-figure"],
    ),
    ("anti-inflammatory", "rat-ischaemia-inflammation", "Long-term functional recovery", ""): (
        "very low",
        ["animal", "no-figure"],
    ),
    ("anti-inflammatory", "stroke-pneumonia-rct", "Clinical pneumonia", ""): (
        "very low",
        ["indirect-for-goal", "no-figure"],
    ),
    (
        "anti-inflammatory",
        "stroke-pneumonia-rct",
        "Immunity indices (NIH-NINDS, CPIS and SIRS immunograms)",
        "",
    ): (
        "very low",
        ["indirect-for-goal", "no-figure"],
    ),
    ("mood-stress", "tbi-hads-anxiety", "HADS-Anxiety", "visits 2 and 3"): (
        "very low",
        ["indirect-for-goal", "no-interval"],
    ),
    ("mood-stress", "captain-ii", "Multidimensional ensemble of outcome scales", "day 90"): (
        "low",
        ["indirect-for-goal", "below-information-size"],
    ),
    ("mood-stress", "captain-ii", "Multidimensional ensemble of outcome scales", "day 10"): (
        "very low",
        ["indirect-for-goal", "no-figure"],
    ),
    ("mood-stress", "captain-ii-cost-effectiveness", "HADS-Depression", "3 months"): (
        "very low",
        ["indirect-for-goal", "no-interval"],
    ),
    ("mood-stress", "captain-ii-cost-effectiveness", "HADS-Anxiety", "3 months"): (
        "very low",
        ["indirect-for-goal", "no-interval"],
    ),
    ("mood-stress", "ptsd-mice", "Serum corticosterone", ""): (
        "very low",
        ["animal", "no-figure"],
    ),
    ("mood-stress", "ptsd-mice", "Anxiety-like behaviour", ""): (
        "very low",
        ["animal", "no-figure"],
    ),
    ("mood-stress", "ptsd-mice", "Comparison with environmental enrichment", ""): (
        "very low",
        ["animal", "no-figure"],
    ),
    # before and after in each arm: descriptive, not a comparison, so not rated (#26)
    ("sleep", "neuropathy-rct", "Composite symptom score", "6 weeks"): (
        None,
        [],
    ),
    ("longevity", "ad-meta-analysis-smd", "Cognitive function", "4 weeks"): (
        "very low",  # its population and outcome both differ from the goal's: -2
        ["indirect-for-goal", "below-information-size"],
    ),
    ("longevity", "cadasil-mice", "Lifespan", ""): (
        "very low",
        ["animal", "no-figure"],
    ),
    ("longevity", "cadasil-mice", "Epigenetic ageing markers", ""): (
        "very low",
        ["animal", "no-figure"],
    ),
    ("longevity", "cadasil-mice", "Spatial memory", ""): (
        "very low",
        ["animal", "no-figure"],
    ),
    ("longevity", "cadasil-mice", "SIRT6 and CGRP expression", ""): (
        "very low",
        ["animal", "no-figure"],
    ),
    ("immune", "mci-immune", "Serum IL-10", "6-22 weeks"): (
        "very low",
        ["indirect-for-goal", "no-figure"],
    ),
    ("immune", "mci-immune", "Humoral immunity markers (immunoglobulins)", "6-22 weeks"): (
        "very low",
        ["indirect-for-goal", "no-figure"],
    ),
    ("energy-mitochondria", "rat-stroke-mitochondria", "Mitochondrial dysfunction", ""): (
        "very low",
        ["animal", "no-figure"],
    ),
    ("energy-mitochondria", "rat-stroke-mitochondria", "Energy metabolism", ""): (
        "very low",
        ["animal", "no-figure"],
    ),
    ("energy-mitochondria", "rat-stroke-mitochondria", "c-fos gene expression", ""): (
        "very low",
        ["animal", "no-figure"],
    ),
    ("energy-mitochondria", "ketamine-mice", "Hippocampal ATP", ""): (
        "very low",
        ["animal", "no-figure"],
    ),
    ("energy-mitochondria", "ketamine-mice", "Hippocampal reactive oxygen species", ""): (
        "very low",
        ["animal", "no-figure"],
    ),
    ("energy-mitochondria", "ketamine-mice", "CREB and PGC-1α protein", ""): (
        "very low",
        ["animal", "no-figure"],
    ),
    ("hair", "hair-case-series", "Scalp hair colour", ""): (
        "very low",
        ["no-figure"],
    ),
    ("hair", "hair-case-series", "Melanin in scalp biopsies (immunostaining)", ""): (
        "very low",
        ["no-figure"],
    ),
    ("athletic", "excitotoxicity-animal", "Neuroprotection against excitotoxicity", ""): (
        "very low",
        ["animal", "no-figure"],
    ),
    ("athletic", "stress-tolerance-review", "Tolerance to stress", ""): (
        "very low",
        ["indirect-for-goal", "no-figure"],
    ),
    ("liver-heart", "stroke-liver-ast", "AST", ""): (
        "very low",
        ["indirect-for-goal", "no-figure"],
    ),
    ("liver-heart", "lps-liver-animal", "Liver necrosis", ""): (
        "very low",
        ["animal", "no-figure"],
    ),
}


def test_every_outcome_of_the_bundled_file_has_its_certainty(run):
    rows = run.json("studies", "--json")
    got = {
        (r["goal"], r["study"], r["measure"], r["timepoint"]): (
            r["certainty"],
            [reason["code"] for reason in r["certainty_reasons"]],
        )
        for r in rows
    }
    assert got == EXPECTED
    assert all(r["reading"] for r in rows)


def reading(run, goal, study, measure, when=None):
    rows = run.json("studies", "--goal", goal, "--json")
    [row] = [
        r
        for r in rows
        if r["study"] == study
        and r["measure"] == measure
        and (when is None or r["timepoint"] == when)
    ]
    return row["reading_detail"]


def test_the_smd_as_a_probability_of_superiority(run):
    found = reading(run, "longevity", "ad-meta-analysis-smd", "Cognitive function")
    # Φ(0.40/√2): a negative SMD favours Cerebrolysin here (lower scores are better)
    assert found["re_expressed"]["value"] == 0.611
    assert round(0.5 * (1 + math.erf(0.40 / 2)), 3) == 0.611
    # its interval, the publication's from a source note (-0.66 to -0.13), excludes no effect
    assert found["statement"] == (
        "The evidence is very uncertain about the effect of Cerebrolysin on Cognitive function."
    )
    assert "about 61% of the time" in found["explanation"]
    assert "An SMD of -0.40" in found["explanation"]


def test_the_log_odds_ratio_as_an_odds_ratio(run):
    found = reading(run, "memory", "ad-meta-analysis-cgi", "CGI")
    assert found["re_expressed"] == {
        "kind": "odds-ratio",
        "value": 3.25,
        "ci_low": 2.11,
        "ci_high": 5.02,
        "assumes": "natural logarithm",
    }
    assert found["statement"] == (
        "Cerebrolysin may increase Clinical Global Impression (CGI)."  # low certainty
    )


def test_a_mann_whitney_effect_as_a_chance_of_doing_better(run):
    found = reading(run, "stroke", "cars", "ARAT")
    assert found["re_expressed"]["value"] == 0.62
    assert found["re_expressed"]["cohens_d"] == 0.43  # √2·Φ⁻¹(0.62), interpretation.md
    assert found["re_expressed"]["size"] == "small"  # between 0.56 and 0.64
    captain = reading(
        run, "stroke", "captain-ii", "Multidimensional ensemble of outcome scales", "day 90"
    )
    assert captain["re_expressed"]["cohens_d"] == 0.32


def test_the_mmse_reading_shows_mcids_with_their_caveats_and_no_verdict(run):
    found = reading(run, "memory", "vad-meta-analysis", "MMSE")
    assert found["statement"] == (
        "Cerebrolysin may increase Mini-Mental State Examination (MMSE)."  # low
    )
    assert [m["id"] for m in found["mcids"]] == ["mmse-andrews-2019", "smmse-howard-2011"]
    assert [m["value"] for m in found["mcids"]] == ["1-3", "1.4"]
    caveats = found["mcids"][1]["caveats"]
    assert caveats[0].startswith("derived from change within patients")
    assert caveats[1].endswith("not mild-to-moderate vascular dementia")
    text = " ".join(found.values() if False else [found["statement"], found["explanation"]])
    for verdict in ("statistically significant", "above the MCID", "below the MCID", "meets"):
        assert verdict not in text


def test_an_nnt_says_what_it_depends_on(run):
    found = reading(run, "stroke", "cars", "NIHSS")
    assert found["re_expressed"] == {
        "kind": "number-needed-to-treat",
        "value": 7.1,
        "rounded_up": 8,
    }
    assert "depends on the baseline risk, the time frame and the outcome" in found["explanation"]


def test_the_cost_effectiveness_figure_is_not_read_as_an_effect(run):
    found = reading(run, "mood", "captain-ii-cost-effectiveness", "HADS-Depression")
    assert found["re_expressed"] is None
    assert found["statement"].endswith(
        "is a finding of a model, not an effect of Cerebrolysin: no statement of benefit applies."
    )


def test_a_published_rating_is_shown_beside_the_computed_one(run):
    goal = run.json("show", "longevity", "--json")
    outcome = goal["studies"][0]["outcomes"][0]
    assert outcome["certainty"]["level"] == "very low"
    assert outcome["certainty"]["label"] == "rule-based pre-assessment, not a GRADE panel's rating"
    assert outcome["certainty"]["published"][0]["level"] == "low or very low"


def test_goal_certainty_and_the_tier_flag(run):
    goals = {g["id"]: g for g in run.json("goals", "--json")}
    assert (
        goals["cognition-memory"]["certainty"],
        goals["cognition-memory"]["certainty_basis"],
    ) == (
        "low",  # the review's trials are at high risk of bias, as its 2019 update says
        "MMSE",  # its lowest critical outcome (the first of the lowest)
    )
    assert goals["stroke-injury-recovery"]["certainty"] == "low"  # at Tier 2, which claims low
    # its one critical outcome is from people recovering from brain injury: indirect
    assert (goals["mood-stress"]["certainty"], goals["mood-stress"]["certainty_basis"]) == (
        "very low",
        "HADS-Anxiety",
    )
    assert (goals["sleep"]["certainty"], goals["sleep"]["certainty_basis"]) == (
        None,
        "no critical outcome is rated: each is descriptive",
    )
    codes = {goal: [f["code"] for f in g["flags"]] for goal, g in goals.items()}
    assert "tier-above-certainty" in codes["cognition-memory"]  # Tier 3 claims moderate
    assert "tier-above-certainty" not in codes["stroke-injury-recovery"]
    assert "tier-above-certainty" not in codes["gut"]  # Tier 1 claims nothing


def test_explain_shows_the_working(run):
    out = run("explain", "memory", "--measure", "mmse").stdout.splitlines()
    assert out[0] == "Cognition & Memory (cognition-memory) · Tier 3 (stated 3) · Cerebrolysin"
    assert (
        "  start                 starts at high: meta-analysis of randomised studies "
        "[start-meta-analysis]"
    ) in out
    # a within-patient MCID is context, never a threshold: the interval excludes no effect
    assert (
        "  imprecision        0  the interval 0.37 to 1.82 (as reported) excludes no effect, and "
        "597 participants meet the optimal information size (400 for a continuous outcome) "
        "[precise]"
    ) in out
    assert (
        "  inconsistency     -1  the trials are heterogeneous, as Cui 2019, the update of this "
        "Cochrane review (CD008900) judges them [heterogeneity-judged]"
    ) in out
    assert (
        "  risk of bias      -1  high risk of bias (authors, Cui 2019, the update of this "
        "Cochrane review (CD008900), which found no new trials) [rob-high]"
    ) in out
    assert "  = low" in out
    data = run.json("explain", "memory", "--study", "vad-meta-analysis", "--json")
    assert [o["measure"] for o in data["outcomes"]] == ["MMSE", "ADAS-cog+"]
    assert data["label"] == "rule-based pre-assessment, not a GRADE panel's rating"
    missing = run("explain", "memory", "--measure", "nothing")
    assert (missing.exit_code, missing.stdout) == (1, "")


def test_explain_with_a_wrong_study_or_measure_lists_what_there_is(run):
    """N15: as a mistyped goal gets "did you mean", a wrong --study lists the studies with
    outcomes, and a wrong --measure the measures (of the study, when one is given)."""
    data = run.json("explain", "memory", "--json")
    studies = list(dict.fromkeys(o["study"] for o in data["outcomes"]))
    wrong = run("explain", "memory", "--study", "nope")
    assert (wrong.exit_code, wrong.stdout) == (1, "")
    assert wrong.stderr == (
        "peptide-cli: no study 'nope' has outcomes for goal 'cognition-memory'; its studies: "
        + ", ".join(studies)
        + "\n"
    )
    measures = list(
        dict.fromkeys(o["measure"] for o in data["outcomes"] if o["study"] == "vad-meta-analysis")
    )
    assert measures == ["MMSE", "ADAS-cog+"]
    wrong = run("explain", "memory", "--study", "vad-meta-analysis", "--measure", "zzz")
    assert wrong.stderr == (
        "peptide-cli: no outcome of study 'vad-meta-analysis' of goal 'cognition-memory' has a "
        "measure containing 'zzz'; its measures: 'MMSE', 'ADAS-cog+'\n"
    )


def test_show_has_a_certainty_column_and_a_reading(run):
    out = " ".join(run("show", "memory", env={"COLUMNS": "200"}).stdout.split())
    assert "Certainty, that of its lowest critical outcome: low (MMSE)" in out
    assert "MMSE: Reading: Cerebrolysin may increase" in out


# Properties over generated claims files --------------------------------------------------------

DESIGNS = ["meta-analysis", "rct", "observational", "case-series", "animal", "cost-effectiveness"]


@st.composite
def claims(draw):
    design = draw(st.sampled_from(DESIGNS))
    species = "rat" if design == "animal" else draw(st.sampled_from(["human", "mouse"]))
    n = draw(st.integers(min_value=1, max_value=5000))
    value = draw(st.floats(min_value=-5, max_value=5, allow_nan=False).map(lambda x: round(x, 2)))
    width = draw(st.floats(min_value=0.01, max_value=3).map(lambda x: round(x, 2)))
    with_ci = draw(st.booleans())
    indirect = draw(st.booleans())
    text = edit("design: rct", f"design: {design}")
    text = edit("species: human", f"species: {species}", text)
    text = edit("n: 10\n", f"n: {n}\n", text)
    ci = f"ci: {{low: {round(value - width, 2)}, high: {round(value + width, 2)}, level: 0.95}}"
    text = edit("value: 1.5\n", f"value: {value}\n", text)
    old = "            ci: {low: 0.5, high: 2.5, level: 0.95}\n"
    text = edit(old, f"            {ci}\n" if with_ci else "", text)
    if indirect:
        text = edit(
            "        studies: [trial-one]\n",
            "        studies: [trial-one]\n        indirect: {trial-one: another question}\n",
            text,
        )
    return text, design, species, with_ci


def assessed(text):
    catalog = _validate([("claims.yaml", text.encode())]).catalog
    compound, goal = entries(catalog)[0]
    study = compound.studies[0]
    return certainty.assess(catalog, compound, goal, study, study.outcomes[0])


PROPERTIES = settings(max_examples=150, deadline=None, derandomize=True, database=None)


@PROPERTIES
@given(claims())
def test_animal_only_evidence_never_rates_above_low(case):
    text, design, _, _ = case
    found = assessed(text)
    if design == "animal":
        assert certainty.LEVELS.index(found.level) <= certainty.LEVELS.index("low")


@PROPERTIES
@given(claims())
def test_one_study_never_counts_as_consistent(case):
    found = assessed(case[0])
    [inconsistency] = [r for r in found.reasons if r.domain == "inconsistency"]
    assert inconsistency.code == "inconsistency-not-assessable"
    assert "not assessable" in inconsistency.words


@PROPERTIES
@given(claims())
def test_no_interval_never_escapes_imprecision(case):
    text, _, _, with_ci = case
    found = assessed(text)
    codes = [r.code for r in found.reasons if r.domain == "imprecision" and r.levels < 0]
    if not with_ci:
        assert "no-interval" in codes


@PROPERTIES
@given(claims())
def test_the_same_file_always_gives_the_same_result(case):
    assert assessed(case[0]) == assessed(case[0])


@pytest.mark.parametrize("design", DESIGNS)
def test_a_level_is_never_below_very_low_nor_above_the_start(design):
    text = edit("design: rct", f"design: {design}")
    text = edit("species: human", "species: rat" if design == "animal" else "species: human", text)
    found = assessed(text)
    assert certainty.LEVELS.index(found.level) <= certainty.LEVELS.index(certainty.START[design])


def test_explain_a_goal_without_outcomes_says_no_certainty_applies(run):
    result = run("explain", "gut")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines()[-1] == (
        "No outcome is recorded for this goal: no certainty applies."
    )
    assert run.json("explain", "gut", "--json")["outcomes"] == []
    filtered = run("explain", "gut", "--measure", "anything")  # a filter that leaves none
    assert (filtered.exit_code, filtered.stdout) == (1, "")
