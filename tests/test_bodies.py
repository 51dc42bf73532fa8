"""Bodies of evidence (#26 items 1 and 3): a goal's results grouped by outcome, rated once across
their studies, overlapping syntheses counted once, inconsistency judged across the body, and the
goal's certainty the lowest of its critical outcomes. Each rule at its boundary."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peptide_cli.catalog.models import RiskOfBias, Timepoint
from peptide_cli.evidence.bodies import assess_goal, goal_certainty
from peptide_cli.evidence.certainty import LEVELS

from helpers import EMPTY_CATALOG, compound, outcome, problems, study

CATALOG = EMPTY_CATALOG


def bodies(*made, **goal):
    where, found = compound(*made, **goal)
    return assess_goal(CATALOG, where, found)[1]


def moved(body, domain):
    return [(r.code, r.levels) for r in body.certainty.reasons if r.domain == domain]


def test_results_group_by_measure_and_time_frame_unless_they_name_a_body():
    week = Timepoint(value=4, unit="week")
    made = bodies(
        study("a", outcome(measure="Deaths", timepoint=week)),
        study("b", outcome(measure="Deaths", timepoint=week)),
        study("c", outcome(measure="Deaths", timepoint=Timepoint(value=5, unit="week"))),
        study("d", outcome(measure="Mortality", body="Deaths")),
    )
    assert [(b.name, [r.study.id for r in b.results]) for b in made] == [
        ("Deaths", ["a", "b"]),
        ("Deaths", ["c"]),
        ("Deaths", ["d"]),  # `body` joins results whatever their time frame, not a measure's
    ]
    named = bodies(
        study("a", outcome(body="Deaths", timepoint=week)),
        study("d", outcome(measure="Mortality", body="Deaths")),
    )
    assert [[r.study.id for r in b.results] for b in named] == [["a", "d"]]


def test_a_single_result_is_rated_as_it_is_alone():
    (body,) = bodies(study("a", outcome()))
    assert body.certainty.level == "high"
    assert moved(body, "inconsistency") == [("inconsistency-not-assessable", 0)]


def test_overlapping_syntheses_count_once_the_most_recent_then_the_largest():
    made = bodies(
        study("old", outcome(), design="meta-analysis", n=2000, year=2015, overlaps=["new"]),
        study("new", outcome(), design="meta-analysis", n=900, year=2018),
        study("tie", outcome(), design="meta-analysis", n=901, year=2018, overlaps=["new"]),
    )
    (body,) = made
    assert [r.study.id for r in body.counted] == ["tie"]  # 2018, and larger than `new`
    assert body.set_aside == {
        0: "shares trials with TIE, counted instead as the most recent (then largest) of them",
        1: "shares trials with TIE, counted instead as the most recent (then largest) of them",
    }


def test_an_analysis_of_another_counted_studys_participants_is_set_aside():
    (body,) = bodies(study("main", outcome()), study("sub", outcome(), based_on="main"))
    assert [r.study.id for r in body.counted] == ["main"]
    assert body.set_aside == {1: "analyses participants of MAIN"}


@pytest.mark.parametrize(
    ("i2", "expected"),
    [(49, [("consistent", 0)]), (49.9, [("consistent", 0)]), (50, [("heterogeneity", -1)])],
)
def test_a_pooled_results_i2_at_50_percent_or_more_is_rated_down(i2, expected):
    (body,) = bodies(study("m", outcome(i2=i2), design="meta-analysis", trials=8))
    assert moved(body, "inconsistency") == expected


def test_the_largest_trial_finding_no_difference_against_a_pooled_effect_is_rated_down():
    # the interval of the largest trial ends exactly at no effect: it found no clear difference
    made = bodies(
        study("big", outcome(low=-0.2, high=0.0), n=1089),
        study("pool", outcome(low=-0.3, high=-0.1), design="meta-analysis", n=1425),
    )
    assert moved(made[0], "inconsistency") == [("largest-disagrees", -1)]
    assert made[0].certainty.level == "moderate"
    # one step inside the line of no effect, the largest trial finds an effect too
    agree = bodies(
        study("big", outcome(low=-0.2, high=-0.01), n=1089),
        study("pool", outcome(low=-0.3, high=-0.1), design="meta-analysis", n=1425),
    )
    assert moved(agree[0], "inconsistency") == [("consistent", 0)]


def test_a_smaller_null_trial_beside_a_larger_favourable_one_is_not_inconsistent():
    made = bodies(
        study("big", outcome(low=-0.6, high=-0.3), n=2000),
        study("small", outcome(low=-0.7, high=0.1), n=100),
    )
    assert moved(made[0], "inconsistency") == [("consistent", 0)]


def test_results_on_both_sides_of_no_effect_are_rated_down():
    made = bodies(
        study("a", outcome(low=-0.6, high=-0.3)),
        study("b", outcome(low=0.3, high=0.6)),
    )
    assert moved(made[0], "inconsistency") == [("opposite-directions", -1)]


@pytest.mark.parametrize(
    ("second", "expected"),
    [((-0.31, -0.1), [("consistent", 0)]), ((-0.29, -0.1), [("intervals-apart", -1)])],
)
def test_intervals_that_do_not_overlap_are_rated_down(second, expected):
    made = bodies(study("a", outcome(low=-0.6, high=-0.3)), study("b", outcome(*second)))
    assert moved(made[0], "inconsistency") == expected


@pytest.mark.parametrize(
    ("shares", "expected"),
    [
        # participants at high risk: half is not most; one more is
        ((500, 500), [("rob-low", 0)]),
        ((501, 499), [("rob-high", -1)]),
    ],
)
def test_risk_of_bias_across_a_body_goes_by_the_share_of_its_participants(shares, expected):
    high = RiskOfBias(judgement="high", tool="RoB 2", source="s", quote="q", grade="A")
    made = bodies(
        study("h", outcome(), n=shares[0], risk_of_bias=high),
        study("l", outcome(), n=shares[1]),
    )
    assert moved(made[0], "risk of bias") == expected


def test_most_weight_not_assessed_holds_the_body_at_low():
    made = bodies(
        study("n", outcome(), n=501, risk_of_bias=None),
        study("l", outcome(), n=499),
    )
    assert made[0].certainty.level == "low"
    assert moved(made[0], "risk of bias") == [("rob-not-assessed", -2)]


def test_the_goals_certainty_is_its_lowest_critical_outcome():
    made = study(
        "a",
        outcome(measure="Deaths", primary=True),
        outcome(measure="Marker", low=-0.5, high=0.1),  # includes no effect: -1
        n=1000,
    )
    # marked: only Deaths is critical
    marked = bodies(made, critical=["Deaths"])
    assert [(b.name, b.importance, b.certainty.level) for b in marked] == [
        ("Deaths", "critical", "high"),
        ("Marker", "important", "moderate"),
    ]
    assert goal_certainty(marked) == ("high", "Deaths")
    # both critical: the lowest
    assert goal_certainty(bodies(made, critical=["Deaths", "Marker"])) == ("moderate", "Marker")
    # unmarked: those with a primary result are critical
    assert goal_certainty(bodies(made)) == ("high", "Deaths")


def test_with_no_primary_result_and_no_marks_every_outcome_is_critical():
    made = study("a", outcome(measure="Deaths"), outcome(measure="Marker", low=-0.5, high=0.1))
    assert goal_certainty(bodies(made)) == ("moderate", "Marker")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["A", "B", "C"]),
            st.floats(-0.8, 0.3),
            st.floats(0.05, 0.6),
            st.integers(10, 3000),
            st.booleans(),
        ),
        min_size=1,
        max_size=6,
    ),
    st.lists(st.sampled_from(["A", "B", "C"]), max_size=3, unique=True),
)
def test_a_goals_certainty_never_exceeds_its_lowest_critical_outcomes(rows, critical):
    made = [
        study(f"s{i}", outcome(measure=m, low=low, high=low + width, primary=p), n=n)
        for i, (m, low, width, n, p) in enumerate(rows)
    ]
    names = {m for m, *_ in rows}
    marks = [c for c in critical if c in names] or None
    found = bodies(*made, critical=marks)
    level, basis = goal_certainty(found)
    critical_levels = [LEVELS.index(b.certainty.level) for b in found if b.importance == "critical"]
    assert level is not None and LEVELS.index(level) == min(critical_levels)
    assert basis in {b.name for b in found if b.importance == "critical"}
    for b in found:  # every rated result carries its outcome's certainty
        assert all(r.certainty is b.certainty for r in b.results)


# The new fields of the claims file, validated with located errors -------------------------------


def test_a_critical_outcome_must_be_one_of_the_goals(tmp_path, run):
    from minimal import edit

    good = edit(
        "        studies: [trial-one]\n",
        "        studies: [trial-one]\n        critical: [Score]\n",
    )
    assert problems(tmp_path, run, good)[0] == 0
    bad = edit(
        "        studies: [trial-one]\n", "        studies: [trial-one]\n        critical: [Scor]\n"
    )
    code, said = problems(tmp_path, run, bad)
    assert code == 3
    assert (
        "compounds[0].goals[0].critical[0]: 'Scor' is not an outcome of this goal's studies "
        "(they have: 'Score')"
    ) in " ".join(said.split())


@pytest.mark.parametrize(
    ("arms", "message"),
    [
        ("{group: a, events: 3, total: 2}", "arms[0].events: 3 is more than total 2"),
        ("{group: a, events: 3}", "arms[0]: an arm's events and total go together"),
    ],
)
def test_an_arms_events_and_total_are_checked(tmp_path, run, arms, message):
    from minimal import edit

    bad = edit(
        '            p: {relation: "<", value: 0.05}\n',
        '            p: {relation: "<", value: 0.05}\n'
        f"            arms: [{arms}, {{group: b, events: 1, total: 2}}]\n",
    )
    code, said = problems(tmp_path, run, bad)
    assert code == 3
    assert f"compounds[0].studies[0].outcomes[0].{message}" in " ".join(said.split())


def test_an_i2_is_a_percentage(tmp_path, run):
    from minimal import edit

    bad = edit("            unit: points\n", "            unit: points\n            i2: 101\n")
    code, said = problems(tmp_path, run, bad)
    assert code == 3
    assert "compounds[0].studies[0].outcomes[0].i2" in said


# Indirectness by the part of the question that differs (GRADE 8) --------------------------------


@pytest.mark.parametrize(
    ("differs", "levels", "words"),
    [
        (None, -1, "another disease"),
        (["population"], -1, "the population differs: another disease"),
        (["population", "population"], -1, "the population differs: another disease"),
        (
            ["population", "comparator"],
            -2,
            "the population and comparator differ: another disease (several differ: two "
            "levels, GRADE 8)",
        ),
        (
            ["population", "intervention", "outcome"],
            -2,
            "the population, intervention and outcome differ: another disease (several "
            "differ: two levels, GRADE 8)",
        ),
    ],
)
def test_a_study_that_differs_in_two_parts_of_the_question_is_rated_down_twice(
    differs, levels, words
):
    marks = {"indirect": {"a": "another disease"}}
    if differs is not None:
        marks["differs"] = {"a": differs}
    [body] = bodies(study("a", outcome()), **marks)
    assert [
        (r.code, r.levels, r.words) for r in body.certainty.reasons if r.domain == "indirectness"
    ] == [("indirect-for-goal", levels, words)]
    assert body.certainty.level == LEVELS[LEVELS.index("high") + levels]


def test_a_part_that_differs_needs_its_reason(tmp_path, run):
    from minimal import edit

    good = edit(
        "        studies: [trial-one]\n",
        "        studies: [trial-one]\n        indirect: {trial-one: adults}\n"
        "        differs: {trial-one: [population]}\n",
    )
    assert problems(tmp_path, run, good)[0] == 0
    bad = edit(
        "        studies: [trial-one]\n",
        "        studies: [trial-one]\n        differs: {trial-one: [population]}\n",
    )
    code, said = problems(tmp_path, run, bad)
    assert code == 3
    assert (
        "compounds[0].goals[0].differs.trial-one: study 'trial-one' needs its reason in the "
        "goal's `indirect` too"
    ) in " ".join(said.split())
    wrong = good.replace("[population]", "[people]")
    code, said = problems(tmp_path, run, wrong)
    assert code == 3
    assert (
        ":22:31: compounds[0].goals[0].differs.trial-one[0]: 'people' is not one of "
        "'population', 'intervention', 'comparator' or 'outcome'"
    ) in said
