"""A cache of validated catalogs in the user's cache folder, keyed by the claims files' content.

An entry is a pickle read back only as the record classes of `models` (every other class or
function is refused, so nothing in an entry can run code), signed with an HMAC whose secret is
kept in the folder, readable by its owner alone. An entry is used only when its signature holds,
and it records the key it was written for and the fingerprint of the models it was written by: an
entry planted or edited by anyone without the secret, copied under another name, or written by
another shape of the models is a miss, and is written again.

The folder is used only when it belongs to the user and no one else may write to it; a folder
that is missing and cannot be made, or cannot be written, simply means no cache. Entries are
bounded in all (MAX_BYTES, least recently used first out), temporary files are written with
signals held back and removed on any error, and nothing is ever written beside the user's files.
"""

from __future__ import annotations

import os
import stat
import sys
import time
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple, overload

from peptide_cli import __version__
from peptide_cli.catalog.problems import Problem
from peptide_cli.catalog.reading import read_regular
from peptide_cli.errors import CatalogError

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

CACHE_ENV = "PEPTIDE_CLI_CACHE_DIR"
FORMAT = b"peptide-cli-cache 6\n"  # changes whenever the layout of an entry changes
SECRET = "secret"  # the file holding the folder's signing key
SIGNATURE = 64  # the hex HMAC-SHA256 of the head's length and the head
LENGTH = 8  # the head's length in bytes, little-endian, after the signature's line
TEMPORARY = ".tmp-"
FILE_PREFIX = "file-"  # an entry holding one claims file of a folder (see `file_key`)
MAX_BYTES = 2 * 1024**3
"""The most all entries together may take (2 GiB); the least recently used go first."""
STALE_SECONDS = 600  # a temporary file this old was left by a process that was killed
WRITTEN = "written"  # the size of each entry written since the folder was last measured
MEASURE_AFTER = 256  # entries written before the folder is measured again, whatever their size
CHANGED = (
    "this cache entry changed while it was being read (it was checked when the run began); "
    "run the command again, or empty the cache"
)


def default_folder() -> Path | None:
    """$PEPTIDE_CLI_CACHE_DIR, else the platform's cache folder with a peptide-cli folder in it.

    None when there is no sound place: no home folder to be found. A relative path in an XDG
    variable is ignored, as the XDG spec asks (so nothing is written beside a claims file); a
    relative $PEPTIDE_CLI_CACHE_DIR raises UsageProblem, since `cache clear` would otherwise
    empty a folder the user did not name.
    """
    own = os.environ.get(CACHE_ENV)
    if own:
        if not os.path.isabs(own):
            from peptide_cli.errors import UsageProblem

            raise UsageProblem(f"{CACHE_ENV} must be an absolute path, not {own!r}")
        return Path(own)
    home = _home()
    if sys.platform == "win32":
        base = _absolute(os.environ.get("LOCALAPPDATA"))
        base = base or (home / "AppData" / "Local" if home else None)
    elif sys.platform == "darwin":
        base = home / "Library" / "Caches" if home else None
    else:
        base = _absolute(os.environ.get("XDG_CACHE_HOME")) or (home / ".cache" if home else None)
    return None if base is None else base / "peptide-cli"


def _absolute(value: str | None) -> Path | None:
    return Path(value) if value and os.path.isabs(value) else None


def _home() -> Path | None:
    try:
        home = Path.home()
    except (RuntimeError, KeyError, OSError):  # no HOME, and a uid the password file lacks
        return None
    return home if home.is_absolute() and str(home) != "/" else None


def key(files: Iterable[tuple[str, bytes]], fingerprint: str) -> str:
    """The entry name for these claims files: a hash of the tool's version, the models'
    FINGERPRINT, and every file's name and bytes."""
    import hashlib

    digest = hashlib.sha256(FORMAT + __version__.encode() + b"\0" + fingerprint.encode())
    for name, content in files:
        encoded = os.fsencode(name)
        digest.update(b"\0%d\0%s\0%d\0" % (len(encoded), encoded, len(content)))
        digest.update(content)
    return digest.hexdigest()


