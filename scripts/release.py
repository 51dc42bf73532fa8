"""Make a data release: compare the catalog with the one of an earlier commit and append a
release, with every change and its source, to data/history/changelog.yaml (#30).

    python scripts/release.py --from REF --version 2026.12.06 --summary "..." [--date DAY]

REF is the commit of the last release (or the last commit before the data work being
released). The old catalog's tiers and certainty are taken as the tool of REF printed them
(its own code is run on its own data), so a change of rules that moved a tier is listed too.
Review the new entry before committing it: it is data, as the claims files are.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def extract(ref: str, folder: Path) -> None:
    """The src and data folders of commit REF, into FOLDER."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", ref, "src", "data"],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")


def shown_then(folder: Path) -> dict[tuple[str, str], tuple[int | None, str | None]]:
    """Each goal's tier and certainty as the tool of the old commit printed them."""
    environment = {**os.environ, "PYTHONPATH": str(folder / "src"), "PEPTIDE_CLI_DATA": ""}
    command = [sys.executable, "-m", "peptide_cli", "--no-cache", "--data", str(folder / "data")]
    done = subprocess.run(
        [*command, "goals", "--json"],
        check=True,
        capture_output=True,
        env=environment,
        cwd=folder,
    )
    return {
        (goal["compound"], goal["id"]): (goal["tier"], goal.get("certainty"))
        for goal in json.loads(done.stdout)
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--from", dest="ref", required=True, help="the commit of the last release")
    parser.add_argument("--version", required=True, help="the new data version: 2026.12.06")
    parser.add_argument("--summary", required=True, help="what the release is, in a sentence")
    parser.add_argument("--date", default=date.today().isoformat(), help="its date (today)")
    arguments = parser.parse_args()

    from peptide_cli.catalog.history import changelog_path
    from peptide_cli.catalog.loading import load_catalog
    from peptide_cli.evidence.changes import compare

    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        extract(arguments.ref, folder)
        for schema in (folder / "data").glob("*.json"):
            schema.unlink()
        old = load_catalog(folder / "data")
        before = shown_then(folder)
    new = load_catalog(ROOT / "data")
    changes = compare(old, new, date.fromisoformat(arguments.date), before)
    release = {
        "version": arguments.version,
        "date": arguments.date,
        "summary": arguments.summary,
        "changes": [
            {name: value for name, value in vars_of(change).items() if value is not None}
            for change in changes
        ],
    }
    path = changelog_path(ROOT / "data")
    text = yaml.safe_dump([release], sort_keys=False, allow_unicode=True, width=96)
    for name in ("version", "date"):  # quoted, as the changelog's first release is
        value = getattr(arguments, name)
        text = text.replace(f"{name}: '{value}'\n", f"{name}: {value}\n", 1)
        text = text.replace(f"{name}: {value}\n", f'{name}: "{value}"\n', 1)
    with path.open("a", encoding="utf-8") as changelog:
        changelog.write("\n" + "".join("  " + line for line in text.splitlines(True)))
    print(f"{path}: release {arguments.version} with {len(changes)} changes")


def vars_of(change: object) -> dict[str, object]:
    return {name: getattr(change, name) for name in change.__dataclass_fields__}  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
