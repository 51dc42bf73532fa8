"""Forest plots (#28): each side of the line of no effect says whom it favours, a pooled result
is a diamond, and a result with nothing to draw is listed with why."""

import pytest

from peptide_cli.catalog.models import ConfidenceInterval, Outcome
from peptide_cli.evidence.bodies import assess_goal
from peptide_cli.render import plots

from helpers import EMPTY_CATALOG, compound, outcome, study


def results(*made):
    where, goal = compound(*made)
    return assess_goal(EMPTY_CATALOG, where, goal)[0]


@pytest.mark.parametrize(
    ("better", "comparator", "sides"),
    [
        ("lower", "placebo", ("favours Testium", "favours placebo")),
        ("higher", "placebo", ("favours placebo", "favours Testium")),
        ("lower", "usual care", ("favours Testium", "favours control")),
        (None, "placebo", (None, None)),  # no direction recorded: no side is named
    ],
)
def test_each_side_names_whom_it_favours(better, comparator, sides):
    made = study("a", outcome(better=better) if better else _undirected(), comparator=comparator)
    [panel] = plots.panels(results(made), "Testium")
    assert (panel.favours_left, panel.favours_right) == sides


def _undirected():
    return Outcome(
        measure="Deaths",
        effect_type="smd",
        value=-0.45,
        ci=ConfidenceInterval(low=-0.6, high=-0.3),
    )


def test_outcomes_of_opposite_directions_get_panels_of_their_own():
    made = study("a", outcome(measure="Deaths"), outcome(measure="Score", better="higher"))
    found = plots.panels(results(made), "Testium")
    assert [(p.favours_left, [r.label for r in p.rows]) for p in found] == [
        ("favours Testium", ["A: Deaths"]),
        ("favours control", ["A: Score"]),  # the study's comparator is not recorded
    ]


def test_a_pooled_result_is_a_diamond_spanning_its_interval():
    pooled = study("pool", outcome(), design="meta-analysis")
    [panel] = plots.panels(results(pooled, study("trial", outcome())), "Testium")
    assert [row.pooled for row in panel.rows] == [True, False]
    row = panel.rows[0]
    top, bottom = row.y - row.radius, row.y + row.radius
    assert row.diamond == (
        f"{row.x_low},{row.y} {row.x_value},{top} {row.x_high},{row.y} {row.x_value},{bottom}"
    )


def test_a_result_with_nothing_to_draw_is_listed_with_why():
    no_interval = Outcome(measure="Deaths", effect_type="risk-ratio", value=0.9, better="lower")
    words = Outcome(measure="Mood", effect_type="qualitative", finding="Better.")
    made = study("a", outcome(), no_interval, words)
    assert plots.not_drawn(results(made)) == [
        "A: Deaths (0.9): no confidence interval is reported.",
        "A: Mood (Better.): no estimate with an interval is reported.",
    ]
