"""Output that must not break: odd encodings, narrow terminals, closed pipes, Ctrl-C."""

import json
import os
import re
import subprocess
import sys

import pytest

from helpers import CLAIMS

CLI = [sys.executable, "-m", "peptide_cli"]


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "COLUMNS": "100", **(env or {})}
    environment["PEPTIDE_CLI_DATA"] = str(CLAIMS)  # Cerebrolysin's file, as in conftest
    return subprocess.run(
        [*CLI, *args], capture_output=True, env=environment, check=False, timeout=60
    )


@pytest.mark.parametrize(
    "env",
    [
        {"PYTHONIOENCODING": "ascii"},
        {"PYTHONIOENCODING": "latin-1"},
        {"LC_ALL": "C", "LANG": "C"},
    ],
)
def test_greek_letters_and_signs_print_in_any_encoding(env):
    done = cli("show", "anti-inflammatory", env={"COLUMNS": "200", **env})
    assert done.returncode == 0
    assert done.stderr == b""
    text = done.stdout.decode("utf-8" if "LC_ALL" in env else "latin-1")
    assert "TNF-" in text
    if "PYTHONIOENCODING" in env:
        assert "Pro-inflammatory cytokines (TNF-a, IL-1b, IL-6)" in text
    sleep = cli("show", "sleep", env=env)
    assert sleep.returncode == 0
    assert b"Traceback" not in sleep.stderr


def test_ascii_stdout_spells_signs_out():
    text = cli("show", "sleep", env={"PYTHONIOENCODING": "ascii", "COLUMNS": "200"}).stdout
    assert b"cerebrolysin 8.7+/-1.9 -> 5.1+/-2.2 (p<0.001)" in text


def test_latin1_stdout_keeps_the_characters_it_has():
    text = cli("show", "sleep", env={"PYTHONIOENCODING": "latin-1", "COLUMNS": "200"}).stdout
    assert "cerebrolysin 8.7±1.9 -> 5.1±2.2 (p<0.001)" in text.decode("latin-1")


def test_json_on_an_ascii_stdout_is_escaped_and_identical():
    ascii_json = cli("show", "anti", "--json", env={"PYTHONIOENCODING": "ascii"}).stdout
    utf8_json = cli("show", "anti", "--json", env={"PYTHONIOENCODING": "utf-8"}).stdout
    assert b"\\u03b1" in ascii_json
    assert "TNF-α".encode() in utf8_json
    assert json.loads(ascii_json) == json.loads(utf8_json)


def test_narrow_terminal_stacks_rows_instead_of_splitting_words(run):
    result = run("goals", "--format", "table", env={"COLUMNS": "40"})
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 40
    assert lines[:4] == [
        "Cognition & Memory",
        "  Tier: 3 · Evidence: Probable Efficacy",
        "  · Stated: 3 · Studies: 2 · Human: 2 ·",
        "  Flags: 6 (medium)",
    ]
    footer = next(i for i, line in enumerate(lines) if line.startswith("Evidence last searched:"))
    names = [line for line in lines[:footer] if not line.startswith(" ")]
    assert len(names) == 13
    assert "Energy & Mitochondrial Function" in names


def test_narrow_terminal_keeps_every_outcome_figure(run):
    out = run("show", "memory", env={"COLUMNS": "40"}).stdout
    flat = " ".join(out.split())
    # 1.10 as reported, not 1.1 (#11)
    for figure in ("Result: 1.10 points", "CI: 0.37 to 1.82 (95%)", "p: <0.0001", "-4.01 points"):
        assert figure in flat


def test_json_does_not_depend_on_terminal_width(run):
    narrow = run("show", "stroke", "--json", env={"COLUMNS": "20"}).stdout
    wide = run("show", "stroke", "--json", env={"COLUMNS": "300"}).stdout
    assert narrow == wide
    assert json.loads(narrow)["summary"].endswith("in its intention-to-treat primary analysis.")


@pytest.mark.parametrize(
    ("command", "reader", "expected"),
    [
        ("goals --json", "head -c 10", b'[{"compoun'),
        ("show stroke", "head -1", b"Stroke & Injury Recovery  stroke-injury-recovery\n"),
    ],
)
def test_a_closed_pipe_ends_quietly(command, reader, expected):
    shell = f"{' '.join(CLI)} {command} | {reader}"
    done = subprocess.run(
        ["bash", "-c", shell],
        capture_output=True,
        check=False,
        timeout=60,
        env={**os.environ, "COLUMNS": "100"},
    )
    assert done.stdout == expected
    assert done.stderr == b""


def test_ctrl_c_exits_130_without_a_traceback():
    script = (
        "import os, signal, sys\n"
        # as a shell starts a foreground command: SIGINT at Python's default, even when this
        # suite was started with SIGINT ignored (a background job), which the child inherits
        "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
        "import peptide_cli.catalog.loading as loader\n"
        "def interrupted(path=None, cache_folder=None):\n"
        "    os.kill(os.getpid(), signal.SIGINT)\n"
        "loader.load_catalog = interrupted\n"
        "sys.argv = ['peptide-cli', 'goals']\n"
        "from peptide_cli.cli import main\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, check=False, timeout=60
    )
    assert done.returncode == 130
    assert done.stdout == b""
    assert done.stderr == b""


def test_keyboard_interrupt_inside_a_command_exits_130(run, monkeypatch):
    def interrupted(path=None, cache_folder=None):
        raise KeyboardInterrupt

    monkeypatch.setattr("peptide_cli.catalog.loading.load_catalog", interrupted)
    result = run("goals")
    assert result.exit_code == 130
    assert (result.stdout, result.stderr) == ("", "")


