"""Imprecision as GRADE 6 judges it (#26 item 4) and absolute effects from counts (item 5): one
judgement per domain against the target "is there any effect", an optimal information size by
outcome type, intervals from counts and source notes, and each rule at its boundary. The
interval methods are checked against statsmodels."""

import math

import pytest
from statsmodels.stats import power, proportion

from peptide_cli.catalog.models import (
    Arm,
    ConfidenceInterval,
    Goal,
    Outcome,
    Publication,
    PublishedFigure,
    PValue,
    SourceNote,
    Study,
    Timepoint,
)
from peptide_cli.evidence import certainty, effects

from helpers import EMPTY_CATALOG, LOW_RISK, invented_compound

CATALOG = EMPTY_CATALOG
GOAL = Goal(id="g", name="G", summary=".", studies=["t"])


def smd(low, high, **fields):
    return Outcome(
        measure="Pain",
        effect_type="smd",
        value=(low + high) / 2,
        ci=ConfidenceInterval(low=low, high=high),
        better="lower",
        **fields,
    )


def judged(outcome, n=1000, control_risk=None):
    study = Study(
        id="t",
        label="T",
        design="rct",
        species="human",
        population=".",
        n=n,
        publication="p",
        risk_of_bias=LOW_RISK,
        outcomes=[outcome],
    )
    where = invented_compound(publications=[Publication(id="p")], studies=[study])
    done = certainty.assess(CATALOG, where, GOAL, study, outcome, control_risk)
    (reason,) = [r for r in done.reasons if r.domain == "imprecision"]
    return reason.code, reason.levels


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (399, ("below-information-size", -1)),
        (400, ("precise", 0)),
        (401, ("precise", 0)),
    ],
)
def test_a_continuous_outcome_needs_400_participants(n, expected):
    assert judged(smd(-0.6, -0.3), n=n) == expected


@pytest.mark.parametrize(
    ("interval", "expected"),
    [
        # an interval ending exactly at no effect includes it
        ((-0.6, 0.0), ("crosses-no-effect", -1)),
        ((-0.6, -0.01), ("precise", 0)),
        # narrow around no effect, inside the trivial range (SMD 0.2): precise about no effect
        ((-0.19, 0.19), ("precise-no-difference", 0)),
        ((-0.2, 0.19), ("crosses-no-effect", -1)),
        # spanning an important benefit and an important harm: very serious, one judgement
        ((-0.21, 0.21), ("wide", -2)),
    ],
)
def test_an_interval_is_judged_against_no_effect_and_the_trivial_range(interval, expected):
    assert judged(smd(*interval)) == expected


def test_a_narrow_interval_wholly_in_benefit_is_not_rated_down_for_a_ratio_threshold():
    # the old rule docked a ratio interval crossing 0.75 even when it excluded no effect (M5c)
    ratio = Outcome(
        measure="Deaths",
        effect_type="hazard-ratio",
        value=0.8,
        ci=ConfidenceInterval(low=0.72, high=0.9),
        better="lower",
    )
    assert judged(ratio, n=17604, control_risk=0.08) == ("precise", 0)
    # without the comparator's risk the events-based size cannot be checked
    assert judged(ratio, n=17604) == ("below-information-size", -1)


def counts(events, total, control_events, control_total, **fields):
    return Outcome(
        measure="Deaths",
        effect_type="qualitative",
        finding="deaths",
        better="lower",
        arms=[
            Arm(group="drug", events=events, total=total),
            Arm(group="placebo", events=control_events, total=control_total),
        ],
        **fields,
    )


def test_a_binary_outcomes_information_size_comes_from_the_comparators_risk():
    # 24.1% (132 of 547): 716 a group for a 25% relative reduction, at alpha 0.05, power 0.8
    assert effects.optimal_information_size(132 / 547) == 1430
    # a clear difference from the counts (whose own comparator's risk, 18.5%, sets a size of
    # 1,982), in a trial one participant short of it, and at it
    clear = counts(60, 1021, 189, 1021)
    assert effects.optimal_information_size(189 / 1021) == 1982
    assert judged(clear, n=1981) == ("below-information-size", -1)
    assert judged(clear, n=1982) == ("precise", 0)


