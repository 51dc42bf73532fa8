"""How the command line ends: every error a user can cause becomes one line on stderr and a
documented exit code, and the process leaves without a traceback.

This is the one place that maps errors to exit codes and words them for the command line
(naming the option that resolves them, such as --compound).
"""

from __future__ import annotations

import sys
from enum import IntEnum
from typing import TYPE_CHECKING, Any, NoReturn

from peptide_cli.errors import (
    CatalogError,
    CompoundNeeded,
    PeptideCliError,
    ServiceError,
    UnknownField,
    UsageProblem,
)

if TYPE_CHECKING:
    from collections.abc import Callable

PROG = "peptide-cli"


class ExitStatus(IntEnum):
    """The documented exit codes. Each is an int, so it can be given to sys.exit or os._exit
    as it is."""

    OK = 0
    NOT_FOUND = 1  # nothing matched
    USAGE = 2  # a bad option or argument
    DATA = 3  # the claims file is missing, unreadable or invalid
    OUTPUT = 4  # the output could not be written: stdout closed, or its disk full
    NETWORK = 5  # `update`: a service could not be reached, or answered wrongly
    INTERRUPTED = 130  # Ctrl-C, as shells report a process ended by SIGINT


SHOWN_PROBLEMS = 3  # how many problems of a bad claims file commands other than validate print


def exit_code(error: PeptideCliError) -> ExitStatus:
    if isinstance(error, CatalogError):
        return ExitStatus.DATA
    if isinstance(error, UsageProblem):
        return ExitStatus.USAGE
    if isinstance(error, ServiceError):
        return ExitStatus.NETWORK
    return ExitStatus.NOT_FOUND


def message(error: PeptideCliError) -> str:
    """ERROR in the command line's words."""
    if isinstance(error, CompoundNeeded):
        return f"{error}; choose one with --compound"
    if isinstance(error, UnknownField):
        option = "--fields" if error.purpose == "select" else "--sort"
        return f"{error.what} in {option}; available: {', '.join(error.available)}"
    return str(error)


def fail(text: str, code: int) -> int:
    """Say TEXT on stderr, as the tool, on one line with its control characters shown, and
    give CODE back."""
    from peptide_cli.render.safe import clean

    print(f"{PROG}: {clean(' '.join(text.splitlines()))}", file=sys.stderr)
    return code


def report(error: PeptideCliError) -> int:
    """Say what ERROR is on stderr; the exit code it calls for."""
    if not isinstance(error, CatalogError):
        return fail(message(error), exit_code(error))
    errors = error.errors
    for problem in errors[:SHOWN_PROBLEMS]:
        fail(str(problem), ExitStatus.DATA)
    if len(errors) > SHOWN_PROBLEMS:
        from peptide_cli.render.verdict import plural

        more = len(errors) - SHOWN_PROBLEMS
        command = f"{PROG} validate" + (f" {error.source}" if error.source else "")
        fail(f"{plural(more, 'more problems')}; '{command}' lists them all", ExitStatus.DATA)
    return ExitStatus.DATA


def outcome(run: Callable[[], Any]) -> int:
    """The exit code of RUN (click's main, not standalone): its own, or that of what it raised."""
    import typer

    try:
        code = run()
    except KeyboardInterrupt:
        code = ExitStatus.INTERRUPTED
    except PeptideCliError as error:
        code = report(error)
    except OSError as error:  # every file the tool reads is read in `catalog`: this is output
        code = fail(f"cannot write the output: {error.strerror or error}", ExitStatus.OUTPUT)
    except typer.Abort:
        code = fail("aborted", ExitStatus.NOT_FOUND)
    except typer.TyperException as error:  # click's usage errors: bad option, missing value
        command = getattr(getattr(error, "ctx", None), "command_path", PROG)
        said = " ".join(error.format_message().split())  # click lists choices on tabbed lines
        code = fail(f"{said} (see '{command} --help')", error.exit_code)
    return code if isinstance(code, int) else ExitStatus.OK


def run(app: Callable[[], Any]) -> NoReturn:
    """Run APP as the console script and end the process with its exit code."""
    import os
    import signal

    if hasattr(signal, "SIGPIPE"):
        # Die quietly, like other Unix tools, when a reader such as `head` closes the pipe.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    if sys.stderr is None:  # started with stderr closed: run all the same; what would be
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - said there is lost; the exit code is not
    if sys.stdout is None:  # started with stdout closed: nowhere to write the output
        fail("cannot write the output: standard output is closed", ExitStatus.OUTPUT)
        os._exit(ExitStatus.OUTPUT)
    try:
        app()
        code: Any = ExitStatus.OK
    except KeyboardInterrupt:
        code = ExitStatus.INTERRUPTED
    except SystemExit as done:
        code = done.code
    if not isinstance(code, int):
        if code is not None:
            print(code, file=sys.stderr)
        code = ExitStatus.OK if code is None else ExitStatus.NOT_FOUND
    # Once the output is flushed nothing is left to clean up: leave without the interpreter's
    # teardown of every module and object, which takes longer than many commands themselves.
    try:
        sys.stdout.flush()
    except OSError as error:  # a full disk, say: the output is not all there
        code = fail(f"cannot write the output: {error.strerror or error}", ExitStatus.OUTPUT)
    try:
        sys.stderr.flush()
    except OSError:  # nothing more can be said
        code = code or ExitStatus.OUTPUT
    os._exit(code)
