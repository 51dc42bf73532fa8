"""How each effect type is re-expressed and explained (`certainty.RE_EXPRESS`), at the edges the
catalog tests do not reach: missing figures, arms and units. Invented outcomes throughout."""

from typing import get_args

import pytest

from peptide_cli.catalog.models import Arm, ConfidenceInterval, Outcome
from peptide_cli.evidence import certainty
from peptide_cli.vocabulary import EffectType

NO_FIGURE = (None, "No figure is reported.")


def re_express(effect_type: str, **fields: object) -> tuple[object, str]:
    return certainty._re_express(Outcome(measure="Score", effect_type=effect_type, **fields))


def test_every_effect_type_but_qualitative_has_a_converter():
    assert set(certainty.RE_EXPRESS) == set(get_args(EffectType)) - {"qualitative"}
    assert re_express("qualitative", value=1.0) == NO_FIGURE


@pytest.mark.parametrize(
    "effect_type",
    [
        "mann-whitney",
        "smd",
        "log-odds-ratio",
        "nnt",
        "mean-difference",
        "percentage-points",
        "hazard-ratio",
        "risk-ratio",
        "odds-ratio",
    ],
)
def test_an_effect_read_from_its_value_needs_one(effect_type):
    assert re_express(effect_type) == NO_FIGURE


@pytest.mark.parametrize("effect_type", ["probability", "effect-size", "before-after"])
def test_an_effect_explained_in_words_needs_no_value(effect_type):
    found, explanation = re_express(effect_type)
    assert found is None
    assert explanation != NO_FIGURE[1]


def test_a_mann_whitney_effect_without_an_interval():
    assert re_express("mann-whitney", value=0.62) == (
        {
            "kind": "probability-of-superiority",
            "value": 0.62,
            "ci_low": None,
            "ci_high": None,
            "cohens_d": 0.43,
            "size": "small",
        },
        "A treated patient did better than one given the comparator 62% of the time, ties "
        "counting half (50% would mean no difference); small by the converted Cohen "
        "conventions (0.56, 0.64, 0.71), about d = 0.43 (computed).",
    )
    # a combined effect across scales is a weighted summary, not one patient's chance (F10)
    assert re_express("mann-whitney", value=0.59, components=13)[1] == (
        "Across its 13 scales, a combined Mann-Whitney effect of 0.59 (0.5 would mean no "
        "difference): a weighted summary of each scale's effect, not the chance that a treated "
        "patient did better overall; small by the converted Cohen conventions (0.56, 0.64, "
        "0.71), about d = 0.32 (computed)."
    )
    assert re_express("mann-whitney", value=0.59, components=1)[1].startswith("A treated")


def test_an_smd_where_lower_is_better_turns_its_interval():
    found, explanation = re_express(
        "smd", value=-0.4, decimals=2, better="lower", ci=ConfidenceInterval(low=-0.6, high=-0.2)
    )
    # Φ(0.4/√2), and the ends Φ(0.2/√2) and Φ(0.6/√2), lowest first
    assert found == {
        "kind": "probability-of-superiority",
        "value": 0.611,
        "ci_low": 0.556,
        "ci_high": 0.664,
        "size": "small",
    }
    assert list(found) == ["kind", "value", "ci_low", "ci_high", "size"]
    assert explanation.startswith(
        "An SMD of -0.40 means a treated patient does better than one given the comparator about "
        "61% of the time"
    )


def test_a_log_odds_ratio_without_an_interval():
    found, explanation = re_express("log-odds-ratio", value=0.0)
    assert found == {
        "kind": "odds-ratio",
        "value": 1.0,
        "ci_low": None,
        "ci_high": None,
        "assumes": "natural logarithm",
    }
    assert explanation.startswith("As an odds ratio: 1.00, computed assuming")


def test_responder_rates_are_compared_only_between_two_arms_with_values():
    two = [Arm(group="Drug", value=45.5), Arm(group="Placebo", value=30.2)]
    assert re_express("responder-rate", arms=two) == (
        {"kind": "percentage-point-difference", "value": 15.3},
        "15.3 percentage points more responders with Drug than with Placebo (computed).",
    )
    assert re_express("responder-rate", arms=two[::-1])[1] == (
        "15.3 percentage points fewer responders with Placebo than with Drug (computed)."
    )
    assert re_express("responder-rate", arms=two, better="lower")[1] == (
        "15.3 percentage points more people with the event with Drug than with Placebo (computed)."
    )
    three = [*two, Arm(group="Other", value=10.0)]
    assert re_express("responder-rate", arms=three) == NO_FIGURE
    missing = [two[0], Arm(group="Placebo")]
    assert re_express("responder-rate", arms=missing) == NO_FIGURE


def test_a_percent_change_is_explained_only_with_arms():
    assert re_express("percent-change", value=-3.0) == NO_FIGURE
    assert re_express("percent-change", arms=[Arm(group="Drug", value=-3.0)]) == (
        None,
        "The mean change within each arm, not a difference between groups; a treatment "
        "difference, where one is reported, is its own row.",
    )


def test_differences_are_given_as_sizes_with_their_unit():
    assert re_express("mean-difference", value=-1.5, decimals=2) == (
        None,
        "A difference of 1.50 units between groups.",
    )
    assert re_express("mean-difference", value=2.0, unit="kg") == (
        None,
        "A difference of 2 kg between groups.",
    )
    assert re_express("percentage-points", value=-4.0) == (
        None,
        "A difference of 4 percentage points between groups.",
    )


@pytest.mark.parametrize(
    ("effect_type", "value", "decimals", "said"),
    [
        ("risk-ratio", 0.8, 2, "A risk ratio of 0.80: the risk is about 20% lower"),
        ("hazard-ratio", 1.0, None, "A hazard ratio of 1: the hazard is the same"),
        ("odds-ratio", 1.5, None, "A odds ratio of 1.5: the odds is about 50% higher"),
    ],
)
def test_a_ratio_is_read_as_a_relative_change(effect_type, value, decimals, said):
    assert re_express(effect_type, value=value, decimals=decimals) == (
        None,
        f"{said} with the treatment than with the comparator (computed). A ratio is relative: "
        "it says nothing of how common the outcome is.",
    )
