"""A verdict on a claim, as text or JSON (`peptide-cli check`, the `check_claim` tool)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from peptide_cli.render.safe import clean

if TYPE_CHECKING:
    from peptide_cli.evidence.check import Checked

VERDICT_WORDS = {
    "supported": "supported",
    "overstated": "overstated",
    "contradicted": "contradicted",
    "different-molecule": "different molecule or route",
    "no-human-evidence": "no human evidence",
    "not-in-catalog": "not in the catalog",
    "cannot-judge": "cannot judge: too little understood",
}


def record(checked: Checked) -> dict[str, Any]:
    """The verdict as JSON: the claim, what was understood, the verdict, its rule and the
    studies behind it."""
    return {**checked.as_dict(), "verdict_words": VERDICT_WORDS[checked.verdict]}


def text(checked: Checked) -> str:
    """The verdict in words: what was understood, the verdict and why."""
    said = checked.parsed
    understood = [
        f"compound {said.compound}" if said.compound else "no compound",
        f"goal {said.goal}" if said.goal else "no goal",
    ]
    if said.population:
        understood.append(f"in {said.population}s" if said.population == "human" else "in animals")
    if said.negated:
        understood.append("says it does not work")
    if said.certain:
        understood.append("says it is proven")
    if said.size is not None:
        understood.append(f"size {said.size:g}{said.unit}")
    lines = [
        f"Claim: {checked.claim}",
        f"Understood: {', '.join(understood)}",
        f"Verdict: {VERDICT_WORDS[checked.verdict]}",
        f"Why: {checked.rule}.",
    ]
    if checked.tier is not None:
        lines.append(f"Tier {checked.tier}; certainty {checked.certainty or 'not rated'}.")
    lines += [f"Note: {note}." for note in checked.notes]
    if checked.studies:
        lines.append("Studies: " + "; ".join(checked.studies) + ".")
    return "".join(clean(" ".join(line.split())) + "\n" for line in lines)
