"""The plain statement of a result on GRADE's size-by-certainty grid (Santesso 2020), at the
rules' boundaries, and a property: no statement claims an effect a null result does not show."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peptide_cli.catalog.models import Arm, ConfidenceInterval, Outcome, PValue, Study
from peptide_cli.evidence import certainty

STUDY = Study(id="t", label="T", design="rct", species="human", population=".", n=100)


def say(level, **fields):
    fields.setdefault("measure", "Pain")
    fields.setdefault("effect_type", "mean-difference")
    return certainty._statement("Testium", STUDY, Outcome(**fields), level)


def ci(low, high):
    return ConfidenceInterval(low=low, high=high)


@pytest.mark.parametrize(
    ("level", "fields", "expected"),
    [
        # the verb follows the estimate's direction, hedged by certainty
        ("high", {"value": -2.0, "ci": ci(-3.0, -1.0)}, "Testium reduces Pain."),
        ("moderate", {"value": -2.0, "ci": ci(-3.0, -1.0)}, "Testium probably reduces Pain."),
        ("low", {"value": 2.0, "ci": ci(1.0, 3.0)}, "Testium may increase Pain."),
        (
            "very low",
            {"value": 2.0, "ci": ci(1.0, 3.0)},
            "The evidence is very uncertain about the effect of Testium on Pain.",
        ),
        # an interval ending exactly at no effect includes it; one step past it does not
        (
            "moderate",
            {"value": -2.0, "ci": ci(-3.0, 0.0)},
            "The result shows no clear difference in Pain: its interval includes no effect.",
        ),
        ("moderate", {"value": -2.0, "ci": ci(-3.0, -0.01)}, "Testium probably reduces Pain."),
        # no interval: p at most 0.05 reads with its direction, above it as no clear difference
        ("low", {"value": -2.0, "p": PValue(value=0.05)}, "Testium may reduce Pain."),
        (
            "low",
            {"value": -2.0, "p": PValue(value=0.051)},
            "The result shows no clear difference in Pain.",
        ),
        (
            "moderate",
            {"value": -0.6, "p": PValue(value=0.08)},
            "The result shows no clear difference in Pain.",
        ),
        (
            "moderate",
            {"value": -0.6, "conclusion": "no-difference"},
            "The result shows no clear difference in Pain.",
        ),
    ],
)
def test_a_mean_difference_is_stated_by_its_direction_interval_and_certainty(
    level, fields, expected
):
    assert say(level, **fields) == expected


@pytest.mark.parametrize(
    ("interval", "value", "expected"),
    [
        # wholly inside the trivial band (0.75 to 1.25): little or no difference
        (
            (0.80, 1.20),
            0.97,
            "Testium probably makes little or no difference to Death.",
        ),
        # an important estimate whose interval crosses no effect (ETASS's 0.74, 0.54 to 1.02)
        (
            (0.54, 1.02),
            0.74,
            "Testium probably reduces Death, but the result is also compatible with no effect.",
        ),
        # the band's edge is not inside it
        (
            (0.75, 1.20),
            0.97,
            "The result shows no clear difference in Death: its interval includes no effect.",
        ),
        (
            (0.60, 1.20),
            0.75,
            "Testium probably reduces Death, but the result is also compatible with no effect.",
        ),
        (
            (0.60, 1.20),
            0.76,
            "The result shows no clear difference in Death: its interval includes no effect.",
        ),
    ],
)
def test_a_ratio_crossing_no_effect_is_trivial_only_inside_the_band(interval, value, expected):
    found = say(
        "moderate", measure="Death", effect_type="risk-ratio", value=value, ci=ci(*interval)
    )
    assert found == expected


@pytest.mark.parametrize(
    "fields",
    [
        {"effect_type": "percent-change", "arms": [Arm(group="a", value=-15.0)]},
        {"effect_type": "before-after", "arms": [Arm(group="a", value=1.0)]},
        {"effect_type": "responder-rate", "arms": [Arm(group="a", value=91.6)]},
    ],
)
def test_rows_of_change_within_groups_are_descriptive_not_rated(fields):
    outcome = Outcome(measure="Weight", **fields)
    assert certainty.descriptive(outcome)
    assessed = certainty.assess(None, None, None, STUDY, outcome)  # no catalog is needed
    assert (assessed.level, [r.code for r in assessed.reasons]) == (None, ["descriptive"])
    assert certainty._statement("Testium", STUDY, outcome, None) == (
        "Weight is described within each group, or in one group alone: that is not a "
        "comparison, so no effect of Testium follows from it."
    )


def test_two_arms_responder_rates_are_a_comparison():
    outcome = Outcome(
        measure="Responders",
        effect_type="responder-rate",
        arms=[Arm(group="a", value=86.4), Arm(group="b", value=31.5)],
    )
    assert not certainty.descriptive(outcome)
    assert certainty._statement("Testium", STUDY, outcome, "low") == (
        "Testium may increase Responders."
    )


def test_one_group_s_rate_says_it_cannot_show_an_effect():
    outcome = Outcome(
        measure="Pain relief",
        effect_type="responder-rate",
        unit="%",
        decimals=1,
        arms=[Arm(group="BPC-157 alone", value=91.6)],
    )
    assert certainty._re_express(outcome) == (
        {"kind": "single-group-rate", "value": 91.6},
        "91.6% of one group (BPC-157 alone), with no comparison group: this cannot show an effect.",
    )


CLAIMS = ("reduce", "increase", "improve")


@given(
    value=st.floats(-50, 50, allow_nan=False),
    p=st.floats(0.0500001, 1.0),
    level=st.sampled_from(["high", "moderate", "low", "very low"]),
)
def test_no_statement_claims_an_effect_when_p_is_above_0_05(value, p, level):
    said = say(level, value=value, p=PValue(value=p))
    assert not any(word in said for word in CLAIMS), said


@given(
    low=st.floats(-50, 0, allow_nan=False),
    high=st.floats(0, 50, allow_nan=False),
    level=st.sampled_from(["high", "moderate", "low"]),
)
def test_a_mean_difference_whose_interval_includes_no_effect_claims_none(low, high, level):
    said = say(level, value=(low + high) / 2, ci=ci(low, high))
    assert not any(word in said for word in CLAIMS), said
