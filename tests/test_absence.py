"""What the evidence behind a goal could not have shown (#27 item 5): people randomised, the
longest controlled follow-up, one group or sponsor, and no controlled human data said as such."""

import pytest

from peptide_cli.catalog.models import Funding, Timepoint
from peptide_cli.evidence.absence import card, weeks

from helpers import compound, outcome, study


def limits(*made, **goal):
    where, found = compound(*made, **goal)
    return card(where, found)


def at(value, unit, value_max=None):
    return outcome(timepoint=Timepoint(value=value, unit=unit, value_max=value_max))


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (Timepoint(value=90, unit="day"), 90 / 7),
        (Timepoint(value=6, unit="month"), 26.0),
        (Timepoint(value=2, unit="year"), 104.0),
        (Timepoint(value=2, value_max=3, unit="week"), 3.0),  # a range: its upper end
        (Timepoint(label="mean follow-up 39.8 months"), None),  # words only: not read
        (None, None),
    ],
)
def test_a_time_frame_in_weeks(when, expected):
    assert weeks(when) == (None if expected is None else pytest.approx(expected))


def test_no_controlled_human_data_is_never_no_harms():
    found = limits(study("rats", outcome(), species="rat", design="animal"))
    assert (found.randomised, found.longest_weeks) == (None, None)
    assert found.statements == [
        "No controlled human data: nothing here can show an effect in people, or rule out a "
        "harm (this is not the same as no harms)."
    ]


def test_people_randomised_and_the_rule_of_three():
    found = limits(study("a", at(12, "week"), n=200), study("b", at(26, "week"), n=100))
    assert (found.randomised, found.randomised_at_least) == (300, False)
    assert (found.longest_weeks, found.longest_study) == (26.0, "B")
    assert found.statements == [
        "300 people were randomised in the trials behind it: even had all of them received "
        "it, a harm rarer than about 1 in 100 could have gone unseen (the rule of three).",
        "The longest controlled follow-up is 26 weeks (B): harms or losses of effect that take "
        "longer, such as cancers, could not have appeared.",
    ]


def test_only_randomised_designs_and_syntheses_of_them_count_as_randomised():
    cohort = study("cohort", outcome(), n=5000, design="observational")
    pooled = study("pooled", outcome(), n=700, design="meta-analysis", pools="randomised")
    unknown = study("unknown", outcome(), n=900, design="meta-analysis")
    assert limits(cohort, pooled).randomised == 700
    assert limits(cohort, unknown).randomised is None
    # two syntheses whose overlap is not recorded: the larger only, at least
    other = study("other", outcome(), n=800, design="meta-analysis", pools="randomised")
    found = limits(pooled, other)
    assert (found.randomised, found.randomised_at_least) == (800, True)
    assert found.statements[0].startswith("At least 800 people were randomised")


@pytest.mark.parametrize(("shared", "said"), [(1, False), (2, True)])
def test_studies_from_one_group_or_sponsor_are_counted(shared, said):
    def funded(id):
        return study(
            id,
            outcome(),
            funding=Funding(funder="Acme", quote="q", source="s", grade="A"),
        )

    made = [funded(f"f{i}") for i in range(shared)] + [study("other", outcome())]
    found = limits(*made)
    assert (found.concentration is not None) is said
    if said:
        assert found.concentration == ("Acme", 2, 3)
        assert found.statements[-1] == "2 of its 3 studies come from one group or sponsor: Acme."
