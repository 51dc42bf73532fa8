"""Write the generated part of docs/cli-reference.md: every command's --help and the JSON fields.

cog runs this from the block in docs/cli-reference.md. To regenerate the page:

    .venv/bin/cog -r docs/cli-reference.md

and to check that it is current (as .ci/run and tests/test_docs.py do):

    .venv/bin/cog --check docs/cli-reference.md

Nothing here is copied by hand. The help is what `peptide-cli ... --help` prints at a fixed
width, with no colour, and the fields are those `peptide_cli.render.records` declares.
"""

from __future__ import annotations

import inspect
import re
import sys
from collections.abc import Iterator
from typing import Any

import typer
from typer.testing import CliRunner

PROG = "peptide-cli"

# The help is printed as on a terminal of 100 columns with no colour, so that it is the same on
# every machine. PEPTIDE_CLI_DATA is unset (None removes it), as the bundled catalog is described.
HELP_ENV: dict[str, str | None] = {
    "COLUMNS": "100",
    "TERM": "dumb",
    "NO_COLOR": "1",
    "PEPTIDE_CLI_DATA": None,
}


def app() -> typer.Typer:
    from peptide_cli.cli import app as made

    return made


Command = Any  # a built command (typer vendors its own click, so no click type is named)


def commands() -> Iterator[tuple[tuple[str, ...], Command]]:
    """The root command and every command under it, each with its path of names, in the order
    --help lists them: (), ("goals",), ..., and ("cache", "info") should cache be a group."""

    def walk(path: tuple[str, ...], command: Command) -> Iterator[Any]:
        yield path, command
        if hasattr(command, "list_commands"):  # a group
            ctx = typer.Context(command, info_name=path[-1] if path else PROG)
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                if sub is not None and not getattr(sub, "hidden", False):
                    yield from walk((*path, name), sub)

    yield from walk((), typer.main.get_command(app()))


def help_text(path: tuple[str, ...]) -> str:
    """What `peptide-cli PATH --help` prints, trailing spaces taken off each line."""
    result = CliRunner().invoke(app(), [*path, "--help"], env=HELP_ENV)
    if result.exit_code != 0:
        raise RuntimeError(f"{PROG} {' '.join(path)} --help exited {result.exit_code}")
    lines = [line.rstrip() for line in result.output.strip("\n").split("\n")]
    return "\n".join(lines)


def title(path: tuple[str, ...]) -> str:
    return " ".join((PROG, *path))


def anchor(path: tuple[str, ...]) -> str:
    """GitHub's anchor for the heading of PATH."""
    return re.sub(r"[^a-z0-9 _-]", "", title(path).lower()).replace(" ", "-")


def record_kinds() -> list[tuple[str, Any]]:
    """Every kind of record `render.records` declares, by its name there, in its order."""
    from peptide_cli.render import records

    return [
        (name, value)
        for name, value in vars(records).items()
        if isinstance(value, records.RecordKind) and name.isupper()
    ]


def users(name: str, every: list[tuple[tuple[str, ...], Command]]) -> list[str]:
    """The commands whose module names the record kind NAME."""
    found = []
    for path, command in every:
        if not path or command.callback is None:
            continue
        module = inspect.getmodule(inspect.unwrap(command.callback))
        if module is None:
            continue
        try:
            source = inspect.getsource(module)
        except (OSError, TypeError):
            continue
        if re.search(rf"\b{name}\b", source):
            found.append(" ".join(path))
    return found


def field_table(kind: Any, names: tuple[str, ...]) -> list[str]:
    rows = ["| field | column title | in a table by default |", "| --- | --- | --- |"]
    for field in names:
        column = kind.titles.get(field, "")
        shown = str(kind.columns.index(field) + 1) if field in kind.columns else ""
        rows.append(f"| `{field}` | {column} | {shown} |")
    return rows


def fields_section(every: list[tuple[tuple[str, ...], Command]]) -> list[str]:
    out = [
        "## JSON fields",
        "",
        "Each kind of record below is declared once in `src/peptide_cli/render/records.py`. Its",
        "fields are the keys of its JSON objects, in this order, and the names `--fields` and",
        "`--sort` accept. The column title is what a table calls the field. The last column gives",
        "the place of the field among the columns a table, `plain` or `markdown` shows when",
        "`--fields` is not given.",
        "",
    ]
    seen: list[tuple[str, Any]] = []
    for name, kind in record_kinds():
        used = users(name, every)
        out.append(f"### `{name}`")
        out.append("")
        if used:
            out.append("Written by " + ", ".join(f"`{PROG} {u}`" for u in used) + ".")
            out.append("")
        same = next((other for other, k in seen if k.fields == kind.fields), None)
        base = next(
            (
                (other, k)
                for other, k in seen
                if len(k.fields) < len(kind.fields) and kind.fields[: len(k.fields)] == k.fields
            ),
            None,
        )
        if same is not None:
            shown = ", ".join(f"`{field}` ({kind.title(field)})" for field in kind.columns)
            out.append(f"The fields of `{same}`. A table shows: {shown}.")
        elif base is not None:
            out.append(f"The fields of `{base[0]}`, then:")
            out.append("")
            out.extend(field_table(kind, kind.fields[len(base[1].fields) :]))
        else:
            out.extend(field_table(kind, kind.fields))
        out.append("")
        seen.append((name, kind))
    return out


def markdown() -> str:
    """The generated part of docs/cli-reference.md."""
    every = list(commands())
    out = ["## Commands", ""]
    out.extend(f"- [`{title(path)}`](#{anchor(path)})" for path, _ in every)
    out.append("- [JSON fields](#json-fields)")
    out.append("")
    for path, _ in every:
        out.extend([f"## `{title(path)}`", "", "```text", help_text(path), "```", ""])
    out.extend(fields_section(every))
    return "\n".join(out).rstrip("\n") + "\n"


if __name__ == "__main__":
    sys.stdout.write(markdown())
