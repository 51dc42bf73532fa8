"""Rich tables and views for people reading in a terminal.

Every piece of data is put in a `Text` (never a string Rich would read as markup), and `Text`
here shows control characters instead of sending them (see `safe`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Group, RenderableType
from rich.padding import Padding

from peptide_cli.evidence.certainty import CERTAINTY_OF_GOAL, LABEL, NOT_RATED, not_counted
from peptide_cli.evidence.citations import source_status
from peptide_cli.render import document
from peptide_cli.render import figures as fmt
from peptide_cli.render.document import BLANK, Block, Bullets, Flags, Heading, Line, Plots, Rows
from peptide_cli.render.records import document_says
from peptide_cli.render.references import text as reference_text
from peptide_cli.render.tables import Column, Grid, Text, simple_table

if TYPE_CHECKING:
    from collections.abc import Callable

    from peptide_cli.catalog.models import Compound, Outcome, Study
    from peptide_cli.evidence import Appraisal
    from peptide_cli.evidence.certainty import Assessed


def _stated(appraised: Appraisal) -> str:
    """` · stated 3 (Probable Efficacy)`: the tier a source states, beside the computed one."""
    if appraised.tier.stated_range is None:
        return ""
    return f" · stated {appraised.tier.stated_range} ({appraised.stated_label})"


def goal_view(appraised: Appraisal, *, plain: bool = False, quotes: bool = False) -> RenderableType:
    """Everything about one goal, for a terminal. PLAIN draws forest plots in ASCII, for pipes
    and files; QUOTES adds, under each figure that carries one, the sentence of its source."""
    return document.rich(goal_blocks(appraised, plain=plain, quotes=quotes))


def goal_markdown(appraised: Appraisal, *, quotes: bool = False) -> str:
    """Everything about one goal, as Markdown for notes (plots in ASCII)."""
    return document.markdown(goal_blocks(appraised, plain=True, quotes=quotes))


def goal_blocks(appraised: Appraisal, *, plain: bool, quotes: bool) -> list[Block]:
    """The goal's view, declared once for the terminal and for Markdown."""
    compound, goal = appraised.compound, appraised.goal
    blocks: list[Block] = [
        Heading(goal.name, level=1, tag=goal.id),
        Line(
            f"Tier {appraised.tier.tier} · {appraised.tier_label} · {compound.name}"
            + _stated(appraised),
            "bold",
        ),
        Line(_profile_line(appraised.profile), "dim"),
        Line(_certainty_line(appraised), "dim"),
    ]
    if goal.population:
        blocks.append(Line(f"Population: the evidence is about {goal.population}", "bold"))
    blocks.append(
        Line(
            f"Tier {appraised.tier.tier} by the tier rules ({appraised.tier.rule}: "
            f"{appraised.tier.why})",
            "dim",
        )
    )
    if appraised.flags:
        blocks.append(Flags([(f.severity, f.code, f.reason) for f in appraised.flags]))
    if goal.aliases:
        blocks.append(Line(f"Also known as: {', '.join(goal.aliases)}", "dim"))
    blocks += [BLANK, Line(goal.summary)]
    if goal.limitations or goal.reported_study_counts:
        bullets = list(goal.limitations)
        if goal.reported_study_counts:
            counts = ", ".join(
                fmt.count(count, design) for design, count in goal.reported_study_counts.items()
            )
            bullets.append(f"Studies the document counts in all: {counts}.")
        blocks += [BLANK, Heading("Limitations"), Bullets(bullets)]
    from peptide_cli.evidence.absence import card

    blocks += [BLANK, Heading("What this evidence could not show")]
    blocks.append(Bullets(card(compound, goal).statements))
    blocks += [BLANK, Heading(f"Studies ({len(goal.studies)})")]
    if not goal.studies:
        blocks.append(Line("  None.", "dim"))
    assessed = {id(a.outcome): a for a in appraised.outcomes}
    for study in appraised.studies:
        indirect = goal.indirect.get(study.id)
        blocks += [BLANK, *_study_blocks(compound, study, indirect, plain, assessed, quotes)]
    return blocks


def _certainty_line(appraised: Appraisal) -> str:
    level = appraised.certainty or "none"
    return f"{CERTAINTY_OF_GOAL}: {level} ({appraised.certainty_basis}); a {LABEL}"


def _profile_line(profile: Any) -> str:
    designs = ", ".join(
        fmt.count(count, design) for design, count in profile.designs.items() if count
    )
    people = profile.human_participants
    if people is None:
        people_text = "human participants not counted"
    else:
        people_text = f"{'at least ' if profile.human_participants_at_least else ''}{people} "
        people_text += "human participant" + ("" if people == 1 else "s")
    strongest = profile.strongest_design
    strongest_text = f"strongest: {fmt.DESIGN_LABELS[strongest]}" if strongest else "no studies"
    return " · ".join(part for part in (designs, people_text, strongest_text) if part)


