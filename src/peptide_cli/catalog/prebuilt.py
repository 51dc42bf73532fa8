"""The bundled catalog, checked once when the package is built instead of on every first run.

Building the wheel (see `hatch_build.py` and `loading.prebuild`) reads and validates the
bundled claims files as any run would, and writes the checked catalog beside them as PREBUILT:
a pickle of the catalog, the fingerprint of the models and the version of the tool it was made
by, and the SHA-256 of every claims file it was made from, led by MAGIC and the SHA-256 of that
pickle. A run over the bundled catalog uses it only when every one of those still holds: a
snapshot that is not a regular file, is larger than MAX_BYTES, was damaged (its SHA-256 differs),
or was left by another version or made from other claims files is never used, and the files are
read and checked as usual instead.

The snapshot ships inside the package, so it is trusted as the package's code is; it is read
back all the same only as records (see `models.loads`)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from peptide_cli import __version__

if TYPE_CHECKING:
    from peptide_cli.catalog.models import Catalog

PREBUILT = "catalog.prebuilt"
"""The snapshot's file name in the bundled data folder (not a claims file: not .yaml)."""

MAGIC = b"peptide-cli catalog snapshot 2\n"
DIGEST = 32  # bytes of the SHA-256 of the pickle that follows MAGIC and the digest
MAX_BYTES = 64 * 2**20  # the bundled catalog's snapshot is well under 1 MiB


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
    pickled = models.dumps(made)
    return MAGIC + hashlib.sha256(pickled).digest() + pickled


def read(folder: Path, raw: list[tuple[str, bytes]], fingerprint: str) -> Catalog | None:
    """The checked catalog of FOLDER from its snapshot, if there is one, it is whole, and it was
    made by this version and models of FINGERPRINT from exactly these files (RAW: each file's
    shown name and bytes); else None."""
    from peptide_cli.catalog import models
    from peptide_cli.catalog.reading import read_regular

    data = read_regular(folder / PREBUILT, MAX_BYTES)
    if data is None or not data.startswith(MAGIC):
        return None
    start = len(MAGIC) + DIGEST
    if hashlib.sha256(data[start:]).digest() != data[len(MAGIC) : start]:
        return None  # damaged: the files are read and checked instead
    try:
        made: dict[str, Any] = models.loads(data, start)
    except Exception:  # not one of ours after all: the files are read and checked instead
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
    return [(Path(shown).name, hashlib.sha256(content).hexdigest()) for shown, content in raw]