def test_counts_give_the_interval_around_the_absolute_effect():
    tests = counts(127, 542, 132, 547)
    assert judged(tests, n=1089) == ("crosses-no-effect", -1)
    found = certainty.interval(tests)
    assert found is not None
    assert (round(found.low, 2), round(found.high, 2)) == (-5.75, 4.36)
    assert found.where.startswith("of the risk difference, computed from the counts (Newcombe")


def test_an_interval_a_source_note_gives_is_used():
    note = SourceNote(
        kind="adds",
        text=".",
        publications=["p"],
        figures=[
            PublishedFigure(
                label="Mann-Whitney",
                value=0.59,
                ci=ConfidenceInterval(low=0.52, high=0.66),
                publication="p",
            )
        ],
    )
    outcome = Outcome(
        measure="Ensemble",
        effect_type="mann-whitney",
        value=0.59,
        better="higher",
        source_notes=[note],
    )
    assert judged(outcome, n=400) == ("precise", 0)
    found = certainty.interval(outcome)
    assert (
        found is not None and found.where == "the publication's, from a source note (Mann-Whitney)"
    )


@pytest.mark.parametrize(
    ("outcome", "n", "expected"),
    [
        (Outcome(measure="X", effect_type="qualitative", finding="."), 400, ("no-figure", -1)),
        (Outcome(measure="X", effect_type="qualitative", finding="."), 399, ("no-figure", -2)),
        (
            Outcome(measure="X", effect_type="smd", value=0.3, p=PValue(value=0.01)),
            400,
            ("no-interval", -1),
        ),
        (
            Outcome(measure="X", effect_type="smd", value=0.3, p=PValue(value=0.01)),
            399,
            ("no-interval", -2),
        ),
    ],
)
def test_with_no_interval_precision_is_unknown_and_a_small_study_makes_it_very_serious(
    outcome, n, expected
):
    assert judged(outcome, n=n) == expected


def test_the_risk_difference_and_its_interval_match_statsmodels():
    for case in [(47, 181, 63, 180), (127, 542, 132, 547), (0, 20, 3, 20), (19, 20, 10, 20)]:
        d, low, high = effects.risk_difference(effects.Risks(*case))
        ref_low, ref_high = proportion.confint_proportions_2indep(*case, method="newcomb")
        assert d == pytest.approx(case[0] / case[1] - case[2] / case[3])
        assert (low, high) == (pytest.approx(ref_low), pytest.approx(ref_high))


def test_the_95_percent_quantile_is_the_normal_distributions():
    from statistics import NormalDist

    assert NormalDist().inv_cdf(0.975) == effects.Z
    assert NormalDist().inv_cdf(1 - effects.ALPHA / 2) == effects.Z
    assert NormalDist().inv_cdf(effects.POWER) == effects.Z_POWER


def test_the_information_size_matches_statsmodels():
    for risk in (0.05, 0.241, 0.35, 0.6):
        p1, p2 = risk, risk * 0.75
        sd = math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
        per_group = power.normal_sample_size_one_tail(
            p1 - p2, 0.8, 0.025, std_null=sd, std_alternative=sd
        )
        assert effects.optimal_information_size(risk) == 2 * math.ceil(per_group)


def test_the_number_needed_to_treat_and_altmans_interval():
    # ETASS: 47 of 181 vs 63 of 180 died; the difference's interval includes none
    found = effects.absolute(effects.Risks(47, 181, 63, 180), "lower")
    assert (found["value"], found["ci_low"], found["ci_high"]) == (-9.0, -18.3, 0.5)
    assert found["nnt"] == {
        "kind": "benefit",
        "value": 12,
        "bounded": False,
        "benefit_from": 5.5,
        "harm_from": 215.6,
        "method": "from the risk difference's interval (Altman 1998)",
    }
    bounded = effects.absolute(effects.Risks(90, 100, 30, 100), "higher")["nnt"]
    assert (bounded["kind"], bounded["value"], bounded["bounded"]) == ("benefit", 2, True)
    assert bounded["ci_low"] < 1 / 0.6 < bounded["ci_high"]


