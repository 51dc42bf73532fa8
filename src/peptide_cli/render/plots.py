"""Forest plots as geometry: where each interval, estimate and line of no effect falls.

The report's template draws these as inline SVG. Outcomes are grouped into one panel per effect
type and direction, since a mean difference, a Mann-Whitney effect and a hazard ratio cannot
share an axis, and the side that favours the compound must be one side for the whole panel;
ratios are drawn on a log axis, so that 0.5 and 2 lie the same distance from 1. Under the axis
each side says whom it favours, as Cochrane's plots do; a pooled result is a diamond; a result
with no interval to draw is listed, not left out in silence.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from peptide_cli.render.figures import EFFECT_LABELS, number, result
from peptide_cli.vocabulary import NO_EFFECT, RATIOS

if TYPE_CHECKING:
    from peptide_cli.evidence.certainty import Assessed

WIDTH = 660
LABEL_WIDTH = 250  # the outcome labels, left of the plot
PLOT_LEFT, PLOT_RIGHT = 270.0, 630.0
ROW_HEIGHT = 26
TOP = 30  # the panel's title above the first row
AXIS = 58  # the axis, its ticks, their labels and the sides' labels below the last row
RADIUS_MIN, RADIUS_MAX = 3.0, 8.0
PAD = 0.05  # of the span, either side, so no interval ends on the frame
LABEL_CHARS = 40


@dataclass(frozen=True)
class Row:
    """One outcome: its figures, their x positions, and a sentence for screen readers."""

    label: str
    value: float
    low: float
    high: float
    x_value: float
    x_low: float
    x_high: float
    y: float
    radius: float
    participants: int | None
    crosses: bool  # the interval includes the line of no effect
    description: str
    pooled: bool = False  # a synthesis's pooled result: drawn as a diamond

    @property
    def diamond(self) -> str:
        """The points of the diamond a pooled result is drawn as: its interval, its estimate."""
        top, bottom = self.y - self.radius, self.y + self.radius
        return (
            f"{self.x_low},{self.y} {self.x_value},{top} {self.x_high},{self.y} "
            f"{self.x_value},{bottom}"
        )

    @property
    def short_label(self) -> str:
        if len(self.label) <= LABEL_CHARS:
            return self.label
        return self.label[: LABEL_CHARS - 1].rstrip() + "…"


@dataclass(frozen=True)
class Tick:
    value: float
    x: float
    text: str


@dataclass(frozen=True)
class Panel:
    """One effect type's outcomes on one axis."""

    effect_type: str
    title: str
    log: bool
    low: float  # the axis's ends, in the effect's own units
    high: float
    null: float
    null_x: float
    rows: list[Row]
    ticks: list[Tick]
    width: int
    height: int
    left: float
    right: float
    axis_y: float
    description: str
    favours_left: str | None = None  # whom the side left of the line of no effect favours
    favours_right: str | None = None


def drawable(item: Assessed) -> bool:
    """Whether ITEM's result can be drawn: an estimate, an interval and a line of no effect."""
    outcome = item.outcome
    return outcome.value is not None and outcome.ci is not None and outcome.effect_type in NO_EFFECT


def panels(assessed: list[Assessed], compound: str = "the compound") -> list[Panel]:
    """The forest-plot panels for a goal's outcomes: those `drawable`, one panel per effect
    type and direction (`better`), in the order they first appear; each side of the line of
    no effect names whom it favours, COMPOUND or its comparator."""
    plottable = [item for item in assessed if drawable(item)]
    sizes = [n for n in (item.study.size[0] for item in plottable) if n]
    largest = max(sizes, default=0)
    groups: dict[tuple[str, str | None], list[Assessed]] = {}
    for item in plottable:
        groups.setdefault((item.outcome.effect_type, item.outcome.better), []).append(item)
    return [
        _panel(effect, items, largest, _sides(better, items, compound))
        for (effect, better), items in groups.items()
    ]


def not_drawn(assessed: list[Assessed]) -> list[str]:
    """Every result of a goal that no forest plot shows, each with why, so that none is left
    out in silence: the figures as given, and what is missing to draw them."""
    found = []
    for item in assessed:
        if drawable(item):
            continue
        outcome = item.outcome
        if outcome.value is None and outcome.ci is None:
            why = "no estimate with an interval is reported"
        elif outcome.ci is None:
            why = "no confidence interval is reported"
        else:
            why = "its effect has no line of no effect to draw against"
        shown = result(outcome)
        found.append(
            f"{item.study.label}: {outcome.measure}"
            + (f" ({shown})" if shown else "")
            + f": {why}."
        )
    return found


