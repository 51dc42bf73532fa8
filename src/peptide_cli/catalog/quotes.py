"""The quote rule (#27): a figure that carries the sentence of its source must be found in it.

`figures` lists the numbers a record gives (a study's size; an outcome's or a harm's value,
interval, p-value and each group's figures), each with the field that holds it; `unquoted`
gives those whose number does not appear in the record's quote. Numbers are compared by value,
whatever their sign or how the quote writes them: 1,089 or 1 089 for 1089, 0.80 for 0.8,
.001 for 0.001, 5·23 for 5.23, −2.9 for -2.9.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from peptide_cli.catalog.models import Harm, Outcome, Study

Figure = tuple[tuple[str | int, ...], float]  # the field path within the record, and its value

_NUMBER = re.compile(r"\d+(?:[ \u00a0\u202f,]\d{3})*(?:[.·,]\d+)?|[.·]\d+")
_GROUPED = re.compile(r"[ \u00a0\u202f,](?=\d{3}(?!\d))")


def numbers_in(text: str) -> set[float]:
    """Every number TEXT writes, read every way it may be meant: a comma or a space between
    groups of three digits as a thousands separator and, for a comma, also as a decimal
    point; a middle dot as a decimal point."""
    found: set[float] = set()
    for match in _NUMBER.finditer(text):
        written = match.group().replace("·", ".")
        readings = {
            _GROUPED.sub("", written),
            written.replace(",", ".", 1) if written.count(",") == 1 else written,
            *re.split(r"[ \u00a0\u202f,]", written),
        }
        for reading in readings:
            try:
                found.add(float(reading.replace(",", "").replace(" ", "")))
            except ValueError:
                continue
    return found


def figures(record: Study | Outcome | Harm) -> list[Figure]:
    """The numbers RECORD gives, each with the field that holds it."""
    from peptide_cli.catalog.models import Harm, Outcome

    found: list[Figure] = []

    def add(path: tuple[str | int, ...], value: float | None) -> None:
        if value is not None:
            found.append((path, value))

    if isinstance(record, Outcome):
        add(("value",), record.value)
        for a, arm in enumerate(record.arms):
            add(("arms", a, "value"), arm.value)
            add(("arms", a, "events"), arm.events)
            add(("arms", a, "total"), arm.total)
    elif isinstance(record, Harm):
        add(("ratio",), record.ratio)
        for a, harm_arm in enumerate(record.arms):
            add(("arms", a, "count"), harm_arm.count)
            add(("arms", a, "total"), harm_arm.total)
            add(("arms", a, "percent"), harm_arm.percent)
            add(("arms", a, "rate"), harm_arm.rate)
    else:
        add(("n",), record.n)
        add(("n_max",), record.n_max)
        return found
    if record.ci is not None:
        add(("ci", "low"), record.ci.low)
        add(("ci", "high"), record.ci.high)
    if record.p is not None:
        add(("p", "value"), record.p.value)
    return found


def unquoted(record: Study | Outcome | Harm) -> Iterator[Figure]:
    """The figures of RECORD whose number its quote does not write (none without a quote)."""
    if record.quote is None:
        return
    written = numbers_in(record.quote)
    for path, value in figures(record):
        if not any(abs(abs(value) - number) <= 1e-9 * max(1.0, number) for number in written):
            yield path, value
