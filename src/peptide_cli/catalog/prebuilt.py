"""The bundled catalog, checked once when the package is built instead of on every first run.

Building the wheel (see `hatch_build.py` and `loading.prebuild`) reads and validates the
bundled claims files as any run would, and writes the checked catalog beside them as PREBUILT:
a pickle of the catalog, the fingerprint of the models and the version of the tool it was made
by, and the SHA-256 of every claims file it was made from. A run over the bundled catalog uses
it only when every one of those still holds, so an installed claims file that was edited, added
or removed, or a snapshot left by another version, is never used: the files are then read and
checked as usual.

The snapshot ships inside the package, so it is trusted as the package's code is; it is read
back all the same only as records (see `models.loads`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from peptide_cli import __version__

if TYPE_CHECKING:
    from peptide_cli.catalog.models import Catalog

PREBUILT = "catalog.prebuilt"
"""The snapshot's file name in the bundled data folder (not a claims file: not .yaml)."""


def snapshot(catalog: Catalog, raw: list[tuple[str, bytes]], fingerprint: str) -> bytes:
    """The snapshot of CATALOG, checked and without warnings, made from RAW (each claims file's
    shown name and bytes) by models of FINGERPRINT."""
    from dataclasses import replace

    from peptide_cli.catalog import models

    # the files by name alone: the folder is wherever the package is installed
    named = [replace(source, file=Path(source.file).name) for source in catalog.files]
    made = {
        "version": __version__,
        "fingerprint": fingerprint,
        "files": _hashes(raw),
        "catalog": replace(catalog, files=named),
    }
    return models.dumps(made)


def read(folder: Path, raw: list[tuple[str, bytes]], fingerprint: str) -> Catalog | None:
    """The checked catalog of FOLDER from its snapshot, if there is one and it was made by this
    version and models of FINGERPRINT from exactly these files (RAW: each file's shown name and
    bytes); else None."""
    from peptide_cli.catalog import models

    try:
        data = (folder / PREBUILT).read_bytes()
    except OSError:
        return None
    try:
        made: dict[str, Any] = models.loads(data)
    except Exception:  # damaged: the files are read and checked instead
        return None
    if (
        made.get("version") != __version__
        or made.get("fingerprint") != fingerprint
        or made.get("files") != _hashes(raw)
    ):
        return None
    catalog: Catalog = made["catalog"]
    shown = {Path(name).name: name for name, _ in raw}
    for source in catalog.files:  # named as this run names them, as a fresh load would
        source.file = shown[source.file]
    return catalog


def _hashes(raw: list[tuple[str, bytes]]) -> list[tuple[str, str]]:
    """Each claims file's name, without its folder, and the SHA-256 of its bytes."""
    from peptide_cli.catalog.digest import sha256

    return [(Path(shown).name, sha256(content).hexdigest()) for shown, content in raw]