def _sides(
    better: str | None, items: list[Assessed], compound: str
) -> tuple[str | None, str | None]:
    """Whom each side of the line of no effect favours: with `better` higher, the right side
    favours COMPOUND; with lower, the left; unknown, neither is named. The other side favours
    the comparator: placebo where every study is against placebo, else control."""
    if better is None:
        return None, None
    comparators = {(item.study.comparator or "").casefold() for item in items}
    other = "placebo" if comparators == {"placebo"} else "control"
    ours, theirs = f"favours {compound}", f"favours {other}"
    return (theirs, ours) if better == "higher" else (ours, theirs)


def _panel(
    effect: str,
    items: list[Assessed],
    largest: int,
    sides: tuple[str | None, str | None] = (None, None),
) -> Panel:
    null = NO_EFFECT[effect]
    figures: list[tuple[float, float, float, float]] = []  # value, low, high, level
    for item in items:
        value, ci = item.outcome.value, item.outcome.ci
        assert value is not None and ci is not None  # panels() keeps only such outcomes
        figures.append((value, ci.low, ci.high, ci.level))
    log = effect in RATIOS and all(figure[1] > 0 for figure in figures)
    scale = math.log10 if log else float
    lows = [scale(figure[1]) for figure in figures] + [scale(null)]
    highs = [scale(figure[2]) for figure in figures] + [scale(null)]
    start, end = min(lows), max(highs)
    pad = ((end - start) or 1.0) * PAD
    start, end = start - pad, end + pad

    def x(value: float) -> float:
        return round(
            PLOT_LEFT + (scale(value) - start) / (end - start) * (PLOT_RIGHT - PLOT_LEFT), 2
        )

    title = EFFECT_LABELS.get(effect, effect).capitalize() + (" (log scale)" if log else "")
    rows = []
    for index, (item, (value, low, high, level)) in enumerate(zip(items, figures, strict=True)):
        n = item.study.size[0]
        radius = RADIUS_MIN
        if n and largest:
            radius = RADIUS_MIN + (RADIUS_MAX - RADIUS_MIN) * math.sqrt(n / largest)
        crosses = low <= null <= high
        label = f"{item.study.label}: {item.outcome.measure}"
        decimals = item.outcome.decimals
        description = (
            f"{label}: {number(value, decimals)} ({number(level * 100)}% CI "
            f"{number(low, decimals)} to "
            f"{number(high, decimals)}"
            + (f", {n} participants" if n else "")
            + "); the interval "
            + ("crosses" if crosses else "does not cross")
            + f" the line of no effect at {number(null)}."
        )
        rows.append(
            Row(
                label=label,
                value=value,
                low=low,
                high=high,
                x_value=x(value),
                x_low=x(low),
                x_high=x(high),
                y=TOP + ROW_HEIGHT * index + ROW_HEIGHT / 2,
                radius=round(radius, 2),
                participants=n,
                crosses=crosses,
                description=description,
                pooled=item.study.shown_design == "meta-analysis",
            )
        )
    axis_y = TOP + ROW_HEIGHT * len(rows) + 6
    low_end = 10**start if log else start
    high_end = 10**end if log else end
    ticks = [Tick(value, x(value), number(value)) for value in _ticks(low_end, high_end, log)]
    crossing = sum(row.crosses for row in rows)
    left, right = sides
    where = f" Left of it {left}; right of it {right}." if left and right else ""
    description = (
        f"{title}: {len(rows)} outcome{'s' if len(rows) != 1 else ''}, line of no effect at "
        f"{number(null)}; {crossing} of {len(rows)} "
        f"{'interval crosses' if crossing == 1 else 'intervals cross'} it.{where} "
        + " ".join(row.description for row in rows)
    )
    return Panel(
        effect_type=effect,
        title=title,
        log=log,
        low=low_end,
        high=high_end,
        null=null,
        null_x=x(null),
        rows=rows,
        ticks=ticks,
        width=WIDTH,
        height=int(axis_y + AXIS),
        left=PLOT_LEFT,
        right=PLOT_RIGHT,
        axis_y=axis_y,
        description=description,
        favours_left=left,
        favours_right=right,
    )


def _ticks(low: float, high: float, log: bool) -> list[float]:
    """Round values within LOW to HIGH for the axis: steps of 1, 2 or 5 times a power of ten
    (on a log axis: 0.1, 0.2, 0.5, 1, 2, 5 ...)."""
    if log:
        found = [
            mantissa * 10.0**power
            for power in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1)
            for mantissa in (1, 2, 5)
        ]
        inside = [value for value in found if low <= value <= high]
        return inside if len(inside) <= 7 else [v for v in inside if math.log10(v).is_integer()]
    rough = (high - low) / 4
    power = 10 ** math.floor(math.log10(rough))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= rough)
    first = math.ceil(low / step)
    return [round(k * step, 10) for k in range(first, math.floor(high / step) + 1)]