def on_a_terminal(*args: str, env: dict[str, str], keyboard: bool = False) -> bytes:
    """What the tool writes when its stdout is a real terminal (a pseudo-terminal); with
    KEYBOARD, its stdin is that terminal too, as when a person types the command."""
    import pty

    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    main, secondary = pty.openpty()
    process = subprocess.Popen(
        [*CLI, *args],
        stdin=secondary if keyboard else subprocess.DEVNULL,
        stdout=secondary,
        stderr=subprocess.PIPE,
        env={**environment, "COLUMNS": "100", **env},
    )
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal closed when the process ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(main)
    assert process.returncode == 0
    return b"".join(chunks)


def coloured(text: bytes) -> bool:
    """Whether TEXT sets a foreground colour (SGR 30-38), alone or with bold and the like."""
    return re.search(rb"\x1b\[(?:[0-9]+;)*3[0-8](?:;[0-9]+)*m", text) is not None


def test_a_terminal_gets_a_coloured_table():
    text = on_a_terminal("goals", env={"TERM": "xterm-256color"})
    assert coloured(text)
    assert "─".encode() in text


@pytest.mark.parametrize(
    ("args", "env"),
    [
        ((), {"TERM": "dumb"}),
        ((), {"TERM": "xterm-256color", "NO_COLOR": "1"}),
        (("--no-color",), {"TERM": "xterm-256color"}),
    ],
)
def test_colour_can_be_turned_off(args, env):
    text = on_a_terminal("goals", *args, env=env)
    assert not coloured(text)
    assert b"Cognition & Memory" in text


def test_show_and_info_take_no_color_too():
    terminal = {"TERM": "xterm-256color"}
    for command in (("show", "hair"), ("info",)):
        assert coloured(on_a_terminal(*command, env=terminal))
        assert not coloured(on_a_terminal(*command, "--no-color", env=terminal))


def test_at_80_columns_goals_are_blocks_headed_by_the_goal_under_their_compound(run, monkeypatch):
    monkeypatch.delenv("PEPTIDE_CLI_DATA")  # several compounds: a Compound column
    result = run("goals", "--format", "table", env={"COLUMNS": "80"})
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert max(len(line) for line in lines) <= 80
    goals = run.json("goals", "--json")
    compounds = list(dict.fromkeys(g["compound_name"] for g in goals))
    # each compound once, unindented; each goal once, under it, two spaces in
    assert [line for line in lines if line and not line.startswith(" ")][: len(compounds)] == (
        compounds
    )
    headed = [line[2:] for line in lines if line.startswith("  ") and not line.startswith("    ")]
    assert headed == [g["name"] for g in goals]
    assert lines[:3] == [compounds[0], f"  {goals[0]['name']}", lines[2]]
    assert lines[2].startswith(f"    Tier: {goals[0]['tier']} · Evidence: ")


@pytest.mark.parametrize("columns", ["0", "1"])
def test_a_terminal_of_0_or_1_columns_is_taken_as_a_narrow_one(run, columns):
    lines = run("show", "hair", env={"COLUMNS": columns}).stdout.splitlines()
    assert lines[:2] == ["Hair Repigmentation", "hair"]  # words still fit a line: 20 columns
    assert max(len(line) for line in lines if " " in line.strip()) <= 20


def paged(tmp_path, *args: str, lines: str, keyboard: bool = True) -> tuple[bytes, str | None]:
    """What the terminal shows and what the pager got (None: it never ran) for `show` at a
    terminal LINES tall; the pager is a command that keeps what it reads in a file."""
    kept = tmp_path / "pager.txt"
    screen = on_a_terminal(
        "show",
        "cognition-memory",
        *args,
        env={"TERM": "xterm-256color", "LINES": lines, "PAGER": f"cat > {kept}"},
        keyboard=keyboard,
    )
    return screen, kept.read_text(encoding="utf-8") if kept.exists() else None


def test_a_view_taller_than_the_terminal_goes_through_the_pager(tmp_path):
    screen, pager = paged(tmp_path, lines="10")
    assert pager is not None
    assert "Cognition & Memory" in pager
    assert b"Cognition & Memory" not in screen


def test_no_pager_prints_the_view_straight_out(tmp_path):
    screen, pager = paged(tmp_path, "--no-pager", lines="10")
    assert pager is None
    assert b"Cognition & Memory" in screen


def test_a_view_that_fits_the_terminal_is_not_paged(tmp_path):
    screen, pager = paged(tmp_path, lines="5000")
    assert pager is None
    assert b"Cognition & Memory" in screen


def test_no_pager_runs_when_nobody_is_at_the_keyboard(tmp_path):
    screen, pager = paged(tmp_path, lines="10", keyboard=False)
    assert pager is None
    assert b"Cognition & Memory" in screen


@pytest.mark.parametrize("setting", ["", "cat"])
def test_pager_set_to_nothing_or_cat_turns_paging_off(tmp_path, setting):
    screen = on_a_terminal(
        "show",
        "cognition-memory",
        env={"TERM": "xterm-256color", "LINES": "10", "PAGER": setting},
        keyboard=True,
    )
    assert b"Cognition & Memory" in screen


@pytest.mark.parametrize(("setting", "expected"), [(None, "FRX"), ("-S", "-S")])
def test_the_pager_gets_gits_less_options_unless_less_sets_others(tmp_path, setting, expected):
    kept = tmp_path / "less.txt"
    env = {
        "TERM": "xterm-256color",
        "LINES": "10",
        "PAGER": f'printf %s "$LESS" > {kept}; cat >/dev/null',
    }
    if setting is not None:
        env["LESS"] = setting
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("LESS", raising=False)
        on_a_terminal("show", "cognition-memory", env=env, keyboard=True)
    assert kept.read_text(encoding="utf-8") == expected
