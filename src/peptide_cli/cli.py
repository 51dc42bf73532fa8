"""The `peptide-cli` command line: parse arguments, call the library, hand results to a renderer.

Only typer is imported at start-up; pydantic, PyYAML and Rich are imported by the commands that
need them, so `--help` and `--version` stay fast.
"""

import functools
import inspect
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from peptide_cli import __version__
from peptide_cli.errors import (
    EXIT_DATA,
    EXIT_NOT_FOUND,
    CatalogError,
    PeptideCliError,
    UsageProblem,
)
from peptide_cli.output import Output, emit, safe_streams, to_json
from peptide_cli.vocabulary import CiteFormat, Design, Format, Species

if TYPE_CHECKING:
    from collections.abc import Sequence

    from peptide_cli.lookup import Entry
    from peptide_cli.models import Catalog, Compound

PROG = "peptide-cli"
DATA_ENV = "PEPTIDE_CLI_DATA"
SHOWN_PROBLEMS = 3  # how many problems of a bad claims file commands other than validate print
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report a process ended by SIGINT


class CliGroup(TyperGroup):
    """The root command: builds a subcommand only when it is run, and reports every error a user
    can cause on stderr with a documented exit code.

    Typer would build every command (reading each signature) on every start; `peptide-cli
    --version` or `goals` needs none of the others, so `command` below keeps them aside
    (COMMANDS) and `get_command` builds the one asked for.
    """

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        info = COMMANDS.get(cmd_name)
        if info is None:
            return None
        if cmd_name not in self.commands:
            from typer.main import get_command_from_info

            self.commands[cmd_name] = get_command_from_info(
                info, pretty_exceptions_short=True, rich_markup_mode=None
            )
        return self.commands[cmd_name]

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The list of commands in --help, from their docstrings, without building them."""
        rows = [(name, _first_line(info.callback)) for name, info in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def main(  # type: ignore[override]
        self,
        args: "Sequence[str] | None" = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        safe_streams()
        try:
            code = super().main(
                args, prog_name or PROG, complete_var, standalone_mode=False, **extra
            )
        except KeyboardInterrupt:
            code = EXIT_INTERRUPTED
        except CatalogError as error:
            code = _report_catalog_error(error)
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


def _first_line(function: Any) -> str:
    return (function.__doc__ or "").strip().split("\n", 1)[0]


COMMANDS: dict[str, Any] = {}  # name -> typer's CommandInfo, built on demand by CliGroup


def command(name: str | None = None) -> Callable[[Callable], Callable]:
    """Register a command of the app, to be built only when it is run (see CliGroup)."""
    from typer.models import CommandInfo

    def register(function: Callable) -> Callable:
        chosen = name or function.__name__.replace("_", "-")
        COMMANDS[chosen] = CommandInfo(name=chosen, callback=function)
        return function

    return register


def _fail(message: str, code: int) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return code


def _report_catalog_error(error: CatalogError) -> int:
    errors = error.errors
    for problem in errors[:SHOWN_PROBLEMS]:
        print(f"{PROG}: {problem}", file=sys.stderr)
    if len(errors) > SHOWN_PROBLEMS:
        more = len(errors) - SHOWN_PROBLEMS
        source = getattr(error, "source", None)
        command = f"{PROG} validate" + (f" {source}" if source else "")
        _fail(f"{_plural(more, 'more problems')}; '{command}' lists them all", 0)
    return EXIT_DATA


app = typer.Typer(
    name=PROG,
    cls=CliGroup,
    help=(
        "Look up the evidence behind a peptide's health claims: the evidence tier of each "
        "health goal and every study behind it. The bundled claims file covers Cerebrolysin."
    ),
    epilog=(
        "Exit codes: 0 success, 1 nothing matched, 2 usage error, 3 claims file missing or invalid."
    ),
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    invoke_without_command=True,
)

DATA_HELP = (
    "Read this claims file, or every .yaml/.yml file in this folder, instead of the bundled one."
)
DataOption = Annotated[
    Path | None,
    typer.Option("--data", metavar="PATH", help=f"{DATA_HELP} Overrides the global --data."),
]
CompoundOption = Annotated[
    str | None,
    typer.Option("--compound", metavar="NAME", help="Only this compound (its id or name)."),
]


# The output options every command shares (`show` and `info` take only --json and --no-color).
_OUTPUT_OPTIONS = {
    "form": (
        Annotated[
            Format | None,
            typer.Option(
                "--format",
                help="Output format. Default: table on a terminal, plain when piped.",
                show_default=False,
            ),
        ],
        None,
    ),
    "as_json": (
        Annotated[bool, typer.Option("--json", help="Write JSON: short for --format json.")],
        False,
    ),
    "fields": (
        Annotated[
            str | None,
            typer.Option(
                "--fields",
                metavar="A,B,C",
                help="Only these fields, in this order (an unknown one lists the fields).",
            ),
        ],
        None,
    ),
    "sort": (
        Annotated[
            str | None,
            typer.Option(
                "--sort", metavar="FIELD", help="Sort by this field (tier, name, n, ...)."
            ),
        ],
        None,
    ),
    "reverse": (
        Annotated[bool, typer.Option("--reverse", help="Reverse the order.")],
        False,
    ),
    "no_color": (
        Annotated[bool, typer.Option("--no-color", help="No colour, even on a terminal.")],
        False,
    ),
}
_VIEW_OPTIONS = {
    "as_json": (
        Annotated[bool, typer.Option("--json", help="Write JSON to stdout instead of text.")],
        False,
    ),
    "no_color": _OUTPUT_OPTIONS["no_color"],
}


def _with_options(options: dict[str, tuple[Any, Any]]) -> Callable[[Callable], Callable]:
    """Add OPTIONS to a command, handed to it together as one `output: Output` argument."""

    def decorate(command: Callable) -> Callable:
        signature = inspect.signature(command)
        kept = [p for p in signature.parameters.values() if p.name != "output"]
        added = [
            inspect.Parameter(
                name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=kind
            )
            for name, (kind, default) in options.items()
        ]

        @functools.wraps(command)
        def run(*args: Any, **kwargs: Any) -> Any:
            given = {name: kwargs.pop(name) for name in options}
            return command(*args, output=Output(**given), **kwargs)

        run.__signature__ = signature.replace(parameters=[*kept, *added])  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in [*kept, *added]}
        return run

    return decorate


listing_options = _with_options(_OUTPUT_OPTIONS)
view_options = _with_options(_VIEW_OPTIONS)


def complete_goal(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Shell completion: the goal ids and aliases that begin with what has been typed."""
    from peptide_cli.loader import load_catalog

    data = ctx.params.get("data") or _root_data(ctx)
    try:
        catalog = load_catalog(data, cache_folder=_cache_folder(ctx))
    except PeptideCliError:
        return []
    typed = incomplete.casefold()
    offered: dict[str, str] = {}
    for compound in catalog.compounds:
        for goal in compound.goals:
            for name in (goal.id, *goal.aliases):
                if name.casefold().startswith(typed):
                    offered.setdefault(name, goal.name)
    return list(offered.items())


