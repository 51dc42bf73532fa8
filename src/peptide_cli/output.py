"""Writing results: the output options, and streams that are safe for any terminal encoding.

On a stream that cannot encode a character (an ASCII or Latin-1 locale, say), Greek letters and
signs fall back to ASCII spellings (TNF-a, IL-1b, +/-) instead of raising UnicodeEncodeError.
"""

from __future__ import annotations

import codecs
import sys
from typing import TYPE_CHECKING, Any

from peptide_cli.errors import UsageProblem

if TYPE_CHECKING:
    from rich.console import Console

    from peptide_cli.serialize import RecordKind

ERROR_HANDLER = "peptide-cli-fallback"

FALLBACKS = {
    # One character for one where ASCII has a usual spelling, so table columns stay aligned.
    "α": "a",
    "β": "b",
    "γ": "g",
    "κ": "k",
    "µ": "u",
    "·": "-",
    "•": "*",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "–": "-",
    "—": "-",
    "×": "x",
    "±": "+/-",
    "→": "->",
    "…": "...",
    "≤": "<=",
    "≥": ">=",
}


def _fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start : error.end]
    return "".join(FALLBACKS.get(char, "?") for char in text), error.end


codecs.register_error(ERROR_HANDLER, _fallback)


def safe_streams() -> None:
    """Give stdout and stderr the ASCII fallback when their encoding is not UTF-8."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and not utf8(stream):
            stream.reconfigure(errors=ERROR_HANDLER)


class Output:
    """The output options a command was given (see the CLI's shared options)."""

    __slots__ = ("as_json", "fields", "form", "no_color", "reverse", "sort")

    def __init__(
        self,
        form: str | None = None,  # a format name; None picks table or plain
        as_json: bool = False,
        fields: str | None = None,
        sort: str | None = None,
        reverse: bool = False,
        no_color: bool = False,
    ) -> None:
        self.form, self.as_json, self.fields = form, as_json, fields
        self.sort, self.reverse, self.no_color = sort, reverse, no_color

    def format(self) -> str:
        chosen = self.form
        if self.as_json and chosen not in (None, "json"):
            raise UsageProblem(f"--json and --format {chosen} ask for different formats")
        if self.as_json:
            return "json"
        if chosen is not None:
            return chosen
        return "table" if _is_terminal(sys.stdout) else "plain"

    def console(self) -> Console:
        from rich.console import Console

        return Console(no_color=True) if self.no_color else Console()


def emit(
    records: list[dict[str, Any]],
    kind: RecordKind,
    output: Output,
    *,
    several_compounds: bool = False,
    empty: str = "Nothing matches.",
) -> None:
    """Write RECORDS of KIND to stdout as OUTPUT asks: sorted, cut to fields, formatted."""
    from peptide_cli import formats

    form = output.format()
    wanted = _fields(output.fields, kind)
    records = _sorted(records, output.sort, output.reverse, kind)
    if wanted is not None:
        fields = wanted
    elif form in ("table", "plain", "markdown"):
        fields = ["compound_name"] * several_compounds + list(kind.columns)
    else:
        fields = list(kind.fields)
    if form in ("json", "jsonl", "yaml"):
        records = [{name: record.get(name) for name in fields} for record in records]

    if form != "table":
        titles = [kind.title(name) for name in fields]
        text = formats.render(records, fields, titles, form, ascii_only=not utf8(sys.stdout))
        sys.stdout.write(text)
    elif not records:
        print(empty, file=sys.stderr)
    else:
        from peptide_cli.tables import records_table

        output.console().print(records_table(records, fields, kind))


def _fields(given: str | None, kind: RecordKind) -> list[str] | None:
    if given is None:
        return None
    fields = [name.strip() for name in given.split(",") if name.strip()]
    unknown = [name for name in fields if name not in kind.fields]
    if unknown or not fields:
        what = f"unknown field {unknown[0]!r}" if unknown else "no fields given"
        raise UsageProblem(f"{what} in --fields; available: {', '.join(kind.fields)}")
    return fields


def _sorted(
    records: list[dict[str, Any]], by: str | None, reverse: bool, kind: RecordKind
) -> list[dict[str, Any]]:
    if by is None:
        return list(reversed(records)) if reverse else records
    if by not in kind.fields:
        raise UsageProblem(f"unknown field {by!r} in --sort; available: {', '.join(kind.fields)}")

    from peptide_cli.formats import cell

    def key(record: dict[str, Any]) -> tuple[int, float, str]:
        """Numbers as numbers, before anything else as text without regard to case."""
        value = record[by]
        if isinstance(value, int | float) and not isinstance(value, bool):
            return (0, value, "")
        return (1, 0, cell(value).casefold())

    present = [r for r in records if r.get(by) is not None]
    missing = [r for r in records if r.get(by) is None]
    # Records without the field come last in either direction.
    return sorted(present, key=key, reverse=reverse) + missing


def _is_terminal(stream: Any) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def utf8(stream: Any) -> bool:
    """Whether STREAM writes UTF-8, and so every character the tool may write."""
    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "ascii").name == "utf-8"
    except LookupError:
        return False


def to_json(value: Any) -> str:
    """JSON for stdout: indented for a terminal, compact for a pipe (as gh does), which is also
    many times faster to write. Non-ASCII characters (α, ±) are escaped when stdout cannot
    encode them."""
    import json

    ascii_only = not utf8(sys.stdout)
    if _is_terminal(sys.stdout):
        return json.dumps(value, indent=2, ensure_ascii=ascii_only)
    return json.dumps(value, separators=(",", ":"), ensure_ascii=ascii_only)
