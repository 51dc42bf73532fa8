"""The JSON contract: goals, studies and the compound as plain JSON-ready objects.

Later versions may add keys to these objects but never remove or rename one (see README).
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from peptide_cli.lookup import Entry
    from peptide_cli.models import Catalog, Compound


def goal_object(catalog: Catalog, entry: Entry, *, studies: bool = False) -> dict[str, Any]:
    """A goal as JSON; with STUDIES, every study behind it nested in full."""
    compound, goal = entry
    backing = [compound.study(study_id) for study_id in goal.studies]
    obj: dict[str, Any] = {
        "compound": compound.id,
        "id": goal.id,
        "name": goal.name,
        "aliases": list(goal.aliases),
        "tier": goal.tier,
        "tier_max": goal.upper_tier,
        "tier_label": catalog.tier_label(goal),
        "summary": goal.summary,
        "limitations": list(goal.limitations),
        "study_count": len(backing),
        "human_study_count": sum(study.species == "human" for study in backing),
        "study_ids": list(goal.studies),
        "reported_study_counts": dict(goal.reported_study_counts),
    }
    if studies:
        obj["studies"] = [study.model_dump(mode="json") for study in backing]
    return obj


def compound_object(compound: Compound) -> dict[str, Any]:
    """The compound's overview: what it is, how it is given, its preparations and mechanisms."""
    obj = compound.model_dump(mode="json", exclude={"goals", "studies"})
    for preparation, dumped in zip(compound.preparations, obj["preparations"], strict=True):
        dumped["mg_per_ml"] = preparation.mg_per_ml
    obj["goal_ids"] = [goal.id for goal in compound.goals]
    return obj


def to_json(value: Any) -> str:
    """Indented JSON; non-ASCII characters (α, ±) are escaped when stdout cannot encode them."""
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    return json.dumps(value, indent=2, ensure_ascii=encoding != "utf8")
