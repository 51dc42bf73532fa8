"""The options commands share, and the few steps every command takes with them: find the
catalog, choose a compound, describe stdout, decide the format.

Each shared option is an `Annotated` type a command names in its own signature, so a reader
sees every option of a command where it is defined.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from peptide_cli.errors import UsageProblem
from peptide_cli.vocabulary import Format, ViewFormat

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from peptide_cli.catalog.history import Changelog
    from peptide_cli.catalog.models import Catalog, Compound
    from peptide_cli.render.listing import Listing
    from peptide_cli.render.records import RecordKind
    from peptide_cli.render.stream import JsonText, Stream

DATA_ENV = "PEPTIDE_CLI_DATA"
DATA_HELP = (
    "Read this claims file, or every .yaml/.yml file in this folder, instead of the bundled one."
)


def claims_path(value: str) -> Path:
    """A claims file or folder as given: an empty one is refused, not read as the current
    folder."""
    if not value:
        raise typer.BadParameter("needs a path to a claims file or folder, not an empty string")
    return Path(value)


DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        metavar="PATH",
        parser=claims_path,
        help=f"{DATA_HELP} Overrides the global --data.",
    ),
]


def complete_compound(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Shell completion: the compound ids that begin with what has been typed (any case)."""
    from peptide_cli.catalog.loading import load_catalog
    from peptide_cli.errors import PeptideCliError

    try:
        data = ctx.params.get("data") or root_data(ctx)
        catalog = load_catalog(data, cache_folder=cache_folder(ctx))
    except PeptideCliError:
        return []
    typed = incomplete.casefold()
    return [(c.id, c.name) for c in catalog.compounds if c.id.startswith(typed)]


CompoundOption = Annotated[
    str | None,
    typer.Option(
        "--compound",
        metavar="NAME",
        help="Only this compound (its id or name).",
        autocompletion=complete_compound,
    ),
]

LISTING_KINDS = {
    "goals": "GOALS",
    "filter": "GOALS",
    "compare": "COMPARE",
    "audit": "AUDIT",
    "compounds": "COMPOUNDS",
    "studies": "OUTCOME_ROWS",
    "search": "HITS",
}
"""The record kind (in `render.records`) each listing command writes: its --fields and --sort
complete from that kind's fields (a test holds this to what each command writes)."""


def _fields_of(ctx: typer.Context) -> list[str]:
    from peptide_cli.render import records

    name = LISTING_KINDS.get(ctx.info_name or "")
    return list(getattr(records, name).fields) if name else []


