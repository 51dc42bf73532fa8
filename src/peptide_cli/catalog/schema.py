"""The JSON Schema of a claims file, generated from the models."""

from __future__ import annotations

import json


def claims_schema() -> str:
    """The schema as indented JSON text, ending with a newline."""
    from pydantic import TypeAdapter

    from peptide_cli.catalog.models import ClaimsFile

    generated = TypeAdapter(ClaimsFile).json_schema()
    _drop_derived(generated)
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **generated,
        "title": "peptide-cli claims file",
        "description": (
            "A catalog of compounds, their health goals with evidence tiers, and the studies "
            "behind them. Cross-references (tiers on the scale, studies named by goals, unique "
            "ids) are checked by `peptide-cli validate`, not by this schema."
        ),
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _drop_derived(schema: dict[str, object]) -> None:
    """Leave out of SCHEMA the fields a claims file does not hold: those a record sets itself
    (`field(init=False)`, such as a study's notices, set when a catalog is merged)."""
    import dataclasses

    from peptide_cli.catalog import models

    definitions = schema.get("$defs")
    if not isinstance(definitions, dict):
        return
    for name, definition in definitions.items():
        record = getattr(models, name, None)
        if not dataclasses.is_dataclass(record) or not isinstance(definition, dict):
            continue
        derived = [f.name for f in dataclasses.fields(record) if not f.init]
        properties = definition.get("properties", {})
        for field_name in derived:
            properties.pop(field_name, None)
