"""Records as text in every output format but the Rich table.

Records are the dicts of `records`, already sorted and cut to the chosen fields.
json, jsonl and yaml keep nested values nested; plain, csv, tsv and markdown put one value in
each cell, flattened by `cell`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, get_args

from peptide_cli.render.safe import BIDI, clean, escaped, spreadsheet
from peptide_cli.render.stream import to_json
from peptide_cli.vocabulary import Format

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from peptide_cli.render.stream import Stream

FORMATS = get_args(Format)


def cell(value: Any) -> str:
    """One value as the text of one cell.

    Nothing is an empty cell; true and false are `true` and `false`; numbers are as in JSON; a
    list of plain values is joined with `; `; anything nested is compact JSON. Control
    characters are shown, never sent (see `safe`).
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, int):
        return int.__repr__(value)  # as JSON writes it
    if isinstance(value, float):
        return float.__repr__(value) if value - value == 0 else NOT_FINITE[repr(value)]
    if isinstance(value, list) and all(
        item is None or isinstance(item, str | int | float) for item in value
    ):
        return "; ".join(cell(item) for item in value)
    import json

    return clean(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


NOT_FINITE = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}
"""How JSON, and so a cell, writes the floats that are not finite."""


def spreadsheet_cell(value: Any) -> str:
    """A cell for csv and tsv: as `cell`, and text a spreadsheet would run as a formula is
    kept as text (numbers are left as they are)."""
    text = cell(value)
    return text if isinstance(value, int | float) else spreadsheet(text)


LINE_FORMATS = ("jsonl", "csv", "tsv", "plain")
"""The formats written one line per record, which can be written as each record is built."""


def lines(
    records: Iterable[dict[str, Any]], fields: list[str], form: str, stream: Stream
) -> Iterator[str]:
    """RECORDS in a line format (LINE_FORMATS), one piece of text at a time: a header line
    (csv, tsv, plain), then a line per record, each produced as soon as its record is."""
    if form == "jsonl":
        import json

        ascii_only = not stream.utf8
        for record in records:
            yield escaped(json.dumps(record, ensure_ascii=ascii_only)) + "\n"
        return
    if form in ("csv", "tsv"):
        import csv
        import io

        out = io.StringIO()
        writer = csv.writer(out, delimiter="," if form == "csv" else "\t", lineterminator="\n")

        def taken() -> str:
            text = out.getvalue()
            out.seek(0)
            out.truncate()
            return text

        writer.writerow(fields)
        yield taken()
        for record in records:
            writer.writerow([spreadsheet_cell(record.get(name)) for name in fields])
            yield taken()
        return
    if form == "plain":
        yield "\t".join(fields) + "\n"
        for record in records:
            yield "\t".join(_one_line(cell(record.get(name))) for name in fields) + "\n"
        return
    raise ValueError(f"not a line format: {form}")


def render(
    records: list[dict[str, Any]],
    fields: list[str],
    titles: list[str],
    form: str,
    stream: Stream,
) -> str:
    """RECORDS in FORM (any format but `table`) for STREAM, keeping FIELDS, headed by TITLES in
    markdown."""
    if form == "json":
        return to_json(records, stream) + "\n"
    if form in LINE_FORMATS:
        return "".join(lines(records, fields, form, stream))
    if form == "yaml":
        return _yaml(records, not stream.utf8)
    if form == "markdown":
        rows = [[cell(record.get(name)) for name in fields] for record in records]
        shown = [_markdown_row(titles), _markdown_row(["---"] * len(titles))]
        shown += [_markdown_row(row) for row in rows]
        return "\n".join(shown) + "\n"
    raise ValueError(f"no such format: {form}")


def _yaml(records: list[dict[str, Any]], ascii_only: bool) -> str:
    """YAML in which every string reads back as a string, by YAML 1.1 readers (PyYAML) and by
    YAML 1.2 ones alike: text such as `1e3` or `0o17` is quoted."""
    import re

    import yaml

    numeric = re.compile(
        r"[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+"
        r"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)"
    )

    class Dumper(yaml.SafeDumper):
        pass

    def text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        style = "'" if numeric.fullmatch(value) else None
        if not BIDI.isdisjoint(value):
            style = '"'  # so that `escaped` may write them as escapes
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    dumped = yaml.dump(records, Dumper=Dumper, sort_keys=False, allow_unicode=not ascii_only)
    return escaped(dumped)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _markdown_row(cells: list[str]) -> str:
    escaped = [_one_line(text).replace("\\", "\\\\").replace("|", "\\|") for text in cells]
    return "| " + " | ".join(escaped) + " |"
