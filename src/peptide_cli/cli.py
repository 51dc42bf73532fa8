"""The `peptide-cli` command line: parse arguments, call the library, hand results to a renderer.

Only typer is imported at start-up; pydantic, PyYAML and Rich are imported by the commands that
need them, so `--help` and `--version` stay fast.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from peptide_cli import __version__
from peptide_cli.errors import EXIT_NOT_FOUND, PeptideCliError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from peptide_cli.models import Catalog

PROG = "peptide-cli"


class CliGroup(TyperGroup):
    """Reports every error a user can cause as one line on stderr with a documented exit code."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            code = super().main(
                args, prog_name or PROG, complete_var, standalone_mode=False, **extra
            )
        except PeptideCliError as error:
            code = _fail(str(error), error.exit_code)
        except typer.Abort:
            code = _fail("aborted", EXIT_NOT_FOUND)
        except typer.TyperException as error:  # click's usage errors: bad option, missing value
            command = getattr(getattr(error, "ctx", None), "command_path", PROG)
            message = error.format_message()
            code = _fail(f"{message} (see '{command} --help')", error.exit_code)
        code = code if isinstance(code, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code


def _fail(message: str, code: int) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return code


app = typer.Typer(
    name=PROG,
    cls=CliGroup,
    help=(
        "Look up the evidence behind Cerebrolysin's health claims: the evidence tier of each "
        "health goal and every study behind it."
    ),
    epilog=(
        "Exit codes: 0 success, 1 nothing matched, 2 usage error, 3 claims file missing or invalid."
    ),
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    invoke_without_command=True,
)

JsonOption = Annotated[
    bool, typer.Option("--json", help="Write JSON to stdout instead of a table.")
]


def _show_version(value: bool) -> None:
    if value:
        print(f"{PROG} {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Set up the options every command shares."""
    if ctx.invoked_subcommand is None:
        print(ctx.get_help())
        raise typer.Exit()


@app.command()
def goals(as_json: JsonOption = False) -> None:
    """List every goal, its tier and its studies.

    One row per health goal, in the order of the source document: its evidence tier (a range
    such as 2-3 where the document gives one), the tier's label, and how many studies, and how
    many human studies, stand behind it.
    """
    from peptide_cli import lookup

    catalog = _catalog()
    _emit_goals(catalog, lookup.entries(catalog), as_json)


@app.command()
def show(
    goal: Annotated[
        str,
        typer.Argument(
            metavar="GOAL",
            help="An id, name or alias (case-insensitive), or a unique word or prefix of one: "
            "stroke, tbi, memory, hair, liver, gut.",
        ),
    ],
    as_json: JsonOption = False,
) -> None:
    """Show one goal and every study behind it.

    The goal's tier, summary and limitations, then each study's design, species, size and
    population, and each outcome's effect, confidence interval, p-value and timepoint. Exits 1
    when GOAL matches no goal, or more than one.
    """
    from peptide_cli import lookup

    catalog = _catalog()
    entry = lookup.find_goal(catalog, goal)
    if as_json:
        from peptide_cli.serialize import goal_object

        _write_json(goal_object(catalog, entry, studies=True))
    else:
        from peptide_cli.tables import goal_view

        _print_rich(goal_view(catalog, entry))


@app.command(name="filter")
def filter_goals(
    min_tier: Annotated[
        int | None, typer.Option("--min-tier", metavar="N", help="Lowest tier to include.")
    ] = None,
    max_tier: Annotated[
        int | None, typer.Option("--max-tier", metavar="M", help="Highest tier to include.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List the goals within a range of tiers.

    The goals whose tier is between --min-tier and --max-tier, both included (either may be
    left out). Same output as `goals`; an empty result is not an error.

    A goal with a tier range counts by its lower bound: Liver & Heart Health (Tier 2-3) is in
    --max-tier 2 but not in --min-tier 3. Tiers must be on the scale of the claims file
    (1, 2, 3 for the bundled one).
    """
    from peptide_cli import lookup

    catalog = _catalog()
    _emit_goals(catalog, lookup.filter_by_tier(catalog, min_tier, max_tier), as_json)


@app.command()
def info(as_json: JsonOption = False) -> None:
    """Describe the compound and how it works.

    What it is and where it comes from, how it is given, its preparations (with the mg per mL
    they imply), where and how it is used, and its proposed mechanisms of action.
    """
    catalog = _catalog()
    compound = catalog.compounds[0]
    if as_json:
        from peptide_cli.serialize import compound_object

        _write_json(compound_object(compound))
    else:
        from peptide_cli.tables import compound_view

        _print_rich(compound_view(compound))


def _catalog() -> Catalog:
    from peptide_cli.loader import load_catalog

    return load_catalog()


def _emit_goals(catalog: Catalog, entries: list, as_json: bool) -> None:
    if as_json:
        from peptide_cli.serialize import goal_object

        _write_json([goal_object(catalog, entry) for entry in entries])
    elif not entries:
        print("No goals match.", file=sys.stderr)
    else:
        from peptide_cli.tables import goals_table

        _print_rich(goals_table(catalog, entries))


def _write_json(value: object) -> None:
    from peptide_cli.serialize import to_json

    sys.stdout.write(to_json(value) + "\n")


def _print_rich(renderable: object) -> None:
    from rich.console import Console

    Console().print(renderable)


def main() -> None:
    """Console-script entry point."""
    import signal

    if hasattr(signal, "SIGPIPE"):
        # Die quietly, like other Unix tools, when a reader such as `head` closes the pipe.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
