import json

import pytest
from typer.testing import CliRunner

from peptide_cli.catalog.loading import load_catalog
from peptide_cli.cli import app

from helpers import CLAIMS


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
    return load_catalog(CLAIMS)


@pytest.fixture(autouse=True)
def own_cache(tmp_path_factory, monkeypatch):
    """Every test gets a cache folder of its own, never the user's."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("PEPTIDE_CLI_CACHE_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def cerebrolysin_file(monkeypatch):
    """Most tests are about Cerebrolysin's claims file, as the source document describes it:
    they read that one file, as a user does with PEPTIDE_CLI_DATA. The tests of the whole
    bundled catalog (every compound file in data/: test_peptides.py, test_mcp.py and others)
    remove the variable."""
    monkeypatch.setenv("PEPTIDE_CLI_DATA", str(CLAIMS))