def test_a_ratio_is_re_expressed_per_1000_at_the_comparators_risk():
    assert effects.per_thousand(0.241, "risk-ratio", 0.69, 0.60, 0.80) == {
        "kind": "per-1000",
        "control": 241,
        "treated": 166,
        "difference": -75,
        "ci_low": -96,
        "ci_high": -48,
    }
    # a hazard ratio as 1 - (1 - risk) ^ HR; an odds ratio through the odds
    assert effects.anticipated(0.2, "hazard-ratio", 0.5) == pytest.approx(1 - 0.8**0.5)
    assert effects.anticipated(0.2, "odds-ratio", 2.0) == pytest.approx(0.4 / 1.2)


def test_the_summary_of_findings_gives_the_anticipated_absolute_effect():
    from peptide_cli.render.report import absolute

    etass = effects.absolute(effects.Risks(47, 181, 63, 180), "lower")
    assert (
        absolute(etass) == "26% vs 35%: -9 points (-18.3 to +0.5); NNT 12, its interval unbounded"
    )
    gu = effects.per_thousand(132 / 547, "risk-ratio", 0.69, 0.60, 0.80)
    assert absolute(gu) == "241 vs 167 per 1,000: -74 (-96 to -48)"
    assert absolute(None) == ""


def test_explain_gives_each_outcome_its_body_and_absolute_effect(run, monkeypatch):
    monkeypatch.delenv("PEPTIDE_CLI_DATA")  # the bundled catalog
    data = run.json("explain", "sepsis", "--compound", "thymosin-alpha-1", "--json")
    mortality = data["bodies"][0]
    assert (mortality["outcome"], mortality["importance"], mortality["importance_marked"]) == (
        "All-cause mortality",
        "critical",
        True,
    )
    assert [(r["study"], r["counted"]) for r in mortality["results"]] == [
        ("tests", True),
        ("etass", True),
        ("li2015", False),
        ("bmcid2016", False),
        ("gu2018", True),
    ]
    assert mortality["certainty"]["level"] == "low"
    codes = {r["domain"]: r["code"] for r in mortality["certainty"]["reasons"]}
    assert codes["inconsistency"] == "largest-disagrees"  # TESTS against the pooled trials
    assert data["target"].startswith("certainty that there is an effect at all")
    tests = data["outcomes"][0]["reading"]["absolute"]
    assert (tests["value"], tests["ci_low"], tests["ci_high"]) == (-0.7, -5.7, 4.4)


@pytest.mark.parametrize(
    ("pools", "start"),
    [("randomised", "high"), ("mixed", "low"), ("non-randomised", "low"), (None, "low")],
)
def test_a_synthesis_starts_at_the_level_of_the_designs_it_pools(pools, start):
    study = Study(
        id="m", label="M", design="meta-analysis", species="human", population=".", pools=pools
    )
    assert certainty.start_of(study) == start
    words = certainty._design_words(study)
    assert words == (
        f"meta-analysis of {pools} studies"
        if pools
        else "meta-analysis of studies not recorded as randomised"
    )


def test_intervals_are_shown_as_reported_and_absolute_effects_say_fewer_or_more():
    gu = Outcome(
        measure="Deaths",
        effect_type="risk-ratio",
        value=0.69,
        decimals=2,
        ci=ConfidenceInterval(low=0.60, high=0.80),
        better="lower",
    )
    found = certainty.interval(gu)
    assert found is not None and certainty._ends(found) == "0.60 to 0.80"
    _, words = certainty.absolute_effect(gu, 132 / 547)
    assert words.endswith("74 fewer per 1,000 (95% CI 96 fewer to 48 fewer; computed).")
    ranged = counts(1, 10, 5, 10, timepoint=Timepoint(value=1, value_max=14, unit="day"))
    assert certainty.absolute_effect(ranged, None)[1].startswith(
        "In absolute terms (at 1 to 14 days):"
    )
