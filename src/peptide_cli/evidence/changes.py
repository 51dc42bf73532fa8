"""What changed between two catalogs, and what changed since a release (#30).

`compare` is the curator's half: given the catalog of the last release and the one about to
be released, it lists every change a reader would see (compounds, goals and studies added or
removed, a figure's value, interval or p-value, a regulatory status in effect, a goal's tier
and certainty), each with the source of its new value. `since` is the reader's half: the
changes of the releases after a version or a date, from the changelog.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from peptide_cli.catalog.history import (
    DAY_PATTERN,
    VERSION_PATTERN,
    Change,
    Changelog,
    Release,
    version_key,
)
from peptide_cli.errors import UsageProblem

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping
    from datetime import date

    from peptide_cli.catalog.models import Catalog, Compound, Outcome, Study


REMOVED = "the curator's edit of the claims files (the old release's entry is in git history)"
"""The source of a removal: nothing is read for it."""

Shown = tuple[int | None, str | None]
"""A goal's tier and certainty as a reader saw them."""


def compare(
    old: Catalog,
    new: Catalog,
    on: date,
    shown_before: Mapping[tuple[str, str], Shown] | None = None,
) -> list[Change]:
    """Every change from OLD to NEW, compound by compound (NEW's order, then removed ones):
    compounds, goals and studies added or removed, changed figures, regulatory statuses in
    effect ON a date, and goals' tiers and certainty by the rules of this version (or, for
    the old ones, as SHOWN_BEFORE gives them: what the tool of the old release printed, when
    its rules differed)."""
    before = {compound.id: compound for compound in old.compounds}
    changes: list[Change] = []
    for compound in new.compounds:
        previous = before.pop(compound.id, None)
        if previous is None:
            changes.append(
                Change(
                    kind="compound-added",
                    compound=compound.id,
                    new=compound.name,
                    summary=f"{compound.name} added, with {_goals(len(compound.goals))}.",
                    source=compound.source,
                )
            )
            continue
        changes += _studies(previous, compound)
        changes += _goals_changed(old, previous, new, compound, shown_before or {})
        changes += _statuses(previous, compound, on)
    changes += [
        Change(
            kind="compound-removed",
            compound=gone.id,
            old=gone.name,
            summary=f"{gone.name} removed from the catalog.",
            source=REMOVED,
        )
        for gone in before.values()
    ]
    return changes


def _goals(count: int) -> str:
    return "no goal" if count == 0 else f"{count} goal" + ("s" * (count != 1))


def _studies(old: Compound, new: Compound) -> Iterator[Change]:
    before = {study.id: study for study in old.studies}
    for study in new.studies:
        previous = before.pop(study.id, None)
        if previous is None:
            yield Change(
                kind="study-added",
                compound=new.id,
                study=study.id,
                new=study.label,
                summary=f"{new.name}: study {study.label} added ({_size(study)}).",
                source=source(new, study),
            )
            continue
        yield from _notices(new, previous, study)
        yield from _figures(new, previous, study)
    for gone in before.values():
        yield Change(
            kind="study-removed",
            compound=new.id,
            study=gone.id,
            old=gone.label,
            summary=f"{new.name}: study {gone.label} removed.",
            source=REMOVED,
        )


def _notices(compound: Compound, old: Study, new: Study) -> Iterator[Change]:
    """A study newly marked as retracted, or with a new correction or expression of concern
    (from its publication's record or a retraction snapshot)."""
    added = [notice for notice in new.notices if notice not in old.notices]
    if not added:
        return
    retracted = new.retracted and not old.retracted
    yield Change(
        kind="retracted" if retracted else "corrected",
        compound=compound.id,
        study=new.id,
        new="; ".join(added),
        summary=f"{compound.name}: {new.label}: {'; '.join(added)}"
        + ("; it no longer counts toward any tier or certainty." if retracted else "."),
        source=source(compound, new),
    )


def _size(study: Study) -> str:
    low, high = study.size
    people = "size not given" if low is None else f"n={low}" + (f"-{high}" if high else "")
    return f"{study.design}, {people}"


def _figures(compound: Compound, old: Study, new: Study) -> Iterator[Change]:
    """The figures of NEW's outcomes that differ from OLD's (an outcome is known by its
    measure and time frame)."""
    before = {(o.measure, repr(o.timepoint)): o for o in old.outcomes}
    for outcome in new.outcomes:
        previous = before.get((outcome.measure, repr(outcome.timepoint)))
        if previous is None:
            continue
        was, now = figure(previous), figure(outcome)
        if was != now:
            yield Change(
                kind="figure-changed",
                compound=compound.id,
                study=new.id,
                figure=outcome.measure,
                old=was or "none",
                new=now or "none",
                summary=f"{compound.name}: {new.label}, {outcome.measure}: {was or 'none'} is "
                f"now {now or 'none'}.",
                source=source(compound, new),
            )


def figure(outcome: Outcome) -> str:
    """An outcome's value, interval and p-value in words, as compared between releases."""
    parts = []
    if outcome.value is not None:
        relation = "" if outcome.value_relation == "=" else outcome.value_relation
        parts.append(f"{relation}{_number(outcome.value)}")
    if outcome.ci is not None:
        parts.append(f"CI {_number(outcome.ci.low)} to {_number(outcome.ci.high)}")
    if outcome.p is not None:
        parts.append(f"p {outcome.p.relation} {_number(outcome.p.value)}")
    return ", ".join(parts)


