"""Untrusted text made harmless for people: a claims file may come from anyone.

Control characters (escape sequences that set a window title, clear the screen, write the
clipboard or make hyperlinks; a bare carriage return that splits a CSV row) are shown as their
visible Unicode pictures (ESC as ␛), bidirectional overrides as �, and a spreadsheet cell that
would run as a formula is kept as text. Newlines and tabs stay: each writer decides what they
mean in its format. JSON, JSONL and YAML keep the data exact: their encoders escape control
characters, and `escaped` writes the few they leave raw as escapes too.
"""

from __future__ import annotations

REPLACEMENT = "\ufffd"
_TABLE: dict[int, int | str] = {c: 0x2400 + c for c in range(0x20) if chr(c) not in "\t\n"}
_TABLE[0x7F] = 0x2421  # DEL
_TABLE.update({code: REPLACEMENT for code in range(0x80, 0xA0)})  # C1 controls, CSI among them
_TABLE.update({code: REPLACEMENT for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})
BIDI = frozenset(chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
_ESCAPED = {ord(char): f"\\u{ord(char):04x}" for char in BIDI}
_ESCAPED.update({code: f"\\u{code:04x}" for code in (0x7F, *range(0x80, 0xA0))})
FORMULA_STARTS = ("=", "+", "-", "@", "\t")
"""Text a spreadsheet reads as a formula when a cell starts with it (OWASP's list)."""


def clean(text: str) -> str:
    """TEXT with every control character shown as a visible picture instead of acting."""
    return text.translate(_TABLE)


def escaped(text: str) -> str:
    """JSON or YAML TEXT with the characters their encoders leave raw but a terminal would act
    on (C1 controls, bidirectional overrides) written as `\\uXXXX` escapes: the same data."""
    return text.translate(_ESCAPED)


def spreadsheet(text: str) -> str:
    """A text cell that a spreadsheet would run as a formula, kept as text by a leading `'`."""
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text
