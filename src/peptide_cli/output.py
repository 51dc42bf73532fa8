"""Making stdout and stderr safe for any terminal encoding.

On a stream that cannot encode a character (an ASCII or Latin-1 locale, say), Greek letters and
signs fall back to ASCII spellings (TNF-a, IL-1b, +/-) instead of raising UnicodeEncodeError.
"""

from __future__ import annotations

import codecs
import sys

ERROR_HANDLER = "peptide-cli-fallback"

FALLBACKS = {
    # One character for one where ASCII has a usual spelling, so table columns stay aligned.
    "α": "a",
    "β": "b",
    "γ": "g",
    "κ": "k",
    "µ": "u",
    "·": "-",
    "•": "*",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "–": "-",
    "—": "-",
    "×": "x",
    "±": "+/-",
    "→": "->",
    "…": "...",
    "≤": "<=",
    "≥": ">=",
}


def _fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start : error.end]
    return "".join(FALLBACKS.get(char, "?") for char in text), error.end


codecs.register_error(ERROR_HANDLER, _fallback)


def safe_streams() -> None:
    """Give stdout and stderr the ASCII fallback when their encoding is not UTF-8."""
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None)
        if not encoding or not hasattr(stream, "reconfigure"):
            continue
        try:
            utf = codecs.lookup(encoding).name.startswith("utf")
        except LookupError:
            utf = False
        if not utf:
            stream.reconfigure(errors=ERROR_HANDLER)
