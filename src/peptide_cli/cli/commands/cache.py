"""`peptide-cli cache`: show or empty the cache of checked claims files."""

from pathlib import Path
from typing import Annotated

import typer

from peptide_cli.cli import options
from peptide_cli.cli.group import command
from peptide_cli.vocabulary import CacheAction


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
