"""SHA-256 of small things (the bundled claims files, the models' shape) without hashlib.

Importing hashlib loads OpenSSL, which costs every run about 3 ms; CPython's own SHA-256 module
loads in a tenth of that. It is slower per byte than OpenSSL, which does not matter for a few
hundred kilobytes; the cache, which hashes whole large catalogs, keeps to hashlib.
"""

from __future__ import annotations

from typing import Any


def sha256(data: bytes = b"") -> Any:
    """A SHA-256 object over DATA, as hashlib.sha256(DATA) gives."""
    try:
        from _sha256 import sha256 as made  # type: ignore[import-not-found]  # CPython 3.11
    except ImportError:
        try:
            from _sha2 import sha256 as made  # type: ignore[import-not-found]  # CPython 3.12+
        except ImportError:
            from hashlib import sha256 as made
    return made(data)
