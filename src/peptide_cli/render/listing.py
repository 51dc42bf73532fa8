"""Listings: records of one kind written in the chosen format, sorted and cut to chosen fields.

The format is already decided (see the front-end); `table` is drawn by Rich (`views`), every
other format is text (`text`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from peptide_cli.errors import UnknownField

if TYPE_CHECKING:
    from collections.abc import Iterable

    from peptide_cli.render.records import RecordKind
    from peptide_cli.render.stream import JsonText, Stream


class Listing:
    """How to write a listing: FORM (a format name), FIELDS (None for the kind's default),
    sorted BY a field (None keeps the order), REVERSE order."""

    __slots__ = ("by", "fields", "form", "reverse")

    def __init__(
        self, form: str, fields: str | None = None, by: str | None = None, reverse: bool = False
    ) -> None:
        self.form = form
        self.fields = fields  # comma-separated, as a user gives them
        self.by = by
        self.reverse = reverse


def write(
    records: Iterable[dict[str, Any] | JsonText],
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

    A record may come as the JSON text it is written as (`stream.JsonText`): a JSON array of
    every field, in its own order, is then written from the text as it is, and every other
    listing reads the record back from it.
    """
    from peptide_cli.render import text
    from peptide_cli.render.stream import value_of

    form = listing.form
    chosen = text.FORMATS[form]
    wanted = chosen_fields(listing.fields, kind)
    if listing.by is not None and listing.by not in kind.fields:
        raise UnknownField(listing.by, kind.fields, "sort")
    if wanted is not None:
        fields = wanted
    elif chosen.columns:
        fields = ["compound_name"] * several_compounds + list(kind.columns)
    else:
        fields = list(kind.fields)

    in_order = listing.by is None and not listing.reverse
    every_field = fields == list(kind.fields)
    if form == "json" and in_order and every_field:
        return _array(records, stream)  # a record's JSON text is written as it is
    values: Iterable[dict[str, Any]] = map(value_of, records)
    if chosen.whole and in_order and not every_field:
        values = ({name: record.get(name) for name in fields} for record in values)
    if form == "json" and in_order:
        return _array(values, stream)  # an item at a time, as a line format is

    if chosen.line is not None and in_order:
        written = -1 if chosen.header else 0  # a header line holds no record
        for line in text.lines(values, fields, form, stream):
            stream.write(line)
            written += 1
        return written

    listed = ordered(list(values), listing.by, listing.reverse)
    if chosen.whole:
        listed = [{name: record.get(name) for name in fields} for record in listed]
    if form != "table":
        titles = [kind.title(name) for name in fields]
        stream.write(text.render(listed, fields, titles, form, stream))
    elif listed:
        from peptide_cli.render.tables import records_table

        stream.show(records_table(listed, fields, kind))
    return len(listed)


def _array(items: Iterable[Any], stream: Stream) -> int:
    """Write ITEMS as a JSON array, an item at a time (the same text as at once); how many."""
    from peptide_cli.render.stream import json_array

    written = -1  # the closing piece holds no record
    for piece in json_array(items, stream):
        stream.write(piece)
        written += 1
    stream.write("\n")
    return written


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
