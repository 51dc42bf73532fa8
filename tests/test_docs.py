"""Every command and every option has help text and is named in the README."""

import re
from pathlib import Path

import pytest
import typer

from peptide_cli.cli import app

from helpers import every_command

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
ROOT = typer.main.get_command(app)
COMMANDS = every_command()


def options_of(command):
    return [param for param in command.params if param.param_type_name == "option"]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_and_is_in_the_readme(name):
    command = COMMANDS[name]
    assert command.help and len(command.help.split("\n")[0]) > 20
    assert re.search(rf"peptide-cli( --data \S+)? {name}\b", README), name
    assert f"### `peptide-cli {name}" in README, f"README has no section for {name}"


@pytest.mark.parametrize(
    ("command", "option"),
    [
        (name, option)
        for name, command in [("", ROOT), *sorted(COMMANDS.items())]
        for option in options_of(command)
    ],
    ids=lambda value: getattr(value, "name", value),
)
def test_every_option_has_help_and_is_in_the_readme(command, option):
    assert option.help, f"{command} {option.opts} has no help"
    for flag in option.opts:
        if flag.startswith("--"):
            assert f"`{flag}" in README or f" {flag}" in README, f"README never names {flag}"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_argument_has_help(name):
    for param in COMMANDS[name].params:
        if param.param_type_name == "argument":
            assert getattr(param, "help", None), f"{name} {param.name} has no help"
