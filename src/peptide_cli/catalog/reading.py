"""Finding and reading the claims files of a catalog, within limits, and telling whether they
changed: the bytes every other part of the data layer starts from.

A claims file may be huge or not a file at all (a pipe, a device, a folder): every read here is
bounded (MAX_FILE_BYTES a file, MAX_CATALOG_BYTES a catalog) and every failure is a
CatalogError naming the file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from peptide_cli.errors import CatalogError

SUFFIXES = (".yaml", ".yml")
MAX_FILE_BYTES = 64 * 1024 * 1024
"""A claims file larger than this (64 MiB) is refused: by its size before it is read, or as
soon as more than this has been read from something that is not a regular file."""
MAX_CATALOG_BYTES = 1024 * 1024 * 1024
"""All the claims files of one catalog together may hold at most this (1 GiB)."""


def bundled_path() -> Path:
    """The folder of claims files shipped with the package: one file a compound, the tier
    scale and the MCIDs in `claims.yaml` with Cerebrolysin.

    An installed wheel carries it as `peptide_cli/data/`; a source checkout (an editable
    install) has it at the top of the repository, in `data/`.
    """
    package = Path(__file__).resolve().parents[1]  # peptide_cli/, as imported: not in a zip
    packaged = package / "data"
    return packaged if packaged.is_dir() else package.parents[1] / "data"


def failure(shown: str, message: str) -> CatalogError:
    """The error of one problem, MESSAGE, with the file SHOWN. (`problems` is imported only
    then: a catalog read without one needs none.)"""
    from peptide_cli.catalog.problems import Problem

    return CatalogError([Problem(shown, message)])


def read_all(files: list[tuple[Path, str]]) -> list[tuple[str, bytes]]:
    """The bytes of every file, each read once and within the limits. Raises CatalogError
    listing every file that cannot be read."""
    raw, problems = [], []
    total = sum(_regular_size(file_path) for file_path, _ in files)
    if total > MAX_CATALOG_BYTES and len(files) > 1:
        shown = str(Path(files[0][1]).parent)
        message = (
            f"holds {total / 2**20:.1f} MiB of claims files, over the "
            f"{MAX_CATALOG_BYTES // 2**20} MiB limit for a catalog"
        )
        raise failure(shown, message)
    total = 0
    for file_path, shown in files:
        try:
            content = _read_bytes(file_path, shown, MAX_CATALOG_BYTES - total)
        except CatalogError as error:
            problems += error.problems
            continue
        total += len(content)
        raw.append((shown, content))
    if problems:
        raise CatalogError(problems)
    return raw


def _regular_size(path: Path) -> int:
    """PATH's size if it is a regular file (0 for anything else, or one that cannot be read)."""
    try:
        info = path.stat()
    except (OSError, ValueError):
        return 0
    return info.st_size if stat.S_ISREG(info.st_mode) else 0


