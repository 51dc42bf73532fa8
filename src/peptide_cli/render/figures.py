"""Plain-text forms of the figures: tiers, sample sizes, effects, intervals, p-values.

Shared by every human-readable output (tables, text, the JSON strings such as `tier_range`);
nothing here knows about terminals or colour.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from peptide_cli.catalog.models import (
        Arm,
        ConfidenceInterval,
        Harm,
        HarmArm,
        Outcome,
        Publication,
        PublishedFigure,
        PValue,
        SourceNote,
        Study,
        Timepoint,
    )

DESIGN_LABELS = {
    "meta-analysis": "meta-analysis",
    "rct": "RCT",
    "crossover-rct": "crossover RCT",
    "observational": "observational",
    "before-after": "uncontrolled before/after study",
    "case-series": "case series",
    "animal": "animal study",
    "cost-effectiveness": "cost-effectiveness analysis",
    "review": "review",
    "endogenous-level": "study of the body's own level",
}

DESIGN_PLURALS = {
    "meta-analysis": "meta-analyses",
    "rct": "RCTs",
    "crossover-rct": "crossover RCTs",
    "observational": "observational studies",
    "before-after": "uncontrolled before/after studies",
    "case-series": "case series",
    "animal": "animal studies",
    "cost-effectiveness": "cost-effectiveness analyses",
    "review": "reviews",
    "endogenous-level": "studies of the body's own level",
}

EFFECT_LABELS = {
    "mean-difference": "mean difference",
    "smd": "SMD",
    "log-odds-ratio": "log odds ratio",
    "odds-ratio": "odds ratio",
    "risk-ratio": "risk ratio",
    "hazard-ratio": "hazard ratio",
    "percent-change": "% change per arm",
    "percentage-points": "difference (points)",
    "mann-whitney": "Mann-Whitney",
    "nnt": "NNT",
    "responder-rate": "responder rate",
    "before-after": "before/after",
    "probability": "probability",
    "effect-size": "effect size",
    "qualitative": "qualitative",
}


def count(how_many: int, design: str) -> str:
    """`1 RCT`, `2 meta-analyses`, `1 observational`: a number of studies of one design."""
    if how_many == 1:
        return f"1 {DESIGN_LABELS[design]}"
    return f"{how_many} {DESIGN_PLURALS[design]}"


def number(value: float, decimals: int | None = None) -> str:
    """A figure as it was reported: with DECIMALS where given (1.10), else without trailing
    zeros (1.1799, 0.0001, 1290)."""
    if decimals is not None:
        return format(value, f".{decimals}f")
    shown = format(value, "g")
    if "e" in shown:  # 1e-05, 1.2e+06: written out, as a reader expects (0.00001, 1200000)
        shown = format(value, ".15f").rstrip("0").rstrip(".")
    return shown


def span(low: float, high: float | None) -> str:
    """`5` or `2-3`: a single figure or a range."""
    if high is None or high == low:
        return number(low)
    return f"{number(low)}-{number(high)}"


def sample_size(study: Study) -> str:
    """The study's size, as its publication reports it where the document differs."""
    n, n_max = study.size
    return "" if n is None else span(n, n_max)


def design(study: Study) -> str:
    """`RCT`, or `RCT (secondary analysis)`: the publication's design where it differs."""
    label = DESIGN_LABELS[study.shown_design]
    return f"{label} ({study.analysis.replace('-', ' ')} analysis)" if study.analysis else label


def p_value(p: PValue | None) -> str:
    if p is None:
        return ""
    return f"{'' if p.relation == '=' else p.relation}{number(p.value, p.decimals)}"


def interval(ci: ConfidenceInterval | None, decimals: int | None = None) -> str:
    if ci is None:
        return ""
    low, high = number(ci.low, decimals), number(ci.high, decimals)
    return f"{low} to {high} ({number(ci.level * 100)}%)"


def timepoint(point: Timepoint | None) -> str:
    if point is None:
        return ""
    if point.value is None:
        return point.label or ""
    if point.unit == "day" and point.value_max is None:
        return f"day {number(point.value)}"
    plural = "" if point.value == 1 and point.value_max is None else "s"
    return f"{span(point.value, point.value_max)} {point.unit}{plural}"


def with_unit(value: float, unit: str | None, decimals: int | None = None) -> str:
    if unit is None:
        return number(value, decimals)
    return f"{number(value, decimals)}{'' if unit == '%' else ' '}{unit}"


def result(outcome: Outcome) -> str:
    """The outcome's main figure, or the finding of a study that gave none."""
    if outcome.value is not None:
        relation = "" if outcome.value_relation == "=" else outcome.value_relation
        return relation + with_unit(outcome.value, outcome.unit, outcome.decimals)
    if outcome.arms and any(
        arm.value is not None or arm.before or arm.events is not None for arm in outcome.arms
    ):
        return "; ".join(arm_result(arm, outcome.unit, outcome.decimals) for arm in outcome.arms)
    return outcome.finding or ""


