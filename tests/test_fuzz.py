"""Property-based tests: whatever a claims file holds, the tool loads it or rejects it cleanly.

Random mutations of the bundled file and random YAML documents must give exit 0 with valid
JSON, or exit 3 with messages on stderr and nothing on stdout: never a traceback, never another
exit code. Examples are derived deterministically so CI runs the same cases every time.
"""

import json
import tempfile
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from peptide_cli.cli import app

from helpers import CLAIMS

BUNDLED = CLAIMS.read_bytes()
LINES = BUNDLED.splitlines(keepends=True)
RUNNER = CliRunner()
FUZZ = settings(max_examples=100, deadline=None, derandomize=True, database=None)

ODD_VALUES = [
    "",
    "null",
    "~",
    "[]",
    "{}",
    "0",
    "-5",
    "7",
    "1.5e300",
    ".nan",
    "three",
    "'x'",
    '"y"',
    "yes",
    "2024-01-01",
    "&anchor 1",
    "*missing",
    "!!python/object:os.system {}",
    "{a: 1",
    "[1, 2",
    "|\n  text",
    "- item",
    ": :",
    "%",
    "@",
    "`",
    "\t",
    "é",
    "α",
]


def loads_or_rejects_cleanly(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "claims.yaml"
        path.write_bytes(content)
        for args in (["goals", "--json"], ["validate", "--json"]):
            result = RUNNER.invoke(app, ["--data", str(path), *args])
            assert result.exception is None or isinstance(result.exception, SystemExit), (
                result.exception
            )
            assert "Traceback" not in result.output
            if args[0] == "validate":
                assert result.exit_code in (0, 3)
                report = json.loads(result.stdout)
                assert report["valid"] is (result.exit_code == 0)
                assert report["valid"] or report["problems"]
            else:
                assert result.exit_code in (0, 3)
            if result.exit_code == 0:
                json.loads(result.stdout)
            elif args[0] != "validate":
                assert result.stdout == ""
                assert result.stderr.startswith("peptide-cli: ")
        assert path.read_bytes() == content


@st.composite
def mutated_bundled_file(draw) -> bytes:
    lines = list(LINES)
    kind = draw(st.sampled_from(["delete", "value", "swap", "truncate", "insert", "duplicate"]))
    index = draw(st.integers(0, len(lines) - 1))
    if kind == "delete":
        del lines[index]
    elif kind == "value":
        line = lines[index].decode()
        if ":" in line:
            key = line.split(":", 1)[0]
            lines[index] = f"{key}: {draw(st.sampled_from(ODD_VALUES))}\n".encode()
        else:
            lines[index] = f"{draw(st.sampled_from(ODD_VALUES))}\n".encode()
    elif kind == "swap":
        other = draw(st.integers(0, len(lines) - 1))
        lines[index], lines[other] = lines[other], lines[index]
    elif kind == "duplicate":
        lines.insert(index, lines[index])
    content = b"".join(lines)
    if kind == "truncate":
        content = content[: draw(st.integers(0, len(content)))]
    elif kind == "insert":
        at = draw(st.integers(0, len(content)))
        content = content[:at] + draw(st.binary(min_size=1, max_size=8)) + content[at:]
    return content


scalars = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
)
documents = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(
            st.sampled_from(
                [
                    "schema_version",
                    "tier_scale",
                    "compounds",
                    "goals",
                    "studies",
                    "id",
                    "name",
                    "tier",
                    "tier_max",
                    "n",
                    "outcomes",
                    "value",
                    "ci",
                ]
            )
            | st.text(max_size=10),
            children,
            max_size=5,
        )
    ),
    max_leaves=30,
)


@FUZZ
@given(mutated_bundled_file())
def test_mutations_of_the_bundled_file(content):
    loads_or_rejects_cleanly(content)


@FUZZ
@given(documents)
def test_random_yaml_documents(document):
    loads_or_rejects_cleanly(yaml.safe_dump(document, allow_unicode=True).encode())


@FUZZ
@given(st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_random_bytes(content):
    loads_or_rejects_cleanly(content)
