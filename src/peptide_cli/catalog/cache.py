"""A cache of validated catalogs in the user's cache folder, keyed by the claims files' content.

An entry holds the parts of a loaded catalog (see `loading._parts`), pickled one at a time, and
ends with its own checksum. It
is found by a hash of the tool's version and of every claims file's name and bytes, so a
changed file (even one with the same size and time stamp) is a miss. A damaged or unreadable
entry is treated as a miss and written again. Nothing is written beside the user's files, and a
cache folder that is missing and cannot be made, or cannot be written, simply means no cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from peptide_cli import __version__

if TYPE_CHECKING:
    from collections.abc import Iterable

CACHE_ENV = "PEPTIDE_CLI_CACHE_DIR"
FORMAT = b"peptide-cli-cache 3\n"  # changes whenever the layout of an entry changes
DIGEST = 32  # an entry ends with the SHA-256 of all that comes before it


def default_folder() -> Path:
    """$PEPTIDE_CLI_CACHE_DIR, else the platform's cache folder with a peptide-cli folder in it."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen:
        return Path(chosen)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "peptide-cli"


def key(files: Iterable[tuple[str, bytes]]) -> str:
    """The entry name for these claims files: a hash of the tool's version and their content.

    FILES may be a generator, so that no more than one file's bytes are held at a time.
    """
    digest = hashlib.sha256(FORMAT + __version__.encode())
    for name, content in files:
        digest.update(f"\0{name}\0{len(content)}\0".encode())
        digest.update(content)
    return digest.hexdigest()


def read(folder: Path, name: str) -> list[object] | None:
    """The entry NAME in FOLDER, or None when it is missing, damaged or unreadable."""
    try:
        data = memoryview((folder / name).read_bytes())
        body, trailer = data[:-DIGEST], data[-DIGEST:]
        if bytes(body[: len(FORMAT)]) != FORMAT or hashlib.sha256(body).digest() != trailer:
            return None
        parts, at = [], len(FORMAT)
        while at < len(body):
            size = int.from_bytes(body[at : at + 8], "little")
            parts.append(pickle.loads(body[at + 8 : at + 8 + size]))  # checksum verified
            at += 8 + size
        return parts
    except Exception:  # any damage at all means a miss: the catalog is built again
        return None


def write(folder: Path, name: str, parts: list[object]) -> None:
    """Store PARTS as entry NAME in FOLDER, if the folder can be made and written.

    Each part (a compound, say) is pickled on its own, so that neither writing nor reading an
    entry holds more than one part's worth of pickling bookkeeping at a time.
    """
    import tempfile

    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".tmp-", delete=False) as out:
            try:
                digest = hashlib.sha256(FORMAT)
                out.write(FORMAT)
                for part in parts:
                    blob = pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL)
                    for piece in (len(blob).to_bytes(8, "little"), blob):
                        out.write(piece)
                        digest.update(piece)
                out.write(digest.digest())
            except OSError:
                out.close()
                os.unlink(out.name)
                raise
        os.replace(out.name, folder / name)
    except OSError:
        return