def complete_fields(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion: the fields of the command's records, after those already typed
    (`id,ti` offers `id,tier`, `id,tier_max`, ...)."""
    chosen, _, last = incomplete.rpartition(",")
    before = f"{chosen}," if chosen else ""
    taken = set(chosen.split(","))
    return [before + f for f in _fields_of(ctx) if f.startswith(last) and f not in taken]


def complete_sort(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion: the fields of the command's records that begin with what is typed."""
    return [field for field in _fields_of(ctx) if field.startswith(incomplete)]


# The output options of every listing command.
FormatOption = Annotated[
    Format | None,
    typer.Option(
        "--format",
        help="Output format. Default: table on a terminal, plain when piped.",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Write JSON: short for --format json.")]
FieldsOption = Annotated[
    str | None,
    typer.Option(
        "--fields",
        metavar="A,B,C",
        help="Only these fields, in this order (an unknown one lists the fields).",
        autocompletion=complete_fields,
    ),
]
SortOption = Annotated[
    str | None,
    typer.Option(
        "--sort",
        metavar="FIELD",
        help="Sort by this field: any of those --fields accepts.",
        autocompletion=complete_sort,
    ),
]
ReverseOption = Annotated[bool, typer.Option("--reverse", help="Reverse the order.")]
NoColorOption = Annotated[bool, typer.Option("--no-color", help="No colour, even on a terminal.")]
NoPagerOption = Annotated[
    bool,
    typer.Option(
        "--no-pager",
        help="Print a view taller than the terminal straight out, without the pager ($PAGER).",
    ),
]

# `show` and `info` write one view: text, or JSON.
ViewJsonOption = Annotated[
    bool, typer.Option("--json", help="Write JSON to stdout instead of text.")
]
# `show` and `explain` also write Markdown, for notes.
ViewFormatOption = Annotated[
    ViewFormat | None,
    typer.Option(
        "--format",
        help="text (the default), markdown (for notes) or json (as --json).",
        show_default=False,
    ),
]


OUTPUT_OPTIONS: dict[str, tuple[Any, Any]] = {
    # each output option's parameter name, in the order Output takes them: its type, its default
    "form": (FormatOption, None),
    "as_json": (JsonOption, False),
    "fields": (FieldsOption, None),
    "sort": (SortOption, None),
    "reverse": (ReverseOption, False),
    "no_color": (NoColorOption, False),
}
"""The output options every listing command takes, declared once (see `output_options`)."""


def output_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """Give a listing command the OUTPUT_OPTIONS, after its own options, and hand them to it as
    one keyword argument `output` (an Output), as sqlite-utils' `@output_options` does. Typer
    reads a command's options from its signature, so the command's signature is its own
    without `output`, followed by the output options."""
    import functools
    import inspect

    signature = inspect.signature(function)
    own = [param for name, param in signature.parameters.items() if name != "output"]
    added = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=kind)
        for name, (kind, default) in OUTPUT_OPTIONS.items()
    ]

    @functools.wraps(function)
    def command(*args: Any, **kwargs: Any) -> Any:
        output = Output(*(kwargs.pop(name) for name in OUTPUT_OPTIONS))
        return function(*args, output=output, **kwargs)

    command.__signature__ = signature.replace(parameters=[*own, *added])  # type: ignore[attr-defined]
    return command


class Output:
    """The output options a listing command was given."""

    __slots__ = ("as_json", "fields", "form", "no_color", "reverse", "sort")

    def __init__(
        self,
        form: str | None,  # a format name; None picks table or plain
        as_json: bool,
        fields: str | None,
        sort: str | None,
        reverse: bool,
        no_color: bool,
    ) -> None:
        self.form = form
        self.as_json = as_json
        self.fields = fields
        self.sort = sort
        self.reverse = reverse
        self.no_color = no_color

    def stream(self) -> Stream:
        return stdout(self.no_color)

    def listing(self, stream: Stream) -> Listing:
        """What to write, with the format decided: --json, --format, else by the stream."""
        from peptide_cli.render.listing import Listing

        form = one_format(self.form, self.as_json, stream)
        return Listing(form, self.fields, self.sort, self.reverse)


def one_format(form: str | None, as_json: bool, stream: Stream) -> str:
    """The format --format and --json ask for together: table on a terminal, else plain."""
    return json_or(form, as_json) or ("table" if stream.terminal else "plain")


def json_or(form: str | None, as_json: bool) -> str | None:
    """The format FORM (--format) and AS_JSON (--json) ask for together: json with --json,
    else FORM, which is None when neither was given. Raises UsageProblem when they ask for
    different formats."""
    if as_json and form not in (None, "json"):
        raise UsageProblem(f"--json and --format {form} ask for different formats")
    return "json" if as_json else form


def stdout(no_color: bool = False) -> Stream:
    """Standard output as it is now, with colour off if asked."""
    from peptide_cli.render.stream import Stream

    return Stream.of(sys.stdout, color=not no_color)


def root_data(ctx: typer.Context) -> Path | None:
    """--data given before the command, or $PEPTIDE_CLI_DATA (read as the root parsed them,
    which is also how they stand during shell completion, when no callback runs)."""
    given = ctx.find_root().params.get("data")
    return Path(given) if given else None


def cache_folder(ctx: typer.Context) -> Path | None:
    """Where checked catalogs are cached, or None with --no-cache."""
    if ctx.find_root().params.get("no_cache"):
        return None
    from peptide_cli.catalog.cache import default_folder

    return default_folder()


def catalog(ctx: typer.Context, data: Path | None) -> Catalog:
    """The catalog the command's --data, the global --data, $PEPTIDE_CLI_DATA or the bundled
    file holds. Raises CatalogError."""
    from peptide_cli.catalog.loading import load_catalog

    loaded = load_catalog(data or root_data(ctx), cache_folder=cache_folder(ctx))
    # The catalog lives as long as the command: keep the garbage collector from walking its
    # objects again and again while the command works (for a large catalog that is seconds).
    import gc

    gc.freeze()
    return loaded


def catalog_path(ctx: typer.Context, data: Path | None) -> Path:
    """The claims file or folder the command reads: its --data, the global --data or
    $PEPTIDE_CLI_DATA, else the bundled catalog's folder."""
    from peptide_cli.catalog.reading import bundled_path

    return data or root_data(ctx) or bundled_path()


def changelog(ctx: typer.Context, data: Path | None) -> Changelog | None:
    """The changelog of the catalog the command reads: a folder's history/changelog.yaml (the
    bundled catalog has one), or None. Raises CatalogError for a broken one."""
    from peptide_cli.catalog.history import read_changelog

    folder = catalog_path(ctx, data)
    return read_changelog(folder) if folder.is_dir() else None


def data_release(ctx: typer.Context, data: Path | None) -> tuple[str, str] | None:
    """The version and date of the latest data release of the catalog the command reads, or
    None when it has no changelog (read from the changelog's text: see `data_version`)."""
    from peptide_cli.catalog.reading import data_version

    folder = catalog_path(ctx, data)
    return data_version(folder) if folder.is_dir() else None


def compound(catalog: Catalog, name: str | None) -> Compound | None:
    """The compound --compound names, or None when it was not given."""
    from peptide_cli.evidence import chosen_compound

    return chosen_compound(catalog, name)


def several(catalog: Catalog, chosen: Compound | None) -> bool:
    """Whether the output covers more than one compound, and so needs a Compound column."""
    return chosen is None and len(catalog.compounds) > 1


def write_file(path: Path, text: str, *, replace: bool) -> None:
    """Write TEXT to PATH, as UTF-8, leaving the old file or nothing if the write fails or is
    killed: the text goes to a temporary file beside the file it becomes, which then takes its
    place. Without REPLACE an existing file (or link) is left alone (UsageProblem); a file
    that appears meanwhile is never overwritten. With REPLACE a link is followed, so the file
    it points at is replaced and the link stays a link. A path that is not a regular file (a
    device, a FIFO, /dev/fd/N) is written through, as a shell's `>` would, and stays what it
    was. An OSError is raised with PATH in its words."""
    import os
    import stat
    import tempfile

    try:
        found = path.stat()  # through any link
    except FileNotFoundError:
        found = None
    except OSError as error:
        raise OSError(error.errno, f"{path}: {error.strerror or error}") from None
    if found is not None and stat.S_ISDIR(found.st_mode):
        raise UsageProblem(f"{path} is a folder: name a file")
    try:
        if found is not None and not stat.S_ISREG(found.st_mode):
            with open(path, "w", encoding="utf-8", newline="\n") as through:
                through.write(text)
            return
    except OSError as error:
        raise OSError(error.errno, f"{path}: {error.strerror or error}") from None
    if (found is not None or path.is_symlink()) and not replace:
        raise UsageProblem(f"{path} exists: add --force to overwrite it")
    target = path.resolve() if path.is_symlink() else path
    temporary: str | None = None
    try:
        try:
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        except PermissionError as error:
            # the file could be written in place, but a killed write would then leave it cut
            # short: say why instead
            error.strerror = (
                f"its folder is not writable, so it cannot be replaced safely ({error.strerror})"
            )
            raise
        with open(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
        mask = os.umask(0)
        os.umask(mask)
        # mkstemp's file is private (0600): give it the mode of the file it replaces, or the
        # mode a new file would have
        os.chmod(temporary, found.st_mode & 0o777 if found is not None else 0o666 & ~mask)
        if replace:
            os.replace(temporary, target)
        else:
            _link_new(temporary, target)
        temporary = None
    except FileExistsError:
        raise UsageProblem(f"{path} exists: add --force to overwrite it") from None
    except OSError as error:
        raise OSError(error.errno, f"{path}: {error.strerror or error}") from None
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)


def _link_new(temporary: str, target: Path) -> None:
    """Make the file TEMPORARY the new file TARGET, never overwriting one that exists: a hard
    link fails if TARGET exists (raising FileExistsError); on a file system without hard links,
    a rename after a check has to do."""
    import errno
    import os

    try:
        os.link(temporary, target)
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EMLINK, errno.EOPNOTSUPP):
            raise
        if target.exists() or target.is_symlink():
            raise FileExistsError(errno.EEXIST, "exists") from None
        os.rename(temporary, target)
        return
    os.unlink(temporary)