def _study_blocks(
    compound: Compound,
    study: Study,
    indirect: str | None,
    plain: bool,
    assessed: dict[int, Assessed],
    quotes: bool = False,
) -> list[Block]:
    facts = [fmt.design(study)]
    if study.species is not None:
        facts.append(study.species)
    if study.size[0] is not None:
        facts.append(f"n={fmt.sample_size(study)}")
    if study.trials is not None:
        facts.append(f"{study.trials} trials")
    facts.append(study.population)
    if study.comparator is not None:
        facts.append(f"vs {study.comparator}")
    if study.dose is not None:
        facts.append(f"dose {fmt.number(study.dose.value)} {study.dose.unit}")
    if study.based_on is not None:
        facts.append(f"based on {compound.study(study.based_on).label}")
    says = document_says(study, None)
    if says:
        facts.append(f"the document says {says}")
    if study.publication is not None:
        source = reference_text(compound.publication(study.publication))
    elif study.probable_publication is not None:
        probable = reference_text(compound.publication(study.probable_publication))
        source = f"no confirmed source; a probable match, not confirmed: {probable}"
    else:
        status = source_status(study)
        source = "no confirmed source" + (
            " (looked for, none found)" if status == "not found" else " (not looked up)"
        )
    lines = [f"Source: {source}"]
    if study.publication is not None:
        record = fmt.registered(compound.publication(study.publication))
        lines += [record] if record else []
        for fix in compound.publication(study.publication).corrections:
            state = "read" if fix.read else "listed but not read"
            affects = f"; it may change: {', '.join(fix.affects)}" if fix.affects else ""
            lines.append(f"Correction ({fix.kind}, {state}){affects}. {fix.note or ''}".strip())
    if study.industry:
        lines.append(f"Industry: {study.industry}")
    if indirect:
        lines.append(f"Indirect evidence for this goal: {indirect}.")
    if not study.counts:
        lines.append(f"Listed, but not counted for this goal: {not_counted(study)}.")
    elif study.notices:
        lines += [f"Notice: {notice}." for notice in study.notices]
    cite = _citer(compound)
    lines += [fmt.note(note, cite=cite) for note in study.source_notes]
    if quotes and study.quote:
        lines.append(f"Size: {fmt.quote(study)}")
    shown = [o for o in study.outcomes if id(o) in assessed]
    return [
        Heading(study.label, level=3, tag=study.id),
        Line(" · ".join(facts), "dim"),
        Bullets(lines, "dim"),
        *_outcomes(compound, shown, plain, assessed, quotes),
        *_harms(study, quotes),
    ]


def _harms(study: Study, quotes: bool = False) -> list[Block]:
    """A study's harms, as printed: each event with its figures per group (and, with QUOTES,
    the sentence that states them)."""
    if not study.harms:
        return []
    lines = []
    for harm in study.harms:
        lines.append(fmt.harm(harm))
        if quotes and harm.quote:
            lines.append(f"{harm.event}: {fmt.quote(harm)}")
    return [Bullets(lines, "dim")]


def _outcomes(
    compound: Compound,
    outcomes: list[Outcome],
    plain: bool,
    assessed: dict[int, Assessed],
    quotes: bool = False,
) -> list[Block]:
    """A table of outcomes (columns no outcome fills are left out), then notes and plots."""
    table = Grid(
        [
            Column("Measure", [_measure(o) for o in outcomes], {"ratio": 3}),
            Column("Effect", [fmt.EFFECT_LABELS[o.effect_type] for o in outcomes], {"ratio": 2}),
            Column("Result", [fmt.result(o) for o in outcomes], {"ratio": 4}),
            Column("CI", [fmt.interval(o.ci, o.decimals) for o in outcomes], {"ratio": 2}),
            Column("p", [fmt.p_value(o.p) for o in outcomes], {"no_wrap": True}),
            Column("When", [fmt.timepoint(o.when) for o in outcomes], {"ratio": 1}),
            Column(
                "Certainty",
                [assessed[id(o)].certainty.level or NOT_RATED for o in outcomes],
                {"no_wrap": True},
            ),
        ]
    )
    notes = [
        f"{_measure(o)}: {extra}"
        for o in outcomes
        for extra in (o.finding, o.note)
        if extra and extra != fmt.result(o)
    ]
    notes += [
        f"{_measure(o)}: the document times it {fmt.timepoint(o.timepoint)}."
        for o in outcomes
        if o.published_timepoint is not None and o.timepoint is not None
    ]
    cite = _citer(compound)
    notes += [fmt.note(n, _measure(o), cite) for o in outcomes for n in o.source_notes]
    if quotes:
        notes += [f"{_measure(o)}: {fmt.quote(o)}" for o in outcomes if o.quote]
    notes += [f"{_measure(o)}: Reading: {assessed[id(o)].reading.text}" for o in outcomes]
    notes += [
        f"{_measure(o)}: Published rating: {rating.level} ({rating.scope}; {rating.source})"
        for o in outcomes
        for rating in o.published_ratings
    ]
    blocks: list[Block] = [Rows(table)] if outcomes else []
    if notes:
        blocks.append(Bullets(notes, "dim"))
    from peptide_cli.render import forest  # only views with plots need it

    glyphs = forest.ASCII if plain else forest.UNICODE
    plotted = [o for o in outcomes if forest.plottable(o)]
    if plotted:
        blocks.append(
            Plots(
                [
                    (
                        o.measure,
                        forest.draw(o, glyphs=glyphs),
                        forest.legend(o, compound.name, glyphs),
                    )
                    for o in plotted
                ]
            )
        )
    return blocks