def _number(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e15 else str(value)


def source(compound: Compound, study: Study) -> str | None:
    """Where a study's figures were read: its publication (first author, year, DOI or PMID),
    else the address its size was read at."""
    if study.publication is not None:
        publication = compound.publication(study.publication)
        who = publication.authors[0].split(" ")[0] if publication.authors else None
        who = who or publication.title or publication.journal or publication.id
        year = str(publication.year) if publication.year is not None else None
        named = " ".join(part for part in (who, year) if part)
        if publication.doi:
            return f"{named}, doi:{publication.doi}"
        return f"{named}, PMID {publication.pmid}" if publication.pmid else named
    return study.url


def _goals_changed(
    old_catalog: Catalog,
    old: Compound,
    new_catalog: Catalog,
    new: Compound,
    shown_before: Mapping[tuple[str, str], Shown],
) -> Iterator[Change]:
    from peptide_cli.evidence.appraisal import appraise
    from peptide_cli.evidence.queries import Entry

    before = {goal.id: goal for goal in old.goals}
    for goal in new.goals:
        previous = before.pop(goal.id, None)
        now = appraise(new_catalog, Entry(new, goal))
        if previous is None:
            yield Change(
                kind="goal-added",
                compound=new.id,
                goal=goal.id,
                new=goal.name,
                summary=f"{new.name}: goal {goal.name} added at tier {now.tier.tier}.",
                source=f"the tier rules ({now.tier.rule})",
            )
            continue
        if (new.id, goal.id) in shown_before:
            tier, certainty = shown_before[(new.id, goal.id)]
        else:
            then = appraise(old_catalog, Entry(old, previous))
            tier, certainty = then.tier.tier, then.certainty
        if tier != now.tier.tier:
            yield Change(
                kind="tier-changed",
                compound=new.id,
                goal=goal.id,
                old=str(tier),
                new=str(now.tier.tier),
                summary=f"{new.name}, {goal.name}: tier {tier} is now tier {now.tier.tier} "
                f"({now.tier.why}).",
                source=f"the tier rules ({now.tier.rule})",
            )
        if certainty != now.certainty:
            yield Change(
                kind="certainty-changed",
                compound=new.id,
                goal=goal.id,
                old=certainty or "none",
                new=now.certainty or "none",
                summary=f"{new.name}, {goal.name}: certainty {certainty or 'none'} is now "
                f"{now.certainty or 'none'} ({now.certainty_basis}).",
                source=f"the certainty rules ({now.certainty_basis})",
            )
    for gone in before.values():
        yield Change(
            kind="goal-removed",
            compound=new.id,
            goal=gone.id,
            old=gone.name,
            summary=f"{new.name}: goal {gone.name} removed.",
            source=REMOVED,
        )


def _statuses(old: Compound, new: Compound, on: date) -> Iterator[Change]:
    """Each regulatory track whose status in effect ON a date differs between OLD and NEW: a
    status recorded for the first time, or one that changed."""
    from peptide_cli.evidence.regulatory import status_on

    before = {track.name: track.current for track in status_on(old, on)}
    for track in status_on(new, on):
        current = track.current
        previous = before.get(track.name)
        was = previous.status if previous is not None else None
        now = current.status if current is not None else None
        if was == now or current is None:
            continue
        recorded = current.url or current.source
        if was is None:  # first recorded here: news to the catalog, not a regulator's change
            yield Change(
                kind="status-recorded",
                compound=new.id,
                figure=track.name,
                new=current.status,
                summary=f"{new.name}, {track.name}: recorded as {current.status}.",
                source=recorded,
            )
            continue
        yield Change(
            kind="status-changed",
            compound=new.id,
            figure=track.name,
            old=was,
            new=current.status,
            summary=f"{new.name}, {track.name}: {was}; now {current.status}.",
            source=recorded,
        )


class Dated(NamedTuple):
    """A change with the release that made it."""

    release: Release
    change: Change


def since(
    changelog: Changelog,
    after: str | None = None,
    compound: str | None = None,
    practice_changing: bool = False,
) -> list[Dated]:
    """The changes of the releases after AFTER (a data version such as 2026.11.26, or a date
    such as 2026-11-26; None: the latest release alone), newest release first; only of
    COMPOUND (an id); only those that change practice. Raises UsageProblem for a version the
    changelog does not have, or text that is neither."""
    releases = _after(changelog, after)
    return [
        Dated(release, change)
        for release in reversed(releases)
        for change in release.changes
        if (compound is None or change.compound == compound)
        and (not practice_changing or change.practice_changing)
    ]


def _after(changelog: Changelog, after: str | None) -> list[Release]:
    import re

    releases = changelog.releases
    if after is None:
        return releases[-1:]
    if re.fullmatch(DAY_PATTERN, after):
        return [release for release in releases if release.date > after]
    versions = [release.version for release in releases]
    if re.fullmatch(VERSION_PATTERN, after):
        if after not in versions:
            raise UsageProblem(
                f"no data version {after!r}; the releases are: {', '.join(versions)}"
            )
        return [r for r in releases if version_key(r.version) > version_key(after)]
    raise UsageProblem(f"{after!r} is neither a data version (2026.11.26) nor a date (2026-11-26)")