def catalog_key(hashes: Iterable[tuple[str, str]], fingerprint: str) -> str:
    """The entry name for a catalog of claims files, given as (name, SHA-256 in hex) each: a
    hash of the tool's version, the models' FINGERPRINT and every file's name and digest, so
    that the files' bytes are hashed once for both the key and the catalog's record of them."""
    return key([(name, sha256.encode()) for name, sha256 in hashes], fingerprint)


def file_key(sha256: str, fingerprint: str) -> str:
    """The entry name for one claims file of a folder, checked on its own: a hash of the tool's
    version, the models' FINGERPRINT and the SHA-256 of the file's bytes (hex; not its name,
    which nothing checked in it depends on). Never the name of a catalog's entry."""
    return FILE_PREFIX + key([("", sha256.encode())], "file:" + fingerprint)


class Folder(NamedTuple):
    """What `cache info` shows: where the cache is, whether it is used, what it holds."""

    path: Path | None
    usable: bool
    reason: str  # why it is not used, or ""
    entries: int
    size: int
    limit: int = MAX_BYTES


def usable(folder: Path, *, create: bool = False) -> str:
    """ "" when FOLDER may hold the cache (made first with CREATE), else why it may not."""
    try:
        if create:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        info = folder.stat()
    except FileNotFoundError:
        return "it does not exist yet"
    except OSError as error:
        return f"it cannot be used: {error.strerror or error}"
    if not stat.S_ISDIR(info.st_mode):
        return "it is not a folder"
    if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
        return "it belongs to another user"
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return "others may write to it"
    return ""


def describe(folder: Path | None) -> Folder:
    if folder is None:
        return Folder(None, False, "no cache folder: no home folder, or a relative path", 0, 0)
    reason = usable(folder)
    entries = list(_entries(folder)) if not reason else []
    return Folder(folder, not reason, reason, len(entries), sum(size for _, size, _ in entries))


def clear(folder: Path | None) -> int:
    """Remove every entry and temporary file of FOLDER, and the note of what was written;
    how many entries went."""
    if folder is None or usable(folder):
        return 0
    removed = 0
    for path in list(folder.iterdir()):
        if _is_entry(path.name) or path.name.startswith(TEMPORARY) or path.name == WRITTEN:
            try:
                path.unlink()
            except OSError:
                continue
            removed += _is_entry(path.name)
    return removed


class Hit(NamedTuple):
    """What an entry held: its value, and its sections, each read only when asked for."""

    value: Any
    sections: Sections


def read(folder: Path, name: str, fingerprint: str, load: Any) -> Hit | None:
    """The entry NAME in FOLDER, its head rebuilt by LOAD (from bytes) and its sections ready to
    be; None when it is missing, damaged, unsigned, for another key or fingerprint, or the
    folder is not sound.

    An entry is its head (the value, and each section's length and SHA-256), signed, then its
    sections. Every section is checked against the head here, a megabyte at a time, so that a
    damaged entry is a miss; none is kept in memory until it is used (see Sections).
    """
    if usable(folder):
        return None
    import hashlib
    import hmac

    try:
        secret = read_regular(folder / SECRET, SECRET_LIMIT)
        if secret is None:  # missing, damaged, or not a regular file
            return None
        path = folder / name
        handle = open(path, "rb", opener=_regular)  # noqa: SIM115 - Sections closes it
    except OSError:
        return None
    try:
        size = os.fstat(handle.fileno()).st_size
        lead = handle.read(len(FORMAT) + SIGNATURE + 1 + LENGTH)
        signature, length = lead[len(FORMAT) : -LENGTH - 1], lead[-LENGTH:]
        if lead[: len(FORMAT)] != FORMAT or lead[-LENGTH - 1 : -LENGTH] != b"\n":
            raise ValueError("not an entry")
        head_size = int.from_bytes(length, "little")
        if size > MAX_BYTES or head_size > size:
            raise ValueError("larger than an entry can be")
        head = handle.read(head_size)
        expected = hmac.new(secret, length + head, hashlib.sha256).hexdigest().encode()
        if not hmac.compare_digest(expected, signature):
            raise ValueError("not signed with this folder's secret")
        entry = load(head)
        if entry.get("key") != name or entry.get("fingerprint") != fingerprint:
            raise ValueError("written for another key or other models")
        spans, offset = [], handle.tell()
        for span_size, digest in entry["sections"]:
            spans.append((offset, span_size, digest))
            offset += span_size
        if offset != size:
            raise ValueError("not the size its head gives")
        sections = Sections(handle, spans, load)
        if not all(sections.intact(index) for index in range(len(spans))):
            raise ValueError("a section is damaged")
        os.utime(path)  # recently used: kept longest
        return Hit(entry.get("value"), sections)
    except Exception:  # any damage at all means a miss: the catalog is built again
        handle.close()
        return None


