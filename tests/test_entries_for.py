"""`evidence.entries_for`: the goals a front-end cites or reports on, on a catalog of two
invented compounds (alphatide: sleep, focus; betapeptin: sleep, mood)."""

import pytest

from peptide_cli import evidence
from peptide_cli.catalog.loading import load_catalog
from peptide_cli.errors import AmbiguousError, NotFoundError

from helpers import TWO


@pytest.fixture(scope="module")
def two():
    return load_catalog(TWO)


def named(entries):
    return [f"{entry.compound.id}/{entry.goal.id}" for entry in entries]


def test_no_goal_named_gives_every_goal_of_the_compound_or_catalog(two):
    every = ["alphatide/sleep", "alphatide/focus", "betapeptin/sleep", "betapeptin/mood"]
    assert named(evidence.entries_for(two)) == every
    assert named(evidence.entries_for(two, [])) == every
    beta = evidence.find_compound(two, "betapeptin")
    assert named(evidence.entries_for(two, None, beta)) == ["betapeptin/sleep", "betapeptin/mood"]


def test_one_goal_named_by_a_string(two):
    assert named(evidence.entries_for(two, "focus")) == ["alphatide/focus"]
    beta = evidence.find_compound(two, "betapeptin")
    assert named(evidence.entries_for(two, "sleep", beta)) == ["betapeptin/sleep"]


def test_several_goals_each_once_in_the_order_first_named(two):
    found = evidence.entries_for(two, ["mood", "focus", "mood"])
    assert named(found) == ["betapeptin/mood", "alphatide/focus"]


def test_a_goal_is_found_as_find_goal_finds_it(two):
    with pytest.raises(AmbiguousError):
        evidence.entries_for(two, "sleep")  # in both compounds
    alpha = evidence.find_compound(two, "alphatide")
    with pytest.raises(NotFoundError):
        evidence.entries_for(two, ["focus", "mood"], alpha)
