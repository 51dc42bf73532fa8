import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from peptide_cli.cli import app
from peptide_cli.loader import load_catalog

REPO = Path(__file__).resolve().parents[1]
CLAIMS = REPO / "data" / "claims.yaml"


class Run:
    """Invoke the command line the way a user does and keep what it printed."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, env: dict[str, str] | None = None):
        return self.runner.invoke(app, list(args), env=env, catch_exceptions=False)

    def json(self, *args: str):
        result = self(*args)
        assert result.exit_code == 0, result.stderr
        assert result.stderr == ""
        return json.loads(result.stdout)


@pytest.fixture
def run() -> Run:
    return Run()


@pytest.fixture(scope="session")
def catalog():
    return load_catalog()


@pytest.fixture
def claims_file(tmp_path, monkeypatch):
    """Point the tool at a claims file of the test's own; returns a function that writes it."""
    path = tmp_path / "claims.yaml"
    monkeypatch.setattr("peptide_cli.loader.bundled_path", lambda: path)

    def write(text: str | bytes | None) -> Path:
        """Write TEXT as the claims file; None leaves the file missing."""
        if text is None:
            return path
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return write