class Sections(Sequence[Any]):
    """The sections of an entry as a sequence: each is read from the entry's open file, checked
    against its SHA-256 and rebuilt when it is asked for, and kept only while something still
    holds it (items must be weakly referable). So a command that goes through a catalog one
    compound at a time never holds more than one, and one that keeps them all gets the same
    object each time it asks."""

    def __init__(self, handle: BinaryIO, spans: list[tuple[int, int, bytes]], load: Any) -> None:
        self._handle = handle
        self._spans = spans
        self._load = load
        self._held: weakref.WeakValueDictionary[int, Any] = weakref.WeakValueDictionary()
        weakref.finalize(self, handle.close)  # the entry's file is open as long as this is

    def __len__(self) -> int:
        return len(self._spans)

    @overload
    def __getitem__(self, index: int) -> Any: ...
    @overload
    def __getitem__(self, index: slice) -> list[Any]: ...
    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("section index out of range")
        item = self._held.get(index)
        if item is None:
            import hashlib

            data = self._bytes(index)
            if hashlib.sha256(data).digest() != self._spans[index][2]:
                raise CatalogError([Problem(self._handle.name, CHANGED)])
            item = self._load(data)
            self._held[index] = item
        return item

    def __iter__(self) -> Iterator[Any]:
        for index in range(len(self)):
            yield self[index]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Sections({len(self)} in {self._handle.name})"

    def intact(self, index: int) -> bool:
        """Whether section INDEX has the SHA-256 its entry's head gives, read a megabyte at a
        time."""
        import hashlib

        offset, size, digest = self._spans[index]
        self._handle.seek(offset)
        found = hashlib.sha256()
        while size > 0:
            chunk = self._handle.read(min(size, 1 << 20))
            if not chunk:
                return False
            found.update(chunk)
            size -= len(chunk)
        return found.digest() == digest

    def _bytes(self, index: int) -> bytes:
        offset, size, _ = self._spans[index]
        self._handle.seek(offset)
        return self._handle.read(size)


def write(
    folder: Path,
    name: str,
    fingerprint: str,
    value: Any,
    dump: Any,
    sections: Iterable[Any] = (),
) -> None:
    """Store VALUE and SECTIONS (each as bytes by DUMP) as entry NAME in FOLDER, if the folder is
    sound and can be written; then keep the folder under MAX_BYTES."""
    if usable(folder, create=True):
        return
    import hashlib
    import hmac
    import signal

    held = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP} if hasattr(signal, "SIGHUP") else set()
    blocking = hasattr(signal, "pthread_sigmask")
    if blocking:  # no signal between making the temporary file and renaming or removing it
        signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        parts = [dump(section) for section in sections]
        spans = [(len(part), hashlib.sha256(part).digest()) for part in parts]
        entry = {"key": name, "fingerprint": fingerprint, "value": value, "sections": spans}
        head = dump(entry)
        length = len(head).to_bytes(LENGTH, "little")
        if len(head) + sum(size for size, _ in spans) > MAX_BYTES:
            return
        secret = _secret(folder)
        signature = hmac.new(secret, length + head, hashlib.sha256).hexdigest().encode()
        handle, temporary = _temporary(folder)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(FORMAT + signature + b"\n" + length)
                out.write(head)
                for part in parts:
                    out.write(part)
                written = out.tell()
            os.replace(temporary, folder / name)
        except BaseException:
            os.unlink(temporary)
            raise
        if _due(folder, written):
            _evict(folder, keep=name)
    except (OSError, ValueError, TypeError):
        return
    finally:
        if blocking:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, held)


