"""Problems found in a claims file, each tied to a file, a line, a column and a field path."""

from __future__ import annotations

from typing import Literal, NamedTuple

Location = tuple[int | str, ...]
Severity = Literal["error", "warning"]


TYPED = "\x00typed\x00"
"""Where a problem's message quotes a value as the file writes it (`yes`, where YAML reads
true): the reader of the file puts the text in (`yaml_reader.YamlDocument.problems`)."""


class Problem(NamedTuple):
    """One thing wrong with a claims file (an error) or worth a look (a warning)."""

    file: str
    message: str
    path: str = ""
    line: int | None = None
    column: int | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.column}"
        parts = [where]
        if self.path:
            parts.append(self.path)
        parts.append(f"warning: {self.message}" if self.severity == "warning" else self.message)
        return ": ".join(parts)

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "severity": self.severity,
            "message": self.message,
        }


def dotted(location: Location) -> str:
    """`('compounds', 0, 'goals', 4, 'tier')` as `compounds[0].goals[4].tier`."""
    text = ""
    for part in location:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text
