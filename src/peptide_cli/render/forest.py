"""One-line forest plots: an effect's confidence interval against its line of no effect."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from peptide_cli.render.figures import number
from peptide_cli.vocabulary import NO_EFFECT

if TYPE_CHECKING:
    from peptide_cli.catalog.models import Outcome


@dataclass(frozen=True)
class Glyphs:
    line: str
    low: str
    high: str
    point: str
    null: str
    right: str
    left: str


UNICODE = Glyphs("─", "├", "┤", "●", "│", "→", "←")
ASCII = Glyphs("-", "[", "]", "o", "|", "->", "<-")


def plot(outcome: Outcome, treatment: str, *, width: int = 31, glyphs: Glyphs = UNICODE) -> str:
    """The outcome's interval and estimate drawn on a line WIDTH characters wide, then a legend.

    The scale runs from the smaller to the larger of the interval's ends and the line of no
    effect. The legend names the line of no effect and the side that favours TREATMENT. Raises
    ValueError for an outcome with no interval or no line of no effect.
    """
    return f"{draw(outcome, width=width, glyphs=glyphs)}  {legend(outcome, treatment, glyphs)}"


def draw(outcome: Outcome, *, width: int = 31, glyphs: Glyphs = UNICODE) -> str:
    """The plot alone: interval, estimate and line of no effect on WIDTH characters."""
    ci, value = outcome.ci, outcome.value
    if ci is None or value is None or outcome.effect_type not in NO_EFFECT:
        raise ValueError(f"{outcome.measure}: nothing to plot")
    null = NO_EFFECT[outcome.effect_type]
    low, high = min(ci.low, null), max(ci.high, null)
    span = (high - low) or 1.0

    def at(x: float) -> int:
        return round((x - low) / span * (width - 1))

    cells = [" "] * width
    start, end = at(ci.low), at(ci.high)
    cells[start : end + 1] = glyphs.line * (end - start + 1)
    cells[start], cells[end] = glyphs.low, glyphs.high
    cells[at(null)] = glyphs.null
    cells[at(value)] = glyphs.point
    return "".join(cells)


def legend(outcome: Outcome, treatment: str, glyphs: Glyphs = UNICODE) -> str:
    """What the plot's line and sides mean for this outcome."""
    null = number(NO_EFFECT[outcome.effect_type])
    if outcome.better == "higher":
        side = f"{glyphs.right} favours {treatment}"
    elif outcome.better == "lower":
        side = f"{glyphs.left} favours {treatment}"
    else:
        side = "no side favoured"
    return f"{glyphs.null} no effect at {null}; {side}"


def plottable(outcome: Outcome) -> bool:
    return outcome.ci is not None and outcome.value is not None and outcome.effect_type in NO_EFFECT
