"""The layout holds: layers import only downwards, no import circles, records declared once, the
output stream described by one object that tests can build, and closed pipes end quietly even
after more output than a pipe holds."""

import ast
import io
import json
import os
import signal
import subprocess
import sys

import pytest

from peptide_cli.render import listing, records
from peptide_cli.render.records import AUDIT, GOAL_DETAIL, GOALS, HITS, OUTCOME_ROWS, Field
from peptide_cli.render.stream import Stream

from helpers import REPO, generator

PACKAGE = REPO / "src" / "peptide_cli"

# Lower layers first; a module may import its own layer and those before it. The two
# front-ends come last: the MCP server (assistant), then the CLI, which starts it.
LAYERS = ["base", "catalog", "evidence", "curation", "render", "assistant", "cli"]
BASE = {"peptide_cli", "peptide_cli.errors", "peptide_cli.vocabulary"}
LIBRARY = {"base", "catalog", "evidence", "curation"}  # the layers that know nothing of terminals


def module_name(path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def layer(module: str) -> str:
    if module in BASE:
        return "base"
    if module == "peptide_cli.__main__":
        return "cli"
    return module.split(".")[1]


def imports(module: str) -> set[str]:
    """Every module MODULE imports, wherever the import stands (in a function too)."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                found.add(submodule if submodule in MODULES else base)
    return found


def test_the_layers_are_packages_with_a_docstring_each():
    assert {layer(module) for module in MODULES} == set(LAYERS)
    for module, path in MODULES.items():
        assert ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))), module


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_imports_a_layer_above_its_own(module):
    own = LAYERS.index(layer(module))
    above = {
        name
        for name in imports(module)
        if name.startswith("peptide_cli") and LAYERS.index(layer(name)) > own
    }
    assert above == set()


@pytest.mark.parametrize("module", sorted(m for m in MODULES if layer(m) in LIBRARY))
def test_library_layers_import_neither_typer_nor_rich(module):
    roots = {name.split(".")[0] for name in imports(module)}
    assert roots & {"typer", "click", "rich"} == set()


@pytest.mark.parametrize("module", sorted(m for m in MODULES if layer(m) == "render"))
def test_rendering_imports_no_typer(module):
    assert {name.split(".")[0] for name in imports(module)} & {"typer", "click"} == set()


def test_no_import_circles():
    graph = {m: {n for n in imports(m) if n in MODULES and n != m} for m in MODULES}
    circles = []

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for step in graph[start]:
            if step == goal or (
                step not in seen and not seen.add(step) and reaches(step, goal, seen)
            ):
                return True
        return False

    for module in MODULES:
        if reaches(module, module, set()):
            circles.append(module)
    assert circles == []


def test_the_import_checker_sees_a_circle_and_an_upward_import(tmp_path):
    """The checks above can fail: the parser finds function-level and relative imports."""
    source = "def later():\n    from peptide_cli.render import views\n    from . import queries\n"
    tree = ast.parse(source)
    names = [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert [n.module for n in names] == ["peptide_cli.render", None]
    assert "peptide_cli.catalog.names" in imports("peptide_cli.evidence.finding")
    assert "peptide_cli.catalog.names" in imports("peptide_cli.catalog.validation")
    assert "peptide_cli.render.tables" in imports("peptide_cli.render.listing")  # in a function


# Each kind of record, and a command whose JSON gives it.
KINDS = {
    "goals": (GOALS, ["goals", "--json"]),
    "show": (GOAL_DETAIL, ["show", "stroke", "--json"]),
    "audit": (AUDIT, ["audit", "--json"]),
    "studies": (OUTCOME_ROWS, ["studies", "--json"]),
    "search": (HITS, ["search", "memory", "--json"]),
}


@pytest.mark.parametrize("name", KINDS)
def test_json_keys_come_from_the_declaration(run, name):
    kind, args = KINDS[name]
    found = run.json(*args)
    for record in found if isinstance(found, list) else [found]:
        assert tuple(record) == kind.fields


@pytest.mark.parametrize("name", [n for n in KINDS if n != "show"])
def test_fields_choices_and_table_columns_come_from_the_declaration(run, name):
    kind, args = KINDS[name]
    command = args[:-1]
    result = run(*command, "--fields", "nothing-of-the-kind")
    assert result.exit_code == 2
    assert result.stderr.endswith(f"available: {', '.join(kind.fields)}\n")
    header = run(*command, "--format", "markdown").stdout.splitlines()[0]
    assert header == "| " + " | ".join(kind.title(c) for c in kind.columns) + " |"


def test_derived_kinds_share_the_goal_fields():
    assert AUDIT.fields == GOALS.fields
    assert GOAL_DETAIL.fields == (*GOALS.fields, "absence", "studies")
    assert GOAL_DETAIL.columns == GOALS.columns
    with pytest.raises(ValueError, match="columns that are not fields"):
        GOALS.with_columns(("name", "no-such-field"))


def test_a_field_added_once_shows_in_every_format_and_choice(run, monkeypatch):
    extended = GOALS.extended(Field("answer", lambda appraised: 42, "Answer"))
    monkeypatch.setattr(records, "GOALS", extended)
    goals = run.json("goals", "--json")
    assert [goal["answer"] for goal in goals] == [42] * 13
    assert run.json("filter", "--min-tier", "3", "--json")[0]["answer"] == 42
    csv_lines = run("goals", "--format", "csv", "--fields", "id,answer").stdout.splitlines()
    assert csv_lines[:2] == ["id,answer", "cognition-memory,42"]
    table = run("goals", "--format", "table", "--fields", "name,answer").stdout
    assert "Answer" in table.splitlines()[0]
    assert run("goals", "--fields", "bogus").stderr.endswith(", evidence_up_to, answer\n")


def test_a_described_terminal_gets_a_coloured_table_without_a_pty():
    records_ = [{"name": "Calm", "tier_range": "2"}]
    out = io.StringIO()
    terminal = Stream(out, terminal=True, utf8=True, width=60)
    listing.write(records_, GOALS, listing.Listing("table", "name,tier_range"), terminal)
    assert "\x1b[" in out.getvalue()
    assert "─" in out.getvalue()

    out = io.StringIO()
    uncoloured = Stream(out, terminal=True, utf8=True, width=60, color=False)
    listing.write(records_, GOALS, listing.Listing("table", "name,tier_range"), uncoloured)
    assert "\x1b[3" not in out.getvalue()


@pytest.mark.parametrize(
    ("stream", "expected"),
    [
        (Stream(io.StringIO(), terminal=False, utf8=True), '[{"name":"TNF-α"}]\n'),
        (Stream(io.StringIO(), terminal=False, utf8=False), '[{"name":"TNF-\\u03b1"}]\n'),
        (Stream(io.StringIO(), terminal=True, utf8=True), '[\n  {\n    "name": "TNF-α"\n  }\n]\n'),
    ],
)
def test_json_follows_the_described_stream(stream, expected):
    listing.write([{"name": "TNF-α"}], GOALS, listing.Listing("json", "name"), stream)
    assert stream.file.getvalue() == expected
    assert json.loads(stream.file.getvalue()) == [{"name": "TNF-α"}]


@pytest.fixture(scope="module")
def big_catalog(tmp_path_factory):
    """4,000 studies: every listing of them is more than a pipe's 64 KiB buffer."""
    return generator().write(tmp_path_factory.mktemp("big"), 4_000)


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("studies --format jsonl", b'{"compound": "compound-0", "compound_name": "Synthetide 0",'),
        ("goals --format table", b" Compound        Goal "),
        ("audit --format jsonl", b'{"compound": "compound-0", "compound_name": "Synthetide 0",'),
    ],
)
def test_a_pipe_closed_after_the_first_line_of_a_long_output_ends_quietly(
    big_catalog, command, expected
):
    """Like other Unix tools, the writer dies of SIGPIPE, silently, when its reader goes away."""
    args = [sys.executable, "-m", "peptide_cli", "--data", str(big_catalog), *command.split()]
    env = {**os.environ, "COLUMNS": "200"}
    writer = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    first = writer.stdout.readline()
    writer.stdout.close()
    stderr = writer.stderr.read()
    writer.wait(timeout=120)
    assert first.startswith(expected), first[:200]
    assert stderr == b""
    assert writer.returncode == -signal.SIGPIPE
    whole = subprocess.run(args, capture_output=True, check=True, timeout=120, env=env)
    assert len(whole.stdout) > 65536
