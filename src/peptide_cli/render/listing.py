"""Listings: records of one kind written in the chosen format, sorted and cut to chosen fields.

The format is already decided (see the front-end); `table` is drawn by Rich (`views`), every
other format is text (`text`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from peptide_cli.errors import UnknownField

if TYPE_CHECKING:
    from collections.abc import Iterable

    from peptide_cli.render.records import RecordKind
    from peptide_cli.render.stream import Stream


class Listing(NamedTuple):
    """How to write a listing: FORM (a format name), FIELDS (None for the kind's default),
    sorted BY a field (None keeps the order), REVERSE order."""

    form: str
    fields: str | None = None  # comma-separated, as a user gives them
    by: str | None = None
    reverse: bool = False


def write(
    records: Iterable[dict[str, Any]],
    kind: RecordKind[Any],
    listing: Listing,
    stream: Stream,
    *,
    several_compounds: bool = False,
) -> int:
    """Write RECORDS of KIND to STREAM as LISTING asks; how many were written. Raises
    UnknownField (before anything is written).

    In a line format (jsonl, csv, tsv, plain) or JSON left in its own order, each record is
    written as soon as it is built, so a reader such as `head` sees the first one at once, and
    no more than one record is held; every other listing needs all of them first (to sort
    them, or to lay out a table or a document).
    """
    from peptide_cli.render import text

    form = listing.form
    wanted = chosen_fields(listing.fields, kind)
    if listing.by is not None and listing.by not in kind.fields:
        raise UnknownField(listing.by, kind.fields, "sort")
    if wanted is not None:
        fields = wanted
    elif form in ("table", "plain", "markdown"):
        fields = ["compound_name"] * several_compounds + list(kind.columns)
    else:
        fields = list(kind.fields)

    if form in (*text.LINE_FORMATS, "json") and listing.by is None and not listing.reverse:
        if form in ("json", "jsonl") and fields != list(kind.fields):  # else already so
            records = ({name: record.get(name) for name in fields} for record in records)
        if form == "json":  # an array, written an item at a time: the same text as at once
            from peptide_cli.render.stream import json_array

            written = -1  # the closing piece holds no record
            for piece in json_array(records, stream):
                stream.write(piece)
                written += 1
            stream.write("\n")
            return written
        written = 0 if form == "jsonl" else -1  # csv, tsv and plain begin with a header line
        for line in text.lines(records, fields, form, stream):
            stream.write(line)
            written += 1
        return written

    listed = ordered(list(records), listing.by, listing.reverse)
    if form in ("json", "jsonl", "yaml"):
        listed = [{name: record.get(name) for name in fields} for record in listed]
    if form != "table":
        titles = [kind.title(name) for name in fields]
        stream.write(text.render(listed, fields, titles, form, stream))
    elif listed:
        from peptide_cli.render.tables import records_table

        stream.show(records_table(listed, fields, kind))
    return len(listed)


def chosen_fields(given: str | None, kind: RecordKind[Any]) -> list[str] | None:
    """The fields GIVEN names (comma-separated), or None when none were given."""
    if given is None:
        return None
    fields = [name.strip() for name in given.split(",") if name.strip()]
    unknown = [name for name in fields if name not in kind.fields]
    if unknown or not fields:
        raise UnknownField(unknown[0] if unknown else None, kind.fields, "select")
    return fields


def ordered(records: list[dict[str, Any]], by: str | None, reverse: bool) -> list[dict[str, Any]]:
    """RECORDS sorted by the field BY (numbers as numbers, text ignoring case), or in their own
    order; records without the field come last in either direction. BY is a field of the
    records' kind (`write` checks it before any record is built)."""
    if by is None:
        return list(reversed(records)) if reverse else records

    from peptide_cli.render.text import cell

    def key(record: dict[str, Any]) -> tuple[int, float, str]:
        """Numbers as numbers, before anything else as text without regard to case."""
        value = record[by]
        if isinstance(value, int | float) and not isinstance(value, bool):
            return (0, value, "")
        return (1, 0, cell(value).casefold())

    present = [r for r in records if r.get(by) is not None]
    missing = [r for r in records if r.get(by) is None]
    return sorted(present, key=key, reverse=reverse) + missing
