"""The commands: each parses its arguments, asks the evidence API, and hands records to a writer.

This package holds the app and its root options; each command is a module of its own, imported
only when that command runs (see `Commands` and `group.LazyGroup`), so that a run pays for
declaring no command but its own. Only typer is imported at start-up; pydantic, PyYAML and Rich
are imported by the commands that need them, so `--help` and `--version` stay fast. The
annotations are evaluated when a module is (no `from __future__ import annotations`), so that
Typer need not evaluate each again from its text on every run; those naming what is imported
only for type checking are quoted.
"""

from pathlib import Path
from typing import Annotated, ClassVar

import typer

from peptide_cli import __version__
from peptide_cli.cli import options
from peptide_cli.cli.exits import PROG
from peptide_cli.cli.group import LazyGroup
from peptide_cli.cli.options import DATA_ENV, DATA_HELP


class Commands(LazyGroup):
    """The root command, with each command and the module of this package that defines it, in
    the order `--help` lists them."""

    modules: ClassVar[dict[str, str]] = {
        "goals": "goals",
        "show": "show",
        "filter": "filter",
        "compare": "compare",
        "compounds": "compounds",
        "studies": "studies",
        "search": "search",
        "audit": "audit",
        "cite": "cite",
        "report": "report",
        "mcp": "mcp_server",
        "explain": "explain",
        "info": "info",
        "status": "status",
        "whats-new": "whats_new",
        "update": "update",
        "schema": "schema",
        "validate": "validate",
        "init": "init",
        "check": "check",
        "cache": "cache",
    }


app = typer.Typer(
    name=PROG,
    cls=Commands,
    help=(
        "Look up the evidence behind a peptide's health claims: the evidence tier of each "
        "health goal and every study behind it. The bundled catalog covers a handful of "
        "compounds; `peptide-cli compounds` lists them."
    ),
    epilog=(
        "Exit codes: 0 success, 1 nothing matched, 2 usage error, 3 claims file missing or "
        "invalid, 4 output could not be written, 5 a network service failed (update)."
    ),
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    invoke_without_command=True,
)


def _show_version(value: bool) -> None:
    if value:
        from peptide_cli.catalog.reading import bundled_path, data_version

        released = data_version(bundled_path())
        data = f" (data {released[0]}, released {released[1]})" if released else ""
        print(f"{PROG} {__version__}{data}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data", metavar="PATH", envvar=DATA_ENV, parser=options.claims_path, help=DATA_HELP
        ),
    ] = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Read and check the claims file afresh, without the cache of checked files "
            "(kept in $PEPTIDE_CLI_CACHE_DIR, or the user's cache folder).",
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            callback=_show_version,
            is_eager=True,
            help="Show the version and exit.",
        ),
    ] = False,
) -> None:
    """Set up the options every command shares (read by options.root_data and cache_folder)."""
    if ctx.invoked_subcommand is None:
        print(ctx.get_help())
        raise typer.Exit()
