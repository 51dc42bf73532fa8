"""What several test modules share: paths, the expected goals and tiers, the built commands.

Test modules import from here (and from `minimal`), never from each other.
"""

import importlib.util
from pathlib import Path

import typer

from peptide_cli.catalog.models import (
    Administration,
    Catalog,
    Compound,
    ConfidenceInterval,
    Goal,
    Outcome,
    Publication,
    RiskOfBias,
    Study,
)
from peptide_cli.cli import app

REPO = Path(__file__).resolve().parents[1]
CLAIMS = REPO / "data" / "claims.yaml"
DATA = Path(__file__).parent / "data"
FOLDER = DATA / "folder"  # alphatide.yaml, betapeptin.yml, gammorelin.yaml (+ a .txt ignored)
TWO = DATA / "two-compounds.yaml"  # alphatide and betapeptin in one file

# The seven compounds the catalog was built with, as error messages name them (a compound added
# later is named too, beside them).
KNOWN_COMPOUNDS = (
    "Cerebrolysin (cerebrolysin)",
    "BPC-157 (bpc-157)",
    "Elamipretide (elamipretide)",
    "Intranasal oxytocin (intranasal-oxytocin)",
    "Semaglutide (semaglutide)",
    "Tesamorelin (tesamorelin)",
    "Thymosin alpha-1 (thymosin-alpha-1)",
)

# (id, name, tier, tier label, stated tier, stated label, studies, human studies), in the
# document's order. The tier is the one the tier rules compute, shown everywhere; the stated
# tier is the source document's, shown beside it.
PROBABLE, PLAUSIBLE, NONE = "Probable Efficacy", "Plausible Efficacy", "No Evidence"
TESTED = "Tested: No Benefit Shown"  # tier 2 where the largest controlled trial found none
GOALS = [
    ("cognition-memory", "Cognition & Memory", 3, PROBABLE, "3", PROBABLE, 2, 2),
    ("stroke-injury-recovery", "Stroke & Injury Recovery", 2, TESTED, "3", PROBABLE, 8, 8),
    ("anti-inflammatory", "Anti-Inflammatory Effects", 2, PLAUSIBLE, "3", PROBABLE, 2, 1),
    ("mood-stress", "Mood & Stress Resilience", 2, PLAUSIBLE, "3", PROBABLE, 4, 3),
    ("sleep", "Sleep Quality", 2, PLAUSIBLE, "2", PLAUSIBLE, 1, 1),
    ("longevity", "Longevity & Age-Related Decline", 2, PLAUSIBLE, "3", PROBABLE, 2, 1),
    ("immune", "Immune Support", 2, PLAUSIBLE, "2", PLAUSIBLE, 1, 1),
    ("energy-mitochondria", "Energy & Mitochondrial Function", 2, PLAUSIBLE, "2", PLAUSIBLE, 2, 0),
    ("hair", "Hair Repigmentation", 2, PLAUSIBLE, "3", PROBABLE, 1, 1),
    ("muscle", "Muscle Growth", 1, NONE, "1", NONE, 0, 0),
    ("athletic", "Athletic Performance", 2, PLAUSIBLE, "1", NONE, 2, 0),
    ("liver-heart", "Liver & Heart Health", 2, PLAUSIBLE, "2-3", "Limited & Indirect", 2, 1),
    ("gut", "Gut Health", 1, NONE, "1", NONE, 0, 0),
]  # fmt: skip

# Cerebrolysin's goals by the tier the rules compute ...
TIER_3 = ["cognition-memory"]
TIER_2 = [
    "stroke-injury-recovery",
    "anti-inflammatory",
    "mood-stress",
    "sleep",
    "longevity",
    "immune",
    "energy-mitochondria",
    "hair",
    "athletic",
    "liver-heart",
]
TIER_1 = ["muscle", "gut"]
# ... and by the tier the source document states (a range by its lower bound).
STATED_3 = [
    "cognition-memory",
    "stroke-injury-recovery",
    "anti-inflammatory",
    "mood-stress",
    "longevity",
    "hair",
]
STATED_2 = ["sleep", "immune", "energy-mitochondria", "liver-heart"]
STATED_1 = ["muscle", "athletic", "gut"]


