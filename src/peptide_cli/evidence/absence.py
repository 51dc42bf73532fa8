"""What the evidence behind a goal could not have shown (#27 item 5): how many people were ever
randomised, the longest controlled follow-up, how much comes from one research group or
sponsor, and so which harms were out of its reach. A goal with no controlled human data says
so, and never "no harms".
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, NamedTuple

from peptide_cli.evidence.bodies import participants

if TYPE_CHECKING:
    from peptide_cli.catalog.models import Compound, Goal, Study, Timepoint

RANDOMISED = frozenset({"rct", "crossover-rct"})
POOLED_TRIALS = ("meta-analysis", "randomised")  # a synthesis of randomised trials
WEEKS = {"day": 1 / 7, "week": 1.0, "month": 52 / 12, "year": 52.0}
RULE_OF_THREE = 3
"""With no event among N people, the 95% upper bound of its risk is about 3/N (Hanley and
Lippman-Hand 1983): a harm rarer than 1 in N/3 may simply not have occurred yet."""


class Card(NamedTuple):
    """The limits of a goal's evidence, each figure with how it was reached."""

    randomised: int | None  # people ever randomised (a lower bound); None: no such trial
    randomised_at_least: bool  # some randomised study gives no count, or syntheses overlap
    longest_weeks: float | None  # the longest controlled follow-up, in weeks
    longest_study: str | None  # the study that followed people longest
    # (the research group or funder most studies share, its studies, all studies), where two
    # or more share one
    concentration: tuple[str, int, int] | None
    statements: list[str]  # each limit in words

    def as_dict(self) -> dict[str, object]:
        return self._asdict()


def weeks(when: Timepoint | None) -> float | None:
    """A time frame in weeks (its upper end); None where it has no number and unit."""
    if when is None or when.unit is None:
        return None
    value = when.value_max if when.value_max is not None else when.value
    return None if value is None else value * WEEKS[when.unit]


def _randomised(goal: Goal, studies: list[Study]) -> tuple[int | None, bool]:
    """People in randomised trials, and in syntheses of randomised trials, counted once: of
    overlapping studies the largest, and of syntheses whose overlap is not recorded only the
    largest group (as the goal's profile counts them)."""
    chosen = [
        s
        for s in studies
        if s.species == "human"
        and (s.shown_design in RANDOMISED or (s.shown_design, s.pools) == POOLED_TRIALS)
        and (s.based_on is None or s.based_on not in goal.studies)
    ]
    if not chosen:
        return None, False
    return participants(chosen)


def card(compound: Compound, goal: Goal) -> Card:
    """The absence-of-evidence card of GOAL."""
    # a study about another molecule, route or product, or of the body's own level, is not
    # this goal's evidence
    studies = [s for s in compound.studies_of(goal) if s.counts]
    human = [s for s in studies if s.species == "human"]
    controlled = [s for s in human if s.shown_design in RANDOMISED | {"meta-analysis"}]
    randomised, at_least = _randomised(goal, studies)
    timed = [
        (found, s.label)
        for s in controlled
        for o in goal.outcomes_of(s)
        if (found := weeks(o.when)) is not None
    ]
    longest = max(timed, default=None, key=lambda item: item[0])
    owners = Counter(
        owner
        for s in studies
        if (owner := s.research_group or (s.funding.funder if s.funding else None))
    )
    top = owners.most_common(1)
    concentration = (top[0][0], top[0][1], len(studies)) if top and top[0][1] > 1 else None
    said = []
    if not controlled:
        said.append(
            "No controlled human data: nothing here can show an effect in people, or rule "
            "out a harm (this is not the same as no harms)."
        )
    else:
        if randomised is None:
            said.append(
                "No person was randomised: every controlled result is a synthesis of "
                "designs not recorded as randomised."
            )
        else:
            bound = "At least " if at_least else ""
            said.append(
                f"{bound}{randomised:,} people were randomised in the trials behind it: even "
                "had all of them received it, a harm rarer than about 1 in "
                f"{max(1, randomised // RULE_OF_THREE):,} could have gone unseen (the rule of "
                "three)."
            )
        if longest is None:
            said.append("No controlled follow-up time is recorded.")
        else:
            span = _span(longest[0])
            said.append(
                f"The longest controlled follow-up is {span} ({longest[1]}): harms or losses of "
                "effect that take longer, such as cancers, could not have appeared."
            )
    if concentration is not None:
        owner, count, total = concentration
        said.append(f"{count} of its {total} studies come from one group or sponsor: {owner}.")
    return Card(
        randomised,
        at_least,
        None if longest is None else round(longest[0], 1),
        None if longest is None else longest[1],
        concentration,
        said,
    )


def _span(weeks_: float) -> str:
    if weeks_ >= 104:
        return f"about {weeks_ / 52:.1f} years".replace(".0 ", " ")
    if weeks_ >= 1:
        return f"{weeks_:.0f} weeks"
    return f"{weeks_ * 7:.0f} days"
