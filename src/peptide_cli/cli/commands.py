"""The commands: each parses its arguments, asks the evidence API, and hands records to a writer.

Only typer is imported at start-up; pydantic, PyYAML and Rich are imported by the commands that
need them, so `--help` and `--version` stay fast. The annotations are evaluated when the module
is (no `from __future__ import annotations`), so that Typer need not evaluate each again from
its text on every run; those naming what is imported only for type checking are quoted.
"""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from peptide_cli import __version__
from peptide_cli.cli import options
from peptide_cli.cli.exits import EXIT_DATA, PROG
from peptide_cli.cli.group import LazyGroup, command
from peptide_cli.cli.options import (
    DATA_ENV,
    DATA_HELP,
    CompoundOption,
    DataOption,
    FieldsOption,
    FormatOption,
    JsonOption,
    NoColorOption,
    Output,
    ReverseOption,
    SortOption,
    ViewJsonOption,
)
from peptide_cli.errors import CatalogError, UsageProblem
from peptide_cli.vocabulary import CacheAction, CiteFormat, Design, Species

if TYPE_CHECKING:
    from collections.abc import Iterable

    from peptide_cli.render.records import RecordKind
    from peptide_cli.render.stream import JsonText

app = typer.Typer(
    name=PROG,
    cls=LazyGroup,
    help=(
        "Look up the evidence behind a peptide's health claims: the evidence tier of each "
        "health goal and every study behind it. The bundled catalog covers seven compounds."
    ),
    epilog=(
        "Exit codes: 0 success, 1 nothing matched, 2 usage error, 3 claims file missing or "
        "invalid, 4 output could not be written."
    ),
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    invoke_without_command=True,
)