def _show_version(value: bool) -> None:
    if value:
        print(f"{PROG} {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data: Annotated[
        Path | None,
        typer.Option("--data", metavar="PATH", envvar=DATA_ENV, help=DATA_HELP),
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
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Set up the options every command shares (read by _root_data and _cache_folder)."""
    if ctx.invoked_subcommand is None:
        print(ctx.get_help())
        raise typer.Exit()


@command()
@listing_options
def goals(
    ctx: typer.Context, compound: CompoundOption = None, data: DataOption = None, *, output: Output
) -> None:
    """List every goal, its tier and its studies.

    One row per health goal, in the order of the claims file: its evidence tier (a range such as
    2-3 where the source gives one), the tier's label, and how many studies, and how many human
    studies, stand behind it. A Compound column appears when the catalog has several.
    """
    from peptide_cli import lookup

    catalog = _catalog(ctx, data)
    chosen = _compound(catalog, compound)
    _emit_goals(catalog, lookup.entries(catalog, chosen), output, chosen)


@command()
@view_options
def show(
    ctx: typer.Context,
    goal: Annotated[
        str,
        typer.Argument(
            metavar="GOAL",
            help="An id, name or alias (case-insensitive), or a unique word or prefix of one: "
            "stroke, tbi, memory, hair, liver, gut.",
            autocompletion=complete_goal,
        ),
    ],
    compound: CompoundOption = None,
    data: DataOption = None,
    *,
    output: Output,
) -> None:
    """Show one goal and every study behind it.

    The goal's tier, summary and limitations, then each study's design, species, size and
    population, and each outcome's effect, confidence interval, p-value and timepoint. Exits 1
    when GOAL matches no goal, or more than one (a goal found in several compounds needs
    --compound).
    """
    from peptide_cli import lookup

    catalog = _catalog(ctx, data)
    entry = lookup.find_goal(catalog, goal, _compound(catalog, compound))
    if output.as_json:
        from peptide_cli.serialize import goal_object

        _write_json(goal_object(catalog, entry, studies=True))
    else:
        from peptide_cli.tables import goal_view

        console = output.console()
        console.print(goal_view(catalog, entry, plain=not console.is_terminal))


@command(name="filter")
@listing_options
def filter_goals(
    ctx: typer.Context,
    min_tier: Annotated[
        int | None, typer.Option("--min-tier", metavar="N", help="Lowest tier to include.")
    ] = None,
    max_tier: Annotated[
        int | None, typer.Option("--max-tier", metavar="M", help="Highest tier to include.")
    ] = None,
    compound: CompoundOption = None,
    data: DataOption = None,
    *,
    output: Output,
) -> None:
    """List the goals within a range of tiers.

    The goals whose tier is between --min-tier and --max-tier, both included (either may be
    left out). Same output as `goals`; an empty result is not an error.

    A goal with a tier range counts by its lower bound: Liver & Heart Health (Tier 2-3) is in
    --max-tier 2 but not in --min-tier 3. Tiers must be on the scale of the claims file
    (1, 2, 3 for the bundled one).
    """
    from peptide_cli import lookup

    catalog = _catalog(ctx, data)
    chosen = _compound(catalog, compound)
    found = lookup.filter_by_tier(catalog, min_tier, max_tier, chosen)
    _emit_goals(catalog, found, output, chosen)


@command()
@listing_options
def compare(
    ctx: typer.Context,
    goal: Annotated[
        str,
        typer.Argument(
            metavar="GOAL", help="A goal, named as for `show`.", autocompletion=complete_goal
        ),
    ],
    compound: CompoundOption = None,
    data: DataOption = None,
    *,
    output: Output,
) -> None:
    """Compare one goal across every compound that has it.

    One row per compound with the goal: its tier, tier label, and how many studies and human
    studies stand behind it. Exits 1 when no compound has the goal.
    """
    from peptide_cli import lookup

    catalog = _catalog(ctx, data)
    chosen = _compound(catalog, compound)
    if chosen is None:
        found = lookup.compare(catalog, goal)
    else:
        found = [lookup.find_goal(catalog, goal, chosen)]
    _emit_goals(catalog, found, output, chosen, compound_column=True)


@command()
@listing_options
def studies(
    ctx: typer.Context,
    goal: Annotated[
        str | None,
        typer.Option(
            "--goal",
            metavar="GOAL",
            help="Only the studies behind this goal (named as for `show`).",
            autocompletion=complete_goal,
        ),
    ] = None,
    design: Annotated[
        Design | None, typer.Option("--design", help="Only studies of this design.")
    ] = None,
    species: Annotated[
        Species | None, typer.Option("--species", help="Only studies in this species.")
    ] = None,
    human: Annotated[bool, typer.Option("--human", help="Short for --species human.")] = False,
    min_n: Annotated[
        int | None,
        typer.Option(
            "--min-n",
            metavar="N",
            help="Only studies with at least N participants (a range counts by its lower bound).",
        ),
    ] = None,
    compound: CompoundOption = None,
    data: DataOption = None,
    *,
    output: Output,
) -> None:
    """List every study's outcomes, one row per outcome.

    Each row gives the goal, the study, its design, species and size, and the outcome's measure,
    effect type, result, confidence interval, p-value and timepoint. A study that backs two
    goals is listed under each.
    """
    from peptide_cli import lookup
    from peptide_cli.serialize import OUTCOME_ROWS, outcome_row

    if human and species not in (None, "human"):
        raise UsageProblem(f"--human and --species {species} disagree")
    catalog = _catalog(ctx, data)
    chosen = _compound(catalog, compound)
    rows = lookup.outcome_rows(
        catalog,
        compound=chosen,
        goal=None if goal is None else lookup.find_goal(catalog, goal, chosen),
        design=design,
        species="human" if human else species,
        min_n=min_n,
    )
    emit(
        [outcome_row(row) for row in rows],
        OUTCOME_ROWS,
        output,
        several_compounds=_several(catalog, chosen),
        empty="No studies match.",
    )


@command()
@listing_options
def search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(metavar="TEXT", help="The text to look for.")],
    compound: CompoundOption = None,
    data: DataOption = None,
    *,
    output: Output,
) -> None:
    """Search goals, studies, outcomes and mechanisms for some text.

    Looks, ignoring case, in goal names, aliases and summaries; study labels and populations;
    outcome measures; and mechanisms. Each hit says what matched (goal, study, outcome or
    mechanism) and in which field. No hits is not an error.
    """
    from peptide_cli import lookup
    from peptide_cli.serialize import HITS, hit_object

    catalog = _catalog(ctx, data)
    chosen = _compound(catalog, compound)
    hits = lookup.search(catalog, text, chosen)
    emit(
        [hit_object(hit, text) for hit in hits],
        HITS,
        output,
        several_compounds=_several(catalog, chosen),
        empty=f"Nothing matches {text!r}.",
    )


@command()
@listing_options
def audit(
    ctx: typer.Context, compound: CompoundOption = None, data: DataOption = None, *, output: Output
) -> None:
    """Appraise every goal: its evidence profile and flags, most serious first.

    For each goal: the strongest study design behind it, how many people were studied, and the
    flags raised by the appraisal rules (see the README): no human data, no controlled trial, a
    single small study, a tier above its evidence, a source the document departs from, no
    confirmed source, indirect evidence.
    """
    from peptide_cli import appraisal, lookup
    from peptide_cli.serialize import AUDIT, goal_object

    catalog = _catalog(ctx, data)
    chosen = _compound(catalog, compound)
    records = [goal_object(catalog, entry) for entry in lookup.entries(catalog, chosen)]
    records.sort(  # stable: goals of equal seriousness keep the file's order
        key=lambda record: appraisal.seriousness([flag["severity"] for flag in record["flags"]]),
        reverse=True,
    )
    emit(
        records,
        AUDIT,
        output,
        several_compounds=_several(catalog, chosen),
        empty="No goals to appraise.",
    )


@command()
def cite(
    ctx: typer.Context,
    goal: Annotated[
        str | None,
        typer.Argument(
            metavar="[GOAL]",
            help="The goal whose references to print (named as for `show`). Default: every goal.",
            autocompletion=complete_goal,
            show_default=False,
        ),
    ] = None,
    form: Annotated[
        CiteFormat,
        typer.Option("--format", help="text, bibtex or ris (for a reference manager), or json."),
    ] = "text",
    as_json: Annotated[bool, typer.Option("--json", help="Short for --format json.")] = False,
    compound: CompoundOption = None,
    data: DataOption = None,
) -> None:
    """Print the publications behind a goal, or behind every goal.

    Only publications confirmed for the claims file are listed: each study's primary
    publication and those its source notes cite. The text format also names the studies that
    have no confirmed source.
    """
    from peptide_cli import citations, lookup
    from peptide_cli.models import plain
    from peptide_cli.serialize import source_status

    if as_json and form not in ("text", "json"):
        raise UsageProblem(f"--json and --format {form} ask for different formats")
    if as_json:
        form = "json"
    catalog = _catalog(ctx, data)
    chosen = _compound(catalog, compound)
    entries = (
        [lookup.find_goal(catalog, goal, chosen)]
        if goal is not None
        else lookup.entries(catalog, chosen)
    )
    publications, unsourced = citations.for_entries(entries)
    if form == "bibtex":
        sys.stdout.write(citations.bibtex(publications))
    elif form == "ris":
        sys.stdout.write(citations.ris(publications))
    elif form == "json":
        _write_json(
            {
                "publications": [plain(p) for p in publications],
                "unsourced": [
                    {
                        "compound": c.id,
                        "study": s.id,
                        "label": s.label,
                        "source_status": source_status(s),
                    }
                    for c, s in unsourced
                ],
            }
        )
    else:
        for number, publication in enumerate(publications, 1):
            print(f"[{number}] {citations.text(publication)}")
        if unsourced:
            if publications:
                print()
            print("No confirmed source:")
            for _, study in unsourced:
                print(f"  {study.label} ({source_status(study)})")


@command()
@view_options
def info(
    ctx: typer.Context,
    compound: CompoundOption = None,
    data: DataOption = None,
    *,
    output: Output,
) -> None:
    """Describe the compound and how it works.

    What it is and where it comes from, how it is given, its preparations (with the mg per mL
    they imply), where and how it is used, and its proposed mechanisms of action. A catalog of
    several compounds needs --compound.
    """
    from peptide_cli import lookup

    catalog = _catalog(ctx, data)
    chosen = lookup.the_compound(catalog, _compound(catalog, compound))
    if output.as_json:
        from peptide_cli.serialize import compound_object

        _write_json(compound_object(chosen))
    else:
        from peptide_cli.tables import compound_view

        output.console().print(compound_view(chosen))


@command()
def schema() -> None:
    """Print the JSON Schema of a claims file.

    Generated from the tool's own models, for editors that check YAML against a schema. The
    repository ships the same schema as data/claims.schema.json.
    """
    from peptide_cli.schema import claims_schema

    sys.stdout.write(claims_schema())


@command()
def validate(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar="PATH",
            help="A claims file or a folder of them. Default: --data, then "
            f"${DATA_ENV}, then the bundled file.",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Write the verdict and problems as JSON.")
    ] = False,
) -> None:
    """Check a claims file and list every problem in it.

    Prints a one-line summary and exits 0 when the file is valid (warnings, such as a study no
    goal refers to, do not make it invalid). Otherwise prints every problem, one a line, as
    FILE:LINE:COLUMN: field.path: message, and exits 3.
    """
    from peptide_cli.loader import bundled_path, load

    source = path or _root_data(ctx) or bundled_path()
    try:
        loaded = load(source, cache_folder=_cache_folder(ctx))
    except CatalogError as error:
        problems, summary = error.problems, None
    else:
        problems, summary = loaded.warnings, _summary(loaded.catalog)
    if as_json:
        _write_json(
            {
                "valid": summary is not None,
                "source": str(source),
                "counts": summary,
                "problems": [problem.as_dict() for problem in problems],
            }
        )
    else:
        warnings = [problem for problem in problems if problem.severity == "warning"]
        extra = f", {_plural(len(warnings), 'warnings')}" if warnings else ""
        for problem in problems:
            print(problem)
        if summary is not None:
            counts = ", ".join(_plural(count, name) for name, count in summary.items())
            print(f"{source}: valid: {counts}{extra}")
        else:
            errors = len(problems) - len(warnings)
            print(f"{source}: invalid: {_plural(errors, 'errors')}{extra}")
    if summary is None:
        raise typer.Exit(EXIT_DATA)


SINGULAR = {"studies": "study"}


def _plural(count: int, noun: str) -> str:
    """`1 compound`, `2 compounds`: NOUN is given in the plural."""
    if count == 1:
        noun = SINGULAR.get(noun, noun.removesuffix("s"))
    return f"{count} {noun}"


def _summary(catalog: "Catalog") -> dict[str, int]:
    compounds = catalog.compounds
    studies = [study for compound in compounds for study in compound.studies]
    return {
        "compounds": len(compounds),
        "goals": sum(len(compound.goals) for compound in compounds),
        "studies": len(studies),
        "outcomes": sum(len(study.outcomes) for study in studies),
    }


def _catalog(ctx: typer.Context, data: Path | None) -> "Catalog":
    from peptide_cli.loader import load_catalog

    source = data or _root_data(ctx)
    try:
        catalog = load_catalog(source, cache_folder=_cache_folder(ctx))
    except CatalogError as error:
        error.source = source  # type: ignore[attr-defined]
        raise
    # The catalog lives as long as the command: keep the garbage collector from walking its
    # objects again and again while the command works (for a large catalog that is seconds).
    import gc

    gc.freeze()
    return catalog


def _root_data(ctx: typer.Context) -> Path | None:
    """--data given before the command, or $PEPTIDE_CLI_DATA (read as the root parsed them,
    which is also how they stand during shell completion, when no callback runs)."""
    given = ctx.find_root().params.get("data")
    return Path(given) if given else None


def _cache_folder(ctx: typer.Context) -> Path | None:
    """Where checked catalogs are cached, or None with --no-cache."""
    if ctx.find_root().params.get("no_cache"):
        return None
    from peptide_cli.cache import default_folder

    return default_folder()


def _compound(catalog: "Catalog", name: str | None) -> "Compound | None":
    if name is None:
        return None
    from peptide_cli.lookup import find_compound

    return find_compound(catalog, name)


def _several(catalog: "Catalog", chosen: "Compound | None") -> bool:
    """Whether the output covers more than one compound, and so needs a Compound column."""
    return chosen is None and len(catalog.compounds) > 1


def _emit_goals(
    catalog: "Catalog",
    entries: "list[Entry]",
    output: Output,
    chosen: "Compound | None",
    *,
    compound_column: bool = False,
) -> None:
    from peptide_cli.serialize import GOALS, goal_object

    emit(
        [goal_object(catalog, entry) for entry in entries],
        GOALS,
        output,
        several_compounds=compound_column or _several(catalog, chosen),
        empty="No goals match.",
    )


def _write_json(value: object) -> None:
    sys.stdout.write(to_json(value) + "\n")


def main() -> None:
    """Console-script entry point."""
    import os
    import signal

    if hasattr(signal, "SIGPIPE"):
        # Die quietly, like other Unix tools, when a reader such as `head` closes the pipe.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        app()
        code: Any = 0
    except KeyboardInterrupt:
        code = EXIT_INTERRUPTED
    except SystemExit as done:
        code = done.code
    if not isinstance(code, int):
        if code is not None:
            print(code, file=sys.stderr)
        code = 0 if code is None else 1
    # Once the output is flushed nothing is left to clean up: leave without the interpreter's
    # teardown of every module and object, which takes longer than many commands themselves.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError:  # a reader that went away: nothing more can be said to it
            code = code or 1
    os._exit(code)
