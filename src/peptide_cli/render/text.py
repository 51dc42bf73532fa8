"""Records as text in every output format but the Rich table.

Records are the dicts of `records`, already sorted and cut to the chosen fields.
json, jsonl and yaml keep nested values nested; plain, csv, tsv and markdown put one value in
each cell, flattened by `cell`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from peptide_cli.render.safe import BIDI, clean, escaped, spreadsheet
from peptide_cli.render.stream import to_json

if TYPE_CHECKING:
    from peptide_cli.render.stream import Stream


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


def lines(
    records: Iterable[dict[str, Any]], fields: list[str], form: str, stream: Stream
) -> Iterator[str]:
    """RECORDS in FORM, a line format (one with `OutputFormat.line`), one piece of text at a time: a
    header line (csv, tsv, plain), then a line per record, each produced as soon as its record
    is."""
    line = FORMATS[form].line
    if line is None:
        raise ValueError(f"not a line format: {form}")
    return line(records, fields, stream)


def render(
    records: list[dict[str, Any]],
    fields: list[str],
    titles: list[str],
    form: str,
    stream: Stream,
) -> str:
    """RECORDS in FORM (any format but `table`) for STREAM, keeping FIELDS, headed by TITLES in
    markdown."""
    chosen = FORMATS[form]
    if chosen.line is not None:
        return "".join(chosen.line(records, fields, stream))
    if chosen.document is not None:
        return chosen.document(records, fields, titles, stream)
    raise ValueError(f"not a text format: {form}")


def _jsonl(records: Iterable[dict[str, Any]], fields: list[str], stream: Stream) -> Iterator[str]:
    import json

    ascii_only = not stream.utf8
    for record in records:
        yield escaped(json.dumps(record, ensure_ascii=ascii_only)) + "\n"


def _separated(delimiter: str, *, guarded: bool = True) -> LineWriter:
    """A writer of csv (DELIMITER `,`) or tsv (a tab), each cell guarded for spreadsheets, or,
    not GUARDED, as it is (for pandas and R, which run no formula)."""
    made = spreadsheet_cell if guarded else cell

    def write(
        records: Iterable[dict[str, Any]], fields: list[str], stream: Stream
    ) -> Iterator[str]:
        import csv
        import io

        out = io.StringIO()
        writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")

        def taken() -> str:
            text = out.getvalue()
            out.seek(0)
            out.truncate()
            return text

        writer.writerow(fields)
        yield taken()
        for record in records:
            writer.writerow([made(record.get(name)) for name in fields])
            yield taken()

    return write


def _plain(records: Iterable[dict[str, Any]], fields: list[str], stream: Stream) -> Iterator[str]:
    yield "\t".join(fields) + "\n"
    for record in records:
        yield "\t".join(_one_line(cell(record.get(name))) for name in fields) + "\n"


def _json(
    records: list[dict[str, Any]], fields: list[str], titles: list[str], stream: Stream
) -> str:
    return to_json(records, stream) + "\n"


def _yaml_document(
    records: list[dict[str, Any]], fields: list[str], titles: list[str], stream: Stream
) -> str:
    return _yaml(records, not stream.utf8)


def _markdown(
    records: list[dict[str, Any]], fields: list[str], titles: list[str], stream: Stream
) -> str:
    rows = [[cell(record.get(name)) for name in fields] for record in records]
    shown = [markdown_row(titles), markdown_row(["---"] * len(titles))]
    shown += [markdown_row(row) for row in rows]
    return "\n".join(shown) + "\n"


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


def markdown_row(cells: list[str]) -> str:
    """One table row of Markdown: each cell on one line, its pipes and backslashes escaped, and
    `<` and `>` as HTML entities, so no viewer that renders HTML runs a cell as markup (a bare
    `&` is kept: it can spell an entity, never a tag)."""
    escaped = [
        _one_line(text)
        .replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        for text in cells
    ]
    return "| " + " | ".join(escaped) + " |"


LineWriter = Callable[[Iterable[dict[str, Any]], list[str], "Stream"], Iterator[str]]
DocumentWriter = Callable[[list[dict[str, Any]], list[str], list[str], "Stream"], str]


class OutputFormat:
    """One output format of the listing commands, as FORMATS declares it.

    COLUMNS: shows the kind's table columns unless fields are chosen (a reader's view), else
    every field. LINE: writes a line per record, each as soon as its record is built, after a
    header line if HEADER. DOCUMENT: writes every record at once. WHOLE: writes each record as
    a mapping of its fields (nested values kept), so records are cut to the chosen fields
    first. A format with neither writer is drawn by Rich (`table`).
    """

    __slots__ = ("columns", "document", "header", "line", "name", "whole")

    def __init__(
        self,
        name: str,
        *,
        columns: bool = False,
        line: LineWriter | None = None,
        header: bool = False,
        document: DocumentWriter | None = None,
        whole: bool = False,
    ) -> None:
        self.name = name
        self.columns = columns
        self.line = line
        self.header = header
        self.document = document
        self.whole = whole


FORMATS: dict[str, OutputFormat] = {
    made.name: made
    for made in (
        OutputFormat("table", columns=True),  # drawn by Rich (`tables.records_table`)
        OutputFormat("plain", columns=True, line=_plain, header=True),
        OutputFormat("json", document=_json, whole=True),
        OutputFormat("jsonl", line=_jsonl, whole=True),
        OutputFormat("csv", line=_separated(","), header=True),
        # no formula guard: each value as it is, for pandas and R (control characters are
        # still shown, never sent)
        OutputFormat("csv-raw", line=_separated(",", guarded=False), header=True),
        OutputFormat("tsv", line=_separated("\t"), header=True),
        OutputFormat("yaml", document=_yaml_document, whole=True),
        OutputFormat("markdown", columns=True, document=_markdown),
    )
}
"""Every output format, by the name `--format` takes (`vocabulary.Format` names them, in this
order, for the command line; a test holds the two equal)."""
