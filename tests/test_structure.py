"""Things declared once and dependencies used through their public names only: the output
options of every listing command, the output formats, and no private name of a dependency."""

import ast
import inspect
from pathlib import Path
from typing import get_args

import pytest

from peptide_cli.cli import options
from peptide_cli.render import text
from peptide_cli.vocabulary import Format

from helpers import REPO, every_command

COMMANDS = every_command()
OUTPUT_FLAGS = ["--format", "--json", "--fields", "--sort", "--reverse", "--no-color"]


def listing_commands():
    """The commands that take the output options: those whose function `output_options`
    wrapped (the wrapper keeps the function it wraps)."""
    from peptide_cli.cli.group import COMMANDS as REGISTERED

    return sorted(name for name in COMMANDS if hasattr(REGISTERED[name].callback, "__wrapped__"))


def test_the_output_options_are_declared_once_and_every_listing_command_has_them_all():
    listing = listing_commands()
    assert {"goals", "filter", "studies", "search", "audit", "compounds", "compare"} <= set(listing)
    declared = [options.OUTPUT_OPTIONS[name] for name in options.OUTPUT_OPTIONS]
    helps = [get_args(kind)[1].help for kind, _ in declared]
    for name in listing:
        params = [p for p in COMMANDS[name].params if p.name in options.OUTPUT_OPTIONS]
        assert [p.opts[0] for p in params] == OUTPUT_FLAGS, name
        assert [p.help for p in params] == helps, name
        assert [p.default for p in params] == [default for _, default in declared], name


def test_a_command_without_the_output_options_has_none_of_them():
    for name, command in COMMANDS.items():
        if name not in listing_commands():
            flags = {flag for p in command.params for flag in p.opts}
            assert not flags & {"--fields", "--sort", "--reverse"}, name


def test_the_output_options_reach_the_command_as_one_output():
    seen = []

    @options.output_options
    def listing(goal: str, *, output: options.Output) -> None:
        seen.append((goal, output))

    assert list(inspect.signature(listing).parameters) == ["goal", *options.OUTPUT_OPTIONS]
    listing("stroke", form="csv", as_json=False, fields="id", sort="n", reverse=True, no_color=True)
    goal, output = seen[0]
    assert goal == "stroke"
    assert (output.form, output.as_json, output.fields, output.sort, output.reverse) == (
        "csv",
        False,
        "id",
        "n",
        True,
    )
    assert output.no_color is True


def test_the_formats_are_the_registry_s_in_the_command_line_s_order():
    assert tuple(text.FORMATS) == get_args(Format)
    for name, made in text.FORMATS.items():
        assert made.name == name
        # each is drawn by Rich (table), or written a line at a time, or as a whole document
        assert (name == "table") == (made.line is None and made.document is None), name


DEPENDENCIES = {"typer", "click", "rich", "pydantic", "pydantic_core", "yaml", "jinja2", "mcp"}


def private_names(path: Path) -> list[str]:
    """Where the module at PATH names a private module or attribute of a dependency, or reaches
    into a private attribute of anything but itself (`self._x`, `cls._x`); `os._exit`, the
    documented way to leave at once, is the one exception."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            parts = node.module.split(".")
            names = [alias.name for alias in node.names]
            if parts[0] in DEPENDENCIES and any(p.startswith("_") for p in parts + names):
                found.append(f"{path.name}:{node.lineno} from {node.module} import {names}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] in DEPENDENCIES and any(p.startswith("_") for p in parts):
                    found.append(f"{path.name}:{node.lineno} import {alias.name}")
        elif isinstance(node, ast.Attribute) and node.attr.startswith("_"):
            if node.attr.startswith("__") and node.attr.endswith("__"):
                continue  # dunders are the language's own
            owner = node.value
            if isinstance(owner, ast.Name) and owner.id in ("self", "cls"):
                continue
            if isinstance(owner, ast.Name) and (owner.id, node.attr) == ("os", "_exit"):
                continue
            found.append(f"{path.name}:{node.lineno} {ast.unparse(node)}")
    return found


def test_no_private_name_of_a_dependency_is_used():
    modules = sorted((REPO / "src" / "peptide_cli").rglob("*.py"))
    assert modules
    found = [hit for path in modules for hit in private_names(path)]
    assert found == [], "private names used: " + "; ".join(found)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from rich._wrap import divide_line\n", ["m.py:1 from rich._wrap import ['divide_line']"]),
        ("from rich._pick import pick_bool\n", ["m.py:1 from rich._pick import ['pick_bool']"]),
        ("from typer.main import _split\n", ["m.py:1 from typer.main import ['_split']"]),
        ("import pydantic_core._pydantic_core\n", ["m.py:1 import pydantic_core._pydantic_core"]),
        ("def f(table):\n    return table._extra_width\n", ["m.py:2 table._extra_width"]),
        ("def f(self):\n    return self._x, os._exit, type(self).__name__\n", []),
        ("from rich.table import Table\nimport typer\n", []),
    ],
)
def test_the_private_name_check_sees_private_names(tmp_path, source, expected):
    module = tmp_path / "m.py"
    module.write_text(source)
    assert private_names(module) == expected


def test_the_evidence_api_lists_each_name_once_and_every_name_resolves():
    """The evidence package imports each name when it is first used: a name the type checker
    sees (under TYPE_CHECKING) must be in __all__, and every name in __all__ must resolve."""
    import peptide_cli.evidence as api

    source = (REPO / "src" / "peptide_cli" / "evidence" / "__init__.py").read_text()
    tree = ast.parse(source)
    checked = next(n for n in tree.body if isinstance(n, ast.If))  # `if TYPE_CHECKING:`
    typed = [alias.name for node in checked.body for alias in node.names]
    assert sorted(typed) == sorted(api.__all__)
    assert len(set(api.__all__)) == len(api.__all__)
    for name in api.__all__:
        assert getattr(api, name) is not None, name
