"""What every command shares: help, version, exit codes and errors."""

import subprocess
import sys

import pytest

from helpers import every_command, version_line

COMMANDS = [
    "goals",
    "show",
    "filter",
    "compare",
    "studies",
    "search",
    "audit",
    "cite",
    "info",
    "schema",
    "validate",
    "cache",
    "explain",
    "compounds",
    "report",
    "mcp",
    "status",
    "init",
    "check",
    "whats-new",
    "update",
]
CLICK_COMMANDS = every_command()


def test_the_app_has_exactly_the_documented_commands():
    assert sorted(CLICK_COMMANDS) == sorted(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(run, command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Usage: peptide-cli {command} [OPTIONS]")
    first_line = CLICK_COMMANDS[command].help.split("\n")[0]
    assert len(first_line) > 20
    assert first_line in " ".join(result.stdout.split())


# schema prints JSON already; report writes an HTML page, whose data `show --json` gives; mcp
# speaks JSON-RPC on stdio; init writes a YAML file of your own.
NOT_JSON = ("schema", "report", "mcp", "init")


@pytest.mark.parametrize("command", [c for c in COMMANDS if c not in NOT_JSON])
def test_every_command_offers_json(run, command):
    assert "--json" in run(command, "--help").stdout


def test_main_help_lists_commands_and_exit_codes(run):
    result = run("--help")
    assert result.exit_code == 0
    for command in COMMANDS:
        assert f"  {command} " in result.stdout
    assert "Exit codes: 0 success, 1 nothing matched, 2 usage error, 3 claims file" in (
        " ".join(result.stdout.split())
    )


def test_no_arguments_prints_help(run):
    result = run()
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: peptide-cli [OPTIONS] COMMAND [ARGS]...")


def test_version(run):
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == version_line()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["bogus"], "peptide-cli: No such command 'bogus'. (see 'peptide-cli --help')\n"),
        (["show"], "peptide-cli: Missing argument 'GOAL'. (see 'peptide-cli show --help')\n"),
        (
            ["goals", "--jsn"],
            "peptide-cli: No such option: --jsn (Possible options: --json) "
            "(see 'peptide-cli goals --help')\n",
        ),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(run, args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == message


def test_python_dash_m_runs_the_cli():
    done = subprocess.run(
        [sys.executable, "-m", "peptide_cli", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout == version_line()


def test_a_closed_pipe_ends_quietly():
    reader = subprocess.Popen(
        [sys.executable, "-m", "peptide_cli", "goals", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stdout.read(10) == b'[{"compoun'
    reader.stdout.close()
    stderr = reader.stderr.read()
    reader.wait()
    assert b"Traceback" not in stderr
    assert b"BrokenPipeError" not in stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ("goals", "--fields", "id", "--fields", "tier"),
            "--fields is given twice: give it once (see 'peptide-cli goals --help')",
        ),
        (
            ("goals", "--compound", "sema", "--compound=bpc"),
            "--compound is given twice: give it once (see 'peptide-cli goals --help')",
        ),
        (
            ("report", "-o", "a.html", "--output", "b.html"),
            "--output is given twice: give it once (see 'peptide-cli report --help')",
        ),
    ],
)
def test_an_option_that_takes_a_value_may_be_given_once(run, args, said):
    """N17: click would keep the last value without a word."""
    result = run(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"peptide-cli: {said}\n")


def test_a_flag_twice_or_an_option_after_a_double_dash_is_no_repeat(run):
    assert run("goals", "--json", "--json").exit_code == 0
    assert run("search", "--", "--fields").exit_code == 0
