"""The verdict on a claims file: every problem, one a line, then a summary line; or as JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from peptide_cli.render.safe import clean

if TYPE_CHECKING:
    from peptide_cli.catalog.problems import Problem

SINGULAR = {"studies": "study", "entries": "entry"}


def plural(count: int, noun: str) -> str:
    """`1 compound`, `2 compounds`: NOUN is given in the plural."""
    if count == 1:
        noun = SINGULAR.get(noun, noun.removesuffix("s"))
    return f"{count} {noun}"


def text(source: object, problems: list[Problem], counts: dict[str, int] | None) -> str:
    """PROBLEMS, one a line, then `SOURCE: valid: COUNTS` (COUNTS given) or `SOURCE: invalid`."""
    warnings = [problem for problem in problems if problem.severity == "warning"]
    extra = f", {plural(len(warnings), 'warnings')}" if warnings else ""
    lines = [str(problem) for problem in problems]
    if counts is not None:
        listed = ", ".join(plural(count, name) for name, count in counts.items())
        lines.append(f"{source}: valid: {listed}{extra}")
    else:
        errors = len(problems) - len(warnings)
        lines.append(f"{source}: invalid: {plural(errors, 'errors')}{extra}")
    return "".join(clean(" ".join(line.splitlines())) + "\n" for line in lines)


def record(
    source: object, problems: list[Problem], counts: dict[str, int] | None
) -> dict[str, Any]:
    """The verdict as JSON: valid or not, the source, the counts, every problem."""
    return {
        "valid": counts is not None,
        "source": str(source),
        "counts": counts,
        "problems": [problem.as_dict() for problem in problems],
    }
