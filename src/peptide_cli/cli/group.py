"""The root command group: imports and builds a subcommand only when it is run.

Typer would build every command (reading each signature) on every start; `peptide-cli
--version` or `goals` needs none of the others. So each command lives in a module of its own,
which a subclass of `LazyGroup` names (`modules`); the group imports a command's module only
when that command is run or described, the module's `command` decorator keeps it aside
(COMMANDS), and `LazyGroup.get_command` builds the one asked for. This leans on two typer
internals, `typer.models.CommandInfo` and `typer.main.get_command_from_info`, which is one
reason typer is pinned (see pyproject.toml).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from typer.core import TyperGroup

from peptide_cli.cli import exits
from peptide_cli.render.stream import safe_streams

if TYPE_CHECKING:
    from collections.abc import Sequence

COMMANDS: dict[str, Any] = {}  # name -> typer's CommandInfo, of each command module imported


def command(name: str | None = None) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a command of the app, to be built only when it is run (see LazyGroup)."""
    from typer.models import CommandInfo

    def register(function: Callable[..., Any]) -> Callable[..., Any]:
        chosen = name or function.__name__.replace("_", "-")
        COMMANDS[chosen] = CommandInfo(name=chosen, callback=function)
        return function

    return register


class LazyGroup(TyperGroup):
    """The root command: lists every command of `modules`, imports and builds only the one
    that runs, and turns what it raises into an exit code (see `exits`)."""

    # each command's name -> the module that defines it, in the package of the subclass that
    # sets this (so `commands`), in the order `--help` lists them
    modules: ClassVar[dict[str, str]] = {}

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.modules)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.modules:
            return None
        if cmd_name not in self.commands:
            from typer.main import get_command_from_info

            self.commands[cmd_name] = get_command_from_info(
                self._info(cmd_name), pretty_exceptions_short=True, rich_markup_mode=None
            )
        return self.commands[cmd_name]

    def _info(self, name: str) -> Any:
        """Command NAME as its module registers it, the module imported first if need be."""
        if name not in COMMANDS:
            from importlib import import_module

            import_module(f"{type(self).__module__}.{self.modules[name]}")
        return COMMANDS[name]

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """As click does, with the closest command suggested for a typo (`gaols`)."""
        name = args[0] if args else ""
        if name and not name.startswith("-") and name not in self.modules:
            from difflib import get_close_matches

            close = get_close_matches(name, list(self.modules), n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            ctx.fail(f"No such command {name!r}.{hint}")
        return super().resolve_command(ctx, args)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The list of commands in --help, from their docstrings, without building them."""
        rows = [(name, _first_line(self._info(name).callback)) for name in self.modules]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        safe_streams(sys.stdout, sys.stderr)
        code = exits.outcome(
            lambda: super(LazyGroup, self).main(
                args, prog_name or exits.PROG, complete_var, standalone_mode=False, **extra
            )
        )
        if standalone_mode:
            sys.exit(code)
        return code


def _first_line(function: Any) -> str:
    return (function.__doc__ or "").strip().split("\n", 1)[0]