def _read_bytes(path: Path, shown: str, room: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of PATH, read in one pass and never more than the limits allow.

    A claims file is a regular file; anything else (a pipe, a device) is read the same way, by
    bytes actually read, and a FIFO with no writer reads as empty instead of waiting for one.
    ROOM is what the catalog's limit leaves for this file.
    """

    def fail(message: str) -> CatalogError:
        return failure(shown, message)

    limit = min(MAX_FILE_BYTES, room)
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise fail("claims file not found") from None
    except IsADirectoryError:
        raise fail("is a folder, not a claims file") from None
    except PermissionError:
        raise fail("cannot be read: permission denied") from None
    except (OSError, ValueError) as error:
        raise fail(f"cannot be read: {getattr(error, 'strerror', None) or error}") from None
    try:
        info = os.fstat(handle)
        if stat.S_ISDIR(info.st_mode):
            raise fail("is a folder, not a claims file")
        if hasattr(os, "set_blocking"):
            os.set_blocking(handle, True)
        if stat.S_ISREG(info.st_mode) and info.st_size > limit:
            raise fail(_too_large(info.st_size, limit))
        chunks, size = [], 0
        while True:
            chunk = os.read(handle, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise fail(_too_large(size, limit, at_least=True))
        return b"".join(chunks)
    except OSError as error:
        raise fail(f"cannot be read: {error.strerror or error}") from None
    finally:
        os.close(handle)


def read_regular(path: Path, limit: int) -> bytes | None:
    """The bytes of PATH if it is a regular file of at most LIMIT bytes, else None (it is
    missing, unreadable, a device, a FIFO or a folder, or larger). Used for the files the
    package ships beside the claims files, which are trusted only as far as they check out."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except (OSError, ValueError):
        return None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        with os.fdopen(handle, "rb", closefd=False) as file:
            data = file.read(limit + 1)
        return data if len(data) <= limit else None
    except OSError:
        return None
    finally:
        os.close(handle)


def _too_large(size: int, limit: int, *, at_least: bool = False) -> str:
    if limit < MAX_FILE_BYTES:
        return (
            f"would take the catalog over its {MAX_CATALOG_BYTES // 2**20} MiB limit "
            "for all its claims files together"
        )
    more = "more than " if at_least else ""
    return (
        f"is {more}{size / 2**20:.1f} MiB, over the {MAX_FILE_BYTES // 2**20} MiB limit "
        "for a claims file"
    )


SNAPSHOT = "retractions.yaml"
"""The bundled catalog's retraction snapshot, a claims file of notices (when it ships one)."""


def bundled_snapshot(path: Path) -> list[tuple[Path, str]]:
    """The bundled retraction snapshot, to read with the claims files PATH names: none when
    the package ships none, or when PATH already holds it."""
    snapshot = bundled_path() / SNAPSHOT
    if not snapshot.is_file():
        return []
    try:
        if path.resolve() in (snapshot.resolve(), snapshot.parent.resolve()):
            return []
    except OSError:
        return []
    return [(snapshot, str(snapshot))]


def claims_files(path: Path) -> list[tuple[Path, str]]:
    """The claims files PATH names: itself, or the .yaml and .yml files of a folder."""

    def fail(message: str) -> CatalogError:
        return failure(str(path), message)

    if not str(path):
        raise fail("is an empty path: name a claims file or a folder")
    try:
        if not path.is_dir():
            return [(path, str(path))]
        found = sorted(p for p in path.iterdir() if p.suffix in SUFFIXES and not p.is_dir())
    except PermissionError:
        raise fail("cannot be read: permission denied") from None
    except (OSError, ValueError) as error:
        raise fail(f"cannot be read: {getattr(error, 'strerror', None) or error}") from None
    if not found:
        raise fail("is a folder with no .yaml or .yml files in it")
    return [(p, str(p)) for p in found]


HISTORY = "history"
"""The folder of a catalog that holds its changelog (not a claims file: claims files are the
folder's own .yaml files, not its subfolders')."""
CHANGELOG = "changelog.yaml"
MAX_CHANGELOG_BYTES = 16 * 1024 * 1024


def changelog_path(folder: Path) -> Path:
    """Where the changelog of the catalog in FOLDER is (see `catalog.history`)."""
    return folder / HISTORY / CHANGELOG


def data_version(folder: Path) -> tuple[str, str] | None:
    """The version and date of the latest release of the catalog in FOLDER, read from its
    changelog's text without parsing the YAML (so `--version` stays as fast as it is): the
    last `version:` line and the `date:` line after it. None without a changelog."""
    import re

    raw = read_regular(changelog_path(folder), MAX_CHANGELOG_BYTES)
    found = re.findall(
        rb"^  - version: [\"']?([0-9.]+)[\"']?\n    date: [\"']?([0-9-]+)[\"']?$",
        raw or b"",
        flags=re.MULTILINE,
    )
    return (found[-1][0].decode(), found[-1][1].decode()) if found else None
