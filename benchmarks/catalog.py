"""Synthetic claims files of any size, for the scale benchmarks and tests.

Invented test data: every compound, goal and study here is made up. The catalogs are
deterministic: the same size always gives the same bytes.
"""

from __future__ import annotations

from pathlib import Path

STUDIES_PER_COMPOUND = 100
GOALS_PER_COMPOUND = 20
STUDIES_PER_GOAL = 5
COMPOUNDS_PER_FILE = 100  # 10,000 studies a file

HEADER = """\
# Synthetic claims file for peptide-cli's benchmarks and tests: invented data, not evidence.
schema_version: 1
"""
SCALE = """\
tier_scale:
  - {tier: 1, label: No Evidence, meaning: Nothing found.}
  - {tier: 2, label: Plausible Efficacy, meaning: Some evidence.}
  - {tier: 3, label: Probable Efficacy, meaning: Good evidence.}
"""
DESIGNS = ["meta-analysis", "rct", "observational", "case-series", "animal"]


def compound(index: int) -> str:
    lines = [
        f"  - id: compound-{index}",
        f"    name: Synthetide {index}",
        "    kind: invented test peptide",
        "    summary: Synthetic benchmark data; this compound does not exist.",
        "    source: a generator",
        "    composition: nothing",
        "    administration: {routes: [injection]}",
        "    goals:",
    ]
    for g in range(GOALS_PER_COMPOUND):
        first = g * STUDIES_PER_GOAL
        studies = ", ".join(f"s{first + k}" for k in range(STUDIES_PER_GOAL))
        lines += [
            f"      - id: goal-{g}",
            f"        name: Goal {g} of synthetide {index}",
            f"        aliases: [alias-{index}-{g}]",
            f"        tier: {1 + (g + index) % 3}",
            "        summary: A synthetic goal whose studies are made up for benchmarks.",
            f"        studies: [{studies}]",
        ]
    lines.append("    studies:")
    for s in range(STUDIES_PER_COMPOUND):
        design = DESIGNS[(s + index) % len(DESIGNS)]
        species = "mouse" if design == "animal" else "human"
        n = 10 + (s * 7 + index) % 990
        lines += [
            f"      - id: s{s}",
            f"        label: Synthetic study {s}",
            f"        design: {design}",
            f"        species: {species}",
            f"        population: synthetic population {s % 17}",
            f"        n: {n}",
            "        outcomes:",
            "          - measure: Synthetic score",
            "            effect_type: mean-difference",
            f"            value: {1 + s % 5}.5",
            f"            ci: {{low: {s % 5}.5, high: {2 + s % 5}.5, level: 0.95}}",
            '            p: {relation: "<", value: 0.05}',
            "            better: higher",
            "          - measure: Marker level",
            "            effect_type: qualitative",
            "            finding: Changed.",
        ]
    return "\n".join(lines) + "\n"


def write(folder: Path, studies: int) -> Path:
    """A folder of claims files holding STUDIES studies in all (a multiple of 100)."""
    folder.mkdir(parents=True, exist_ok=True)
    compounds = studies // STUDIES_PER_COMPOUND
    for start in range(0, compounds, COMPOUNDS_PER_FILE):
        end = min(compounds, start + COMPOUNDS_PER_FILE)
        parts = [HEADER, SCALE if start == 0 else "", "compounds:\n"]
        parts += [compound(index) for index in range(start, end)]
        (folder / f"part-{start // COMPOUNDS_PER_FILE:03d}.yaml").write_text(
            "".join(parts), encoding="utf-8"
        )
    return folder


def counts(studies: int) -> dict[str, int]:
    """What `validate` should count in a catalog of STUDIES studies."""
    compounds = studies // STUDIES_PER_COMPOUND
    return {
        "compounds": compounds,
        "goals": compounds * GOALS_PER_COMPOUND,
        "studies": studies,
        "outcomes": studies * 2,
    }