def _citer(compound: Compound) -> Callable[[str], str]:
    """Names a publication of COMPOUND by its id as a reader names it (`Guekht 2017`)."""
    return lambda publication_id: fmt.short_cite(compound.publication(publication_id))


def _measure(outcome: Outcome) -> str:
    if outcome.components is None:
        return outcome.measure
    return f"{outcome.measure} ({outcome.components} components)"


def compound_view(compound: Compound) -> RenderableType:
    parts: list[RenderableType] = [
        Text.assemble((compound.name, "bold cyan"), f" · {compound.kind}"),
        Text(),
        Text(compound.summary),
        Text(),
    ]
    facts = [
        ("Source", compound.source),
        ("Composition", compound.composition),
        ("Given by", _joined(compound.administration.routes, compound.administration.note)),
        ("Status", ", ".join(compound.use.status)),
        ("Used in", ", ".join(compound.use.regions)),
        ("Used for", ", ".join(compound.use.indications)),
    ]
    for label, value in facts:
        if value:
            parts.append(Text.assemble((f"{label}: ", "bold"), value))

    preparations = simple_table()
    preparations.add_column("Volume (mL)", justify="right")
    preparations.add_column("Peptide fraction (mg)", justify="right")
    preparations.add_column("mg per mL (computed)", justify="right")
    for preparation in compound.preparations:
        preparations.add_row(
            fmt.number(preparation.volume_ml),
            fmt.number(preparation.peptide_mg),
            fmt.number(round(preparation.mg_per_ml, 2)),
        )
    if compound.preparations:
        parts += [Text(), Text("Preparations", style="bold"), preparations]
        parts.append(
            Text(
                "mg per mL is this tool's division of the two figures above; no source states it.",
                style="dim",
            )
        )
    if compound.preparations_note:
        parts.append(Text(compound.preparations_note, style="dim"))

    if compound.regulatory:
        from datetime import date

        from peptide_cli.evidence.regulatory import REPORTED, status_on

        today = date.today()
        parts += [Text(), Text(f"Regulatory status as of {today.isoformat()}", style="bold")]
        lines = []
        for track in status_on(compound, today):
            entry = track.current
            if entry is None:
                lines.append(f"{track.name}: no confirmed status")
            else:
                line = f"{entry.body} ({entry.jurisdiction}): {entry.status}"
                if entry.date:
                    line += f", {entry.date}"
                for name, detail in (
                    ("for", entry.indication),
                    ("based on", entry.basis),
                    ("warning", entry.warning),
                    ("source", entry.source),
                    ("grade", entry.grade),
                    ("checked", entry.checked),
                ):
                    if detail:
                        line += f"; {name}: {detail}"
                lines.append(line)
            doubt = "possibly out of date" if track.possibly_out_of_date else "reported"
            lines += [
                f"{doubt}: {e.status} ({e.date or 'undated'}; {REPORTED})" for e in track.reported
            ]
        parts.append(document.rich([Bullets(lines)]))
        parts.append(
            Text(
                f"The dated timeline: peptide-cli status {compound.id} (--as-of DATE for "
                "another day).",
                style="dim",
            )
        )
    if compound.harms:
        parts += [Text(), Text("Harms", style="bold")]
        harms = [f"{harm.text} (source: {harm.source})" for harm in compound.harms]
        parts.append(document.rich([Bullets(harms)]))
    if compound.mechanisms:
        parts += [Text(), Text("Mechanisms of action", style="bold")]
    for mechanism in compound.mechanisms:
        parts += [
            Padding(Text(mechanism.name, style="bold"), (0, 0, 0, 2)),
            Padding(Text(mechanism.summary), (0, 0, 0, 4)),
            Padding(Text(f"Targets: {', '.join(mechanism.targets)}", style="dim"), (0, 0, 0, 4)),
        ]
    return Group(*parts)


def _joined(items: list[str], note: str | None) -> str:
    text = ", ".join(items)
    return f"{text} ({note})" if note else text
