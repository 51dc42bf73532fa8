"""Finding goals by name and filtering them by evidence tier."""

from __future__ import annotations

import re
from difflib import get_close_matches
from typing import TYPE_CHECKING, NamedTuple

from peptide_cli.errors import GoalNotFoundError, UsageProblem

if TYPE_CHECKING:
    from peptide_cli.models import Catalog, Compound, Goal


class Entry(NamedTuple):
    """A goal together with the compound whose evidence it describes."""

    compound: Compound
    goal: Goal


def entries(catalog: Catalog) -> list[Entry]:
    """Every goal of the catalog, in file order."""
    return [Entry(compound, goal) for compound in catalog.compounds for goal in compound.goals]


def normalize(text: str) -> str:
    """Lower-case words joined by hyphens: `Alzheimer's Disease` becomes `alzheimers-disease`."""
    text = re.sub(r"['’]", "", text.casefold())
    return re.sub(r"[^0-9a-z]+", "-", text).strip("-")


def names(goal: Goal) -> list[str]:
    """The normalized forms a goal answers to exactly: its id, its name and its aliases."""
    return list(dict.fromkeys([goal.id, normalize(goal.name), *map(normalize, goal.aliases)]))


def find_goal(catalog: Catalog, query: str) -> Entry:
    """The one goal that QUERY names.

    Tried in order: an exact id, name or alias (case-insensitive); then goals in which every
    word of the query begins a word of the goal's id, name or aliases (`strok`, `heart health`).
    Raises GoalNotFoundError when nothing, or more than one goal, matches.
    """
    wanted = normalize(query)
    if not wanted:
        raise GoalNotFoundError("no goal given: name one, or list them with the goals command")
    every = entries(catalog)

    exact = [entry for entry in every if wanted in names(entry.goal)]
    if len(exact) == 1:
        return exact[0]

    words = wanted.split("-")
    partial = exact or [entry for entry in every if _words_match(words, entry.goal)]
    if len(partial) == 1:
        return partial[0]
    if partial:
        listed = ", ".join(f"{e.goal.name} ({e.goal.id})" for e in partial)
        raise GoalNotFoundError(f"{query!r} matches several goals: {listed}; be more specific")

    known = [name for entry in every for name in names(entry.goal)]
    close = get_close_matches(wanted, known, n=3, cutoff=0.6)
    hint = f"; did you mean {' or '.join(map(repr, close))}?" if close else ""
    raise GoalNotFoundError(f"no goal matches {query!r}{hint}")


def _words_match(words: list[str], goal: Goal) -> bool:
    goal_words = {word for name in names(goal) for word in name.split("-")}
    return all(any(word.startswith(part) for word in goal_words) for part in words)


def filter_by_tier(
    catalog: Catalog, min_tier: int | None = None, max_tier: int | None = None
) -> list[Entry]:
    """The goals whose tier lies between MIN_TIER and MAX_TIER, both included.

    A goal with a tier range (2-3) counts by its lower bound. Raises UsageProblem for a tier
    that is not on the catalog's tier scale, or a minimum above the maximum.
    """
    scale = catalog.tiers
    for which, tier in (("minimum", min_tier), ("maximum", max_tier)):
        if tier is not None and tier not in scale:
            raise UsageProblem(
                f"{which} tier {tier} is not on the tier scale ({', '.join(map(str, scale))})"
            )
    low = scale[0] if min_tier is None else min_tier
    high = scale[-1] if max_tier is None else max_tier
    if low > high:
        raise UsageProblem(f"minimum tier {low} is above maximum tier {high}")
    return [entry for entry in entries(catalog) if low <= entry.goal.tier <= high]