def complete_goal(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Shell completion: the goal ids and aliases that begin with what has been typed."""
    from peptide_cli.catalog.loading import load_catalog
    from peptide_cli.errors import PeptideCliError
    from peptide_cli.evidence import goal_names

    data = ctx.params.get("data") or options.root_data(ctx)
    try:
        catalog = load_catalog(data, cache_folder=options.cache_folder(ctx))
    except PeptideCliError:
        return []
    return list(goal_names(catalog, incomplete).items())


GoalArgument = Annotated[
    str,
    typer.Argument(
        metavar="GOAL",
        help="An id, name or alias (case-insensitive), or a unique word or prefix of one: "
        "stroke, tbi, memory, hair, liver, gut.",
        autocompletion=complete_goal,
    ),
]


def _show_version(value: bool) -> None:
    if value:
        print(f"{PROG} {__version__}")
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
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Set up the options every command shares (read by options.root_data and cache_folder)."""
    if ctx.invoked_subcommand is None:
        print(ctx.get_help())
        raise typer.Exit()


@command()
def goals(
    ctx: typer.Context,
    compound: CompoundOption = None,
    data: DataOption = None,
    form: FormatOption = None,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    sort: SortOption = None,
    reverse: ReverseOption = False,
    no_color: NoColorOption = False,
) -> None:
    """List every goal, its tier and its studies.

    One row per health goal, in the order of the claims file: its evidence tier (a range such as
    2-3 where the source gives one), the tier's label, and how many studies, and how many human
    studies, stand behind it. A Compound column appears when the catalog has several.
    """
    from peptide_cli.render.records import GOALS

    output = Output(form, as_json, fields, sort, reverse, no_color)
    answers = options.goal_records(ctx, data)
    chosen = answers.compound(compound)
    _emit(answers.goals(chosen), GOALS, output, answers.several(chosen), "No goals match.")


@command()
def show(
    ctx: typer.Context,
    goal: GoalArgument,
    compound: CompoundOption = None,
    data: DataOption = None,
    as_json: ViewJsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Show one goal and every study behind it.

    The goal's tier, summary and limitations, then each study's design, species, size and
    population, and each outcome's effect, confidence interval, p-value and timepoint. Exits 1
    when GOAL matches no goal, or more than one (a goal found in several compounds needs
    --compound).
    """
    stream = options.stdout(no_color)
    answers = options.goal_records(ctx, data)
    chosen = answers.compound(compound)
    if as_json:
        from peptide_cli.render.stream import to_json

        stream.write(to_json(answers.detail(goal, chosen), stream) + "\n")
        return
    console = stream.console()
    stream.show(answers.view(goal, chosen, plain=not console.is_terminal), console)


@command(name="filter")
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
    form: FormatOption = None,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    sort: SortOption = None,
    reverse: ReverseOption = False,
    no_color: NoColorOption = False,
) -> None:
    """List the goals within a range of tiers.

    The goals whose tier is between --min-tier and --max-tier, both included (either may be
    left out). Same output as `goals`; an empty result is not an error.

    A goal with a tier range counts by its lower bound: Liver & Heart Health (Tier 2-3) is in
    --max-tier 2 but not in --min-tier 3. Tiers must be on the scale of the claims file
    (1 to 4 for the bundled one).
    """
    from peptide_cli.render.records import GOALS

    output = Output(form, as_json, fields, sort, reverse, no_color)
    answers = options.goal_records(ctx, data)
    chosen = answers.compound(compound)
    found = answers.in_tiers(min_tier, max_tier, chosen)
    _emit(found, GOALS, output, answers.several(chosen), "No goals match.")


@command()
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
    form: FormatOption = None,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    sort: SortOption = None,
    reverse: ReverseOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Compare one goal across every compound that has it.

    One row per compound with the goal: its tier, tier label, and how many studies and human
    studies stand behind it. Exits 1 when no compound has the goal.
    """
    from peptide_cli import evidence
    from peptide_cli.render.goal_records import CatalogRecords
    from peptide_cli.render.records import COMPARE

    output = Output(form, as_json, fields, sort, reverse, no_color)
    catalog = options.catalog(ctx, data)
    found = evidence.compare(catalog, goal, options.compound(catalog, compound))
    records = CatalogRecords(catalog).records(found, COMPARE)
    _emit(records, COMPARE, output, True, "No goals match.")


@command()
def compounds(
    ctx: typer.Context,
    data: DataOption = None,
    form: FormatOption = None,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    sort: SortOption = None,
    reverse: ReverseOption = False,
    no_color: NoColorOption = False,
) -> None:
    """List every compound: what it is, how it is given, its goals and regulatory status.

    One row per compound of the catalog: its kind, routes, how many goals and studies it has,
    the highest tier among its goals (stated, or computed by the tier rules), and its
    regulatory status in brief (`info --compound NAME` gives it in full, with sources).
    """
    from peptide_cli import evidence
    from peptide_cli.render.records import COMPOUNDS, CompoundSummary

    output = Output(form, as_json, fields, sort, reverse, no_color)
    catalog = options.catalog(ctx, data)
    records = [
        COMPOUNDS.record(
            CompoundSummary(
                compound,
                [
                    evidence.appraise(catalog, entry)
                    for entry in evidence.entries(catalog, compound)
                ],
            )
        )
        for compound in catalog.compounds
    ]
    _emit(records, COMPOUNDS, output, False, "No compounds.")


@command()
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
    form: FormatOption = None,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    sort: SortOption = None,
    reverse: ReverseOption = False,
    no_color: NoColorOption = False,
) -> None:
    """List every study's outcomes, one row per outcome.

    Each row gives the goal, the study, its design, species and size, and the outcome's measure,
    effect type, result, confidence interval, p-value and timepoint. A study that backs two
    goals is listed under each.
    """
    from peptide_cli import evidence
    from peptide_cli.render.records import OUTCOME_ROWS

    output = Output(form, as_json, fields, sort, reverse, no_color)
    if human and species not in (None, "human"):
        raise UsageProblem(f"--human and --species {species} disagree")
    catalog = options.catalog(ctx, data)
    chosen = options.compound(catalog, compound)
    rows = evidence.outcome_rows(
        catalog,
        compound=chosen,
        goal=None if goal is None else evidence.find_goal(catalog, goal, chosen),
        design=design,
        species="human" if human else species,
        min_n=min_n,
    )
    records = (OUTCOME_ROWS.record(row) for row in rows)
    _emit(records, OUTCOME_ROWS, output, options.several(catalog, chosen), "No studies match.")


@command()
def search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(metavar="TEXT", help="The text to look for.")],
    compound: CompoundOption = None,
    data: DataOption = None,
    form: FormatOption = None,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    sort: SortOption = None,
    reverse: ReverseOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Search goals, studies, outcomes and mechanisms for some text.

    Looks, ignoring case, in goal names, aliases and summaries; study labels and populations;
    outcome measures; and mechanisms. Each hit says what matched (goal, study, outcome or
    mechanism) and in which field. No hits is not an error.
    """
    from peptide_cli import evidence
    from peptide_cli.render.records import HITS

    output = Output(form, as_json, fields, sort, reverse, no_color)
    catalog = options.catalog(ctx, data)
    chosen = options.compound(catalog, compound)
    records = (HITS.record((hit, text)) for hit in evidence.search(catalog, text, chosen))
    _emit(records, HITS, output, options.several(catalog, chosen), f"Nothing matches {text!r}.")


@command()
def audit(
    ctx: typer.Context,
    compound: CompoundOption = None,
    data: DataOption = None,
    form: FormatOption = None,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    sort: SortOption = None,
    reverse: ReverseOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Appraise every goal: its evidence profile and flags, most serious first.

    For each goal: the strongest study design behind it, how many people were studied, and the
    flags raised by the appraisal rules (see the README): no human data, no controlled trial, a
    single small study, a tier above its evidence, a source the document departs from, no
    confirmed source, indirect evidence.
    """
    from peptide_cli import evidence
    from peptide_cli.render.records import AUDIT

    output = Output(form, as_json, fields, sort, reverse, no_color)
    catalog = options.catalog(ctx, data)
    chosen = options.compound(catalog, compound)
    appraised = evidence.audit(catalog, evidence.entries(catalog, chosen))
    records = [AUDIT.record(done) for done in appraised]
    _emit(records, AUDIT, output, options.several(catalog, chosen), "No goals to appraise.")


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
        typer.Option(
            "--format",
            help="text; bibtex, ris or csl-json (for a reference manager or pandoc); or json.",
        ),
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
    from peptide_cli import evidence
    from peptide_cli.render import references

    if as_json and form not in ("text", "json"):
        raise UsageProblem(f"--json and --format {form} ask for different formats")
    if as_json:
        form = "json"
    catalog = options.catalog(ctx, data)
    chosen = options.compound(catalog, compound)
    entries = (
        [evidence.find_goal(catalog, goal, chosen)]
        if goal is not None
        else evidence.entries(catalog, chosen)
    )
    publications, unsourced = evidence.for_entries(entries)
    stream = options.stdout()
    if form in ("csl-json", "json"):
        from peptide_cli.render.stream import to_json

        stream.write(to_json(references.data(form, publications, unsourced), stream) + "\n")
    else:
        stream.write(references.written(form, publications, unsourced))


