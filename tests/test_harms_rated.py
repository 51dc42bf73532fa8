"""Harms rated with the same rules as benefits (#26 items 1 and 7): each harm a goal's studies
report is a body of evidence, rated once; it is important unless the goal marks it critical,
and a critical harm can set the goal's certainty."""

import pytest

from peptide_cli.catalog.models import Harm, HarmArm, Outcome
from peptide_cli.evidence.bodies import assess_goal, goal_certainty, harm_outcome
from peptide_cli.evidence.effects import optimal_information_size

from helpers import EMPTY_CATALOG, compound, outcome, problems, study


def harm(event="Nausea", *arms, **fields):
    fields.setdefault("kind", "adverse-events")
    return Harm(event=event, arms=list(arms), **fields)


def counts(treated, control, total=1000):
    """Two groups of TOTAL each, with TREATED and CONTROL events."""
    return (
        HarmArm(group="testium", count=treated, total=total),
        HarmArm(group="placebo", count=control, total=total),
    )


def assessed(*made, **goal):
    where, found = compound(*made, **goal)
    return assess_goal(EMPTY_CATALOG, where, found)


def harm_bodies(*made, **goal):
    return [body for body in assessed(*made, **goal)[1] if body.harm]


def codes(body, domain):
    return [(r.code, r.levels) for r in body.certainty.reasons if r.domain == domain]


def test_a_harm_is_a_binary_outcome_where_fewer_is_better():
    made = harm_outcome(harm("Nausea", *counts(200, 100), p=None))
    assert made == Outcome(
        measure="Nausea",
        effect_type="responder-rate",
        unit="%",
        better="lower",
        arms=made.arms,
    )
    assert [(a.group, a.events, a.total) for a in made.arms] == [
        ("testium", 200, 1000),
        ("placebo", 100, 1000),
    ]
    # a harm of kind `other` (such as completing the trial) has no recorded direction
    assert harm_outcome(harm("Completed", kind="other", finding="All did.")).better is None


def test_a_harm_with_counts_is_rated_with_its_interval_and_information_size():
    # 10% of the comparator's group: the optimal information size is 4004 participants
    assert optimal_information_size(0.1) == 4004
    enough = study("a", outcome(), n=4004, harms=[harm("Nausea", *counts(200, 100))])
    [body] = harm_bodies(enough)
    assert (body.name, body.importance, body.marked) == ("Nausea", "important", False)
    assert codes(body, "imprecision")[0] == ("precise", 0)
    assert body.certainty.level == "high"
    reading = body.results[0].reading
    assert reading.statement == "Testium increases Nausea."
    assert reading.explanation == (  # only counts given: no share is re-expressed
        "In absolute terms: 20% vs 10%, a difference of +10 percentage points (95% CI +6.9 to "
        "+13.1; Newcombe's hybrid score interval (method 10), computed from the counts). Number "
        "needed to treat for one more patient to be harmed: 10 (95% CI 7.6 to 14.5; from the "
        "risk difference's interval (Altman 1998))."
    )
    short = study("a", outcome(), n=4003, harms=[harm("Nausea", *counts(200, 100))])
    [body] = harm_bodies(short)
    assert codes(body, "imprecision")[0] == ("below-information-size", -1)
    assert body.certainty.level == "moderate"


def test_a_harms_interval_that_includes_no_effect_is_imprecise():
    made = study("a", outcome(), n=4004, harms=[harm("Nausea", *counts(110, 100))])
    [body] = harm_bodies(made)
    assert codes(body, "imprecision")[0] == ("crosses-no-effect", -1)
    assert body.results[0].reading.statement == (
        "The result shows no clear difference in Nausea: the interval of its risk difference "
        "includes no effect."
    )


def test_a_harm_one_group_alone_reports_is_descriptive():
    made = study("a", outcome(), harms=[harm("Nausea", HarmArm(group="testium", percent=4.3))])
    [body] = harm_bodies(made)
    assert body.certainty.level is None
    assert body.counted == []


def test_a_harm_given_as_rates_has_figures_but_no_estimate():
    rates = (HarmArm(group="testium", rate=43.23), HarmArm(group="placebo", rate=50.48))
    made = study("a", outcome(), harms=[harm("SAE", *rates, rate_unit="per 100 years")])
    [body] = harm_bodies(made)
    found = body.results[0]
    assert found.outcome.finding == "testium 43.23; placebo 50.48 (per 100 years)"
    assert codes(body, "imprecision")[0][0] == "no-interval"
    assert found.reading.statement == (
        "The size of the effect of Testium on SAE cannot be read from the data."
    )
    assert found.reading.explanation == (
        "No effect estimate between groups is reported; any figures are in its finding, as printed."
    )


def test_harms_of_different_studies_that_name_one_body_are_rated_together():
    first = study("a", outcome(), harms=[harm("GI events, trial A", body="GI events")])
    second = study("b", outcome(), harms=[harm("GI events, trial B", body="GI events")])
    [body] = harm_bodies(first, second)
    assert body.name == "GI events"
    assert [r.study.id for r in body.counted] == ["a", "b"]
    assert [r.outcome.measure_name for r in body.results] == [
        "GI events, trial A",
        "GI events, trial B",
    ]


@pytest.mark.parametrize(
    ("critical", "expected"),
    [
        (None, ("high", "Deaths")),  # a harm is important by default
        (["Deaths"], ("high", "Deaths")),
        (["Deaths", "Nausea"], ("moderate", "Nausea")),  # a critical harm can set it
    ],
)
def test_a_harm_marked_critical_counts_toward_the_goals_certainty(critical, expected):
    made = study("a", outcome(primary=True), n=4003, harms=[harm("Nausea", *counts(200, 100))])
    results, made_bodies = assessed(made, critical=critical)
    assert [r.outcome.measure for r in results] == ["Deaths"]  # harms are not outcome results
    assert goal_certainty(made_bodies) == expected


def test_a_critical_harm_must_be_one_the_goals_studies_report(tmp_path, run):
    from minimal import edit

    marked = edit(
        "        studies: [trial-one]\n",
        "        studies: [trial-one]\n        critical: [Headache]\n",
    )
    p_line = '            p: {relation: "<", value: 0.05}\n'
    harms = (
        "        harms:\n"
        "          - event: Headache\n"
        "            kind: adverse-events\n"
        "            finding: as often with both.\n"
    )
    assert problems(tmp_path, run, edit(p_line, p_line + harms, marked))[0] == 0
    code, said = problems(tmp_path, run, marked)
    assert code == 3
    assert "'Headache' is not an outcome of this goal's studies" in " ".join(said.split())