def every_command() -> dict:
    """Every subcommand, built, by name (the app builds them only when they are run)."""
    group = typer.main.get_command(app)
    ctx = typer.Context(group)
    return {name: group.get_command(ctx, name) for name in group.list_commands(ctx)}


def generator():
    """The benchmark's generator of synthetic claims files (benchmarks/catalog.py)."""
    spec = importlib.util.spec_from_file_location("catalog", REPO / "benchmarks" / "catalog.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cache_entries(folder: Path) -> list[Path]:
    """The catalog entries of the cache FOLDER: not its temporary files, its secret, the
    validator's entry (written by whichever test first builds the validator), or the entries
    of single files of a folder (see `file_entries`)."""
    from peptide_cli.catalog import cache, loading

    validator = loading.validator_entry()
    return sorted(
        p
        for p in folder.iterdir()
        if cache._is_entry(p.name)
        and p.name != validator
        and not p.name.startswith(cache.FILE_PREFIX)
    )


def file_entries(folder: Path) -> list[Path]:
    """The entries of the cache FOLDER that each hold one claims file of a folder."""
    from peptide_cli.catalog import cache

    return sorted(p for p in folder.iterdir() if p.name.startswith(cache.FILE_PREFIX))


# Records the library-level tests build their cases from ----------------------------------------

EMPTY_CATALOG = Catalog(tier_scale=[], compounds=[], mcids=[], files=[])
"""A catalog with nothing in it: the certainty rules ask it only for MCIDs."""

LOW_RISK = RiskOfBias(judgement="low", tool="RoB 2", source="a review", quote="q", grade="A")
"""A risk-of-bias judgement that moves no level."""


def invented_compound(**fields: object) -> Compound:
    """An invented compound (test data, not a real one) with FIELDS: its goals, studies,
    publications, regulatory entries."""
    return Compound(
        id="testium",
        name="Testium",
        kind="invented test compound",
        summary="Test data, not a real compound.",
        source="a test",
        composition="nothing",
        administration=Administration(routes=["oral"]),
        **fields,
    )


# Bodies of evidence: one goal of an invented compound, built from its studies ------------------


def outcome(low=-0.6, high=-0.3, value=None, **fields):
    """A standardised mean difference in pain (lower is better) with its interval."""
    fields.setdefault("measure", "Deaths")
    fields.setdefault("better", "lower")
    value = (low + high) / 2 if value is None else value
    return Outcome(
        effect_type="smd",
        value=value,
        ci=ConfidenceInterval(low=low, high=high),
        **fields,
    )


def study(id, *outcomes, n=1000, design="rct", year=2020, species="human", **fields):
    fields.setdefault("risk_of_bias", LOW_RISK)
    return Study(
        id=id,
        label=id.upper(),
        design=design,
        species=species,
        population=".",
        n=n,
        publication=id,
        outcomes=list(outcomes),
        **fields,
    ), Publication(id=id, year=year)


def compound(*made, **goal):
    studies = [s for s, _ in made]
    goal.setdefault("studies", [s.id for s in studies])
    found = Goal(id="g", name="G", summary=".", **goal)
    made_compound = invented_compound(
        goals=[found], publications=[p for _, p in made], studies=studies
    )
    return made_compound, found


def problems(tmp_path, run, text):
    path = tmp_path / "claims.yaml"
    path.write_text(text.replace("schema_version: 1", "schema_version: 2"), encoding="utf-8")
    result = run("validate", str(path))
    return result.exit_code, result.stdout + result.stderr


def version_line() -> str:
    """What --version prints: the code's version, and the data's latest release."""
    from peptide_cli import __version__
    from peptide_cli.catalog.history import read_changelog

    latest = read_changelog(REPO / "data").latest
    return f"peptide-cli {__version__} (data {latest.version}, released {latest.date})\n"
