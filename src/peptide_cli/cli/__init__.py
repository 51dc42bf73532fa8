"""The command-line front-end: the Typer app (`commands`), its shared options (`options`), the
lazily built command group (`group`) and the one place that turns errors into exit codes and
ends the process (`exits`).

This module itself imports nothing heavy, so that Ctrl-C while the app is still being imported
ends the process quietly too (see `main`).
"""

from typing import Any


def main() -> None:
    """Console-script entry point."""
    import os

    try:
        from peptide_cli.cli.commands import app
        from peptide_cli.cli.exits import run
    except KeyboardInterrupt:  # Ctrl-C before the app could even start
        os._exit(130)
    run(app)


def __getattr__(name: str) -> Any:
    if name == "app":
        from peptide_cli.cli.commands import app

        return app
    raise AttributeError(name)


__all__ = ["app", "main"]
