"""Records as text in every output format but the Rich table.

Records are the dicts of `records`, already sorted and cut to the chosen fields.
json, jsonl and yaml keep nested values nested; plain, csv, tsv and markdown put one value in
each cell, flattened by `cell`.
"""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any, get_args

from peptide_cli.render.stream import to_json
from peptide_cli.vocabulary import Format

if TYPE_CHECKING:
    from peptide_cli.render.stream import Stream

FORMATS = get_args(Format)


def cell(value: Any) -> str:
    """One value as the text of one cell.

    Nothing is an empty cell; true and false are `true` and `false`; numbers are as in JSON; a
    list of plain values is joined with `; `; anything nested is compact JSON.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return json.dumps(value)
    if isinstance(value, list) and all(
        item is None or isinstance(item, str | int | float) for item in value
    ):
        return "; ".join(cell(item) for item in value)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def render(
    records: list[dict[str, Any]],
    fields: list[str],
    titles: list[str],
    form: str,
    stream: Stream,
) -> str:
    """RECORDS in FORM (any format but `table`) for STREAM, keeping FIELDS, headed by TITLES in
    markdown."""
    ascii_only = not stream.utf8
    if form == "json":
        return to_json(records, stream) + "\n"
    if form == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=ascii_only) + "\n" for r in records)
    if form == "yaml":
        import yaml

        return yaml.safe_dump(records, sort_keys=False, allow_unicode=not ascii_only)
    rows = [[cell(record.get(name)) for name in fields] for record in records]
    if form in ("csv", "tsv"):
        out = io.StringIO()
        writer = csv.writer(out, delimiter="," if form == "csv" else "\t", lineterminator="\n")
        writer.writerow(fields)
        writer.writerows(rows)
        return out.getvalue()
    if form == "plain":
        lines = ["\t".join(fields), *("\t".join(map(_one_line, row)) for row in rows)]
        return "\n".join(lines) + "\n"
    if form == "markdown":
        lines = [_markdown_row(titles), _markdown_row(["---"] * len(titles))]
        lines += [_markdown_row(row) for row in rows]
        return "\n".join(lines) + "\n"
    raise ValueError(f"no such format: {form}")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _markdown_row(cells: list[str]) -> str:
    escaped = [_one_line(text).replace("\\", "\\\\").replace("|", "\\|") for text in cells]
    return "| " + " | ".join(escaped) + " |"
