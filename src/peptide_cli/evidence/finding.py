"""Finding a compound or a goal by name, and the range of tiers a filter asks for.

These read no more than ids, names, aliases and the tier scale (`NamedCompound`, `NamedGoal`);
`queries` applies them to a catalog.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, TypeVar

from peptide_cli.catalog.names import normalize
from peptide_cli.errors import AmbiguousError, CompoundNeeded, NotFoundError, UsageProblem

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence


class Named(Protocol):
    """Anything found by name: its id and its name."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...


class NamedGoal(Named, Protocol):
    """A goal as finding one by name reads it."""

    @property
    def aliases(self) -> Sequence[str]: ...


class NamedCompound(Named, Protocol):
    """A compound as finding it, or one of its goals, by name reads it."""

    @property
    def goals(self) -> Sequence[NamedGoal]: ...


C = TypeVar("C", bound=NamedCompound)


def compound_in(compounds: Sequence[C], query: str) -> C:
    """The one of COMPOUNDS that QUERY names: its id or name exactly, or else the one compound in
    which every word of QUERY begins a word of its id or name (`sema`, `oxytocin`, `thymosin`).
    Raises NotFoundError or AmbiguousError."""
    wanted = normalize(query)
    forms = [{c.id, normalize(c.name)} for c in compounds]
    exact = [i for i, f in enumerate(forms) if wanted in f]
    parts = wanted.split("-")
    found = exact or [
        i
        for i, f in enumerate(forms)
        if wanted
        and all(any(word.startswith(part) for x in f for word in x.split("-")) for part in parts)
    ]
    if len(found) == 1:
        return compounds[found[0]]
    if found:
        listed = ", ".join(compounds[i].name for i in found)
        raise AmbiguousError(f"{query!r} matches several compounds: {listed}; be more specific")
    raise NotFoundError(
        f"no compound matches {query!r}; the catalog has: "
        + ", ".join(f"{c.name} ({c.id})" for c in compounds)
    )


def names(goal: NamedGoal) -> list[str]:
    """The normalized forms a goal answers to exactly: its id, its name and its aliases."""
    return list(dict.fromkeys([goal.id, normalize(goal.name), *map(normalize, goal.aliases)]))


def goal_in(compounds: Iterable[C], query: str, compound: C | None = None) -> tuple[C, int]:
    """The one goal that QUERY names, in COMPOUND or in any of COMPOUNDS: its compound and its
    place among that compound's goals.

    Tried in order: an exact id, name or alias (case-insensitive); then goals in which every
    word of the query begins a word of the goal's id, name or aliases (`strok`, `heart health`).
    Raises NotFoundError when nothing matches (with the closest names as candidates),
    CompoundNeeded when the one goal is in several compounds, and AmbiguousError when more than
    one goal matches.
    """
    wanted = normalize(query)
    if not wanted:
        raise NotFoundError("no goal given: name one, or list them with the goals command")
    every = [
        (owner, at, goal)
        for owner in (compounds if compound is None else [compound])
        for at, goal in enumerate(owner.goals)
    ]

    exact = [one for one in every if wanted in names(one[2])]
    words = wanted.split("-")
    found = exact or [one for one in every if _words_match(words, one[2])]
    if len(found) == 1:
        return found[0][0], found[0][1]
    if found and len({goal.id for _, _, goal in found}) == 1:
        listed = ", ".join(f"{owner.name} ({owner.id})" for owner, _, _ in found)
        ids = tuple(owner.id for owner, _, _ in found)
        raise CompoundNeeded(f"goal {found[0][2].id!r} is in several compounds: {listed}", ids)
    if found:
        several = len({owner.id for owner, _, _ in found}) > 1
        listed = ", ".join(
            f"{goal.name} ({owner.id + '/' if several else ''}{goal.id})"
            for owner, _, goal in found
        )
        raise AmbiguousError(f"{query!r} matches several goals: {listed}; be more specific")

    known = [name for _, _, goal in every for name in names(goal)]
    from difflib import get_close_matches  # only when nothing matched

    close = tuple(dict.fromkeys(get_close_matches(wanted, known, n=3, cutoff=0.6)))
    hint = f"; did you mean {' or '.join(map(repr, close))}?" if close else ""
    where = f" in {compound.name}" if compound is not None else ""
    raise NotFoundError(f"no goal matches {query!r}{where}{hint}", close)


def _words_match(words: list[str], goal: NamedGoal) -> bool:
    goal_words = {word for name in names(goal) for word in name.split("-")}
    return all(any(word.startswith(part) for word in goal_words) for part in words)


def tier_range(scale: Sequence[int], min_tier: int | None, max_tier: int | None) -> tuple[int, int]:
    """The lowest and highest tier MIN_TIER and MAX_TIER (either may be None: the end of the
    tier SCALE) ask for. Raises UsageProblem for a tier that is not on SCALE, or a minimum above
    the maximum."""
    for which, tier in (("minimum", min_tier), ("maximum", max_tier)):
        if tier is not None and tier not in scale:
            raise UsageProblem(
                f"{which} tier {tier} is not on the tier scale ({', '.join(map(str, scale))})"
            )
    low = scale[0] if min_tier is None else min_tier
    high = scale[-1] if max_tier is None else max_tier
    if low > high:
        raise UsageProblem(f"minimum tier {low} is above maximum tier {high}")
    return low, high
