"""`peptide-cli schema`: print the JSON Schema of a claims file."""

from peptide_cli.cli import options
from peptide_cli.cli.group import command


@command()
def schema() -> None:
    """Print the JSON Schema of a claims file.

    Generated from the tool's own models, for editors that check YAML against a schema. The
    repository ships the same schema as data/claims.schema.json.
    """
    from peptide_cli.catalog.schema import claims_schema

    options.stdout().write(claims_schema())
