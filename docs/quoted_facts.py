"""Write the generated part of docs/sources.md: every fact of the bundled data that carries the
sentence of its source (#27), compound by compound, with where it was read and its grade.

cog runs this from the block in docs/sources.md. To regenerate the page:

    .venv/bin/cog -r docs/sources.md

and to check that it is current (as .ci/run and tests/test_docs.py do):

    .venv/bin/cog --check docs/sources.md

Nothing here is copied by hand: the facts, quotes, addresses and grades are the data's own.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from peptide_cli.catalog.loading import load_catalog
from peptide_cli.catalog.reading import bundled_path
from peptide_cli.render import figures as fmt


def _cell(text: str | None) -> str:
    """TEXT as one Markdown table cell: one line, with its pipes escaped."""
    return " ".join((text or "").split()).replace("|", "\\|")


def _row(fact: str, record: Any) -> str:
    where = record.url or getattr(record, "source", None) or "the study's publication"
    quote = f"\u201c{_cell(record.quote)}\u201d"
    return f"| {_cell(fact)} | {quote} | {_cell(where)} | {record.grade or ''} |"


def _facts(compound: Any) -> Iterator[str]:
    for entry in compound.regulatory:
        if entry.quote:
            when = entry.date or "undated"
            fact = f"{entry.body} ({entry.jurisdiction}), {when}: {entry.status}"
            yield _row(fact, entry)
    for harm in compound.harms:
        if harm.quote:
            yield _row(f"harm: {harm.text}", harm)
    for study in compound.studies:
        if study.quote:
            yield _row(f"{study.label}: n {fmt.sample_size(study)}", study)
        for outcome in study.outcomes:
            if outcome.quote:
                figure = " ".join(
                    part
                    for part in (fmt.result(outcome), fmt.interval(outcome.ci, outcome.decimals))
                    if part
                )
                yield _row(f"{study.label}, {outcome.measure}: {figure}", outcome)
        for harm in study.harms:
            if harm.quote:
                yield _row(f"{study.label}, harm: {fmt.harm(harm)}", harm)


def markdown() -> str:
    """Every quoted fact of the bundled catalog, one table per compound."""
    out = []
    for compound in load_catalog(bundled_path()).compounds:
        rows = list(_facts(compound))
        if not rows:
            continue
        out += [
            f"### {compound.name}",
            "",
            "| fact | quote | where it was read | grade |",
            "| --- | --- | --- | --- |",
            *rows,
            "",
        ]
    return "\n".join(out)
