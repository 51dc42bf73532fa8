"""The exit statuses (`exits.ExitStatus`): what each is, which errors lead to it, and that a
process really ends with it."""

import subprocess
import sys

import pytest

from peptide_cli.cli import exits
from peptide_cli.cli.commands import app
from peptide_cli.cli.exits import ExitStatus
from peptide_cli.errors import (
    AmbiguousError,
    NotFoundError,
    ServiceError,
    UnknownField,
    UsageProblem,
)


def test_the_exit_statuses_and_their_codes():
    assert {status.name: int(status) for status in ExitStatus} == {
        "OK": 0,
        "NOT_FOUND": 1,
        "USAGE": 2,
        "DATA": 3,
        "OUTPUT": 4,
        "NETWORK": 5,
        "INTERRUPTED": 130,
    }


def test_help_documents_every_status_but_an_interruption():
    for status in ExitStatus:
        if status is not ExitStatus.INTERRUPTED:
            assert f"{status:d} " in app.info.epilog, status.name


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (NotFoundError("no goal"), ExitStatus.NOT_FOUND),
        (AmbiguousError("two goals"), ExitStatus.NOT_FOUND),
        (UsageProblem("no tier 9"), ExitStatus.USAGE),
        (UnknownField("colour", ("id",), "select"), ExitStatus.USAGE),
        (ServiceError("no answer"), ExitStatus.NETWORK),
    ],
)
def test_each_error_has_its_status(error, status):
    assert exits.exit_code(error) is status


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["goals", "--json"], 0),
        (["show", "no-such-goal"], 1),
        (["goals", "--no-such-option"], 2),
        (["--data", "/no/such/claims.yaml", "goals"], 3),
        (["validate", "/no/such/claims.yaml"], 3),  # validate raises typer.Exit(ExitStatus.DATA)
    ],
)
def test_the_process_ends_with_the_status(args, code):
    done = subprocess.run(
        [sys.executable, "-m", "peptide_cli", *args], capture_output=True, text=True, check=False
    )
    assert done.returncode == code, done.stderr