@command()
def report(
    ctx: typer.Context,
    goals: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[GOAL]...",
            help="The goals to report on (named as for `show`). Default: every goal of the "
            "compound.",
            autocompletion=complete_goal,
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the report to FILE. Without it, the report goes to standard output, "
            "which must not be a terminal.",
            dir_okay=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
    compound: CompoundOption = None,
    data: DataOption = None,
) -> None:
    """Write an evidence report: one self-contained HTML page to read, print and share.

    For each goal: its tiers, certainty, flags, summary and limitations; a Summary of Findings
    table (participants, effect with its interval, certainty with footnoted reasons, a plain
    reading and MCIDs); forest plots; source notes and harms; then the compound's regulatory
    status and the references, with DOI and PubMed links. Nothing on the page loads from the
    network.
    """
    from peptide_cli import evidence

    stream = options.stdout()
    if output is None and stream.terminal:
        raise UsageProblem(
            "the report is an HTML page: write it to a file with -o FILE, or redirect "
            "standard output"
        )
    if output is not None and not force and output.exists():
        raise UsageProblem(f"{output} exists: add --force to overwrite it")
    catalog = options.catalog(ctx, data)
    chosen = options.compound(catalog, compound)
    if goals:
        found = [evidence.find_goal(catalog, name, chosen) for name in goals]
        entries = list({(e.compound.id, e.goal.id): e for e in found}.values())  # once each
    else:
        entries = evidence.entries(catalog, evidence.the_compound(catalog, chosen))
    from peptide_cli.render import report as page

    publications, unsourced = evidence.for_entries(entries)
    appraisals = [evidence.appraise(catalog, entry) for entry in entries]
    text = page.html(catalog, appraisals, publications, unsourced, page.built(__version__))
    if output is None:
        # A stream that cannot take UTF-8 gets character references, which mean the same.
        stream.write(text if stream.utf8 else text.encode("ascii", "xmlcharrefreplace").decode())
        return
    options.write_file(output, text, replace=force)


