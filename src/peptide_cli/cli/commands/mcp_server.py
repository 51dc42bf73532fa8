"""`peptide-cli mcp`: the evidence served to AI assistants over the Model Context Protocol."""

import typer

from peptide_cli.cli import options
from peptide_cli.cli.group import command
from peptide_cli.cli.options import (
    DataOption,
)
from peptide_cli.errors import UsageProblem


@command(name="mcp")
def mcp_server(ctx: typer.Context, data: DataOption = None) -> None:
    """Serve the evidence to AI assistants over the Model Context Protocol, on stdio.

    Read-only tools list compounds and goals, get a goal with every figure, search, cite,
    explain certainty, give a compound's regulatory status on a day, check a claim and give
    the tier scale;
    resources give the tier scale, the rules and the claims file's schema. Needs the mcp
    extra: pip install '.[mcp]' from a clone. An assistant starts this command itself (see the
    README); it reads the catalog once and writes nothing.
    """
    import importlib.util

    if importlib.util.find_spec("mcp") is None:
        raise UsageProblem(
            "the MCP server needs the mcp extra: from a clone of the repository, "
            "pip install '.[mcp]'"
        )
    catalog = options.catalog(ctx, data)
    from peptide_cli.assistant.server import serve

    changelog = options.changelog(ctx, data)
    _end_on_interrupt()
    serve(catalog, changelog)


def _end_on_interrupt() -> None:
    """Ctrl-C (SIGINT) ends the server at once with the usual exit code, whatever it is
    waiting for: once a client has connected, the SDK's loop waits on a thread that reads
    stdin, and an interrupt raised in the main thread would wait with it. The server writes
    nothing but its answers, so there is nothing to tidy up."""
    import os
    import signal

    from peptide_cli.cli.exits import ExitStatus

    def interrupted(signum: int, frame: object) -> None:
        os._exit(ExitStatus.INTERRUPTED)

    signal.signal(signal.SIGINT, interrupted)
