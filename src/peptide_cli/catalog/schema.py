"""The JSON Schema of a claims file, generated from the models."""

from __future__ import annotations

import json


def claims_schema() -> str:
    """The schema as indented JSON text, ending with a newline."""
    from pydantic import TypeAdapter

    from peptide_cli.catalog.models import ClaimsFile

    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **TypeAdapter(ClaimsFile).json_schema(),
        "title": "peptide-cli claims file",
        "description": (
            "A catalog of compounds, their health goals with evidence tiers, and the studies "
            "behind them. Cross-references (tiers on the scale, studies named by goals, unique "
            "ids) are checked by `peptide-cli validate`, not by this schema."
        ),
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