@command(name="mcp")
def mcp_server(ctx: typer.Context, data: DataOption = None) -> None:
    """Serve the evidence to AI assistants over the Model Context Protocol, on stdio.

    Read-only tools list compounds and goals, get a goal with every figure, search, cite,
    explain certainty and give the tier scale; resources give the tier scale, the rules and the
    claims file's schema. Needs the mcp extra: pip install 'peptide-cli[mcp]'. An assistant
    starts this command itself (see the README); it reads the catalog once and writes nothing.
    """
    import importlib.util

    if importlib.util.find_spec("mcp") is None:
        raise UsageProblem("the MCP server needs the mcp extra: pip install 'peptide-cli[mcp]'")
    catalog = options.catalog(ctx, data)
    from peptide_cli.assistant.server import serve

    serve(catalog)


@command()
def explain(
    ctx: typer.Context,
    goal: GoalArgument,
    study: Annotated[
        str | None,
        typer.Option("--study", metavar="ID", help="Only the outcomes of this study (its id)."),
    ] = None,
    measure: Annotated[
        str | None,
        typer.Option(
            "--measure", metavar="TEXT", help="Only outcomes whose measure contains this text."
        ),
    ] = None,
    compound: CompoundOption = None,
    data: DataOption = None,
    as_json: ViewJsonOption = False,
) -> None:
    """Explain the certainty of a goal's outcomes, rule by rule.

    For each outcome behind GOAL (or only those of --study, or whose measure contains
    --measure): the start level from its design, every domain's rule and what it found, the
    level they lead to, the plain reading, and any published MCID with its caveats. Exits 1
    when no outcome matches.
    """
    from peptide_cli import evidence
    from peptide_cli.render import explain as working

    catalog = options.catalog(ctx, data)
    entry = evidence.find_goal(catalog, goal, options.compound(catalog, compound))
    appraised = evidence.appraise(catalog, entry)
    chosen = evidence.select_outcomes(appraised, study, measure)
    stream = options.stdout()
    if as_json:
        from peptide_cli.render.stream import to_json

        stream.write(to_json(working.record(appraised, chosen), stream) + "\n")
    else:
        stream.write(working.text(appraised, chosen))