def _temporary(folder: Path) -> tuple[int, Path]:
    """A new file in FOLDER for its owner alone, open for writing, and its path (as
    tempfile.mkstemp makes one, without importing tempfile and what it imports)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    flags |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)  # as mkstemp's
    while True:
        path = folder / f"{TEMPORARY}{os.urandom(8).hex()}"
        try:
            return os.open(path, flags, 0o600), path
        except FileExistsError:
            continue


def _secret(folder: Path) -> bytes:
    """The folder's signing key, made on first use and readable by its owner alone."""
    path = folder / SECRET
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        secret = read_regular(path, SECRET_LIMIT)
        if secret is None or len(secret) < 32:
            raise OSError("the cache's secret is damaged") from None
        return secret
    secret = os.urandom(32)
    with os.fdopen(handle, "wb") as out:
        out.write(secret)
    return secret


SECRET_LIMIT = 64  # bytes the secret may have (32 are written): a larger one is damaged
WRITTEN_LIMIT = 64 * 1024  # bytes the note of sizes written may have (a line an entry)


def _open_regular(path: Path, flags: int) -> int:
    """A descriptor of PATH, which must be a regular file and not a symbolic link. Opened
    without blocking, so a FIFO planted in the folder cannot hang a run (it is refused, as a
    device is); raises OSError for anything but a regular file."""
    import stat

    nonblocking = getattr(os, "O_NONBLOCK", 0)  # not on Windows, which has no FIFOs to open
    flags |= nonblocking | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    handle = os.open(path, flags, 0o600)
    if not stat.S_ISREG(os.fstat(handle).st_mode):
        os.close(handle)
        raise OSError(f"{path.name} in the cache folder is not a regular file")
    if nonblocking:
        os.set_blocking(handle, True)
    return handle


def _regular(name: str, flags: int) -> int:
    """`_open_regular` as an opener for `open`, so the file object keeps its path as name."""
    return _open_regular(Path(name), flags)


def _is_entry(name: str) -> bool:
    name = name.removeprefix(FILE_PREFIX)
    return len(name) == 64 and not name.strip("0123456789abcdef")


def _entries(folder: Path) -> Iterator[tuple[Path, int, float]]:
    """Each entry of FOLDER with its size and when it was last used."""
    try:
        paths = list(folder.iterdir())
    except OSError:
        return
    for path in paths:
        if _is_entry(path.name):
            try:
                info = path.stat()
            except OSError:
                continue
            yield path, info.st_size, info.st_mtime


def _due(folder: Path, size: int) -> bool:
    """Note in FOLDER that an entry of SIZE bytes was written; whether the folder is due to be
    measured and trimmed (`_evict`): once a sixteenth of MAX_BYTES, or MEASURE_AFTER entries,
    have been written since it last was. So a write does not look at every entry of a large
    cache, and the entries never take more than MAX_BYTES by more than a sixteenth of it and
    one entry."""
    path = folder / WRITTEN
    handle = _open_regular(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    try:
        os.write(handle, b"%d\n" % size)  # appended whole, even beside another process
    finally:
        os.close(handle)
    raw = read_regular(path, WRITTEN_LIMIT)
    if raw is None:  # not a regular file, or larger than a note grows: measure now
        return True
    try:
        sizes = [int(line) for line in raw.split()]
    except ValueError:  # damaged: measure now, which begins the note afresh
        return True
    return len(sizes) >= MEASURE_AFTER or sum(sizes) > MAX_BYTES // 16


def _evict(folder: Path, keep: str) -> None:
    """Remove the least recently used entries until all fit in MAX_BYTES, and temporary files
    that a killed process left behind; then begin the note of what was written afresh."""
    (folder / WRITTEN).unlink(missing_ok=True)
    now = time.time()
    for path in folder.glob(TEMPORARY + "*"):
        try:
            if now - path.stat().st_mtime > STALE_SECONDS:
                path.unlink()
        except OSError:
            continue
    entries = sorted(_entries(folder), key=lambda entry: entry[2], reverse=True)
    total = 0
    for path, size, _ in entries:
        total += size
        if total > MAX_BYTES and path.name != keep:
            try:
                path.unlink()
            except OSError:
                continue
