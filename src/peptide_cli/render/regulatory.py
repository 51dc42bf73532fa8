"""A compound's regulatory status on a date and its timeline, as text or JSON (`status`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from peptide_cli.catalog.models import plain
from peptide_cli.evidence.regulatory import (
    REPORTED,
    STALE_AFTER,
    checked_on,
    confirmed,
    day,
    stale,
    status_on,
    timeline,
    track,
)
from peptide_cli.render.safe import clean

if TYPE_CHECKING:
    from datetime import date

    from peptide_cli.catalog.models import Compound, Regulatory


def entry_record(entry: Regulatory, today: date, after: int) -> dict[str, Any]:
    """One entry as JSON: its fields, its track, whether it can set a status, and whether it
    was last checked too long ago."""
    return {
        **plain(entry),
        "track": track(entry),
        "confirmed": confirmed(entry),
        "stale": stale(entry, today, after),
    }


def record(compound: Compound, on: date, today: date, after: int = STALE_AFTER) -> dict[str, Any]:
    """COMPOUND's status ON a date, track by track, and its whole timeline, as JSON."""
    return {
        "compound": compound.id,
        "name": compound.name,
        "as_of": on.isoformat(),
        "checked": checked_on(compound, on),
        "stale_after_days": after,
        "tracks": [
            {
                "track": found.name,
                "status": None
                if found.current is None
                else entry_record(found.current, today, after),
                "possibly_out_of_date": found.possibly_out_of_date,
                "reported": [entry_record(e, today, after) for e in found.reported],
            }
            for found in status_on(compound, on)
        ],
        "timeline": [entry_record(e, today, after) for e in timeline(compound)],
    }


def brief(entry: Regulatory) -> str:
    """An entry in a few words: what, for what, since when."""
    what = entry.status
    if entry.category and entry.category not in what:
        what += f" ({entry.category})"
    if entry.indication and entry.indication not in what:
        what += f", for {entry.indication}"
    return what + (f", since {entry.date}" if entry.date else ", undated")


def _source(entry: Regulatory, today: date, after: int) -> str:
    parts = [f"source: {entry.source}"]
    if entry.grade:
        parts.append(f"grade {entry.grade}")
    parts.append(f"checked {entry.checked}" if entry.checked else "never checked")
    if stale(entry, today, after):
        parts.append(f"not checked in the last {after} days")
    return "; ".join(parts)


def text(compound: Compound, on: date, today: date, after: int = STALE_AFTER) -> str:
    """COMPOUND's status ON a date, track by track, then its timeline, in words."""
    checked = checked_on(compound, on)
    lines = [f"{compound.name}: regulatory status as of {on.isoformat()}"]
    if checked:
        lines.append(f"(its least recent check: {checked})")
    tracks = status_on(compound, on)
    if not compound.regulatory:
        lines += ["", "No regulatory entry is recorded: its status is not known."]
    elif not tracks:
        lines += ["", f"No regulatory entry had taken effect by {on.isoformat()}."]
    for found in tracks:
        lines += ["", found.name]
        if found.current is None:
            lines.append("  no confirmed status: only reported events")
        else:
            lines.append(f"  {brief(found.current)}")
            if found.current.warning:
                lines.append(f"  warning: {found.current.warning}")
            lines.append(f"  {_source(found.current, today, after)}")
        doubt = "possibly out of date" if found.possibly_out_of_date else "reported"
        for event in found.reported:
            lines.append(f"  {doubt}: {brief(event)} ({REPORTED}; grade C; source: {event.source})")
    if compound.regulatory:
        lines += ["", "Timeline (oldest first)"]
        for entry in timeline(compound):
            when = entry.date or "undated"
            mark = "" if confirmed(entry) else f" [{REPORTED}]"
            later = " [after this date]" if entry.date and day(entry.date) > on else ""
            lines.append(f"  {when:<10}  {track(entry)}: {entry.status}{mark}{later}")
    return "".join(clean(" ".join(line.splitlines())) + "\n" for line in lines)
