"""The README's examples print what the README says they print.

Each line `$ peptide-cli ...` of a ```console block in README.md is run as a reader would type
it: by a shell, in a terminal 100 columns wide (a pseudo-terminal), over the bundled catalog,
with no colour (TERM=dumb). What it prints, stdout and stderr together as a terminal shows them,
must be the lines under it up to the next `$ ` line or the end of the block, trailing spaces
aside. `peptide-cli` is this Python running `-m peptide_cli`, so the code under test is the
one the other tests import.
"""

import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

pty = pytest.importorskip("pty", reason="needs a pseudo-terminal (POSIX)")
import termios  # noqa: E402  (POSIX only, like pty)

README = Path(__file__).resolve().parents[1] / "README.md"
ROWS, COLUMNS = 50, 100
TIMEOUT = 120  # seconds for one example


def examples(text: str) -> list[tuple[int, str, str]]:
    """(line number, command, expected output) for each `$ ` line of each console block."""
    found: list[tuple[int, str, list[str]]] = []
    indent = None  # of the console block we are in, or None outside one
    start = 0  # how many examples the blocks before this one held
    for number, line in enumerate(text.split("\n"), 1):
        if indent is None:
            if line.strip() == "```console":
                indent = len(line) - len(line.lstrip())
                start = len(found)
            continue
        if line.strip() == "```":
            indent = None
            continue
        line = line[indent:] if line[:indent].strip() == "" else line
        if line.startswith("$ "):
            found.append((number, line[2:], []))
        elif len(found) > start:
            found[-1][2].append(line)
        else:
            raise ValueError(f"README.md:{number}: a console block must start with `$ `")
    return [(number, command, tidy("\n".join(lines))) for number, command, lines in found]


def tidy(text: str) -> str:
    """TEXT with terminal line ends as newlines, no trailing spaces, no blank lines at the end."""
    lines = text.replace("\r\n", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).rstrip("\n")


def shim(folder: Path) -> Path:
    """A folder holding `peptide-cli`: this Python running the package under test."""
    folder.mkdir()
    script = folder / "peptide-cli"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m peptide_cli "$@"\n')
    script.chmod(0o755)
    return folder


def in_terminal(command: str, cwd: Path, path: Path) -> str:
    """What COMMAND prints in a terminal of ROWS x COLUMNS, run by sh in CWD."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PEPTIDE_CLI_DATA", "FORCE_COLOR", "CLICOLOR_FORCE", "PYTHONIOENCODING"}
    }
    env.update(
        PATH=f"{path}{os.pathsep}{env.get('PATH', '')}",
        COLUMNS=str(COLUMNS),
        LINES=str(ROWS),
        TERM="dumb",
        NO_COLOR="1",
        PYTHONUTF8="1",
    )
    leader, follower = pty.openpty()
    termios.tcsetwinsize(follower, (ROWS, COLUMNS))
    try:
        process = subprocess.Popen(
            ["sh", "-c", command],
            stdin=subprocess.DEVNULL,
            stdout=follower,
            stderr=follower,
            cwd=cwd,
            env=env,
        )
    finally:
        os.close(follower)
    chunks = []
    deadline = time.monotonic() + TIMEOUT
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                process.kill()
                pytest.fail(f"{command!r} took more than {TIMEOUT} s")
            ready, _, _ = select.select([leader], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: every writer has closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(leader)
        process.wait()
    return b"".join(chunks).decode("utf-8")


EXAMPLES = examples(README.read_text(encoding="utf-8"))


def test_the_readme_has_examples_and_each_runs_this_tool():
    assert len(EXAMPLES) >= 5
    for number, command, _ in EXAMPLES:
        assert re.match(r"peptide-cli( |$)", command), f"README.md:{number}: {command}"


@pytest.mark.parametrize(
    ("number", "command", "expected"), EXAMPLES, ids=[f"README.md:{e[0]}" for e in EXAMPLES]
)
def test_readme_example(number, command, expected, tmp_path):
    got = tidy(in_terminal(command, tmp_path, shim(tmp_path / "bin")))
    assert got == expected, (
        f"README.md:{number}: `{command}` now prints:\n{got}\n(copy it into the README if the "
        "change is meant)"
    )