@command()
def info(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="[COMPOUND]",
            help="The compound to describe (its id or name, or a unique word or prefix): as "
            "--compound.",
            show_default=False,
        ),
    ] = None,
    compound: CompoundOption = None,
    data: DataOption = None,
    as_json: ViewJsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Describe the compound and how it works.

    What it is and where it comes from, how it is given, its preparations (with the mg per mL
    they imply), where and how it is used, and its proposed mechanisms of action. A catalog of
    several compounds needs --compound.
    """
    from peptide_cli import evidence

    if name is not None and compound is not None and name != compound:
        raise UsageProblem(f"COMPOUND {name!r} and --compound {compound!r} disagree")
    catalog = options.catalog(ctx, data)
    chosen = evidence.the_compound(catalog, options.compound(catalog, name or compound))
    stream = options.stdout(no_color)
    if as_json:
        from peptide_cli.render.records import compound_object
        from peptide_cli.render.stream import to_json

        stream.write(to_json(compound_object(chosen), stream) + "\n")
    else:
        from peptide_cli.render.views import compound_view

        stream.show(compound_view(chosen))


@command()
def schema() -> None:
    """Print the JSON Schema of a claims file.

    Generated from the tool's own models, for editors that check YAML against a schema. The
    repository ships the same schema as data/claims.schema.json.
    """
    from peptide_cli.catalog.schema import claims_schema

    options.stdout().write(claims_schema())


@command()
def validate(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar="PATH",
            parser=options.claims_path,
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
    from peptide_cli.catalog.loading import load
    from peptide_cli.catalog.reading import bundled_path
    from peptide_cli.evidence import counts
    from peptide_cli.render import verdict

    source = path or options.root_data(ctx) or bundled_path()
    try:
        loaded = load(source, cache_folder=options.cache_folder(ctx))
    except CatalogError as error:
        problems, summary = error.problems, None
    else:
        problems, summary = loaded.warnings, counts(loaded.catalog)
    stream = options.stdout()
    if as_json:
        from peptide_cli.render.stream import to_json

        stream.write(to_json(verdict.record(source, problems, summary), stream) + "\n")
    else:
        stream.write(verdict.text(source, problems, summary))
    if summary is None:
        raise typer.Exit(EXIT_DATA)


@command(name="cache")
def cache_command(
    action: Annotated[
        CacheAction,
        typer.Argument(
            metavar="ACTION",
            help="info: where the cache is, whether it is used, and what it holds; "
            "clear: remove every entry.",
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Write the answer as JSON.")] = False,
) -> None:
    """Show or empty the cache of checked claims files.

    The cache keeps each claims file once checked, so that the next run need not read and
    check it again. It lives in $PEPTIDE_CLI_CACHE_DIR, or the user's cache folder, and is used
    only if it belongs to the user and no one else may write to it.
    """
    from peptide_cli.catalog import cache
    from peptide_cli.render import verdict

    folder = cache.default_folder()
    stream = options.stdout()
    if action == "clear":
        removed = cache.clear(folder)
        if as_json:
            from peptide_cli.render.stream import to_json

            stream.write(to_json({"folder": _shown(folder), "removed": removed}, stream) + "\n")
        else:
            stream.write(f"{_shown(folder)}: removed {verdict.plural(removed, 'entries')}\n")
        return
    state = cache.describe(folder)
    if as_json:
        from peptide_cli.render.stream import to_json

        answer = {
            "folder": _shown(folder),
            "used": state.usable,
            "reason": state.reason or None,
            "entries": state.entries,
            "bytes": state.size,
            "limit_bytes": state.limit,
        }
        stream.write(to_json(answer, stream) + "\n")
    else:
        from peptide_cli.render.safe import clean

        used = "yes" if state.usable else f"no: {state.reason}"
        stream.write(
            clean(
                f"folder: {_shown(folder)}\n"
                f"used: {used}\n"
                f"entries: {verdict.plural(state.entries, 'entries')}, "
                f"{state.size / 2**20:.1f} MiB of at most {state.limit // 2**20} MiB\n"
            )
        )


def _shown(folder: Path | None) -> str | None:
    return None if folder is None else str(folder)


def _emit(
    records: "Iterable[dict[str, Any] | JsonText]",
    kind: "RecordKind[Any]",
    output: Output,
    several_compounds: bool,
    empty: str,
) -> None:
    """Write RECORDS (built as they are written, in the line formats) as OUTPUT asks; an empty
    table is a note on stderr instead."""
    from peptide_cli.render import listing

    stream = output.stream()
    chosen = output.listing(stream)
    written = listing.write(records, kind, chosen, stream, several_compounds=several_compounds)
    if chosen.form == "table" and not written:
        print(empty, file=sys.stderr)
