"""A compound's regulatory timeline and its status on a date (#27 item 3).

Entries of one track (a body's decisions about one product, indication or list) replace each
other over time: the status of a track on a date is its latest entry in effect by then. An
entry seen only in news (grade C) is a reported event: it never sets a status, but marks the
status it follows as possibly out of date. An entry whose source was last read more than
STALE_AFTER days ago is flagged as not recently checked.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from peptide_cli.catalog.models import Compound, Regulatory

STALE_AFTER = 180
"""Days after its last check when an entry is flagged as not recently checked."""

REPORTED = "reported, not confirmed on a regulator's or journal's page"


def day(text: str) -> date:
    """The first day a date as precise as its source gives it (2026, 2026-05, 2026-05-01) can
    mean: an entry dated 2026 is in effect from the first day of 2026."""
    parts = [int(part) for part in text.split("-")]
    return date(parts[0], *[*parts[1:], 1, 1][:2])


def last_day(text: str) -> date:
    """The last day a date as precise as its source gives it can mean: 2020-01 is 2020-01-31,
    2020 is 2020-12-31. (A deadline counted from it is never early.)"""
    parts = [int(part) for part in text.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 1:
        return date(parts[0], 12, 31)
    following = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
    return following - timedelta(days=1)


def track(entry: Regulatory) -> str:
    """The timeline ENTRY belongs to: its `track`, else its body and jurisdiction with its
    product or indication, or its list's category."""
    if entry.track:
        return entry.track
    what = entry.product or entry.indication or entry.category
    return f"{entry.body} ({entry.jurisdiction})" + (f": {what}" if what else "")


def confirmed(entry: Regulatory) -> bool:
    """Whether ENTRY can set a status: seen on a regulator's, journal's or faithful page."""
    return entry.grade != "C"


class Track(NamedTuple):
    """One timeline on a date: the entry in effect, and what may have changed it since."""

    name: str
    current: Regulatory | None  # the latest confirmed entry in effect by then; None: none yet
    reported: list[Regulatory]  # news-only entries by then, after the current one
    entries: list[Regulatory]  # every entry of the track, oldest first (undated first)

    @property
    def possibly_out_of_date(self) -> bool:
        """Whether an event reported since the current entry is of another kind (a removal
        after a listing): the status may have changed. None is current: nothing to doubt."""
        current = self.current
        return current is not None and any(e.kind != current.kind for e in self.reported)


def timeline(compound: Compound) -> list[Regulatory]:
    """COMPOUND's regulatory entries, oldest first; an undated one first, as in effect
    throughout (the order of the file is kept between entries of one date)."""
    return sorted(compound.regulatory, key=lambda e: (e.date is not None, day(e.date or "1")))


def status_on(compound: Compound, on: date) -> list[Track]:
    """Each of COMPOUND's tracks as it stood ON a date, in the order each track first appears
    in the timeline; a track with no entry by then is left out."""
    tracks: dict[str, list[Regulatory]] = {}
    for entry in timeline(compound):
        tracks.setdefault(track(entry), []).append(entry)
    found = []
    for name, entries in tracks.items():
        by_then = [e for e in entries if e.date is None or day(e.date) <= on]
        if not by_then:
            continue
        current = next((e for e in reversed(by_then) if confirmed(e)), None)
        since = by_then.index(current) + 1 if current is not None else 0
        reported = [e for e in by_then[since:] if not confirmed(e)]
        found.append(Track(name, current, reported, entries))
    return found


def stale(entry: Regulatory, today: date, after: int = STALE_AFTER) -> bool:
    """Whether ENTRY was last checked more than AFTER days before TODAY, or never."""
    return entry.checked is None or day(entry.checked) < today - timedelta(days=after)


def in_effect(compound: Compound, on: date) -> list[Regulatory]:
    """The entries in effect ON a date: the current one of each track."""
    return [t.current for t in status_on(compound, on) if t.current is not None]


def checked_on(compound: Compound, on: date) -> str | None:
    """When COMPOUND's status ON a date was checked: the oldest check among the entries in
    effect then (a status is only as current as its least recent check); None when one of
    them, or every one, records no check."""
    dates = [e.checked for e in in_effect(compound, on)]
    if not dates or None in dates:
        return None
    return min((d for d in dates if d is not None), key=day)