def emit(
    records: Iterable[dict[str, Any] | JsonText],
    kind: RecordKind[Any],
    output: Output,
    several_compounds: bool,
    empty: str,
    footer: Callable[[], str] | None = None,
) -> None:
    """Write RECORDS (built as they are written, in the line formats) as OUTPUT asks; an empty
    table is a note on stderr instead. A table is followed by the line FOOTER gives, for
    people (the other formats carry its facts as fields), worked out only then."""
    from peptide_cli.render import listing

    stream = output.stream()
    chosen = output.listing(stream)
    written = listing.write(records, kind, chosen, stream, several_compounds=several_compounds)
    if chosen.form == "table" and not written:
        print(empty, file=sys.stderr)
    elif chosen.form == "table" and footer:
        from rich.text import Text

        from peptide_cli.render.safe import clean

        stream.show(Text(clean(footer())))  # wrapped to the terminal, as the table is


def complete_goal(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Shell completion: the goal ids and aliases that begin with what has been typed."""
    from peptide_cli.catalog.loading import load_catalog
    from peptide_cli.errors import PeptideCliError
    from peptide_cli.evidence import goal_names

    data = ctx.params.get("data") or root_data(ctx)
    try:
        catalog = load_catalog(data, cache_folder=cache_folder(ctx))
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
