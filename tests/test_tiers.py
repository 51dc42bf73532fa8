"""The tier rules at their boundaries, through the library: each case sits on a threshold or one
step past it, so that moving a threshold by one step fails a test."""

import pytest

from peptide_cli.catalog.models import (
    Catalog,
    ConfidenceInterval,
    Goal,
    Outcome,
    PValue,
    Study,
    Tier,
)
from peptide_cli.evidence import tiers

SCALE = [
    Tier(tier=1, label="No Evidence", meaning="."),
    Tier(tier=2, label="Plausible", meaning=".", certainty="low", null_label="Tested: No Benefit"),
    Tier(tier=3, label="Probable", meaning=".", certainty="moderate"),
    Tier(tier=4, label="Established", meaning=".", certainty="high"),
]
CATALOG = Catalog(tier_scale=SCALE, compounds=[], mcids=[], files=[])
GOAL = Goal(id="focus", name="Focus", summary=".")


def outcome(value=1.5, low=0.5, high=2.5, p=None, relation="=", effect="mean-difference"):
    ci = None if low is None else ConfidenceInterval(low=low, high=high)
    p_value = None if p is None else PValue(relation=relation, value=p)
    return Outcome(
        measure="Score", effect_type=effect, value=value, ci=ci, p=p_value, better="higher"
    )


def trial(name, n, result="benefit", *, blinding=None, phase=None, based_on=None):
    """A confirmed, direct, randomised human trial of N participants with one RESULT."""
    found = {
        "benefit": outcome(),
        "null": outcome(value=0.2, low=-0.5, high=0.9),
        "harm": outcome(value=-1.5, low=-2.5, high=-0.5),
    }[result]
    return Study(
        id=name,
        label=name,
        design="rct",
        species="human",
        population=".",
        n=n,
        publication=f"pub-{name}",
        blinding=blinding,
        phase=phase,
        based_on=based_on,
        outcomes=[found],
    )


@pytest.mark.parametrize(
    ("found", "expected"),
    [
        (outcome(low=0.0, high=2.5), "no-difference"),  # an interval ending at no effect
        (outcome(low=0.01, high=2.5), "benefit"),  # one step past it
        (outcome(value=-1.5, low=-2.5, high=0.0), "no-difference"),
        (outcome(value=-1.5, low=-2.5, high=-0.01), "harm"),
        (outcome(low=None, p=0.05), "benefit"),  # no interval: p at most 0.05
        (outcome(low=None, p=0.051), "no-difference"),
        (outcome(low=None, p=0.08), "no-difference"),
        (outcome(low=None, p=0.05, relation=">"), "no-difference"),
        (outcome(low=None, p=None), None),  # nothing says
        (outcome(value=1.0, low=0.8, high=1.0, effect="risk-ratio"), "no-difference"),
    ],
)
def test_a_result_is_read_from_its_interval_else_its_p_value(found, expected):
    assert tiers.result(found) == expected


def tier_of(studies, certainty="high"):
    done = tiers.compute(CATALOG, GOAL, studies, certainty)
    return done.tier, done.rule


def test_tier_4_needs_two_independent_favourable_trials_the_largest_of_1000():
    assert tier_of([trial("a", 1000), trial("b", 50)]) == (4, "replicated-large")
    assert tier_of([trial("a", 999), trial("b", 50)]) == (3, "direct-controlled")
    assert tier_of([trial("a", 5000)]) == (3, "direct-controlled")  # not replicated
    # a study of another's participants is not independent of it
    assert tier_of([trial("a", 1000), trial("b", 50, based_on="a")]) == (3, "direct-controlled")


@pytest.mark.parametrize(
    ("certainty", "expected"),
    [("high", 4), ("moderate", 3), ("low", 3), (None, 3)],
)
def test_tier_4_needs_the_certainty_the_scale_asks_of_it(certainty, expected):
    assert tier_of([trial("a", 1000), trial("b", 50)], certainty)[0] == expected


def test_a_null_trial_keeps_a_goal_from_tier_4_even_when_small():
    assert tier_of([trial("a", 1000), trial("b", 50), trial("c", 20, "null")]) == (
        3,
        "direct-controlled",
    )


@pytest.mark.parametrize(
    ("studies", "why"),
    [
        # the largest trial is null
        ([trial("big", 500, "null"), trial("small", 100)], "the largest direct controlled trial"),
        # the best-blinded is null, though smaller than a favourable open trial
        (
            [trial("open", 500, blinding="open"), trial("blind", 100, "null", blinding="double")],
            "the best-blinded direct controlled trial",
        ),
        # a pivotal (phase 3) trial is null, neither the largest nor the best-blinded
        (
            [trial("big", 500, blinding="double"), trial("p3", 100, "null", phase="3")],
            "the pivotal (phase 3) direct controlled trial",
        ),
        ([trial("big", 500, "harm")], "the largest direct controlled trial"),
    ],
)
def test_a_null_largest_blinded_or_pivotal_trial_is_tested_no_benefit(studies, why):
    done = tiers.compute(CATALOG, GOAL, studies, "high")
    assert (done.tier, done.rule) == (2, "tested-no-benefit")
    assert done.why.startswith(why)
    assert CATALOG.computed_label(done.tier, done.rule) == "Tested: No Benefit"


def test_a_null_phase_2_trial_that_is_neither_largest_nor_blinded_allows_tier_3():
    studies = [trial("big", 500, blinding="double"), trial("p2", 100, "null", phase="2")]
    assert tier_of(studies) == (3, "direct-controlled")


def test_the_label_of_a_tier_is_its_own_unless_tested_no_benefit():
    assert CATALOG.computed_label(2, "some-evidence") == "Plausible"
    assert CATALOG.computed_label(3, "direct-controlled") == "Probable"
    assert CATALOG.computed_label(4, "replicated-large") == "Established"


def test_the_stated_tier_stays_beside_the_computed_one():
    stated = Goal(id="focus", name="Focus", summary=".", tier=2, tier_max=3)
    done = tiers.compute(CATALOG, stated, [trial("a", 100)], "moderate")
    assert (done.tier, done.stated, done.stated_max, done.stated_range) == (3, 2, 3, "2-3")
    plain = tiers.compute(CATALOG, GOAL, [trial("a", 100)], "moderate")
    assert (plain.tier, plain.stated, plain.stated_range) == (3, None, None)


def test_overlapping_syntheses_are_not_independent_trials_for_tier_4():
    a, b = trial("a", 1000), trial("b", 50)
    assert tier_of([a, b]) == (4, "replicated-large")
    shared = Study(**{**{n: getattr(b, n) for n in b.__dataclass_fields__}, "overlaps": ["a"]})
    assert tier_of([a, shared]) == (3, "direct-controlled")


def test_studies_that_share_participants_are_grouped_either_way_and_transitively():
    from peptide_cli.evidence.bodies import sharing

    def named(name, overlaps=()):
        return Study(
            id=name, label=name, design="meta-analysis", population=".", overlaps=list(overlaps)
        )

    a, b, c, d = named("a", ["b"]), named("b"), named("c", ["b"]), named("d")
    assert [[s.id for s in g] for g in sharing([a, b, c, d])] == [["a", "b", "c"], ["d"]]
    assert [[s.id for s in g] for g in sharing([d, c, b, a])] == [["d"], ["c", "b", "a"]]
