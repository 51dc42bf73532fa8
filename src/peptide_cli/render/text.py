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

from peptide_cli.render.safe import BIDI, clean, escaped, spreadsheet
from peptide_cli.render.stream import to_json
from peptide_cli.vocabulary import Format

if TYPE_CHECKING:
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
    if isinstance(value, int | float):
        return json.dumps(value)
    if isinstance(value, list) and all(
        item is None or isinstance(item, str | int | float) for item in value
    ):
        return "; ".join(cell(item) for item in value)
    return clean(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def spreadsheet_cell(value: Any) -> str:
    """A cell for csv and tsv: as `cell`, and text a spreadsheet would run as a formula is
    kept as text (numbers are left as they are)."""
    text = cell(value)
    return text if isinstance(value, int | float) else spreadsheet(text)


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
        return "".join(escaped(json.dumps(r, ensure_ascii=ascii_only)) + "\n" for r in records)
    if form == "yaml":
        return _yaml(records, ascii_only)
    if form in ("csv", "tsv"):
        rows = [[spreadsheet_cell(record.get(name)) for name in fields] for record in records]
        out = io.StringIO()
        writer = csv.writer(out, delimiter="," if form == "csv" else "\t", lineterminator="\n")
        writer.writerow(fields)
        writer.writerows(rows)
        return out.getvalue()
    rows = [[cell(record.get(name)) for name in fields] for record in records]
    if form == "plain":
        lines = ["\t".join(fields), *("\t".join(map(_one_line, row)) for row in rows)]
        return "\n".join(lines) + "\n"
    if form == "markdown":
        lines = [_markdown_row(titles), _markdown_row(["---"] * len(titles))]
        lines += [_markdown_row(row) for row in rows]
        return "\n".join(lines) + "\n"
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
