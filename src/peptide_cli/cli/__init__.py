"""The command-line front-end: the Typer app (`commands`), its shared options (`options`), the
lazily built command group (`group`) and the one place that turns errors into exit codes and
ends the process (`exits`)."""

from peptide_cli.cli.commands import app


def main() -> None:
    """Console-script entry point."""
    from peptide_cli.cli.exits import run

    run(app)


__all__ = ["app", "main"]