def arm_result(arm: Arm, unit: str | None, decimals: int | None = None) -> str:
    parts = [arm.group]
    if arm.value is not None:
        parts.append(with_unit(arm.value, unit, decimals))
    if arm.events is not None and arm.total is not None:
        parts.append(f"{arm.events}/{arm.total}")
    if arm.before is not None and arm.after is not None:
        parts.append(
            f"{number(arm.before.mean)}±{number(arm.before.sd)}"
            f" → {number(arm.after.mean)}±{number(arm.after.sd)}"
        )
    if arm.p is not None:
        parts.append(f"(p{'=' if arm.p.relation == '=' else ''}{p_value(arm.p)})")
    return " ".join(parts)


NOTE_KINDS = {
    "departs": "the document departs from the publication",
    "adds": "the publication adds",
    "later": "later evidence",
    "unconfirmed": "not confirmed in the publication",
}


def quote(record: Any) -> str:
    """The sentence of its source a record quotes for its figures, with its grade and where it
    was read: `Quote (grade A, https://...): "..."`."""
    grade = f"grade {record.grade}" if record.grade else None
    where = ", ".join(part for part in (grade, record.url) if part)
    said = f"\u201c{record.quote}\u201d"
    return f"Quote ({where}): {said}" if where else f"Quote: {said}"


def harm(harm: Harm) -> str:
    """A study's harm as printed: the event, its figures per group, and where it was printed."""
    figures = "; ".join(harm_arm(arm, harm.rate_unit) for arm in harm.arms)
    line = f"Harm ({harm.kind.replace('-', ' ')}): {harm.event}"
    if figures:
        line += f": {figures}"
    if harm.p is not None:
        line += f" (p{'=' if harm.p.relation == '=' else ''}{p_value(harm.p)})"
    if harm.finding:
        line += f". {harm.finding}"
    if harm.source:
        line += f" [{harm.source}]"
    if harm.publication:
        line += f" [see {harm.publication}]"
    return line


def harm_arm(arm: HarmArm, rate_unit: str | None) -> str:
    parts = []
    if arm.count is not None:
        parts.append(f"{arm.count}" + (f" of {arm.total}" if arm.total else ""))
    if arm.percent is not None:
        parts.append(f"{number(arm.percent)}%")
    if arm.rate is not None:
        parts.append(f"{number(arm.rate)} {rate_unit or ''}".strip())
    return f"{arm.group} {' '.join(parts)}".strip()


def short_cite(publication: Publication) -> str:
    """A publication as a reader names it: its first author's surname and its year (`Guekht
    2017`), or its id where neither was seen."""
    surname = publication.authors[0].split(" ")[0] if publication.authors else None
    parts = [part for part in (surname, publication.year and str(publication.year)) if part]
    return " ".join(parts) or publication.id


def note(note: SourceNote, measure: str | None = None, cite: Callable[[str], str] = str) -> str:
    """A source note in words, with the figures it gives and the publications it cites, each
    named by CITE (given a publication's id: a short citation, or a reference number)."""
    where = f"{measure}: " if measure else ""
    text = f"{where}Source note ({NOTE_KINDS[note.kind]}): {note.text}"
    if note.figures:
        figures = "; ".join(published_figure(figure, cite) for figure in note.figures)
        text += f" Published figures: {figures}."
    cited = [pid for pid in note.publications if pid not in {f.publication for f in note.figures}]
    if cited:
        text += f" See {', '.join(map(cite, cited))}."
    return text


def published_figure(figure: PublishedFigure, cite: Callable[[str], str] = str) -> str:
    ci = figure.ci
    details = []
    if ci is not None:
        low, high = number(ci.low, figure.decimals), number(ci.high, figure.decimals)
        details.append(f"{number(ci.level * 100)}% CI {low} to {high}")
    if figure.p is not None:
        details.append(f"p{'=' if figure.p.relation == '=' else ''}{p_value(figure.p)}")
    details.append(cite(figure.publication))
    value = f" {number(figure.value, figure.decimals)}" if figure.value is not None else ""
    return f"{figure.label}{value} ({', '.join(details)})"


def registered(publication: Publication) -> str | None:
    """A publication's registry record in words: `Registered NCT05288465: completed, results
    posted; last updated 2024-03-01; read 2026-12-01`, or None without one."""
    record = publication.registered
    if record is None:
        return None
    posted = "results posted" if record.results_posted else "no results posted"
    parts = [f"{record.status}, {posted}"]
    if record.completed:
        parts.append(f"completed {record.completed}")
    if record.last_update:
        parts.append(f"last updated {record.last_update}")
    parts.append(f"read {record.checked}")
    return f"Registered {publication.registration or ''}".rstrip() + ": " + "; ".join(parts)
